//! A laptop syncing with a hub that dies: the real `cabildo hub` process, reached
//! through a loopback proxy that SIGKILLs it at chosen moments, and the laptop's
//! real background sync loop (`cabildo_hub::run_with`) on a real SQLite file.
//!
//! The hub is killed twice: half-way through the body of a push (nothing of it
//! may be merged), and after it committed a push but before its answer reached
//! the laptop (the laptop pushes it again; the hub must not count it twice). Each
//! time it is restarted on the same port a second later. In the end every
//! workshop is on the hub once, row for row as on the laptop, and the laptop's
//! rows are exactly as they were.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on broken preconditions

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use cabildo_core::ids::WorkshopId;
use cabildo_core::merge::Outcome;
use cabildo_core::{Error, Store, bundle, enrollment, merge, sync, synthetic};
use cabildo_hub::{Backoff, Pushed, client};

/// Workshops the laptop imported from other facilitators, plus one made on it.
const IMPORTED: u32 = 8;
/// Requests through the proxy, counted from 1 over the whole run: 1 is the
/// laptop's `GET /api/v1/hub`, 2 its enrollment, 3… its pushes in outbox order.
/// The third push is cut half-way through its body…
const CUT_BODY_OF: usize = 5;
/// …and, after the restart, the fifth push is merged but its answer never arrives.
const SWALLOW_ANSWER_OF: usize = 10;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `cabildo hub` on `port` and returns once it said it is listening.
fn start_hub(db: &Path, port: u16) -> Child {
    for _ in 0..10 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cabildo"))
            .arg("--db")
            .arg(db)
            .args(["hub", "--listen", &format!("127.0.0.1:{port}")])
            .env_remove("CABILDO_DB")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let listening = lines
            .by_ref()
            .map_while(Result::ok)
            .any(|l| l == format!("listening on http://127.0.0.1:{port}"));
        if listening {
            // Keep reading what it prints, as a terminal would.
            std::thread::spawn(move || lines.for_each(drop));
            return child;
        }
        // It ended without listening (the port not free yet): say why and retry.
        let mut why = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut why)
            .unwrap();
        child.wait().unwrap();
        eprintln!("the hub did not start: {why}");
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("the hub never started on port {port}");
}

/// What the proxy shares: the hub process it may kill, the running request count,
/// and where it reports each kill.
struct Saboteur {
    upstream: SocketAddr,
    hub: Arc<Mutex<Option<Child>>>,
    requests: AtomicUsize,
    kills: Mutex<Sender<String>>,
}

impl Saboteur {
    fn kill(&self, what: String) {
        if let Some(mut child) = self.hub.lock().unwrap().take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
        self.kills.lock().unwrap().send(what).unwrap();
    }
}

/// One laptop connection and its hub connection.
struct Pair {
    client: TcpStream,
    upstream: TcpStream,
    /// The request this connection carries now (requests on a connection take turns).
    current: AtomicUsize,
}

impl Pair {
    fn cut(&self) {
        let _ = self.client.shutdown(Shutdown::Both);
        let _ = self.upstream.shutdown(Shutdown::Both);
    }
}

