//! SQL for the follow-up program: reviews, checkpoints, status updates (appended,
//! never updated) and indicator values.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};

use super::date;
use crate::Result;
use crate::actions::follow_up::{Checkpoint, Reading, Review, StatusUpdate, ValidStatus};
use crate::ids::{
    ActionId, CheckpointId, DeviceId, IndicatorValueId, ReviewId, StatusUpdateId, WorkshopId,
};
use crate::time::{Timestamp, stamp};

pub fn reviews_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Review>> {
    let mut st = conn.prepare_cached(
        "SELECT id, date, title, notes FROM follow_up_reviews
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY date, created_at, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok(Review {
            id: r.get(0)?,
            date: date(r, 1)?,
            title: r.get(2)?,
            notes: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn put_review(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: ReviewId,
    date: NaiveDate,
    title: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO follow_up_reviews (id, workshop_id, date, title, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET date = excluded.date, title = excluded.title,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE deleted = 0",
        params![id, workshop, date.to_string(), title.trim(), stamp(now), device],
    )?;
    Ok(())
}

pub fn set_review_notes(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: ReviewId,
    notes: &str,
    now: Timestamp,
) -> Result<bool> {
    let changed = tx.execute(
        "UPDATE follow_up_reviews SET notes = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND deleted = 0",
        params![id, notes.trim(), stamp(now), device],
    )?;
    Ok(changed > 0)
}

/// Live checkpoints of live actions.
pub fn checkpoints_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Checkpoint>> {
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.action_id, c.date, c.expected_value FROM indicator_checkpoints c
         JOIN actions a ON a.id = c.action_id
         WHERE c.workshop_id = ?1 AND c.deleted = 0 AND a.deleted = 0
         ORDER BY c.date, c.created_at, c.id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok(Checkpoint {
            id: r.get(0)?,
            action: r.get(1)?,
            date: date(r, 2)?,
            expected: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[allow(clippy::too_many_arguments)]
pub fn insert_checkpoint(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: CheckpointId,
    action: ActionId,
    date: NaiveDate,
    expected: f64,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO indicator_checkpoints (id, workshop_id, action_id, date, expected_value,
                                            created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
        params![
            id,
            workshop,
            action,
            date.to_string(),
            expected,
            stamp(now),
            device
        ],
    )?;
    Ok(())
}

/// Every live status update of the workshop, oldest first.
pub fn updates_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<StatusUpdate>> {
    let mut st = conn.prepare_cached(
        "SELECT id, action_id, session_date, review_id, status, percent, comment, created_at
         FROM action_status_updates WHERE workshop_id = ?1 AND deleted = 0
         ORDER BY session_date, created_at, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok(StatusUpdate {
            id: r.get(0)?,
            action: r.get(1)?,
            session_date: date(r, 2)?,
            review: r.get(3)?,
            status: r.get(4)?,
            percent: r.get(5)?,
            comment: r.get(6)?,
            recorded_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_update(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: StatusUpdateId,
    v: &ValidStatus,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO action_status_updates (id, workshop_id, action_id, session_date, review_id,
                                            status, percent, comment, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
        params![
            id,
            workshop,
            v.action,
            v.session_date.to_string(),
            v.review,
            v.status,
            v.percent,
            v.comment,
            stamp(now),
            device
        ],
    )?;
    Ok(())
}

pub fn readings_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Reading>> {
    let mut st = conn.prepare_cached(
        "SELECT id, action_id, date, value, comment FROM indicator_values
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY date, created_at, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok(Reading {
            id: r.get(0)?,
            action: r.get(1)?,
            date: date(r, 2)?,
            value: r.get(3)?,
            comment: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[allow(clippy::too_many_arguments)]
pub fn insert_reading(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: IndicatorValueId,
    action: ActionId,
    date: NaiveDate,
    value: f64,
    comment: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO indicator_values (id, workshop_id, action_id, date, value, comment,
                                       created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
        params![
            id,
            workshop,
            action,
            date.to_string(),
            value,
            comment.trim(),
            stamp(now),
            device
        ],
    )?;
    Ok(())
}
