//! What the commands share: the open database (or why it could not be opened).

use std::path::PathBuf;
use std::sync::Mutex;

use cabildo_core::store::{self, Store};
use cabildo_core::time::Timestamp;
use cabildo_core::{Error, Result, demo};

/// Where exports and reports go when the facilitator does not pick a place.
pub const EXPORT_DIR_ENV: &str = "CABILDO_EXPORT_DIR";

pub struct AppState {
    store: Mutex<Result<Store>>,
    /// The LAN server while voting is open, with what the window shows of it.
    pub lan: tokio::sync::Mutex<Option<(crate::commands::voting::Session, cabildo_lan::Server)>>,
    pub database_path: PathBuf,
    pub export_dir: PathBuf,
}

impl AppState {
    /// Opens the database; a first run gets the example workshop. A database that
    /// cannot be opened is kept as an error that every command returns, so the
    /// window can say why instead of closing.
    pub fn open(now: Timestamp) -> AppState {
        let database_path = store::resolve_path(None);
        let store = Store::open(&database_path, now).and_then(|mut s| {
            demo::ensure(&mut s, now)?;
            Ok(s)
        });
        let export_dir = std::env::var_os(EXPORT_DIR_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                dirs::document_dir()
                    .or_else(dirs::home_dir)
                    .unwrap_or_else(std::env::temp_dir)
                    .join("Cabildo")
            });
        AppState {
            store: Mutex::new(store),
            lan: tokio::sync::Mutex::new(None),
            database_path,
            export_dir,
        }
    }

    /// Runs `f` with the database. One command at a time: SQLite has one writer anyway.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store),
            Err(e) => Err(reopen_error(e)),
        }
    }
}

/// `Error` is not `Clone` (it wraps SQLite's); the window needs the same code and words.
fn reopen_error(e: &Error) -> Error {
    match e {
        Error::DatabaseNewer { found, supported } => Error::DatabaseNewer {
            found: *found,
            supported: *supported,
        },
        other => Error::InvalidInput {
            detail: other.to_string(),
        },
    }
}
