//! Demo accounts for every role, seeded when the portal runs with `--demo`. The numbers are valid
//! IINs and BINs; the password is public on purpose and printed at start.

use std::fmt::Write as _;

use qyzmet_shared::signature::CompanyRole;
use qyzmet_shared::{Iin, Lang, Role, Subject, Text};

use crate::error::{AppError, AppResult};
use crate::password;
use crate::registry::{Company, Person};
use crate::signatures::test_ca::{Employment, Holder, TestCa};
use crate::store::{NewAccount, Store};

pub const DEMO_PASSWORD: &str = "qyzmet-demo";

#[derive(Debug, Clone, Copy)]
pub struct DemoAccount {
    pub id_number: &'static str,
    pub subject: Subject,
    pub full_name: &'static str,
    pub role: Role,
    pub provider: Option<&'static str>,
    pub department: Option<&'static str>,
    /// The citizen service centre an operator works at.
    pub csc: Option<&'static str>,
}

const fn person(id_number: &'static str, full_name: &'static str, role: Role) -> DemoAccount {
    DemoAccount {
        id_number,
        subject: Subject::Individual,
        full_name,
        role,
        provider: None,
        department: None,
        csc: None,
    }
}

/// An operator of a citizen service centre (its id in `csc::CENTRES`).
const fn operator(
    id_number: &'static str,
    full_name: &'static str,
    csc: &'static str,
) -> DemoAccount {
    DemoAccount { csc: Some(csc), ..person(id_number, full_name, Role::CscOperator) }
}

/// A staff member of a provider (a state body's id in the catalog) and, below the head, of one
/// of its departments (an id in `office`).
const fn staff(
    id_number: &'static str,
    full_name: &'static str,
    role: Role,
    (provider, department): (&'static str, Option<&'static str>),
) -> DemoAccount {
    DemoAccount {
        id_number,
        subject: Subject::Individual,
        full_name,
        role,
        provider: Some(provider),
        department,
        csc: None,
    }
}

const REGION_OFFICE: (&str, Option<&str>) = (DEMO_REGION, None);
const REGION_ARCHIVES: (&str, Option<&str>) = (DEMO_REGION, Some("archives"));
const REGION_INTERNAL_POLICY: (&str, Option<&str>) = (DEMO_REGION, Some("internal-policy"));
const MINISTRY_OFFICE: (&str, Option<&str>) = (DEMO_MINISTRY, None);
const MINISTRY_UNIT: (&str, Option<&str>) = (DEMO_MINISTRY, Some("periodicals"));

/// The centre of the first demo operator.
pub const DEMO_CSC: &str = "astana-esil";

/// The akimat whose departments the regional demo staff work in.
pub const DEMO_REGION: &str = "astana";
/// The ministry's committee, provider of the periodicals registration.
pub const DEMO_MINISTRY: &str = "information-committee";

pub const DEMO_ACCOUNTS: [DemoAccount; 16] = [
    person("850315400124", "Нұрланова Айгүл Серікқызы", Role::Applicant),
    person("920711300344", "Әбдірахманов Қанат Ерланұлы", Role::Applicant),
    DemoAccount {
        id_number: "150440002179",
        subject: Subject::LegalEntity,
        full_name: "«Дала Медиа» ЖШС / ТОО «Дала Медиа»",
        role: Role::Applicant,
        provider: None,
        department: None,
        csc: None,
    },
    operator("781122300562", "Оспанов Ерлан Бауыржанұлы", DEMO_CSC),
    operator("890417400007", "Жүсіпова Мадина Ерболқызы", "astana-saryarka"),
    staff("810505300788", "Сейітов Данияр Маратұлы", Role::Chancellery, REGION_OFFICE),
    staff("750909400915", "Қасымова Жанар Әсетқызы", Role::Head, REGION_OFFICE),
    staff("880202401133", "Төлегенова Әсем Болатқызы", Role::DepartmentHead, REGION_ARCHIVES),
    staff("831212301353", "Ғабитов Нұржан Серікұлы", Role::Specialist, REGION_ARCHIVES),
    staff("790814300127", "Бекмұратов Серік Әмірұлы", Role::DepartmentHead, REGION_INTERNAL_POLICY),
    staff("930226400079", "Оразбекова Ләззат Қайратқызы", Role::Specialist, REGION_INTERNAL_POLICY),
    staff("790414300211", "Жақсылықов Бауыржан Серікұлы", Role::Chancellery, MINISTRY_OFFICE),
    staff("861011400433", "Сағындықова Әйгерім Нұрланқызы", Role::DepartmentHead, MINISTRY_UNIT),
    staff("910303300651", "Құдайбергенов Арман Төлеуұлы", Role::Specialist, MINISTRY_UNIT),
    staff("770727400870", "Әлімжанова Гүлмира Қуанышқызы", Role::Head, MINISTRY_OFFICE),
    person("900606401572", "Ибраимова Динара Талғатқызы", Role::Administrator),
];

