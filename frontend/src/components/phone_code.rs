//! The phone's QR code while eGov Mobile signs: the code (drawn by the portal), where the phone
//! is, the time left, the links that open the app on this same phone, and «cancel».

use leptos::prelude::*;
use qyzmet_shared::mobile_sign::MobileSignState;

use crate::i18n::{Key, t};
use crate::mobile::Waiting;

#[component]
pub fn PhoneCode(waiting: Waiting) -> impl IntoView {
    let where_the_phone_is = move || {
        t(match waiting.state.get() {
            MobileSignState::Scanned => Key::PhoneScanned,
            _ => Key::PhoneScan,
        })()
    };
    let time_left = move || {
        let seconds = waiting.seconds_left.get();
        format!("{} {}:{:02}", t(Key::PhoneValidFor)(), seconds / 60, seconds % 60)
    };
    // The code comes into view as it appears: on a small screen it opens below the fold.
    let panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move || {
        if let Some(panel) = panel.get() {
            panel.scroll_into_view();
        }
    });
    move || {
        waiting.session.get().map(|session| {
            view! {
                <div class="phone-code" node_ref=panel>
                    <img class="qr" src=session.qr_image alt=t(Key::PhoneCodeAlt) width="232"
                        height="232"/>
                    <div class="phone-code-state">
                        <p role="status" aria-live="polite">{where_the_phone_is}</p>
                        <p class="field-hint">{time_left}</p>
                        <p class="form-error" role="alert" hidden=move || !waiting.unreachable.get()>
                            {t(Key::PhoneUnreachable)}
                        </p>
                        // On a phone, the app opens on the same phone instead of scanning.
                        <div class="same-device">
                            <a class="button" href=session.link>{t(Key::PhoneOpenApp)}</a>
                            <a class="button secondary" href=session.business_link>
                                {t(Key::PhoneOpenBusinessApp)}
                            </a>
                        </div>
                        <button type="button" class="secondary"
                            on:click=move |_| waiting.cancelled.set(true)>
                            {t(Key::PhoneCancel)}
                        </button>
                    </div>
                </div>
            }
        })
    }
}
