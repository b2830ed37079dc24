//! SQL for the diagnostic: series, observations, national targets, indicators set
//! aside, and the workshop's period start. Writes only touch a row that changes, so
//! that re-typing a value does not make it look newer than another device's edit.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::Result;
use crate::diagnostic::{Observation, Point};
use crate::ids::{DeviceId, NationalTargetId, ObservationId, RecordId, SeriesId, WorkshopId};
use crate::indicators::{Area, NationalTarget, SeriesSettings};
use crate::time::{Timestamp, stamp};

pub fn area_key(area: &Area) -> String {
    match area {
        Area::Country(code) => format!("country:{code}"),
        Area::Territory(id) => format!("territory:{id}"),
    }
}

pub fn series_id(workshop: WorkshopId, indicator: &str, area: &Area) -> SeriesId {
    SeriesId::named(&[&workshop.to_string(), indicator, &area_key(area)])
}

/// Creates the series row if it is not there yet; its id is its name.
pub fn ensure_series(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    indicator: &str,
    area: &Area,
    country: &str,
    now: Timestamp,
) -> Result<SeriesId> {
    let id = series_id(workshop, indicator, area);
    let territory = match area {
        Area::Territory(t) => Some(*t),
        Area::Country(_) => None,
    };
    tx.prepare_cached(
        "INSERT INTO indicator_series (id, workshop_id, indicator, country, territory_id,
                                       created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7) ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![
        id,
        workshop,
        indicator,
        country,
        territory,
        stamp(now),
        device
    ])?;
    Ok(id)
}

pub fn set_series(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: SeriesId,
    settings: &SeriesSettings,
    now: Timestamp,
) -> Result<()> {
    let (ty, tv) = match settings.local_target {
        Some(p) => (Some(p.year), Some(p.value)),
        None => (None, None),
    };
    tx.prepare_cached(
        "UPDATE indicator_series SET unit = ?2, baseline_year = ?3, local_target_year = ?4,
                local_target_value = ?5, updated_at = ?6, device_id = ?7
         WHERE id = ?1 AND (unit IS NOT ?2 OR baseline_year IS NOT ?3
                            OR local_target_year IS NOT ?4 OR local_target_value IS NOT ?5)",
    )?
    .execute(params![
        id,
        settings.unit,
        settings.baseline_year,
        ty,
        tv,
        stamp(now),
        device
    ])?;
    Ok(())
}

/// The value in the database before this write: `None` if there was none,
/// `Some(None)` if it was "not available".
pub type Previous = Option<Option<f64>>;

#[allow(clippy::too_many_arguments)]
pub fn upsert_observation(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    series: SeriesId,
    year: i32,
    value: Option<f64>,
    source: &str,
    now: Timestamp,
) -> Result<Previous> {
    let id = ObservationId::named(&[&series.to_string(), &year.to_string()]);
    let previous: Previous = tx
        .prepare_cached("SELECT value FROM observations WHERE id = ?1 AND deleted = 0")?
        .query_row([id], |r| r.get::<_, Option<f64>>(0))
        .optional()?;
    tx.prepare_cached(
        "INSERT INTO observations (id, workshop_id, series_id, year, value, source,
                                   created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET value = excluded.value, source = excluded.source,
                deleted = 0, updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE value IS NOT excluded.value OR source IS NOT excluded.source OR deleted = 1",
    )?
    .execute(params![
        id,
        workshop,
        series,
        year,
        value,
        source,
        stamp(now),
        device
    ])?;
    Ok(previous)
}

pub fn remove_observation(
    tx: &Transaction<'_>,
    device: DeviceId,
    series: SeriesId,
    year: i32,
    now: Timestamp,
) -> Result<()> {
    let id = ObservationId::named(&[&series.to_string(), &year.to_string()]);
    tx.execute(
        "UPDATE observations SET deleted = 1, updated_at = ?2, device_id = ?3
         WHERE id = ?1 AND deleted = 0",
        params![id, stamp(now), device],
    )?;
    Ok(())
}

