//! The Management Plan: the actions of each strategic line on a timeline, who is
//! responsible for what, and the resources totalled by funding source and by
//! currency. Amounts in different currencies are never added together.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Action, Line};
use crate::Result;
use crate::ids::{ActionId, LineId, WorkshopId};
use crate::store::Store;

/// A stretch of the timeline. `months` counts the calendar months it touches,
/// both ends included (15 April to 30 September: April … September, 6), which
/// is how many columns it takes on a monthly chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub months: u32,
}

/// The span from `start` to `end`, or none when `end` is before `start`.
pub fn span(start: NaiveDate, end: NaiveDate) -> Option<Span> {
    if end < start {
        return None;
    }
    let index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    Some(Span {
        start,
        end,
        months: (index(end) - index(start) + 1) as u32,
    })
}

/// An amount in one currency; `None`: the currency was not given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub currency: Option<String>,
    pub amount: f64,
}

/// What one funding source brings, in one currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceTotal {
    /// As first written; '' when no source was given.
    pub source: String,
    pub currency: Option<String>,
    pub amount: f64,
    pub actions: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanAction {
    pub action: ActionId,
    pub title: String,
    pub responsible_unit: String,
    /// Both dates given and in order.
    pub span: Option<Span>,
    pub amount: Option<f64>,
    pub currency: Option<String>,
    pub funding_source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanLine {
    pub line: LineId,
    pub title: String,
    pub actions: Vec<PlanAction>,
    /// From the line's earliest start to its latest end.
    pub span: Option<Span>,
    pub totals: Vec<Money>,
}

/// A municipal unit and the actions it is responsible for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsibility {
    /// As first written.
    pub unit: String,
    pub actions: Vec<ActionId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub lines: Vec<PlanLine>,
    /// From the plan's earliest start to its latest end.
    pub span: Option<Span>,
    /// Actions without both dates: they cannot be drawn on the timeline.
    pub unscheduled: Vec<ActionId>,
    /// By source (alphabetically, the unnamed source last), then currency.
    pub by_source: Vec<SourceTotal>,
    /// By currency code, the amounts without a currency last.
    pub by_currency: Vec<Money>,
    /// By unit (alphabetically); actions without a unit are left out.
    pub responsibilities: Vec<Responsibility>,
}

/// Sources and units are grouped as people write them, case and spacing aside.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn overall_span<'a>(actions: impl Iterator<Item = &'a Action> + Clone) -> Option<Span> {
    let start = actions.clone().filter_map(|a| a.start_date).min()?;
    let end = actions.filter_map(|a| a.end_date).max()?;
    span(start, end)
}

/// Totals by currency, code order, no currency last.
fn by_currency<'a>(actions: impl Iterator<Item = &'a Action>) -> Vec<Money> {
    let mut sums: BTreeMap<(bool, Option<String>), f64> = BTreeMap::new();
    for a in actions {
        if let Some(amount) = a.amount {
            *sums
                .entry((a.currency.is_none(), a.currency.clone()))
                .or_default() += amount;
        }
    }
    sums.into_iter()
        .map(|((_, currency), amount)| Money { currency, amount })
        .collect()
}

pub fn plan(lines: &[Line], actions: &[Action]) -> Plan {
    let plan_lines = lines
        .iter()
        .map(|line| {
            let mine = || actions.iter().filter(|a| a.line == line.id);
            PlanLine {
                line: line.id,
                title: line.title.clone(),
                actions: mine()
                    .map(|a| PlanAction {
                        action: a.id,
                        title: a.title.clone(),
                        responsible_unit: a.responsible_unit.clone(),
                        span: a.start_date.zip(a.end_date).and_then(|(s, e)| span(s, e)),
                        amount: a.amount,
                        currency: a.currency.clone(),
                        funding_source: a.funding_source.clone(),
                    })
                    .collect(),
                span: overall_span(mine()),
                totals: by_currency(mine()),
            }
        })
        .collect();
    let mut sources: BTreeMap<(bool, String, bool, Option<String>), SourceTotal> = BTreeMap::new();
    for a in actions {
        let Some(amount) = a.amount else { continue };
        let key = fold(&a.funding_source);
        let total = sources
            .entry((
                key.is_empty(),
                key,
                a.currency.is_none(),
                a.currency.clone(),
            ))
            .or_insert_with(|| SourceTotal {
                source: a.funding_source.clone(),
                currency: a.currency.clone(),
                amount: 0.0,
                actions: 0,
            });
        total.amount += amount;
        total.actions += 1;
    }
    let mut units: BTreeMap<String, Responsibility> = BTreeMap::new();
    for a in actions.iter().filter(|a| !a.responsible_unit.is_empty()) {
        units
            .entry(fold(&a.responsible_unit))
            .or_insert_with(|| Responsibility {
                unit: a.responsible_unit.clone(),
                actions: Vec::new(),
            })
            .actions
            .push(a.id);
    }
    Plan {
        lines: plan_lines,
        span: overall_span(actions.iter()),
        unscheduled: actions
            .iter()
            .filter(|a| {
                a.start_date
                    .zip(a.end_date)
                    .and_then(|(s, e)| span(s, e))
                    .is_none()
            })
            .map(|a| a.id)
            .collect(),
        by_source: sources.into_values().collect(),
        by_currency: by_currency(actions.iter()),
        responsibilities: units.into_values().collect(),
    }
}

