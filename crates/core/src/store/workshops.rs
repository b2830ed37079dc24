//! SQL for workshops, territories and agenda items.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::ids::{DeviceId, WorkshopId};
use crate::time::{Timestamp, stamp};
use crate::workshop::{AgendaItem, Territory, ValidWorkshop, Workshop, WorkshopSummary};
use crate::{Error, Result};

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::InvalidInput {
        detail: e.to_string(),
    })
}

pub fn insert(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: WorkshopId,
    w: &ValidWorkshop,
    is_example: bool,
    now: Timestamp,
) -> Result<()> {
    let now = stamp(now);
    tx.execute(
        "INSERT INTO workshops (id, title, start_date, end_date, language, facilitators, is_example,
                                archived, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?8, ?9)",
        params![
            id,
            w.title,
            w.start_date.to_string(),
            w.end_date.to_string(),
            w.language,
            json(&w.facilitators)?,
            is_example,
            now,
            device
        ],
    )?;
    write_children(tx, device, id, w, &now)
}

pub fn update(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: WorkshopId,
    w: &ValidWorkshop,
    now: Timestamp,
) -> Result<()> {
    let now = stamp(now);
    exists(tx, id)?;
    // Only a real change moves updated_at: autosave sends the whole record often,
    // and an unchanged row must not win a later merge against a real edit.
    tx.execute(
        "UPDATE workshops SET title = ?2, start_date = ?3, end_date = ?4, language = ?5,
                facilitators = ?6, updated_at = ?7, device_id = ?8
         WHERE id = ?1 AND (title IS NOT ?2 OR start_date IS NOT ?3 OR end_date IS NOT ?4
                            OR language IS NOT ?5 OR facilitators IS NOT ?6)",
        params![
            id,
            w.title,
            w.start_date.to_string(),
            w.end_date.to_string(),
            w.language,
            json(&w.facilitators)?,
            now,
            device
        ],
    )?;
    write_children(tx, device, id, w, &now)
}

