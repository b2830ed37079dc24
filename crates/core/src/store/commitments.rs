//! SQL for the agenda of commitments.

use rusqlite::{Connection, Transaction, params};

use super::{next_position, optional_date};
use crate::actions::commitments::{Commitment, ValidCommitment};
use crate::ids::{CommitmentId, DeviceId, WorkshopId};
use crate::time::{Timestamp, stamp};
use crate::{Error, Result};

/// The live commitments in the order they were written, with their live action's title.
pub fn commitments_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Commitment>> {
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.who, c.institution, c.what, c.due_date, a.id, a.title
         FROM commitments c LEFT JOIN actions a ON a.id = c.action_id AND a.deleted = 0
         WHERE c.workshop_id = ?1 AND c.deleted = 0 ORDER BY c.position, c.id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok(Commitment {
            id: r.get(0)?,
            who: r.get(1)?,
            institution: r.get(2)?,
            what: r.get(3)?,
            due: optional_date(r, 4)?,
            action: r.get(5)?,
            action_title: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: CommitmentId,
    v: &ValidCommitment,
    now: Timestamp,
) -> Result<()> {
    let position = next_position(tx, "commitments", workshop)?;
    tx.execute(
        "INSERT INTO commitments (id, workshop_id, who, institution, what, due_date, action_id,
                                  position, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
        params![
            id,
            workshop,
            v.who,
            v.institution,
            v.what,
            v.due.map(|d| d.to_string()),
            v.action,
            position,
            stamp(now),
            device
        ],
    )?;
    Ok(())
}

pub fn update(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: CommitmentId,
    v: &ValidCommitment,
    now: Timestamp,
) -> Result<()> {
    let changed = tx.execute(
        "UPDATE commitments SET who = ?2, institution = ?3, what = ?4, due_date = ?5,
                action_id = ?6, updated_at = ?7, device_id = ?8
         WHERE id = ?1 AND deleted = 0",
        params![
            id,
            v.who,
            v.institution,
            v.what,
            v.due.map(|d| d.to_string()),
            v.action,
            stamp(now),
            device
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found("commitment"));
    }
    Ok(())
}
