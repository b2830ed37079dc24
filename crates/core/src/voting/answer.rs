//! One person's answer to a question, read from the JSON a phone (or the facilitator,
//! keying a paper ballot) sends, and checked against the question. The shapes are
//! those of docs/lan-api.yaml.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Kind, Question};
use crate::{Error, Result};

/// Where an item sits on the impact/feasibility grid; both 0 (low) to 1 (high).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub impact: f64,
    pub feasibility: f64,
}

/// Option ids are the question's options' ids as text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Scale {
        value: i64,
    },
    Single {
        option: String,
    },
    Multiple {
        options: Vec<String>,
    },
    Points {
        points: BTreeMap<String, u32>,
    },
    Dots {
        dots: BTreeMap<String, u32>,
    },
    Ranking {
        order: Vec<String>,
    },
    Grid {
        placements: BTreeMap<String, Placement>,
    },
    /// Option id → criterion id → 1–5. A phone sends the options scored so far;
    /// each one scored on every criterion.
    Scores {
        scores: BTreeMap<String, BTreeMap<String, i64>>,
    },
    Ideas {
        ideas: Vec<String>,
    },
}

/// The most ideas one ballot carries, and the longest idea (characters).
pub const MAX_IDEAS: usize = 5;
pub const MAX_IDEA_CHARS: usize = 140;

fn invalid(detail: impl Into<String>) -> Error {
    Error::InvalidAnswer {
        detail: detail.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleIn {
    value: i64,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SingleIn {
    option: String,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MultipleIn {
    options: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PointsIn {
    points: BTreeMap<String, u32>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DotsIn {
    dots: BTreeMap<String, u32>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RankingIn {
    order: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GridIn {
    placements: BTreeMap<String, Placement>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoresIn {
    scores: BTreeMap<String, BTreeMap<String, i64>>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdeasIn {
    ideas: Vec<String>,
}

fn shape<T: for<'de> Deserialize<'de>>(value: &Value, kind: Kind) -> Result<T> {
    serde_json::from_value(value.clone()).map_err(|e| invalid(format!("not a {kind} answer: {e}")))
}

impl Answer {
    /// Reads and checks `value` as an answer to `question`.
    pub fn parse(question: &Question, value: &Value) -> Result<Answer> {
        let answer = match question.kind {
            Kind::Scale => Answer::Scale {
                value: shape::<ScaleIn>(value, question.kind)?.value,
            },
            Kind::Single => Answer::Single {
                option: shape::<SingleIn>(value, question.kind)?.option,
            },
            Kind::Multiple => Answer::Multiple {
                options: shape::<MultipleIn>(value, question.kind)?.options,
            },
            Kind::Points => Answer::Points {
                points: shape::<PointsIn>(value, question.kind)?.points,
            },
            Kind::Dots => Answer::Dots {
                dots: shape::<DotsIn>(value, question.kind)?.dots,
            },
            Kind::Ranking => Answer::Ranking {
                order: shape::<RankingIn>(value, question.kind)?.order,
            },
            Kind::Grid => Answer::Grid {
                placements: shape::<GridIn>(value, question.kind)?.placements,
            },
            Kind::Scores => Answer::Scores {
                scores: shape::<ScoresIn>(value, question.kind)?.scores,
            },
            Kind::Ideas => Answer::Ideas {
                ideas: shape::<IdeasIn>(value, question.kind)?
                    .ideas
                    .iter()
                    .map(|i| i.split_whitespace().collect::<Vec<_>>().join(" "))
                    .collect(),
            },
        };
        answer.check(question)?;
        Ok(answer)
    }

    fn check(&self, q: &Question) -> Result<()> {
        let known: BTreeSet<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
        let all_known = |ids: &mut dyn Iterator<Item = &String>| -> Result<()> {
            for id in ids {
                if !known.contains(id.as_str()) {
                    return Err(invalid(format!("{id:?} is not an option of this question")));
                }
            }
            Ok(())
        };
        match self {
            Answer::Scale { value } => match q.scale {
                Some(scale) if (scale.min..=scale.max).contains(value) => Ok(()),
                Some(scale) => Err(invalid(format!(
                    "{value} is outside {}–{}",
                    scale.min, scale.max
                ))),
                None => Err(invalid("the question has no scale")),
            },
            Answer::Single { option } => all_known(&mut std::iter::once(option)),
            Answer::Multiple { options } => {
                all_known(&mut options.iter())?;
                let distinct: BTreeSet<&String> = options.iter().collect();
                if distinct.len() != options.len() {
                    return Err(invalid("an option is chosen twice"));
                }
                if options.is_empty() {
                    return Err(invalid("no option is chosen"));
                }
                match q.budget {
                    Some(most) if options.len() > most as usize => {
                        Err(invalid(format!("at most {most} options may be chosen")))
                    }
                    _ => Ok(()),
                }
            }
            Answer::Points { points } => {
                all_known(&mut points.keys())?;
                let total: u64 = points.values().map(|&p| u64::from(p)).sum();
                let budget = u64::from(q.budget.unwrap_or(100));
                if total == budget {
                    Ok(())
                } else {
                    Err(invalid(format!(
                        "the points add up to {total}, not {budget}"
                    )))
                }
            }
            Answer::Dots { dots } => {
                all_known(&mut dots.keys())?;
                let total: u64 = dots.values().map(|&d| u64::from(d)).sum();
                let budget = u64::from(q.budget.unwrap_or(3));
                if total == 0 {
                    Err(invalid("no dot is placed"))
                } else if total > budget {
                    Err(invalid(format!(
                        "{total} dots placed, only {budget} to give"
                    )))
                } else {
                    Ok(())
                }
            }
            Answer::Ranking { order } => {
                all_known(&mut order.iter())?;
                let distinct: BTreeSet<&str> = order.iter().map(String::as_str).collect();
                if distinct.len() == order.len() && distinct == known {
                    Ok(())
                } else {
                    Err(invalid("a ranking puts every option once"))
                }
            }
            Answer::Grid { placements } => {
                all_known(&mut placements.keys())?;
                if placements.is_empty() {
                    return Err(invalid("no item is placed"));
                }
                let unit = |v: f64| (0.0..=1.0).contains(&v);
                if placements
                    .values()
                    .all(|p| unit(p.impact) && unit(p.feasibility))
                {
                    Ok(())
                } else {
                    Err(invalid("impact and feasibility go from 0 to 1"))
                }
            }
            Answer::Scores { scores } => {
                all_known(&mut scores.keys())?;
                if scores.is_empty() {
                    return Err(invalid("nothing is scored"));
                }
                let criteria: BTreeSet<&str> = q.criteria.iter().map(|c| c.id.as_str()).collect();
                for given in scores.values() {
                    let named: BTreeSet<&str> = given.keys().map(String::as_str).collect();
                    if named != criteria {
                        return Err(invalid("each option is scored on every criterion"));
                    }
                    for &value in given.values() {
                        crate::voting::Scale::ONE_TO_FIVE.check(value)?;
                    }
                }
                Ok(())
            }
            Answer::Ideas { ideas } => {
                if ideas.is_empty() || ideas.iter().any(|i| i.is_empty()) {
                    Err(invalid("an idea is empty"))
                } else if ideas.len() > MAX_IDEAS {
                    Err(invalid(format!("at most {MAX_IDEAS} ideas")))
                } else if ideas.iter().any(|i| i.chars().count() > MAX_IDEA_CHARS) {
                    Err(invalid(format!(
                        "an idea is longer than {MAX_IDEA_CHARS} characters"
                    )))
                } else {
                    Ok(())
                }
            }
        }
    }
}
