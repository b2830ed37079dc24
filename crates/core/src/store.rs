//! The SQLite file that holds every workshop of an installation.

pub mod actions;
pub mod actors;
pub mod commitments;
pub mod follow_up;
pub mod indicators;
pub mod institutions;
pub mod migrations;
pub mod participants;
pub mod prioritization;
pub mod relevance;
pub mod vester;
pub mod voting;
pub mod workshops;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::ids::DeviceId;
use crate::time::{Timestamp, stamp};
use crate::{Error, Result};

/// The environment variable that points the app and the CLI at another database.
pub const DB_ENV: &str = "CABILDO_DB";

pub struct Store {
    conn: Connection,
    device: DeviceId,
    path: Option<PathBuf>,
    read_only: bool,
}

/// The database to use: the explicit path, else `$CABILDO_DB`, else
/// `cabildo.sqlite3` in the user's data folder.
pub fn resolve_path(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| {
            dirs::data_dir()
                .unwrap_or_else(std::env::temp_dir)
                .join("cabildo")
                .join("cabildo.sqlite3")
        })
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// A database written by a newer version is refused before anything is written
    /// to it; an older one is copied beside itself before it is migrated.
    pub fn open(path: &Path, now: Timestamp) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent.display(), e))?;
        }
        let mut conn = Connection::open(path)?;
        let found = user_version(&conn)?;
        if found > migrations::latest() {
            return Err(Error::DatabaseNewer {
                found,
                supported: migrations::latest(),
            });
        }
        if found > 0 && found < migrations::latest() {
            backup_before_migrating(&conn, path, found, now)?;
        }
        configure(&conn)?;
        migrate(&mut conn, found, migrations::latest())?;
        let device = device(&conn, now)?;
        Ok(Store {
            conn,
            device,
            path: Some(path.to_path_buf()),
            read_only: false,
        })
    }

    /// Opens another installation's database (a hub's) to read it: nothing is
    /// migrated or written, and every edit is refused with `Error::ReadOnly`.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::not_found(path.display().to_string()));
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let found = user_version(&conn)?;
        if found > migrations::latest() {
            return Err(Error::DatabaseNewer {
                found,
                supported: migrations::latest(),
            });
        }
        if found < migrations::latest() {
            return Err(Error::InvalidInput {
                detail: format!(
                    "{} is not a Cabildo database of this version (schema {found}); open it once with `cabildo hub` to update it",
                    path.display()
                ),
            });
        }
        conn.pragma_update(None, "busy_timeout", 5000)?;
        let device = conn.query_row("SELECT id FROM device WHERE singleton = 1", [], |r| {
            r.get(0)
        })?;
        Ok(Store {
            conn,
            device,
            path: Some(path.to_path_buf()),
            read_only: true,
        })
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A private database for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrate(&mut conn, 0, migrations::latest())?;
        let device = device(&conn, chrono::Utc::now())?;
        Ok(Store {
            conn,
            device,
            path: None,
            read_only: false,
        })
    }

    pub fn device_id(&self) -> DeviceId {
        self.device
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction. The write lock is taken up front so that a
    /// second writer (the LAN server) waits instead of failing half-way.
    pub fn with_tx<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, DeviceId) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, self.device)?;
        tx.commit()?;
        Ok(out)
    }

    /// This installation's bundle-signing key.
    pub fn signing_key(&self) -> Result<[u8; 32]> {
        let key: Vec<u8> = self.conn.query_row(
            "SELECT signing_key FROM device WHERE singleton = 1",
            [],
            |r| r.get(0),
        )?;
        key.try_into().map_err(|_| Error::InvalidInput {
            detail: "the device key is damaged".into(),
        })
    }
}

/// Marks a row of `table` removed (a tombstone that travels in bundles). Returns
/// whether a live row was found.
pub(crate) fn soft_delete(
    tx: &Transaction<'_>,
    device: DeviceId,
    table: &str,
    id: &dyn rusqlite::ToSql,
    now: Timestamp,
) -> Result<bool> {
    let changed = tx.execute(
        &format!(
            "UPDATE {table} SET deleted = 1, updated_at = ?2, device_id = ?3
             WHERE id = ?1 AND deleted = 0"
        ),
        params![id, stamp(now), device],
    )?;
    Ok(changed > 0)
}

