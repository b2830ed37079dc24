//! SQL for the action plan's record, strategic lines, actions and their partners.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{next_position, optional_date, soft_delete};
use crate::Result;
use crate::actions::{Action, Line, Partner, ValidAction};
use crate::ids::{ActionId, DeviceId, LineId, RecordId, WorkshopId};
use crate::time::{Timestamp, stamp};

pub struct PlanRow {
    pub currency: Option<String>,
    pub closed_at: Option<String>,
}

pub fn plan(conn: &Connection, workshop: WorkshopId) -> Result<Option<PlanRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT currency, closed_at FROM action_plans
             WHERE workshop_id = ?1 ORDER BY updated_at DESC LIMIT 1",
        )?
        .query_row([workshop], |r| {
            Ok(PlanRow {
                currency: r.get(0)?,
                closed_at: r.get(1)?,
            })
        })
        .optional()?)
}

/// The workshop's one plan row, created on first use.
pub fn ensure_plan(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    now: Timestamp,
) -> Result<RecordId> {
    let id = RecordId::named(&[&workshop.to_string(), "action_plan"]);
    tx.execute(
        "INSERT INTO action_plans (id, workshop_id, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?3, ?4) ON CONFLICT (id) DO NOTHING",
        params![id, workshop, stamp(now), device],
    )?;
    Ok(id)
}

pub fn set_plan_currency(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    currency: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    let id = ensure_plan(tx, device, workshop, now)?;
    tx.execute(
        "UPDATE action_plans SET currency = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND currency IS NOT ?2",
        params![id, currency, stamp(now), device],
    )?;
    Ok(())
}

pub fn set_closed(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    closed: Option<Timestamp>,
    now: Timestamp,
) -> Result<()> {
    let id = ensure_plan(tx, device, workshop, now)?;
    tx.execute(
        "UPDATE action_plans SET closed_at = ?2, updated_at = ?3, device_id = ?4 WHERE id = ?1",
        params![id, closed.map(stamp), stamp(now), device],
    )?;
    Ok(())
}

