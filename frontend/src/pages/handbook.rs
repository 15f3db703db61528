//! The business-process handbook of a service, which 003 p. 12 requires published: who holds a
//! request at each step, for how long and what they may do, as a table and a diagram drawn from
//! the regulation's declaration — so the page cannot drift from what the server enforces.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use qyzmet_shared::api::StepLimit;
use qyzmet_shared::catalog::{ServiceCode, catalog};
use qyzmet_shared::workflow::{Step, Workflow};

use crate::api;
use crate::i18n::{Key, limit_text, t, use_lang};
use crate::pages::not_found::Missing;
use crate::pages::set_title;
use crate::routes;

#[component]
pub fn HandbookPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").and_then(|c| ServiceCode::from_code(&c));
    view! {
        {move || match code() {
            Some(code) => view! { <Handbook code/> }.into_any(),
            None => view! { <Missing detail=Key::ServiceNotFound/> }.into_any(),
        }}
    }
}

#[component]
fn Handbook(code: ServiceCode) -> impl IntoView {
    let lang = use_lang();
    let regulation = code.def();
    let Some(title) = catalog().service(code).map(|s| s.title.clone()) else {
        return view! { <Missing detail=Key::ServiceNotFound/> }.into_any();
    };
    let heading = title.clone();
    set_title(move || format!("{} — {}", t(Key::HandbookTitle)(), heading.get(lang.get())));
    let workflow = &regulation.workflow;
    // The limits as they are now: an administrator may have changed some.
    let limits = LocalResource::new(move || api::step_limits(code));
    let current = Signal::derive(move || limits.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <article class="handbook">
            <h1>{t(Key::HandbookTitle)}</h1>
            <p class="lead">
                <A href=move || routes::service(lang.get(), code)>{move || title.get(lang.get()).to_owned()}</A>
            </p>
            <p>{t(Key::HandbookLead)}</p>
            <table class="handbook-steps">
                <caption>{t(Key::HandbookTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"№"</th>
                        <th scope="col">{t(Key::HandbookStep)}</th>
                        <th scope="col">{t(Key::HandbookRole)}</th>
                        <th scope="col">{t(Key::HandbookLimit)}</th>
                        <th scope="col">{t(Key::HandbookMoves)}</th>
                    </tr>
                </thead>
                <tbody>
                    {workflow.steps.iter().enumerate().map(|(i, step)| view! {
                        <StepRow number=i + 1 step=*step workflow current/>
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{t(Key::HandbookDiagram)}</h2>
            <Diagram workflow/>
            <p class="sources">
                {t(Key::HandbookSources)} ": " {regulation.sources.join(", ")}
            </p>
        </article>
    }
    .into_any()
}

/// One step: its status, holder, limit, and each move with where it leads.
#[component]
fn StepRow(
    number: usize,
    step: Step,
    workflow: &'static Workflow,
    current: Signal<Vec<StepLimit>>,
) -> impl IntoView {
    let lang = use_lang();
    // The limit now, and the regulation's beside it when an administrator changed it.
    let limit = move || {
        let declared = limit_text(step.limit).get(lang.get()).to_owned();
        let now = current.get().into_iter().find(|s| s.status == step.status).map(|s| s.current);
        match now.filter(|now| *now != step.limit) {
            Some(now) => format!(
                "{} ({}: {declared})",
                limit_text(now).get(lang.get()),
                t(Key::HandbookDeclared)()
            ),
            None => declared,
        }
    };
    let moves: Vec<_> = workflow
        .transitions
        .iter()
        .filter(|m| m.from == step.status && m.role == step.role)
        .map(|m| (m.action.title(), m.to.title()))
        .collect();
    view! {
        <tr>
            <td>{number}</td>
            <td>{move || step.status.title().get(lang.get()).to_owned()}</td>
            <td>{move || step.role.title().get(lang.get()).to_owned()}</td>
            <td>{limit}</td>
            <td>
                <ul>
                    {moves.into_iter().map(|(action, to)| view! {
                        <li>{move || format!("{} → {}", action.get(lang.get()), to.get(lang.get()))}</li>
                    }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}

const BOX_WIDTH: usize = 560;
const BOX_HEIGHT: usize = 52;
const GAP: usize = 40;
const MARGIN: usize = 20;

/// The steps top to bottom, each a box with its holder, status and limit; an arrow to the next
/// step named by the move that leads there, and the last step's arrow to the result issued.
#[component]
fn Diagram(workflow: &'static Workflow) -> impl IntoView {
    let lang = use_lang();
    let steps = workflow.steps;
    let top = |i: usize| MARGIN + i * (BOX_HEIGHT + GAP);
    let height = top(steps.len()) + BOX_HEIGHT + MARGIN;
    let width = BOX_WIDTH + 2 * MARGIN;
    let centre = MARGIN + BOX_WIDTH / 2;
    let arrows = steps.iter().enumerate().map(move |(i, step)| {
        let next = steps.get(i + 1).map_or(qyzmet_shared::workflow::Status::Issued, |s| s.status);
        let action = workflow
            .transitions
            .iter()
            .find(|m| m.from == step.status && m.to == next)
            .map(|m| m.action.title());
        let (from, to) = (top(i) + BOX_HEIGHT, top(i + 1));
        view! {
            <line x1=centre y1=from x2=centre y2=to - 2 class="arrow" marker-end="url(#arrowhead)"/>
            <text x=centre + 10 y=from + GAP / 2 + 4 class="move">
                {move || action.as_ref().map(|a| a.get(lang.get()).to_owned())}
            </text>
        }
    });
    let boxes = steps.iter().enumerate().map(move |(i, step)| {
        let step = *step;
        view! {
            <rect x=MARGIN y=top(i) width=BOX_WIDTH height=BOX_HEIGHT rx="6" class="step"/>
            <text x=MARGIN + 12 y=top(i) + 21 class="role">
                {move || step.role.title().get(lang.get()).to_owned()}
            </text>
            <text x=MARGIN + 12 y=top(i) + 41 class="status">
                {move || format!(
                    "{} · {}",
                    step.status.title().get(lang.get()),
                    limit_text(step.limit).get(lang.get())
                )}
            </text>
        }
    });
    let issued = qyzmet_shared::workflow::Status::Issued.title();
    view! {
        <svg class="handbook-diagram" role="img" viewBox=format!("0 0 {width} {height}")
            width=width height=height aria-labelledby="handbook-diagram-title">
            <title id="handbook-diagram-title">{t(Key::HandbookDiagram)}</title>
            <defs>
                <marker id="arrowhead" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8"
                    markerHeight="8" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z"/>
                </marker>
            </defs>
            {boxes.collect_view()}
            {arrows.collect_view()}
            <rect x=MARGIN y=top(steps.len()) width=BOX_WIDTH height=BOX_HEIGHT rx="26" class="end"/>
            <text x=centre y=top(steps.len()) + 31 text-anchor="middle" class="status">
                {move || issued.get(lang.get()).to_owned()}
            </text>
        </svg>
    }
}
