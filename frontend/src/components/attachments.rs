//! The scanned documents of a draft: one per document of the kind's list, checked here by the
//! shared rule before uploading (content, size), uploaded with progress, removable until filed;
//! those the applicant must attach are marked, and named when sending finds them absent.

use leptos::prelude::*;
use qyzmet_shared::ApiError;
use qyzmet_shared::attachment::{self, AttachmentView, FileProblem};
use qyzmet_shared::form::{Document, FieldError, Kind};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::components::file_button::FileButton;
use crate::i18n::{Key, t, use_lang};

/// What happened to the last file chosen for a document.
#[derive(Debug, Clone)]
enum Upload {
    Sending(u32),
    Refused(Key),
    Failed(ApiError),
}

/// The file chosen in an input, with its name.
async fn chosen(input: &web_sys::HtmlInputElement) -> Option<(String, Vec<u8>)> {
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()))
}

fn problem_key(problem: FileProblem) -> Key {
    match problem {
        FileProblem::Empty | FileProblem::Unsupported => Key::FileUnsupported,
        FileProblem::TooLarge => Key::FileTooLarge,
    }
}

/// The documents of a draft of `kind` filed for `applicant` (IIN/BIN); `missing` names those
/// sending found absent, each shown at its document until a file is attached.
#[component]
pub fn Attachments(
    number: String,
    kind: &'static Kind,
    applicant: RwSignal<String>,
    attached: RwSignal<Vec<AttachmentView>>,
    missing: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let number = StoredValue::new(number);
    view! {
        <fieldset class="attachments">
            <legend>{t(Key::Documents)}</legend>
            <p class="field-hint">{t(Key::DocumentsHint)}</p>
            {kind.documents.iter().map(|document| {
                let required = Signal::derive(move || document.need.applies_to(&applicant.read()));
                view! { <DocumentFile number=number.get_value() document required attached missing/> }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn DocumentFile(
    number: String,
    document: &'static Document,
    required: Signal<bool>,
    attached: RwSignal<Vec<AttachmentView>>,
    missing: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let lang = use_lang();
    let upload = RwSignal::new(None::<Upload>);
    let id = format!("document-{}", document.id);
    let number_for_upload = number.clone();
    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let number = number_for_upload.clone();
        leptos::task::spawn_local(async move {
            let Some((name, bytes)) = chosen(&input).await else { return };
            if let Err(problem) = attachment::check(&bytes) {
                upload.set(Some(Upload::Refused(problem_key(problem))));
                return;
            }
            upload.set(Some(Upload::Sending(0)));
            let progress = move |share| upload.set(Some(Upload::Sending(share)));
            match api::attach(&number, document.id, &name, &bytes, progress).await {
                Ok(file) => {
                    attached.update(|files| {
                        files.retain(|f| f.document != file.document);
                        files.push(file);
                    });
                    upload.set(None);
                }
                Err(error) => upload.set(Some(Upload::Failed(error))),
            }
        });
    };
    let remove = move |_| {
        let number = number.clone();
        leptos::task::spawn_local(async move {
            match api::detach(&number, document.id).await {
                Ok(()) => attached.update(|files| files.retain(|f| f.document != document.id)),
                Err(error) => upload.set(Some(Upload::Failed(error))),
            }
        });
    };
    let file =
        move || attached.with(|files| files.iter().find(|f| f.document == document.id).cloned());
    let absent = move || {
        missing
            .with(|m| m.iter().find(|m| m.field == document.id).map(|m| m.message.clone()))
            .filter(|_| file().is_none())
    };
    let (label_for, button_for, error_id) = (id.clone(), id.clone(), format!("{id}-status"));
    let described_by = error_id.clone();
    view! {
        <div class="field document" class:required=move || required.get() class:invalid=move || absent().is_some()>
            <label for=label_for>{move || document.label.get(lang.get()).to_owned()}</label>
            {move || file().map(|f| view! {
                <p class="attached">
                    {f.name} " (" {(f.size + 1023) / 1024} " KB) "
                    <button type="button" class="secondary" on:click=remove.clone()>{t(Key::RemoveFile)}</button>
                </p>
            })}
            <div class="file-picker">
                <input id=id class="file-input" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    aria-describedby=described_by aria-invalid=move || absent().is_some().to_string()
                    on:change=choose/>
                <FileButton input=button_for chosen=Signal::derive(move || file().map(|f| f.name))/>
            </div>
            <div id=error_id aria-live="polite">
                {move || absent().map(|text| view! { <p class="field-error">{text.get(lang.get()).to_owned()}</p> })}
                {move || upload.get().map(|state| match state {
                    Upload::Sending(share) => view! {
                        <progress max="100" value=share.to_string()>{format!("{share}%")}</progress>
                        <span>{t(Key::Uploading)} " " {share} "%"</span>
                    }.into_any(),
                    Upload::Refused(key) => view! { <p class="field-error">{t(key)}</p> }.into_any(),
                    Upload::Failed(error) => view! {
                        <p class="field-error">{move || error.message.get(lang.get()).to_owned()}</p>
                    }.into_any(),
                })}
            </div>
        </div>
    }
}