fn exists(conn: &Connection, id: WorkshopId) -> Result<()> {
    conn.query_row("SELECT 1 FROM workshops WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::not_found(format!("workshop {id}")))
}

/// The row's owner, if the id is taken: an id from another workshop is refused.
fn owner(
    tx: &Transaction<'_>,
    table: &str,
    id: &dyn rusqlite::ToSql,
) -> Result<Option<WorkshopId>> {
    Ok(tx
        .query_row(
            &format!("SELECT workshop_id FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

fn write_children(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    w: &ValidWorkshop,
    now: &str,
) -> Result<()> {
    for (position, t) in (0i64..).zip(&w.territories) {
        match owner(tx, "territories", &t.id)? {
            None => {
                tx.execute(
                    "INSERT INTO territories (id, workshop_id, position, name, level, country,
                                              created_at, updated_at, device_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                    params![
                        t.id, workshop, position, t.name, t.level, t.country, now, device
                    ],
                )?;
            }
            Some(o) if o == workshop => {
                tx.execute(
                    "UPDATE territories SET position = ?2, name = ?3, level = ?4, country = ?5,
                            deleted = 0, updated_at = ?6, device_id = ?7
                     WHERE id = ?1 AND (position IS NOT ?2 OR name IS NOT ?3 OR level IS NOT ?4
                                        OR country IS NOT ?5 OR deleted = 1)",
                    params![t.id, position, t.name, t.level, t.country, now, device],
                )?;
            }
            Some(_) => return Err(Error::not_found(format!("territory {}", t.id))),
        }
    }
    let mut stale = tx.prepare(
        "SELECT id, name, (SELECT count(*) FROM participants p
                           WHERE p.territory_id = t.id AND p.deleted = 0)
         FROM territories t WHERE workshop_id = ?1 AND deleted = 0",
    )?;
    let current = stale
        .query_map([workshop], |r| {
            Ok((
                r.get::<_, crate::ids::TerritoryId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, name, people) in current {
        if w.territories.iter().any(|t| t.id == id) {
            continue;
        }
        if people > 0 {
            return Err(Error::TerritoryInUse { name });
        }
        tx.execute(
            "UPDATE territories SET deleted = 1, updated_at = ?2, device_id = ?3 WHERE id = ?1",
            params![id, now, device],
        )?;
    }

    for (position, a) in (0i64..).zip(&w.agenda) {
        match owner(tx, "agenda_items", &a.id)? {
            None => {
                tx.execute(
                    "INSERT INTO agenda_items (id, workshop_id, position, title, stage, minutes,
                                               created_at, updated_at, device_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                    params![
                        a.id, workshop, position, a.title, a.stage, a.minutes, now, device
                    ],
                )?;
            }
            Some(o) if o == workshop => {
                tx.execute(
                    "UPDATE agenda_items SET position = ?2, title = ?3, stage = ?4, minutes = ?5,
                            deleted = 0, updated_at = ?6, device_id = ?7
                     WHERE id = ?1 AND (position IS NOT ?2 OR title IS NOT ?3 OR stage IS NOT ?4
                                        OR minutes IS NOT ?5 OR deleted = 1)",
                    params![a.id, position, a.title, a.stage, a.minutes, now, device],
                )?;
            }
            Some(_) => return Err(Error::not_found(format!("agenda item {}", a.id))),
        }
    }
    let keep: Vec<String> = w.agenda.iter().map(|a| a.id.to_string()).collect();
    tx.execute(
        "UPDATE agenda_items SET deleted = 1, updated_at = ?2, device_id = ?3
         WHERE workshop_id = ?1 AND deleted = 0
           AND id NOT IN (SELECT value FROM json_each(?4))",
        params![workshop, now, device, json(&keep)?],
    )?;
    Ok(())
}

pub fn set_archived(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: WorkshopId,
    archived: bool,
    now: Timestamp,
) -> Result<()> {
    exists(tx, id)?;
    tx.execute(
        "UPDATE workshops SET archived = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND archived IS NOT ?2",
        params![id, archived, stamp(now), device],
    )?;
    Ok(())
}

fn territories(conn: &Connection, id: WorkshopId) -> Result<Vec<Territory>> {
    let mut st = conn.prepare_cached(
        "SELECT id, name, level, country FROM territories
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY position",
    )?;
    let rows = st.query_map([id], |r| {
        Ok(Territory {
            id: r.get(0)?,
            name: r.get(1)?,
            level: r.get(2)?,
            country: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn agenda(conn: &Connection, id: WorkshopId) -> Result<Vec<AgendaItem>> {
    let mut st = conn.prepare_cached(
        "SELECT id, title, stage, minutes FROM agenda_items
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY position",
    )?;
    let rows = st.query_map([id], |r| {
        Ok(AgendaItem {
            id: r.get(0)?,
            title: r.get(1)?,
            stage: r.get(2)?,
            minutes: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn date(r: &Row<'_>, i: usize) -> rusqlite::Result<chrono::NaiveDate> {
    let s: String = r.get(i)?;
    chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn string_list(r: &Row<'_>, i: usize) -> rusqlite::Result<Vec<String>> {
    let s: String = r.get(i)?;
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub fn get(conn: &Connection, id: WorkshopId) -> Result<Workshop> {
    let head = conn
        .query_row(
            "SELECT title, start_date, end_date, language, facilitators, is_example, archived,
                    created_at, updated_at
             FROM workshops WHERE id = ?1",
            [id],
            |r| {
                Ok(Workshop {
                    id,
                    title: r.get(0)?,
                    start_date: date(r, 1)?,
                    end_date: date(r, 2)?,
                    language: r.get(3)?,
                    facilitators: string_list(r, 4)?,
                    territories: Vec::new(),
                    agenda: Vec::new(),
                    is_example: r.get(5)?,
                    archived: r.get(6)?,
                    created_at: r.get(7)?,
                    updated_at: r.get(8)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found(format!("workshop {id}")))?;
    Ok(Workshop {
        territories: territories(conn, id)?,
        agenda: agenda(conn, id)?,
        ..head
    })
}

pub fn list(conn: &Connection, include_archived: bool) -> Result<Vec<WorkshopSummary>> {
    let mut st = conn.prepare(
        "SELECT id, title, start_date, end_date, language, is_example, archived, updated_at,
                (SELECT count(*) FROM participants p WHERE p.workshop_id = w.id AND p.deleted = 0)
         FROM workshops w
         WHERE archived = 0 OR ?1
         ORDER BY is_example, start_date DESC, title",
    )?;
    let heads = st
        .query_map([include_archived], |r| {
            Ok(WorkshopSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                start_date: date(r, 2)?,
                end_date: date(r, 3)?,
                language: r.get(4)?,
                territories: Vec::new(),
                is_example: r.get(5)?,
                archived: r.get(6)?,
                updated_at: r.get(7)?,
                participant_count: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    heads
        .into_iter()
        .map(|w| {
            Ok(WorkshopSummary {
                territories: territories(conn, w.id)?,
                ..w
            })
        })
        .collect()
}
