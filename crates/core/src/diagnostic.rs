//! The traffic light of an indicator in one territory (or the country): how far its
//! latest value has gone from the baseline towards the target, against how much of
//! the period has elapsed (DESIGN.md, stage 1):
//!
//! p = (latest − baseline) / (target − baseline), τ = (latest year − start) / (target year − start)
//!
//! *met* p ≥ 1, *on track* p ≥ τ, *insufficient* 0 < p < τ, *regressing* p ≤ 0, *no data*
//! when something is missing. Everything here is pure: the same series always gives
//! the same light, whatever the clock says.

pub mod comparison;
pub mod pace;

use serde::{Deserialize, Serialize};

use crate::catalogue::Direction;
use crate::text_enum::text_enum;

pub use pace::Pace;

/// One value of a series. `value: None` is "not available": a real state, never zero.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub year: i32,
    pub value: Option<f64>,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
}

text_enum!(
    /// Where a target comes from, in the order they are looked for.
    TargetOrigin {
        National => "national",
        Global => "global",
        Local => "local",
    }
);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub year: i32,
    pub value: f64,
    pub origin: TargetOrigin,
    /// Where the national commitment was published, or the global target's wording.
    pub source: String,
}

/// Where the period over which progress is measured starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "year", rename_all = "snake_case")]
pub enum PeriodStart {
    /// The first year with a value in each series.
    #[default]
    FirstObservation,
    /// A fixed year for every series (1990 in ECLAC's regional reports). The baseline
    /// value is the observation nearest that year, and elapsed time counts from it.
    Year(i32),
}

text_enum!(
    /// The traffic light. Never shown by colour alone: each has a word and a shape.
    Light {
        Met => "met",
        OnTrack => "on_track",
        Insufficient => "insufficient",
        Regressing => "regressing",
        NoData => "no_data",
    }
);

impl Light {
    /// Worse lights sort first; `NoData` is not a judgement and sorts last.
    pub fn severity(self) -> u8 {
        match self {
            Light::Regressing => 0,
            Light::Insufficient => 1,
            Light::OnTrack => 2,
            Light::Met => 3,
            Light::NoData => 4,
        }
    }

    pub fn is_lagging(self) -> bool {
        matches!(self, Light::Regressing | Light::Insufficient)
    }
}

text_enum!(
    /// Why a light could not be computed.
    NoDataReason {
        NoValues => "no_values",
        NoBaseline => "no_baseline",
        SinglePoint => "single_point",
        LatestBeforeBaseline => "latest_before_baseline",
        NoTarget => "no_target",
        NoDirection => "no_direction",
    }
);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub light: Light,
    pub reason: Option<NoDataReason>,
    pub baseline: Option<Point>,
    pub latest: Option<Point>,
    /// The year elapsed time counts from: the baseline's, or the period's fixed start.
    pub start_year: Option<i32>,
    pub target: Option<Target>,
    /// p: share of the way from baseline to target covered by the latest value.
    pub progress: Option<f64>,
    /// τ: share of the period elapsed at the latest value, between 0 and 1.
    pub elapsed: Option<f64>,
    pub pace: Option<Pace>,
}

impl Assessment {
    fn no_data(reason: NoDataReason) -> Self {
        Assessment {
            light: Light::NoData,
            reason: Some(reason),
            baseline: None,
            latest: None,
            start_year: None,
            target: None,
            progress: None,
            elapsed: None,
            pace: None,
        }
    }
}

/// The observations with a value, in year order.
pub fn points(series: &[Observation]) -> Vec<Point> {
    let mut pts: Vec<Point> = series
        .iter()
        .filter_map(|o| {
            o.value.filter(|v| v.is_finite()).map(|value| Point {
                year: o.year,
                value,
            })
        })
        .collect();
    pts.sort_by_key(|p| p.year);
    pts
}

/// The baseline and the year elapsed time counts from. A baseline year chosen for
/// the series wins over the workshop's period start.
pub fn baseline(
    points: &[Point],
    chosen_year: Option<i32>,
    start: PeriodStart,
) -> Result<(Point, i32), NoDataReason> {
    let first = points.first().ok_or(NoDataReason::NoValues)?;
    if let Some(year) = chosen_year {
        return points
            .iter()
            .find(|p| p.year == year)
            .map(|p| (*p, year))
            .ok_or(if points.iter().all(|p| p.year < year) {
                NoDataReason::LatestBeforeBaseline
            } else {
                NoDataReason::NoBaseline
            });
    }
    match start {
        PeriodStart::FirstObservation => Ok((*first, first.year)),
        PeriodStart::Year(year) => {
            // Nearest to the start year; on a tie the later one, which is inside the period.
            let nearest = points
                .iter()
                .min_by_key(|p| ((p.year - year).abs(), -p.year))
                .copied()
                .unwrap_or(*first);
            Ok((nearest, year.min(nearest.year)))
        }
    }
}

