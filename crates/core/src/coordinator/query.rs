//! The SQL behind the coordinator's figures: the workshops a filter keeps (read
//! once, with their territories and decisions), then one grouped query per
//! figure over all of them, the selected ids passed as one JSON array.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Filter, country_matches, words};
use crate::Result;
use crate::actions::follow_up::Status;
use crate::ids::{DeviceId, WorkshopId};
use crate::participants::{Gender, Sector};
use crate::spreadsheet::fold;
use crate::store::{date, optional_date};
use crate::workshop::{Territory, TerritoryLevel};

/// A workshop the filter kept, with what every figure needs of it.
pub(super) struct Selected {
    pub id: WorkshopId,
    pub title: String,
    pub start_date: NaiveDate,
    pub facilitators: Vec<String>,
    pub territories: Vec<Territory>,
    pub prioritized: Option<String>,
    pub device_id: DeviceId,
    pub updated_at: String,
}

impl Selected {
    pub fn goal(&self) -> Option<u8> {
        self.prioritized.as_deref().and_then(goal_of)
    }

    /// ISO codes, once each, in the territories' order.
    pub fn countries(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &self.territories {
            if !out.contains(&t.country) {
                out.push(t.country.clone());
            }
        }
        out
    }

    /// Its municipalities' names; all its territories' when none is a municipality.
    pub fn municipalities(&self) -> Vec<String> {
        let named: Vec<String> = self
            .territories
            .iter()
            .filter(|t| t.level == TerritoryLevel::Municipality)
            .map(|t| t.name.clone())
            .collect();
        if named.is_empty() {
            self.territories.iter().map(|t| t.name.clone()).collect()
        } else {
            named
        }
    }
}

/// The MDG of a goal ("5") or target ("5.B") code.
pub(super) fn goal_of(code: &str) -> Option<u8> {
    code.split('.')
        .next()?
        .trim()
        .parse()
        .ok()
        .filter(|g| (1..=8).contains(g))
}

