//! Questions put to the room and their tallies. One tally combines every channel a
//! question collected: phones, paper ballots keyed in later, and a show of hands
//! counted by the facilitator — rooms are often mixed.
//!
//! Stage 1 rates the relevance of each goal on a 1–5 scale by hand counts; phone
//! voting (the LAN server) adds ballots to the same questions.

pub mod answer;
pub mod tally;

use serde::{Deserialize, Serialize};

pub use answer::Answer;
pub use tally::Tally;

use crate::ids::{BallotId, QuestionId, RecordId, WorkshopId};
use crate::store::{self, Store};
use crate::text_enum::text_enum;
use crate::time::Timestamp;
use crate::{Error, Result};

const QUESTIONS: &str = "questions";

text_enum!(
    /// Scores: each option (a candidate) scored 1–5 on each criterion. Ideas: short
    /// texts proposed by the room (the causes of a problem).
    Kind {
        Scale => "scale",
        Single => "single",
        Multiple => "multiple",
        Points => "points",
        Dots => "dots",
        Ranking => "ranking",
        Grid => "grid",
        Scores => "scores",
        Ideas => "ideas",
    }
);

text_enum!(
    QuestionState { Draft => "draft", Open => "open", Closed => "closed" }
);

text_enum!(
    /// How a ballot reached the tally.
    Channel { Phone => "phone", Paper => "paper", Hands => "hands" }
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
}

impl Scale {
    pub const ONE_TO_FIVE: Scale = Scale { min: 1, max: 5 };

    pub fn check(self, value: i64) -> Result<()> {
        if (self.min..=self.max).contains(&value) {
            Ok(())
        } else {
            Err(Error::RatingOutOfScale {
                value,
                min: self.min,
                max: self.max,
            })
        }
    }
}

/// An option of a choice, points, dots, ranking or grid question. Its id is the
/// text the phones send back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionOption {
    pub id: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    pub kind: Kind,
    pub subject: String,
    pub prompt: String,
    pub scale: Option<Scale>,
    pub options: Vec<QuestionOption>,
    /// Scores: what each option is scored on. Empty for other kinds.
    pub criteria: Vec<QuestionOption>,
    /// Points: the total to give (100 by default); dots: the dots each person has
    /// (3); multiple: the most options one may choose (no limit).
    pub budget: Option<u32>,
    /// Anonymous, one per person: ballots need a printed single-use voting code.
    pub requires_code: bool,
    pub state: QuestionState,
    /// Results are shown to the room (projector and phones) only once revealed.
    pub revealed: bool,
}

/// A new question as the facilitator writes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionInput {
    pub kind: Option<Kind>,
    pub prompt: String,
    #[serde(default)]
    pub subject: String,
    /// Option labels, in order (not for scale questions).
    #[serde(default)]
    pub options: Vec<String>,
    /// Scores: the criterion labels, in order.
    #[serde(default)]
    pub criteria: Vec<String>,
    pub scale: Option<Scale>,
    pub budget: Option<u32>,
    #[serde(default)]
    pub requires_code: bool,
}

impl QuestionInput {
    fn check(&self) -> Result<Kind> {
        let kind = self.kind.ok_or_else(|| Error::InvalidInput {
            detail: "a question needs a kind".into(),
        })?;
        if self.prompt.trim().is_empty() {
            return Err(Error::QuestionPromptEmpty);
        }
        let labels: Vec<&str> = self.options.iter().map(|o| o.trim()).collect();
        match kind {
            Kind::Scale => {
                let s = self.scale.unwrap_or(Scale::ONE_TO_FIVE);
                if s.max <= s.min || s.max - s.min > 10 {
                    return Err(Error::InvalidInput {
                        detail: format!("a scale from {} to {} is not usable", s.min, s.max),
                    });
                }
            }
            Kind::Ideas => {}
            _ if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) => {
                return Err(Error::QuestionOptions);
            }
            Kind::Scores
                if self.criteria.is_empty()
                    || self.criteria.iter().any(|c| c.trim().is_empty())
                    || !distinct(self.criteria.iter().map(|c| c.trim()).collect()) =>
            {
                return Err(Error::QuestionOptions);
            }
            _ => {}
        }
        if !distinct(labels) {
            return Err(Error::QuestionOptions);
        }
        Ok(kind)
    }
}

