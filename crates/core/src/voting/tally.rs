//! The tally of each kind of question, over all the channels that brought ballots:
//! the figures the room needs, whole (never deltas), so a screen that missed an
//! update is right again at the next one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answer::Answer;
use super::{ByChannel, Channel, Kind, Question, QuestionOption, Scale, ScaleTally, tally_scale};

/// One option's share of a choice, points, dots, ranking or grid question.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OptionTally {
    pub option: String,
    pub label: String,
    /// Choice: ballots (and hands) that chose it. Points, dots: the sum given to it.
    /// Ranking: ballots that put it first. Grid: ballots that placed it.
    pub count: u32,
    /// Points and dots: the mean per ballot. Ranking: the mean position (1 = first).
    pub mean: Option<f64>,
    /// Ranking: the Borda score (n − position, summed; the higher the better).
    pub borda: Option<u32>,
    /// Single and multiple choice: the hands counted for it (part of `count`).
    pub hands: u32,
    /// Grid: mean impact and feasibility, 0–1.
    pub impact: Option<f64>,
    pub feasibility: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tally {
    Scale(ScaleTally),
    /// Single, multiple, points, dots, ranking and grid: one row per option, in the
    /// question's order (the charts sort them as they need).
    Options {
        question_kind: Kind,
        options: Vec<OptionTally>,
        by_channel: ByChannel,
        /// Ballots (and hands) counted.
        n: u32,
    },
    /// Scores: per option, the mean score on each criterion (in the question's
    /// order). The weighted ranking is the prioritization's, which knows the weights.
    Scores {
        options: Vec<ScoredOption>,
        criteria: Vec<QuestionOption>,
        by_channel: ByChannel,
        n: u32,
    },
    /// Ideas: each distinct idea (case and spacing aside) with how many sent it,
    /// the most sent first.
    Ideas {
        ideas: Vec<IdeaCount>,
        by_channel: ByChannel,
        n: u32,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoredOption {
    pub option: String,
    pub label: String,
    /// Ballots that scored it.
    pub n: u32,
    pub means: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdeaCount {
    /// As the first person wrote it.
    pub text: String,
    pub count: u32,
}

/// The same idea written twice: case and spacing aside.
pub fn idea_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Tally {
    pub fn n(&self) -> u32 {
        match self {
            Tally::Scale(t) => t.n,
            Tally::Options { n, .. } | Tally::Scores { n, .. } | Tally::Ideas { n, .. } => *n,
        }
    }

    pub fn by_channel(&self) -> ByChannel {
        match self {
            Tally::Scale(t) => t.by_channel,
            Tally::Options { by_channel, .. }
            | Tally::Scores { by_channel, .. }
            | Tally::Ideas { by_channel, .. } => *by_channel,
        }
    }
}

fn count_channel(by: &mut ByChannel, channel: Channel, n: u32) {
    match channel {
        Channel::Phone => by.phone += n,
        Channel::Paper => by.paper += n,
        Channel::Hands => by.hands += n,
    }
}

/// `hands` are (scale value or option id, count) as the facilitator counted them.
pub fn tally(question: &Question, ballots: &[(Channel, Answer)], hands: &[(String, u32)]) -> Tally {
    let mut by = ByChannel::default();
    if question.kind == Kind::Scale {
        let scale = question.scale.unwrap_or(Scale::ONE_TO_FIVE);
        let len = (scale.max - scale.min + 1).max(0) as usize;
        let slot = |v: i64| {
            (scale.min..=scale.max)
                .contains(&v)
                .then(|| (v - scale.min) as usize)
        };
        let mut counts = vec![0u32; len];
        let mut hand_counts = vec![0u32; len];
        for (choice, n) in hands {
            if let Some(i) = choice.trim().parse().ok().and_then(slot) {
                counts[i] += n;
                hand_counts[i] += n;
                by.hands += n;
            }
        }
        for (channel, answer) in ballots {
            if let Answer::Scale { value } = answer
                && let Some(i) = slot(*value)
            {
                counts[i] += 1;
                count_channel(&mut by, *channel, 1);
            }
        }
        return Tally::Scale(tally_scale(scale, &counts, &hand_counts, by));
    }
    if question.kind == Kind::Scores {
        return tally_scores(question, ballots);
    }
    if question.kind == Kind::Ideas {
        return tally_ideas(ballots);
    }
    let mut rows: Vec<OptionTally> = question
        .options
        .iter()
        .map(|o| OptionTally {
            option: o.id.clone(),
            label: o.label.clone(),
            ..OptionTally::default()
        })
        .collect();
    let index: BTreeMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.option.clone(), i))
        .collect();
    let mut n = 0;
    if matches!(question.kind, Kind::Single | Kind::Multiple) {
        for (choice, count) in hands {
            if let Some(&i) = index.get(choice) {
                rows[i].count += count;
                rows[i].hands += count;
                by.hands += count;
            }
        }
        // A show of hands on a multiple choice counts hands, not people: the
        // number of voters is unknown, so hands add to the options only.
        n += hands
            .iter()
            .filter(|(c, _)| index.contains_key(c))
            .map(|(_, c)| c)
            .sum::<u32>();
    }
    let mut sums: Vec<f64> = vec![0.0; rows.len()];
    let mut second: Vec<f64> = vec![0.0; rows.len()];
    let mut placed: Vec<u32> = vec![0; rows.len()];
    let options = rows.len() as u32;
    for (channel, answer) in ballots {
        let before = n;
        match (question.kind, answer) {
            (Kind::Single, Answer::Single { option }) => {
                if let Some(&i) = index.get(option) {
                    rows[i].count += 1;
                    n += 1;
                }
            }
            (Kind::Multiple, Answer::Multiple { options }) => {
                for o in options {
                    if let Some(&i) = index.get(o) {
                        rows[i].count += 1;
                    }
                }
                n += 1;
            }
            (Kind::Points, Answer::Points { points: given })
            | (Kind::Dots, Answer::Dots { dots: given }) => {
                for (o, v) in given {
                    if let Some(&i) = index.get(o) {
                        rows[i].count += v;
                    }
                }
                n += 1;
            }
            (Kind::Ranking, Answer::Ranking { order }) => {
                for (position, o) in order.iter().enumerate() {
                    if let Some(&i) = index.get(o) {
                        sums[i] += (position + 1) as f64;
                        placed[i] += 1;
                        let borda = rows[i].borda.unwrap_or(0);
                        rows[i].borda = Some(borda + options.saturating_sub(position as u32 + 1));
                        if position == 0 {
                            rows[i].count += 1;
                        }
                    }
                }
                n += 1;
            }
            (Kind::Grid, Answer::Grid { placements }) => {
                for (o, p) in placements {
                    if let Some(&i) = index.get(o) {
                        sums[i] += p.impact;
                        second[i] += p.feasibility;
                        placed[i] += 1;
                        rows[i].count += 1;
                    }
                }
                n += 1;
            }
            // A ballot that does not fit the question (the question changed kind) is not counted.
            _ => {}
        }
        if n > before {
            count_channel(&mut by, *channel, n - before);
        }
    }
    for (i, row) in rows.iter_mut().enumerate() {
        match question.kind {
            Kind::Points | Kind::Dots if n > 0 => {
                row.mean = Some(f64::from(row.count) / f64::from(n))
            }
            Kind::Ranking if placed[i] > 0 => {
                row.mean = Some(sums[i] / f64::from(placed[i]));
                row.borda.get_or_insert(0);
            }
            Kind::Ranking => row.borda = Some(0),
            Kind::Grid if placed[i] > 0 => {
                row.impact = Some(sums[i] / f64::from(placed[i]));
                row.feasibility = Some(second[i] / f64::from(placed[i]));
            }
            _ => {}
        }
    }
    Tally::Options {
        question_kind: question.kind,
        options: rows,
        by_channel: by,
        n,
    }
}

fn tally_scores(question: &Question, ballots: &[(Channel, Answer)]) -> Tally {
    let k = question.criteria.len();
    let mut by = ByChannel::default();
    let mut n = 0;
    let mut sums = vec![vec![0i64; k]; question.options.len()];
    let mut scored = vec![0u32; question.options.len()];
    for (channel, answer) in ballots {
        let Answer::Scores { scores } = answer else {
            continue;
        };
        n += 1;
        count_channel(&mut by, *channel, 1);
        for (i, option) in question.options.iter().enumerate() {
            let Some(given) = scores.get(&option.id) else {
                continue;
            };
            scored[i] += 1;
            for (j, criterion) in question.criteria.iter().enumerate() {
                sums[i][j] += given.get(&criterion.id).copied().unwrap_or(0);
            }
        }
    }
    Tally::Scores {
        options: question
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| ScoredOption {
                option: o.id.clone(),
                label: o.label.clone(),
                n: scored[i],
                means: sums[i]
                    .iter()
                    .map(|&s| (scored[i] > 0).then(|| s as f64 / f64::from(scored[i])))
                    .collect(),
            })
            .collect(),
        criteria: question.criteria.clone(),
        by_channel: by,
        n,
    }
}

