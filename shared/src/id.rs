//! Kazakhstan's 12-digit identification numbers: the IIN of an individual and the BIN of a
//! business. Both end in a check digit computed with two weight sequences; an IIN also encodes the
//! date of birth and, in its seventh digit, the century and sex.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lang::Text;

/// Why a string is not a valid IIN or BIN. Each maps to a stable API error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    /// Not exactly twelve ASCII digits.
    Format,
    /// The check digit does not match the other eleven.
    CheckDigit,
    /// The first six digits are not a real date of birth, or the century/sex digit is out of range.
    BirthDate,
    /// The month or the entity-type digits of a BIN are out of range.
    BinStructure,
}

impl IdError {
    /// What a person reads next to the field: what is wrong and how to fix it.
    pub fn message(self) -> Text {
        match self {
            IdError::Format => Text::new(
                "12 цифрды бос орынсыз және әріпсіз енгізіңіз.",
                "Введите 12 цифр без пробелов и букв.",
            ),
            IdError::CheckDigit => Text::new(
                "Нөмірде қате бар (бақылау цифры сәйкес емес). Құжаттағы нөмірмен салыстырыңыз.",
                "В номере ошибка (не сходится контрольная цифра). Сверьте его с документом.",
            ),
            IdError::BirthDate => Text::new(
                "ЖСН-ның алғашқы 6 цифры туған күнді көрсетуі керек (ЖЖААКК). Нөмірді тексеріңіз.",
                "Первые 6 цифр ИИН должны быть датой рождения (ГГММДД). Проверьте номер.",
            ),
            IdError::BinStructure => Text::new(
                "БСН құрылымы дұрыс емес (тіркеу айы немесе ұйым түрі). Нөмірді тексеріңіз.",
                "Неверная структура БИН (месяц регистрации или тип организации). Проверьте номер.",
            ),
        }
    }
}

/// An IIN or a BIN: the number a person or a company signs in with. The two never collide: the
/// fifth digit of a BIN is 4–6, of an IIN (a day of the month) 0–3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdNumber {
    Iin(Iin),
    Bin(Bin),
}

impl IdNumber {
    pub fn parse(s: &str) -> Result<IdNumber, IdError> {
        let s = s.trim();
        let digits = digits_with_check(s)?;
        if (4..=6).contains(&digits[4]) {
            Bin::parse(s).map(IdNumber::Bin)
        } else {
            Iin::parse(s).map(IdNumber::Iin)
        }
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdNumber::Iin(iin) => iin.fmt(f),
            IdNumber::Bin(bin) => bin.fmt(f),
        }
    }
}

const FIRST_WEIGHTS: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit of the first eleven digits, or `None` when both weight sequences give 10:
/// such numbers are never issued.
pub fn check_digit(digits: &[u8; 11]) -> Option<u8> {
    let weighted = |weights: &[u32; 11]| {
        digits.iter().zip(weights).map(|(&d, &w)| u32::from(d) * w).sum::<u32>() % 11
    };
    let first = weighted(&FIRST_WEIGHTS);
    let check = if first == 10 { weighted(&SECOND_WEIGHTS) } else { first };
    u8::try_from(check).ok().filter(|&c| c < 10)
}

fn digits_with_check(s: &str) -> Result<[u8; 12], IdError> {
    let bytes = s.as_bytes();
    if bytes.len() != 12 || !bytes.iter().all(u8::is_ascii_digit) {
        return Err(IdError::Format);
    }
    let mut digits = [0u8; 12];
    for (d, b) in digits.iter_mut().zip(bytes) {
        *d = b - b'0';
    }
    let body: [u8; 11] = digits[..11].try_into().map_err(|_| IdError::Format)?;
    match check_digit(&body) {
        Some(c) if c == digits[11] => Ok(digits),
        _ => Err(IdError::CheckDigit),
    }
}

