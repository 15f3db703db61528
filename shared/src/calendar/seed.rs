//! Kazakhstan's public holidays and their moved days off for 2025–2027: the seed of the calendar
//! table. Religious holidays (Orthodox Christmas, Kurban Ait) do not move when they fall on a
//! weekend; the others do (Labour Code, art. 85). A government decree moving a day off is entered
//! as a `DayOff` and a `WorkingDay` row.

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

pub use table::KAZAKHSTAN_2025_2027;

/// The rows, in a module of their own so the holiday names can be written bare.
mod table {
    use super::{DayKind, Holiday, SeedDay};

    const fn holiday(year: i32, month: u8, day: u8, holiday: Holiday) -> SeedDay {
        SeedDay { year, month, day, kind: DayKind::Holiday, holiday }
    }

    /// The rest of a holiday that fell on a weekend.
    const fn moved(year: i32, month: u8, day: u8, holiday: Holiday) -> SeedDay {
        SeedDay { year, month, day, kind: DayKind::DayOff, holiday }
    }

    use Holiday::{
        CapitalDay, ConstitutionDay, DefendersDay, IndependenceDay, KurbanAit, Nauryz, NewYear,
        OrthodoxChristmas, RepublicDay, UnityDay, VictoryDay, WomensDay,
    };

    pub const KAZAKHSTAN_2025_2027: &[SeedDay] = &[
        // 2025
        holiday(2025, 1, 1, NewYear),
        holiday(2025, 1, 2, NewYear),
        holiday(2025, 1, 7, OrthodoxChristmas),
        holiday(2025, 3, 8, WomensDay),
        moved(2025, 3, 10, WomensDay),
        holiday(2025, 3, 21, Nauryz),
        holiday(2025, 3, 22, Nauryz),
        holiday(2025, 3, 23, Nauryz),
        moved(2025, 3, 24, Nauryz),
        moved(2025, 3, 25, Nauryz),
        holiday(2025, 5, 1, UnityDay),
        holiday(2025, 5, 7, DefendersDay),
        holiday(2025, 5, 9, VictoryDay),
        holiday(2025, 6, 6, KurbanAit),
        holiday(2025, 7, 6, CapitalDay),
        moved(2025, 7, 7, CapitalDay),
        holiday(2025, 8, 30, ConstitutionDay),
        moved(2025, 9, 1, ConstitutionDay),
        holiday(2025, 10, 25, RepublicDay),
        moved(2025, 10, 27, RepublicDay),
        holiday(2025, 12, 16, IndependenceDay),
        // 2026
        holiday(2026, 1, 1, NewYear),
        holiday(2026, 1, 2, NewYear),
        holiday(2026, 1, 7, OrthodoxChristmas),
        holiday(2026, 3, 8, WomensDay),
        moved(2026, 3, 9, WomensDay),
        holiday(2026, 3, 21, Nauryz),
        holiday(2026, 3, 22, Nauryz),
        holiday(2026, 3, 23, Nauryz),
        moved(2026, 3, 24, Nauryz),
        moved(2026, 3, 25, Nauryz),
        holiday(2026, 5, 1, UnityDay),
        holiday(2026, 5, 7, DefendersDay),
        holiday(2026, 5, 9, VictoryDay),
        moved(2026, 5, 11, VictoryDay),
        holiday(2026, 5, 27, KurbanAit),
        holiday(2026, 7, 6, CapitalDay),
        holiday(2026, 8, 30, ConstitutionDay),
        moved(2026, 8, 31, ConstitutionDay),
        holiday(2026, 10, 25, RepublicDay),
        moved(2026, 10, 26, RepublicDay),
        holiday(2026, 12, 16, IndependenceDay),
        // 2027
        holiday(2027, 1, 1, NewYear),
        holiday(2027, 1, 2, NewYear),
        moved(2027, 1, 4, NewYear),
        holiday(2027, 1, 7, OrthodoxChristmas),
        holiday(2027, 3, 8, WomensDay),
        holiday(2027, 3, 21, Nauryz),
        holiday(2027, 3, 22, Nauryz),
        holiday(2027, 3, 23, Nauryz),
        moved(2027, 3, 24, Nauryz),
        holiday(2027, 5, 1, UnityDay),
        moved(2027, 5, 3, UnityDay),
        holiday(2027, 5, 7, DefendersDay),
        holiday(2027, 5, 9, VictoryDay),
        moved(2027, 5, 10, VictoryDay),
        holiday(2027, 5, 16, KurbanAit),
        holiday(2027, 7, 6, CapitalDay),
        holiday(2027, 8, 30, ConstitutionDay),
        holiday(2027, 10, 25, RepublicDay),
        holiday(2027, 12, 16, IndependenceDay),
    ];
}