fn distinct(mut labels: Vec<&str>) -> bool {
    let n = labels.len();
    labels.sort_unstable();
    labels.dedup();
    labels.len() == n
}

/// Creates a question, a draft until the facilitator opens it.
pub fn create(
    store: &mut Store,
    workshop: WorkshopId,
    input: &QuestionInput,
    now: Timestamp,
) -> Result<Question> {
    let kind = input.check()?;
    crate::workshop::get(store, workshop)?;
    let id = QuestionId::new();
    store
        .with_tx(|tx, device| store::voting::insert(tx, device, workshop, id, kind, input, now))?;
    get(store, id)
}

/// The workshop a question belongs to.
pub fn workshop_of(store: &Store, id: QuestionId) -> Result<WorkshopId> {
    store::voting::workshop_of(store.conn(), id)?.ok_or_else(|| Error::not_found("question"))
}

pub fn get(store: &Store, id: QuestionId) -> Result<Question> {
    store::voting::question(store.conn(), id)?.ok_or_else(|| Error::not_found("question"))
}

/// The workshop's questions, oldest first.
pub fn list(store: &Store, workshop: WorkshopId) -> Result<Vec<Question>> {
    store::voting::questions_of(store.conn(), workshop)
}

/// The question the phones answer now: the open one (opening one closes the others).
pub fn open_question(store: &Store, workshop: WorkshopId) -> Result<Option<Question>> {
    Ok(list(store, workshop)?
        .into_iter()
        .find(|q| q.state == QuestionState::Open))
}

/// The question the room looks at: the open one, else the last one closed (its
/// results stay on the screens once revealed). Drafts are the facilitator's only.
pub fn current_question(store: &Store, workshop: WorkshopId) -> Result<Option<Question>> {
    if let Some(q) = open_question(store, workshop)? {
        return Ok(Some(q));
    }
    store::voting::last_closed(store.conn(), workshop)?
        .map(|id| get(store, id))
        .transpose()
}

/// Opens a question for ballots (closing any other open one) or closes it.
/// A question of another workshop is refused with `NotFound`, changing nothing.
pub fn set_open(
    store: &mut Store,
    workshop: WorkshopId,
    id: QuestionId,
    open: bool,
    now: Timestamp,
) -> Result<Question> {
    store.with_tx(|tx, device| {
        store::owned(tx, QUESTIONS, &id, workshop, "question")?;
        store::voting::set_open(tx, device, id, open, now)
    })?;
    get(store, id)
}

/// Shows (or hides again) the results to the room.
/// A question of another workshop is refused with `NotFound`, changing nothing.
pub fn set_revealed(
    store: &mut Store,
    workshop: WorkshopId,
    id: QuestionId,
    revealed: bool,
    now: Timestamp,
) -> Result<Question> {
    store.with_tx(|tx, device| {
        store::owned(tx, QUESTIONS, &id, workshop, "question")?;
        store::voting::set_revealed(tx, device, id, revealed, now)
    })?;
    get(store, id)
}

/// The scale question about `subject`, created on first use (a prompt given later
/// fills an empty one). Its id is named by the workshop and subject, so the same
/// question made on two laptops is one question.
pub fn scale_question(
    store: &mut Store,
    workshop: WorkshopId,
    subject: &str,
    prompt: &str,
    scale: Scale,
    now: Timestamp,
) -> Result<Question> {
    let id = QuestionId::named(&[&workshop.to_string(), subject]);
    store.with_tx(|tx, device| {
        store::voting::ensure_scale(tx, device, workshop, id, subject, prompt, scale, now)
    })?;
    get(store, id)
}

