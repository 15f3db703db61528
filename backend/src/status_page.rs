//! `/check` as a plain HTML page the server renders: the status check's form and, when it was
//! sent, its answer (service, status, deadline) in the chosen language — for a feature phone, a
//! text browser, or any browser before the app has loaded. It is the app's own `index.html` with
//! the page in its body: where JavaScript runs, the app starts as anywhere else and takes the page
//! over. The same look-up as `GET /api/v1/status`: the same per-address limit, the same «not
//! found» for a wrong pair.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use qyzmet_shared::status_check::{self as words, SERVER_PAGE_ID, Words};
use qyzmet_shared::{ErrorCode, Lang};
use serde::Deserialize;

use crate::AppState;
use crate::api::requests::status_of;
use crate::auth::Client;
use crate::error::AppError;

/// What the form sends: all optional, so that `/check` alone is the empty form.
#[derive(Debug, Default, Deserialize)]
pub struct Asked {
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    iin: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

/// The page, for the app's `index.html`.
pub async fn answer(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    query: Result<Query<Asked>, QueryRejection>,
    in_address: Option<Lang>,
    index_html: &str,
) -> Response {
    let asked = query.map(|Query(asked)| asked).unwrap_or_default();
    let lang = in_address.unwrap_or_else(|| chosen(asked.lang.as_deref(), &headers));
    let number = asked.number.as_deref().map(str::trim).unwrap_or_default();
    let iin = asked.iin.as_deref().map(str::trim).unwrap_or_default();
    let outcome = match (number.is_empty(), asked.iin.is_none()) {
        // The empty form, as first opened.
        (true, true) => None,
        (true, false) => Some(Err(pick(lang, words::NUMBER_REQUIRED).to_owned())),
        (false, _) => {
            Some(status_of(&state, client, number, iin).await.map_err(|error| match error {
                AppError::Api(error) if error.code == ErrorCode::NotFound => {
                    pick(lang, words::NOT_FOUND).to_owned()
                }
                told @ (AppError::Api(_) | AppError::Limited { .. }) => {
                    told.to_api_error().message.get(lang).to_owned()
                }
                other => {
                    tracing::error!(error = %other, "the status page could not look up");
                    ErrorCode::Unavailable.message().get(lang).to_owned()
                }
            }))
        }
    };
    let page = render(&state, lang, (number, iin), outcome.as_ref());
    let html = index_html
        .replacen("<html lang=\"kk\">", &format!("<html lang=\"{}\">", lang.code()), 1)
        .replacen("<body>", &format!("<body>\n{page}"), 1);
    ([(header::CACHE_CONTROL, "no-cache")], Html(html)).into_response()
}

/// The language asked for in the address, else the browser's first of Kazakh and Russian, else
/// Kazakh.
fn chosen(asked: Option<&str>, headers: &HeaderMap) -> Lang {
    let from_browser = || {
        let accepted = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok())?;
        accepted.split(',').find_map(|tag| Lang::from_code(tag.split(';').next()?.trim()))
    };
    asked.and_then(Lang::from_code).or_else(from_browser).unwrap_or_default()
}

fn pick(lang: Lang, words: Words) -> &'static str {
    match lang {
        Lang::Kk => words.0,
        Lang::Ru => words.1,
    }
}

/// The page's markup: the form as typed, and the answer.
fn render(
    state: &AppState,
    lang: Lang,
    (number, iin): (&str, &str),
    outcome: Option<&Result<qyzmet_shared::request::PublicStatus, String>>,
) -> String {
    let say = |words: Words| pick(lang, words);
    let (other, other_name) = match lang {
        Lang::Kk => (Lang::Ru, "Русский"),
        Lang::Ru => (Lang::Kk, "Қазақша"),
    };
    let answer = match outcome {
        None => String::new(),
        Some(Err(message)) => {
            format!("<p class=\"form-error\" role=\"alert\">{}</p>", escaped(message))
        }
        Some(Ok(found)) => {
            let service = state
                .catalog
                .service(found.service)
                .map(|service| service.title.get(lang).to_owned())
                .unwrap_or_default();
            let deadline = found
                .deadline
                .map(|unix| qyzmet_shared::calendar::Date::in_kazakhstan(unix).dotted())
                .unwrap_or_default();
            format!(
                "<dl class=\"facts status-card\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>\
                 <dt>{}</dt><dd class=\"status\">{}</dd><dt>{}</dt><dd>{}</dd></dl>\
                 <p class=\"form-note what-next\">{}</p>",
                say(words::NUMBER),
                escaped(&found.number),
                say(words::SERVICE),
                escaped(&service),
                say(words::STATUS),
                escaped(found.status.title().get(lang)),
                say(words::DEADLINE),
                deadline,
                escaped(found.status.what_next(found.deadline).get(lang)),
            )
        }
    };
    format!(
        "<main id=\"{SERVER_PAGE_ID}\" class=\"check\">\
         <p><a href=\"/{other}/check\" lang=\"{other}\">{other_name}</a></p>\
         <h1>{title}</h1><p>{lead}</p>\
         <form method=\"get\" action=\"/{lang}/check\" novalidate>\
         <div class=\"field\"><label for=\"check-number\">{number_label}</label>\
         <input id=\"check-number\" name=\"number\" autocomplete=\"off\" value=\"{number}\"></div>\
         <div class=\"field\"><label for=\"check-iin\">{iin_label}</label>\
         <input id=\"check-iin\" name=\"iin\" inputmode=\"numeric\" maxlength=\"12\" autocomplete=\"off\" value=\"{iin}\"></div>\
         <button type=\"submit\">{check}</button></form>\
         <div aria-live=\"polite\">{answer}</div></main>",
        other = other.code(),
        lang = lang.code(),
        title = say(words::TITLE),
        lead = say(words::LEAD),
        number_label = say(words::NUMBER),
        iin_label = say(words::ID_NUMBER),
        check = say(words::CHECK),
        number = escaped(number),
        iin = escaped(iin),
    )
}

/// Text for HTML: in an element or a quoted attribute.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_typed_cannot_become_markup() {
        assert_eq!(
            escaped("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn the_language_is_the_address_s_then_the_browser_s() {
        let mut headers = HeaderMap::new();
        assert_eq!(chosen(None, &headers), Lang::Kk);
        headers.insert(header::ACCEPT_LANGUAGE, "en-GB, ru-RU;q=0.8".parse().unwrap());
        assert_eq!(chosen(None, &headers), Lang::Ru);
        assert_eq!(chosen(Some("kk"), &headers), Lang::Kk);
        assert_eq!(chosen(Some("xx"), &headers), Lang::Ru);
    }
}
