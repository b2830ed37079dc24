//! SQL for candidates, criteria, pairwise comparisons and the decision.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::Result;
use crate::ids::{CandidateId, CriterionId, DeviceId, RecordId, WorkshopId};
use crate::prioritization::{DefaultCriterion, Origin, SubjectKind, WeightMethod};
use crate::time::{Timestamp, stamp};

pub struct CandidateRow {
    pub id: CandidateId,
    pub kind: SubjectKind,
    pub code: String,
    pub origin: Origin,
}

pub fn candidates_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<CandidateRow>> {
    let mut st = conn.prepare_cached(
        "SELECT id, subject_kind, code, origin FROM candidates
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY position, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok(CandidateRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            code: r.get(2)?,
            origin: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn next_position(tx: &Transaction<'_>, table: &str, workshop: WorkshopId) -> Result<i64> {
    Ok(tx.query_row(
        &format!("SELECT COALESCE(MAX(position) + 1, 0) FROM {table} WHERE workshop_id = ?1"),
        [workshop],
        |r| r.get(0),
    )?)
}

/// Adds the candidate at the end, or brings a removed one back there.
#[allow(clippy::too_many_arguments)]
pub fn put_candidate(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: CandidateId,
    kind: SubjectKind,
    code: &str,
    origin: Origin,
    now: Timestamp,
) -> Result<()> {
    let position = next_position(tx, "candidates", workshop)?;
    tx.execute(
        "INSERT INTO candidates (id, workshop_id, subject_kind, code, origin, position,
                                 created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET deleted = 0, position = excluded.position,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE deleted = 1",
        params![
            id,
            workshop,
            kind,
            code,
            origin,
            position,
            stamp(now),
            device
        ],
    )?;
    Ok(())
}

/// Soft-deletes a row of `table` (candidates, criteria).
pub fn delete(
    tx: &Transaction<'_>,
    device: DeviceId,
    table: &str,
    id: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        &format!(
            "UPDATE {table} SET deleted = 1, updated_at = ?2, device_id = ?3
             WHERE id = ?1 AND deleted = 0"
        ),
        params![id, stamp(now), device],
    )?;
    Ok(())
}

pub struct CriterionRow {
    pub id: CriterionId,
    pub key: Option<DefaultCriterion>,
    pub label: String,
    pub points: Option<u32>,
}

pub fn criteria_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<CriterionRow>> {
    let mut st = conn.prepare_cached(
        "SELECT id, key, label, points FROM criteria
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY position, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok(CriterionRow {
            id: r.get(0)?,
            key: r.get(1)?,
            label: r.get(2)?,
            points: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the workshop ever had criteria (removed ones count: defaults are not
/// brought back behind the facilitator's back).
pub fn has_criteria(conn: &Connection, workshop: WorkshopId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM criteria WHERE workshop_id = ?1 LIMIT 1")?
        .query_row([workshop], |_| Ok(()))
        .optional()?
        .is_some())
}

#[allow(clippy::too_many_arguments)]
pub fn put_criterion(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: CriterionId,
    key: Option<DefaultCriterion>,
    label: &str,
    now: Timestamp,
) -> Result<()> {
    let position = next_position(tx, "criteria", workshop)?;
    tx.execute(
        "INSERT INTO criteria (id, workshop_id, key, label, position, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET deleted = 0, position = excluded.position,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE deleted = 1",
        params![id, workshop, key, label.trim(), position, stamp(now), device],
    )?;
    Ok(())
}

pub fn set_criterion_label(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: CriterionId,
    label: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "UPDATE criteria SET label = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND label IS NOT ?2",
        params![id, label.trim(), stamp(now), device],
    )?;
    Ok(())
}

pub fn set_points(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: CriterionId,
    points: u32,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "UPDATE criteria SET points = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND points IS NOT ?2",
        params![id, points, stamp(now), device],
    )?;
    Ok(())
}

/// (first, second, how much more the first matters) of the workshop.
pub fn pairs_of(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Vec<(CriterionId, CriterionId, f64)>> {
    let mut st = conn.prepare_cached(
        "SELECT first_criterion, second_criterion, value FROM pairwise_comparisons
         WHERE workshop_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([workshop], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[allow(clippy::too_many_arguments)]
pub fn put_pair(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: RecordId,
    first: CriterionId,
    second: CriterionId,
    value: f64,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO pairwise_comparisons (id, workshop_id, first_criterion, second_criterion, value,
                                           created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET first_criterion = excluded.first_criterion,
                second_criterion = excluded.second_criterion, value = excluded.value,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE value IS NOT excluded.value OR first_criterion IS NOT excluded.first_criterion",
        params![id, workshop, first, second, value, stamp(now), device],
    )?;
    Ok(())
}

pub struct Settings {
    pub method: WeightMethod,
    pub decision: Option<CandidateId>,
    pub reasons: String,
    pub decided_at: Option<String>,
}

pub fn settings(conn: &Connection, workshop: WorkshopId) -> Result<Option<Settings>> {
    Ok(conn
        .prepare_cached(
            "SELECT weight_method, decision_candidate_id, decision_reasons, decided_at
             FROM prioritizations WHERE workshop_id = ?1 ORDER BY updated_at DESC LIMIT 1",
        )?
        .query_row([workshop], |r| {
            Ok(Settings {
                method: r.get(0)?,
                decision: r.get(1)?,
                reasons: r.get(2)?,
                decided_at: r.get(3)?,
            })
        })
        .optional()?)
}

/// The workshop's one settings row, created with equal weights on first use.
pub fn ensure_settings(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    now: Timestamp,
) -> Result<RecordId> {
    let id = RecordId::named(&[&workshop.to_string(), "prioritization"]);
    tx.execute(
        "INSERT INTO prioritizations (id, workshop_id, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?3, ?4) ON CONFLICT (id) DO NOTHING",
        params![id, workshop, stamp(now), device],
    )?;
    Ok(id)
}

pub fn set_method(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    method: WeightMethod,
    now: Timestamp,
) -> Result<()> {
    let id = ensure_settings(tx, device, workshop, now)?;
    tx.execute(
        "UPDATE prioritizations SET weight_method = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND weight_method IS NOT ?2",
        params![id, method, stamp(now), device],
    )?;
    Ok(())
}

pub fn set_decision(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    candidate: Option<CandidateId>,
    reasons: &str,
    now: Timestamp,
) -> Result<()> {
    let id = ensure_settings(tx, device, workshop, now)?;
    tx.execute(
        "UPDATE prioritizations SET decision_candidate_id = ?2, decision_reasons = ?3,
                decided_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?4 END,
                updated_at = ?4, device_id = ?5
         WHERE id = ?1",
        params![id, candidate, reasons.trim(), stamp(now), device],
    )?;
    Ok(())
}
