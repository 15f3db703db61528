//! The events this process has counted and not yet written to the table: a count adds them to
//! what the table holds, so that nothing counted here is missed while it waits for its write.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use super::Counted;

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
    /// Writes taken so far, and writes over (committed or not): a write is under way while
    /// they differ. A count whose read of the table overlaps a write may have read the events
    /// both in the table and here, or in neither; it reads again.
    taken: u64,
    over: u64,
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
    /// The writes over so far, if none is under way: a read of the table between two equal
    /// answers overlapped no write.
    pub(super) fn settled(&self) -> Option<u64> {
        (self.taken == self.over).then_some(self.over)
    }

    /// Events under `key` since `since` that the table does not hold yet.
    pub(super) fn count(&self, key: &str, since: i64) -> Counted {
        [&self.counted, &self.writing]
            .into_iter()
            .filter_map(|events| events.get(key))
            .flatten()
            .filter(|e| e.at >= since)
            .fold(Counted::default(), |counted, e| counted.and(Counted::one(e.at)))
    }

    pub(super) fn add(&mut self, key: &str, event: Event) {
        self.counted.entry(key.to_owned()).or_default().push(event);
    }

    pub(super) fn forget(&mut self, key: &str) {
        self.counted.remove(key);
        self.writing.remove(key);
    }

    /// Takes what was counted for a write: every event with its key. Nothing counted, no write.
    pub(super) fn take(&mut self) -> Vec<(String, Event)> {
        if self.counted.is_empty() {
            return Vec::new();
        }
        self.taken += 1;
        self.writing = std::mem::take(&mut self.counted);
        self.writing
            .iter()
            .flat_map(|(key, events)| events.iter().map(|e| (key.clone(), *e)))
            .collect()
    }

    /// The write of what `take` gave committed.
    pub(super) fn written(&mut self) {
        self.writing.clear();
        self.over += 1;
    }

    /// The write failed: what it took waits for the next one.
    pub(super) fn not_written(&mut self) {
        self.over += 1;
        for (key, mut events) in std::mem::take(&mut self.writing) {
            let later = self.counted.remove(&key).unwrap_or_default();
            events.extend(later);
            self.counted.insert(key, events);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: Event = Event { at: 100, forget_at: 700 };

    #[test]
    fn a_write_is_under_way_from_its_take_until_it_is_over() {
        let mut waiting = Waiting::default();
        assert_eq!(waiting.settled(), Some(0));
        assert!(waiting.take().is_empty());
        assert_eq!(waiting.settled(), Some(0), "nothing counted: no write");
        waiting.add("status:10.0.0.1", EVENT);
        assert_eq!(waiting.take().len(), 1);
        // Until the commit is known, the event counts here and may count in the table too.
        assert_eq!(waiting.settled(), None);
        assert_eq!(waiting.count("status:10.0.0.1", 0), Counted::one(100));
        waiting.written();
        assert_eq!(waiting.settled(), Some(1));
        assert_eq!(waiting.count("status:10.0.0.1", 0), Counted::default());
    }

    #[test]
    fn a_failed_write_is_over_and_its_events_wait_for_the_next() {
        let mut waiting = Waiting::default();
        waiting.add("verify:10.0.0.1", EVENT);
        waiting.take();
        waiting.add("verify:10.0.0.1", Event { at: 90, ..EVENT });
        waiting.not_written();
        assert_eq!(waiting.settled(), Some(1));
        let counted = waiting.count("verify:10.0.0.1", 0);
        assert_eq!(counted, Counted::one(100).and(Counted::one(90)));
        assert_eq!(waiting.count("verify:10.0.0.1", 95), Counted::one(100), "since 95");
    }
}
