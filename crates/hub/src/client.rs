//! The laptop's side: enroll with the hub, then push every workshop of the outbox,
//! one bundle per request, whenever the hub can be reached.
//!
//! Sync only reads workshops and writes the sync bookkeeping (`cabildo_core::sync`):
//! a hub that is away, refuses or dies half-way loses nothing on the laptop, and a
//! workshop leaves the outbox only once the hub answered that it merged it. The
//! hub merges idempotently, so pushing the same workshop again is harmless.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use cabildo_core::merge::Merged;
use cabildo_core::sync::{self, Identity};
use cabildo_core::time::Timestamp;
use cabildo_core::{Error, Result, Store};

use crate::wire::{self, EnrollInput, HubInfo};

/// Connecting to a hub that is there takes far less; one that is not should not
/// keep a facilitator waiting.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// A whole request, body included: a large workshop over a slow rural line.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// What the app and the CLI give the client: a way to use the database briefly.
/// It is never held during a request to the hub.
pub trait Db {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T>;
}

impl Db for Mutex<Store> {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        f(&mut self.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl<D: Db> Db for Arc<D> {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        (**self).with(f)
    }
}

impl<D: Db> Db for &D {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        (**self).with(f)
    }
}

/// What one sync pushed, in order; empty when the outbox was.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Pushed {
    pub workshops: Vec<Merged>,
}

/// The hub at `url`, reached with `code`.
struct HubClient {
    agent: ureq::Agent,
    url: String,
    code: String,
}

impl HubClient {
    fn new(url: &str, code: &str) -> Self {
        // A hub on the internet sits behind HTTPS: the system's TLS library and
        // certificate store check it, as the coordinator's browser would.
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::NativeTls)
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .http_status_as_error(false)
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            .build()
            .into();
        HubClient {
            agent,
            url: url.to_string(),
            code: code.to_string(),
        }
    }

    fn unreachable(&self, e: ureq::Error) -> Error {
        Error::SyncFailed {
            detail: format!("{}: {e}", self.url),
        }
    }

    /// The body of a 200 answer, else the hub's refusal.
    fn answer(
        &self,
        sent: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<String> {
        let mut response = sent.map_err(|e| self.unreachable(e))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| self.unreachable(e))?;
        if status == 200 {
            Ok(body)
        } else {
            Err(wire::refusal(status, &body))
        }
    }

    fn decode<T: serde::de::DeserializeOwned>(&self, body: &str) -> Result<T> {
        serde_json::from_str(body).map_err(|e| Error::SyncFailed {
            detail: format!("{} is not a Cabildo hub ({e})", self.url),
        })
    }

    /// Checks that the address is a Cabildo hub, not some other server.
    fn check(&self) -> Result<()> {
        let body = self.answer(self.agent.get(format!("{}/api/v1/hub", self.url)).call())?;
        let info: HubInfo = self.decode(&body)?;
        if info.app != crate::APP {
            return Err(Error::SyncFailed {
                detail: format!("{} is not a Cabildo hub", self.url),
            });
        }
        Ok(())
    }

    fn enroll(&self, me: &Identity) -> Result<()> {
        let input = EnrollInput {
            code: self.code.clone(),
            device_id: me.device_id.to_string(),
            public_key: me.public_key.clone(),
        };
        let sent = self
            .agent
            .post(format!("{}/api/v1/enroll", self.url))
            .send_json(&input);
        self.answer(sent).map(drop)
    }

    fn push(&self, bundle: &[u8]) -> Result<Merged> {
        let sent = self
            .agent
            .post(format!("{}/api/v1/bundles", self.url))
            .header("Authorization", format!("Bearer {}", self.code))
            .header("Content-Type", "application/octet-stream")
            .send(bundle);
        let body = self.answer(sent)?;
        self.decode(&body)
    }
}

