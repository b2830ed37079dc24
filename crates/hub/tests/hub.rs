//! The hub on 127.0.0.1 and laptops pushing to it with the real client: what is
//! taken, what is refused, and that a refusal leaves the hub's database as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on broken preconditions

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use cabildo_core::ids::WorkshopId;
use cabildo_core::merge::Outcome;
use cabildo_core::{Error, Store, bundle, enrollment, sync, synthetic};
use cabildo_hub::{Hub, client};
use serde_json::{Value, json};

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// A hub serving a file of its own, with one code made for a laptop.
struct Running {
    rt: tokio::runtime::Runtime,
    hub: Option<Hub>,
    db: PathBuf,
    url: String,
    code: String,
    _dir: tempfile::TempDir,
}

impl Running {
    fn start() -> Running {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("hub.sqlite3");
        let mut store = Store::open(&db, now()).unwrap();
        let code = enrollment::new_code(&mut store, "Laptop de Marcela", now()).unwrap();
        let rt = tokio::runtime::Runtime::new().unwrap();
        let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let hub = rt.block_on(Hub::start(store, addr)).unwrap();
        Running {
            url: hub.url(),
            hub: Some(hub),
            rt,
            db,
            code,
            _dir: dir,
        }
    }

    fn new_code(&self, label: &str) -> String {
        let mut store = Store::open(&self.db, now()).unwrap();
        enrollment::new_code(&mut store, label, now()).unwrap()
    }

    /// Every row of every table, as text: equal dumps, equal databases.
    fn dump(&self) -> Vec<String> {
        let store = Store::open_read_only(&self.db).unwrap();
        let tables: Vec<String> = store
            .conn()
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut out = Vec::new();
        for t in tables {
            let mut st = store.conn().prepare(&format!("SELECT * FROM {t}")).unwrap();
            let n = st.column_count();
            let mut rows: Vec<String> = st
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            out.extend(rows.into_iter().map(|r| format!("{t}: {r}")));
        }
        out
    }

    fn workshops(&self) -> i64 {
        let store = Store::open_read_only(&self.db).unwrap();
        store
            .conn()
            .query_row("SELECT count(*) FROM workshops", [], |r| r.get(0))
            .unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.take() {
            self.rt.block_on(hub.stop()).unwrap();
        }
    }
}