/// The question of `kind` about `subject` with these options and criteria (labels
/// keyed by the caller's ids), created on first use and brought up to date after.
/// Option ids sent by phones are `OptionId::named([question, key])`.
#[allow(clippy::too_many_arguments)]
pub fn ensure_question(
    store: &mut Store,
    workshop: WorkshopId,
    kind: Kind,
    subject: &str,
    prompt: &str,
    budget: Option<u32>,
    options: &[(String, String)],
    criteria: &[(String, String)],
    now: Timestamp,
) -> Result<Question> {
    let id = QuestionId::named(&[&workshop.to_string(), subject]);
    let keyed = |list: &[(String, String)]| -> Vec<(crate::ids::OptionId, String)> {
        list.iter()
            .map(|(key, label)| (option_id(id, key), label.clone()))
            .collect()
    };
    let (options, criteria) = (keyed(options), keyed(criteria));
    store.with_tx(|tx, device| {
        store::voting::ensure(tx, device, workshop, id, kind, subject, prompt, budget, now)?;
        let axis = store::voting::Axis::Option;
        let list = options.iter().map(|(i, l)| (*i, l.as_str()));
        store::voting::put_options(tx, device, workshop, id, axis, list, now)?;
        let axis = store::voting::Axis::Criterion;
        let list = criteria.iter().map(|(i, l)| (*i, l.as_str()));
        store::voting::put_options(tx, device, workshop, id, axis, list, now)
    })?;
    get(store, id)
}

/// The id phones send for the option named `key` of a question made by `ensure_question`.
pub fn option_id(question: QuestionId, key: &str) -> crate::ids::OptionId {
    crate::ids::OptionId::named(&[&question.to_string(), key])
}

pub fn question_about(
    store: &Store,
    workshop: WorkshopId,
    subject: &str,
) -> Result<Option<Question>> {
    store::voting::question(
        store.conn(),
        QuestionId::named(&[&workshop.to_string(), subject]),
    )
}

/// Records the hands raised for each scale value or option id of a scale, single or
/// multiple choice question, replacing the previous counts of those choices. A
/// question of another workshop is refused with `NotFound`, changing nothing.
pub fn set_hand_counts(
    store: &mut Store,
    workshop: WorkshopId,
    question: &Question,
    counts: &[(String, u32)],
    now: Timestamp,
) -> Result<()> {
    for (choice, count) in counts {
        let known = match question.kind {
            Kind::Scale => {
                let scale = question.scale.unwrap_or(Scale::ONE_TO_FIVE);
                let value = choice.parse::<i64>().map_err(|_| Error::NotANumber {
                    value: choice.clone(),
                })?;
                scale.check(value)?;
                true
            }
            Kind::Single | Kind::Multiple => question.options.iter().any(|o| &o.id == choice),
            _ => {
                return Err(Error::InvalidInput {
                    detail: "hands can be counted for scale and choice questions only".into(),
                });
            }
        };
        if !known {
            return Err(Error::InvalidAnswer {
                detail: format!("{choice:?} is not an option of this question"),
            });
        }
        if *count > 100_000 {
            return Err(Error::InvalidInput {
                detail: format!("{count} hands is not a count"),
            });
        }
    }
    store.with_tx(|tx, device| {
        store::owned(tx, QUESTIONS, &question.id, workshop, "question")?;
        for (choice, count) in counts {
            let id = RecordId::named(&[&question.id.to_string(), "hands", choice]);
            store::voting::set_hand_count(
                tx,
                device,
                workshop,
                question.id,
                id,
                choice,
                *count,
                now,
            )?;
        }
        Ok(())
    })
}

/// Who cast a ballot. A phone may replace its ballot while the question is open; a
/// paper ballot's printed id and a voting code count once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Voter {
    /// The SHA-256 (hex) of the phone's device token.
    Phone(String),
    Paper(String),
    Code(String),
    /// The facilitator typing what the group agreed: one ballot, replaced when typed again.
    Group,
}

impl Voter {
    /// How the voter is stored: one ballot per question for each key.
    pub fn key(&self) -> String {
        match self {
            Voter::Phone(t) => format!("phone:{t}"),
            Voter::Paper(id) => format!("paper:{}", id.trim().to_uppercase()),
            Voter::Code(c) => format!("code:{}", c.trim().to_uppercase()),
            Voter::Group => "group".into(),
        }
    }

