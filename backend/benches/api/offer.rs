//! What a bench sends, request after request: a read, or signed drafts to file. Each request is
//! built when it is due; a draft turned away unserved is offered again.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::{Read, SignedDraft, request_to};

pub trait Offer: Send + Sync + 'static {
    /// What a request sent hands back to `turned_away`.
    type Sent: Send + 'static;
    /// The next request, for caller `n` of many; `None` when nothing is left to send.
    fn next(
        &self,
        client: &reqwest::Client,
        n: u32,
    ) -> Option<(reqwest::RequestBuilder, Self::Sent)>;
    /// A request the portal turned away unserved (503 with `Retry-After`), to offer again.
    fn turned_away(&self, sent: Self::Sent);
}

/// A read spread over instances: caller `n` asks the `n`-th, round the list.
pub struct Reads {
    pub bases: Vec<String>,
    pub read: Read,
}

impl Offer for Reads {
    type Sent = ();

    fn next(&self, client: &reqwest::Client, n: u32) -> Option<(reqwest::RequestBuilder, ())> {
        let base = self.bases.get(n as usize % self.bases.len().max(1))?;
        Some((request_to(client, base, &self.read), ()))
    }

    fn turned_away(&self, (): ()) {}
}

/// Signed drafts of one person to file, each once, spread over instances as `Reads` are.
pub struct Drafts {
    bases: Vec<String>,
    cookie: String,
    signed: Vec<SignedDraft>,
    next: AtomicUsize,
    /// Drafts turned away, to file first.
    again: Mutex<Vec<usize>>,
}

impl Drafts {
    pub fn new(bases: &[&str], cookie: &str, drafts: Vec<SignedDraft>) -> Drafts {
        Drafts {
            bases: bases.iter().map(|base| (*base).to_owned()).collect(),
            cookie: cookie.to_owned(),
            signed: drafts,
            next: AtomicUsize::new(0),
            again: Mutex::new(Vec::new()),
        }
    }

    fn again(&self) -> std::sync::MutexGuard<'_, Vec<usize>> {
        self.again.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Offer for Drafts {
    type Sent = usize;

    fn next(&self, client: &reqwest::Client, n: u32) -> Option<(reqwest::RequestBuilder, usize)> {
        let base = self.bases.get(n as usize % self.bases.len().max(1))?;
        let index = self.again().pop().or_else(|| {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            (index < self.signed.len()).then_some(index)
        })?;
        Some((self.signed.get(index)?.submission(client, base, &self.cookie), index))
    }

    fn turned_away(&self, index: usize) {
        self.again().push(index);
    }
}
