//! A facilitator's link to a coordinator's hub: the address, the enrollment code,
//! the outbox and the last successful sync. The pushing itself (HTTP) lives in
//! crates/hub; this module only decides what to send and remembers what the hub
//! acknowledged. Sync never changes a workshop's rows: nothing local can be lost.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::bundle;
use crate::enrollment;
use crate::ids::{DeviceId, WorkshopId};
use crate::store::Store;
use crate::time::{Timestamp, stamp};
use crate::{Error, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub hub_url: String,
    pub code: String,
    pub enrolled_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub workshop_id: WorkshopId,
    pub title: String,
}

/// A failure as it was recorded: the error's code and params let the window
/// say it in the user's language, even after a restart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedError {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub params: std::collections::BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    pub hub_url: Option<String>,
    pub enrolled_at: Option<String>,
    pub last_attempt_at: Option<String>,
    pub last_success_at: Option<String>,
    pub last_error: Option<RecordedError>,
    /// Workshops changed since the hub last acknowledged them.
    pub outbox: Vec<OutboxEntry>,
}

/// A workshop ready to push: its bundle and the hash of the rows it carries.
pub struct Outgoing {
    pub workshop_id: WorkshopId,
    pub title: String,
    pub content_sha256: String,
    pub bytes: Vec<u8>,
}

/// What a laptop tells the hub when it enrolls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub device_id: DeviceId,
    pub public_key: String,
}

pub fn identity(store: &Store) -> Result<Identity> {
    Ok(Identity {
        device_id: store.device_id(),
        public_key: crate::trust::own_key(store)?,
    })
}

/// The hub's address without a trailing slash, checked for a shape a laptop can reach.
pub fn hub_url(url: &str) -> Result<String> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"));
    let host_ok = rest.is_some_and(|r| {
        let host = r.split('/').next().unwrap_or_default();
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
    });
    if !host_ok {
        return Err(Error::BadHubUrl {
            url: url.to_string(),
        });
    }
    Ok(url.to_string())
}

/// Links this laptop to a hub (not yet enrolled: the first push enrolls it).
pub fn connect(store: &mut Store, url: &str, code: &str) -> Result<Settings> {
    let hub_url = hub_url(url)?;
    let code = enrollment::normalize(code);
    if code.len() < 16 {
        return Err(Error::TokenUnknown);
    }
    store.with_tx(|tx, _| {
        tx.execute(
            "INSERT INTO sync_settings (singleton, hub_url, token) VALUES (1, ?1, ?2)
             ON CONFLICT (singleton) DO UPDATE SET hub_url = ?1, token = ?2,
                 enrolled_at = NULL, last_error = NULL",
            params![hub_url, code],
        )?;
        Ok(())
    })?;
    Ok(Settings {
        hub_url,
        code,
        enrolled_at: None,
    })
}

/// Forgets the hub. What was pushed stays pushed; nothing local changes.
pub fn disconnect(store: &mut Store) -> Result<()> {
    store.with_tx(|tx, _| {
        tx.execute("DELETE FROM sync_settings", [])?;
        tx.execute("DELETE FROM sync_pushed", [])?;
        Ok(())
    })
}

pub fn settings(store: &Store) -> Result<Option<Settings>> {
    Ok(store
        .conn()
        .query_row(
            "SELECT hub_url, token, enrolled_at FROM sync_settings WHERE singleton = 1",
            [],
            |r| {
                Ok(Settings {
                    hub_url: r.get(0)?,
                    code: r.get(1)?,
                    enrolled_at: r.get(2)?,
                })
            },
        )
        .optional()?)
}

pub fn enrolled(store: &mut Store, now: Timestamp) -> Result<()> {
    store.with_tx(|tx, _| {
        tx.execute(
            "UPDATE sync_settings SET enrolled_at = ?1 WHERE singleton = 1",
            [stamp(now)],
        )?;
        Ok(())
    })
}

/// The hash of what a push of this workshop would carry.
fn content_hash(tables: &bundle::Tables) -> Result<String> {
    let json = serde_json::to_vec(tables).map_err(|e| Error::InvalidInput {
        detail: e.to_string(),
    })?;
    Ok(hex::encode(Sha256::digest(&json)))
}

/// Workshops (not the example) whose rows changed since the hub acknowledged them.
pub fn outbox(store: &Store) -> Result<Vec<OutboxEntry>> {
    Ok(pending(store, usize::MAX)?
        .into_iter()
        .map(|(entry, _, _)| entry)
        .collect())
}