pub fn lines_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Line>> {
    let mut st = conn.prepare_cached(
        "SELECT id, title FROM strategic_lines
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY position, id",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok(Line {
            id: r.get(0)?,
            title: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_line(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: LineId,
    title: &str,
    now: Timestamp,
) -> Result<()> {
    let position = next_position(tx, "strategic_lines", workshop)?;
    tx.execute(
        "INSERT INTO strategic_lines (id, workshop_id, title, position, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![id, workshop, title.trim(), position, stamp(now), device],
    )?;
    Ok(())
}

pub fn set_line_title(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: LineId,
    title: &str,
    now: Timestamp,
) -> Result<()> {
    let changed = tx.execute(
        "UPDATE strategic_lines SET title = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND deleted = 0",
        params![id, title.trim(), stamp(now), device],
    )?;
    if changed == 0 {
        return Err(crate::Error::not_found("strategic line"));
    }
    Ok(())
}

pub fn action_ids_of_line(conn: &Connection, line: LineId) -> Result<Vec<ActionId>> {
    let mut st =
        conn.prepare_cached("SELECT id FROM actions WHERE line_id = ?1 AND deleted = 0")?;
    let rows = st.query_map([line], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn workshop_of_action(conn: &Connection, id: ActionId) -> Result<Option<WorkshopId>> {
    Ok(conn
        .prepare_cached("SELECT workshop_id FROM actions WHERE id = ?1 AND deleted = 0")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

const ACTION_COLUMNS: &str = "a.id, a.line_id, a.title, a.goal, a.mdg_target, a.indicator_name,
    a.indicator_unit, a.indicator_code, a.baseline_value, a.baseline_date, a.target_value,
    a.target_date, a.responsible_unit, a.start_date, a.end_date, a.amount, a.currency,
    a.funding_source, a.area_id, a.risks, a.impact, a.feasibility, a.updated_at";

fn action_row(r: &Row<'_>) -> rusqlite::Result<Action> {
    Ok(Action {
        id: r.get(0)?,
        line: r.get(1)?,
        title: r.get(2)?,
        goal: r.get(3)?,
        mdg_target: r.get(4)?,
        indicator_name: r.get(5)?,
        indicator_unit: r.get(6)?,
        indicator_code: r.get(7)?,
        baseline_value: r.get(8)?,
        baseline_date: optional_date(r, 9)?,
        target_value: r.get(10)?,
        target_date: optional_date(r, 11)?,
        responsible_unit: r.get(12)?,
        partners: Vec::new(),
        start_date: optional_date(r, 13)?,
        end_date: optional_date(r, 14)?,
        amount: r.get(15)?,
        currency: r.get(16)?,
        funding_source: r.get(17)?,
        area: r.get(18)?,
        risks: r.get(19)?,
        impact: r.get(20)?,
        feasibility: r.get(21)?,
        updated_at: r.get(22)?,
    })
}

fn partners_of(conn: &Connection, action: ActionId) -> Result<Vec<Partner>> {
    let mut st = conn.prepare_cached(
        "SELECT p.actor_id, p.role FROM action_partners p JOIN actors t ON t.id = p.actor_id
         WHERE p.action_id = ?1 AND p.deleted = 0 AND t.deleted = 0 ORDER BY t.position, t.id",
    )?;
    let rows = st.query_map([action], |r| {
        Ok(Partner {
            actor: r.get(0)?,
            role: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The workshop's live actions of live lines, by line and then position.
pub fn actions_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Action>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {ACTION_COLUMNS} FROM actions a JOIN strategic_lines l ON l.id = a.line_id
         WHERE a.workshop_id = ?1 AND a.deleted = 0 AND l.deleted = 0
         ORDER BY l.position, l.id, a.position, a.id"
    ))?;
    let mut list = st
        .query_map([workshop], action_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for a in &mut list {
        a.partners = partners_of(conn, a.id)?;
    }
    Ok(list)
}

pub fn action(conn: &Connection, id: ActionId) -> Result<Option<Action>> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {ACTION_COLUMNS} FROM actions a WHERE a.id = ?1 AND a.deleted = 0"
        ))?
        .query_row([id], action_row)
        .optional()?;
    match found {
        Some(mut a) => {
            a.partners = partners_of(conn, a.id)?;
            Ok(Some(a))
        }
        None => Ok(None),
    }
}

/// Inserts the action at the end of its line, or replaces its fields (moving it to
/// the end of another line when its line changed); then makes its partners these.
pub fn put_action(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: ActionId,
    v: &ValidAction,
    now: Timestamp,
) -> Result<()> {
    let current: Option<(LineId, i64)> = tx
        .query_row(
            "SELECT line_id, position FROM actions WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let position = match current {
        Some((line, position)) if line == v.line => position,
        _ => tx.query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM actions WHERE line_id = ?1",
            [v.line],
            |r| r.get(0),
        )?,
    };
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    tx.execute(
        "INSERT INTO actions (id, workshop_id, line_id, position, title, goal, mdg_target,
                indicator_name, indicator_unit, indicator_code, baseline_value, baseline_date,
                target_value, target_date, responsible_unit, start_date, end_date, amount,
                currency, funding_source, area_id, risks, impact, feasibility,
                created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?25, ?26)
         ON CONFLICT (id) DO UPDATE SET line_id = excluded.line_id,
                position = excluded.position, title = excluded.title, goal = excluded.goal,
                mdg_target = excluded.mdg_target, indicator_name = excluded.indicator_name,
                indicator_unit = excluded.indicator_unit, indicator_code = excluded.indicator_code,
                baseline_value = excluded.baseline_value, baseline_date = excluded.baseline_date,
                target_value = excluded.target_value, target_date = excluded.target_date,
                responsible_unit = excluded.responsible_unit, start_date = excluded.start_date,
                end_date = excluded.end_date, amount = excluded.amount,
                currency = excluded.currency, funding_source = excluded.funding_source,
                area_id = excluded.area_id, risks = excluded.risks, impact = excluded.impact,
                feasibility = excluded.feasibility, updated_at = excluded.updated_at,
                device_id = excluded.device_id
         WHERE deleted = 0",
        params![
            id,
            workshop,
            v.line,
            position,
            v.title,
            v.goal,
            v.mdg_target,
            v.indicator_name,
            v.indicator_unit,
            v.indicator_code,
            v.baseline_value,
            date(v.baseline_date),
            v.target_value,
            date(v.target_date),
            v.responsible_unit,
            date(v.start_date),
            date(v.end_date),
            v.amount,
            v.currency,
            v.funding_source,
            v.area,
            v.risks,
            v.impact,
            v.feasibility,
            stamp(now),
            device,
        ],
    )?;
    set_partners(tx, device, workshop, id, &v.partners, now)
}

fn partner_id(action: ActionId, actor: crate::ids::ActorId) -> RecordId {
    RecordId::named(&[&action.to_string(), "partner", &actor.to_string()])
}

fn set_partners(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    action: ActionId,
    partners: &[Partner],
    now: Timestamp,
) -> Result<()> {
    let existing: Vec<(RecordId, crate::ids::ActorId)> = {
        let mut st = tx.prepare_cached(
            "SELECT id, actor_id FROM action_partners WHERE action_id = ?1 AND deleted = 0",
        )?;
        st.query_map([action], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (id, actor) in existing {
        if !partners.iter().any(|p| p.actor == actor) {
            soft_delete(tx, device, "action_partners", &id, now)?;
        }
    }
    for p in partners {
        tx.prepare_cached(
            "INSERT INTO action_partners (id, workshop_id, action_id, actor_id, role,
                                          created_at, updated_at, device_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET role = excluded.role, deleted = 0,
                    updated_at = excluded.updated_at, device_id = excluded.device_id
             WHERE deleted = 1 OR role IS NOT excluded.role",
        )?
        .execute(params![
            partner_id(action, p.actor),
            workshop,
            action,
            p.actor,
            p.role,
            stamp(now),
            device
        ])?;
    }
    Ok(())
}

/// Removes an action, its partners and checkpoints, and unlinks its commitments.
pub fn delete_action(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: ActionId,
    now: Timestamp,
) -> Result<()> {
    if !soft_delete(tx, device, "actions", &id, now)? {
        return Err(crate::Error::not_found("action"));
    }
    for table in ["action_partners", "indicator_checkpoints"] {
        tx.execute(
            &format!(
                "UPDATE {table} SET deleted = 1, updated_at = ?2, device_id = ?3
                 WHERE action_id = ?1 AND deleted = 0"
            ),
            params![id, stamp(now), device],
        )?;
    }
    tx.execute(
        "UPDATE commitments SET action_id = NULL, updated_at = ?2, device_id = ?3
         WHERE action_id = ?1",
        params![id, stamp(now), device],
    )?;
    Ok(())
}

pub fn set_placement(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: ActionId,
    impact: u8,
    feasibility: u8,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "UPDATE actions SET impact = ?2, feasibility = ?3, updated_at = ?4, device_id = ?5
         WHERE id = ?1 AND deleted = 0 AND (impact IS NOT ?2 OR feasibility IS NOT ?3)",
        params![id, impact, feasibility, stamp(now), device],
    )?;
    Ok(())
}
