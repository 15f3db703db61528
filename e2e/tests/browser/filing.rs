//! Each of the four services filed through its form in Chromium, as a person would: the form
//! filled by the labels its declaration gives, the documents the package needs attached, signed
//! with a demo key file, filed.

use qyzmet_backend::demo::{DEMO_COMPANY_BIN, DEMO_COMPANY_HEAD};
use qyzmet_backend::signatures::test_ca::{Purpose, Standing};
use qyzmet_shared::catalog::{ServiceCode, catalog};
use qyzmet_shared::form::{self, FieldType};
use serde_json::{Value, json};

use crate::harness::Browser;

const CITIZEN: &str = "850315400124";

/// One filing: whom it is for, whose key signs, and what is typed.
pub(crate) struct Filing {
    pub(crate) applicant: &'static str,
    pub(crate) signer: &'static str,
    pub(crate) service: ServiceCode,
    pub(crate) kind: &'static str,
    pub(crate) provider: &'static str,
    pub(crate) values: Value,
}

/// Types, picks and chooses every value into the field its declaration labels.
pub(crate) async fn fill(b: &Browser, kind: &form::Kind, values: &Value) {
    for field in kind.fields {
        let Some(value) = values.get(field.id).and_then(Value::as_str) else { continue };
        let label = &field.label.kk;
        match field.kind {
            FieldType::Choice(choices) => {
                let choice = choices.iter().find(|c| c.value == value).unwrap();
                b.choose(label, &choice.label.kk).await;
            }
            FieldType::Date => b.pick_date(label, value).await,
            _ => b.type_into(label, value).await,
        }
    }
}

async fn file_through_the_form(b: &Browser, filing: &Filing) {
    let catalog = catalog();
    let service = catalog.service(filing.service).unwrap();
    b.sign_in(filing.applicant).await;
    b.visit(&format!("/services/{}", filing.service.as_str())).await;
    b.click_link("Онлайн тапсырыс беру").await;
    b.heading(&service.title.kk).await;
    fill_attach_and_sign(b, filing).await;
    b.sign_out().await;
}

/// On the open form: the provider and the kind chosen, every value typed, the documents the
/// package lacks attached (as the form names them), signed with the signer's key file; filed.
pub(crate) async fn fill_attach_and_sign(b: &Browser, filing: &Filing) {
    let catalog = catalog();
    let service = catalog.service(filing.service).unwrap();
    let kind = form::kind(filing.service, filing.kind).unwrap();
    b.choose("Қызметті көрсететін орган", &catalog.body(filing.provider).unwrap().name.kk).await;
    if form::kinds(filing.service).len() > 1 {
        b.choose("Қызмет түрі", &kind.title.kk).await;
    }
    fill(b, kind, &filing.values).await;
    // The first «send» saves the draft and names the documents the package lacks.
    b.press("Өтінішті жіберу").await;
    let scan = b.file("scan.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
    for label in documents_asked(filing.service) {
        b.sees_text(&format!("Құжаттың сканерленген көшірмесін тіркеңіз: {label}.")).await;
        b.choose_file(label, &scan).await;
    }
    b.sees_text("scan.pdf").await;
    b.press("Өтінішті жіберу").await;
    b.sees_text("Өтінішке ЭЦҚ-мен қол қою").await;
    let key = b.key_file(filing.signer, Purpose::Signing, Standing::Valid);
    b.choose_file("ЭЦҚ кілті (.p12 файлы)", &key).await;
    b.type_into("Кілттің құпиясөзі", "qyzmet-demo").await;
    b.press("Қол қою").await;
    b.sees_text("Жіберілді").await;
    b.sees_text(&service.title.kk).await;
}

/// The scanned documents each filing here must attach, written out from the regulations
/// (`../shared/REGULATIONS.md`, "Forms"), not read from the declarations the form is built from:
/// 004's salary certificate an identity document (the work book only if there is one); 001 and
/// 003 the right to do business, from individuals (every such filing here is a person's); 002 the
/// fee's receipt.
fn documents_asked(service: ServiceCode) -> &'static [&'static str] {
    match service {
        ServiceCode::ArchivalCertificate => &["Жеке басын куәландыратын құжат"],
        ServiceCode::ForeignMedia | ServiceCode::ForeignPeriodicals => {
            &["Кәсіпкерлік қызметпен айналысу құқығын растайтын құжат (жеке тұлғалар үшін)"]
        }
        ServiceCode::PeriodicalsRegistration => &["Алымның төленгенін растайтын құжат"],
    }
}

/// What a citizen types into the form of each regional service (those a CSC files too).
pub(crate) fn regional_forms() -> [(ServiceCode, &'static str, Value); 3] {
    [
        (
            ServiceCode::ArchivalCertificate,
            "salary",
            json!({"organisation": "«Қазақтелеком» АҚ", "period_from": "2005-01-01",
                "period_to": "2010-12-31", "phone": "+7 701 234 56 78"}),
        ),
        (
            ServiceCode::ForeignMedia,
            "registration",
            json!({"media_kind": "journal", "registered_in": "almaty-region", "owner": "«Медиа Групп» ЖШҚ",
                "editorial_address": "Мәскеу, Тверская 1, +7 495 123 45 67", "title": "Әлем журналы",
                "territory": "Астана", "languages": "орыс", "topics": "Саяхат",
                "periodicity": "monthly", "volume": "5000 дана", "chief_editor": "Иванов Иван",
                "phone": "+7 701 234 56 78"}),
        ),
        (
            ServiceCode::ForeignPeriodicals,
            "registration",
            json!({"title": "Die Zeit", "country": "Германия", "languages": "неміс",
                "periodicity": "weekly", "circulation": "300", "territory": "Астана",
                "owner": "Zeitverlag GmbH", "topics": "Саясат, мәдениет",
                "phone": "+7 701 234 56 78"}),
        ),
    ]
}

#[tokio::test]
async fn each_service_is_filed_through_its_form_with_its_documents_and_a_key_file() {
    let citizen = |service, kind, values| Filing {
        applicant: CITIZEN,
        signer: CITIZEN,
        service,
        kind,
        provider: "astana",
        values,
    };
    let mut filings: Vec<Filing> = regional_forms()
        .into_iter()
        .map(|(service, kind, values)| citizen(service, kind, values))
        .collect();
    filings.push(
        // A company files through its head's key, which names its BIN.
        Filing {
            applicant: DEMO_COMPANY_BIN,
            signer: DEMO_COMPANY_HEAD,
            service: ServiceCode::PeriodicalsRegistration,
            kind: "registration",
            provider: "information-committee",
            values: json!({"outlet_kind": "network", "title": "Дала жаңалықтары",
                "languages": "қазақ, орыс", "periodicity": "daily",
                "territory": "Қазақстан Республикасы", "topics": "Жаңалықтар",
                "owner": "«Дала Медиа» ЖШС", "chief_editor": "Өтебаев Ұлан",
                "editorial_address": "Астана, Мәңгілік Ел 8", "phone": "+7 701 234 56 78"}),
        },
    );
    let b = Browser::open().await;
    for filing in &filings {
        file_through_the_form(&b, filing).await;
    }
    b.close().await;
}