/// A laptop with the generated workshops `indices` imported, connected to `url` with `code`.
fn laptop(indices: std::ops::Range<u32>, url: &str, code: &str) -> Mutex<Store> {
    let mut store = Store::open_in_memory().unwrap();
    for i in indices {
        bundle::import(&mut store, &synthetic::bundle(i, now()).unwrap()).unwrap();
    }
    sync::connect(&mut store, url, code).unwrap();
    Mutex::new(store)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn answer(sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, Value) {
    let mut resp = sent.unwrap();
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn push(hub: &Running, code: Option<&str>, body: &[u8]) -> (u16, Value) {
    let mut req = agent()
        .post(format!("{}/api/v1/bundles", hub.url))
        .header("Content-Type", "application/octet-stream");
    if let Some(code) = code {
        req = req.header("Authorization", format!("Bearer {code}"));
    }
    answer(req.send(body))
}

fn enroll(hub: &Running, body: &str) -> (u16, Value) {
    answer(
        agent()
            .post(format!("{}/api/v1/enroll", hub.url))
            .header("Content-Type", "application/json")
            .send(body),
    )
}

fn outbox(db: &Mutex<Store>) -> Vec<WorkshopId> {
    let store = db.lock().unwrap();
    sync::outbox(&store)
        .unwrap()
        .into_iter()
        .map(|e| e.workshop_id)
        .collect()
}

/// A laptop with no workshop yet that enrolled with the hub's code.
fn enrolled_laptop(hub: &Running) -> Mutex<Store> {
    let db = laptop(0..0, &hub.url, &hub.code);
    client::sync_once(&db, now).unwrap();
    db
}

#[test]
fn the_hub_says_what_it_is() {
    let hub = Running::start();
    let (status, body) = answer(agent().get(format!("{}/api/v1/hub", hub.url)).call());
    assert_eq!(status, 200);
    assert_eq!(body["app"], "cabildo-hub");
    assert_eq!(body["version"], cabildo_core::APP_VERSION);
    let store = Store::open_read_only(&hub.db).unwrap();
    assert_eq!(body["device_id"], store.device_id().to_string());
    let (status, body) = answer(agent().get(format!("{}/api/v2/nothing", hub.url)).call());
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
}

#[test]
fn a_laptop_enrolls_pushes_three_workshops_and_then_has_nothing_left_to_push() {
    let hub = Running::start();
    let db = laptop(0..3, &hub.url, &hub.code);
    let pushed = client::sync_once(&db, now).unwrap();
    assert_eq!(pushed.workshops.len(), 3);
    assert!(
        pushed
            .workshops
            .iter()
            .all(|m| m.outcome == Outcome::New && m.inserted > 0 && m.conflicts == 0)
    );
    assert_eq!(hub.workshops(), 3);
    {
        let hub_store = Store::open_read_only(&hub.db).unwrap();
        let laptop_store = db.lock().unwrap();
        for m in &pushed.workshops {
            assert_eq!(
                bundle::tables_of(&hub_store, m.workshop_id).unwrap(),
                bundle::tables_of(&laptop_store, m.workshop_id).unwrap(),
                "{} arrived whole",
                m.title
            );
            // Signed by the laptop that pushed, whoever made the workshop.
            assert_eq!(m.device_id, laptop_store.device_id());
        }
        let status = sync::status(&laptop_store).unwrap();
        assert!(status.outbox.is_empty() && status.enrolled_at.is_some());
        assert!(status.last_success_at.is_some() && status.last_error.is_none());
        let codes = enrollment::list(&hub_store).unwrap();
        assert_eq!(codes[0].device_id, Some(laptop_store.device_id()));
        assert!(codes[0].last_push_at.is_some());
    }

    let before = hub.dump();
    let again = client::sync_once(&db, now).unwrap();
    assert!(again.workshops.is_empty());
    assert_eq!(hub.dump(), before);
}

#[test]
fn a_wrong_code_is_refused_and_nothing_changes_on_the_hub() {
    let hub = Running::start();
    let before = hub.dump();

    // A laptop that was never enrolled: refused when it tries to enroll.
    let db = laptop(3..4, &hub.url, "ABCDE-FGHJK-MNPQR-STUVW");
    let e = client::sync_once(&db, now).unwrap_err();
    assert!(matches!(e, Error::TokenUnknown), "{e}");
    assert_eq!(outbox(&db).len(), 1, "the workshop waits in the outbox");
    let status = sync::status(&db.lock().unwrap()).unwrap();
    assert!(status.last_error.is_some() && status.last_success_at.is_none());

    // A push with a made-up code, or none, is refused before its body is read.
    let bytes = synthetic::bundle(3, now()).unwrap();
    for code in [Some("ABCDE-FGHJK-MNPQR-STUVW"), Some(""), None] {
        let (status, body) = push(&hub, code, &bytes);
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("token_unknown"))
        );
        assert!(body["message"].is_string() && body["params"].is_object());
    }
    // An unused code is no credential either: it belongs to no laptop yet.
    let (status, _) = push(&hub, Some(&hub.code), &bytes);
    assert_eq!(status, 401);
    assert_eq!(hub.dump(), before);
}

#[test]
fn a_code_already_used_by_another_laptop_is_taken() {
    let hub = Running::start();
    let first = laptop(0..1, &hub.url, &hub.code);
    client::sync_once(&first, now).unwrap();
    let before = hub.dump();

    let second = laptop(1..2, &hub.url, &hub.code);
    let e = client::sync_once(&second, now).unwrap_err();
    assert!(matches!(e, Error::TokenTaken), "{e}");
    assert_eq!(outbox(&second).len(), 1);
    assert_eq!(hub.dump(), before);

    // Raw, it is a 409; the laptop that holds the code may enroll again.
    let other = Store::open_in_memory().unwrap();
    let me = sync::identity(&other).unwrap();
    let body = json!({"code": hub.code, "device_id": me.device_id, "public_key": me.public_key});
    let (status, body) = enroll(&hub, &body.to_string());
    assert_eq!((status, body["code"].as_str()), (409, Some("token_taken")));
    let me = sync::identity(&first.lock().unwrap()).unwrap();
    let body = json!({"code": hub.code, "device_id": me.device_id, "public_key": me.public_key});
    assert_eq!(enroll(&hub, &body.to_string()).0, 200);
}