fn two(d: &[u8; 12], at: usize) -> u32 {
    u32::from(d[at]) * 10 + u32::from(d[at + 1])
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// A date as the IIN encodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BirthDate {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

/// An individual identification number (ЖСН / ИИН), valid by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin([u8; 12]);

impl Iin {
    pub fn parse(s: &str) -> Result<Iin, IdError> {
        let digits = digits_with_check(s.trim())?;
        let iin = Iin(digits);
        let date = iin.birth_date().ok_or(IdError::BirthDate)?;
        if date.month == 0 || date.day == 0 || date.day > days_in_month(date.year, date.month) {
            return Err(IdError::BirthDate);
        }
        Ok(iin)
    }

    /// The date of birth, or `None` when the century digit is not 1–6.
    pub fn birth_date(&self) -> Option<BirthDate> {
        let century = match self.0[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return None,
        };
        Some(BirthDate {
            year: century + two(&self.0, 0),
            month: two(&self.0, 2),
            day: two(&self.0, 4),
        })
    }

    pub fn sex(&self) -> Sex {
        if self.0[6] % 2 == 1 { Sex::Male } else { Sex::Female }
    }
}

/// A business identification number (БСН / БИН), valid by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bin([u8; 12]);

impl Bin {
    pub fn parse(s: &str) -> Result<Bin, IdError> {
        let digits = digits_with_check(s.trim())?;
        let month = two(&digits, 2);
        // Fifth digit: 4 resident legal entity, 5 non-resident, 6 individual entrepreneur in a
        // joint venture. Sixth: 0 head office, 1 branch, 2 representative office, 3 farm.
        let structure_ok =
            (1..=12).contains(&month) && (4..=6).contains(&digits[4]) && digits[5] <= 3;
        if !structure_ok {
            return Err(IdError::BinStructure);
        }
        Ok(Bin(digits))
    }
}

macro_rules! twelve_digit_id {
    ($ty:ident, $expecting:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for d in self.0 {
                    write!(f, "{d}")?;
                }
                Ok(())
            }
        }

        impl FromStr for $ty {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::parse(s)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                $ty::parse(&s).map_err(|e| {
                    serde::de::Error::custom(format_args!(
                        concat!("invalid ", $expecting, ": {:?}"),
                        e
                    ))
                })
            }
        }
    };
}

