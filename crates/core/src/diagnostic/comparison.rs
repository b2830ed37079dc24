//! Territories side by side: who is ahead and who is left behind on each indicator
//! and goal, and how unequal they are. Finding the places left behind is the point
//! of municipalizing the MDGs.

use serde::{Deserialize, Serialize};

use super::{Assessment, Light};
use crate::catalogue::Direction;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked<K> {
    pub key: K,
    /// 1 is the most advanced; territories without a light come last, unranked.
    pub rank: Option<u32>,
    pub light: Light,
    pub progress: Option<f64>,
    pub latest: Option<f64>,
}

/// Inequality between territories' latest values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inequality<K> {
    /// The best and worst latest values in the direction of progress.
    pub best: K,
    pub worst: K,
    pub best_value: f64,
    pub worst_value: f64,
    /// Highest value over lowest (≥ 1): "mortality is 2.5 times higher in …".
    /// `None` when the lowest is zero or negative.
    pub ratio: Option<f64>,
    /// Highest minus lowest.
    pub range: f64,
    /// Population standard deviation.
    pub std_dev: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorComparison<K> {
    pub ranking: Vec<Ranked<K>>,
    pub inequality: Option<Inequality<K>>,
}

/// Progress counted for ranking: a met target counts as 1 and a collapse no lower
/// than −1, so that one extreme indicator does not decide a goal's rank.
fn bounded(progress: f64) -> f64 {
    progress.clamp(-1.0, 1.0)
}