/// The global target's value for this baseline, or the typed local one; a national
/// commitment is resolved by the caller, which knows the country.
pub fn resolve_target(
    national: Option<Target>,
    indicator: &str,
    baseline: Option<Point>,
    local: Option<Point>,
) -> Option<Target> {
    if national.is_some() {
        return national;
    }
    if let Some(global) = crate::catalogue::global_target(indicator) {
        let needs_baseline = !matches!(global.rule, crate::catalogue::TargetRule::Fixed(_));
        match (needs_baseline, baseline) {
            (false, _) => {
                return Some(Target {
                    year: global.year,
                    value: global.rule.value(0.0),
                    origin: TargetOrigin::Global,
                    source: global.wording.clone(),
                });
            }
            (true, Some(b)) => {
                return Some(Target {
                    year: global.year,
                    value: global.rule.value(b.value),
                    origin: TargetOrigin::Global,
                    source: global.wording.clone(),
                });
            }
            (true, None) => {}
        }
    }
    local.map(|p| Target {
        year: p.year,
        value: p.value,
        origin: TargetOrigin::Local,
        source: String::new(),
    })
}

/// +1 when a rising value is progress, −1 when a falling one is. An indicator
/// without a direction moves towards its target, when it has one.
fn sign(direction: Direction, baseline: f64, target: Option<f64>) -> Option<f64> {
    match direction {
        Direction::Increase => Some(1.0),
        Direction::Decrease => Some(-1.0),
        Direction::None => match target {
            Some(t) if t > baseline => Some(1.0),
            Some(t) if t < baseline => Some(-1.0),
            _ => None,
        },
    }
}

/// The light of one series. `series` may hold "not available" years and need not be sorted.
pub fn assess(
    direction: Direction,
    series: &[Observation],
    chosen_baseline_year: Option<i32>,
    start: PeriodStart,
    target: Option<Target>,
) -> Assessment {
    let pts = points(series);
    let (base, start_year) = match baseline(&pts, chosen_baseline_year, start) {
        Ok(b) => b,
        Err(reason) => return Assessment::no_data(reason),
    };
    let mut out = Assessment {
        baseline: Some(base),
        start_year: Some(start_year),
        target: target.clone(),
        ..Assessment::no_data(NoDataReason::SinglePoint)
    };
    let Some(latest) = pts.last().copied().filter(|p| p.year > base.year) else {
        out.reason = Some(if pts.last().is_some_and(|p| p.year < base.year) {
            NoDataReason::LatestBeforeBaseline
        } else {
            NoDataReason::SinglePoint
        });
        return out;
    };
    out.latest = Some(latest);
    let Some(target) = target else {
        out.reason = Some(NoDataReason::NoTarget);
        return out;
    };
    let Some(sign) = sign(direction, base.value, Some(target.value)) else {
        // No direction and the target equals the baseline: only reaching it counts.
        if direction == Direction::None && latest.value == target.value {
            out.light = Light::Met;
            out.reason = None;
        } else {
            out.reason = Some(NoDataReason::NoDirection);
        }
        return out;
    };
    let gained = sign * (latest.value - base.value);
    let needed = sign * (target.value - base.value);
    let elapsed = if target.year > start_year {
        (f64::from(latest.year - start_year) / f64::from(target.year - start_year)).clamp(0.0, 1.0)
    } else {
        // The deadline was at or before the start: all of the time has passed.
        1.0
    };
    out.elapsed = Some(elapsed);
    out.reason = None;
    out.light = if sign * (latest.value - target.value) >= 0.0 {
        // Covers a target already passed at the baseline and one equal to it.
        Light::Met
    } else if needed <= 0.0 {
        // The baseline had reached the target and the latest value fell back.
        Light::Regressing
    } else {
        let p = gained / needed;
        out.progress = Some(p);
        if p <= 0.0 {
            Light::Regressing
        } else if p >= elapsed {
            Light::OnTrack
        } else {
            Light::Insufficient
        }
    };
    if out.progress.is_none() && needed > 0.0 {
        out.progress = Some(gained / needed);
    }
    out.pace = pace::of(&pts, base, &target, sign, out.light);
    out
}