/// Enrolls if not yet enrolled, then pushes every workshop of the outbox, one
/// bundle per request. The database is used between requests, never during one.
/// Success and failure are recorded (`sync::acknowledged`, `sync::up_to_date`,
/// `sync::failed`) for the app to show.
///
/// Errors: `SyncFailed` when the hub cannot be reached or answers oddly; the
/// hub's refusal as the core error it is (`TokenUnknown`, `TokenTaken`,
/// `BundleKeyMismatch`, …) otherwise.
pub fn sync_once(db: &impl Db, now: impl Fn() -> Timestamp) -> Result<Pushed> {
    let Some(settings) = db.with(|s| sync::settings(s))? else {
        return Err(Error::SyncFailed {
            detail: "this computer is not connected to a hub".into(),
        });
    };
    let hub = HubClient::new(&settings.hub_url, &settings.code);
    let result = push_outbox(db, &hub, settings.enrolled_at.is_some(), &now);
    if let Err(e) = &result {
        db.with(|s| sync::failed(s, e, now()))?;
    }
    result
}

fn push_outbox(
    db: &impl Db,
    hub: &HubClient,
    enrolled: bool,
    now: &impl Fn() -> Timestamp,
) -> Result<Pushed> {
    if !enrolled {
        hub.check()?;
        hub.enroll(&db.with(|s| sync::identity(s))?)?;
        db.with(|s| sync::enrolled(s, now()))?;
    }
    let mut pushed = Pushed::default();
    // A workshop edited during its push comes back to the outbox; this bound keeps
    // one being typed into from holding the round: the next round takes it.
    let rounds = db.with(|s| sync::outbox(s))?.len() + 1;
    for _ in 0..rounds {
        let Some(outgoing) = db.with(|s| sync::next(s, now()))? else {
            // Up to date means the hub is there too, not only that nothing waits.
            if enrolled && pushed.workshops.is_empty() {
                hub.check()?;
            }
            db.with(|s| sync::up_to_date(s, now()))?;
            break;
        };
        let merged = hub.push(&outgoing.bytes)?;
        db.with(|s| sync::acknowledged(s, &outgoing, now()))?;
        pushed.workshops.push(merged);
    }
    Ok(pushed)
}

/// How long to wait before the next sync: `idle` after a success; after
/// failures `min`, doubling each time up to `max`, back to `min` after a success.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backoff {
    min: Duration,
    max: Duration,
    idle: Duration,
    failures: u32,
}

impl Default for Backoff {
    /// 2 s doubling to 5 minutes; 30 s between syncs that went well.
    fn default() -> Self {
        Backoff::new(
            Duration::from_secs(2),
            Duration::from_secs(300),
            Duration::from_secs(30),
        )
    }
}

impl Backoff {
    pub const fn new(min: Duration, max: Duration, idle: Duration) -> Self {
        Backoff {
            min,
            max,
            idle,
            failures: 0,
        }
    }

    /// The wait after an attempt that went well (`ok`) or not.
    pub fn next_delay(&mut self, ok: bool) -> Duration {
        if ok {
            self.failures = 0;
            return self.idle;
        }
        let delay = self
            .min
            .saturating_mul(2u32.saturating_pow(self.failures))
            .min(self.max);
        self.failures = self.failures.saturating_add(1);
        delay
    }

    /// The wait when there is nothing to try (no hub set).
    pub fn idle(&self) -> Duration {
        self.idle
    }
}

/// Wakes a `run` loop now (the facilitator pressed "Sync now", a workshop changed).
pub fn wake(signal: &(Mutex<bool>, Condvar)) {
    let (flag, condvar) = signal;
    *flag.lock().unwrap_or_else(PoisonError::into_inner) = true;
    condvar.notify_all();
}

/// Runs until `stop` is set: `sync_once`, then sleeps (30 s after a success, the
/// backoff after a failure), waking early when `wake` is notified. For the
/// desktop app's background thread. To stop it promptly, set `stop`, then `wake`.
pub fn run(
    db: impl Db,
    now: fn() -> Timestamp,
    stop: Arc<AtomicBool>,
    wake: Arc<(Mutex<bool>, Condvar)>,
) {
    run_with(db, now, stop, wake, Backoff::default(), |_| {});
}

