//! The walk that checks the log: every lane's chain in the log's order, the checkpoints against
//! the lanes they recorded, the lanes' heads against what was walked, and with a key the seals.

use std::collections::BTreeMap;

use super::{AuditCheck, AuditEntryView, AuditKey, CHECKPOINT, canonical, genesis};

/// An entry as the log keeps it: as it shows it, and how it is chained.
#[derive(sqlx::FromRow)]
pub(super) struct EntryRow {
    #[sqlx(flatten)]
    pub entry: AuditEntryView,
    pub prev_hash: String,
    pub hash: String,
    pub sealed: i64,
    pub lane: i64,
}

/// A lane's head as the log keeps it: its newest hash, how many entries it holds, and where its
/// sealing began.
#[derive(sqlx::FromRow)]
pub(super) struct LaneRow {
    pub lane: i64,
    pub hash: String,
    pub entries: i64,
    pub sealed_from: Option<i64>,
    pub sealed_from_mac: Option<String>,
}

/// What a checkpoint records: the entries of all lanes, and each lane's `(entries, hash)` in
/// lane order.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct CheckpointDetails {
    pub entries: i64,
    pub lanes: Vec<(i64, String)>,
}

impl CheckpointDetails {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A lane as walked so far: its head, and the hash and sequence number of each entry in order.
struct Walked<'a> {
    head: &'a LaneRow,
    entries: Vec<(&'a str, i64)>,
}

impl Walked<'_> {
    fn last_hash(&self) -> String {
        self.entries.last().map_or_else(|| genesis(self.head.lane), |(hash, _)| (*hash).to_owned())
    }
}

pub(super) fn check(rows: &[EntryRow], lanes: &[LaneRow], key: &AuditKey) -> AuditCheck {
    let unkeyed = AuditKey::default();
    let mut walked: BTreeMap<i64, Walked<'_>> =
        lanes.iter().map(|head| (head.lane, Walked { head, entries: Vec::new() })).collect();
    for row in rows {
        let seq = row.entry.seq;
        let Some(lane) = walked.get_mut(&row.lane) else {
            return AuditCheck::BrokenAt { seq, reason: "is in no lane of the log" };
        };
        let place = i64::try_from(lane.entries.len()).unwrap_or(i64::MAX) + 1;
        if row.prev_hash != lane.last_hash() {
            return AuditCheck::BrokenAt { seq, reason: "does not follow the entry before it" };
        }
        let sealed = row.sealed != 0;
        if sealed && !key.is_set() {
            return AuditCheck::NeedsKey;
        }
        if !sealed && key.is_set() && lane.head.sealed_from.is_some_and(|from| place >= from) {
            return AuditCheck::BrokenAt { seq, reason: "is not sealed with the audit key" };
        }
        let AuditEntryView { at, actor, action, subject, details, .. } = &row.entry;
        let bytes = canonical(&row.prev_hash, *at, actor, action, subject, details);
        if row.hash != if sealed { key } else { &unkeyed }.seal(&bytes) {
            return AuditCheck::BrokenAt { seq, reason: "was changed after it was written" };
        }
        lane.entries.push((&row.hash, seq));
        if action == CHECKPOINT
            && let Err(reason) = checkpoint_holds(details, &walked)
        {
            return AuditCheck::BrokenAt { seq, reason };
        }
    }
    let entries = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let expected = lanes.iter().map(|lane| lane.entries).sum();
    let cut = walked.values().any(|lane| {
        lane.head.hash != lane.last_hash()
            || usize::try_from(lane.head.entries).ok() != Some(lane.entries.len())
    });
    if cut {
        return AuditCheck::Truncated { entries, expected };
    }
    if key.is_set() {
        for lane in walked.values() {
            let Some(from) = lane.head.sealed_from else {
                return AuditCheck::NotSealed { entries };
            };
            let mark = key.sealed_from_mac(lane.head.lane, from);
            if lane.head.sealed_from_mac.as_deref() != Some(mark.as_str()) {
                // Named by the lane's entry at the mark, or its last before it.
                let at = usize::try_from(from - 1).unwrap_or(0).min(lane.entries.len());
                let seq = lane.entries.get(at).or(lane.entries.last()).map_or(0, |(_, seq)| *seq);
                return AuditCheck::BrokenAt {
                    seq,
                    reason: "marks where sealing began without the audit key's mark",
                };
            }
        }
    }
    AuditCheck::Intact { entries }
}

/// Whether each lane, as walked up to a checkpoint, still holds the head the checkpoint recorded.
fn checkpoint_holds(details: &str, walked: &BTreeMap<i64, Walked<'_>>) -> Result<(), &'static str> {
    let recorded: CheckpointDetails =
        serde_json::from_str(details).map_err(|_| "is a checkpoint that does not read")?;
    if recorded.lanes.len() != walked.len() {
        return Err("does not match the lanes it checkpoints");
    }
    for ((entries, hash), lane) in recorded.lanes.iter().zip(walked.values()) {
        let Ok(place) = usize::try_from(*entries) else {
            return Err("does not match the lanes it checkpoints");
        };
        let found = match place {
            0 => genesis(lane.head.lane),
            _ => match lane.entries.get(place - 1) {
                Some((hash, _)) => (*hash).to_owned(),
                None => return Err("records entries the log no longer holds"),
            },
        };
        if found != *hash {
            return Err("does not match the lanes it checkpoints");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{LANES, lane_of};

    /// Requests spread over every lane, so that filings seldom wait for one another, and a
    /// subject always goes to the same one.
    #[test]
    fn subjects_spread_over_every_lane() {
        let mut used = std::collections::BTreeSet::new();
        for id in 0..2_000 {
            let number = format!("2026-{id:07}");
            let lane = lane_of(&number);
            assert!((0..LANES).contains(&lane));
            assert_eq!(lane, lane_of(&number));
            used.insert(lane);
        }
        assert_eq!(used.len(), usize::try_from(LANES).unwrap());
    }
}