fn content_length(head: &[u8]) -> usize {
    String::from_utf8_lossy(head)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Laptop to hub: forwards bytes, counting requests (head, then Content-Length
/// bytes of body); kills the hub half-way through the body of `CUT_BODY_OF`.
fn upward(s: &Saboteur, pair: &Pair) {
    let (mut from, mut to) = (&pair.client, &pair.upstream);
    let mut buf = [0u8; 2048];
    let mut head = Vec::new();
    let (mut request, mut body_len, mut body_sent) = (0, 0, 0);
    while let Ok(n @ 1..) = from.read(&mut buf) {
        let mut i = 0;
        while i < n {
            if body_sent < body_len {
                let mut take = (body_len - body_sent).min(n - i);
                let cut = request == CUT_BODY_OF && body_sent + take >= body_len / 2;
                if cut {
                    take = body_len / 2 - body_sent;
                }
                if to.write_all(&buf[i..i + take]).is_err() {
                    return;
                }
                (body_sent, i) = (body_sent + take, i + take);
                if cut {
                    s.kill(format!(
                        "request {request}: killed after {body_sent} of {body_len} body bytes"
                    ));
                    pair.cut();
                    return;
                }
            } else {
                head.push(buf[i]);
                i += 1;
                if head.ends_with(b"\r\n\r\n") {
                    request = s.requests.fetch_add(1, Ordering::SeqCst) + 1;
                    pair.current.store(request, Ordering::SeqCst);
                    (body_len, body_sent) = (content_length(&head), 0);
                    if to.write_all(&head).is_err() {
                        return;
                    }
                    head.clear();
                }
            }
        }
    }
    let _ = pair.upstream.shutdown(Shutdown::Write);
}

/// Hub to laptop: forwards the answers, except that the first bytes of the answer
/// to `SWALLOW_ANSWER_OF` (sent after the hub committed) kill the hub instead.
fn downward(s: &Saboteur, pair: &Pair) {
    let (mut from, mut to) = (&pair.upstream, &pair.client);
    let mut buf = [0u8; 2048];
    while let Ok(n @ 1..) = from.read(&mut buf) {
        let request = pair.current.load(Ordering::SeqCst);
        if request == SWALLOW_ANSWER_OF {
            s.kill(format!("request {request}: killed as its answer came back"));
            pair.cut();
            return;
        }
        if to.write_all(&buf[..n]).is_err() {
            return;
        }
    }
    let _ = pair.client.shutdown(Shutdown::Write);
}

/// A proxy on a port of its own in front of the hub; returns its address and the
/// kills as they happen.
fn proxy(upstream: SocketAddr, hub: Arc<Mutex<Option<Child>>>) -> (SocketAddr, Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, kills) = channel();
    let saboteur = Arc::new(Saboteur {
        upstream,
        hub,
        requests: AtomicUsize::new(0),
        kills: Mutex::new(tx),
    });
    std::thread::spawn(move || {
        for client in listener.incoming().map_while(Result::ok) {
            // The hub is down: the laptop sees its connection closed at once.
            let Ok(upstream) = TcpStream::connect(saboteur.upstream) else {
                continue;
            };
            let pair = Arc::new(Pair {
                client,
                upstream,
                current: AtomicUsize::new(0),
            });
            for direction in [upward, downward] {
                let (s, p) = (Arc::clone(&saboteur), Arc::clone(&pair));
                std::thread::spawn(move || direction(&s, &p));
            }
        }
    });
    (addr, kills)
}

/// Every row of every workshop, as the bundles carry them.
fn rows(store: &Store) -> BTreeMap<WorkshopId, String> {
    let ids: Vec<WorkshopId> = store
        .conn()
        .prepare("SELECT id FROM workshops ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    ids.into_iter()
        .map(|id| {
            let tables = bundle::tables_of(store, id).unwrap();
            (id, serde_json::to_string(&tables).unwrap())
        })
        .collect()
}

/// Every row of every table of a database, as text.
fn dump(db: &Path) -> Vec<String> {
    let store = Store::open_read_only(db).unwrap();
    let tables: Vec<String> = store
        .conn()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let mut st = store.conn().prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.extend(rows.map(|r| format!("{t}: {}", r.unwrap())));
    }
    out.sort();
    out
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn terminate(mut child: Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        child.wait().unwrap().success(),
        "the hub stops cleanly on SIGTERM"
    );
}

struct Setup {
    _dir: tempfile::TempDir,
    hub_db: PathBuf,
    laptop_db: PathBuf,
    code: String,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let (hub_db, laptop_db) = (
        dir.path().join("hub.sqlite3"),
        dir.path().join("laptop.sqlite3"),
    );
    let code = {
        let mut hub = Store::open(&hub_db, now()).unwrap();
        enrollment::new_code(&mut hub, "Portátil de Marcela", now()).unwrap()
    };
    let mut laptop = Store::open(&laptop_db, now()).unwrap();
    for i in 0..IMPORTED {
        bundle::import(&mut laptop, &synthetic::bundle(i, now()).unwrap()).unwrap();
    }
    synthetic::workshop(&mut laptop, IMPORTED, now()).unwrap();
    Setup {
        _dir: dir,
        hub_db,
        laptop_db,
        code,
    }
}

#[test]
fn every_workshop_reaches_a_hub_killed_mid_transfer_exactly_once_and_the_laptop_loses_nothing() {
    let started = Instant::now();
    let s = setup();
    let port = free_port();
    let hub = Arc::new(Mutex::new(Some(start_hub(&s.hub_db, port))));
    let (via, kills) = proxy(SocketAddr::from(([127, 0, 0, 1], port)), Arc::clone(&hub));

    let laptop = Arc::new(Mutex::new(Store::open(&s.laptop_db, now()).unwrap()));
    let before = {
        let mut store = laptop.lock().unwrap();
        sync::connect(&mut store, &format!("http://{via}"), &s.code).unwrap();
        assert_eq!(sync::outbox(&store).unwrap().len(), IMPORTED as usize + 1);
        rows(&store)
    };

    // The laptop's background sync, as the app runs it, with short delays.
    let stop = Arc::new(AtomicBool::new(false));
    let wake = Arc::new((Mutex::new(false), Condvar::new()));
    let results: Arc<Mutex<Vec<Result<Pushed, String>>>> = Arc::default();
    let worker = {
        let (db, stop, wake, results) = (
            Arc::clone(&laptop),
            Arc::clone(&stop),
            Arc::clone(&wake),
            Arc::clone(&results),
        );
        std::thread::spawn(move || {
            let backoff = Backoff::new(
                Duration::from_millis(50),
                Duration::from_millis(400),
                Duration::from_millis(100),
            );
            client::run_with(db, now, stop, wake, backoff, |r| {
                let r = match r {
                    Ok(pushed) => Ok(pushed.clone()),
                    Err(e) => Err(e.code().to_string()),
                };
                results.lock().unwrap().push(r);
            });
        })
    };

    // Each kill: the hub stays away a second, then comes back on the same port.
    let mut killed = Vec::new();
    for _ in 0..2 {
        killed.push(kills.recv_timeout(Duration::from_secs(60)).unwrap());
        std::thread::sleep(Duration::from_secs(1));
        *hub.lock().unwrap() = Some(start_hub(&s.hub_db, port));
    }
    assert!(killed[0].starts_with(&format!("request {CUT_BODY_OF}: killed after")));
    assert!(killed[1].starts_with(&format!("request {SWALLOW_ANSWER_OF}: killed as")));

    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let status = sync::status(&laptop.lock().unwrap()).unwrap();
        if status.outbox.is_empty() && status.last_error.is_none() {
            assert!(status.last_success_at.is_some() && status.enrolled_at.is_some());
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the outbox never emptied: {status:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    stop.store(true, Ordering::SeqCst);
    client::wake(&wake);
    worker.join().unwrap();

    // The laptop: not a row changed, however the pushes went.
    assert_eq!(
        rows(&laptop.lock().unwrap()),
        before,
        "the laptop's rows are untouched"
    );

    // What the laptop saw: failures while the hub was away, and among the rounds
    // that went through (a failed round reports only its error) the workshop whose
    // answer was lost, pushed again and found unchanged.
    let results = results.lock().unwrap();
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(failures.len() >= 2, "{results:?}");
    assert!(failures.iter().all(|c| *c == "sync_failed"), "{failures:?}");
    let acked: Vec<_> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .flat_map(|p| p.workshops.iter())
        .collect();
    assert!(acked.iter().all(|m| before.contains_key(&m.workshop_id)));
    let again: Vec<_> = acked.iter().filter(|m| m.outcome != Outcome::New).collect();
    assert_eq!(
        again.len(),
        1,
        "only the push whose answer was lost went twice: {acked:?}"
    );
    assert_eq!(again[0].outcome, Outcome::Unchanged);
    assert_eq!((again[0].inserted, again[0].updated), (0, 0));

    // A laptop with a made-up code is refused, keeps its workshop, and the hub
    // does not change.
    let hub_url = format!("http://127.0.0.1:{port}");
    let before_stranger = dump(&s.hub_db);
    let stranger =
        Mutex::new(Store::open(&s.laptop_db.with_file_name("other.sqlite3"), now()).unwrap());
    {
        let mut store = stranger.lock().unwrap();
        synthetic::workshop(&mut store, 30, now()).unwrap();
        sync::connect(&mut store, &hub_url, "QWERT-YUPAS-DFGHJ-KLZXC").unwrap();
    }
    let refused = client::sync_once(&stranger, now).unwrap_err();
    assert!(matches!(refused, Error::TokenUnknown), "{refused}");
    let status = sync::status(&stranger.lock().unwrap()).unwrap();
    assert_eq!(status.outbox.len(), 1);
    assert!(status.last_error.is_some() && status.last_success_at.is_none());
    assert_eq!(dump(&s.hub_db), before_stranger, "the hub has no new rows");

    terminate(hub.lock().unwrap().take().unwrap());

    // The hub: each workshop once, row for row as on the laptop; nothing else.
    let store = Store::open_read_only(&s.hub_db).unwrap();
    assert_eq!(rows(&store), before, "every workshop arrived whole, once");
    for table in bundle::TABLES {
        assert_eq!(
            count(
                &store,
                &format!("SELECT count(*) - count(DISTINCT id) FROM {table}")
            ),
            0,
            "{table}"
        );
    }
    assert!(merge::conflicts(&store).unwrap().is_empty());
    // The cut push left no trace; the re-pushed one is there as two receipts.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) - count(DISTINCT sha256) FROM received_bundles"
        ),
        0
    );
    assert_eq!(
        count(&store, "SELECT count(*) FROM received_bundles"),
        before.len() as i64 + 1
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(DISTINCT workshop_id) FROM received_bundles"
        ),
        before.len() as i64
    );
    let codes = enrollment::list(&store).unwrap();
    let me = laptop.lock().unwrap().device_id();
    assert!(
        codes
            .iter()
            .any(|c| c.device_id == Some(me) && c.last_push_at.is_some())
    );
    eprintln!(
        "sync through two hub deaths: {:?} ({killed:?})",
        started.elapsed()
    );
}