    fn channel(&self) -> Channel {
        match self {
            Voter::Phone(_) | Voter::Code(_) => Channel::Phone,
            Voter::Paper(_) | Voter::Group => Channel::Paper,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cast {
    /// An earlier ballot of the same phone was replaced.
    pub replaced: bool,
}

/// A ballot to record: who, on which question, what (as sent), and the client's id.
#[derive(Clone, Debug, PartialEq)]
pub struct BallotRequest {
    pub question: QuestionId,
    pub voter: Voter,
    pub client_ballot_id: Option<String>,
    pub answer: serde_json::Value,
}

/// Checks and records a ballot in one transaction. The same `client_ballot_id` sent
/// again (a phone retrying after a lost acknowledgement) changes nothing.
pub fn cast(
    store: &mut Store,
    workshop: WorkshopId,
    question_id: QuestionId,
    voter: &Voter,
    client_ballot_id: Option<&str>,
    answer: &serde_json::Value,
    now: Timestamp,
) -> Result<Cast> {
    let request = BallotRequest {
        question: question_id,
        voter: voter.clone(),
        client_ballot_id: client_ballot_id.map(str::to_string),
        answer: answer.clone(),
    };
    cast_many(store, workshop, std::slice::from_ref(&request), now)?
        .pop()
        .unwrap_or_else(|| Err(Error::not_found("ballot")))
}

/// Records ballots that arrived together in one transaction (one disk sync for all:
/// a room voting at once is not slowed by a sync per phone). Each gets its own
/// answer; a refused ballot writes nothing and does not stop the others. The whole
/// batch is durable when this returns, and not before.
pub fn cast_many(
    store: &mut Store,
    workshop: WorkshopId,
    requests: &[BallotRequest],
    now: Timestamp,
) -> Result<Vec<Result<Cast>>> {
    store.with_tx(|tx, device| {
        // A batch is mostly ballots on one question: read it (and its options) once.
        let mut questions: std::collections::HashMap<QuestionId, Option<Question>> =
            std::collections::HashMap::new();
        let mut out = Vec::with_capacity(requests.len());
        for r in requests {
            let question = match questions.entry(r.question) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let found = match store::voting::workshop_of(tx, r.question)? {
                        Some(w) if w == workshop => store::voting::question(tx, r.question)?,
                        _ => None,
                    };
                    e.insert(found)
                }
            };
            out.push(match question {
                Some(q) => cast_in(tx, device, workshop, q, r, now),
                None => Err(Error::not_found("question")),
            });
        }
        Ok(out)
    })
}

/// One ballot on `question` (of `workshop`) inside the caller's transaction. Every
/// check comes before the one write, so a refused ballot leaves nothing behind.
fn cast_in(
    tx: &rusqlite::Transaction<'_>,
    device: crate::ids::DeviceId,
    workshop: WorkshopId,
    question: &Question,
    request: &BallotRequest,
    now: Timestamp,
) -> Result<Cast> {
    let question_id = request.question;
    let voter = &request.voter;
    let client_ballot_id = request.client_ballot_id.as_deref();
    // Paper ballots are keyed in after the session too; phones vote while it is open.
    if !matches!(voter, Voter::Paper(_) | Voter::Group) && question.state != QuestionState::Open {
        return Err(Error::QuestionClosed);
    }
    if question.requires_code && matches!(voter, Voter::Phone(_)) {
        return Err(Error::BadCode);
    }
    let parsed = Answer::parse(question, &request.answer)?;
    let json = serde_json::to_string(&parsed).map_err(|e| Error::InvalidInput {
        detail: e.to_string(),
    })?;
    let key = voter.key();
    let id = ballot_id(question_id, voter);
    if let Voter::Code(code) = voter
        && !store::voting::code_exists(tx, workshop, &code.trim().to_uppercase())?
    {
        return Err(Error::BadCode);
    }
    if let Voter::Paper(slip) = voter
        && store::voting::slip_known(tx, question_id, &slip.trim().to_uppercase())? == Some(false)
    {
        return Err(Error::UnknownPaperBallot);
    }
    let existing = store::voting::ballot(tx, id)?;
    if let Some((old_client, old_answer)) = &existing {
        let same_retry = client_ballot_id.is_some() && old_client.as_deref() == client_ballot_id;
        if same_retry {
            return Ok(Cast { replaced: false });
        }
        match voter {
            Voter::Paper(_) => return Err(Error::PaperKeyedTwice),
            Voter::Code(_) => return Err(Error::CodeUsed),
            Voter::Phone(_) | Voter::Group if old_answer == &json => {
                return Ok(Cast { replaced: false });
            }
            Voter::Phone(_) | Voter::Group => {}
        }
    }
    store::voting::put_ballot(
        tx,
        device,
        workshop,
        question_id,
        id,
        voter.channel(),
        &key,
        &json,
        client_ballot_id,
        now,
    )?;
    Ok(Cast {
        replaced: existing.is_some(),
    })
}

/// The id of a voter's ballot on a question: one per voter, named by both.
pub fn ballot_id(question: QuestionId, voter: &Voter) -> BallotId {
    BallotId::named(&[&question.to_string(), &voter.key()])
}

/// A voter's answer on a question, as stored.
pub fn ballot_of(
    store: &Store,
    question: QuestionId,
    voter: &Voter,
) -> Result<Option<serde_json::Value>> {
    Ok(
        store::voting::ballot(store.conn(), ballot_id(question, voter))?
            .and_then(|(_, answer)| serde_json::from_str(&answer).ok()),
    )
}

/// The tally of a question over all its channels.
pub fn results(store: &Store, question: &Question) -> Result<Tally> {
    let ballots: Vec<(Channel, Answer)> = store::voting::ballots(store.conn(), question.id)?
        .into_iter()
        .filter_map(|(channel, json)| {
            let value: serde_json::Value = serde_json::from_str(&json).ok()?;
            Answer::parse(question, &value).ok().map(|a| (channel, a))
        })
        .collect();
    let hands = store::voting::hand_counts(store.conn(), question.id)?;
    Ok(tally::tally(question, &ballots, &hands))
}

/// Makes `n` new single-use voting codes for the workshop (8 characters from an
/// alphabet without look-alikes) and returns them to be printed.
pub fn make_codes(
    store: &mut Store,
    workshop: WorkshopId,
    n: usize,
    now: Timestamp,
) -> Result<Vec<String>> {
    crate::workshop::get(store, workshop)?;
    let mut codes = Vec::with_capacity(n);
    while codes.len() < n {
        let code = short_code(8)?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    store.with_tx(|tx, device| {
        for code in &codes {
            store::voting::insert_code(tx, device, workshop, code, now)?;
        }
        Ok(())
    })?;
    Ok(codes)
}

/// Prints `n` paper ballots for a question: makes their short ids (kept, so that a
/// mistyped id is caught when keyed in) and returns them. A question of another
/// workshop is refused with `NotFound`, making nothing.
pub fn make_slips(
    store: &mut Store,
    workshop: WorkshopId,
    question: QuestionId,
    n: usize,
    now: Timestamp,
) -> Result<Vec<String>> {
    store::owned(store.conn(), QUESTIONS, &question, workshop, "question")?;
    let existing = store::voting::slips_of(store.conn(), question)?;
    let mut slips: Vec<String> = Vec::with_capacity(n);
    while slips.len() < n {
        let slip = short_code(5)?;
        if !slips.contains(&slip) && !existing.contains(&slip) {
            slips.push(slip);
        }
    }
    store.with_tx(|tx, device| {
        for slip in &slips {
            store::voting::insert_slip(tx, device, workshop, question, slip, now)?;
        }
        Ok(())
    })?;
    Ok(slips)
}

/// No 0/O, 1/I/L: codes are read from paper and typed on phones.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

fn short_code(len: usize) -> Result<String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|e| Error::InvalidInput {
        detail: e.to_string(),
    })?;
    Ok(bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect())
}

