//! The participants' web server on the local network (docs/lan-api.yaml). It runs
//! only while the facilitator has voting open, serves the phone page, lets phones
//! join with the PIN, takes their ballots, and pushes the room's state by
//! Server-Sent Events. Every decision is a call into `cabildo_core`; the handlers
//! only translate HTTP. Nothing the facilitator controls is reachable from here.

mod assets;
mod ballots;
mod error;
mod events;
mod limits;
pub mod openapi;
mod routes;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use cabildo_core::ids::WorkshopId;
use cabildo_core::{Error, Result, Store};
use tokio::sync::{broadcast, watch};

pub use error::ApiError;
pub use limits::Rates;
pub use routes::{MAX_BODY_BYTES, ROUTES};

/// What a server needs to start.
#[derive(Clone, Debug)]
pub struct Config {
    /// The database file, opened with a connection of the server's own (SQLite
    /// serialises it with the app's).
    pub db: PathBuf,
    pub workshop: WorkshopId,
    /// The address phones reach: one of the laptop's, chosen by the facilitator.
    /// Port 0 lets the system choose a free one.
    pub bind: SocketAddr,
    /// Six digits; `None` makes a random one.
    pub pin: Option<String>,
    /// Other request rates than the defaults (per device token 5/s, per address 500/s).
    /// Phones on the laptop's hotspot each have their own address and a person taps a
    /// few times a second; a load test's simulated phones share loopback and re-vote
    /// without pause, so it raises both.
    pub rates: Option<limits::Rates>,
}

/// The shared state of the handlers.
struct Shared {
    store: Mutex<Store>,
    workshop: WorkshopId,
    pin: String,
    /// Whole room states as JSON, for the SSE streams.
    states: broadcast::Sender<String>,
    /// Wakes the broadcaster at once after a ballot, rather than at its next poll.
    changed: watch::Sender<()>,
    /// Set when the server stops: the event streams end so the connections can close.
    closing: watch::Sender<bool>,
    limits: limits::Limits,
    /// Ballots on their way to the group-committing writer.
    ballots: ballots::Queue,
}

impl Shared {
    /// Runs `f` on the store off the async threads: SQLite calls block.
    async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store, WorkshopId) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let shared = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut store = shared.store.lock().map_err(|_| Error::InvalidInput {
                detail: "the database lock was poisoned".into(),
            })?;
            f(&mut store, shared.workshop)
        })
        .await
        .map_err(|e| Error::InvalidInput {
            detail: format!("a worker stopped: {e}"),
        })?
    }
}

/// A running server. Dropping it does not stop it: call `stop`.
pub struct Server {
    addr: SocketAddr,
    pin: String,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn pin(&self) -> &str {
        &self.pin
    }

    /// The address to type or to put in the QR code (the PIN pre-filled).
    pub fn url(&self) -> String {
        format!("http://{}/?pin={}", self.addr, self.pin)
    }

    /// Stops taking connections, lets the requests under way finish, and returns.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }

    /// Waits until the server ends (for `cabildo serve`).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

fn random_pin() -> Result<String> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|e| Error::InvalidInput {
        detail: format!("no randomness: {e}"),
    })?;
    Ok(format!("{:06}", u32::from_le_bytes(bytes) % 1_000_000))
}

/// Opens the database, binds the address and serves until `stop`.
pub async fn start(config: Config) -> Result<Server> {
    let store = Store::open(&config.db, chrono::Utc::now())?;
    cabildo_core::workshop::get(&store, config.workshop)?;
    let pin = match config.pin {
        Some(p) if p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit()) => p,
        Some(p) => {
            return Err(Error::InvalidInput {
                detail: format!("the PIN {p:?} is not six digits"),
            });
        }
        None => random_pin()?,
    };
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| Error::io(format!("listening on {}", config.bind), e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("the address bound", e))?;
    let (states, _) = broadcast::channel(16);
    let (changed, changes) = watch::channel(());
    let (closing, _) = watch::channel(false);
    let (queue, pending) = ballots::queue();
    let shared = Arc::new(Shared {
        store: Mutex::new(store),
        workshop: config.workshop,
        pin: pin.clone(),
        states,
        changed,
        closing,
        limits: config
            .rates
            .map(limits::Limits::with_rates)
            .unwrap_or_default(),
        ballots: queue,
    });
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let broadcaster = tokio::spawn(events::broadcast(Arc::clone(&shared), changes));
    let writer = tokio::spawn(ballots::write(Arc::clone(&shared), pending));
    let app = routes::router(Arc::clone(&shared));
    let task = tokio::spawn(async move {
        let serve = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stopped.await;
            let _ = shared.closing.send(true);
        });
        let _ = serve.await;
        broadcaster.abort();
        // Requests have finished: every queued ballot was answered.
        writer.abort();
    });
    Ok(Server {
        addr,
        pin,
        shutdown: Some(shutdown),
        task,
    })
}

/// A network address of this computer that phones could reach.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Address {
    /// The interface's name (e.g. `wlp2s0`, `ap0`), to tell the hotspot from the rest.
    pub interface: String,
    pub ip: std::net::IpAddr,
}

/// Every IPv4 address of this computer, loopback last: a laptop running a hotspot
/// has several, and guessing the right one is often wrong, so the facilitator picks.
pub fn addresses() -> Vec<Address> {
    let mut list: Vec<Address> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.ip().is_ipv4())
        .map(|i| Address {
            ip: i.ip(),
            interface: i.name,
        })
        .collect();
    list.sort_by_key(|a| (a.ip.is_loopback(), a.interface.clone()));
    list
}
