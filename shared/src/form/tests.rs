use std::collections::{BTreeMap, HashSet};

use super::*;

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|&(k, v)| (k.to_owned(), v.to_owned())).collect()
}

fn foreign_media() -> &'static Kind {
    kind(ServiceCode::ForeignMedia, "registration").unwrap()
}

fn complete_foreign_media() -> BTreeMap<String, String> {
    values(&[
        ("media_kind", "journal"),
        ("registered_in", "almaty-region"),
        ("owner", "«Дала Медиа» ЖШС"),
        ("editorial_address", "Мәскеу, Тверская к. 1, +7 495 000 00 00"),
        ("title", "Әлем тынысы"),
        ("territory", "Алматы облысы"),
        ("languages", "қазақ, орыс"),
        ("topics", "Мәдениет және тарих"),
        ("periodicity", "monthly"),
        ("volume", "5000 дана"),
        ("chief_editor", "Өтебаев Ұлан Қайратұлы"),
        ("phone", "+7 701 234 56 78"),
    ])
}

#[test]
fn every_declaration_speaks_both_languages() {
    for service in ServiceCode::ALL {
        let kinds = kinds(service);
        assert!(!kinds.is_empty(), "{service:?} has no kind");
        let codes: HashSet<_> = kinds.iter().map(|k| k.code).collect();
        assert_eq!(codes.len(), kinds.len(), "{service:?}: kind codes are unique");
        for kind in kinds {
            assert!(!kind.title.is_incomplete());
            assert!(!kind.fields.is_empty(), "{service:?}/{} has no form", kind.code);
            let ids: HashSet<_> = kind.fields.iter().map(|f| f.id).collect();
            assert_eq!(
                ids.len(),
                kind.fields.len(),
                "{service:?}/{}: field ids are unique",
                kind.code
            );
            for field in kind.fields {
                assert!(!field.label.is_incomplete(), "{}", field.id);
                assert!(field.help.as_ref().is_none_or(|h| !h.is_incomplete()), "{}", field.id);
                if let FieldType::Choice(choices) = field.kind {
                    assert!(choices.len() >= 2, "{}", field.id);
                    assert!(choices.iter().all(|c| !c.label.is_incomplete()), "{}", field.id);
                }
            }
            for document in kind.documents {
                assert!(!document.label.is_incomplete(), "{}", document.id);
            }
        }
    }
}

#[test]
fn a_complete_form_passes() {
    assert_eq!(validate(foreign_media(), &complete_foreign_media()), vec![]);
}

#[test]
fn each_mistake_is_tied_to_its_field() {
    let mut typed = complete_foreign_media();
    typed.remove("title");
    typed.insert("media_kind".into(), "podcast".into());
    typed.insert("phone".into(), "8 701 234".into());
    typed.insert("email".into(), "not-an-email".into());
    typed.insert("chief_editor".into(), "Ә".repeat(201));
    typed.insert("favourite_colour".into(), "blue".into());
    let errors = validate(foreign_media(), &typed);
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["media_kind", "title", "chief_editor", "phone", "email", "favourite_colour"]
    );
    let title = errors.iter().find(|e| e.field == "title").unwrap();
    assert_eq!(title.message.ru, "Обязательное поле: заполните его.");
    let editor = errors.iter().find(|e| e.field == "chief_editor").unwrap();
    assert_eq!(editor.message.kk, "Ең көбі 200 таңба.");
    assert!(errors.iter().all(|e| !e.message.is_incomplete()));
}

#[test]
fn typed_fields_check_their_format() {
    let archival = kind(ServiceCode::ArchivalCertificate, "education").unwrap();
    let year = archival.fields.iter().find(|f| f.id == "graduation_year").unwrap();
    assert_eq!(check(year, "1987"), None);
    assert!(check(year, "87x").is_some());
    assert!(check(year, "1850").is_some());
    let birth = archival.fields.iter().find(|f| f.id == "birth_date").unwrap();
    assert_eq!(check(birth, "1987-04-12"), None);
    assert!(check(birth, "1987-02-30").is_some());
    assert!(check(birth, "12.04.1987").is_some());
    let patronymic = archival.fields.iter().find(|f| f.id == "patronymic").unwrap();
    assert_eq!(check(patronymic, ""), None, "optional");
    let registration = kind(ServiceCode::PeriodicalsRegistration, "registration").unwrap();
    let bin = registration.fields.iter().find(|f| f.id == "owner_bin").unwrap();
    assert_eq!(check(bin, "150440002179"), None);
    assert!(check(bin, "150440002170").is_some());
    let phone = registration.fields.iter().find(|f| f.id == "phone").unwrap();
    assert_eq!(check(phone, "+7 (701) 234-56-78"), None);
    assert!(check(phone, "+7 701 234 56 7").is_some());
}

/// 001, appendix 5: the outlet is registered in a region or a city of republican significance of
/// Kazakhstan — one of the 20 whose akimats the catalog lists — not in its home country abroad.
#[test]
fn foreign_media_is_registered_in_a_region_or_city_of_kazakhstan_001_appendix_5() {
    let field = foreign_media().fields.iter().find(|f| f.id == "registered_in").unwrap();
    let FieldType::Choice(regions) = field.kind else { panic!("a choice of regions") };
    let catalog = crate::catalog::catalog();
    let akimats: Vec<&str> = catalog
        .bodies
        .iter()
        .filter(|b| b.kind != crate::catalog::BodyKind::Ministry)
        .map(|b| b.id.as_str())
        .collect();
    let values: Vec<&str> = regions.iter().map(|r| r.value).collect();
    assert_eq!(values, akimats);
    assert_eq!(check(field, "almaty"), None);
    assert!(check(field, "Мәскеу").is_some(), "a city abroad is not a choice");
}

#[test]
fn periodicals_have_registration_and_re_registration() {
    let codes: Vec<_> =
        kinds(ServiceCode::PeriodicalsRegistration).iter().map(|k| k.code).collect();
    assert_eq!(codes, ["registration", "re-registration"]);
    assert!(
        kind(ServiceCode::PeriodicalsRegistration, "re-registration")
            .unwrap()
            .documents
            .iter()
            .any(|d| d.id == "previous_certificate")
    );
    assert!(kind(ServiceCode::ForeignMedia, "re-registration").is_none());
}

#[test]
fn an_email_address_is_one_mail_servers_take() {
    for good in [
        "aigul@example.kz",
        "a.b+tag@mail.gov.kz",
        "o'brien@example.com",
        "user_1@xn--80ao21a.xn--80ao21a",
        "x@a-b.kz",
    ] {
        assert!(is_email(good), "{good}");
    }
    for wrong in [
        "a@b@c.kz",
        "aigul at mail",
        "aigul@kz",
        "@example.kz",
        "aigul@",
        ".aigul@example.kz",
        "ai..gul@example.kz",
        "aigul.@example.kz",
        "aigul@-example.kz",
        "aigul@example-.kz",
        "aigul@example..kz",
        "aigul@example.kz.",
        "aigul@127.0.0.1",
        "ai gul@example.kz",
        "aigul@exa mple.kz",
        "айгүл@example.kz",
        "a\"b@example.kz",
        "aigul@example.kz\n",
    ] {
        assert!(!is_email(wrong), "{wrong:?}");
    }
    let long_local = format!("{}@example.kz", "a".repeat(65));
    assert!(!is_email(&long_local));
    let long_label = format!("a@{}.kz", "b".repeat(64));
    assert!(!is_email(&long_label));
}
