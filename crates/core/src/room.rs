//! What the room sees of the voting: the open question, how many phones joined and
//! ballots came in, a phone's own ballot, and the results once the facilitator
//! revealed them. The phones' page and the projector read the same `State`.

use serde::Serialize;

use crate::Result;
use crate::ids::{QuestionId, WorkshopId};
use crate::phones::{self, Phone};
use crate::prioritization;
use crate::store::Store;
use crate::voting::{self, Kind, Question, QuestionOption, QuestionState, Scale, Tally};

/// A question as phones see it: no subject, nothing of the facilitator's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublicQuestion {
    pub id: QuestionId,
    pub kind: Kind,
    pub prompt: String,
    pub options: Vec<QuestionOption>,
    /// Scores: what each option is scored on, 1–5.
    pub criteria: Vec<QuestionOption>,
    pub scale: Option<Scale>,
    pub budget: Option<u32>,
    pub requires_code: bool,
    pub state: QuestionState,
    /// The results are shown to the room.
    pub revealed: bool,
}

impl From<&Question> for PublicQuestion {
    fn from(q: &Question) -> Self {
        PublicQuestion {
            id: q.id,
            kind: q.kind,
            prompt: q.prompt.clone(),
            options: q.options.clone(),
            criteria: q.criteria.clone(),
            scale: q.scale,
            budget: q.budget,
            requires_code: q.requires_code,
            state: q.state,
            revealed: q.revealed,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub phones: u32,
    /// Ballots on the current question, every channel.
    pub ballots: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct State {
    pub question: Option<PublicQuestion>,
    pub counts: Counts,
    /// This phone's answer on the current question, as it sent it; absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_ballot: Option<serde_json::Value>,
    /// Only once revealed.
    pub results: Option<Tally>,
    /// The prioritization's weighted ranking, when the revealed question is its
    /// scoring.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standing: Option<prioritization::Results>,
}

/// The room's state, for one phone when `phone` is given.
pub fn state(store: &Store, workshop: WorkshopId, phone: Option<&Phone>) -> Result<State> {
    let question = voting::current_question(store, workshop)?;
    let mut out = State {
        question: question.as_ref().map(PublicQuestion::from),
        counts: Counts {
            phones: phones::count(store, workshop)?,
            ballots: 0,
        },
        my_ballot: None,
        results: None,
        standing: None,
    };
    if let Some(q) = &question {
        let tally = voting::results(store, q)?;
        out.counts.ballots = tally.n();
        if q.revealed {
            out.results = Some(tally);
            if q.subject == prioritization::SCORES_SUBJECT {
                out.standing = Some(prioritization::results(store, workshop)?);
            }
        }
        if let Some(p) = phone {
            out.my_ballot = voting::ballot_of(store, q.id, &p.voter())?;
        }
    }
    Ok(out)
}
