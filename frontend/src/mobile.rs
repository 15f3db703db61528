//! Signing with eGov Mobile: the server starts a session for what is to be signed and draws its
//! QR code; the person scans it with eGov Mobile (or opens the app on this same phone), signs
//! there, and the phone sends the signature to the portal. The page only shows the code and asks
//! the server, every second or two, where the phone is — until it has the signature, or a
//! reason why not.

use leptos::prelude::*;
use qyzmet_shared::mobile_sign::{MobileSignFor, MobileSignState, MobileSigning};
use qyzmet_shared::{ApiError, ErrorCode};

use crate::{api, clock};

/// Why the phone gave no signature.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The portal refused the start, or the phone's signature (with the reason).
    Refused(ApiError),
    /// No signature came within the code's five minutes.
    Expired,
    /// The person pressed «cancel».
    Cancelled,
}

/// What the page shows while the phone signs: the session, where it is, whether the portal has
/// stopped answering for now; and the person's «cancel».
#[derive(Debug, Clone, Copy)]
pub struct Waiting {
    pub session: RwSignal<Option<MobileSigning>>,
    pub state: RwSignal<MobileSignState>,
    /// Seconds left before the code expires.
    pub seconds_left: RwSignal<i64>,
    /// The last question to the portal went unanswered (the connection dropped): still trying.
    pub unreachable: RwSignal<bool>,
    pub cancelled: RwSignal<bool>,
}

impl Waiting {
    pub fn new() -> Waiting {
        Waiting {
            session: RwSignal::new(None),
            state: RwSignal::new(MobileSignState::Waiting),
            seconds_left: RwSignal::new(0),
            unreachable: RwSignal::new(false),
            cancelled: RwSignal::new(false),
        }
    }
}

/// Asks the phone for a signature of `what`: the CMS (base64), once the portal has verified it.
pub async fn sign(what: &MobileSignFor, waiting: Waiting) -> Result<String, Failure> {
    waiting.cancelled.set(false);
    waiting.unreachable.set(false);
    waiting.state.set(MobileSignState::Waiting);
    let session = api::start_mobile_sign(what).await.map_err(Failure::Refused)?;
    let id = session.id.clone();
    let expires_at = session.expires_at;
    waiting.session.set(Some(session));
    let outcome = watch(&id, expires_at, waiting).await;
    waiting.session.set(None);
    outcome
}

/// Asks where the session is every two seconds, counting the seconds down in between.
async fn watch(id: &str, expires_at: i64, waiting: Waiting) -> Result<String, Failure> {
    for tick in 0_u32.. {
        waiting.seconds_left.set((expires_at - clock::now()).max(0));
        if waiting.cancelled.get_untracked() {
            // The phone is told the code is closed; if the portal does not hear it, the code
            // expires on its own.
            let _ = api::cancel_mobile_sign(id).await;
            return Err(Failure::Cancelled);
        }
        if tick % 2 == 1 {
            match api::mobile_sign_status(id).await {
                Ok(status) => {
                    waiting.unreachable.set(false);
                    waiting.state.set(status.state);
                    match status.state {
                        MobileSignState::Signed => {
                            return status
                                .cms
                                .ok_or(Failure::Refused(ApiError::new(ErrorCode::Internal)));
                        }
                        MobileSignState::Refused => {
                            let code = status.error.unwrap_or(ErrorCode::SignatureInvalid);
                            return Err(Failure::Refused(ApiError::new(code)));
                        }
                        MobileSignState::Expired => return Err(Failure::Expired),
                        MobileSignState::Cancelled => return Err(Failure::Cancelled),
                        MobileSignState::Waiting | MobileSignState::Scanned => {}
                    }
                }
                // The connection dropped: keep asking until the code's time is up.
                Err(_) if clock::now() <= expires_at + 10 => waiting.unreachable.set(true),
                Err(_) => return Err(Failure::Expired),
            }
        }
        clock::sleep(1000).await;
    }
    Err(Failure::Expired)
}