/// `run` with its delays chosen, and `observe` told the result of every attempt
/// (the app refreshes what it shows; a test counts the failures).
pub fn run_with(
    db: impl Db,
    now: impl Fn() -> Timestamp,
    stop: Arc<AtomicBool>,
    wake: Arc<(Mutex<bool>, Condvar)>,
    mut backoff: Backoff,
    mut observe: impl FnMut(&Result<Pushed>),
) {
    while !stop.load(Ordering::SeqCst) {
        let connected = matches!(db.with(|s| sync::settings(s)), Ok(Some(_)));
        let delay = if connected {
            let result = sync_once(&db, &now);
            let delay = backoff.next_delay(result.is_ok());
            observe(&result);
            delay
        } else {
            backoff.idle()
        };
        pause(&stop, &wake, delay);
    }
}

/// Sleeps `delay`, or less when woken or stopped.
fn pause(stop: &AtomicBool, wake: &(Mutex<bool>, Condvar), delay: Duration) {
    // A stop without a wake is still noticed within this.
    const SLICE: Duration = Duration::from_millis(500);
    let (flag, condvar) = wake;
    let deadline = Instant::now() + delay;
    let mut woken = flag.lock().unwrap_or_else(PoisonError::into_inner);
    while !*woken && !stop.load(Ordering::SeqCst) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        woken = match condvar.wait_timeout(woken, left.min(SLICE)) {
            Ok((guard, _)) => guard,
            Err(poisoned) => poisoned.into_inner().0,
        };
    }
    *woken = false;
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn the_backoff_doubles_from_two_seconds_to_five_minutes_and_resets_after_a_success() {
        let mut b = Backoff::default();
        let failures: Vec<u64> = (0..10).map(|_| b.next_delay(false).as_secs()).collect();
        assert_eq!(failures, [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(b.next_delay(true), S(30));
        assert_eq!(b.next_delay(false), S(2));
        assert_eq!(b.next_delay(false), S(4));
    }

    #[test]
    fn the_backoff_never_overflows_however_long_the_hub_is_away() {
        let mut b = Backoff::new(Duration::from_millis(50), S(1), S(5));
        for _ in 0..100 {
            assert!(b.next_delay(false) <= S(1));
        }
        assert_eq!(b.next_delay(false), S(1));
    }

    #[test]
    fn a_wake_ends_the_pause_at_once_and_is_used_up() {
        let stop = AtomicBool::new(false);
        let signal = (Mutex::new(false), Condvar::new());
        wake(&signal);
        let start = Instant::now();
        pause(&stop, &signal, S(60));
        assert!(start.elapsed() < S(1));
        // The wake was used: the next pause lasts its delay.
        let start = Instant::now();
        pause(&stop, &signal, Duration::from_millis(100));
        assert!(start.elapsed() >= Duration::from_millis(100));
    }

    #[test]
    fn a_stop_without_a_wake_ends_the_pause_within_a_slice() {
        let stop = Arc::new(AtomicBool::new(false));
        let signal = Arc::new((Mutex::new(false), Condvar::new()));
        let (s, w) = (Arc::clone(&stop), Arc::clone(&signal));
        let sleeper = std::thread::spawn(move || pause(&s, &w, S(300)));
        std::thread::sleep(Duration::from_millis(50));
        stop.store(true, Ordering::SeqCst);
        let start = Instant::now();
        sleeper.join().unwrap_or_default();
        assert!(start.elapsed() < S(2));
    }

    #[test]
    fn without_a_hub_set_a_sync_says_so_and_changes_nothing() {
        let db = Mutex::new(Store::open_in_memory().unwrap_or_else(|e| panic!("{e}")));
        let e = sync_once(&db, chrono::Utc::now).err();
        assert_eq!(e.map(|e| e.code()), Some("sync_failed"));
    }
}
