//! (g) Phones on loopback: 300 join, then cast ballots for ten seconds through the
//! real server; figures against the same machine's committed single-row inserts.

use std::io::{BufRead, BufReader};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cabildo_core::voting::{self, Kind, QuestionInput};
use cabildo_core::{Store, demo};
use serde_json::{Value, json};

const PHONES: usize = 300;
const SENDERS: usize = 30;
const BURST: Duration = Duration::from_secs(10);
const PIN: &str = "271828";
/// Phones kept aside to measure how fast a new count reaches the listeners.
const PROBES: usize = 10;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn post(agent: &ureq::Agent, url: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
    let mut req = agent.post(url).header("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let mut resp = req.send(body.to_string()).unwrap();
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Committed single-row inserts per second, WAL + synchronous=FULL, as the store.
fn bare_inserts_per_second(dir: &std::path::Path) -> f64 {
    let conn = rusqlite::Connection::open(dir.join("bare.sqlite3")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.execute_batch("CREATE TABLE b (id INTEGER PRIMARY KEY, answer TEXT) STRICT")
        .unwrap();
    let n = 1000;
    let start = Instant::now();
    for i in 0..n {
        conn.execute(
            "INSERT INTO b (answer) VALUES (?1)",
            [format!("{{\"value\": {}}}", i % 5 + 1)],
        )
        .unwrap();
    }
    f64::from(n) / start.elapsed().as_secs_f64()
}

pub async fn ballots() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cabildo.sqlite3");
    let (workshop, question) = {
        let mut store = Store::open(&db, chrono::Utc::now()).unwrap();
        let w = demo::create(&mut store, chrono::Utc::now()).unwrap();
        let input = QuestionInput {
            kind: Some(Kind::Scale),
            prompt: "¿Qué tan urgente es el agua potable rural?".into(),
            ..QuestionInput::default()
        };
        let q = voting::create(&mut store, w, &input, chrono::Utc::now()).unwrap();
        voting::set_open(&mut store, w, q.id, true, chrono::Utc::now()).unwrap();
        (w, q.id.to_string())
    };
    let server = cabildo_lan::start(cabildo_lan::Config {
        db: db.clone(),
        workshop,
        bind: "127.0.0.1:0".parse().unwrap(),
        pin: Some(PIN.into()),
        // Simulated phones share loopback and re-vote without pause: lift the limits to
        // measure the server, not the limiter.
        rates: Some(cabildo_lan::Rates {
            per_token: 1e6,
            per_address: 1e6,
        }),
    })
    .await
    .unwrap();
    let base = format!("http://{}", server.addr());
    let figures = tokio::task::spawn_blocking(move || run(&base, &question))
        .await
        .unwrap();
    server.stop().await;
    let bare = bare_inserts_per_second(dir.path());
    let (acks, elapsed, mut latencies, mut delays, listeners) = figures;
    latencies.sort();
    delays.sort();
    let per_s = acks as f64 / elapsed.as_secs_f64();
    println!(
        "{:<44} {:>10.0}/s  ({acks} in {:.1} s)   baseline bare committed insert: {:>8.0}/s   ratio {:.2}",
        "(g) ballots through the LAN API, 300 phones",
        per_s,
        elapsed.as_secs_f64(),
        bare,
        per_s / bare
    );
    println!(
        "    acknowledgement latency p50 {:.1} ms, p99 {:.1} ms; SSE update to {listeners} listeners p50 {:.1} ms, p99 {:.1} ms",
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        percentile(&delays, 0.5).as_secs_f64() * 1e3,
        percentile(&delays, 0.99).as_secs_f64() * 1e3,
    );
}

type Figures = (usize, Duration, Vec<Duration>, Vec<Duration>, usize);

fn run(base: &str, question: &str) -> Figures {
    let a = agent();
    let tokens: Vec<String> = (0..PHONES + PROBES)
        .map(|_| {
            let (status, body) = post(&a, &format!("{base}/api/join"), None, &json!({"pin": PIN}));
            assert_eq!(status, 200, "{body}");
            body["device_token"].as_str().unwrap().to_string()
        })
        .collect();
    let (phones, probes) = tokens.split_at(PHONES);

    // Every phone listens, as the real page does.
    let seen: Arc<Mutex<Vec<(Instant, u64)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let listeners: Vec<_> = phones
        .iter()
        .map(|token| {
            let (url, seen, stop) = (
                format!("{base}/api/events?token={token}"),
                Arc::clone(&seen),
                Arc::clone(&stop),
            );
            std::thread::spawn(move || {
                let Ok(resp) = agent().get(&url).call() else {
                    return;
                };
                for line in BufReader::new(resp.into_body().into_reader()).lines() {
                    let Ok(line) = line else { return };
                    if let Some(data) = line.strip_prefix("data:")
                        && let Ok(state) = serde_json::from_str::<Value>(data.trim())
                        && let Some(n) = state["counts"]["ballots"].as_u64()
                    {
                        seen.lock().unwrap().push((Instant::now(), n));
                    }
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));

    // The burst: each sender cycles through its phones, each changing its vote.
    let latencies: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let start = Instant::now();
    let senders: Vec<_> = phones
        .chunks(PHONES / SENDERS)
        .map(|chunk| {
            let (chunk, latencies, url, question) = (chunk.to_vec(), Arc::clone(&latencies), format!("{base}/api/ballots"), question.to_string());
            std::thread::spawn(move || {
                let a = agent();
                let mut round = 0u64;
                while start.elapsed() < BURST {
                    for (i, token) in chunk.iter().enumerate() {
                        let body = json!({"question_id": question, "client_ballot_id": format!("{round}-{i}"), "answer": {"value": (round + i as u64) % 5 + 1}});
                        let t = Instant::now();
                        if post(&a, &url, Some(token), &body).0 == 200 {
                            latencies.lock().unwrap().push(t.elapsed());
                        }
                    }
                    round += 1;
                }
            })
        })
        .collect();
    for s in senders {
        s.join().unwrap();
    }
    let elapsed = start.elapsed();
    std::thread::sleep(Duration::from_millis(800));

    // New phones vote one at a time: how long until each listener sees the new count.
    let mut delays = Vec::new();
    for (k, token) in probes.iter().enumerate() {
        let expected = (PHONES + k + 1) as u64;
        seen.lock().unwrap().clear();
        let t = Instant::now();
        let body =
            json!({"question_id": question, "client_ballot_id": "probe", "answer": {"value": 3}});
        assert_eq!(
            post(&a, &format!("{base}/api/ballots"), Some(token), &body).0,
            200
        );
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let got: Vec<Instant> = seen
                .lock()
                .unwrap()
                .iter()
                .filter(|(_, n)| *n >= expected)
                .map(|(at, _)| *at)
                .collect();
            if got.len() >= PHONES || Instant::now() > deadline {
                delays.extend(got.iter().map(|at| at.duration_since(t)));
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    stop.store(true, Ordering::Relaxed);
    let listening = listeners.len();
    // The listeners end when the server stops and closes their streams.
    drop(listeners);
    let acks = latencies.lock().unwrap().len();
    let lat = latencies.lock().unwrap().clone();
    (acks, elapsed, lat, delays, listening)
}
