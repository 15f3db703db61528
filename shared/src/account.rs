//! Who uses the portal: applicants (individuals and legal entities), CSC operators, the
//! provider's staff and administrators.

use serde::{Deserialize, Serialize};

use crate::lang::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// A citizen or a company filing requests for itself (or as a representative).
    Applicant,
    CscOperator,
    Chancellery,
    Head,
    DepartmentHead,
    Specialist,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Applicant,
        Role::CscOperator,
        Role::Chancellery,
        Role::Head,
        Role::DepartmentHead,
        Role::Specialist,
        Role::Administrator,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::CscOperator => "csc_operator",
            Role::Chancellery => "chancellery",
            Role::Head => "head",
            Role::DepartmentHead => "department_head",
            Role::Specialist => "specialist",
            Role::Administrator => "administrator",
        }
    }

    pub fn from_str_opt(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether the role works on other people's data (a provider's people, a centre's operator,
    /// the administrator), and so signs in with a digital signature only, never a password alone.
    pub fn signs_in_with_signature(self) -> bool {
        self != Role::Applicant
    }

    pub fn title(self) -> Text {
        match self {
            Role::Applicant => Text::new("Көрсетілетін қызметті алушы", "Услугополучатель"),
            Role::CscOperator => Text::new("ХҚО операторы", "Оператор ЦОН"),
            Role::Chancellery => Text::new("Кеңсе қызметкері", "Сотрудник канцелярии"),
            Role::Head => Text::new("Басшы", "Руководитель"),
            Role::DepartmentHead => Text::new("Бөлім басшысы", "Руководитель отдела"),
            Role::Specialist => Text::new("Маман", "Специалист"),
            Role::Administrator => Text::new("Әкімші", "Администратор"),
        }
    }
}

/// Whether an account is a person (IIN) or a legal entity (BIN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Subject {
    Individual,
    LegalEntity,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Individual => "individual",
            Subject::LegalEntity => "legal_entity",
        }
    }

    pub fn from_str_opt(s: &str) -> Option<Subject> {
        [Subject::Individual, Subject::LegalEntity].into_iter().find(|k| k.as_str() == s)
    }
}

/// `POST /api/v1/session`: signing in with an IIN/BIN and a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    pub id_number: String,
    pub password: String,
}

/// The signed-in account as the client sees it (`GET /api/v1/session`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id_number: String,
    pub subject: Subject,
    pub full_name: String,
    pub role: Role,
    /// The state body a staff member works for.
    #[serde(default)]
    pub provider: Option<String>,
    /// Their department there (department heads and specialists).
    #[serde(default)]
    pub department: Option<String>,
    /// The citizen service centre an operator works at (its id in `csc::CENTRES`).
    #[serde(default)]
    pub csc: Option<String>,
    /// Where notifications are e-mailed, if anywhere.
    #[serde(default)]
    pub email: Option<String>,
    /// The language of their notifications.
    #[serde(default)]
    pub lang: crate::Lang,
    /// Whether a password opens the account too (one opened by a signature has none until its
    /// holder sets one).
    #[serde(default)]
    pub has_password: bool,
}

/// `PUT /api/v1/session/password`: a new password, with the current one when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    #[serde(default)]
    pub current: String,
    pub new: String,
}

/// The fewest characters a password may have: length, not a mix of character kinds, is what
/// makes one hard to guess (NIST SP 800-63B; OWASP ASVS 5.0, 6.2).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The common passwords long enough to pass the length rule, in lower case, one per line (`#`
/// lines say where they come from).
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

/// What is wrong with a new password, if anything: fewer than 12 characters, or one of the
/// common passwords (in any case), or one character over and over. No rules of composition.
pub fn password_mistake(new: &str) -> Option<Text> {
    if new.chars().count() < MIN_PASSWORD_CHARS {
        return Some(Text::new(
            "Құпиясөз кемінде 12 таңбадан тұрсын: бірнеше сөзден құралған, есте қалатын тіркес қолайлы.",
            "Пароль должен быть не короче 12 символов: удобно взять запоминающуюся фразу из нескольких слов.",
        ));
    }
    let lower = new.to_lowercase();
    let repeated = new.chars().all(|c| new.starts_with(c));
    let common = COMMON_PASSWORDS.lines().any(|line| !line.starts_with('#') && line == lower);
    (repeated || common).then_some(Text::new(
        "Бұл құпиясөз ең жиі қолданылатындардың қатарында, оны оңай табады. Басқасын таңдаңыз.",
        "Этот пароль среди самых распространённых, его легко подобрать. Выберите другой.",
    ))
}

/// A colleague a staff member may hand a request to (`GET /api/v1/office/specialists`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id_number: String,
    pub full_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_long_and_not_a_common_one() {
        // Any twelve characters will do, of any kinds: letters alone, Kazakh, with spaces.
        for good in
            ["қызмет-портал", "таудағы қар еріді", "correct horse battery", "ЖұлдызыжанАрман"]
        {
            assert!(password_mistake(good).is_none(), "{good:?}");
        }
        // Too short, whatever it mixes.
        for short in ["", "qyzmet1", "Qz9!k", "қызмет2026"] {
            let said = password_mistake(short).unwrap();
            assert!(said.ru.contains("12 символов"), "{short:?}");
        }
        // Common ones (from the shipped list, in any case) and one character repeated.
        for common in ["password1234", "QWERTY123456", "1qaz2wsx3edc", "aaaaaaaaaaaaaa"] {
            let said = password_mistake(common).unwrap();
            assert!(said.ru.contains("распространённых"), "{common:?}");
        }
    }

    #[test]
    fn the_common_list_is_read_as_shipped() {
        let entries: Vec<&str> = COMMON_PASSWORDS.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(entries.len(), 229);
        assert!(
            entries
                .iter()
                .all(|e| e.chars().count() >= MIN_PASSWORD_CHARS && *e == e.to_lowercase())
        );
    }

    #[test]
    fn roles_round_trip_and_have_titles() {
        for role in Role::ALL {
            assert_eq!(Role::from_str_opt(role.as_str()), Some(role));
            assert!(!role.title().is_incomplete());
            assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
        }
        for subject in [Subject::Individual, Subject::LegalEntity] {
            assert_eq!(Subject::from_str_opt(subject.as_str()), Some(subject));
        }
    }
}
