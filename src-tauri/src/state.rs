//! What the commands share: the open database (or why it could not be opened).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Condvar, Mutex};

use cabildo_core::store::{self, Store};
use cabildo_core::time::Timestamp;
use cabildo_core::{Error, Result, demo};

/// Where exports and reports go when the facilitator does not pick a place.
pub const EXPORT_DIR_ENV: &str = "CABILDO_EXPORT_DIR";

pub struct AppState {
    store: Mutex<Result<Store>>,
    /// A hub's database opened read-only for the coordinator's view, with its path.
    viewed: Mutex<Option<(PathBuf, Store)>>,
    /// The LAN server while voting is open, with what the window shows of it.
    pub lan: tokio::sync::Mutex<Option<(crate::commands::voting::Session, cabildo_lan::Server)>>,
    pub database_path: PathBuf,
    pub export_dir: PathBuf,
    pub sync: SyncWorker,
}

/// The background thread that pushes changed workshops to the coordinator's hub
/// (`cabildo_hub::client::run`). It only reads workshops: whatever the hub does,
/// nothing on this computer is lost.
#[derive(Default)]
pub struct SyncWorker {
    pub stop: Arc<AtomicBool>,
    pub wake: Arc<(Mutex<bool>, Condvar)>,
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
            viewed: Mutex::new(None),
            lan: tokio::sync::Mutex::new(None),
            database_path,
            export_dir,
            sync: SyncWorker::default(),
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

impl AppState {
    /// Runs `f` with the database the coordinator's view shows: a hub's opened
    /// read-only, else this computer's.
    pub fn with_view<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self
            .viewed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match guard.as_mut() {
            Some((_, store)) => f(store),
            None => {
                drop(guard);
                self.with(f)
            }
        }
    }

    /// Shows a hub's database in the coordinator's view, read-only: every edit to
    /// it is refused, and this computer's database is left as it is.
    pub fn open_view(&self, path: &Path) -> Result<()> {
        let store = Store::open_read_only(path)?;
        *self
            .viewed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some((path.to_path_buf(), store));
        Ok(())
    }

    pub fn close_view(&self) {
        *self
            .viewed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }

    pub fn viewed_path(&self) -> Option<PathBuf> {
        self.viewed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
            .map(|(p, _)| p.clone())
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

impl cabildo_hub::Db for AppState {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        AppState::with(self, f)
    }
}

/// The app's database as the sync thread reaches it: through the managed state.
struct Synced<R: tauri::Runtime>(tauri::AppHandle<R>);

impl<R: tauri::Runtime> cabildo_hub::Db for Synced<R> {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        use tauri::Manager;
        AppState::with(&self.0.state::<AppState>(), f)
    }
}

/// Starts the sync thread: it pushes the outbox whenever a hub is set and
/// reachable, retrying with backoff, and tells the window after every attempt
/// (`sync-attempt`). A thread that cannot start only means no automatic sync.
pub fn start_sync<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::{Emitter, Manager};
    let state = app.state::<AppState>();
    let (stop, wake) = (state.sync.stop.clone(), state.sync.wake.clone());
    let db = Synced(app.clone());
    let window = app.clone();
    let started = std::thread::Builder::new()
        .name("cabildo-sync".into())
        .spawn(move || {
            cabildo_hub::client::run_with(
                db,
                chrono::Utc::now,
                stop,
                wake,
                cabildo_hub::Backoff::default(),
                |_| {
                    // A lost event only delays the panel's refresh.
                    let _ = window.emit("sync-attempt", ());
                },
            );
        });
    if let Err(e) = started {
        eprintln!("cabildo: the sync thread did not start: {e}");
    }
}

impl SyncWorker {
    /// Makes the thread try now instead of after its pause.
    pub fn wake(&self) {
        cabildo_hub::client::wake(&self.wake);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use cabildo_core::{synthetic, workshop};

    fn state(dir: &Path) -> AppState {
        let now = chrono::Utc::now();
        let database_path = dir.join("own.sqlite3");
        AppState {
            store: Mutex::new(Store::open(&database_path, now)),
            viewed: Mutex::new(None),
            lan: tokio::sync::Mutex::new(None),
            database_path,
            export_dir: dir.join("exports"),
            sync: SyncWorker::default(),
        }
    }

    #[test]
    fn a_hubs_database_is_shown_read_only_and_this_computers_comes_back_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::Utc::now();
        let hub = dir.path().join("hub.sqlite3");
        let on_hub = {
            let mut store = Store::open(&hub, now).unwrap();
            synthetic::workshop(&mut store, 2, now).unwrap()
        };
        let app = state(dir.path());
        let count = |app: &AppState| app.with_view(|s| Ok(workshop::list(s, true)?.len()));
        assert_eq!(count(&app).unwrap(), 0);

        app.open_view(&hub).unwrap();
        assert_eq!(app.viewed_path().as_deref(), Some(hub.as_path()));
        let ids = app
            .with_view(|s| {
                Ok(workshop::list(s, true)?
                    .into_iter()
                    .map(|w| w.id)
                    .collect::<Vec<_>>())
            })
            .unwrap();
        assert_eq!(ids, [on_hub]);
        let edit = app.with_view(|s| workshop::set_archived(s, on_hub, true, now));
        assert!(matches!(edit, Err(Error::ReadOnly)), "{edit:?}");
        // Commands that write (import, trust) keep using this computer's database.
        assert_eq!(app.with(|s| Ok(workshop::list(s, true)?.len())).unwrap(), 0);

        app.close_view();
        assert_eq!(app.viewed_path(), None);
        assert_eq!(count(&app).unwrap(), 0);
    }
}