/// How many ballots each channel brought.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByChannel {
    pub phone: u32,
    pub paper: u32,
    pub hands: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleTally {
    pub scale: Scale,
    /// Ballots per value, `min` first, all channels together.
    pub counts: Vec<u32>,
    /// The hands counted per value, `min` first: what the facilitator typed.
    pub hand_counts: Vec<u32>,
    pub by_channel: ByChannel,
    pub n: u32,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Population standard deviation: how much the room disagrees.
    pub std_dev: Option<f64>,
}

/// The statistics of a scale question from its counts per value (all channels) and
/// the hands per value among them.
pub fn tally_scale(
    scale: Scale,
    counts: &[u32],
    hand_counts: &[u32],
    by_channel: ByChannel,
) -> ScaleTally {
    let values = || {
        counts
            .iter()
            .enumerate()
            .map(move |(i, &c)| ((scale.min + i as i64) as f64, f64::from(c)))
    };
    let n: u32 = counts.iter().sum();
    let (mean, median, std_dev) = if n == 0 {
        (None, None, None)
    } else {
        let total = f64::from(n);
        let mean = values().map(|(v, c)| v * c).sum::<f64>() / total;
        let var = values().map(|(v, c)| c * (v - mean).powi(2)).sum::<f64>() / total;
        // The median of the sorted ballots: the middle one, or the mean of the two middle ones.
        let nth = |k: u32| -> f64 {
            let mut seen = 0;
            for (i, &c) in counts.iter().enumerate() {
                seen += c;
                if seen > k {
                    return (scale.min + i as i64) as f64;
                }
            }
            scale.max as f64
        };
        let median = if n % 2 == 1 {
            nth(n / 2)
        } else {
            (nth(n / 2 - 1) + nth(n / 2)) / 2.0
        };
        (Some(mean), Some(median), Some(var.sqrt()))
    };
    ScaleTally {
        scale,
        counts: counts.to_vec(),
        hand_counts: hand_counts.to_vec(),
        by_channel,
        n,
        mean,
        median,
        std_dev,
    }
}

