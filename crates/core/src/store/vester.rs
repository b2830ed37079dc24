//! SQL for the causes of the Vester matrix and their influences.

use rusqlite::{Connection, Transaction, params};

use crate::ids::{CauseId, DeviceId, RecordId, WorkshopId};
use crate::time::{Timestamp, stamp};
use crate::vester::TreePlace;
use crate::{Error, Result};

pub struct CauseRow {
    pub id: CauseId,
    pub label: String,
    pub sources: Vec<String>,
    pub tree_place: Option<TreePlace>,
}

pub fn causes_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<CauseRow>> {
    let mut st = conn.prepare_cached(
        "SELECT id, label, sources, tree_place FROM vester_causes
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY position, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        let sources: String = r.get(2)?;
        Ok(CauseRow {
            id: r.get(0)?,
            label: r.get(1)?,
            sources: serde_json::from_str(&sources).unwrap_or_default(),
            tree_place: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn put_cause(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: CauseId,
    label: &str,
    sources: &[String],
    now: Timestamp,
) -> Result<()> {
    let position: i64 = tx.query_row(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM vester_causes WHERE workshop_id = ?1",
        [workshop],
        |r| r.get(0),
    )?;
    let sources = serde_json::to_string(sources).map_err(|e| Error::InvalidInput {
        detail: e.to_string(),
    })?;
    tx.execute(
        "INSERT INTO vester_causes (id, workshop_id, label, position, sources,
                                    created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
        params![
            id,
            workshop,
            label.trim(),
            position,
            sources,
            stamp(now),
            device
        ],
    )?;
    Ok(())
}

fn update(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: CauseId,
    set: &str,
    value: &dyn rusqlite::ToSql,
    now: Timestamp,
) -> Result<()> {
    let changed = tx.execute(
        &format!(
            "UPDATE vester_causes SET {set} = ?2, updated_at = ?3, device_id = ?4
             WHERE id = ?1 AND deleted = 0"
        ),
        params![id, value, stamp(now), device],
    )?;
    if changed == 0 {
        return Err(Error::not_found("cause"));
    }
    Ok(())
}

pub fn set_label(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: CauseId,
    label: &str,
    now: Timestamp,
) -> Result<()> {
    update(tx, device, id, "label", &label.trim(), now)
}

pub fn set_place(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: CauseId,
    place: Option<TreePlace>,
    now: Timestamp,
) -> Result<()> {
    update(tx, device, id, "tree_place", &place, now)
}

pub fn delete_cause(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: CauseId,
    now: Timestamp,
) -> Result<()> {
    update(tx, device, id, "deleted", &1, now)
}

/// (from, to, value) of the workshop's filled cells.
pub fn influences_of(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Vec<(CauseId, CauseId, u8)>> {
    let mut st = conn.prepare_cached(
        "SELECT from_cause, to_cause, value FROM vester_influences WHERE workshop_id = ?1",
    )?;
    let rows = st.query_map([workshop], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[allow(clippy::too_many_arguments)]
pub fn put_influence(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: RecordId,
    from: CauseId,
    to: CauseId,
    value: u8,
    now: Timestamp,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO vester_influences (id, workshop_id, from_cause, to_cause, value,
                                        created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET value = excluded.value,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE value IS NOT excluded.value",
    )?
    .execute(params![id, workshop, from, to, value, stamp(now), device])?;
    Ok(())
}
