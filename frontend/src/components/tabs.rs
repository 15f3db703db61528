//! Tabs as the WAI-ARIA pattern has them: a tab list in which a click, or the arrow keys, Home
//! and End, choose a tab and show its panel. The panels are the page's, each `hidden` while
//! another is chosen, never removed, so what is typed in one stays while another is looked at.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use crate::focus;
use crate::i18n::{Key, t};

/// A tab: its element's id (its panel's is `panel_id` of it) and what it reads.
#[derive(Debug, Clone, Copy)]
pub struct Tab {
    pub id: &'static str,
    pub label: Key,
}

/// The id of the panel the tab `tab` shows.
pub fn panel_id(tab: &str) -> String {
    format!("{tab}-panel")
}

/// The tab a key moves to from `at` among `count`, if the key moves at all (wrapping round).
fn moved(key: &str, at: usize, count: usize) -> Option<usize> {
    let last = count.checked_sub(1)?;
    match key {
        "ArrowRight" => Some(if at >= last { 0 } else { at + 1 }),
        "ArrowLeft" => Some(at.checked_sub(1).unwrap_or(last)),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

#[component]
pub fn TabList(label: Key, tabs: &'static [Tab], chosen: RwSignal<usize>) -> impl IntoView {
    let keys = move |ev: KeyboardEvent| {
        let Some(to) = moved(&ev.key(), chosen.get_untracked(), tabs.len()) else { return };
        ev.prevent_default();
        chosen.set(to);
        if let Some(tab) = tabs.get(to) {
            focus::now(tab.id);
        }
    };
    let items = tabs
        .iter()
        .enumerate()
        .map(|(at, tab)| {
            let selected = move || chosen.get() == at;
            view! {
                <button type="button" role="tab" id=tab.id aria-controls=panel_id(tab.id)
                    aria-selected=move || selected().to_string()
                    tabindex=move || if selected() { "0" } else { "-1" }
                    on:click=move |_| chosen.set(at)>
                    {t(tab.label)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div role="tablist" class="tabs" aria-label=move || t(label)() on:keydown=keys>{items}</div>
    }
}

/// The panel of the tab `at` of `tabs`, shown while that tab is chosen.
#[component]
pub fn TabPanel(
    tabs: &'static [Tab],
    at: usize,
    chosen: RwSignal<usize>,
    children: Children,
) -> impl IntoView {
    let tab = tabs.get(at).map_or("", |tab| tab.id);
    view! {
        <div role="tabpanel" id=panel_id(tab) aria-labelledby=tab hidden=move || chosen.get() != at>
            {children()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::moved;

    #[test]
    fn the_arrows_wrap_round_and_home_and_end_go_to_the_ends() {
        assert_eq!(moved("ArrowRight", 0, 3), Some(1));
        assert_eq!(moved("ArrowRight", 2, 3), Some(0));
        assert_eq!(moved("ArrowLeft", 0, 3), Some(2));
        assert_eq!(moved("ArrowLeft", 2, 3), Some(1));
        assert_eq!(moved("Home", 2, 3), Some(0));
        assert_eq!(moved("End", 0, 3), Some(2));
        assert_eq!(moved("Enter", 1, 3), None);
        assert_eq!(moved("ArrowRight", 0, 0), None);
    }
}
