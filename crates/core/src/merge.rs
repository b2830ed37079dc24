//! Merging bundles into a database: a facilitator's import and a coordinator's
//! collection of many workshops go through the same rules.
//!
//! - All or nothing: one transaction per bundle.
//! - Row by row, the later `updated_at` wins and the device id breaks ties, so
//!   merging the same bundle again, or bundles in any order, gives the same rows.
//! - A conflict is the same row changed on two devices, neither having seen the
//!   other's change. The exporter's `seen` says up to when it had merged each other
//!   device's rows of the workshop; a stored row another device wrote after that
//!   was not seen. The later edit still wins; both versions are listed.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::bundle::{self, Bundle, TABLES, columns, damaged, json_to_sql, sql_to_json};
use crate::ids::{DeviceId, WorkshopId};
use crate::store::Store;
use crate::time::{Timestamp, stamp};
use crate::trust;
use crate::{Error, Result};

/// Which signatures a merge accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Any intact, correctly signed bundle: a facilitator moving a workshop
    /// between their own laptops.
    AnyKey,
    /// Only bundles of this installation or of a device in `trusted_devices`,
    /// signed with the key trusted for it: a coordinator or a hub.
    TrustedKeys,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The workshop was not in the database.
    New,
    /// Some of its rows were new or newer.
    Updated,
    /// Nothing in the bundle was newer than what the database holds.
    Unchanged,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merged {
    pub workshop_id: WorkshopId,
    pub title: String,
    pub device_id: DeviceId,
    pub outcome: Outcome,
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Conflicts found by this merge (already listed ones are not counted again).
    pub conflicts: u32,
}