/// Refuses `id` with `Error::NotFound` (naming it `what`) unless it is a live row of
/// `table` in `workshop`: an edit given another workshop's id must change nothing.
pub(crate) fn owned(
    conn: &Connection,
    table: &str,
    id: &dyn rusqlite::ToSql,
    workshop: crate::ids::WorkshopId,
    what: &str,
) -> Result<()> {
    let found = conn
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE id = ?1 AND workshop_id = ?2 AND deleted = 0"),
            params![id, workshop],
            |_| Ok(()),
        )
        .optional()?;
    found.ok_or_else(|| Error::not_found(what))
}

/// Marks a live row of `workshop` removed, refusing (with `what` not found) an
/// id that is not one.
pub(crate) fn remove_owned(
    tx: &Transaction<'_>,
    device: DeviceId,
    table: &str,
    id: &dyn rusqlite::ToSql,
    workshop: crate::ids::WorkshopId,
    what: &str,
    now: Timestamp,
) -> Result<()> {
    owned(tx, table, id, workshop, what)?;
    soft_delete(tx, device, table, id, now)?;
    Ok(())
}

/// Column `i` as a date, or `None` when NULL.
pub(crate) fn optional_date(
    r: &rusqlite::Row<'_>,
    i: usize,
) -> rusqlite::Result<Option<chrono::NaiveDate>> {
    let s: Option<String> = r.get(i)?;
    s.map(|s| {
        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

pub(crate) fn date(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<chrono::NaiveDate> {
    optional_date(r, i)?.ok_or(rusqlite::Error::InvalidColumnType(
        i,
        "date".into(),
        rusqlite::types::Type::Null,
    ))
}

/// The next free position among a workshop's rows of `table`.
pub(crate) fn next_position(
    tx: &Transaction<'_>,
    table: &str,
    workshop: crate::ids::WorkshopId,
) -> Result<i64> {
    Ok(tx.query_row(
        &format!("SELECT COALESCE(MAX(position) + 1, 0) FROM {table} WHERE workshop_id = ?1"),
        [workshop],
        |r| r.get(0),
    )?)
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

fn configure(conn: &Connection) -> Result<()> {
    // WAL: readers (the projector, the LAN server) never block the writer.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL after WAL: a committed ballot survives a power cut, not only a crash.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // The schema's REFERENCES are promises we rely on.
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // The UI and the LAN server share the file: wait for a lock rather than fail.
    conn.pragma_update(None, "busy_timeout", 5000)?;
    Ok(())
}

/// Applies the migrations after `from` up to `to`, all in one transaction
/// together with the new `user_version`: a failure leaves the file as it was.
pub fn migrate(conn: &mut Connection, from: i64, to: i64) -> Result<()> {
    if from >= to {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    for (i, sql) in migrations::MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version > from && version <= to {
            tx.execute_batch(sql)?;
        }
    }
    tx.pragma_update(None, "user_version", to)?;
    tx.commit()?;
    Ok(())
}

fn backup_before_migrating(
    conn: &Connection,
    path: &Path,
    found: i64,
    now: Timestamp,
) -> Result<()> {
    let name = format!(
        "{}.v{found}-before-migration-{}.sqlite3",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        now.format("%Y%m%dT%H%M%S")
    );
    let target = path.with_file_name(name);
    // VACUUM INTO copies a consistent snapshot, WAL included; copying the file would not.
    conn.execute("VACUUM INTO ?1", params![target.to_string_lossy()])?;
    Ok(())
}

fn device(conn: &Connection, now: Timestamp) -> Result<DeviceId> {
    let existing: Option<DeviceId> = conn
        .query_row("SELECT id FROM device WHERE singleton = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = DeviceId::new();
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| Error::InvalidInput {
        detail: format!("no randomness for the device key: {e}"),
    })?;
    conn.execute(
        "INSERT INTO device (singleton, id, signing_key, created_at) VALUES (1, ?1, ?2, ?3)",
        params![id, key.as_slice(), stamp(now)],
    )?;
    Ok(id)
}