/// Up to `limit` workshops of the outbox, with their rows and hash.
fn pending(store: &Store, limit: usize) -> Result<Vec<(OutboxEntry, bundle::Tables, String)>> {
    let mut st = store.conn().prepare(
        "SELECT w.id, w.title, p.content_sha256 FROM workshops w
         LEFT JOIN sync_pushed p ON p.workshop_id = w.id
         WHERE w.is_example = 0 ORDER BY w.created_at, w.id",
    )?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, WorkshopId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (workshop_id, title, pushed) in rows {
        let tables = bundle::tables_of(store, workshop_id)?;
        let hash = content_hash(&tables)?;
        if pushed.as_deref() != Some(hash.as_str()) {
            out.push((OutboxEntry { workshop_id, title }, tables, hash));
            if out.len() == limit {
                break;
            }
        }
    }
    Ok(out)
}

/// The next workshop to push, sealed now, or `None` when the outbox is empty.
pub fn next(store: &Store, now: Timestamp) -> Result<Option<Outgoing>> {
    let Some((entry, tables, hash)) = pending(store, 1)?.into_iter().next() else {
        return Ok(None);
    };
    let bytes = bundle::seal(store, entry.workshop_id, &entry.title, &tables, now)?;
    Ok(Some(Outgoing {
        workshop_id: entry.workshop_id,
        title: entry.title,
        content_sha256: hash,
        bytes,
    }))
}

/// The hub merged `outgoing`: it leaves the outbox unless it changed meanwhile.
pub fn acknowledged(store: &mut Store, outgoing: &Outgoing, now: Timestamp) -> Result<()> {
    store.with_tx(|tx, _| {
        tx.execute(
            "INSERT INTO sync_pushed (workshop_id, content_sha256, pushed_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (workshop_id) DO UPDATE SET content_sha256 = ?2, pushed_at = ?3",
            params![outgoing.workshop_id, outgoing.content_sha256, stamp(now)],
        )?;
        tx.execute(
            "UPDATE sync_settings SET last_attempt_at = ?1, last_success_at = ?1, last_error = NULL
             WHERE singleton = 1",
            [stamp(now)],
        )?;
        Ok(())
    })
}

/// An attempt that reached no conclusion: the hub was away or refused.
pub fn failed(store: &mut Store, error: &Error, now: Timestamp) -> Result<()> {
    let error = serde_json::to_string(error).map_err(|e| Error::InvalidInput {
        detail: e.to_string(),
    })?;
    store.with_tx(|tx, _| {
        tx.execute(
            "UPDATE sync_settings SET last_attempt_at = ?1, last_error = ?2 WHERE singleton = 1",
            params![stamp(now), error],
        )?;
        Ok(())
    })
}

/// An attempt that found the outbox empty and the hub there.
pub fn up_to_date(store: &mut Store, now: Timestamp) -> Result<()> {
    store.with_tx(|tx, _| {
        tx.execute(
            "UPDATE sync_settings SET last_attempt_at = ?1, last_success_at = ?1, last_error = NULL
             WHERE singleton = 1",
            [stamp(now)],
        )?;
        Ok(())
    })
}

/// A stored failure; text that is not a recorded error is kept as its message.
fn recorded(text: &str) -> RecordedError {
    serde_json::from_str(text).unwrap_or_else(|_| RecordedError {
        code: "sync_failed".into(),
        message: text.to_string(),
        params: [("detail".to_string(), text.to_string())].into(),
    })
}

pub fn status(store: &Store) -> Result<Status> {
    let row: Option<Status> = store
        .conn()
        .query_row(
            "SELECT hub_url, enrolled_at, last_attempt_at, last_success_at, last_error
             FROM sync_settings WHERE singleton = 1",
            [],
            |r| {
                Ok(Status {
                    hub_url: r.get(0)?,
                    enrolled_at: r.get(1)?,
                    last_attempt_at: r.get(2)?,
                    last_success_at: r.get(3)?,
                    last_error: r.get::<_, Option<String>>(4)?.map(|text| recorded(&text)),
                    outbox: Vec::new(),
                })
            },
        )
        .optional()?;
    let mut status = row.unwrap_or(Status {
        hub_url: None,
        enrolled_at: None,
        last_attempt_at: None,
        last_success_at: None,
        last_error: None,
        outbox: Vec::new(),
    });
    status.outbox = outbox(store)?;
    Ok(status)
}