twelve_digit_id!(Iin, "IIN");
twelve_digit_id!(Bin, "BIN");

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Worked by hand: 9·1+1·4+1·6+3·7+2·11 = 62, 62 mod 11 = 7.
    const FIRST_SEQUENCE_IIN: &str = "900101300027";
    // The first sum is 87 ≡ 10, so the second weights give 128 ≡ 7.
    const SECOND_SEQUENCE_IIN: &str = "870412300017";

    #[test]
    fn accepts_numbers_checked_by_hand() {
        let iin = Iin::parse(FIRST_SEQUENCE_IIN).unwrap();
        assert_eq!(iin.birth_date(), Some(BirthDate { year: 1990, month: 1, day: 1 }));
        assert_eq!(iin.sex(), Sex::Male);
        let iin = Iin::parse(SECOND_SEQUENCE_IIN).unwrap();
        assert_eq!(iin.birth_date(), Some(BirthDate { year: 1987, month: 4, day: 12 }));
        assert_eq!(iin.to_string(), SECOND_SEQUENCE_IIN);
    }

    #[test]
    fn rejects_each_kind_of_mistake() {
        assert_eq!(Iin::parse("90010130002"), Err(IdError::Format));
        assert_eq!(Iin::parse("9001013000270"), Err(IdError::Format));
        assert_eq!(Iin::parse("90010130002a"), Err(IdError::Format));
        assert_eq!(Iin::parse("９００１０１３０００２７"), Err(IdError::Format));
        assert_eq!(Iin::parse("900101300028"), Err(IdError::CheckDigit));
        // Second sequence: the first-sequence answer (10) is not a digit, 7 is.
        assert_eq!(Iin::parse("870412300010"), Err(IdError::CheckDigit));
    }

    #[test]
    fn rejects_impossible_birth_dates() {
        for body in ["90023030002", "90130130002", "90010100002", "90010170002", "01022950002"] {
            let digits: [u8; 11] = std::array::from_fn(|i| body.as_bytes()[i] - b'0');
            if let Some(c) = check_digit(&digits) {
                assert_eq!(Iin::parse(&format!("{body}{c}")), Err(IdError::BirthDate), "{body}");
            }
        }
        // 29 February exists in 2000 and 1996, not in 1900.
        assert!(Iin::parse(&with_check("00022950001")).is_ok());
        assert!(Iin::parse(&with_check("96022940001")).is_ok());
        assert_eq!(Iin::parse(&with_check("00022930001")), Err(IdError::BirthDate));
    }

    #[test]
    fn bin_checks_structure() {
        let bin = with_check("12044000001");
        assert!(Bin::parse(&bin).is_ok());
        assert_eq!(Bin::parse(&with_check("12134000001")), Err(IdError::BinStructure));
        assert_eq!(Bin::parse(&with_check("12043000001")), Err(IdError::BinStructure));
        assert_eq!(Bin::parse(&with_check("12044400001")), Err(IdError::BinStructure));
    }

    #[test]
    fn an_id_number_is_an_iin_or_a_bin_by_its_fifth_digit() {
        assert!(matches!(IdNumber::parse(FIRST_SEQUENCE_IIN), Ok(IdNumber::Iin(_))));
        // Worked by hand: 1·1+5·2+4·4+4·5+2·9+1·10+7·11 = 152, 152 mod 11 = 9.
        let bin = "150440002179";
        assert!(matches!(IdNumber::parse(bin), Ok(IdNumber::Bin(_))));
        assert_eq!(IdNumber::parse(bin).unwrap().to_string(), bin);
        assert_eq!(IdNumber::parse("150440002178"), Err(IdError::CheckDigit));
        assert_eq!(IdNumber::parse(" 12345 "), Err(IdError::Format));
        assert_eq!(IdNumber::parse("900101300028"), Err(IdError::CheckDigit));
        for e in [IdError::Format, IdError::CheckDigit, IdError::BirthDate, IdError::BinStructure] {
            assert!(!e.message().is_incomplete());
        }
    }

    #[test]
    fn serde_refuses_invalid_numbers() {
        let iin: Iin = serde_json::from_str(&format!("\"{FIRST_SEQUENCE_IIN}\"")).unwrap();
        assert_eq!(serde_json::to_string(&iin).unwrap(), format!("\"{FIRST_SEQUENCE_IIN}\""));
        assert!(serde_json::from_str::<Iin>("\"900101300028\"").is_err());
    }

    /// Appends the check digit; panics for the bodies that have none.
    fn with_check(body: &str) -> String {
        let digits: [u8; 11] = std::array::from_fn(|i| body.as_bytes()[i] - b'0');
        format!("{body}{}", check_digit(&digits).expect("body has a check digit"))
    }

    fn valid_iin_body() -> impl Strategy<Value = String> {
        (1800u32..2100, 1u32..=12, 1u32..=31, any::<bool>(), 0u32..10_000).prop_filter_map(
            "a real date with a check digit",
            |(year, month, day, female, serial)| {
                if day > days_in_month(year, month) {
                    return None;
                }
                let century_sex = (year / 100 - 18) * 2 + 1 + u32::from(female);
                Some(format!("{:02}{month:02}{day:02}{century_sex}{serial:04}", year % 100))
            },
        )
    }

    proptest! {
        #[test]
        fn every_well_formed_iin_parses_and_round_trips(body in valid_iin_body()) {
            let digits: [u8; 11] = std::array::from_fn(|i| body.as_bytes()[i] - b'0');
            if let Some(c) = check_digit(&digits) {
                let s = format!("{body}{c}");
                let iin = Iin::parse(&s).unwrap();
                prop_assert_eq!(iin.to_string(), s);
            } else {
                for c in 0..10 {
                    prop_assert_eq!(Iin::parse(&format!("{body}{c}")), Err(IdError::CheckDigit));
                }
            }
        }

        #[test]
        fn any_other_check_digit_is_refused(body in valid_iin_body(), wrong in 0u8..10) {
            let digits: [u8; 11] = std::array::from_fn(|i| body.as_bytes()[i] - b'0');
            prop_assume!(check_digit(&digits) != Some(wrong));
            let number = format!("{body}{wrong}");
            prop_assert_eq!(Iin::parse(&number), Err(IdError::CheckDigit));
            prop_assert!(Bin::parse(&number).is_err());
        }

        #[test]
        fn a_changed_serial_digit_is_caught_by_the_first_sequence(
            body in valid_iin_body(), at in 7usize..10, delta in 1u8..10,
        ) {
            let mut digits: [u8; 11] = std::array::from_fn(|i| body.as_bytes()[i] - b'0');
            let first_sum = |digits: &[u8; 11]| {
                digits.iter().zip(FIRST_WEIGHTS).map(|(&d, w)| u32::from(d) * w).sum::<u32>() % 11
            };
            let Some(check) = check_digit(&digits) else { return Ok(()) };
            prop_assume!(first_sum(&digits) != 10);
            digits[at] = (digits[at] + delta) % 10;
            // Weights 1–10 are non-zero mod 11, so a changed digit in positions 1–10 always changes
            // the first sum (the eleventh's weight, 11, is 0 mod 11 and changes nothing); only
            // when a sum is 10 does the second sequence decide.
            prop_assume!(first_sum(&digits) != 10);
            let changed: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            prop_assert_eq!(Iin::parse(&format!("{changed}{check}")), Err(IdError::CheckDigit));
        }

        #[test]
        fn strings_that_are_not_twelve_digits_are_refused(s in "\\PC{0,20}") {
            prop_assume!(s.trim().len() != 12 || !s.trim().bytes().all(|b| b.is_ascii_digit()));
            prop_assert_eq!(Iin::parse(&s), Err(IdError::Format));
            prop_assert_eq!(Bin::parse(&s), Err(IdError::Format));
        }
    }
}