/// The workshop's management plan as it stands.
pub fn of(store: &Store, workshop: WorkshopId) -> Result<Plan> {
    Ok(plan(
        &super::lines(store, workshop)?,
        &super::actions(store, workshop)?,
    ))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A bare action of `line`, for the pure views' tests.
    pub(crate) fn action(line: LineId, title: &str) -> Action {
        Action {
            id: ActionId::named(&[title]),
            line,
            title: title.into(),
            goal: String::new(),
            mdg_target: None,
            indicator_name: String::new(),
            indicator_unit: String::new(),
            indicator_code: None,
            baseline_value: None,
            baseline_date: None,
            target_value: None,
            target_date: None,
            responsible_unit: String::new(),
            partners: Vec::new(),
            start_date: None,
            end_date: None,
            amount: None,
            currency: None,
            funding_source: String::new(),
            area: None,
            risks: String::new(),
            impact: None,
            feasibility: None,
            updated_at: String::new(),
        }
    }

    fn funded(
        line: LineId,
        title: &str,
        dates: Option<(NaiveDate, NaiveDate)>,
        amount: f64,
        currency: Option<&str>,
        source: &str,
    ) -> Action {
        Action {
            start_date: dates.map(|d| d.0),
            end_date: dates.map(|d| d.1),
            amount: Some(amount),
            currency: currency.map(str::to_string),
            funding_source: source.into(),
            responsible_unit: "Dirección de Salud".into(),
            ..action(line, title)
        }
    }

    fn lines() -> Vec<Line> {
        ["Salud materna", "Información"]
            .iter()
            .map(|t| Line {
                id: LineId::named(&[t]),
                title: (*t).into(),
            })
            .collect()
    }

    fn sample() -> (Vec<Line>, Vec<Action>) {
        let l = lines();
        let actions = vec![
            funded(
                l[0].id,
                "Ronda médica",
                Some((day(2026, 4, 15), day(2026, 9, 30))),
                1_000_000.0,
                Some("CLP"),
                "Presupuesto municipal",
            ),
            funded(
                l[0].id,
                "Casa de espera",
                Some((day(2026, 6, 1), day(2027, 3, 31))),
                2_500_000.0,
                Some("CLP"),
                "FNDR",
            ),
            funded(
                l[1].id,
                "Registro de embarazadas",
                Some((day(2026, 5, 1), day(2026, 5, 31))),
                500_000.0,
                Some("CLP"),
                "presupuesto  Municipal",
            ),
            funded(l[1].id, "Tablero", None, 12_000.0, Some("USD"), "PNUD"),
            funded(l[1].id, "Capacitación", None, 300.0, None, ""),
        ];
        (l, actions)
    }

    #[test]
    fn a_span_counts_the_calendar_months_it_touches() {
        assert_eq!(span(day(2026, 4, 15), day(2026, 9, 30)).unwrap().months, 6);
        assert_eq!(span(day(2026, 5, 1), day(2026, 5, 31)).unwrap().months, 1);
        assert_eq!(span(day(2026, 11, 20), day(2027, 2, 1)).unwrap().months, 4);
        assert_eq!(span(day(2026, 5, 2), day(2026, 5, 1)), None);
    }

    #[test]
    fn the_timeline_runs_from_the_earliest_start_to_the_latest_end() {
        let (l, a) = sample();
        let p = plan(&l, &a);
        let s = p.span.unwrap();
        assert_eq!(
            (s.start, s.end, s.months),
            (day(2026, 4, 15), day(2027, 3, 31), 12)
        );
        let first = p.lines[0].span.unwrap();
        assert_eq!(
            (first.start, first.end),
            (day(2026, 4, 15), day(2027, 3, 31))
        );
        let second = p.lines[1].span.unwrap();
        assert_eq!(second.months, 1);
        assert_eq!(p.unscheduled, [a[3].id, a[4].id]);
    }

    #[test]
    fn resources_are_totalled_by_source_as_written_and_by_currency() {
        let (l, a) = sample();
        let p = plan(&l, &a);
        let sources: Vec<(&str, Option<&str>, f64, u32)> = p
            .by_source
            .iter()
            .map(|s| {
                (
                    s.source.as_str(),
                    s.currency.as_deref(),
                    s.amount,
                    s.actions,
                )
            })
            .collect();
        assert_eq!(
            sources,
            [
                ("FNDR", Some("CLP"), 2_500_000.0, 1),
                ("PNUD", Some("USD"), 12_000.0, 1),
                ("Presupuesto municipal", Some("CLP"), 1_500_000.0, 2),
                ("", None, 300.0, 1),
            ]
        );
        let currencies: Vec<(Option<&str>, f64)> = p
            .by_currency
            .iter()
            .map(|m| (m.currency.as_deref(), m.amount))
            .collect();
        assert_eq!(
            currencies,
            [
                (Some("CLP"), 4_000_000.0),
                (Some("USD"), 12_000.0),
                (None, 300.0)
            ]
        );
        assert_eq!(p.lines[0].totals[0].amount, 3_500_000.0);
    }

    #[test]
    fn responsibilities_group_the_actions_of_each_unit() {
        let (l, mut a) = sample();
        a[4].responsible_unit = String::new();
        a[3].responsible_unit = "SECPLAN".into();
        let p = plan(&l, &a);
        let units: Vec<(&str, usize)> = p
            .responsibilities
            .iter()
            .map(|r| (r.unit.as_str(), r.actions.len()))
            .collect();
        assert_eq!(units, [("Dirección de Salud", 3), ("SECPLAN", 1)]);
    }
}
