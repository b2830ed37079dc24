//! The arithmetic of weighted scoring: each person scores each candidate from 1 to
//! 5 on every criterion; a person's weighted total for a candidate is Σ wₖ·sₖ. A
//! candidate's weighted score is the mean of those totals, and their median and
//! spread say how much the room agrees. Pure: the store feeds it plain numbers.

use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// Scores closer than this are shown equal (two decimals) and are a tie.
pub const TIE: f64 = 0.005;

text_enum!(
    /// How much the room agrees on a candidate, from the spread of the people's
    /// weighted totals on the 1–5 scale: up to 0.5 high, up to 1 medium, else low.
    Agreement { High => "high", Medium => "medium", Low => "low" }
);

impl Agreement {
    pub fn of(spread: f64) -> Agreement {
        if spread <= 0.5 {
            Agreement::High
        } else if spread <= 1.0 {
            Agreement::Medium
        } else {
            Agreement::Low
        }
    }
}

/// One person's scores of one candidate, one per criterion in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scoring {
    pub candidate: usize,
    pub scores: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionScore {
    /// The mean score (1–5) the candidate got on the criterion.
    pub mean: Option<f64>,
    /// weight × mean: the criterion's part of the weighted score.
    pub contribution: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateScore {
    /// The candidate's index in the input.
    pub candidate: usize,
    /// People who scored it.
    pub n: u32,
    pub weighted: Option<f64>,
    pub median: Option<f64>,
    /// Population standard deviation of the people's weighted totals.
    pub spread: Option<f64>,
    pub agreement: Option<Agreement>,
    /// In the order of the criteria.
    pub criteria: Vec<CriterionScore>,
    /// 1 is first; tied candidates share a rank; unscored ones have none.
    pub rank: Option<u32>,
    pub tied: bool,
}

/// The first place under other weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The candidates (indices) first under these weights: more than one is a tie.
    pub first: Vec<usize>,
    /// The first place differs from the one under the chosen weights.
    pub changes: bool,
    /// The criterion left out, when the scenario leaves one out.
    pub dropped: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub equal_weights: Option<Scenario>,
    /// Without the most heavily weighted criterion (the first of equals).
    pub without_heaviest: Option<Scenario>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// Best first; candidates nobody scored last, in input order.
    pub candidates: Vec<CandidateScore>,
    pub sensitivity: Sensitivity,
}

/// Weights that sum to 1 (equal when they sum to nothing).
pub fn normalized(weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().filter(|w| w.is_finite()).sum();
    if total > 0.0 {
        weights
            .iter()
            .map(|w| if w.is_finite() { w / total } else { 0.0 })
            .collect()
    } else {
        vec![1.0 / weights.len().max(1) as f64; weights.len()]
    }
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// Ranks `candidates` candidates scored on `weights.len()` criteria. Scorings of an
/// unknown candidate or with the wrong number of scores are ignored (the store
/// checked them already).
pub fn rank(candidates: usize, weights: &[f64], scorings: &[Scoring]) -> Ranking {
    let k = weights.len();
    let w = normalized(weights);
    let mut totals: Vec<Vec<f64>> = vec![Vec::new(); candidates];
    let mut sums = vec![0u64; candidates * k];
    for s in scorings {
        if s.candidate >= candidates || s.scores.len() != k {
            continue;
        }
        let mut total = 0.0;
        for (j, &score) in s.scores.iter().enumerate() {
            sums[s.candidate * k + j] += u64::from(score);
            total += w[j] * f64::from(score);
        }
        totals[s.candidate].push(total);
    }
    let means: Vec<Vec<Option<f64>>> = (0..candidates)
        .map(|c| {
            let n = totals[c].len();
            (0..k)
                .map(|j| (n > 0).then(|| sums[c * k + j] as f64 / n as f64))
                .collect()
        })
        .collect();
    let mut scores: Vec<CandidateScore> = totals
        .iter_mut()
        .enumerate()
        .map(|(c, t)| {
            let n = t.len();
            let (weighted, med, spread) = if n == 0 {
                (None, None, None)
            } else {
                t.sort_by(f64::total_cmp);
                let mean = t.iter().sum::<f64>() / n as f64;
                let var = t.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
                (Some(mean), Some(median(t)), Some(var.sqrt()))
            };
            CandidateScore {
                candidate: c,
                n: n as u32,
                weighted,
                median: med,
                spread,
                agreement: spread.map(Agreement::of),
                criteria: means[c]
                    .iter()
                    .zip(&w)
                    .map(|(m, w)| CriterionScore {
                        mean: *m,
                        contribution: m.map(|m| m * w),
                    })
                    .collect(),
                rank: None,
                tied: false,
            }
        })
        .collect();
    scores.sort_by(|a, b| match (a.weighted, b.weighted) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.candidate.cmp(&b.candidate),
    });
    assign_ranks(&mut scores);
    let first = firsts(
        &scores.iter().map(|s| s.weighted).collect::<Vec<_>>(),
        |i| scores[i].candidate,
    );
    let sensitivity = if first.is_empty() {
        Sensitivity::default()
    } else {
        let scenario = |weights: &[f64], dropped: Option<usize>| {
            let w = normalized(weights);
            let by_candidate: Vec<Option<f64>> = means
                .iter()
                .map(|m| {
                    m.iter()
                        .zip(&w)
                        .map(|(m, w)| m.map(|m| m * w))
                        .sum::<Option<f64>>()
                })
                .collect();
            let first_here = firsts(&by_candidate, |i| i);
            Scenario {
                changes: first_here != first,
                first: first_here,
                dropped,
            }
        };
        let heaviest = w
            .iter()
            .enumerate()
            .fold(None, |best: Option<(usize, f64)>, (j, &v)| match best {
                Some((_, b)) if b >= v => best,
                _ => Some((j, v)),
            })
            .map(|(j, _)| j);
        Sensitivity {
            equal_weights: Some(scenario(&vec![1.0; k], None)),
            without_heaviest: heaviest.filter(|_| k > 1).map(|j| {
                let mut without = w.clone();
                without[j] = 0.0;
                scenario(&without, Some(j))
            }),
        }
    };
    Ranking {
        candidates: scores,
        sensitivity,
    }
}