fn tally_ideas(ballots: &[(Channel, Answer)]) -> Tally {
    let mut by = ByChannel::default();
    let mut n = 0;
    let mut ideas: Vec<IdeaCount> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (channel, answer) in ballots {
        let Answer::Ideas { ideas: sent } = answer else {
            continue;
        };
        n += 1;
        count_channel(&mut by, *channel, 1);
        let mut seen = std::collections::BTreeSet::new();
        for idea in sent {
            let key = idea_key(idea);
            // One person sending the same idea twice counts once.
            if !seen.insert(key.clone()) {
                continue;
            }
            match index.get(&key) {
                Some(&i) => ideas[i].count += 1,
                None => {
                    index.insert(key, ideas.len());
                    ideas.push(IdeaCount {
                        text: idea.clone(),
                        count: 1,
                    });
                }
            }
        }
    }
    ideas.sort_by_key(|i| std::cmp::Reverse(i.count));
    Tally::Ideas {
        ideas,
        by_channel: by,
        n,
    }
}

#[cfg(test)]
mod tests {
    use super::super::answer::Placement;
    use super::super::{QuestionOption, QuestionState};
    use super::*;
    use crate::ids::QuestionId;

    fn question(kind: Kind, options: &[&str]) -> Question {
        Question {
            id: QuestionId::new(),
            kind,
            subject: String::new(),
            prompt: String::new(),
            scale: (kind == Kind::Scale).then_some(Scale::ONE_TO_FIVE),
            options: options
                .iter()
                .map(|o| QuestionOption {
                    id: (*o).into(),
                    label: o.to_uppercase(),
                })
                .collect(),
            criteria: Vec::new(),
            budget: None,
            requires_code: false,
            state: QuestionState::Open,
            revealed: false,
        }
    }