/// The BIN the demo portal names as its operator to eGov Mobile.
pub const DEMO_OPERATOR_BIN: &str = "150440003008";

/// The demo company's BIN.
pub const DEMO_COMPANY_BIN: &str = "150440002179";

/// The head of the demo company, who may act for it.
pub const DEMO_COMPANY_HEAD: &str = "920711300344";

/// Adds the demo accounts that are missing, and puts every demo person and the demo company in the
/// local state registries; running it again changes nothing.
pub async fn seed(store: &Store) -> AppResult<()> {
    for demo in &DEMO_ACCOUNTS {
        register(store, demo).await?;
    }
    let accounts = store.accounts();
    for demo in &DEMO_ACCOUNTS {
        if accounts.by_id_number(demo.id_number).await?.is_some() {
            continue;
        }
        let hash = password::hash(DEMO_PASSWORD)?;
        accounts
            .insert(
                &NewAccount {
                    id_number: demo.id_number,
                    subject: demo.subject,
                    full_name: demo.full_name,
                    role: demo.role,
                    provider: demo.provider,
                    department: demo.department,
                    csc: demo.csc,
                    password_hash: &hash,
                },
                "system",
            )
            .await?;
        // The first demo citizen gets e-mail notifications, written to the outbox folder.
        if demo.id_number == DEMO_CITIZEN
            && let Some(account) = accounts.by_id_number(demo.id_number).await?
        {
            accounts.set_preferences(&account, Lang::Kk, Some(DEMO_CITIZEN_EMAIL)).await?;
        }
    }
    Ok(())
}

/// The demo citizen who files, and where their notifications are e-mailed.
pub const DEMO_CITIZEN: &str = "850315400124";
pub const DEMO_CITIZEN_EMAIL: &str = "aigul.nurlanova@example.kz";

/// The test certification authority with a signing and a sign-in key for every demo person (the
/// company head's naming the company), issued the first time and kept in the database after.
pub async fn test_ca(store: &Store) -> AppResult<TestCa> {
    if let Some(kept) = TestCa::from_files(&store.test_ca().all().await?) {
        return Ok(kept);
    }
    let (company_bin, company_name) = DEMO_ACCOUNTS
        .iter()
        .find(|d| d.subject == Subject::LegalEntity)
        .map(|d| (d.id_number, d.full_name.split(" / ").next().unwrap_or(d.full_name)))
        .unwrap_or_default();
    let holders: Vec<Holder<'_>> = DEMO_ACCOUNTS
        .iter()
        .filter(|d| d.subject == Subject::Individual)
        .map(|d| {
            let mut names = d.full_name.split(' ');
            Holder {
                iin: d.id_number,
                surname: names.next().unwrap_or_default(),
                given_name: names.next().unwrap_or_default(),
                patronymic: names.next().unwrap_or_default(),
                company: (d.id_number == DEMO_COMPANY_HEAD).then_some(Employment {
                    bin: company_bin,
                    name: company_name,
                    role: CompanyRole::FirstHead,
                }),
            }
        })
        .collect();
    let issued = TestCa::issue(&holders, store.now())
        .map_err(|e| AppError::Io(std::io::Error::other(format!("issuing the test CA: {e}"))))?;
    store.test_ca().save(&issued.to_files()).await?;
    Ok(issued)
}