/// Sorts best first (rows without a score last) and numbers them; equal scores
/// share a rank (1, 1, 3).
fn rank<T>(rows: &mut [T], score: impl Fn(&T) -> Option<f64>, set: impl Fn(&mut T, Option<u32>)) {
    rows.sort_by(|a, b| match (score(a), score(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut current = 0;
    let mut previous: Option<f64> = None;
    for (i, row) in rows.iter_mut().enumerate() {
        let r = score(row).map(|s| {
            if previous != Some(s) {
                current = i as u32 + 1;
            }
            previous = Some(s);
            current
        });
        set(row, r);
    }
}

/// One indicator across territories. `direction` decides which value is best.
pub fn indicator<K: Clone>(
    direction: Direction,
    rows: &[(K, &Assessment)],
) -> IndicatorComparison<K> {
    let mut ranking: Vec<Ranked<K>> = rows
        .iter()
        .map(|(key, a)| Ranked {
            key: key.clone(),
            rank: None,
            light: a.light,
            progress: if a.light == Light::NoData {
                None
            } else {
                a.progress.or(Some(1.0))
            },
            latest: a.latest.map(|p| p.value),
        })
        .collect();
    rank(&mut ranking, |r| r.progress.map(bounded), |r, n| r.rank = n);
    IndicatorComparison {
        inequality: inequality(direction, rows),
        ranking,
    }
}

fn inequality<K: Clone>(direction: Direction, rows: &[(K, &Assessment)]) -> Option<Inequality<K>> {
    let values: Vec<(&K, f64)> = rows
        .iter()
        .filter_map(|(k, a)| a.latest.map(|p| (k, p.value)))
        .collect();
    if values.len() < 2 {
        return None;
    }
    let high = values.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let low = values.iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
    let (best, worst) = match direction {
        Direction::Decrease => (low, high),
        Direction::Increase | Direction::None => (high, low),
    };
    let n = values.len() as f64;
    let mean = values.iter().map(|v| v.1).sum::<f64>() / n;
    let var = values.iter().map(|v| (v.1 - mean).powi(2)).sum::<f64>() / n;
    Some(Inequality {
        best: best.0.clone(),
        worst: worst.0.clone(),
        best_value: best.1,
        worst_value: worst.1,
        ratio: (low.1 > 0.0).then(|| high.1 / low.1),
        range: high.1 - low.1,
        std_dev: var.sqrt(),
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalRanked<K> {
    pub key: K,
    pub rank: Option<u32>,
    /// Mean of the bounded progress of the goal's assessed indicators.
    pub mean_progress: Option<f64>,
    pub assessed: u32,
    pub lagging: u32,
}

/// A goal across territories: each territory's assessments of the goal's indicators.
pub fn goal<K: Clone>(rows: &[(K, Vec<&Assessment>)]) -> Vec<GoalRanked<K>> {
    let mut out: Vec<GoalRanked<K>> = rows
        .iter()
        .map(|(key, assessments)| {
            let assessed: Vec<f64> = assessments
                .iter()
                .filter(|a| a.light != Light::NoData)
                .map(|a| bounded(a.progress.unwrap_or(1.0)))
                .collect();
            GoalRanked {
                key: key.clone(),
                rank: None,
                mean_progress: (!assessed.is_empty())
                    .then(|| assessed.iter().sum::<f64>() / assessed.len() as f64),
                assessed: assessed.len() as u32,
                lagging: assessments.iter().filter(|a| a.light.is_lagging()).count() as u32,
            }
        })
        .collect();
    rank(&mut out, |r| r.mean_progress, |r, n| r.rank = n);
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{series, target};
    use super::super::{PeriodStart, assess};
    use super::*;

    fn a(direction: Direction, pts: &[(i32, f64)], t: f64) -> Assessment {
        assess(
            direction,
            &series(pts),
            None,
            PeriodStart::FirstObservation,
            target(2015, t),
        )
    }

    #[test]
    fn territories_are_ranked_by_progress_and_the_one_without_data_comes_last() {
        let ahead = a(Direction::Decrease, &[(1990, 60.0), (2010, 25.0)], 20.0);
        let behind = a(Direction::Decrease, &[(1990, 50.0), (2010, 45.0)], 20.0);
        let blank = a(Direction::Decrease, &[], 20.0);
        let c = indicator(
            Direction::Decrease,
            &[
                ("Quillón", &behind),
                ("Coelemu", &blank),
                ("Ránquil", &ahead),
            ],
        );
        let order: Vec<_> = c.ranking.iter().map(|r| (r.key, r.rank)).collect();
        assert_eq!(
            order,
            vec![
                ("Ránquil", Some(1)),
                ("Quillón", Some(2)),
                ("Coelemu", None)
            ]
        );
    }

    #[test]
    fn inequality_names_best_and_worst_in_the_direction_of_progress() {
        let low = a(Direction::Decrease, &[(1990, 60.0), (2010, 10.0)], 20.0);
        let high = a(Direction::Decrease, &[(1990, 60.0), (2010, 25.0)], 20.0);
        let c = indicator(
            Direction::Decrease,
            &[("Ninhue", &high), ("Trehuaco", &low)],
        );
        let i = c.inequality.expect("two values");
        assert_eq!((i.best, i.worst), ("Trehuaco", "Ninhue"));
        assert_eq!(i.ratio, Some(2.5));
        assert_eq!(i.range, 15.0);
        assert_eq!(i.std_dev, 7.5);
    }

    #[test]
    fn equal_progress_shares_a_rank() {
        let x = a(Direction::Increase, &[(2000, 50.0), (2010, 75.0)], 100.0);
        let y = a(Direction::Increase, &[(2000, 50.0), (2010, 75.0)], 100.0);
        let z = a(Direction::Increase, &[(2000, 50.0), (2010, 60.0)], 100.0);
        let ranks: Vec<_> = indicator(Direction::Increase, &[("x", &x), ("y", &y), ("z", &z)])
            .ranking
            .iter()
            .map(|r| r.rank)
            .collect();
        assert_eq!(ranks, vec![Some(1), Some(1), Some(3)]);
    }

    #[test]
    fn goals_rank_territories_by_mean_bounded_progress() {
        let met = a(Direction::Increase, &[(2000, 50.0), (2010, 200.0)], 100.0);
        let half = a(Direction::Increase, &[(2000, 50.0), (2010, 75.0)], 100.0);
        let worse = a(Direction::Increase, &[(2000, 50.0), (2010, 40.0)], 100.0);
        let ranked = goal(&[("a", vec![&half, &worse]), ("b", vec![&met, &half])]);
        assert_eq!(ranked[0].key, "b");
        // b: met counts as 1 (not 3), half 0.5 → 0.75.
        assert_eq!(ranked[0].mean_progress, Some(0.75));
        assert_eq!(ranked[1].lagging, 2);
    }
}