/// Verifies and merges one bundle.
pub fn merge(
    store: &mut Store,
    bytes: &[u8],
    admission: Admission,
    now: Timestamp,
) -> Result<Merged> {
    let bundle = bundle::read(bytes)?;
    if admission == Admission::TrustedKeys {
        trust::admit(store, &bundle.manifest)?;
    }
    let plans = plan(store, &bundle)?;
    let file_sha = hex::encode(Sha256::digest(bytes));
    let manifest = &bundle.manifest;
    let mut merged = Merged {
        workshop_id: manifest.workshop_id,
        title: manifest.workshop_title.clone(),
        device_id: manifest.device_id,
        outcome: Outcome::Unchanged,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        conflicts: 0,
    };
    let stamp_now = stamp(now);
    store.with_tx(|tx, own_device| {
        let existed: bool = tx
            .query_row(
                "SELECT 1 FROM workshops WHERE id = ?1",
                [manifest.workshop_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        for (table, cols) in &plans {
            merge_table(tx, &bundle, table, cols, &stamp_now, &mut merged)?;
        }
        learn(tx, &bundle, own_device)?;
        tx.execute(
            "INSERT OR IGNORE INTO received_bundles
                 (sha256, workshop_id, device_id, created_at, bytes, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                file_sha,
                manifest.workshop_id,
                manifest.device_id,
                manifest.created_at,
                bytes.len() as i64,
                stamp_now
            ],
        )?;
        merged.outcome = if !existed {
            Outcome::New
        } else if merged.inserted + merged.updated > 0 {
            Outcome::Updated
        } else {
            Outcome::Unchanged
        };
        Ok(())
    })?;
    Ok(merged)
}

/// The columns each table's rows carry, after checking that the content holds
/// the manifest's workshop and only rows of it.
fn plan(store: &Store, bundle: &Bundle) -> Result<Vec<(&'static str, Vec<String>)>> {
    let id = Value::String(bundle.manifest.workshop_id.to_string());
    if let Some(table) = bundle.tables.keys().find(|t| !TABLES.contains(&t.as_str())) {
        return Err(damaged(format!("unknown table {table}")));
    }
    let workshops = rows_of(bundle, "workshops");
    if workshops.len() != 1 || workshops[0].get("id") != Some(&id) {
        return Err(damaged("the content does not hold the manifest's workshop"));
    }
    let mut plans = Vec::with_capacity(TABLES.len());
    for &table in TABLES {
        let rows = rows_of(bundle, table);
        let carried = carried_columns(&columns(store, table)?, rows);
        if let Some(missing) = ["id", "updated_at", "device_id"]
            .iter()
            .find(|c| !carried.iter().any(|k| k == *c))
        {
            return Err(damaged(format!("{table}: the rows have no {missing}")));
        }
        for row in rows {
            if row.len() != carried.len() || carried.iter().any(|c| !row.contains_key(c)) {
                return Err(damaged(format!(
                    "{table}: the columns do not match this version"
                )));
            }
            if table != "workshops" && row.get("workshop_id") != Some(&id) {
                return Err(damaged(format!(
                    "{table}: a row belongs to another workshop"
                )));
            }
        }
        plans.push((table, carried));
    }
    Ok(plans)
}

fn rows_of<'a>(bundle: &'a Bundle, table: &str) -> &'a [Map<String, Value>] {
    bundle
        .tables
        .get(table)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The columns of this version that a table's rows carry. A bundle from an older
/// version lacks the columns added since; they keep their defaults on insert and
/// their current values on update. Every row must carry the same ones.
fn carried_columns(cols: &[String], rows: &[Map<String, Value>]) -> Vec<String> {
    match rows.first() {
        Some(first) => cols
            .iter()
            .filter(|c| first.contains_key(c.as_str()))
            .cloned()
            .collect(),
        None => cols.to_vec(),
    }
}

/// Whether two versions of a row say different things (who wrote them and when aside).
fn differ(a: &Map<String, Value>, b: &Map<String, Value>, cols: &[String]) -> bool {
    cols.iter()
        .filter(|c| !matches!(c.as_str(), "updated_at" | "device_id" | "created_at"))
        .any(|c| a.get(c) != b.get(c))
}

fn merge_table(
    tx: &Transaction<'_>,
    bundle: &Bundle,
    table: &str,
    cols: &[String],
    now: &str,
    merged: &mut Merged,
) -> Result<()> {
    let list = cols.join(", ");
    let marks = (1..=cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sets = cols
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let upsert = format!(
        "INSERT INTO {table} ({list}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {sets}"
    );
    let owner = if table == "workshops" {
        "id"
    } else {
        "workshop_id"
    };
    let existing = format!("SELECT updated_at, device_id, {owner} FROM {table} WHERE id = ?1");
    let whole = format!("SELECT {list} FROM {table} WHERE id = ?1");
    let manifest = &bundle.manifest;
    let exporter = manifest.device_id.to_string();
    for row in rows_of(bundle, table) {
        let values = cols
            .iter()
            .map(|c| json_to_sql(c, &row[c]))
            .collect::<Result<Vec<_>>>()?;
        let field = |name: &str| row.get(name).and_then(Value::as_str).unwrap_or_default();
        let ours: Option<(String, String, String)> = tx
            .prepare_cached(&existing)?
            .query_row([field("id")], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let incoming = (field("updated_at"), field("device_id"));
        let Some((at, dev, holder)) = ours else {
            merged.inserted += 1;
            tx.prepare_cached(&upsert)?
                .execute(rusqlite::params_from_iter(values.iter()))
                .map_err(|e| damaged(format!("{table}: {e}")))?;
            continue;
        };
        if holder != field(owner) {
            return Err(damaged(format!(
                "{table}: a row id belongs to another workshop"
            )));
        }
        let incoming_wins = incoming > (at.as_str(), dev.as_str());
        // Changed here by the exporter, and there by a device whose change the
        // exporter had not merged when it exported.
        let unseen = manifest
            .seen
            .iter()
            .find(|(d, _)| d.to_string() == dev)
            .is_none_or(|(_, until)| until.as_str() < at.as_str());
        if incoming.1 == exporter && dev != exporter && unseen {
            let stored = tx.prepare_cached(&whole)?.query_row([field("id")], |r| {
                let mut m = Map::new();
                for (i, c) in cols.iter().enumerate() {
                    m.insert(
                        c.clone(),
                        sql_to_json(r.get_ref(i)?)
                            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
                    );
                }
                Ok(m)
            })?;
            if differ(&stored, row, cols) {
                let (kept, lost) = if incoming_wins {
                    (row, &stored)
                } else {
                    (&stored, row)
                };
                merged.conflicts +=
                    record_conflict(tx, manifest.workshop_id, table, kept, lost, now)?;
            }
        }
        if !incoming_wins {
            merged.unchanged += 1;
            continue;
        }
        merged.updated += 1;
        tx.prepare_cached(&upsert)?
            .execute(rusqlite::params_from_iter(values.iter()))
            .map_err(|e| damaged(format!("{table}: {e}")))?;
    }
    Ok(())
}

/// Lists a conflict once however often the bundles meet; returns 1 when new.
fn record_conflict(
    tx: &Transaction<'_>,
    workshop: WorkshopId,
    table: &str,
    kept: &Map<String, Value>,
    lost: &Map<String, Value>,
    now: &str,
) -> Result<u32> {
    let s = |m: &Map<String, Value>, k: &str| {
        m.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let json = |m: &Map<String, Value>| Value::Object(m.clone()).to_string();
    let added = tx.execute(
        "INSERT OR IGNORE INTO conflicts
             (id, workshop_id, table_name, row_id, kept_device, kept_updated_at, kept_row,
              lost_device, lost_updated_at, lost_row, detected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            crate::ids::ConflictId::named(&[
                table,
                &s(kept, "id"),
                &s(kept, "device_id"),
                &s(kept, "updated_at"),
                &s(lost, "device_id"),
                &s(lost, "updated_at"),
            ]),
            workshop,
            table,
            s(kept, "id"),
            s(kept, "device_id"),
            s(kept, "updated_at"),
            json(kept),
            s(lost, "device_id"),
            s(lost, "updated_at"),
            json(lost),
            now
        ],
    )?;
    Ok(added as u32)
}

/// Remembers what the bundle's exporter had seen, and the bundle itself.
fn learn(tx: &Transaction<'_>, bundle: &Bundle, own: DeviceId) -> Result<()> {
    let m = &bundle.manifest;
    let mut st = tx.prepare_cached(
        "INSERT INTO device_knowledge (workshop_id, device_id, seen_until) VALUES (?1, ?2, ?3)
         ON CONFLICT (workshop_id, device_id)
         DO UPDATE SET seen_until = max(seen_until, excluded.seen_until)",
    )?;
    for (device, until) in m
        .seen
        .iter()
        .chain(std::iter::once((&m.device_id, &m.created_at)))
    {
        if *device != own {
            st.execute(params![m.workshop_id, device, until])?;
        }
    }
    Ok(())
}

/// What this installation has merged of other devices' rows of a workshop:
/// the `seen` its bundles carry.
pub fn knowledge(store: &Store, workshop: WorkshopId) -> Result<BTreeMap<DeviceId, String>> {
    let mut st = store.conn().prepare_cached(
        "SELECT device_id, seen_until FROM device_knowledge WHERE workshop_id = ?1",
    )?;
    let rows = st.query_map([workshop], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A row changed on two devices, as listed for a person to look at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: crate::ids::ConflictId,
    pub workshop_id: WorkshopId,
    pub workshop: String,
    pub table: String,
    pub row_id: String,
    pub kept_device: String,
    pub kept_updated_at: String,
    pub kept: Map<String, Value>,
    pub lost_device: String,
    pub lost_updated_at: String,
    pub lost: Map<String, Value>,
    pub detected_at: String,
    pub resolved_at: Option<String>,
}

/// The conflicts found so far, unresolved first, newest first.
pub fn conflicts(store: &Store) -> Result<Vec<Conflict>> {
    let mut st = store.conn().prepare(
        "SELECT c.id, c.workshop_id, COALESCE(w.title, ''), c.table_name, c.row_id,
                c.kept_device, c.kept_updated_at, c.kept_row, c.lost_device,
                c.lost_updated_at, c.lost_row, c.detected_at, c.resolved_at
         FROM conflicts c LEFT JOIN workshops w ON w.id = c.workshop_id
         ORDER BY c.resolved_at IS NOT NULL, c.detected_at DESC, c.id",
    )?;
    let object = |s: String| -> Map<String, Value> {
        match serde_json::from_str(&s) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        }
    };
    let rows = st.query_map([], |r| {
        Ok(Conflict {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            workshop: r.get(2)?,
            table: r.get(3)?,
            row_id: r.get(4)?,
            kept_device: r.get(5)?,
            kept_updated_at: r.get(6)?,
            kept: object(r.get(7)?),
            lost_device: r.get(8)?,
            lost_updated_at: r.get(9)?,
            lost: object(r.get(10)?),
            detected_at: r.get(11)?,
            resolved_at: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks a conflict looked at. The rows stay as merged.
pub fn resolve_conflict(
    store: &mut Store,
    id: crate::ids::ConflictId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, _| {
        let changed = tx.execute(
            "UPDATE conflicts SET resolved_at = ?2 WHERE id = ?1 AND resolved_at IS NULL",
            params![id, stamp(now)],
        )?;
        if changed == 0 {
            return Err(Error::not_found("conflict"));
        }
        Ok(())
    })
}

/// What happened to one file of a batch.
#[derive(Debug, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum FileResult {
    Merged(Merged),
    Rejected {
        /// The refusal, as the UI shows any error.
        error: Error,
        /// Who signed it, when the file could be read: offered to trust.
        signer: Option<trust::Signer>,
    },
}

/// Merges one file of a coordinator's batch; a refusal is a result, not a stop.
pub fn merge_file(
    store: &mut Store,
    path: &std::path::Path,
    admission: Admission,
    now: Timestamp,
) -> FileResult {
    let bytes = match bundle::read_file(path) {
        Ok(b) => b,
        Err(error) => {
            return FileResult::Rejected {
                error,
                signer: None,
            };
        }
    };
    match merge(store, &bytes, admission, now) {
        Ok(m) => FileResult::Merged(m),
        Err(error) => FileResult::Rejected {
            signer: trust::signer(&bytes).ok(),
            error,
        },
    }
}
