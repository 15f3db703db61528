//! Notifications: every change of a request's status, listed in the applicant's cabinet and
//! e-mailed to them in their language when they gave an address.

use serde::{Deserialize, Serialize};

use crate::catalog::{ServiceCode, catalog};
use crate::form::{Field, FieldType};
use crate::lang::{Lang, Text};
use crate::workflow::Status;

/// One change of one of the person's requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    pub request: String,
    pub service: ServiceCode,
    /// When it happened (Unix seconds).
    pub at: i64,
    /// The status the request came to.
    pub status: Status,
    /// Not yet seen in the cabinet.
    pub unread: bool,
}

/// `GET /api/v1/notifications`: the latest, newest first, and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notifications {
    pub unread: i64,
    pub items: Vec<Notification>,
}

/// `PUT /api/v1/session/preferences`: the language notifications come in, and where e-mail goes
/// (empty: none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Preferences {
    pub lang: Lang,
    #[serde(default)]
    pub email: String,
}

/// The e-mail address field of the cabinet, checked by the same rule in the browser and on the
/// server.
pub static CONTACT_EMAIL: Field = Field {
    id: "email",
    label: Text::new(
        "Хабарламаларға арналған электрондық пошта",
        "Электронная почта для уведомлений",
    ),
    help: Some(Text::new(
        "Өтінішіңіздің мәртебесі өзгергенде осы мекенжайға хат келеді. Бос қалдырсаңыз, хат жіберілмейді.",
        "При изменении статуса заявки на этот адрес придет письмо. Оставьте пустым, чтобы не получать писем.",
    )),
    kind: FieldType::Email,
    required: false,
};

/// What a notification says, in both languages: the request, its service and its new status.
pub fn message(request: &str, service: ServiceCode, status: Status) -> Text {
    let service = catalog().service(service).map_or_else(|| Text::new("", ""), |s| s.title.clone());
    let status = status.title();
    Text {
        kk: format!("№ {request} өтініш ({}): {}", service.kk, status.kk).into(),
        ru: format!("Заявка № {request} ({}): {}", service.ru, status.ru).into(),
    }
}

/// The e-mail of a notification in `lang`: its subject and its body.
pub fn mail(request: &str, service: ServiceCode, status: Status, lang: Lang) -> (String, String) {
    let message = message(request, service, status);
    let (subject, closing) = match lang {
        Lang::Kk => (
            format!("Qyzmet: № {request} өтініш — {}", status.title().kk),
            "Өтініштің барысын және нәтижесін жеке кабинеттен көре аласыз.",
        ),
        Lang::Ru => (
            format!("Qyzmet: заявка № {request} — {}", status.title().ru),
            "Ход и результат заявки смотрите в личном кабинете.",
        ),
    };
    (subject, format!("{}\n\n{closing}\n", message.get(lang)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notification_reads_in_each_language() {
        let text = message("2026-0000001", ServiceCode::ArchivalCertificate, Status::Issued);
        assert!(text.kk.contains("№ 2026-0000001"));
        assert!(!text.is_incomplete());
        let (subject, body) =
            mail("2026-0000001", ServiceCode::ArchivalCertificate, Status::Issued, Lang::Ru);
        assert!(subject.starts_with("Qyzmet: заявка № 2026-0000001"));
        let service = catalog().service(ServiceCode::ArchivalCertificate).unwrap().title.clone();
        assert!(body.contains(service.get(Lang::Ru)), "{body}");
        assert!(body.contains(Status::Issued.title().get(Lang::Ru)));
        assert!(crate::form::check(&CONTACT_EMAIL, "not an address").is_some());
        assert!(crate::form::check(&CONTACT_EMAIL, "aigul@example.kz").is_none());
        assert!(crate::form::check(&CONTACT_EMAIL, "").is_none());
    }
}
