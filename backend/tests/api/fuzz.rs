//! API fuzzing from the OpenAPI document (issue 17): every operation it lists, called by a
//! signed-in citizen and anonymously with bodies, path values and query strings made to be wrong —
//! wrong types, missing and unknown fields, huge and odd text — must never answer a server error,
//! and must answer only a status its entry in the document declares.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::app::Db;
use crate::requests::{CITIZEN, draft, seeded};

/// A small deterministic generator (xorshift64*): the same cases on every run.
struct Cases(u64);

impl Cases {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let index = usize::try_from(self.next() % items.len() as u64).unwrap_or(0);
        &items[index]
    }

    /// A JSON value of any shape, now and then nested.
    fn value(&mut self, depth: u32) -> Value {
        let texts = [
            "",
            " ",
            "漢字",
            "Ꙁ",
            "ӘҒҚҢӨҰҮҺІ",
            "'; DROP TABLE requests; --",
            "\u{0}",
            "%00",
            "../../etc/passwd",
            "850315400124",
            "2026-02-30",
            "-1",
            "NaN",
        ];
        match self.next() % if depth > 1 { 6 } else { 8 } {
            0 => Value::Null,
            1 => json!(self.next().is_multiple_of(2)),
            2 => json!(i64::MIN),
            3 => json!(1e308),
            4 => json!(self.pick(&texts)),
            5 => json!("ы".repeat(70_000)),
            6 => Value::Array((0..3).map(|_| self.value(depth + 1)).collect()),
            _ => {
                let keys = [
                    "action",
                    "form",
                    "cms",
                    "kind",
                    "service",
                    "provider",
                    "outcome",
                    "lang",
                    "email",
                    "id_number",
                    "password",
                    "present",
                    "to",
                    "recipient",
                    "x",
                ];
                let object =
                    (0..4).map(|_| ((*self.pick(&keys)).to_owned(), self.value(depth + 1)));
                Value::Object(object.collect())
            }
        }
    }
}

/// Every operation the document lists, as method and path, with the statuses it declares.
fn operations(document: &Value) -> Vec<(String, String, BTreeSet<u16>)> {
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let answers = operation["responses"].as_object().unwrap();
            let statuses = answers.keys().filter_map(|status| status.parse().ok()).collect();
            operations.push((method.clone(), path.clone(), statuses));
        }
    }
    operations
}

async fn no_input_gets_a_server_error_or_an_undeclared_status(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    let document: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let mut cases = Cases(0x5EED_2026_1129);
    let odd: [&str; 6] = ["x", "%2e%2e", "ӘҒ", "9999999999999999999999", "0", &number];
    let mut failures = BTreeSet::new();
    for (method, path, statuses) in operations(&document) {
        for round in 0..30 {
            let mut filled = path.clone();
            for parameter in [
                "{number}",
                "{document}",
                "{code}",
                "{status}",
                "{date}",
                "{year}",
                "{id}",
                "{name}",
            ] {
                let value = *cases.pick(&odd);
                filled = filled.replace(parameter, value);
            }
            let query = [
                "",
                "?page=-1",
                "?page=99999999999",
                "?request=x&hash=y&iin=z",
                "?at=x&intake=y",
                "?on_behalf_of=1",
            ];
            let tail = *cases.pick(&query);
            let url = format!("{filled}{tail}");
            let body = matches!(method.as_str(), "post" | "put").then(|| cases.value(0));
            let cookie = if round % 3 == 0 { "" } else { citizen.as_str() };
            let verb = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let status = app.call(verb, &url, cookie, body).await.status().as_u16();
            // `%2e%2e` is `..`: the URL names another route, whose answer this row does not hold.
            let declared = statuses.contains(&status) || url.contains("%2e%2e");
            if status >= 500 || !declared {
                failures.insert(format!("{method} {path}: {status}, declared {statuses:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.into_iter().collect::<Vec<_>>().join("\n"));
}

crate::on_both_databases!(no_input_gets_a_server_error_or_an_undeclared_status);
