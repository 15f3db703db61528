//! The days no rule gives, entered as data: Kurban ait's dates (the lunar calendar, announced each
//! year) and the government's decreed transfers (a `DayOff` and a `WorkingDay` row). The seed of
//! the `calendar_days` table, where an administrator adds the coming years; the holidays with a
//! fixed date and their moved days off come from the law's rules (`law.rs`) for any year.

use super::{Date, DayKind};
use crate::lang::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYear,
    OrthodoxChristmas,
    WomensDay,
    Nauryz,
    UnityDay,
    DefendersDay,
    VictoryDay,
    KurbanAit,
    CapitalDay,
    ConstitutionDay,
    RepublicDay,
    IndependenceDay,
}

impl Holiday {
    pub fn name(self) -> Text {
        match self {
            Holiday::NewYear => Text::new("Жаңа жыл", "Новый год"),
            Holiday::OrthodoxChristmas => {
                Text::new("Православиелік Рождество", "Православное Рождество")
            }
            Holiday::WomensDay => {
                Text::new("Халықаралық әйелдер күні", "Международный женский день")
            }
            Holiday::Nauryz => Text::new("Наурыз мейрамы", "Наурыз мейрамы"),
            Holiday::UnityDay => Text::new(
                "Қазақстан халқының бірлігі мерекесі",
                "Праздник единства народа Казахстана",
            ),
            Holiday::DefendersDay => Text::new("Отан қорғаушы күні", "День защитника Отечества"),
            Holiday::VictoryDay => Text::new("Жеңіс күні", "День Победы"),
            Holiday::KurbanAit => Text::new("Құрбан айт", "Курбан айт"),
            Holiday::CapitalDay => Text::new("Астана күні", "День столицы"),
            Holiday::ConstitutionDay => Text::new("Конституция күні", "День Конституции"),
            Holiday::RepublicDay => Text::new("Республика күні", "День Республики"),
            Holiday::IndependenceDay => Text::new("Тәуелсіздік күні", "День Независимости"),
        }
    }

    /// Whether its rest moves to the next working day when it falls on a weekend.
    pub fn moves_off_weekend(self) -> bool {
        !matches!(self, Holiday::OrthodoxChristmas | Holiday::KurbanAit)
    }
}

/// One row of the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedDay {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub kind: DayKind,
    pub holiday: Holiday,
}

impl SeedDay {
    pub fn date(self) -> Date {
        Date::new(self.year, self.month, self.day).unwrap_or_else(|| Date::from_days(0))
    }
}

pub use table::ENTERED_2025_2027;

/// The rows, in a module of their own so the holiday names can be written bare.
mod table {
    use super::{DayKind, Holiday, SeedDay};

    const fn holiday(year: i32, month: u8, day: u8, holiday: Holiday) -> SeedDay {
        SeedDay { year, month, day, kind: DayKind::Holiday, holiday }
    }

    use Holiday::KurbanAit;

    /// Kurban ait does not move off a weekend (Labour Code, art. 85 p. 2 excepts religious
    /// holidays).
    pub const ENTERED_2025_2027: &[SeedDay] = &[
        holiday(2025, 6, 6, KurbanAit),
        holiday(2026, 5, 27, KurbanAit),
        holiday(2027, 5, 16, KurbanAit),
    ];
}