/// The tally of a scale question over all its channels.
pub fn scale_tally(store: &Store, question: &Question) -> Result<ScaleTally> {
    match results(store, question)? {
        Tally::Scale(t) => Ok(t),
        _ => Err(Error::InvalidInput {
            detail: "not a scale question".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scores_question_with_an_empty_or_repeated_criterion_is_refused() {
        let input = |criteria: &[&str]| QuestionInput {
            kind: Some(Kind::Scores),
            prompt: "Puntúe cada meta".into(),
            options: vec!["Meta 4.A".into(), "Meta 5.A".into()],
            criteria: criteria.iter().map(|c| c.to_string()).collect(),
            ..QuestionInput::default()
        };
        for bad in [&[][..], &["Brecha", " "], &["Brecha", "Brecha "]] {
            assert_eq!(
                input(bad).check().map_err(|e| e.code()),
                Err("question_options")
            );
        }
        assert_eq!(
            input(&["Brecha", "Urgencia"]).check().ok(),
            Some(Kind::Scores)
        );
    }

    #[test]
    fn scale_tally_gives_mean_median_and_spread() {
        // Ratings 1,2,2,3,5,5: mean 3, median (2+3)/2, spread ≈ 1.528.
        let t = tally_scale(
            Scale::ONE_TO_FIVE,
            &[1, 2, 1, 0, 2],
            &[],
            ByChannel::default(),
        );
        assert_eq!(t.n, 6);
        assert_eq!(t.mean, Some(3.0));
        assert_eq!(t.median, Some(2.5));
        let sd = t.std_dev.unwrap_or_default();
        assert!((sd - (14.0f64 / 6.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn odd_count_median_is_the_middle_ballot() {
        let t = tally_scale(
            Scale::ONE_TO_FIVE,
            &[0, 0, 1, 1, 1],
            &[],
            ByChannel::default(),
        );
        assert_eq!(t.median, Some(4.0));
    }

    #[test]
    fn a_room_that_agrees_has_no_spread() {
        let t = tally_scale(
            Scale::ONE_TO_FIVE,
            &[0, 0, 0, 0, 9],
            &[],
            ByChannel::default(),
        );
        assert_eq!(
            (t.mean, t.median, t.std_dev),
            (Some(5.0), Some(5.0), Some(0.0))
        );
    }

    #[test]
    fn an_empty_question_has_no_statistics() {
        let t = tally_scale(Scale::ONE_TO_FIVE, &[0; 5], &[], ByChannel::default());
        assert_eq!((t.n, t.mean, t.median), (0, None, None));
    }

    #[test]
    fn a_rating_off_the_scale_is_refused() {
        assert_eq!(
            Scale::ONE_TO_FIVE.check(6).map_err(|e| e.code()),
            Err("rating_out_of_scale")
        );
        assert!(Scale::ONE_TO_FIVE.check(1).is_ok());
    }
}