pub(super) fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The workshops the filter keeps, newest start date first.
pub(super) fn select(conn: &Connection, filter: &Filter) -> Result<Vec<Selected>> {
    let from = filter.from.map(|d| d.to_string());
    let to = filter.to.map(|d| d.to_string());
    const DATES: &str = "w.is_example = 0 AND (?1 IS NULL OR w.start_date >= ?1)
                         AND (?2 IS NULL OR w.start_date <= ?2)";

    let mut territories: HashMap<WorkshopId, Vec<Territory>> = HashMap::new();
    let mut st = conn.prepare(&format!(
        "SELECT t.workshop_id, t.id, t.name, t.level, t.country
         FROM territories t JOIN workshops w ON w.id = t.workshop_id
         WHERE t.deleted = 0 AND {DATES} ORDER BY t.workshop_id, t.position"
    ))?;
    let rows = st.query_map((&from, &to), |r| {
        Ok((
            r.get::<_, WorkshopId>(0)?,
            Territory {
                id: r.get(1)?,
                name: r.get(2)?,
                level: r.get(3)?,
                country: r.get(4)?,
            },
        ))
    })?;
    for row in rows {
        let (w, t) = row?;
        territories.entry(w).or_default().push(t);
    }

    // As `prioritization::decision` reads it: the newest settings row, and its
    // candidate if still live.
    let mut decisions: HashMap<WorkshopId, String> = HashMap::new();
    let mut st = conn.prepare(&format!(
        "SELECT p.workshop_id, c.code
         FROM (SELECT workshop_id, decision_candidate_id, decided_at,
                      row_number() OVER (PARTITION BY workshop_id ORDER BY updated_at DESC) AS n
               FROM prioritizations) p
         JOIN candidates c ON c.id = p.decision_candidate_id AND c.deleted = 0
                          AND c.workshop_id = p.workshop_id
         JOIN workshops w ON w.id = p.workshop_id
         WHERE p.n = 1 AND p.decided_at IS NOT NULL AND {DATES}"
    ))?;
    let rows = st.query_map((&from, &to), |r| {
        Ok((r.get::<_, WorkshopId>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (w, code) = row?;
        decisions.insert(w, code);
    }

    let mut st = conn.prepare(&format!(
        "SELECT w.id, w.title, w.start_date, w.facilitators, w.device_id, w.updated_at
         FROM workshops w WHERE {DATES} ORDER BY w.start_date DESC, w.title, w.id"
    ))?;
    let rows = st.query_map((&from, &to), |r| {
        let facilitators: String = r.get(3)?;
        Ok((
            r.get::<_, WorkshopId>(0)?,
            r.get::<_, String>(1)?,
            date(r, 2)?,
            facilitators,
            r.get::<_, DeviceId>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;

    let country = words(&filter.country);
    let municipality = words(&filter.municipality);
    let facilitator = words(&filter.facilitator);
    let mut out = Vec::new();
    for row in rows {
        let (id, title, start_date, facilitators, device_id, updated_at) = row?;
        let w = Selected {
            id,
            title,
            start_date,
            // The schema checks it is JSON; anything but a list of names is no name.
            facilitators: serde_json::from_str(&facilitators).unwrap_or_default(),
            territories: territories.remove(&id).unwrap_or_default(),
            prioritized: decisions.remove(&id),
            device_id,
            updated_at,
        };
        let keep = country
            .as_ref()
            .is_none_or(|c| w.territories.iter().any(|t| country_matches(&t.country, c)))
            && municipality
                .as_ref()
                .is_none_or(|m| w.territories.iter().any(|t| fold(&t.name).contains(m)))
            && facilitator
                .as_ref()
                .is_none_or(|f| w.facilitators.iter().any(|x| fold(x).contains(f)))
            && filter.goal.is_none_or(|g| w.goal() == Some(g));
        if keep {
            out.push(w);
        }
    }
    Ok(out)
}

/// The selected workshops' ids as a JSON array, for `json_each` in the queries.
pub(super) fn id_list(selected: &[Selected]) -> String {
    let ids: Vec<String> = selected.iter().map(|w| format!("\"{}\"", w.id)).collect();
    format!("[{}]", ids.join(","))
}

/// Live participants, counted by workshop, country of their territory (if any),
/// gender and sector.
pub(super) struct Headcount {
    pub workshop: WorkshopId,
    pub country: Option<String>,
    pub gender: Gender,
    pub sector: Sector,
    pub count: u32,
}

pub(super) fn headcounts(conn: &Connection, ids: &str) -> Result<Vec<Headcount>> {
    let mut st = conn.prepare(
        "SELECT p.workshop_id, t.country, p.gender, p.sector, count(*)
         FROM participants p
         LEFT JOIN territories t ON t.id = p.territory_id AND t.deleted = 0
         WHERE p.deleted = 0 AND p.workshop_id IN (SELECT value FROM json_each(?1))
         GROUP BY p.workshop_id, t.country, p.gender, p.sector",
    )?;
    let rows = st.query_map([ids], |r| {
        Ok(Headcount {
            workshop: r.get(0)?,
            country: r.get(1)?,
            gender: r.get(2)?,
            sector: r.get(3)?,
            count: count(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each live action's latest live status as of `?2` (newest session, then the
/// one recorded last, as `follow_up::state` orders them).
const LATEST_STATUS: &str = "latest AS (
    SELECT action_id, status, percent FROM (
        SELECT action_id, status, percent,
               row_number() OVER (PARTITION BY action_id
                                  ORDER BY session_date DESC, created_at DESC, id DESC) AS n
        FROM action_status_updates
        WHERE deleted = 0 AND session_date <= ?2
          AND workshop_id IN (SELECT value FROM json_each(?1)))
    WHERE n = 1)";

/// The live commitments of the selected workshops, each with its live action and
/// that action's latest status (`c`, `a`, `l`).
const COMMITMENTS: &str = "FROM commitments c
    LEFT JOIN actions a ON a.id = c.action_id AND a.deleted = 0
    LEFT JOIN latest l ON l.action_id = a.id
    WHERE c.deleted = 0 AND c.workshop_id IN (SELECT value FROM json_each(?1))";

/// The module's definition of overdue, as 0 or 1.
const OVERDUE: &str = "(c.due_date IS NOT NULL AND c.due_date < ?2
    AND coalesce(l.status NOT IN ('done', 'dropped'), 1))";

/// Commitments and overdue commitments of each workshop.
pub(super) fn commitment_counts(
    conn: &Connection,
    ids: &str,
    today: NaiveDate,
) -> Result<HashMap<WorkshopId, (u32, u32)>> {
    let mut st = conn.prepare(&format!(
        "WITH {LATEST_STATUS}
         SELECT c.workshop_id, count(*), coalesce(sum({OVERDUE}), 0) {COMMITMENTS}
         GROUP BY c.workshop_id"
    ))?;
    let rows = st.query_map((ids, today.to_string()), |r| {
        Ok((
            r.get::<_, WorkshopId>(0)?,
            (count(r.get(1)?), count(r.get(2)?)),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn action_counts(conn: &Connection, ids: &str) -> Result<HashMap<WorkshopId, u32>> {
    let mut st = conn.prepare(
        "SELECT workshop_id, count(*) FROM actions
         WHERE deleted = 0 AND workshop_id IN (SELECT value FROM json_each(?1))
         GROUP BY workshop_id",
    )?;
    let rows = st.query_map([ids], |r| {
        Ok((r.get::<_, WorkshopId>(0)?, count(r.get(1)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A live commitment of a selected workshop, as read.
pub(super) struct Commitment {
    pub workshop: WorkshopId,
    pub who: String,
    pub institution: String,
    pub what: String,
    pub due_date: Option<NaiveDate>,
    pub action: Option<String>,
    pub status: Option<Status>,
    pub percent: Option<u8>,
    pub overdue: bool,
    /// Its place in its workshop's agenda, as written.
    pub position: i64,
}

pub(super) fn commitments(
    conn: &Connection,
    ids: &str,
    today: NaiveDate,
) -> Result<Vec<Commitment>> {
    let mut st = conn.prepare(&format!(
        "WITH {LATEST_STATUS}
         SELECT c.workshop_id, c.who, c.institution, c.what, c.due_date, a.title,
                l.status, l.percent, {OVERDUE}, c.position
         {COMMITMENTS}"
    ))?;
    let rows = st.query_map((ids, today.to_string()), |r| {
        Ok(Commitment {
            workshop: r.get(0)?,
            who: r.get(1)?,
            institution: r.get(2)?,
            what: r.get(3)?,
            due_date: optional_date(r, 4)?,
            action: r.get(5)?,
            status: r.get(6)?,
            percent: r.get(7)?,
            overdue: r.get(8)?,
            position: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_counts_for_its_goal_and_a_code_off_the_list_for_none() {
        assert_eq!(goal_of("5.B"), Some(5));
        assert_eq!(goal_of("4"), Some(4));
        assert_eq!(goal_of("9"), None);
        assert_eq!(goal_of("x"), None);
    }
}