/// Enters a demo account's person or company in the local registry, as the state has them.
async fn register(store: &Store, demo: &DemoAccount) -> AppResult<()> {
    let registry = store.registry();
    match demo.subject {
        Subject::Individual => {
            let mut names = demo.full_name.split(' ');
            let birth = Iin::parse(demo.id_number).ok().and_then(|iin| iin.birth_date());
            registry
                .add_person(&Person {
                    iin: demo.id_number.to_owned(),
                    surname: names.next().unwrap_or_default().to_owned(),
                    given_name: names.next().unwrap_or_default().to_owned(),
                    patronymic: names.next().unwrap_or_default().to_owned(),
                    birth_date: birth
                        .map(|b| format!("{:04}-{:02}-{:02}", b.year, b.month, b.day))
                        .unwrap_or_default(),
                })
                .await
        }
        Subject::LegalEntity => {
            let (kk, ru) =
                demo.full_name.split_once(" / ").unwrap_or((demo.full_name, demo.full_name));
            registry
                .add_company(&Company {
                    bin: demo.id_number.to_owned(),
                    name: Text { kk: kk.to_owned().into(), ru: ru.to_owned().into() },
                    head_iin: DEMO_COMPANY_HEAD.to_owned(),
                })
                .await
        }
    }
}

/// The table printed at start, so a person knows how to sign in.
pub fn describe() -> String {
    let mut out = format!(
        "Demo accounts (password for all: {DEMO_PASSWORD}; staff sign in with their key file \
         <IIN>-auth-valid.p12 from the sign-in page, same password):\n"
    );
    for demo in &DEMO_ACCOUNTS {
        let role = demo.role.title();
        let place = match (demo.provider, demo.department) {
            (Some(provider), Some(department)) => format!("{provider}/{department}"),
            (provider, _) => provider.or(demo.csc).unwrap_or_default().to_owned(),
        };
        let _ =
            writeln!(out, "  {}  {:<22} {:<30} {}", demo.id_number, role.ru, place, demo.full_name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use qyzmet_shared::Bin;

    #[test]
    fn demo_numbers_are_valid_and_cover_every_role() {
        for demo in DEMO_ACCOUNTS {
            match demo.subject {
                Subject::Individual => {
                    assert!(Iin::parse(demo.id_number).is_ok(), "{}", demo.id_number);
                }
                Subject::LegalEntity => {
                    assert!(Bin::parse(demo.id_number).is_ok(), "{}", demo.id_number);
                }
            }
        }
        for role in Role::ALL {
            assert!(DEMO_ACCOUNTS.iter().any(|d| d.role == role), "no demo {role:?}");
        }
        // Operators work at a centre that exists, and only operators work at one.
        for demo in DEMO_ACCOUNTS {
            let at_centre = demo.csc.is_some_and(|id| qyzmet_shared::csc::centre(id).is_some());
            assert_eq!(at_centre, demo.role == Role::CscOperator, "{}", demo.id_number);
        }
    }

    /// Every service of the demo providers can be walked to the end: its department has a head
    /// and a specialist among the demo staff.
    #[test]
    fn every_demo_service_has_its_department_staffed() {
        let catalog = qyzmet_shared::catalog::catalog();
        for provider in [DEMO_REGION, DEMO_MINISTRY] {
            let body = catalog.body(provider).unwrap();
            for &service in &body.services {
                let department = qyzmet_shared::office::responsible(body.kind, service).unwrap();
                for role in [Role::DepartmentHead, Role::Specialist] {
                    assert!(
                        DEMO_ACCOUNTS.iter().any(|d| d.provider == Some(provider)
                            && d.department == Some(department.id)
                            && d.role == role),
                        "{provider} {service:?}: no {role:?} in {}",
                        department.id
                    );
                }
            }
        }
    }
}
