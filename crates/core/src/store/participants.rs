//! SQL for participants.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::ids::{DeviceId, ParticipantId, WorkshopId};
use crate::participants::{Participant, ValidParticipant};
use crate::time::{Timestamp, stamp};
use crate::{Error, Result};

fn attendance_json(p: &ValidParticipant) -> String {
    let days: Vec<String> = p.attendance.iter().map(|d| d.to_string()).collect();
    serde_json::to_string(&days).unwrap_or_else(|_| "[]".into())
}

pub fn insert(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: ParticipantId,
    p: &ValidParticipant,
    now: Timestamp,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO participants (id, workshop_id, name, gender, sector, institution, territory_id,
                                   role, age_band, email, phone, consent_listed, attendance,
                                   created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15)",
    )?
    .execute(params![
        id,
        workshop,
        p.name,
        p.gender,
        p.sector,
        p.institution,
        p.territory_id,
        p.role,
        p.age_band,
        p.email,
        p.phone,
        p.consent_listed,
        attendance_json(p),
        stamp(now),
        device
    ])?;
    Ok(())
}

pub fn update(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: ParticipantId,
    p: &ValidParticipant,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "UPDATE participants SET name = ?2, gender = ?3, sector = ?4, institution = ?5,
                territory_id = ?6, role = ?7, age_band = ?8, email = ?9, phone = ?10,
                consent_listed = ?11, attendance = ?12, updated_at = ?13, device_id = ?14
         WHERE id = ?1 AND deleted = 0
           AND (name IS NOT ?2 OR gender IS NOT ?3 OR sector IS NOT ?4 OR institution IS NOT ?5
                OR territory_id IS NOT ?6 OR role IS NOT ?7 OR age_band IS NOT ?8 OR email IS NOT ?9
                OR phone IS NOT ?10 OR consent_listed IS NOT ?11 OR attendance IS NOT ?12)",
        params![
            id,
            p.name,
            p.gender,
            p.sector,
            p.institution,
            p.territory_id,
            p.role,
            p.age_band,
            p.email,
            p.phone,
            p.consent_listed,
            attendance_json(p),
            stamp(now),
            device
        ],
    )?;
    Ok(())
}

pub fn remove(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: ParticipantId,
    now: Timestamp,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE participants SET deleted = 1, updated_at = ?2, device_id = ?3
         WHERE id = ?1 AND deleted = 0",
        params![id, stamp(now), device],
    )?;
    if n == 0 {
        return Err(Error::not_found(format!("participant {id}")));
    }
    Ok(())
}

const COLUMNS: &str =
    "id, workshop_id, name, gender, sector, institution, territory_id, role, age_band,
                       email, phone, consent_listed, attendance, created_at, updated_at";

fn participant(r: &Row<'_>) -> rusqlite::Result<Participant> {
    let attendance: String = r.get(12)?;
    let days: Vec<String> = serde_json::from_str(&attendance).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(12, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Participant {
        id: r.get(0)?,
        workshop_id: r.get(1)?,
        name: r.get(2)?,
        gender: r.get(3)?,
        sector: r.get(4)?,
        institution: r.get(5)?,
        territory_id: r.get(6)?,
        role: r.get(7)?,
        age_band: r.get(8)?,
        email: r.get(9)?,
        phone: r.get(10)?,
        consent_listed: r.get(11)?,
        attendance: days
            .iter()
            .filter_map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .collect(),
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

pub fn get(conn: &Connection, id: ParticipantId) -> Result<Participant> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM participants WHERE id = ?1 AND deleted = 0"),
        [id],
        participant,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("participant {id}")))
}

/// In registration order (ids are UUIDv7, so they sort by creation time).
pub fn list(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Participant>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM participants WHERE workshop_id = ?1 AND deleted = 0 ORDER BY id"
    ))?;
    let rows = st.query_map([workshop], participant)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
