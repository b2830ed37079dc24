//! The participant API on loopback, as phones use it: a real server on a real
//! database file, spoken to over HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use cabildo_core::ids::WorkshopId;
use cabildo_core::voting::{self, Kind, QuestionInput};
use cabildo_core::{Store, demo};
use serde_json::{Value, json};

const PIN: &str = "482913";

/// A server on its own runtime thread, stopped when dropped.
struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    fn start(db: &Path, workshop: WorkshopId) -> Running {
        let (tx, rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let config = cabildo_lan::Config {
            db: db.to_path_buf(),
            workshop,
            bind: "127.0.0.1:0".parse().unwrap(),
            pin: Some(PIN.into()),
            rates: None,
        };
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async {
                let server = cabildo_lan::start(config).await.unwrap();
                tx.send(server.addr()).unwrap();
                let _ = stopped.await;
                server.stop().await;
            });
        });
        Running {
            addr: rx.recv().unwrap(),
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// (status, JSON body) of a POST.
fn post(server: &Running, path: &str, token: Option<&str>, body: &str) -> (u16, Value) {
    let mut req = agent()
        .post(server.url(path))
        .header("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let mut resp = req.send(body).unwrap();
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn get(server: &Running, path: &str, token: Option<&str>) -> (u16, Value) {
    let mut req = agent().get(server.url(path));
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let mut resp = req.call().unwrap();
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn join(server: &Running, name: &str) -> String {
    let (status, body) = post(
        server,
        "/api/join",
        None,
        &json!({"pin": PIN, "name": name}).to_string(),
    );
    assert_eq!(status, 200, "{body}");
    body["device_token"].as_str().unwrap().to_string()
}

fn ballot(
    server: &Running,
    token: &str,
    question: &str,
    client: &str,
    answer: Value,
) -> (u16, Value) {
    let body = json!({"question_id": question, "client_ballot_id": client, "answer": answer});
    post(server, "/api/ballots", Some(token), &body.to_string())
}

struct Session {
    _dir: tempfile::TempDir,
    db: PathBuf,
    workshop: WorkshopId,
}

/// The demo workshop in a file, with a single-choice question open.
fn session() -> (Session, voting::Question) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cabildo.sqlite3");
    let mut store = Store::open(&db, chrono::Utc::now()).unwrap();
    let workshop = demo::create(&mut store, chrono::Utc::now()).unwrap();
    let q = voting::create(
        &mut store,
        workshop,
        &QuestionInput {
            kind: Some(Kind::Single),
            prompt: "¿Qué necesita primero Cobquecura?".into(),
            options: vec![
                "Agua potable".into(),
                "Posta rural".into(),
                "Caminos".into(),
            ],
            ..QuestionInput::default()
        },
        chrono::Utc::now(),
    )
    .unwrap();
    let q = voting::set_open(&mut store, workshop, q.id, true, chrono::Utc::now()).unwrap();
    (
        Session {
            _dir: dir,
            db,
            workshop,
        },
        q,
    )
}

#[test]
fn three_phones_join_vote_and_one_changes_its_mind() {
    let (s, q) = session();
    let server = Running::start(&s.db, s.workshop);
    let phones: Vec<String> = ["", "Begoña", ""]
        .iter()
        .map(|n| join(&server, n))
        .collect();
    let (water, road) = (q.options[0].id.clone(), q.options[2].id.clone());
    let id = q.id.to_string();
    for (i, token) in phones.iter().enumerate() {
        let (status, ack) = ballot(
            &server,
            token,
            &id,
            &format!("c{i}"),
            json!({"option": water}),
        );
        assert_eq!(status, 200, "{ack}");
        assert_eq!(ack["replaced"], false);
    }
    // A retry of a ballot whose acknowledgement was lost changes nothing.
    let (status, ack) = ballot(&server, &phones[0], &id, "c0", json!({"option": water}));
    assert_eq!((status, ack["replaced"].clone()), (200, json!(false)));
    let (status, ack) = ballot(&server, &phones[2], &id, "c9", json!({"option": road}));
    assert_eq!((status, ack["replaced"].clone()), (200, json!(true)));

    let (status, state) = get(&server, "/api/state", Some(&phones[2]));
    assert_eq!(status, 200);
    assert_eq!(
        state["question"]["prompt"],
        "¿Qué necesita primero Cobquecura?"
    );
    assert_eq!(state["counts"], json!({"phones": 3, "ballots": 3}));
    assert_eq!(state["my_ballot"], json!({"option": road}));
    assert_eq!(state["results"], Value::Null, "hidden until revealed");
    drop(server);

    let store = Store::open(&s.db, chrono::Utc::now()).unwrap();
    let voting::Tally::Options {
        options,
        by_channel,
        ..
    } = voting::results(&store, &voting::get(&store, q.id).unwrap()).unwrap()
    else {
        panic!("a choice tally")
    };
    assert_eq!(
        (options[0].count, options[2].count, by_channel.phone),
        (2, 1, 3)
    );
}

#[test]
fn bad_requests_get_a_clear_error_and_change_nothing() {
    let (s, q) = session();
    let server = Running::start(&s.db, s.workshop);
    let token = join(&server, "");
    let id = q.id.to_string();
    let code = |r: (u16, Value)| (r.0, r.1["code"].as_str().unwrap_or_default().to_string());

    assert_eq!(
        code(post(&server, "/api/join", None, r#"{"pin": "000000"}"#)),
        (401, "bad_pin".into())
    );
    assert_eq!(
        code(post(&server, "/api/join", None, "{pin: 482913")),
        (400, "malformed".into())
    );
    assert_eq!(
        code(get(&server, "/api/state", None)),
        (401, "not_joined".into())
    );
    assert_eq!(
        code(get(&server, "/api/state", Some("forged"))),
        (401, "not_joined".into())
    );
    let huge = format!(
        r#"{{"question_id": "{id}", "client_ballot_id": "x", "answer": {{"option": "{}"}}}}"#,
        "a".repeat(20_000)
    );
    assert_eq!(
        code(post(&server, "/api/ballots", Some(&token), &huge)),
        (413, "body_too_large".into())
    );
    assert_eq!(
        code(post(&server, "/api/ballots", Some(&token), "[1, 2")),
        (400, "malformed".into())
    );
    assert_eq!(
        code(ballot(&server, &token, &id, "x", json!({"option": "nope"}))),
        (422, "invalid_answer".into())
    );
    assert_eq!(
        code(ballot(&server, &token, &id, "x", json!({"value": 3}))),
        (422, "invalid_answer".into())
    );
    assert_eq!(
        code(ballot(&server, &token, "not-an-id", "x", json!({}))),
        (409, "no_such_question".into())
    );
    {
        let mut store = Store::open(&s.db, chrono::Utc::now()).unwrap();
        voting::set_open(&mut store, s.workshop, q.id, false, chrono::Utc::now()).unwrap();
    }
    let option = json!({"option": q.options[0].id});
    assert_eq!(
        code(ballot(&server, &token, &id, "x", option)),
        (409, "question_closed".into())
    );
    let store = Store::open(&s.db, chrono::Utc::now()).unwrap();
    assert_eq!(
        voting::results(&store, &voting::get(&store, q.id).unwrap())
            .unwrap()
            .n(),
        0
    );
}

#[test]
fn a_voting_code_votes_once_from_any_phone() {
    let (s, _) = session();
    let (q, codes) = {
        let mut store = Store::open(&s.db, chrono::Utc::now()).unwrap();
        let input = QuestionInput {
            kind: Some(Kind::Scale),
            prompt: "Urgencia del agua potable (voto secreto)".into(),
            requires_code: true,
            ..QuestionInput::default()
        };
        let q = voting::create(&mut store, s.workshop, &input, chrono::Utc::now()).unwrap();
        voting::set_open(&mut store, s.workshop, q.id, true, chrono::Utc::now()).unwrap();
        (
            q,
            voting::make_codes(&mut store, s.workshop, 3, chrono::Utc::now()).unwrap(),
        )
    };
    let server = Running::start(&s.db, s.workshop);
    let (a, b) = (join(&server, ""), join(&server, ""));
    let with_code = |token: &str, client: &str, code: &str| {
        let body = json!({"question_id": q.id.to_string(), "client_ballot_id": client, "voting_code": code, "answer": {"value": 5}});
        post(&server, "/api/ballots", Some(token), &body.to_string())
    };
    assert_eq!(with_code(&a, "a1", &codes[0]).0, 200);
    let again = with_code(&b, "b1", &codes[0]);
    assert_eq!(
        (again.0, again.1["code"].clone()),
        (403, json!("code_used"))
    );
    let forged = with_code(&b, "b2", "AAAA2222");
    assert_eq!(
        (forged.0, forged.1["code"].clone()),
        (403, json!("bad_code"))
    );
    let without = ballot(&server, &b, &q.id.to_string(), "b3", json!({"value": 5}));
    assert_eq!(
        (without.0, without.1["code"].clone()),
        (403, json!("bad_code"))
    );
}

#[test]
fn the_event_stream_sends_the_state_then_each_new_count() {
    let (s, q) = session();
    let server = Running::start(&s.db, s.workshop);
    let token = join(&server, "");
    let resp = agent()
        .get(server.url(&format!("/api/events?token={token}")))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let mut lines = BufReader::new(resp.into_body().into_reader()).lines();
    let mut next_state = || -> Value {
        loop {
            let line = lines.next().unwrap().unwrap();
            if let Some(data) = line.strip_prefix("data:") {
                return serde_json::from_str(data.trim()).unwrap();
            }
        }
    };
    let first = next_state();
    assert_eq!(first["counts"]["ballots"], 0);
    let (status, _) = ballot(
        &server,
        &token,
        &q.id.to_string(),
        "c1",
        json!({"option": q.options[1].id}),
    );
    assert_eq!(status, 200);
    let mut state = next_state();
    while state["counts"]["ballots"] == 0 {
        state = next_state();
    }
    assert_eq!(state["counts"]["ballots"], 1);
    assert!(
        state.get("my_ballot").is_none(),
        "a shared stream carries nobody's ballot"
    );
}

#[test]
fn the_routes_are_those_of_the_documented_api() {
    let yaml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/lan-api.yaml"
    ))
    .unwrap();
    let documented = cabildo_lan::openapi::documented_routes(&yaml);
    let mut served: Vec<(String, String)> = cabildo_lan::ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    served.sort();
    assert_eq!(documented, served);
    // And the server answers each of them (not with its 404 for unknown paths).
    let (s, _) = session();
    let server = Running::start(&s.db, s.workshop);
    for (method, path) in &served {
        let status = if method == "get" && path != "/api/events" {
            get(&server, path, None).0
        } else if method == "post" {
            post(&server, path, None, "{}").0
        } else {
            continue;
        };
        assert_ne!(status, 404, "{method} {path}");
    }
    assert_eq!(get(&server, "/admin", None).0, 404);
}