#[test]
fn cabildo_sync_pushes_to_cabildo_hub_and_a_wrong_code_exits_with_1() {
    let s = setup();
    let port = free_port();
    let hub = start_hub(&s.hub_db, port);
    let url = format!("http://127.0.0.1:{port}");
    let sync = |db: &Path, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cabildo"))
            .arg("--db")
            .arg(db)
            .arg("sync")
            .args(args)
            .env_remove("CABILDO_DB")
            .output()
            .unwrap()
    };
    let first = sync(&s.laptop_db, &["--hub", &url, "--code", &s.code]);
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        out.matches("pushed: new — ").count(),
        IMPORTED as usize + 1,
        "{out}"
    );
    // The code and the address are remembered.
    let again = sync(&s.laptop_db, &[]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("0 workshops pushed"));

    let other = s.laptop_db.with_file_name("other.sqlite3");
    let wrong = sync(
        &other,
        &["--hub", &url, "--code", "QWERT-YUPAS-DFGHJ-KLZXC"],
    );
    assert_eq!(wrong.status.code(), Some(1));
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        said.contains("enrollment code is not one of the hub's"),
        "{said}"
    );
    terminate(hub);
    let store = Store::open_read_only(&s.hub_db).unwrap();
    assert_eq!(
        count(&store, "SELECT count(*) FROM workshops"),
        IMPORTED as i64 + 1
    );
}
