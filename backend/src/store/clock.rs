//! Where the server takes the time from. Every instant it compares — a term's start, a
//! certificate's period, a lock's end, an audit entry's time — comes from the store's one clock,
//! so that a test can file at a chosen moment (a Friday evening, a working morning at a centre)
//! and count the dates by hand. In service the clock is the system's; nothing outside the
//! process can move it.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The system clock, shifted by what `set` last asked for (nothing, unless a test did). Clones
/// share one shift, so a store and the server state built from it read the same time.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    shift: Arc<AtomicI64>,
}

impl Clock {
    /// Seconds since the Unix epoch, UTC: timestamps are stored as integers, the same on both
    /// backends.
    pub fn now(&self) -> i64 {
        system_now() + self.shift.load(Ordering::Relaxed)
    }

    /// Puts the clock at `instant` (Unix seconds); it runs on from there at the system's pace,
    /// so waits and windows still pass.
    pub fn set(&self, instant: i64) {
        self.shift.store(instant - system_now(), Ordering::Relaxed);
    }

    /// Moves the clock `seconds` on (a lock's end, a challenge's expiry) without waiting.
    pub fn advance(&self, seconds: i64) {
        self.shift.fetch_add(seconds, Ordering::Relaxed);
    }
}

fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_runs_on_from_its_instant_and_its_clones_follow() {
        let clock = Clock::default();
        let shared = clock.clone();
        // Friday 4 December 2026, 19:00 in Astana (UTC+5).
        let friday_evening = 1_796_392_800;
        clock.set(friday_evening);
        let read = shared.now();
        assert!((friday_evening..friday_evening + 5).contains(&read), "{read}");
        shared.advance(15 * 60);
        assert!((friday_evening + 900..friday_evening + 905).contains(&clock.now()));
    }

    #[test]
    fn an_unset_clock_reads_the_system_time() {
        let before = system_now();
        let read = Clock::default().now();
        assert!((before..=before + 1).contains(&read));
    }
}
