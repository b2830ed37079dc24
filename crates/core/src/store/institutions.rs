//! SQL for the institutional areas and the competences of the prioritized targets.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{next_position, soft_delete};
use crate::ids::{AreaId, DeviceId, RecordId, WorkshopId};
use crate::institutions::{Competence, DefaultArea, Level};
use crate::time::{Timestamp, stamp};
use crate::{Error, Result};

pub struct AreaRow {
    pub id: AreaId,
    pub key: Option<DefaultArea>,
    pub label: String,
    pub capacity: Option<u8>,
    pub gaps: String,
}

pub fn areas_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<AreaRow>> {
    let mut st = conn.prepare_cached(
        "SELECT id, key, label, capacity, gaps FROM institutional_areas
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY position, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok(AreaRow {
            id: r.get(0)?,
            key: r.get(1)?,
            label: r.get(2)?,
            capacity: r.get(3)?,
            gaps: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the workshop ever had areas (removed ones count).
pub fn has_areas(conn: &Connection, workshop: WorkshopId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM institutional_areas WHERE workshop_id = ?1 LIMIT 1")?
        .query_row([workshop], |_| Ok(()))
        .optional()?
        .is_some())
}

#[allow(clippy::too_many_arguments)]
pub fn put_area(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: AreaId,
    key: Option<DefaultArea>,
    label: &str,
    now: Timestamp,
) -> Result<()> {
    let position = next_position(tx, "institutional_areas", workshop)?;
    tx.execute(
        "INSERT INTO institutional_areas (id, workshop_id, key, label, position,
                                          created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET deleted = 0, position = excluded.position,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE deleted = 1",
        params![
            id,
            workshop,
            key,
            label.trim(),
            position,
            stamp(now),
            device
        ],
    )?;
    Ok(())
}

fn changed_one(changed: usize) -> Result<()> {
    if changed == 0 {
        return Err(Error::not_found("institutional area"));
    }
    Ok(())
}

pub fn set_area_label(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: AreaId,
    label: &str,
    now: Timestamp,
) -> Result<()> {
    changed_one(tx.execute(
        "UPDATE institutional_areas SET label = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND deleted = 0",
        params![id, label.trim(), stamp(now), device],
    )?)
}

pub fn rate_area(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: AreaId,
    capacity: Option<u8>,
    gaps: &str,
    now: Timestamp,
) -> Result<()> {
    changed_one(tx.execute(
        "UPDATE institutional_areas SET capacity = ?2, gaps = ?3, updated_at = ?4, device_id = ?5
         WHERE id = ?1 AND deleted = 0",
        params![id, capacity, gaps.trim(), stamp(now), device],
    )?)
}

/// Removes an area; the actions that named it name none.
pub fn delete_area(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: AreaId,
    now: Timestamp,
) -> Result<()> {
    if !soft_delete(tx, device, "institutional_areas", &id, now)? {
        return Err(Error::not_found("institutional area"));
    }
    tx.execute(
        "UPDATE actions SET area_id = NULL, updated_at = ?2, device_id = ?3 WHERE area_id = ?1",
        params![id, stamp(now), device],
    )?;
    Ok(())
}

/// (target code, competence) of the workshop's live records.
pub fn competences_of(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Vec<(String, Competence)>> {
    let mut st = conn.prepare_cached(
        "SELECT target_code, level, unit, notes FROM competences
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY target_code, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok((
            r.get(0)?,
            Competence {
                level: r.get(1)?,
                unit: r.get(2)?,
                notes: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[allow(clippy::too_many_arguments)]
pub fn put_competence(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: RecordId,
    target: &str,
    level: Level,
    unit: &str,
    notes: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO competences (id, workshop_id, target_code, level, unit, notes,
                                  created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET unit = excluded.unit, notes = excluded.notes,
                deleted = 0, updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE deleted = 1 OR unit IS NOT excluded.unit OR notes IS NOT excluded.notes",
        params![
            id,
            workshop,
            target,
            level,
            unit.trim(),
            notes.trim(),
            stamp(now),
            device
        ],
    )?;
    Ok(())
}
