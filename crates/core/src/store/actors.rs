//! SQL for the actor map.

use rusqlite::{Connection, Transaction, params};

use super::{next_position, soft_delete};
use crate::actors::{Actor, ValidActor, engagement};
use crate::ids::{ActorId, DeviceId, WorkshopId};
use crate::time::{Timestamp, stamp};
use crate::{Error, Result};

pub fn actors_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Actor>> {
    let mut st = conn.prepare_cached(
        "SELECT id, name, type, stance, power, interest, notes FROM actors
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY position, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        let power: Option<u8> = r.get(4)?;
        let interest: Option<u8> = r.get(5)?;
        Ok(Actor {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            stance: r.get(3)?,
            power,
            interest,
            notes: r.get(6)?,
            engagement: power.zip(interest).map(|(p, i)| engagement(p, i)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn put(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: ActorId,
    v: &ValidActor,
    now: Timestamp,
) -> Result<()> {
    let position = next_position(tx, "actors", workshop)?;
    tx.execute(
        "INSERT INTO actors (id, workshop_id, name, type, stance, power, interest, notes,
                             position, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
        params![
            id,
            workshop,
            v.name,
            v.kind,
            v.stance,
            v.power,
            v.interest,
            v.notes,
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
    id: ActorId,
    v: &ValidActor,
    now: Timestamp,
) -> Result<()> {
    let changed = tx.execute(
        "UPDATE actors SET name = ?2, type = ?3, stance = ?4, power = ?5, interest = ?6,
                notes = ?7, updated_at = ?8, device_id = ?9
         WHERE id = ?1 AND deleted = 0",
        params![
            id,
            v.name,
            v.kind,
            v.stance,
            v.power,
            v.interest,
            v.notes,
            stamp(now),
            device
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found("actor"));
    }
    Ok(())
}

pub fn delete(tx: &Transaction<'_>, device: DeviceId, id: ActorId, now: Timestamp) -> Result<()> {
    if !soft_delete(tx, device, "actors", &id, now)? {
        return Err(Error::not_found("actor"));
    }
    tx.execute(
        "UPDATE action_partners SET deleted = 1, updated_at = ?2, device_id = ?3
         WHERE actor_id = ?1 AND deleted = 0",
        params![id, stamp(now), device],
    )?;
    Ok(())
}