    fn rows(t: &Tally) -> Vec<(String, u32)> {
        match t {
            Tally::Options { options, .. } => options
                .iter()
                .map(|o| (o.option.clone(), o.count))
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn phones_paper_and_hands_add_up_by_channel_on_a_single_choice() {
        let q = question(Kind::Single, &["agua", "salud"]);
        let ballots = [
            (
                Channel::Phone,
                Answer::Single {
                    option: "agua".into(),
                },
            ),
            (
                Channel::Phone,
                Answer::Single {
                    option: "salud".into(),
                },
            ),
            (
                Channel::Paper,
                Answer::Single {
                    option: "agua".into(),
                },
            ),
        ];
        let t = tally(&q, &ballots, &[("agua".into(), 4), ("salud".into(), 1)]);
        assert_eq!(rows(&t), [("agua".into(), 6), ("salud".into(), 2)]);
        assert_eq!(t.n(), 8);
        assert_eq!(
            t.by_channel(),
            ByChannel {
                phone: 2,
                paper: 1,
                hands: 5
            }
        );
    }

    #[test]
    fn ranking_gives_borda_scores_first_places_and_mean_positions() {
        let q = question(Kind::Ranking, &["a", "b", "c"]);
        let r = |o: &[&str]| {
            (
                Channel::Phone,
                Answer::Ranking {
                    order: o.iter().map(|s| (*s).into()).collect(),
                },
            )
        };
        let t = tally(
            &q,
            &[
                r(&["a", "b", "c"]),
                r(&["b", "a", "c"]),
                r(&["a", "c", "b"]),
            ],
            &[],
        );
        let Tally::Options { options, .. } = t else {
            panic!("options tally")
        };
        let a = &options[0];
        // a: first twice (2 points each) and second once (1): Borda 5, mean position 4/3.
        assert_eq!((a.borda, a.count), (Some(5), 2));
        assert!((a.mean.unwrap_or_default() - 4.0 / 3.0).abs() < 1e-12);
        assert_eq!(options[1].borda, Some(3));
        assert_eq!(options[2].borda, Some(1));
    }

    #[test]
    fn points_and_dots_sum_per_option_with_a_mean_per_ballot() {
        let q = question(Kind::Points, &["x", "y"]);
        let p = |x, y| {
            (
                Channel::Phone,
                Answer::Points {
                    points: [("x".into(), x), ("y".into(), y)].into(),
                },
            )
        };
        let t = tally(&q, &[p(70, 30), p(50, 50)], &[]);
        let Tally::Options { options, n, .. } = t else {
            panic!("options tally")
        };
        assert_eq!((options[0].count, options[0].mean, n), (120, Some(60.0), 2));
    }

    #[test]
    fn grid_places_each_item_at_its_mean_impact_and_feasibility() {
        let q = question(Kind::Grid, &["huerto", "posta"]);
        let g = |i, f| {
            (
                Channel::Phone,
                Answer::Grid {
                    placements: [(
                        "huerto".into(),
                        Placement {
                            impact: i,
                            feasibility: f,
                        },
                    )]
                    .into(),
                },
            )
        };
        let t = tally(&q, &[g(1.0, 0.5), g(0.5, 0.0)], &[]);
        let Tally::Options { options, .. } = t else {
            panic!("options tally")
        };
        assert_eq!(
            (options[0].impact, options[0].feasibility, options[0].count),
            (Some(0.75), Some(0.25), 2)
        );
        assert_eq!(options[1].impact, None);
    }

    #[test]
    fn a_scale_question_keeps_its_statistics_over_all_channels() {
        let q = question(Kind::Scale, &[]);
        let t = tally(
            &q,
            &[(Channel::Paper, Answer::Scale { value: 5 })],
            &[("3".into(), 2)],
        );
        let Tally::Scale(s) = t else {
            panic!("scale tally")
        };
        assert_eq!(
            (s.n, s.counts.clone(), s.hand_counts.clone()),
            (3, vec![0, 0, 2, 0, 1], vec![0, 0, 2, 0, 0])
        );
    }
}