/// Ranks sorted scores: within TIE of the first of a group is the same rank.
fn assign_ranks(scores: &mut [CandidateScore]) {
    let mut i = 0;
    while i < scores.len() {
        let Some(top) = scores[i].weighted else { break };
        let mut j = i + 1;
        while j < scores.len() && scores[j].weighted.is_some_and(|v| top - v < TIE) {
            j += 1;
        }
        for s in &mut scores[i..j] {
            s.rank = Some(i as u32 + 1);
            s.tied = j - i > 1;
        }
        i = j;
    }
}

/// The candidates (as `id(i)`) whose score is within TIE of the best, sorted.
fn firsts(scores: &[Option<f64>], id: impl Fn(usize) -> usize) -> Vec<usize> {
    let best = scores
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let mut out: Vec<usize> = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_some_and(|s| best - s < TIE))
        .map(|(i, _)| id(i))
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scoring(candidate: usize, scores: &[u8]) -> Scoring {
        Scoring {
            candidate,
            scores: scores.to_vec(),
        }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn weighted_score_is_the_mean_of_each_persons_weighted_total() {
        // Weights 50/30/20. Person 1 gives A (5,3,1): 2.5+0.9+0.2 = 3.6;
        // person 2 gives A (3,3,3): 3.0. Mean 3.3, median 3.3, spread 0.3.
        let r = rank(
            1,
            &[50.0, 30.0, 20.0],
            &[scoring(0, &[5, 3, 1]), scoring(0, &[3, 3, 3])],
        );
        let a = &r.candidates[0];
        assert_eq!(a.n, 2);
        assert!(close(a.weighted, 3.3));
        assert!(close(a.median, 3.3));
        assert!(close(a.spread, 0.3));
        assert_eq!(a.agreement, Some(Agreement::High));
        // The breakdown: mean per criterion and its weighted part.
        assert!(close(a.criteria[0].mean, 4.0));
        assert!(close(a.criteria[0].contribution, 2.0));
        assert!(close(a.criteria[2].contribution, 0.4));
    }

    #[test]
    fn median_of_an_odd_room_is_the_middle_total() {
        let r = rank(
            1,
            &[1.0],
            &[scoring(0, &[1]), scoring(0, &[5]), scoring(0, &[4])],
        );
        assert!(close(r.candidates[0].median, 4.0));
        // Totals 1, 4, 5: mean 10/3, population spread √(38/9 ÷ 3)… computed:
        let mean = 10.0 / 3.0;
        let var = ((1.0 - mean) * (1.0f64 - mean)
            + (4.0 - mean) * (4.0 - mean)
            + (5.0 - mean) * (5.0 - mean))
            / 3.0;
        assert!(close(r.candidates[0].spread, var.sqrt()));
        assert_eq!(r.candidates[0].agreement, Some(Agreement::Low));
    }

    #[test]
    fn a_divided_room_has_low_agreement_even_with_a_middling_mean() {
        let r = rank(1, &[1.0], &[scoring(0, &[1]), scoring(0, &[5])]);
        assert!(close(r.candidates[0].weighted, 3.0));
        assert!(close(r.candidates[0].spread, 2.0));
        assert_eq!(r.candidates[0].agreement, Some(Agreement::Low));
    }

    #[test]
    fn candidates_are_ranked_best_first() {
        let r = rank(
            3,
            &[1.0, 1.0],
            &[
                scoring(0, &[2, 2]),
                scoring(1, &[5, 4]),
                scoring(2, &[3, 3]),
            ],
        );
        let order: Vec<usize> = r.candidates.iter().map(|c| c.candidate).collect();
        assert_eq!(order, [1, 2, 0]);
        let ranks: Vec<Option<u32>> = r.candidates.iter().map(|c| c.rank).collect();
        assert_eq!(ranks, [Some(1), Some(2), Some(3)]);
        assert!(r.candidates.iter().all(|c| !c.tied));
    }

    #[test]
    fn equal_scores_are_flagged_as_a_tie_and_share_the_rank() {
        let r = rank(
            3,
            &[1.0, 1.0],
            &[
                scoring(0, &[4, 2]),
                scoring(1, &[3, 3]),
                scoring(2, &[1, 1]),
            ],
        );
        let first_two: Vec<(Option<u32>, bool)> =
            r.candidates[..2].iter().map(|c| (c.rank, c.tied)).collect();
        assert_eq!(first_two, [(Some(1), true), (Some(1), true)]);
        assert_eq!(
            (r.candidates[2].rank, r.candidates[2].tied),
            (Some(3), false)
        );
    }

    #[test]
    fn scores_that_differ_only_after_two_decimals_are_a_tie() {
        // 3.001 and 3.0 both show as 3,00.
        let r = rank(
            2,
            &[999.0, 1.0],
            &[scoring(0, &[3, 4]), scoring(1, &[3, 3])],
        );
        assert!(r.candidates.iter().all(|c| c.tied));
    }

    #[test]
    fn a_candidate_nobody_scored_is_last_and_unranked() {
        let r = rank(2, &[1.0], &[scoring(1, &[2])]);
        assert_eq!(r.candidates[1].candidate, 0);
        assert_eq!(
            (r.candidates[1].rank, r.candidates[1].weighted),
            (None, None)
        );
    }

    #[test]
    fn sensitivity_shows_the_first_place_changing_with_equal_weights() {
        // A is strong on the heavy criterion (80 points), B on the two others.
        // Weighted: A = .8·5+.1·1+.1·1 = 4.2, B = .8·2+.1·5+.1·5 = 2.6.
        // Equal weights: A = 7/3, B = 4: B first. Without the heavy one: B first.
        let r = rank(
            2,
            &[80.0, 10.0, 10.0],
            &[scoring(0, &[5, 1, 1]), scoring(1, &[2, 5, 5])],
        );
        assert_eq!(r.candidates[0].candidate, 0);
        let equal = r
            .sensitivity
            .equal_weights
            .as_ref()
            .map(|s| (&s.first[..], s.changes));
        assert_eq!(equal, Some((&[1usize][..], true)));
        let without = r.sensitivity.without_heaviest.as_ref();
        assert_eq!(without.map(|s| s.dropped), Some(Some(0)));
        assert_eq!(without.map(|s| s.changes), Some(true));
    }

    #[test]
    fn sensitivity_is_quiet_when_the_first_place_holds() {
        let r = rank(
            2,
            &[60.0, 40.0],
            &[scoring(0, &[5, 5]), scoring(1, &[1, 2])],
        );
        let s = &r.sensitivity;
        assert_eq!(s.equal_weights.as_ref().map(|s| s.changes), Some(false));
        assert_eq!(s.without_heaviest.as_ref().map(|s| s.changes), Some(false));
    }

    #[test]
    fn nothing_scored_has_no_sensitivity() {
        let r = rank(2, &[1.0, 1.0], &[]);
        assert_eq!(r.sensitivity, Sensitivity::default());
    }
}
