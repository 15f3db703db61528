//! E-mail notifications: each step writes the applicant's e-mail (and their representative's,
//! when one filed it under a power of attorney in force) into the outbox table in the same
//! transaction; the postman delivers what waits — into an outbox folder (`.eml` files) by default,
//! or over SMTP when configured.

use std::path::PathBuf;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use qyzmet_shared::notification;
use qyzmet_shared::power::PowerState;
use qyzmet_shared::workflow::Status;

use crate::AppState;
use crate::error::AppResult;
use crate::store::{MAX_ATTEMPTS, Mail, Retry, Store, StoredRequest};

/// How many e-mails one delivery round takes.
const ROUND: i64 = 50;

enum Transport {
    Folder(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// Delivers the outbox.
pub struct Postman {
    transport: Transport,
    from: Mailbox,
}

impl std::fmt::Debug for Postman {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Postman").field("from", &self.from).finish_non_exhaustive()
    }
}

/// Why the postman cannot start.
#[derive(Debug, thiserror::Error)]
pub enum PostmanError {
    #[error("the sender address {0:?} is not an e-mail address")]
    From(String),
    #[error("the SMTP address is not usable: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("the outbox folder {0} cannot be made: {1}")]
    Folder(PathBuf, std::io::Error),
}

impl Postman {
    /// Writes each e-mail as an `.eml` file into `folder`.
    pub fn folder(folder: PathBuf, from: &str) -> Result<Postman, PostmanError> {
        crate::config::private_directory(&folder)
            .map_err(|e| PostmanError::Folder(folder.clone(), e))?;
        let transport = Transport::Folder(AsyncFileTransport::new(folder));
        Ok(Postman { transport, from: sender(from)? })
    }

    /// Sends over SMTP: `smtps://user:password@host:465`, `smtp://host:25?tls=required`, …
    pub fn smtp(url: &str, from: &str) -> Result<Postman, PostmanError> {
        let transport =
            Transport::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build());
        Ok(Postman { transport, from: sender(from)? })
    }

    /// Delivers what is due in the outbox: each e-mail is marked sent once delivered (so none is
    /// lost if the sender dies meanwhile), and one that fails waits longer each time, without
    /// holding up the others.
    pub async fn deliver(&self, store: &Store) -> AppResult<usize> {
        let notifications = store.notifications();
        let mut delivered = 0;
        for claimed in notifications.claim_mail(ROUND).await? {
            let (id, mail) = (claimed.id, &claimed.mail);
            let result = if mail.attach_result {
                let issued = store.documents().of_request(claimed.request_id).await?;
                issued.map(|document| (format!("{}.pdf", claimed.request), document.pdf))
            } else {
                None
            };
            match self.send(mail, result).await {
                Ok(()) => {
                    notifications.mark_sent(id).await?;
                    delivered += 1;
                }
                Err(error) => match notifications.retry_later(&claimed, &error).await? {
                    Retry::At(at) => {
                        tracing::warn!(%error, id, at, "e-mail not delivered; it will be tried again");
                    }
                    Retry::GivenUp => tracing::error!(
                        %error, id, request = %claimed.request,
                        "e-mail given up after {MAX_ATTEMPTS} tries; it stays in the outbox marked failed"
                    ),
                },
            }
        }
        Ok(delivered)
    }

    /// Sends `mail`, with the signed result (its file name and PDF) attached when it is given.
    async fn send(&self, mail: &Mail, result: Option<(String, Vec<u8>)>) -> Result<(), String> {
        let to: Mailbox = mail.to.parse().map_err(|e| format!("{e}"))?;
        let builder = Message::builder().from(self.from.clone()).to(to).subject(&mail.subject);
        let message = match result {
            None => builder.header(ContentType::TEXT_PLAIN).body(mail.body.clone()),
            Some((name, pdf)) => {
                let kind = ContentType::parse("application/pdf").map_err(|e| e.to_string())?;
                builder.multipart(
                    MultiPart::mixed()
                        .singlepart(SinglePart::plain(mail.body.clone()))
                        .singlepart(Attachment::new(name).body(pdf, kind)),
                )
            }
        }
        .map_err(|e| e.to_string())?;
        match &self.transport {
            Transport::Folder(folder) => {
                folder.send(message).await.map(drop).map_err(|e| e.to_string())
            }
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| e.to_string()),
        }
    }
}

fn sender(from: &str) -> Result<Mailbox, PostmanError> {
    from.parse().map_err(|_| PostmanError::From(from.to_owned()))
}

/// The e-mails about a request coming to `to`: the applicant's and, when a representative filed
/// it under a power of attorney still in force, the representative's — each in their own
/// language, to each who gave an address. Who hears is who may read the request
/// (`engine::access`).
pub async fn for_step(
    state: &AppState,
    request: &StoredRequest,
    to: Status,
) -> AppResult<Vec<Mail>> {
    let accounts = state.store.accounts();
    let mut told = vec![accounts.by_id_number(&request.applicant_id_number).await?];
    if let Some(power) = request.power_id
        && request.filed_by_id != request.applicant_id
        && state.store.powers().by_id(power).await?.is_some_and(|p| p.state == PowerState::Active)
    {
        told.push(accounts.by_id_number(&request.filer_id_number).await?);
    }
    Ok(told
        .into_iter()
        .flatten()
        .filter_map(|account| {
            let address = account.email?;
            let (subject, body) =
                notification::mail(&request.number, request.service, to, account.lang);
            Some(Mail { to: address, subject, body, attach_result: false })
        })
        .collect())
}

/// Delivers the outbox every minute while the portal runs (retries come due, and what a stopped
/// or crashed sender left goes out), when there is a postman.
pub fn keep_delivering(state: &AppState) {
    let Some(postman) = state.postman.clone() else { return };
    let store = state.store.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_mins(1));
        loop {
            every.tick().await;
            if let Err(error) = postman.deliver(&store).await {
                tracing::warn!(%error, "the outbox could not be read");
            }
        }
    });
}

/// Delivers the outbox in the background, when there is a postman.
pub fn deliver_soon(state: &AppState) {
    if let Some(postman) = state.postman.clone() {
        let store = state.store.clone();
        tokio::spawn(async move {
            if let Err(error) = postman.deliver(&store).await {
                tracing::warn!(%error, "the outbox could not be read");
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use qyzmet_shared::form::is_email;

    /// The shared rule (browser and server) accepts only what lettre, the mail library that
    /// sends, parses as an address: nothing entered can fail later for its form.
    #[test]
    fn every_address_the_form_accepts_can_be_sent_to() {
        for address in [
            "aigul@example.kz",
            "a.b+tag@mail.gov.kz",
            "o'brien@example.com",
            "user_1@xn--80ao21a.xn--80ao21a",
            "x@a-b.kz",
            "!#$%&'*+/=?^_`{|}~-@example.kz",
        ] {
            assert!(is_email(address), "{address}");
            assert!(address.parse::<lettre::Address>().is_ok(), "{address}");
        }
        assert!("a@b@c.kz".parse::<lettre::Address>().is_err());
        assert!(!is_email("a@b@c.kz"));
    }
}