/// A territory against its country on the same indicator.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    /// Territory's latest value minus the country's.
    pub difference: f64,
    /// The territory is worse than the country in the indicator's direction of progress.
    pub behind: bool,
    pub territory_year: i32,
    pub country_year: i32,
}

pub fn gap(direction: Direction, territory: &Assessment, country: &Assessment) -> Option<Gap> {
    let (t, c) = (
        territory.latest.or(territory.baseline)?,
        country.latest.or(country.baseline)?,
    );
    let difference = t.value - c.value;
    let behind = match direction {
        Direction::Increase => difference < 0.0,
        Direction::Decrease => difference > 0.0,
        Direction::None => {
            let target = territory.target.as_ref().or(country.target.as_ref())?;
            (t.value - target.value).abs() > (c.value - target.value).abs()
        }
    };
    Some(Gap {
        difference,
        behind,
        territory_year: t.year,
        country_year: c.year,
    })
}

/// A goal's lights in one territory, summed up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoalSummary {
    /// The worst light among the assessed indicators; `NoData` when none was assessed.
    pub worst: Option<Light>,
    pub met: u32,
    pub on_track: u32,
    pub insufficient: u32,
    pub regressing: u32,
    pub no_data: u32,
    /// Insufficient or regressing among those with a light, 0–1.
    pub lagging_share: Option<f64>,
}

pub fn summarize<'a>(lights: impl IntoIterator<Item = &'a Light>) -> GoalSummary {
    let mut s = GoalSummary::default();
    for &light in lights {
        match light {
            Light::Met => s.met += 1,
            Light::OnTrack => s.on_track += 1,
            Light::Insufficient => s.insufficient += 1,
            Light::Regressing => s.regressing += 1,
            Light::NoData => s.no_data += 1,
        }
        if light != Light::NoData && s.worst.is_none_or(|w| light.severity() < w.severity()) {
            s.worst = Some(light);
        }
    }
    let assessed = s.met + s.on_track + s.insufficient + s.regressing;
    if assessed > 0 {
        s.lagging_share = Some(f64::from(s.insufficient + s.regressing) / f64::from(assessed));
    }
    if s.worst.is_none() && s.no_data > 0 {
        s.worst = Some(Light::NoData);
    }
    s
}

