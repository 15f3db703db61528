//! Two instances of the portal on one PostgreSQL (issue 16, bench 6): each read and the signed
//! filings spread over both, beside the first instance alone, in the same run. Sessions, rate
//! limits, numbering and mail claims live in the database, so the session opened on the first
//! instance is honoured by the second, and nothing may be refused. Here both instances and the
//! load generator share this machine's two cores, so a second instance cannot add capacity: what
//! the figures show is that it costs nothing and breaks nothing.

use std::path::Path;

use qyzmet_backend::signatures::test_ca::TestCa;
use qyzmet_backend::store::Store;
use serde_json::{Map, Value, json};

use crate::{Read, drive, filings, listen};

/// What the first instance alone and the two together did, as the bench prints and keeps it.
struct Pair {
    one: f64,
    two: f64,
    refused: u64,
}

impl Pair {
    fn print(&self, name: &str) {
        println!(
            "{name:<34} {:>10.0} {:>10.0} {:>6.2}×  {}",
            self.one,
            self.two,
            self.two / self.one,
            self.refused
        );
    }

    fn to_json(&self) -> Value {
        json!({"one_per_second": self.one, "two_per_second": self.two,
            "two_of_one": self.two / self.one, "refused": self.refused})
    }
}

/// A second instance on `url` beside the first at `first`; `reads` and the citizen's filings
/// (session `citizen`, keys from `ca`) on the first alone, then on both.
pub async fn compare(
    url: &str,
    first: &str,
    reads: &[Read],
    citizen: &str,
    ca: &TestCa,
    files: &Path,
) -> Value {
    let store = Store::open(url).await.expect("the second instance's store opens");
    let second = listen(store, ca, files).await;
    println!("-- two instances on one PostgreSQL: the first alone, then both (req/s)");
    println!("{:<34} {:>10} {:>10} {:>7}  refused", "read", "one", "two", "ratio");
    let mut rows = Map::new();
    for read in reads {
        let one = drive(&[first], read).await;
        let two = drive(&[first, &second], read).await;
        let pair = Pair { one: one.per_second, two: two.per_second, refused: two.refused };
        pair.print(read.name);
        rows.insert(read.name.to_owned(), pair.to_json());
    }
    let one = filings::filings(&[first], citizen, ca, url).await;
    let two = filings::filings(&[first, &second], citizen, ca, url).await;
    let pair = Pair { one: one.per_second, two: two.per_second, refused: two.refused };
    pair.print("signed filings");
    rows.insert("signed filings".to_owned(), pair.to_json());
    Value::Object(rows)
}
