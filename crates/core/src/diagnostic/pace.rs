//! The pace of the most recent years, projected to the target year. The elapsed-time
//! light looks only at the first and last values; a series that advanced fast and
//! then stalled can be "on track" and still miss its target. This says so.

use serde::{Deserialize, Serialize};

use super::{Light, Point, Target};

/// How many of the latest values the recent pace is fitted on.
pub const RECENT_POINTS: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    /// Change per year over the last three values (least squares), in the series' unit.
    pub recent_per_year: f64,
    /// Change per year from the baseline to the latest value.
    pub average_per_year: f64,
    /// The year the target would be reached at the recent pace; `None` if never
    /// (the recent pace is flat or goes the wrong way) or if it is already met.
    pub projected_year: Option<i32>,
    /// The recent pace is slower than the average one, in the direction of progress.
    pub slowing: bool,
    /// The light says on track, yet at the recent pace the target year will pass first.
    pub will_miss_despite_on_track: bool,
}

/// Least-squares slope of value over year.
fn slope(points: &[Point]) -> Option<f64> {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| f64::from(p.year)).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.value).sum::<f64>() / n;
    let sxx: f64 = points
        .iter()
        .map(|p| (f64::from(p.year) - mean_x).powi(2))
        .sum();
    let sxy: f64 = points
        .iter()
        .map(|p| (f64::from(p.year) - mean_x) * (p.value - mean_y))
        .sum();
    (sxx > 0.0).then(|| sxy / sxx)
}

/// `sign` is +1 when rising is progress, −1 when falling is. `None` when the series
/// from the baseline on has fewer than three values.
pub fn of(
    points: &[Point],
    baseline: Point,
    target: &Target,
    sign: f64,
    light: Light,
) -> Option<Pace> {
    let from_baseline: Vec<Point> = points
        .iter()
        .copied()
        .filter(|p| p.year >= baseline.year)
        .collect();
    if from_baseline.len() < RECENT_POINTS {
        return None;
    }
    let recent = &from_baseline[from_baseline.len() - RECENT_POINTS..];
    let latest = *recent.last()?;
    let recent_per_year = slope(recent)?;
    let average_per_year = (latest.value - baseline.value) / f64::from(latest.year - baseline.year);
    let remaining = sign * (target.value - latest.value);
    let rate = sign * recent_per_year;
    let projected_year = if remaining <= 0.0 || rate <= 0.0 {
        None
    } else {
        let years = (remaining / rate).ceil();
        // A pace so slow it would take millennia is "never" for a town hall.
        (years < 1000.0).then(|| latest.year + years as i32)
    };
    let reaches = remaining <= 0.0 || projected_year.is_some_and(|y| y <= target.year);
    Some(Pace {
        recent_per_year,
        average_per_year,
        projected_year,
        slowing: rate < sign * average_per_year,
        will_miss_despite_on_track: light == Light::OnTrack && !reaches,
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{series as obs, target};
    use super::super::{PeriodStart, assess};
    use super::*;
    use crate::catalogue::Direction;

    #[test]
    fn a_series_that_slows_down_is_flagged_although_on_track() {
        // Coverage 40 → 88 by 2006 (fast), then 0.75 a year. Elapsed 20/25 = 0.8 and
        // progress 51/60 = 0.85: on track, yet 9 points are left for the last 5 years.
        let a = assess(
            Direction::Increase,
            &obs(&[(1990, 40.0), (2006, 88.0), (2008, 89.5), (2010, 91.0)]),
            None,
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        assert_eq!(a.light, Light::OnTrack);
        let pace = a.pace.expect("three or more values have a pace");
        assert!(pace.slowing);
        assert!(pace.will_miss_despite_on_track);
        // 9 points left at 0.75 a year: 12 more years.
        assert_eq!(pace.projected_year, Some(2022));
    }

    #[test]
    fn a_steady_series_projects_before_its_target_year() {
        let a = assess(
            Direction::Decrease,
            &obs(&[(1990, 60.0), (2000, 45.0), (2005, 37.5), (2010, 30.0)]),
            None,
            PeriodStart::FirstObservation,
            target(2015, 20.0),
        );
        let pace = a.pace.expect("pace");
        assert_eq!(pace.recent_per_year, -1.5);
        assert_eq!(pace.projected_year, Some(2017));
        assert!(!pace.slowing);
    }

    #[test]
    fn a_pace_going_the_wrong_way_never_reaches_the_target() {
        let a = assess(
            Direction::Increase,
            &obs(&[(2000, 50.0), (2004, 75.0), (2007, 74.0), (2010, 70.0)]),
            None,
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        assert_eq!(a.pace.and_then(|p| p.projected_year), None);
    }

    #[test]
    fn two_values_have_no_pace() {
        let a = assess(
            Direction::Increase,
            &obs(&[(2000, 50.0), (2010, 70.0)]),
            None,
            PeriodStart::FirstObservation,
            target(2015, 100.0),
        );
        assert_eq!(a.pace, None);
    }
}
