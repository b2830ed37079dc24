//! The dialogue on the relevance of the MDGs (stage 1): the goals are presented one
//! by one, the room rates how relevant each is to the municipality (1–5), and the
//! facilitator notes the key ideas. The summary ranks the goals by relevance.

use serde::{Deserialize, Serialize};

use crate::catalogue::{self, Localized};
use crate::diagnostic::GoalSummary;
use crate::ids::{RecordId, WorkshopId};
use crate::indicators::{self, Sheet};
use crate::store::{self, Store};
use crate::time::Timestamp;
use crate::voting::{self, Scale, ScaleTally};
use crate::{Error, Result};

/// The subject of the relevance question of a goal.
pub fn subject(goal: &str) -> String {
    format!("relevance:goal:{goal}")
}

fn check_goal(goal: &str) -> Result<()> {
    if catalogue::mdg().goals.iter().any(|g| g.code == goal) {
        Ok(())
    } else {
        Err(Error::InvalidInput {
            detail: format!("{goal:?} is not an MDG goal"),
        })
    }
}

/// The question phones see, in the workshop's language.
fn prompt(store: &Store, workshop: WorkshopId, goal: &str) -> Result<String> {
    let language = crate::workshop::get(store, workshop)?.language;
    let title = catalogue::mdg()
        .goals
        .iter()
        .find(|g| g.code == goal)
        .map(|g| g.title.get(language).to_string())
        .unwrap_or_default();
    Ok(crate::locale::format(
        language,
        "relevance.phone_prompt",
        &[("goal", goal), ("title", &title)],
    ))
}

/// Opens the relevance rating of a goal to the phones (closing any other open
/// question); its hands, paper and phone ballots make one tally.
pub fn open_for_phones(
    store: &mut Store,
    workshop: WorkshopId,
    goal: &str,
    now: Timestamp,
) -> Result<crate::voting::Question> {
    check_goal(goal)?;
    let prompt = prompt(store, workshop, goal)?;
    let q = voting::scale_question(
        store,
        workshop,
        &subject(goal),
        &prompt,
        Scale::ONE_TO_FIVE,
        now,
    )?;
    voting::set_open(store, workshop, q.id, true, now)
}

/// Records the show of hands for each rating 1–5 of a goal (`counts[0]` for 1).
pub fn set_hand_counts(
    store: &mut Store,
    workshop: WorkshopId,
    goal: &str,
    counts: [u32; 5],
    now: Timestamp,
) -> Result<()> {
    check_goal(goal)?;
    crate::workshop::get(store, workshop)?;
    let q = voting::scale_question(
        store,
        workshop,
        &subject(goal),
        &prompt(store, workshop, goal)?,
        Scale::ONE_TO_FIVE,
        now,
    )?;
    let by_value: Vec<(String, u32)> = counts
        .iter()
        .enumerate()
        .map(|(i, &c)| ((i + 1).to_string(), c))
        .collect();
    voting::set_hand_counts(store, workshop, &q, &by_value, now)
}

/// The key ideas of the dialogue on a goal, as typed by the facilitator.
pub fn set_notes(
    store: &mut Store,
    workshop: WorkshopId,
    goal: &str,
    notes: &str,
    now: Timestamp,
) -> Result<()> {
    check_goal(goal)?;
    crate::workshop::get(store, workshop)?;
    let id = RecordId::named(&[&workshop.to_string(), "goal_notes", goal]);
    store.with_tx(|tx, device| {
        store::relevance::set_notes(tx, device, workshop, id, goal, notes, now)
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalRelevance {
    pub goal: String,
    pub title: Localized,
    /// 1 is the most relevant; goals nobody rated are unranked.
    pub rank: Option<u32>,
    pub tally: Option<ScaleTally>,
    pub notes: String,
    /// The goal's lights in each area, in the order of the sheet's areas.
    pub lights: Vec<GoalSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relevance {
    /// Most relevant first (by mean, then median, then fewer disagreements).
    pub goals: Vec<GoalRelevance>,
}

pub fn summary(store: &Store, workshop: WorkshopId) -> Result<Relevance> {
    let sheet = indicators::sheet(store, workshop)?;
    summary_with(store, workshop, &sheet)
}

/// As `summary`, reusing a sheet already computed.
pub fn summary_with(store: &Store, workshop: WorkshopId, sheet: &Sheet) -> Result<Relevance> {
    let notes = store::relevance::notes_of(store.conn(), workshop)?;
    let mut goals = Vec::new();
    for g in &sheet.goals {
        let tally = match voting::question_about(store, workshop, &subject(&g.code))? {
            Some(q) => Some(voting::scale_tally(store, &q)?).filter(|t| t.n > 0),
            None => None,
        };
        goals.push(GoalRelevance {
            goal: g.code.clone(),
            title: g.title.clone(),
            rank: None,
            tally,
            notes: notes
                .iter()
                .find(|(goal, _)| goal == &g.code)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            lights: g.summaries.clone(),
        });
    }
    let key = |g: &GoalRelevance| {
        g.tally.as_ref().map(|t| {
            (
                t.mean.unwrap_or_default(),
                t.median.unwrap_or_default(),
                -t.std_dev.unwrap_or_default(),
            )
        })
    };
    goals.sort_by(|a, b| match (key(a), key(b)) {
        (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(std::cmp::Ordering::Equal),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut rank = 0;
    let mut previous = None;
    for (i, g) in goals.iter_mut().enumerate() {
        let k = key(g);
        if k.is_some() {
            if k != previous {
                rank = i as u32 + 1;
            }
            previous = k;
            g.rank = Some(rank);
        }
    }
    Ok(Relevance { goals })
}
