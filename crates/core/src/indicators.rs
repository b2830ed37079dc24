//! The diagnostic of a workshop: for each of its territories and for their countries,
//! the 60 indicators, each a series of observations with a unit and a target, and the
//! traffic lights computed from them (see `diagnostic`). `sheet` is everything the
//! grid, the slides and the report show, computed in one pass.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::catalogue::{self, Direction, Localized};
use crate::decimal::Entry;
use crate::diagnostic::comparison::{self, GoalRanked, IndicatorComparison};
use crate::diagnostic::{
    self, Assessment, Gap, GoalSummary, Observation, PeriodStart, Point, Target, TargetOrigin,
};
use crate::ids::{TerritoryId, WorkshopId};
use crate::store::{self, Store};
use crate::time::Timestamp;
use crate::workshop::{self, Workshop};
use crate::{Error, Result};

/// The years a value may be for: the MDG period and the decades around it.
pub const FIRST_YEAR: i32 = 1950;
pub const LAST_YEAR: i32 = 2100;

/// Where a series is measured: one of the workshop's territories, or the country
/// of one of them as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Area {
    Country(String),
    Territory(TerritoryId),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaInfo {
    pub area: Area,
    pub name: String,
    /// ISO code of the country the area is in (or is).
    pub country: String,
}

/// The areas of a workshop: each country first, then its territories.
pub fn areas(workshop: &Workshop) -> Vec<AreaInfo> {
    let mut countries: Vec<&str> = Vec::new();
    for t in &workshop.territories {
        if !countries.contains(&t.country.as_str()) {
            countries.push(&t.country);
        }
    }
    let mut out = Vec::new();
    for code in countries {
        out.push(AreaInfo {
            area: Area::Country(code.to_string()),
            name: catalogue::country(code)
                .map_or(code, |c| c.name.get(workshop.language))
                .to_string(),
            country: code.to_string(),
        });
        out.extend(
            workshop
                .territories
                .iter()
                .filter(|t| t.country == code)
                .map(|t| AreaInfo {
                    area: Area::Territory(t.id),
                    name: t.name.clone(),
                    country: code.to_string(),
                }),
        );
    }
    out
}

fn country_of(workshop: &Workshop, area: &Area) -> Result<String> {
    match area {
        Area::Territory(id) => workshop
            .territory(*id)
            .map(|t| t.country.clone())
            .ok_or(Error::UnknownTerritory),
        Area::Country(code) if workshop.territories.iter().any(|t| &t.country == code) => {
            Ok(code.clone())
        }
        Area::Country(code) => Err(Error::UnknownCountry {
            country: code.clone(),
        }),
    }
}

fn check_indicator(code: &str) -> Result<()> {
    match catalogue::mdg().indicator(code) {
        Some(_) => Ok(()),
        None => Err(Error::UnknownIndicator {
            code: code.to_string(),
        }),
    }
}

pub fn check_year(year: i32) -> Result<()> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(Error::YearOutOfRange { year })
    }
}

fn check_value(v: f64) -> Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(Error::NotANumber {
            value: v.to_string(),
        })
    }
}

/// One value typed or imported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueInput {
    pub indicator: String,
    pub area: Area,
    pub year: i32,
    pub entry: Entry,
    /// `None` keeps the source the cell already has.
    pub source: Option<String>,
}

impl ValueInput {
    fn check(&self, workshop: &Workshop) -> Result<String> {
        check_indicator(&self.indicator)?;
        check_year(self.year)?;
        if let Entry::Number(v) = self.entry {
            check_value(v)?;
        }
        country_of(workshop, &self.area)
    }
}

fn write_values(
    store: &mut Store,
    workshop: &Workshop,
    values: &[ValueInput],
    now: Timestamp,
    mut progress: impl FnMut(usize),
) -> Result<()> {
    let countries = values
        .iter()
        .map(|v| v.check(workshop))
        .collect::<Result<Vec<_>>>()?;
    let id = workshop.id;
    store.with_tx(|tx, device| {
        for (i, (v, country)) in values.iter().zip(countries).enumerate() {
            let series = store::indicators::ensure_series(
                tx,
                device,
                id,
                &v.indicator,
                &v.area,
                &country,
                now,
            )?;
            let value = match v.entry {
                Entry::Number(x) => Some(x),
                Entry::NotAvailable => None,
            };
            let source = match &v.source {
                Some(s) => s.trim().to_string(),
                None => tx
                    .query_row(
                        "SELECT source FROM observations WHERE series_id = ?1 AND year = ?2",
                        rusqlite::params![series, v.year],
                        |r| r.get(0),
                    )
                    .or_else(|e| match e {
                        rusqlite::Error::QueryReturnedNoRows => Ok(String::new()),
                        e => Err(e),
                    })?,
            };
            store::indicators::upsert_observation(
                tx, device, id, series, v.year, value, &source, now,
            )?;
            progress(i + 1);
        }
        Ok(())
    })
}