/// Series and targets written tersely, for the tests of this module and its children.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{Observation, Target, TargetOrigin};

    pub fn series(points: &[(i32, f64)]) -> Vec<Observation> {
        points
            .iter()
            .map(|&(year, value)| Observation {
                year,
                value: Some(value),
                source: String::new(),
            })
            .collect()
    }

    pub fn target(year: i32, value: f64) -> Option<Target> {
        Some(Target {
            year,
            value,
            origin: TargetOrigin::Local,
            source: String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{series, target};
    use super::*;

    fn light(direction: Direction, pts: &[(i32, f64)], t: Option<Target>) -> Light {
        assess(
            direction,
            &series(pts),
            None,
            PeriodStart::FirstObservation,
            t,
        )
        .light
    }

    use Direction::{Decrease, Increase};

    #[test]
    fn reaching_the_target_is_met() {
        assert_eq!(
            light(
                Increase,
                &[(2000, 80.0), (2010, 100.0)],
                target(2015, 100.0)
            ),
            Light::Met
        );
    }

    #[test]
    fn progress_ahead_of_elapsed_time_is_on_track() {
        // Half the period elapsed (2000→2010 of 2000→2020), 60 % of the way covered.
        let a = assess(
            Increase,
            &series(&[(2000, 50.0), (2010, 80.0)]),
            None,
            PeriodStart::FirstObservation,
            target(2020, 100.0),
        );
        assert_eq!(a.light, Light::OnTrack);
        assert_eq!(a.progress, Some(0.6));
        assert_eq!(a.elapsed, Some(0.5));
    }

    #[test]
    fn progress_behind_elapsed_time_is_insufficient() {
        assert_eq!(
            light(Increase, &[(2000, 50.0), (2010, 60.0)], target(2020, 100.0)),
            Light::Insufficient
        );
    }

    #[test]
    fn regressing_indicator_is_red() {
        assert_eq!(
            light(Increase, &[(2000, 50.0), (2010, 45.0)], target(2020, 100.0)),
            Light::Regressing
        );
    }

    #[test]
    fn no_change_at_all_is_regressing_since_p_is_zero() {
        assert_eq!(
            light(Increase, &[(2000, 50.0), (2010, 50.0)], target(2020, 100.0)),
            Light::Regressing
        );
    }

    #[test]
    fn falling_mortality_is_progress() {
        // Under-five mortality 60 → 30 per 1,000 with a target of 20 by 2015: p = 0.75, τ = 0.8.
        assert_eq!(
            light(Decrease, &[(1990, 60.0), (2010, 30.0)], target(2015, 20.0)),
            Light::Insufficient
        );
        assert_eq!(
            light(Decrease, &[(1990, 60.0), (2005, 30.0)], target(2015, 20.0)),
            Light::OnTrack
        );
        assert_eq!(
            light(Decrease, &[(1990, 60.0), (2010, 70.0)], target(2015, 20.0)),
            Light::Regressing
        );
        assert_eq!(
            light(Decrease, &[(1990, 60.0), (2010, 19.0)], target(2015, 20.0)),
            Light::Met
        );
    }

    #[test]
    fn rising_poverty_is_regressing() {
        assert_eq!(
            light(Decrease, &[(1990, 20.0), (2008, 24.0)], target(2015, 10.0)),
            Light::Regressing
        );
    }

    #[test]
    fn target_equal_to_baseline_is_met_when_held_and_regressing_when_lost() {
        assert_eq!(
            light(
                Increase,
                &[(2000, 100.0), (2010, 100.0)],
                target(2015, 100.0)
            ),
            Light::Met
        );
        assert_eq!(
            light(
                Increase,
                &[(2000, 100.0), (2010, 98.0)],
                target(2015, 100.0)
            ),
            Light::Regressing
        );
    }

    #[test]
    fn target_already_passed_at_the_baseline_is_met_while_it_stays_passed() {
        assert_eq!(
            light(Decrease, &[(2000, 5.0), (2010, 6.0)], target(2015, 8.0)),
            Light::Met
        );
        assert_eq!(
            light(Decrease, &[(2000, 5.0), (2010, 9.0)], target(2015, 8.0)),
            Light::Regressing
        );
    }

    #[test]
    fn latest_year_before_chosen_baseline_year_has_no_data() {
        let a = assess(
            Increase,
            &series(&[(2000, 50.0), (2005, 60.0)]),
            Some(2008),
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        assert_eq!(
            (a.light, a.reason),
            (Light::NoData, Some(NoDataReason::LatestBeforeBaseline))
        );
    }

    #[test]
    fn chosen_baseline_year_without_a_value_has_no_baseline() {
        let a = assess(
            Increase,
            &series(&[(2000, 50.0), (2010, 60.0)]),
            Some(2005),
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        assert_eq!(a.reason, Some(NoDataReason::NoBaseline));
    }

    #[test]
    fn chosen_baseline_year_moves_the_start_of_the_period() {
        // From 2005 (60) to 2010 (70) of 2005→2015: p = 0.25, τ = 0.5.
        let a = assess(
            Increase,
            &series(&[(2000, 50.0), (2005, 60.0), (2010, 70.0)]),
            Some(2005),
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        assert_eq!(
            (a.light, a.progress, a.elapsed),
            (Light::Insufficient, Some(0.25), Some(0.5))
        );
    }

    #[test]
    fn missing_values_give_no_data_with_a_reason() {
        let empty = assess(
            Increase,
            &[],
            None,
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        assert_eq!(empty.reason, Some(NoDataReason::NoValues));
        let one = assess(
            Increase,
            &series(&[(2000, 50.0)]),
            None,
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        assert_eq!(one.reason, Some(NoDataReason::SinglePoint));
        let no_target = assess(
            Increase,
            &series(&[(2000, 50.0), (2010, 60.0)]),
            None,
            PeriodStart::FirstObservation,
            None,
        );
        assert_eq!(
            (no_target.light, no_target.reason),
            (Light::NoData, Some(NoDataReason::NoTarget))
        );
    }

    #[test]
    fn not_available_years_are_skipped_not_read_as_zero() {
        let mut s = series(&[(2000, 50.0), (2010, 80.0)]);
        s.push(Observation {
            year: 2012,
            value: None,
            source: "INE".into(),
        });
        let a = assess(
            Increase,
            &s,
            None,
            PeriodStart::FirstObservation,
            target(2020, 100.0),
        );
        assert_eq!(a.latest.map(|p| p.year), Some(2010));
        assert_eq!(a.light, Light::OnTrack);
    }

    #[test]
    fn indicator_without_a_direction_moves_towards_its_target() {
        // Girls per boy: 0.90 → 0.98 towards parity 1.0.
        assert_eq!(
            light(
                Direction::None,
                &[(2000, 0.90), (2010, 0.98)],
                target(2015, 1.0)
            ),
            Light::OnTrack
        );
        assert_eq!(
            light(
                Direction::None,
                &[(2000, 1.10), (2010, 1.12)],
                target(2015, 1.0)
            ),
            Light::Regressing
        );
        let none = assess(
            Direction::None,
            &series(&[(2000, 1.0), (2010, 1.1)]),
            None,
            PeriodStart::FirstObservation,
            target(2015, 1.0),
        );
        assert_eq!(none.reason, Some(NoDataReason::NoDirection));
    }

    #[test]
    fn period_starting_in_1990_counts_elapsed_time_from_1990() {
        // Data from 1995 only: baseline is the nearest value, time counts from 1990.
        let pts = series(&[(1995, 50.0), (2010, 75.0)]);
        let from_data = assess(
            Increase,
            &pts,
            None,
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        let from_1990 = assess(
            Increase,
            &pts,
            None,
            PeriodStart::Year(1990),
            target(2015, 100.0),
        );
        assert_eq!(from_data.elapsed, Some(0.75));
        assert_eq!(from_1990.elapsed, Some(0.8));
        assert_eq!(from_data.light, Light::Insufficient);
        assert_eq!(from_1990.baseline.map(|b| b.year), Some(1995));
    }

    #[test]
    fn period_start_picks_the_observation_nearest_the_start_year() {
        let pts = series(&[(1985, 40.0), (1991, 45.0), (2010, 90.0)]);
        let a = assess(
            Increase,
            &pts,
            None,
            PeriodStart::Year(1990),
            target(2015, 100.0),
        );
        assert_eq!(a.baseline.map(|b| b.year), Some(1991));
    }

    #[test]
    fn a_deadline_already_past_leaves_no_time() {
        let a = assess(
            Increase,
            &series(&[(2000, 50.0), (2020, 95.0)]),
            None,
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        assert_eq!((a.light, a.elapsed), (Light::Insufficient, Some(1.0)));
    }

    #[test]
    fn global_halving_target_follows_the_baseline() {
        let b = Point {
            year: 1990,
            value: 30.0,
        };
        let t = resolve_target(None, "1.1", Some(b), None);
        assert_eq!(
            t.as_ref().map(|t| (t.year, t.value, t.origin)),
            Some((2015, 15.0, TargetOrigin::Global))
        );
    }

    #[test]
    fn national_commitment_wins_over_global_and_local_targets() {
        let national = Target {
            year: 2015,
            value: 5.0,
            origin: TargetOrigin::National,
            source: "Plan nacional".into(),
        };
        let local = Some(Point {
            year: 2020,
            value: 1.0,
        });
        let b = Some(Point {
            year: 1990,
            value: 30.0,
        });
        assert_eq!(
            resolve_target(Some(national.clone()), "1.1", b, local),
            Some(national)
        );
        assert_eq!(
            resolve_target(None, "1.1", b, local).map(|t| t.origin),
            Some(TargetOrigin::Global)
        );
        assert_eq!(
            resolve_target(None, "1.4", b, local).map(|t| t.origin),
            Some(TargetOrigin::Local)
        );
        assert_eq!(resolve_target(None, "1.4", b, None), None);
    }

    #[test]
    fn territory_behind_the_country_is_flagged_in_the_direction_of_progress() {
        let t = target(2015, 20.0);
        let town = assess(
            Decrease,
            &series(&[(1990, 70.0), (2010, 40.0)]),
            None,
            PeriodStart::FirstObservation,
            t.clone(),
        );
        let country = assess(
            Decrease,
            &series(&[(1990, 60.0), (2010, 30.0)]),
            None,
            PeriodStart::FirstObservation,
            t,
        );
        let g = gap(Decrease, &town, &country);
        assert_eq!(g.map(|g| (g.difference, g.behind)), Some((10.0, true)));
        let reverse = gap(Decrease, &country, &town);
        assert_eq!(reverse.map(|g| g.behind), Some(false));
        let up = gap(Increase, &town, &country);
        assert_eq!(up.map(|g| g.behind), Some(false));
    }

    #[test]
    fn goal_summary_gives_the_worst_light_and_the_lagging_share() {
        let s = summarize(&[
            Light::Met,
            Light::Insufficient,
            Light::OnTrack,
            Light::NoData,
            Light::Regressing,
        ]);
        assert_eq!(s.worst, Some(Light::Regressing));
        assert_eq!(s.lagging_share, Some(0.5));
        let blank = summarize(&[Light::NoData]);
        assert_eq!(
            (blank.worst, blank.lagging_share),
            (Some(Light::NoData), None)
        );
    }
}