pub fn set_national_target(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    country: &str,
    indicator: &str,
    target: Option<&NationalTarget>,
    now: Timestamp,
) -> Result<()> {
    let id = NationalTargetId::named(&[&workshop.to_string(), country, indicator]);
    match target {
        Some(t) => tx.execute(
            "INSERT INTO national_targets (id, workshop_id, country, indicator, year, value, source,
                                           created_at, updated_at, device_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)
             ON CONFLICT (id) DO UPDATE SET year = excluded.year, value = excluded.value,
                    source = excluded.source, deleted = 0, updated_at = excluded.updated_at,
                    device_id = excluded.device_id
             WHERE year IS NOT excluded.year OR value IS NOT excluded.value
                   OR source IS NOT excluded.source OR deleted = 1",
            params![id, workshop, country, indicator, t.year, t.value, t.source.trim(), stamp(now), device],
        )?,
        None => tx.execute(
            "UPDATE national_targets SET deleted = 1, updated_at = ?2, device_id = ?3
             WHERE id = ?1 AND deleted = 0",
            params![id, stamp(now), device],
        )?,
    };
    Ok(())
}

pub fn set_not_applicable(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    indicator: &str,
    not_applicable: bool,
    now: Timestamp,
) -> Result<()> {
    let id = RecordId::named(&[&workshop.to_string(), "indicator", indicator]);
    tx.execute(
        "INSERT INTO workshop_indicators (id, workshop_id, indicator, not_applicable,
                                          created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET not_applicable = excluded.not_applicable,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE not_applicable IS NOT excluded.not_applicable",
        params![id, workshop, indicator, not_applicable, stamp(now), device],
    )?;
    Ok(())
}

pub fn set_period_start(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    year: Option<i32>,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "UPDATE workshops SET period_start = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND period_start IS NOT ?2",
        params![workshop, year, stamp(now), device],
    )?;
    Ok(())
}

pub fn period_start(conn: &Connection, workshop: WorkshopId) -> Result<Option<i32>> {
    Ok(conn.query_row(
        "SELECT period_start FROM workshops WHERE id = ?1",
        [workshop],
        |r| r.get(0),
    )?)
}

/// A series as stored, with its observations in year order.
#[derive(Clone, Debug)]
pub struct StoredSeries {
    pub indicator: String,
    pub area: Area,
    pub unit: Option<String>,
    pub baseline_year: Option<i32>,
    pub local_target: Option<Point>,
    pub observations: Vec<Observation>,
}

pub fn series_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<StoredSeries>> {
    let mut st = conn.prepare_cached(
        "SELECT s.id, s.indicator, s.country, s.territory_id, s.unit, s.baseline_year,
                s.local_target_year, s.local_target_value
         FROM indicator_series s
         LEFT JOIN territories t ON t.id = s.territory_id
         WHERE s.workshop_id = ?1 AND (s.territory_id IS NULL OR t.deleted = 0)
         ORDER BY s.id",
    )?;
    let mut out: Vec<(SeriesId, StoredSeries)> = st
        .query_map([workshop], |r| {
            let territory: Option<crate::ids::TerritoryId> = r.get(3)?;
            let country: String = r.get(2)?;
            let target_year: Option<i32> = r.get(6)?;
            let target_value: Option<f64> = r.get(7)?;
            Ok((
                r.get(0)?,
                StoredSeries {
                    indicator: r.get(1)?,
                    area: territory.map_or(Area::Country(country), Area::Territory),
                    unit: r.get(4)?,
                    baseline_year: r.get(5)?,
                    local_target: target_year
                        .zip(target_value)
                        .map(|(year, value)| Point { year, value }),
                    observations: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut obs = conn.prepare_cached(
        "SELECT series_id, year, value, source FROM observations
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY series_id, year",
    )?;
    let rows = obs.query_map([workshop], |r| {
        Ok((
            r.get::<_, SeriesId>(0)?,
            Observation {
                year: r.get(1)?,
                value: r.get(2)?,
                source: r.get(3)?,
            },
        ))
    })?;
    let index: std::collections::HashMap<SeriesId, usize> = out
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    for row in rows {
        let (series, o) = row?;
        // Observations of a removed territory's series have no entry and are left out.
        if let Some(&i) = index.get(&series) {
            out[i].1.observations.push(o);
        }
    }
    Ok(out.into_iter().map(|(_, s)| s).collect())
}

pub fn national_targets_of(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Vec<(String, String, NationalTarget)>> {
    let mut st = conn.prepare_cached(
        "SELECT country, indicator, year, value, source FROM national_targets
         WHERE workshop_id = ?1 AND deleted = 0 ORDER BY country, indicator",
    )?;
    let rows = st.query_map([workshop], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            NationalTarget {
                year: r.get(2)?,
                value: r.get(3)?,
                source: r.get(4)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn not_applicable_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT indicator FROM workshop_indicators
         WHERE workshop_id = ?1 AND not_applicable = 1 ORDER BY indicator",
    )?;
    let rows = st.query_map([workshop], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
