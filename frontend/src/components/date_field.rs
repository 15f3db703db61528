//! A date typed as day, month and year, as GOV.UK's date input asks: three short numeric fields
//! in a group with an example, whatever the browser's own date picker would show in its locale.
//! The value stays `YYYY-MM-DD` for the shared rule; a date not whole or not real is passed on
//! as typed, for the rule to refuse with its message.

use leptos::prelude::*;
use qyzmet_shared::Text;

use crate::i18n::{Key, t, use_lang};

/// Day, month and year as typed.
type Parts = [String; 3];

/// `id` names the day's input (so a label's or an error summary's link lands there); the month's
/// and the year's are `{id}-month` and `{id}-year`.
#[component]
pub fn DateField(
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<Text>>,
    #[prop(default = None)] hint: Option<Signal<&'static str>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let lang = use_lang();
    let parts = RwSignal::new(parts_of(&value.get_untracked()));
    // A value set from elsewhere (the registry, a resumed draft) shows in the three fields.
    Effect::new(move || {
        let set = value.get();
        if parts.with_untracked(|typed| joined(typed) != set) {
            parts.set(parts_of(&set));
        }
    });
    let (hint_id, example_id, error_id) =
        (format!("{id}-hint"), format!("{id}-example"), format!("{id}-error"));
    let described_by = {
        let (hint_id, example_id, error_id) =
            (hint_id.clone(), example_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::from([example_id.clone()]);
            if hint.is_some() {
                ids.insert(0, hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || error.get().is_some().to_string();
    let part = move |index: usize, part_id: String, name: Key, digits: u32| {
        view! {
            <div class=if index == 2 { "date-part year" } else { "date-part" }>
                <label for=part_id.clone()>{t(name)}</label>
                <input id=part_id type="text" inputmode="numeric" maxlength=digits
                    autocomplete="off" aria-invalid=invalid
                    prop:value=move || parts.with(|typed| typed[index].clone())
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        parts.update(|all| all[index] = typed);
                        value.set(parts.with_untracked(joined));
                    }/>
            </div>
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some() class:required=required>
            <fieldset class="date" aria-describedby=described_by>
                <legend>{move || label.get()}</legend>
                {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{move || hint.get()}</p> })}
                <p class="field-hint" id=example_id>{t(Key::DateExample)}</p>
                <div class="date-parts">
                    {part(0, id.to_owned(), Key::DateDay, 2)}
                    {part(1, format!("{id}-month"), Key::DateMonth, 2)}
                    {part(2, format!("{id}-year"), Key::DateYear, 4)}
                </div>
                {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e.get(lang.get()).to_owned()}</p> })}
            </fieldset>
        </div>
    }
}

/// The three fields of a `YYYY-MM-DD` value (or of one `joined` passed on as typed).
fn parts_of(value: &str) -> Parts {
    let mut fields = value.splitn(3, '-').map(str::to_owned);
    let (year, month, day) = (fields.next(), fields.next(), fields.next());
    [day.unwrap_or_default(), month.unwrap_or_default(), year.unwrap_or_default()]
}

/// The value of what is typed: `YYYY-MM-DD` when each field is a number and the year has four
/// digits, nothing when all are empty, else the fields as typed (which no date rule accepts).
fn joined([day, month, year]: &Parts) -> String {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return String::new();
    }
    match (day.parse::<u8>(), month.parse::<u8>(), year.parse::<u16>()) {
        (Ok(day), Ok(month), Ok(year)) if year >= 1000 => format!("{year}-{month:02}-{day:02}"),
        _ => format!("{year}-{month}-{day}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(day: &str, month: &str, year: &str) -> String {
        joined(&[day.to_owned(), month.to_owned(), year.to_owned()])
    }

    #[test]
    fn what_is_typed_becomes_an_iso_date_or_stays_as_typed() {
        assert_eq!(typed("27", "3", "2007"), "2007-03-27");
        assert_eq!(typed(" 1", "01 ", "2005"), "2005-01-01");
        assert_eq!(typed("", "", ""), "");
        // Not whole, not numbers, a two-digit year: passed on for the rule to refuse.
        assert_eq!(typed("27", "", "2007"), "2007--27");
        assert_eq!(typed("27", "март", "2007"), "2007-март-27");
        assert_eq!(typed("27", "3", "07"), "07-3-27");
        // A day that does not exist is still a date's shape; the shared rule refuses it.
        assert_eq!(typed("31", "2", "2026"), "2026-02-31");
    }

    #[test]
    fn a_value_shows_in_its_fields_and_comes_back_unchanged() {
        for value in ["2010-12-31", "2007--27", "07-3-27", ""] {
            assert_eq!(joined(&parts_of(value)), value, "{value}");
        }
        assert_eq!(parts_of("2010-12-31"), ["31".to_owned(), "12".to_owned(), "2010".to_owned()]);
    }
}