/// Saves one typed value (or "not available").
pub fn set_value(
    store: &mut Store,
    workshop_id: WorkshopId,
    value: &ValueInput,
    now: Timestamp,
) -> Result<()> {
    let workshop = workshop::get(store, workshop_id)?;
    write_values(store, &workshop, std::slice::from_ref(value), now, |_| {})
}

/// Saves many values in one transaction, reporting how many are done.
pub fn set_values(
    store: &mut Store,
    workshop_id: WorkshopId,
    values: &[ValueInput],
    now: Timestamp,
    progress: impl FnMut(usize),
) -> Result<()> {
    let workshop = workshop::get(store, workshop_id)?;
    write_values(store, &workshop, values, now, progress)
}

/// Empties a cell: the year is no longer part of the series.
pub fn clear_value(
    store: &mut Store,
    workshop_id: WorkshopId,
    indicator: &str,
    area: &Area,
    year: i32,
    now: Timestamp,
) -> Result<()> {
    let workshop = workshop::get(store, workshop_id)?;
    check_indicator(indicator)?;
    country_of(&workshop, area)?;
    let series = store::indicators::series_id(workshop_id, indicator, area);
    store.with_tx(|tx, device| store::indicators::remove_observation(tx, device, series, year, now))
}

/// What a series carries besides its values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeriesSettings {
    /// `None`: the catalogue's unit.
    pub unit: Option<String>,
    /// `None`: by the workshop's period start.
    pub baseline_year: Option<i32>,
    /// Used only when there is no national commitment and no global target.
    pub local_target: Option<Point>,
}

pub fn set_series(
    store: &mut Store,
    workshop_id: WorkshopId,
    indicator: &str,
    area: &Area,
    settings: &SeriesSettings,
    now: Timestamp,
) -> Result<()> {
    let workshop = workshop::get(store, workshop_id)?;
    check_indicator(indicator)?;
    let country = country_of(&workshop, area)?;
    if let Some(y) = settings.baseline_year {
        check_year(y)?;
    }
    if let Some(t) = settings.local_target {
        check_year(t.year)?;
        check_value(t.value)?;
    }
    let settings = SeriesSettings {
        unit: settings
            .unit
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string),
        ..settings.clone()
    };
    store.with_tx(|tx, device| {
        let id = store::indicators::ensure_series(
            tx,
            device,
            workshop_id,
            indicator,
            area,
            &country,
            now,
        )?;
        store::indicators::set_series(tx, device, id, &settings, now)
    })
}

/// A target the country adopted, which may differ from or add to the global list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NationalTarget {
    pub year: i32,
    pub value: f64,
    /// Where it was adopted (plan, law, national MDG report); required.
    pub source: String,
}

/// Registers (or with `None` removes) the country's commitment for an indicator.
pub fn set_national_target(
    store: &mut Store,
    workshop_id: WorkshopId,
    country: &str,
    indicator: &str,
    target: Option<&NationalTarget>,
    now: Timestamp,
) -> Result<()> {
    let workshop = workshop::get(store, workshop_id)?;
    check_indicator(indicator)?;
    country_of(&workshop, &Area::Country(country.to_string()))?;
    if let Some(t) = target {
        check_year(t.year)?;
        check_value(t.value)?;
        if t.source.trim().is_empty() {
            return Err(Error::TargetSourceEmpty);
        }
    }
    store.with_tx(|tx, device| {
        store::indicators::set_national_target(
            tx,
            device,
            workshop_id,
            country,
            indicator,
            target,
            now,
        )
    })
}

/// Sets an indicator aside as not applicable to this workshop (or brings it back).
pub fn set_not_applicable(
    store: &mut Store,
    workshop_id: WorkshopId,
    indicator: &str,
    not_applicable: bool,
    now: Timestamp,
) -> Result<()> {
    workshop::get(store, workshop_id)?;
    check_indicator(indicator)?;
    store.with_tx(|tx, device| {
        store::indicators::set_not_applicable(
            tx,
            device,
            workshop_id,
            indicator,
            not_applicable,
            now,
        )
    })
}

