//! SQL for the dialogue notes per goal.

use rusqlite::{Connection, Transaction, params};

use crate::Result;
use crate::ids::{DeviceId, RecordId, WorkshopId};
use crate::time::{Timestamp, stamp};

pub fn set_notes(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: RecordId,
    goal: &str,
    notes: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO goal_notes (id, workshop_id, goal, notes, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET notes = excluded.notes,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE notes IS NOT excluded.notes",
        params![id, workshop, goal, notes, stamp(now), device],
    )?;
    Ok(())
}

/// (goal, notes) of the workshop.
pub fn notes_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT goal, notes FROM goal_notes WHERE workshop_id = ?1 ORDER BY goal",
    )?;
    let rows = st.query_map([workshop], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
