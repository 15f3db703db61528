//! Powers of attorney (сенімхат / доверенность): a person or a company, the principal, lets
//! another person, the representative, file and sign requests for chosen services in its name
//! until a date. The principal signs the grant with their digital signature and may revoke it;
//! the rule of what a grant may say is written once here for the browser and the server.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::catalog::ServiceCode;
use crate::form::FieldError;
use crate::id::IdNumber;
use crate::lang::Text;
use crate::request::{fields, json_string};

/// The longest term a power of attorney may have (Civil Code of Kazakhstan, art. 170).
pub const MAX_YEARS: i32 = 3;

/// `POST /api/v1/powers`: the grant as the principal signed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPower {
    /// The representative's IIN.
    pub representative: String,
    pub services: Vec<ServiceCode>,
    /// The last day the power holds (inclusive, Kazakhstan time), `YYYY-MM-DD`.
    pub valid_until: String,
    /// CMS SignedData (base64 of its DER) over `Grant::signed_bytes`, by the principal's
    /// signing key.
    pub cms: String,
}

/// What a principal grants and signs. Browser and server derive the same bytes from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant<'a> {
    /// The principal's IIN or BIN.
    pub principal: &'a str,
    /// The representative's IIN, as typed.
    pub representative: &'a str,
    pub services: &'a [ServiceCode],
    /// The last day, `YYYY-MM-DD`, as typed.
    pub valid_until: &'a str,
}

impl<'a> From<(&'a str, &'a NewPower)> for Grant<'a> {
    fn from((principal, new): (&'a str, &'a NewPower)) -> Grant<'a> {
        Grant {
            principal,
            representative: &new.representative,
            services: &new.services,
            valid_until: &new.valid_until,
        }
    }
}

impl Grant<'_> {
    /// The last day, when it is a date.
    pub fn until(&self) -> Option<Date> {
        Date::parse(self.valid_until.trim())
    }

    /// What is wrong with the grant on `today`, field by field: the representative must be
    /// another person (an IIN), at least one service chosen, and the term from today to at most
    /// `MAX_YEARS` years ahead.
    pub fn mistakes(&self, today: Date) -> Vec<FieldError> {
        let mut mistakes = Vec::new();
        let mut wrong = |field: &str, message: Text| {
            mistakes.push(FieldError { field: field.to_owned(), message });
        };
        match IdNumber::parse(self.representative) {
            Err(why) => wrong("representative", why.message()),
            Ok(IdNumber::Bin(_)) => wrong(
                "representative",
                Text::new(
                    "Сенімхат жеке тұлғаға беріледі: өкілдің ЖСН-ын енгізіңіз.",
                    "Доверенность выдаётся физическому лицу: введите ИИН представителя.",
                ),
            ),
            Ok(iin) if iin.to_string() == self.principal => wrong(
                "representative",
                Text::new(
                    "Өзіңізге сенімхат беруге болмайды: өкілдің ЖСН-ын енгізіңіз.",
                    "Нельзя выдать доверенность самому себе: введите ИИН представителя.",
                ),
            ),
            Ok(_) => {}
        }
        if self.services.is_empty() {
            wrong(
                "services",
                Text::new(
                    "Өкіл қандай қызметтерді ала алатынын таңдаңыз (кемінде біреуін).",
                    "Выберите услуги, которые представитель может получать (хотя бы одну).",
                ),
            );
        }
        let latest = latest_end(today);
        let until = self.until();
        if until.is_none() {
            wrong(
                "valid_until",
                Text::new(
                    "Сенімхаттың соңғы күнін енгізіңіз: күні, айы, жылы.",
                    "Укажите последний день действия доверенности: число, месяц, год.",
                ),
            );
        } else if until < Some(today) {
            wrong(
                "valid_until",
                Text::new(
                    "Мерзім өткен күнмен аяқтала алмайды: бүгіннен кейінгі күнді таңдаңыз.",
                    "Срок не может закончиться в прошлом: выберите сегодняшний или более поздний день.",
                ),
            );
        } else if until > Some(latest) {
            let last = latest.dotted();
            wrong(
                "valid_until",
                Text {
                    kk: Cow::Owned(format!(
                        "Сенімхат үш жылдан аспайды (ҚР АК 170-бабы): {last} күнінен кешіктірмей таңдаңыз."
                    )),
                    ru: Cow::Owned(format!(
                        "Доверенность выдаётся не более чем на три года (ст. 170 ГК РК): выберите дату не позднее {last}."
                    )),
                },
            );
        }
        mistakes
    }

    /// Compact JSON, keys in a fixed order, services sorted: the canonical bytes the principal's
    /// signature covers. It opens with `"signs":"power_of_attorney"`, so no other signed bytes
    /// can pass for it.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let mut services: Vec<&str> = self.services.iter().map(|s| s.as_str()).collect();
        services.sort_unstable();
        services.dedup();
        let until =
            self.until().map_or_else(|| self.valid_until.trim().to_owned(), |d| d.to_string());
        let mut out = String::from("{");
        fields(
            &mut out,
            &[
                ("signs", "power_of_attorney"),
                ("principal", self.principal),
                ("representative", self.representative.trim()),
                ("valid_until", &until),
            ],
        );
        out.push_str(",\"services\":[");
        let quoted: Vec<String> = services.into_iter().map(json_string).collect();
        out.push_str(&quoted.join(","));
        out.push_str("]}");
        out.into_bytes()
    }
}