/// `None`: every series starts at its first value; `Some(1990)`: as ECLAC counts.
pub fn set_period_start(
    store: &mut Store,
    workshop_id: WorkshopId,
    year: Option<i32>,
    now: Timestamp,
) -> Result<()> {
    workshop::get(store, workshop_id)?;
    if let Some(y) = year {
        check_year(y)?;
    }
    store.with_tx(|tx, device| {
        store::indicators::set_period_start(tx, device, workshop_id, year, now)
    })
}

pub fn period_start(store: &Store, workshop_id: WorkshopId) -> Result<PeriodStart> {
    Ok(
        match store::indicators::period_start(store.conn(), workshop_id)? {
            Some(y) => PeriodStart::Year(y),
            None => PeriodStart::FirstObservation,
        },
    )
}

/// One indicator in one area, as the grid shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesSheet {
    pub area: Area,
    pub observations: Vec<Observation>,
    pub unit: String,
    pub unit_is_custom: bool,
    pub baseline_year: Option<i32>,
    pub local_target: Option<Point>,
    pub assessment: Assessment,
    /// Against the country; `None` for the country itself or when a value is missing.
    pub gap: Option<Gap>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorSheet {
    pub code: String,
    pub title: Localized,
    /// The catalogue's unit in every language; a series may have its own (`SeriesSheet::unit`).
    pub unit: Localized,
    /// The MDG targets it serves (some indicators serve several).
    pub targets: Vec<String>,
    pub direction: Direction,
    pub not_applicable: bool,
    /// The country's commitment, by country code.
    pub national_targets: BTreeMap<String, NationalTarget>,
    /// One per area, in the order of `Sheet::areas`.
    pub series: Vec<SeriesSheet>,
    /// The workshop's territories side by side; `None` with fewer than two.
    pub comparison: Option<IndicatorComparison<Area>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetSheet {
    pub code: String,
    pub title: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoalSheet {
    pub code: String,
    pub title: Localized,
    pub targets: Vec<TargetSheet>,
    pub indicators: Vec<IndicatorSheet>,
    /// One per area, in the order of `Sheet::areas`, over the applicable indicators.
    pub summaries: Vec<GoalSummary>,
    /// The workshop's territories ranked on the goal; empty with fewer than two.
    pub comparison: Vec<GoalRanked<Area>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sheet {
    pub workshop_id: WorkshopId,
    pub period_start: PeriodStart,
    pub areas: Vec<AreaInfo>,
    /// Every year that has a value somewhere, ascending: the grid's columns.
    pub years: Vec<i32>,
    pub goals: Vec<GoalSheet>,
}

impl Sheet {
    pub fn indicator(&self, code: &str) -> Option<&IndicatorSheet> {
        self.goals
            .iter()
            .flat_map(|g| g.indicators.iter())
            .find(|i| i.code == code)
    }

    pub fn area_name(&self, area: &Area) -> &str {
        self.areas
            .iter()
            .find(|a| &a.area == area)
            .map_or("", |a| a.name.as_str())
    }
}

pub fn sheet(store: &Store, workshop_id: WorkshopId) -> Result<Sheet> {
    let workshop = workshop::get(store, workshop_id)?;
    let stored = store::indicators::series_of(store.conn(), workshop_id)?;
    let national = store::indicators::national_targets_of(store.conn(), workshop_id)?;
    let hidden = store::indicators::not_applicable_of(store.conn(), workshop_id)?;
    let start = period_start(store, workshop_id)?;
    Ok(compute(&workshop, start, stored, national, &hidden))
}

/// The pure part of `sheet`: from stored rows to lights, gaps and rankings.
pub fn compute(
    workshop: &Workshop,
    start: PeriodStart,
    stored: Vec<store::indicators::StoredSeries>,
    national: Vec<(String, String, NationalTarget)>,
    hidden: &[String],
) -> Sheet {
    let mdg = catalogue::mdg();
    let areas = areas(workshop);
    let mut by_key: HashMap<(String, Area), store::indicators::StoredSeries> = stored
        .into_iter()
        .map(|s| ((s.indicator.clone(), s.area.clone()), s))
        .collect();
    let mut years: Vec<i32> = by_key
        .values()
        .flat_map(|s| s.observations.iter().map(|o| o.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut national_by: HashMap<(String, String), NationalTarget> = HashMap::new();
    for (country, indicator, t) in national {
        national_by.insert((indicator, country), t);
    }
    let territories = areas
        .iter()
        .filter(|a| matches!(a.area, Area::Territory(_)))
        .count();
    let goals = mdg
        .goals
        .iter()
        .map(|goal| {
            let indicators: Vec<IndicatorSheet> = mdg
                .indicators_of(goal)
                .into_iter()
                .map(|ind| {
                    let series: Vec<SeriesSheet> = areas
                        .iter()
                        .map(|a| {
                            let s = by_key.remove(&(ind.code.clone(), a.area.clone()));
                            let (observations, unit, baseline_year, local_target) = match s {
                                Some(s) => {
                                    (s.observations, s.unit, s.baseline_year, s.local_target)
                                }
                                None => (Vec::new(), None, None, None),
                            };
                            let pts = diagnostic::points(&observations);
                            let base = diagnostic::baseline(&pts, baseline_year, start)
                                .ok()
                                .map(|b| b.0);
                            let national_target = national_by
                                .get(&(ind.code.clone(), a.country.clone()))
                                .map(|t| Target {
                                    year: t.year,
                                    value: t.value,
                                    origin: TargetOrigin::National,
                                    source: t.source.clone(),
                                });
                            let target = diagnostic::resolve_target(
                                national_target,
                                &ind.code,
                                base,
                                local_target,
                            );
                            let assessment = diagnostic::assess(
                                ind.direction,
                                &observations,
                                baseline_year,
                                start,
                                target,
                            );
                            SeriesSheet {
                                area: a.area.clone(),
                                observations,
                                unit_is_custom: unit.is_some(),
                                unit: unit.unwrap_or_else(|| ind.unit.clone()),
                                baseline_year,
                                local_target,
                                assessment,
                                gap: None,
                            }
                        })
                        .collect();
                    let mut series = series;
                    for i in 0..series.len() {
                        if let Area::Territory(_) = series[i].area {
                            let country = &areas[i].country;
                            let national_row = areas
                                .iter()
                                .position(|a| a.area == Area::Country(country.clone()));
                            if let Some(n) = national_row {
                                series[i].gap = diagnostic::gap(
                                    ind.direction,
                                    &series[i].assessment,
                                    &series[n].assessment,
                                );
                            }
                        }
                    }
                    let rows: Vec<(Area, &Assessment)> = series
                        .iter()
                        .filter(|s| matches!(s.area, Area::Territory(_)))
                        .map(|s| (s.area.clone(), &s.assessment))
                        .collect();
                    let comparison =
                        (territories >= 2).then(|| comparison::indicator(ind.direction, &rows));
                    IndicatorSheet {
                        code: ind.code.clone(),
                        title: ind.title.clone(),
                        unit: ind.unit_title(),
                        targets: goal
                            .targets
                            .iter()
                            .filter(|t| t.indicators.contains(&ind.code))
                            .map(|t| t.code.clone())
                            .collect(),
                        direction: ind.direction,
                        not_applicable: hidden.contains(&ind.code),
                        national_targets: national_by
                            .iter()
                            .filter(|((i, _), _)| i == &ind.code)
                            .map(|((_, c), t)| (c.clone(), t.clone()))
                            .collect(),
                        series,
                        comparison,
                    }
                })
                .collect();
            let applicable: Vec<&IndicatorSheet> =
                indicators.iter().filter(|i| !i.not_applicable).collect();
            let summaries = (0..areas.len())
                .map(|a| {
                    diagnostic::summarize(applicable.iter().map(|i| &i.series[a].assessment.light))
                })
                .collect();
            let comparison = if territories >= 2 {
                let rows: Vec<(Area, Vec<&Assessment>)> = areas
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| matches!(a.area, Area::Territory(_)))
                    .map(|(i, a)| {
                        (
                            a.area.clone(),
                            applicable
                                .iter()
                                .map(|ind| &ind.series[i].assessment)
                                .collect(),
                        )
                    })
                    .collect();
                comparison::goal(&rows)
            } else {
                Vec::new()
            };
            GoalSheet {
                code: goal.code.clone(),
                title: goal.title.clone(),
                targets: goal
                    .targets
                    .iter()
                    .map(|t| TargetSheet {
                        code: t.code.clone(),
                        title: t.title.clone(),
                    })
                    .collect(),
                indicators,
                summaries,
                comparison,
            }
        })
        .collect();
    Sheet {
        workshop_id: workshop.id,
        period_start: start,
        areas,
        years,
        goals,
    }
}
