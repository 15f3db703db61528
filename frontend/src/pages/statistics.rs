//! The open figures, for anyone choosing where to file: how each state body renders a service —
//! requests filed and finished, the share in term, the median wait, refusals and how applicants
//! rated it — over the last 30 or 365 days.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use qyzmet_shared::Text;
use qyzmet_shared::catalog::{ServiceCode, catalog};
use qyzmet_shared::statistics::{PERIODS, PeriodFigures, ProviderFigures, Statistics};

use crate::api;
use crate::components::status::{Failure, Loading};
use crate::i18n::{Key, moment_text, t, use_lang};
use crate::pages::{set_title, title_of};
use crate::routes;

/// The column the providers are ordered by; at first, the catalog's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Catalog,
    Filed,
    InTerm,
    Wait,
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    set_title(title_of(Key::FiguresTitle));
    let lang = use_lang();
    let figures = LocalResource::new(api::statistics);
    let query = use_query_map();
    let service = Memo::new(move |_| {
        let asked = query.read().get("service");
        asked.and_then(|code| ServiceCode::from_code(&code)).unwrap_or(ServiceCode::ALL[0])
    });
    let navigate = use_navigate();
    // The address names the service, so a link copied here opens on the same one.
    let choose = move |ev: leptos::ev::Event| {
        if let Some(code) = ServiceCode::from_code(&event_target_value(&ev)) {
            let to = routes::statistics_of(lang.get_untracked(), code);
            navigate(&to, NavigateOptions { replace: true, ..NavigateOptions::default() });
        }
    };
    let days = RwSignal::new(PERIODS[0]);
    let order = RwSignal::new(Order::Catalog);
    let services = StoredValue::new(catalog().services);
    view! {
        <section class="statistics">
            <h1>{t(Key::FiguresTitle)}</h1>
            <p class="lead">{t(Key::FiguresLead)}</p>
            <div class="field">
                <label for="figures-service">{t(Key::FiguresService)}</label>
                <select id="figures-service" on:change=choose prop:value=move || service.get().as_str()>
                    {services.get_value().into_iter().map(|s| view! {
                        <option value=s.code.as_str()>{move || s.title.get(lang.get()).to_owned()}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="choice periods">
                <legend>{t(Key::FiguresPeriod)}</legend>
                {PERIODS.into_iter().zip([Key::FiguresMonth, Key::FiguresYear]).map(|(period, label)| view! {
                    <label>
                        <input type="radio" name="figures-period" value=period.to_string()
                            prop:checked=move || days.get() == period on:change=move |_| days.set(period)/>
                        {t(label)}
                    </label>
                }).collect_view()}
            </fieldset>
            {move || match figures.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => {
                    view! { <Failure error retry=Callback::new(move |()| figures.refetch())/> }.into_any()
                }
                Some(Ok(all)) => {
                    let service = service.get();
                    let title = services.with_value(|all| {
                        all.iter().find(|s| s.code == service).map(|s| s.title.clone())
                    });
                    view! { <Figures all service title days=days.get() order/> }.into_any()
                }
            }}
            <p class="field-hint">{t(Key::FiguresExplained)}</p>
        </section>
    }
}

/// A service's providers, each with its figures of the period (zeros where nothing was filed).
#[component]
fn Figures(
    all: Statistics,
    service: ServiceCode,
    title: Option<Text>,
    days: u16,
    order: RwSignal<Order>,
) -> impl IntoView {
    let lang = use_lang();
    let rows: Vec<(String, Text, Option<ProviderFigures>)> = catalog()
        .providers(service)
        .map(|body| {
            let found =
                all.providers.iter().find(|p| p.service == service && p.provider == body.id);
            (body.id.clone(), body.name.clone(), found.cloned())
        })
        .collect();
    let period = move |figures: &Option<ProviderFigures>| {
        figures.as_ref().and_then(|f| f.periods.iter().find(|p| p.days == days).copied())
    };
    // Ascending keys: the most filed, the largest share in term, the shortest wait first; a
    // provider with nothing to count for the column last.
    let rank = move |figures: Option<PeriodFigures>| match order.get() {
        Order::Catalog => 0,
        Order::Filed => -figures.map_or(0, |p| p.filed),
        Order::InTerm => -figures.and_then(|p| p.in_term_percent()).unwrap_or(-1),
        Order::Wait => figures.and_then(|p| p.median_hours).unwrap_or(i64::MAX),
    };
    let sorted = move || {
        let mut rows = rows.clone();
        rows.sort_by_key(|row| rank(period(&row.2)));
        rows
    };
    let caption = move || {
        let period = if days == PERIODS[0] { Key::FiguresMonth } else { Key::FiguresYear };
        let title = title.as_ref().map_or("", |t| t.get(lang.get()));
        format!("{title} · {}", period.get(lang.get()))
    };
    view! {
        <p class="counted-at">{t(Key::FiguresCountedAt)} ": " {moment_text(all.counted_at)}</p>
        <div class="figures-scroll" role="region" tabindex="0" aria-labelledby="figures-caption">
            <table class="figures">
                <caption id="figures-caption">{caption}</caption>
                <thead><tr>
                    <th scope="col">{t(Key::FiguresBody)}</th>
                    <SortedBy order by=Order::Filed label=Key::FiguresFiled/>
                    <th scope="col">{t(Key::FiguresFinished)}</th>
                    <SortedBy order by=Order::InTerm label=Key::FiguresInTerm/>
                    <SortedBy order by=Order::Wait label=Key::FiguresWait/>
                    <th scope="col">{t(Key::FiguresRefused)}</th>
                    <th scope="col">{t(Key::FiguresSatisfied)}</th>
                    <th scope="col">{t(Key::FiguresAnswers)}</th>
                </tr></thead>
                <tbody>
                    {move || sorted().into_iter().map(|(id, name, figures)| {
                        // Where nothing was filed, zeros.
                        let PeriodFigures { filed, finished, refused, median_hours, .. } =
                            period(&figures).unwrap_or_default();
                        let in_term = period(&figures).and_then(|p| p.in_term_percent());
                        let survey = figures.map(|f| f.survey);
                        let answered = survey.as_ref().map_or(0, qyzmet_shared::survey::SurveyResults::answered);
                        let satisfied = survey.and_then(|s| s.satisfied_percent());
                        view! {
                            <tr>
                                <th scope="row"><A href=move || routes::body(lang.get(), &id)>{move || name.get(lang.get()).to_owned()}</A></th>
                                <td>{filed}</td>
                                <td>{finished}</td>
                                <td>{percent(in_term)}</td>
                                <td>{median_hours.map_or_else(|| "—".to_owned(), in_days)}</td>
                                <td>{refused}</td>
                                <td>{percent(satisfied)}</td>
                                <td>{answered}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A column header that orders the rows by its column; a screen reader hears which one does.
#[component]
fn SortedBy(order: RwSignal<Order>, by: Order, label: Key) -> impl IntoView {
    let direction = if by == Order::Wait { "ascending" } else { "descending" };
    view! {
        <th scope="col" aria-sort=move || if order.get() == by { direction } else { "none" }>
            <button type="button" class="sort" on:click=move |_| order.set(by)>{t(label)}</button>
        </th>
    }
}

fn percent(share: Option<i64>) -> String {
    share.map_or_else(|| "—".to_owned(), |share| format!("{share} %"))
}

/// Hours as days with one decimal, written with a comma as both languages write it: 4,5.
fn in_days(hours: i64) -> String {
    let tenths = (hours * 10 + 12) / 24;
    format!("{},{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_in_days_with_a_decimal_comma() {
        // 108 hours are 4.5 days; 30 hours 1.25, rounded to 1.3; 2 hours 0.083, to 0.1.
        assert_eq!(in_days(108), "4,5");
        assert_eq!(in_days(30), "1,3");
        assert_eq!(in_days(2), "0,1");
        assert_eq!(percent(Some(66)), "66 %");
        assert_eq!(percent(None), "—");
    }
}
