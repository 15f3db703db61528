//! The demo's key files, offered for download while the portal trusts its built-in test CA: a
//! person tries signing (and the refusals) without a real key. Absent on a real deployment.

use leptos::prelude::*;
use qyzmet_shared::api::API_PREFIX;
use qyzmet_shared::signature::{Purpose, SignatureAlgorithm, Standing};

use crate::api;
use crate::i18n::{Key, t};

fn standing_key(standing: Standing) -> Key {
    match standing {
        Standing::Valid => Key::CertificateValid,
        Standing::Revoked => Key::CertificateRevoked,
        Standing::Expired => Key::CertificateExpired,
    }
}

fn algorithm_key(algorithm: SignatureAlgorithm) -> Key {
    match algorithm {
        SignatureAlgorithm::Gost2015 | SignatureAlgorithm::Gost2004 => Key::AlgorithmGost,
        SignatureAlgorithm::EcdsaP256Sha256 => Key::AlgorithmEcdsa,
        SignatureAlgorithm::RsaSha256 => Key::AlgorithmRsa,
    }
}

fn purpose_key(purpose: Purpose) -> Key {
    match purpose {
        Purpose::Signing => Key::PurposeSigning,
        Purpose::Authentication => Key::PurposeSignIn,
    }
}

/// The demo key files of one purpose (signing or signing in), as download links.
#[component]
pub fn DemoKeyFiles(purpose: Purpose) -> impl IntoView {
    let files = LocalResource::new(api::demo_key_files);
    move || {
        let files: Vec<_> = files
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f.purpose == purpose)
            .collect();
        (!files.is_empty()).then(|| {
            view! {
                <details class="demo-keys">
                    <summary>{t(Key::DemoKeys)}</summary>
                    <ul>
                        {files
                            .into_iter()
                            .map(|file| {
                                let href = format!("{API_PREFIX}/demo/key-files/{}", file.name);
                                view! {
                                    <li>
                                        <a href=href download=file.name.clone()>
                                            {file.holder} " (" {file.iin} ") — " {t(purpose_key(file.purpose))}
                                            ", " {t(standing_key(file.standing))} ", "
                                            {t(algorithm_key(file.algorithm))}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </details>
            }
        })
    }
}
