//! The events this process has counted and not yet written to the table: a count adds them to
//! what the table holds, so that nothing counted here is missed while it waits for its write.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// One counted event: when it happened and when its window has passed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Event {
    pub at: i64,
    pub forget_at: i64,
}

#[derive(Debug, Default)]
pub(crate) struct Unwritten {
    events: Mutex<Waiting>,
    /// One write at a time, so that a write never takes what another is still writing.
    turn: tokio::sync::Mutex<()>,
}

#[derive(Debug, Default)]
pub(super) struct Waiting {
    /// Counted here and not yet taken by a write, by key.
    counted: HashMap<String, Vec<Event>>,
    /// Taken by the write under way: still counted here until it commits.
    writing: HashMap<String, Vec<Event>>,
    /// Writes committed so far. A count whose read of the table spans a commit may have read
    /// the table without the events and this side without them too; it reads again.
    writes: u64,
}

impl Unwritten {
    pub(super) fn lock(&self) -> MutexGuard<'_, Waiting> {
        // A panic while the lock was held cannot leave the maps half-changed: every change
        // under it is one insertion, removal or swap.
        self.events.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) async fn turn(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.turn.lock().await
    }
}

impl Waiting {
    pub(super) fn writes(&self) -> u64 {
        self.writes
    }

    /// Events under `key` since `since` that the table does not hold yet.
    pub(super) fn count(&self, key: &str, since: i64) -> i64 {
        let of = |events: &HashMap<String, Vec<Event>>| {
            events.get(key).map_or(0, |events| events.iter().filter(|e| e.at >= since).count())
        };
        i64::try_from(of(&self.counted) + of(&self.writing)).unwrap_or(i64::MAX)
    }

    pub(super) fn add(&mut self, key: &str, event: Event) {
        self.counted.entry(key.to_owned()).or_default().push(event);
    }

    pub(super) fn forget(&mut self, key: &str) {
        self.counted.remove(key);
        self.writing.remove(key);
    }

    /// Takes what was counted for a write: every event with its key.
    pub(super) fn take(&mut self) -> Vec<(String, Event)> {
        self.writing = std::mem::take(&mut self.counted);
        self.writing
            .iter()
            .flat_map(|(key, events)| events.iter().map(|e| (key.clone(), *e)))
            .collect()
    }

    /// The write of what `take` gave committed.
    pub(super) fn written(&mut self) {
        self.writing.clear();
        self.writes += 1;
    }

    /// The write failed: what it took waits for the next one.
    pub(super) fn not_written(&mut self) {
        for (key, mut events) in std::mem::take(&mut self.writing) {
            let later = self.counted.remove(&key).unwrap_or_default();
            events.extend(later);
            self.counted.insert(key, events);
        }
    }
}
