//! The hub's HTTP side (docs/hub-api.yaml). Each handler checks who is asking,
//! then makes one call into `cabildo_core` off the async threads.
//!
//! A push is all or nothing: the whole body is read before anything is merged,
//! and the merge is one transaction, so a connection cut half-way through a
//! bundle leaves the hub's database as it was.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use cabildo_core::bundle::MAX_FILE_BYTES;
use cabildo_core::ids::DeviceId;
use cabildo_core::merge::{self, Admission, Merged};
use cabildo_core::{Error, Result, Store, enrollment, trust};
use serde_json::json;

use crate::wire::{EnrollInput, HubInfo};

/// The routes of the API; a test compares them with docs/hub-api.yaml.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/hub"),
    ("post", "/api/v1/enroll"),
    ("post", "/api/v1/bundles"),
];

/// JSON bodies (enrollment) are a few hundred bytes.
const MAX_JSON_BYTES: usize = 16 * 1024;

struct Shared {
    store: Mutex<Store>,
    device: DeviceId,
}

impl Shared {
    /// Runs `f` on the store off the async threads: SQLite calls block.
    async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let shared = Arc::clone(self);
        blocking(move || {
            let mut store = shared
                .store
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&mut store)
        })
        .await
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::InvalidInput {
            detail: format!("a worker stopped: {e}"),
        })?
}

/// A core error with the status it is sent with. The body is always the core's
/// `{code, message, params}`.
struct HubError(StatusCode, Error);

impl From<Error> for HubError {
    fn from(e: Error) -> Self {
        let status = match &e {
            Error::TokenUnknown => StatusCode::UNAUTHORIZED,
            Error::BundleKeyMismatch { .. } | Error::BundleUnknownDevice { .. } => {
                StatusCode::FORBIDDEN
            }
            Error::TokenTaken => StatusCode::CONFLICT,
            Error::BundleTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::BundleDamaged { .. }
            | Error::BundleTampered
            | Error::BundleBadSignature
            | Error::BundleNewerFormat { .. }
            | Error::InvalidInput { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Error::NotFound { .. } => StatusCode::NOT_FOUND,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        HubError(status, e)
    }
}

impl IntoResponse for HubError {
    fn into_response(self) -> Response {
        (self.0, Json(&self.1)).into_response()
    }
}

/// The hub's routes over `store` (the coordinator's database).
pub fn router(store: Store) -> Router {
    let shared = Arc::new(Shared {
        device: store.device_id(),
        store: Mutex::new(store),
    });
    Router::new()
        .route("/api/v1/hub", get(info))
        .route("/api/v1/enroll", post(enroll))
        .route("/api/v1/bundles", post(push))
        .fallback(|| async { HubError::from(Error::not_found("this address of the hub")) })
        .layer(DefaultBodyLimit::max(MAX_JSON_BYTES))
        .with_state(shared)
}

async fn info(State(shared): State<Arc<Shared>>) -> Json<HubInfo> {
    Json(HubInfo {
        app: crate::APP.to_string(),
        version: cabildo_core::APP_VERSION.to_string(),
        device_id: shared.device.to_string(),
    })
}

async fn enroll(
    State(shared): State<Arc<Shared>>,
    body: std::result::Result<Json<EnrollInput>, JsonRejection>,
) -> std::result::Result<Json<serde_json::Value>, HubError> {
    let Json(input) = body.map_err(|r| {
        HubError::from(Error::InvalidInput {
            detail: r.body_text(),
        })
    })?;
    let device = DeviceId::parse(&input.device_id).map_err(|_| {
        HubError::from(Error::InvalidInput {
            detail: format!("{:?} is not a device id", input.device_id),
        })
    })?;
    shared
        .with_store(move |store| {
            enrollment::enroll(
                store,
                &input.code,
                device,
                &input.public_key,
                chrono::Utc::now(),
            )
        })
        .await
        .map_err(|e| match e {
            // The code is what the laptop asks for here, not a credential it holds.
            Error::TokenUnknown => HubError(StatusCode::NOT_FOUND, e),
            e => e.into(),
        })?;
    Ok(Json(json!({})))
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

async fn push(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> std::result::Result<Json<Merged>, HubError> {
    // Who is pushing, before reading a body of up to 64 MB from them.
    let code = bearer(&headers).ok_or(Error::TokenUnknown)?;
    let owner = code.clone();
    let (device, key) = shared
        .with_store(move |store| enrollment::device_of(store, &owner))
        .await?;
    let limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|e| {
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        match declared {
            Some(size) if size > MAX_FILE_BYTES => Error::BundleTooLarge {
                size,
                limit: MAX_FILE_BYTES,
            },
            // Cut off, or longer than it said: nothing of it is merged.
            _ => Error::InvalidInput {
                detail: format!("the workshop file did not arrive whole: {e}"),
            },
        }
    })?;
    // Verified outside the lock: a big file does not hold up the other laptops.
    let bytes = Arc::new(bytes);
    let read = Arc::clone(&bytes);
    let signer = blocking(move || trust::signer(&read)).await?;
    if signer.device_id != device || signer.public_key != key {
        return Err(Error::BundleKeyMismatch {
            device: signer.device_id.to_string(),
        }
        .into());
    }
    let merged = shared
        .with_store(move |store| {
            let now = chrono::Utc::now();
            let merged = merge::merge(store, &bytes, Admission::TrustedKeys, now)?;
            enrollment::mark_push(store, &code, now)?;
            Ok(merged)
        })
        .await?;
    Ok(Json(merged))
}

/// Serves `store` on `listener` until `shutdown` completes, then lets the requests
/// under way finish.
pub async fn serve(
    store: Store,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    axum::serve(listener, router(store))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| Error::io("serving the hub", e))
}

/// A running hub. Dropping it does not stop it: call `stop`.
pub struct Hub {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<()>>,
}

impl Hub {
    /// Binds `addr` (port 0: any free one) and serves `store` until `stop`.
    pub async fn start(store: Store, addr: SocketAddr) -> Result<Hub> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::io(format!("listening on {addr}"), e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("the address bound", e))?;
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(serve(store, listener, async move {
            let _ = stopped.await;
        }));
        Ok(Hub {
            addr,
            shutdown: Some(shutdown),
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, as bound.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops taking connections, lets the pushes under way finish, and returns.
    pub async fn stop(mut self) -> Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        (&mut self.task).await.map_err(|e| Error::InvalidInput {
            detail: format!("the hub stopped: {e}"),
        })?
    }
}