/// The last day a power granted on `today` may hold: the same day `MAX_YEARS` years on (the 28th
/// of February for a grant on the 29th).
pub fn latest_end(today: Date) -> Date {
    let year = today.year() + MAX_YEARS;
    Date::new(year, today.month(), today.day())
        .or_else(|| Date::new(year, today.month(), today.day() - 1))
        .unwrap_or(today)
}

/// Whether a power holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PowerState {
    Active,
    /// Its last day has passed.
    Expired,
    /// The principal revoked it.
    Revoked,
}

impl PowerState {
    pub fn title(self) -> Text {
        match self {
            PowerState::Active => Text::new("Күшінде", "Действует"),
            PowerState::Expired => Text::new("Мерзімі өтті", "Срок истёк"),
            PowerState::Revoked => Text::new("Кері қайтарылды", "Отозвана"),
        }
    }
}

/// A power of attorney as its principal and its representative see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PowerView {
    pub id: i64,
    pub principal_id_number: String,
    pub principal_name: String,
    pub representative: String,
    /// The representative's name, as the registry of individuals has it.
    pub representative_name: String,
    pub services: Vec<ServiceCode>,
    pub valid_until: Date,
    pub granted_at: i64,
    pub revoked_at: Option<i64>,
    pub state: PowerState,
}

impl PowerView {
    /// Whether the representative may file for `service` under it now.
    pub fn covers(&self, service: ServiceCode) -> bool {
        self.state == PowerState::Active && self.services.contains(&service)
    }
}

/// `GET /api/v1/powers`: the powers the signed-in person or company granted, and those granted
/// to them, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Powers {
    pub granted: Vec<PowerView>,
    pub received: Vec<PowerView>,
}

/// The representative acting under a power of attorney, as a request shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Representative {
    pub iin: String,
    pub name: String,
    /// The power's last day.
    pub valid_until: Date,
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPANY: &str = "150440002179";
    const AGENT: &str = "920711300344";

    fn grant<'a>(
        representative: &'a str,
        services: &'a [ServiceCode],
        until: &'a str,
    ) -> Grant<'a> {
        Grant { principal: COMPANY, representative, services, valid_until: until }
    }

    fn fields_of(mistakes: &[FieldError]) -> Vec<&str> {
        mistakes.iter().map(|m| m.field.as_str()).collect()
    }

    #[test]
    fn a_grant_to_another_person_for_some_services_within_three_years_is_right() {
        let today = Date::new(2026, 11, 23).unwrap();
        let services = &[ServiceCode::PeriodicalsRegistration];
        assert!(grant(AGENT, services, "2026-11-23").mistakes(today).is_empty());
        assert!(grant(AGENT, services, " 2029-11-23 ").mistakes(today).is_empty());
        let too_late = grant(AGENT, services, "2029-11-24").mistakes(today);
        assert_eq!(fields_of(&too_late), ["valid_until"]);
        assert!(too_late[0].message.ru.contains("23.11.2029"), "{:?}", too_late[0].message);
        for wrong in ["2026-11-22", "", "23.11.2027", "2027-02-30"] {
            let mistakes = grant(AGENT, services, wrong).mistakes(today);
            assert_eq!(fields_of(&mistakes), ["valid_until"], "{wrong:?}");
        }
    }

    #[test]
    fn each_wrong_part_of_a_grant_is_named() {
        let today = Date::new(2026, 11, 23).unwrap();
        // A company, oneself, a mistyped number, no services.
        for representative in [COMPANY, "92071130034", "920711300345"] {
            let mistakes = grant(representative, &[], "2027-01-01").mistakes(today);
            assert_eq!(fields_of(&mistakes), ["representative", "services"], "{representative}");
        }
        let me =
            Grant { principal: AGENT, ..grant(AGENT, &[ServiceCode::ForeignMedia], "2027-01-01") };
        assert_eq!(fields_of(&me.mistakes(today)), ["representative"]);
    }

    #[test]
    fn a_leap_day_grant_ends_on_the_last_day_of_february() {
        let leap = Date::new(2028, 2, 29).unwrap();
        assert_eq!(latest_end(leap), Date::new(2031, 2, 28).unwrap());
    }

    #[test]
    fn the_signed_bytes_are_canonical_json_of_its_own_kind() {
        let until = "2027-12-31";
        let services = [ServiceCode::PeriodicalsRegistration, ServiceCode::ForeignMedia];
        let bytes = grant(AGENT, &services, until).signed_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text,
            "{\"signs\":\"power_of_attorney\",\"principal\":\"150440002179\",\"representative\":\"920711300344\",\"valid_until\":\"2027-12-31\",\"services\":[\"foreign-media\",\"periodicals-registration\"]}"
        );
        // The order the services were ticked in does not matter.
        let reversed = [ServiceCode::ForeignMedia, ServiceCode::PeriodicalsRegistration];
        assert_eq!(grant(AGENT, &reversed, until).signed_bytes(), bytes);
    }
}
