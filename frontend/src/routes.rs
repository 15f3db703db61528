//! The paths of the app, in one place. Every screen's address begins with its language, `/kk/…`
//! or `/ru/…`, so a link sent to someone opens in the language it was copied in; an address
//! without one (the portal's older addresses) is sent on to the same screen in the remembered
//! language.

use qyzmet_shared::Lang;
use qyzmet_shared::catalog::ServiceCode;

/// `path` (which starts with `/`) in `lang`: `/kk/cabinet`; the home page is `/kk`.
fn screen(lang: Lang, path: &str) -> String {
    format!("/{}{}", lang.code(), path.strip_suffix('/').unwrap_or(path))
}

/// The language an address begins with, if it does: `/ru/cabinet` → Russian.
pub fn lang_of(path: &str) -> Option<Lang> {
    let first = path.strip_prefix('/')?.split('/').next()?;
    [Lang::Kk, Lang::Ru].into_iter().find(|lang| lang.code() == first)
}

/// The same address in `lang`: the language it begins with changed, or put in front.
pub fn in_lang(lang: Lang, path: &str) -> String {
    let rest = match lang_of(path) {
        Some(_) => &path[3..],
        None => path,
    };
    screen(lang, if rest.is_empty() { "/" } else { rest })
}

pub fn home(lang: Lang) -> String {
    screen(lang, "/")
}

pub fn service(lang: Lang, code: ServiceCode) -> String {
    screen(lang, &format!("/services/{}", code.as_str()))
}

/// The service's business-process handbook.
pub fn handbook(lang: Lang, code: ServiceCode) -> String {
    screen(lang, &format!("/services/{}/handbook", code.as_str()))
}

pub fn body(lang: Lang, id: &str) -> String {
    screen(lang, &format!("/bodies/{id}"))
}

pub fn sign_in(lang: Lang) -> String {
    screen(lang, "/sign-in")
}

pub fn cabinet(lang: Lang) -> String {
    screen(lang, "/cabinet")
}

pub fn check(lang: Lang) -> String {
    screen(lang, "/check")
}

/// The provider's dashboard, for its staff.
pub fn dashboard(lang: Lang) -> String {
    screen(lang, "/office")
}

/// The provider's chancellery taking a walk-in's application.
pub fn walk_in(lang: Lang) -> String {
    screen(lang, "/office/walk-in")
}

/// The CSC operator's workplace at the counter.
pub fn counter(lang: Lang) -> String {
    screen(lang, "/csc")
}

/// The open figures of how each provider renders each service.
pub fn statistics(lang: Lang) -> String {
    screen(lang, "/statistics")
}

/// The open figures, opened on one service.
pub fn statistics_of(lang: Lang, code: ServiceCode) -> String {
    format!("{}?service={}", statistics(lang), code.as_str())
}

/// The public verification of result documents.
pub fn verify(lang: Lang) -> String {
    screen(lang, "/verify")
}

pub fn request(lang: Lang, number: &str) -> String {
    screen(lang, &format!("/requests/{number}"))
}

pub fn apply(lang: Lang, code: ServiceCode) -> String {
    screen(lang, &format!("/services/{}/apply", code.as_str()))
}

/// The form of a new request filed for `principal` under a power of attorney.
pub fn apply_for(lang: Lang, code: ServiceCode, principal: &str) -> String {
    format!("{}?for={principal}", apply(lang, code))
}

/// The form of a saved draft, to go on filling it.
pub fn resume(lang: Lang, code: ServiceCode, number: &str) -> String {
    format!("{}?draft={number}", apply(lang, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_address_begins_with_its_language() {
        assert_eq!(home(Lang::Kk), "/kk");
        assert_eq!(cabinet(Lang::Ru), "/ru/cabinet");
        assert_eq!(
            resume(Lang::Kk, ServiceCode::ArchivalCertificate, "7"),
            "/kk/services/archival-certificate/apply?draft=7"
        );
    }

    #[test]
    fn an_address_changes_language_and_keeps_its_screen() {
        assert_eq!(lang_of("/ru/cabinet"), Some(Lang::Ru));
        assert_eq!(lang_of("/kk"), Some(Lang::Kk));
        assert_eq!(lang_of("/kkx/cabinet"), None);
        assert_eq!(lang_of("/cabinet"), None);
        assert_eq!(in_lang(Lang::Ru, "/kk/requests/12"), "/ru/requests/12");
        assert_eq!(in_lang(Lang::Kk, "/ru"), "/kk");
        // The older addresses, without a language.
        assert_eq!(in_lang(Lang::Ru, "/services/foreign-media"), "/ru/services/foreign-media");
        assert_eq!(in_lang(Lang::Kk, "/"), "/kk");
    }
}
