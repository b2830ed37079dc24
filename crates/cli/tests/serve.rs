//! `cabildo serve` as a process: killed outright in the middle of a burst of
//! ballots, it loses none that it acknowledged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use cabildo_core::phones;
use cabildo_core::voting::{self, Kind, QuestionInput, Voter};
use cabildo_core::{Store, demo};
use serde_json::{Value, json};

const PIN: &str = "314159";
const PHONES: usize = 80;

/// Starts the server and returns it with its base URL (from its first output line).
fn serve(db: &Path, workshop: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cabildo"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "serve",
            "--workshop",
            workshop,
        ])
        .args(["--listen", "127.0.0.1:0", "--pin", PIN])
        .env_remove("CABILDO_DB")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    lines.read_line(&mut first).unwrap();
    // Keep reading what it prints, as a terminal would.
    std::thread::spawn(move || for _ in lines.lines() {});
    let url = first
        .trim()
        .strip_prefix("url ")
        .expect("the url line")
        .to_string();
    let base = url.split("/?").next().unwrap().to_string();
    (child, base)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(10)))
        .build()
        .into()
}

fn post(base: &str, path: &str, token: Option<&str>, body: &Value) -> Option<(u16, Value)> {
    let mut req = agent()
        .post(format!("{base}{path}"))
        .header("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let mut resp = req.send(body.to_string()).ok()?;
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().ok()?;
    Some((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

#[test]
fn every_acknowledged_ballot_survives_the_server_being_killed_mid_burst() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cabildo.sqlite3");
    let (workshop, question) = {
        let mut store = Store::open(&db, chrono::Utc::now()).unwrap();
        let w = demo::create(&mut store, chrono::Utc::now()).unwrap();
        let input = QuestionInput {
            kind: Some(Kind::Single),
            prompt: "¿Dónde instalar la nueva posta?".into(),
            options: vec!["Ninhue".into(), "Quirihue".into(), "Trehuaco".into()],
            ..QuestionInput::default()
        };
        let q = voting::create(&mut store, w, &input, chrono::Utc::now()).unwrap();
        (
            w,
            voting::set_open(&mut store, w, q.id, true, chrono::Utc::now()).unwrap(),
        )
    };
    let (mut server, base) = serve(&db, &workshop.to_string());
    let tokens: Vec<String> = (0..PHONES)
        .map(|_| {
            let (status, body) = post(&base, "/api/join", None, &json!({"pin": PIN})).unwrap();
            assert_eq!(status, 200);
            body["device_token"].as_str().unwrap().to_string()
        })
        .collect();

    let acked: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let workers: Vec<_> = tokens
        .chunks(PHONES / 8)
        .map(|chunk| {
            let (chunk, acked, base) = (chunk.to_vec(), Arc::clone(&acked), base.clone());
            let (id, options) = (question.id.to_string(), question.options.clone());
            std::thread::spawn(move || {
                for (i, token) in chunk.iter().enumerate() {
                    let option = options[i % options.len()].id.clone();
                    let body = json!({"question_id": id, "client_ballot_id": format!("b{i}"), "answer": {"option": option}});
                    match post(&base, "/api/ballots", Some(token), &body) {
                        Some((200, _)) => acked.lock().unwrap().push((token.clone(), option)),
                        // The server is gone: this ballot was never acknowledged.
                        _ => return,
                    }
                }
            })
        })
        .collect();
    while acked.lock().unwrap().len() < PHONES / 4 {
        std::thread::yield_now();
    }
    server.kill().unwrap();
    server.wait().unwrap();
    for w in workers {
        w.join().unwrap();
    }

    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= PHONES / 4);
    let store = Store::open(&db, chrono::Utc::now()).unwrap();
    for (token, option) in &acked {
        let stored = voting::ballot_of(
            &store,
            question.id,
            &Voter::Phone(phones::token_hash(token)),
        )
        .unwrap();
        assert_eq!(
            stored,
            Some(json!({"option": option})),
            "an acknowledged ballot was lost"
        );
    }
    drop(store);

    // The server starts again on the same file and the phones are still in.
    let (mut again, base) = serve(&db, &workshop.to_string());
    let mut resp = agent()
        .get(format!("{base}/api/state"))
        .header("Authorization", format!("Bearer {}", acked[0].0))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let state: Value = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(state["my_ballot"], json!({"option": acked[0].1}));
    again.kill().unwrap();
    again.wait().unwrap();
}
