//! Weights from pairwise comparisons (Saaty's Analytic Hierarchy Process): the
//! principal eigenvector of the reciprocal judgement matrix, and the consistency
//! ratio that tells the room whether its judgements hang together.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Saaty's random consistency index by matrix size (Saaty 1980; the values printed
/// in most AHP texts). Index 0 is a 1×1 matrix.
const RANDOM_INDEX: [f64; 15] = [
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

/// Above this ratio the judgements are too inconsistent to trust (Saaty's rule).
pub const CONSISTENCY_LIMIT: f64 = 0.10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ahp {
    /// One per criterion, summing to 1.
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    pub consistency_index: f64,
    pub consistency_ratio: f64,
    /// The ratio is at most 0.10.
    pub consistent: bool,
}

/// A judgement on Saaty's scale: 1…9 (the first criterion matters more) or its
/// reciprocal 1/2…1/9 (the second matters more).
pub fn check_judgement(value: f64) -> Result<()> {
    let on_scale = |v: f64| (1..=9).any(|k| (v - f64::from(k)).abs() < 1e-6);
    if value.is_finite() && value > 0.0 && (on_scale(value) || on_scale(1.0 / value)) {
        Ok(())
    } else {
        Err(Error::PairwiseOutOfScale { value })
    }
}

/// The weights of a reciprocal matrix (`m[i][j]` · `m[j][i]` = 1) by power
/// iteration, which converges to the principal eigenvector of a positive matrix.
pub fn weigh(m: &[Vec<f64>]) -> Ahp {
    let n = m.len();
    if n == 0 {
        return Ahp {
            weights: Vec::new(),
            lambda_max: 0.0,
            consistency_index: 0.0,
            consistency_ratio: 0.0,
            consistent: true,
        };
    }
    let multiply = |w: &[f64]| -> Vec<f64> {
        m.iter()
            .map(|row| row.iter().zip(w).map(|(a, b)| a * b).sum())
            .collect()
    };
    let mut w = vec![1.0 / n as f64; n];
    for _ in 0..1000 {
        let next = multiply(&w);
        let total: f64 = next.iter().sum();
        let next: Vec<f64> = next.iter().map(|v| v / total).collect();
        let moved = next
            .iter()
            .zip(&w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        w = next;
        if moved < 1e-12 {
            break;
        }
    }
    let aw = multiply(&w);
    let lambda_max = aw.iter().zip(&w).map(|(a, b)| a / b).sum::<f64>() / n as f64;
    let consistency_index = if n > 1 {
        ((lambda_max - n as f64) / (n as f64 - 1.0)).max(0.0)
    } else {
        0.0
    };
    let random = RANDOM_INDEX.get(n - 1).copied().unwrap_or(1.59);
    let consistency_ratio = if random > 0.0 {
        consistency_index / random
    } else {
        0.0
    };
    Ahp {
        weights: w,
        lambda_max,
        consistency_index,
        consistency_ratio,
        consistent: consistency_ratio <= CONSISTENCY_LIMIT,
    }
}

/// The full reciprocal matrix from the judgements above the diagonal
/// (`upper(i, j)` for i < j); a pair not judged yet counts as equal (1).
pub fn matrix(n: usize, upper: impl Fn(usize, usize) -> Option<f64>) -> Vec<Vec<f64>> {
    let mut m = vec![vec![1.0; n]; n];
    for (i, j) in (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))) {
        let v = upper(i, j).unwrap_or(1.0);
        m[i][j] = v;
        m[j][i] = 1.0 / v;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Saaty, T. L. (1990). "How to make a decision: The analytic hierarchy process."
    /// European Journal of Operational Research 48(1), 9–26: the house example, eight
    /// criteria (size, transportation, neighbourhood, age, yard, modern facilities,
    /// general condition, financing). Published priorities .173 .054 .188 .018 .031
    /// .036 .167 .333; λmax = 9.669, CI = 0.238, CR = 0.169.
    fn saaty_house() -> Vec<Vec<f64>> {
        let t = 1.0 / 3.0;
        vec![
            vec![1.0, 5.0, 3.0, 7.0, 6.0, 6.0, t, 0.25],
            vec![0.2, 1.0, t, 5.0, 3.0, 3.0, 0.2, 1.0 / 7.0],
            vec![t, 3.0, 1.0, 6.0, 3.0, 4.0, 6.0, 0.2],
            vec![1.0 / 7.0, 0.2, 1.0 / 6.0, 1.0, t, 0.25, 1.0 / 7.0, 0.125],
            vec![1.0 / 6.0, t, t, 3.0, 1.0, 0.5, 0.2, 1.0 / 6.0],
            vec![1.0 / 6.0, t, 0.25, 4.0, 2.0, 1.0, 0.2, 1.0 / 6.0],
            vec![3.0, 5.0, 1.0 / 6.0, 7.0, 5.0, 5.0, 1.0, 0.5],
            vec![4.0, 7.0, 5.0, 8.0, 6.0, 6.0, 2.0, 1.0],
        ]
    }

    #[test]
    fn saatys_house_example_gives_the_published_priorities() {
        let ahp = weigh(&saaty_house());
        let published = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333];
        for (got, want) in ahp.weights.iter().zip(published) {
            assert!((got - want).abs() < 0.0005, "{got} vs {want}");
        }
        assert!((ahp.weights.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn saatys_house_example_gives_the_published_consistency() {
        let ahp = weigh(&saaty_house());
        assert!((ahp.lambda_max - 9.669).abs() < 0.0005);
        assert!((ahp.consistency_index - 0.238).abs() < 0.0005);
        assert!((ahp.consistency_ratio - 0.169).abs() < 0.0005);
        assert!(!ahp.consistent, "0.169 is above the 0.10 limit");
    }

    #[test]
    fn consistent_judgements_have_no_inconsistency() {
        // a = 2b = 4c, stated exactly.
        let m = matrix(3, |i, j| Some(if (i, j) == (0, 2) { 4.0 } else { 2.0 }));
        let ahp = weigh(&m);
        let want = [4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0];
        for (got, want) in ahp.weights.iter().zip(want) {
            assert!((got - want).abs() < 1e-9);
        }
        assert!(ahp.consistency_ratio.abs() < 1e-9);
        assert!(ahp.consistent);
    }

    #[test]
    fn unjudged_pairs_count_as_equal() {
        let ahp = weigh(&matrix(4, |_, _| None));
        assert!(ahp.weights.iter().all(|w| (w - 0.25).abs() < 1e-12));
    }

    #[test]
    fn judgements_off_saatys_scale_are_refused() {
        for bad in [0.0, -3.0, 10.0, 2.5, f64::NAN, 1.0 / 10.0] {
            assert_eq!(
                check_judgement(bad).map_err(|e| e.code()),
                Err("pairwise_out_of_scale"),
                "{bad}"
            );
        }
        for good in [1.0, 3.0, 9.0, 1.0 / 3.0, 1.0 / 9.0] {
            assert!(check_judgement(good).is_ok(), "{good}");
        }
    }
}