#[test]
fn enrolling_with_an_unknown_code_is_404_and_with_a_malformed_request_422() {
    let hub = Running::start();
    let before = hub.dump();
    let me = sync::identity(&Store::open_in_memory().unwrap()).unwrap();
    let unknown = json!({"code": "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", "device_id": me.device_id, "public_key": me.public_key});
    let (status, body) = enroll(&hub, &unknown.to_string());
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("token_unknown"))
    );
    for bad in [
        "not json".to_string(),
        json!({"code": hub.code}).to_string(),
        json!({"code": hub.code, "device_id": "laptop", "public_key": me.public_key}).to_string(),
        json!({"code": hub.code, "device_id": me.device_id, "public_key": "00ff"}).to_string(),
    ] {
        let (status, body) = enroll(&hub, &bad);
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some("invalid_input")),
            "{bad}"
        );
    }
    assert_eq!(hub.dump(), before);
}

#[test]
fn a_body_that_is_not_an_intact_bundle_is_refused_with_422() {
    let hub = Running::start();
    let db = enrolled_laptop(&hub);
    let id = {
        let mut store = db.lock().unwrap();
        synthetic::workshop(&mut store, 4, now()).unwrap()
    };
    let good = bundle::export(&db.lock().unwrap(), id, now()).unwrap();
    let before = hub.dump();

    let mut tampered = good.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x55;
    let newer = {
        let text = String::from_utf8_lossy(&good[..20]).into_owned();
        let header_end = good.iter().position(|&b| b == b'\n').unwrap();
        assert!(text.starts_with("CABILDO-BUNDLE 1"));
        let mut v = b"CABILDO-BUNDLE 2".to_vec();
        v.extend_from_slice(&good[header_end..]);
        v
    };
    for (body, code) in [
        (&b"hello, hub"[..], "bundle_damaged"),
        (&[][..], "bundle_damaged"),
        (&good[..good.len() / 2], "bundle_tampered"),
        (&tampered[..], "bundle_tampered"),
        (&newer[..], "bundle_newer_format"),
    ] {
        let (status, answer) = push(&hub, Some(&hub.code), body);
        assert_eq!((status, answer["code"].as_str()), (422, Some(code)));
    }
    assert_eq!(hub.dump(), before);
    let (status, merged) = push(&hub, Some(&hub.code), &good);
    assert_eq!((status, merged["outcome"].as_str()), (200, Some("new")));
}

#[test]
fn a_bundle_signed_by_another_laptop_is_refused_with_403_even_when_that_laptop_is_enrolled() {
    let hub = Running::start();
    let mine = enrolled_laptop(&hub);
    let other_code = hub.new_code("Laptop de Jorge");
    let other = laptop(0..0, &hub.url, &other_code);
    client::sync_once(&other, now).unwrap();
    let before = hub.dump();

    let theirs = {
        let mut store = other.lock().unwrap();
        let id = synthetic::workshop(&mut store, 6, now()).unwrap();
        bundle::export(&store, id, now()).unwrap()
    };
    // Neither another enrolled laptop's file, nor a stranger's, with my code.
    for bytes in [theirs, synthetic::bundle(7, now()).unwrap()] {
        let (status, body) = push(&hub, Some(&hub.code), &bytes);
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("bundle_key_mismatch"))
        );
    }
    assert_eq!(hub.dump(), before);
    drop(mine);
}

#[test]
fn the_routes_are_those_of_the_documented_api() {
    let yaml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/hub-api.yaml"),
    )
    .unwrap();
    let documented = cabildo_lan::openapi::documented_routes(&yaml);
    let mut served: Vec<(String, String)> = cabildo_hub::ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    served.sort();
    assert_eq!(documented, served);
}
