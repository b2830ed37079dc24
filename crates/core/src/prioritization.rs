//! Stage 2: choosing the lagging MDG the municipality will act on. Candidates come
//! from the diagnostic (or the facilitator); the room scores each on weighted
//! criteria from their phones, or the facilitator types the group's scores; dots
//! and ranking are lighter ways. The facilitator records the decision and why.

pub mod ahp;
pub mod candidates;
pub mod ranking;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use ahp::Ahp;
pub use candidates::{Proposal, Reason, SubjectKind};
pub use ranking::{Agreement, Ranking, Scoring};

use crate::catalogue::{self, Localized};
use crate::ids::{CandidateId, CriterionId, QuestionId, RecordId, WorkshopId};
use crate::indicators::{self, Sheet};
use crate::store::{self, Store};
use crate::text_enum::text_enum;
use crate::time::Timestamp;
use crate::voting::{self, Kind, Question, QuestionState, Tally, Voter};
use crate::workshop::Language;
use crate::{Error, Result, locale};

text_enum!(
    Origin { Proposed => "proposed", Added => "added" }
);

text_enum!(
    /// How the criteria are weighed: equally, by 100 points the facilitator types,
    /// by 100 points each person gives from a phone (averaged), or by pairwise
    /// comparisons (AHP).
    WeightMethod {
        Equal => "equal",
        Points => "points",
        Voted => "voted",
        Pairwise => "pairwise",
    }
);

text_enum!(
    /// The criteria a workshop starts with, shown in its language.
    DefaultCriterion {
        Gap => "gap",
        Trend => "trend",
        Vulnerable => "vulnerable",
        Competence => "competence",
        Feasibility => "feasibility",
        Links => "links",
        Urgency => "urgency",
    }
);

text_enum!(
    /// Why the weights are not the ones the method would give: equal weights are
    /// used until it is fixed. `points_missing`: a criterion added after the points
    /// were typed has none yet.
    WeightIssue {
        PointsNotHundred => "points_not_hundred",
        PointsMissing => "points_missing",
        NoVotes => "no_votes",
    }
);

/// Question subjects: each is one question per workshop.
pub const SCORES_SUBJECT: &str = "prioritization:scores";
pub const WEIGHTS_SUBJECT: &str = "prioritization:weights";
pub const DOTS_SUBJECT: &str = "prioritization:dots";
pub const RANKING_SUBJECT: &str = "prioritization:ranking";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: CandidateId,
    pub kind: SubjectKind,
    pub code: String,
    pub title: Localized,
    /// "ODM 4: …" / "Meta 4.A: …" in the workshop's language: what phones show.
    pub label: String,
    pub origin: Origin,
    /// What the diagnostic says about it now (empty for a goal, or when nothing lags).
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: CriterionId,
    pub key: Option<DefaultCriterion>,
    /// The facilitator's wording, else the default's in the workshop's language.
    pub label: String,
    /// The label is the facilitator's own.
    pub custom: bool,
    /// Of the 100 points, once typed.
    pub points: Option<u32>,
}

/// A judgement between two criteria: `value` (1/9…9) is how much more `first`
/// matters than `second`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub first: CriterionId,
    pub second: CriterionId,
    pub value: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub method: WeightMethod,
    /// One per criterion, in order, summing to 1.
    pub values: Vec<f64>,
    pub issue: Option<WeightIssue>,
    /// The points typed, summed.
    pub points_total: u32,
    pub pairs: Vec<Pair>,
    /// With pairwise comparisons: the consistency of the judgements.
    pub ahp: Option<Ahp>,
    /// With voted weights: the points question and how many voted.
    pub vote: Option<QuestionStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionStatus {
    pub id: QuestionId,
    pub state: QuestionState,
    pub revealed: bool,
    pub ballots: u32,
}

impl QuestionStatus {
    fn of(q: &Question, tally: &Tally) -> QuestionStatus {
        QuestionStatus {
            id: q.id,
            state: q.state,
            revealed: q.revealed,
            ballots: tally.n(),
        }
    }
}

/// A candidate or criterion as the results name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub label: String,
}

/// The weighted scoring: `ranking` refers to `candidates` and `criteria` by index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub candidates: Vec<Named>,
    pub criteria: Vec<Named>,
    pub weights: Vec<f64>,
    pub ranking: Ranking,
    /// People (phones, plus the group's scores when typed) who scored something.
    pub scorers: u32,
}

/// A lighter way to choose: dots or a ranking over the candidates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lighter {
    pub kind: Kind,
    pub question: QuestionStatus,
    pub tally: Tally,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub candidate: CandidateId,
    pub kind: SubjectKind,
    pub code: String,
    pub title: Localized,
    pub label: String,
    pub reasons: String,
    pub decided_at: String,
}

/// The group's scores of one candidate, as typed (one per criterion, in order).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupScores {
    pub candidate: CandidateId,
    pub scores: Vec<Option<i64>>,
}

/// Everything the prioritization screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub candidates: Vec<Candidate>,
    /// Lagging targets that are not candidates yet.
    pub proposals: Vec<Proposal>,
    pub criteria: Vec<Criterion>,
    pub weights: Weights,
    pub scoring: Option<QuestionStatus>,
    pub group_scores: Vec<GroupScores>,
    pub results: Results,
    pub lighter: Vec<Lighter>,
    pub decision: Option<Decision>,
}

fn language(store: &Store, workshop: WorkshopId) -> Result<Language> {
    Ok(crate::workshop::get(store, workshop)?.language)
}

/// The catalogue's title of a goal or target.
pub fn subject_title(kind: SubjectKind, code: &str) -> Option<Localized> {
    let goals = &catalogue::mdg().goals;
    match kind {
        SubjectKind::Goal => goals
            .iter()
            .find(|g| g.code == code)
            .map(|g| g.title.clone()),
        SubjectKind::Target => goals
            .iter()
            .flat_map(|g| &g.targets)
            .find(|t| t.code == code)
            .map(|t| t.title.clone()),
    }
}

/// "ODM 4: Reducir la mortalidad…" / "Meta 4.A: …".
pub fn subject_label(language: Language, kind: SubjectKind, code: &str) -> String {
    let title = subject_title(kind, code).unwrap_or_default();
    let key = match kind {
        SubjectKind::Goal => "prioritization.subject_goal",
        SubjectKind::Target => "prioritization.subject_target",
    };
    let name = locale::format(language, key, &[("code", code)]);
    let colon = locale::text(language, "prioritization.subject_colon");
    format!("{name}{colon}{}", title.get(language))
}

fn criterion_label(language: Language, key: Option<DefaultCriterion>, label: &str) -> String {
    match key {
        Some(k) if label.trim().is_empty() => {
            locale::text(language, &format!("prioritization.criterion.{k}"))
        }
        _ => label.to_string(),
    }
}

/// Sets the workshop up for stage 2 the first time: the default criteria and equal
/// weights. Later calls change nothing.
pub fn start(store: &mut Store, workshop: WorkshopId, now: Timestamp) -> Result<()> {
    crate::workshop::get(store, workshop)?;
    if store::prioritization::has_criteria(store.conn(), workshop)? {
        return Ok(());
    }
    store.with_tx(|tx, device| {
        store::prioritization::ensure_settings(tx, device, workshop, now)?;
        for &key in DefaultCriterion::ALL {
            let id = CriterionId::named(&[&workshop.to_string(), "criterion", key.as_str()]);
            store::prioritization::put_criterion(tx, device, workshop, id, Some(key), "", now)?;
        }
        Ok(())
    })
}

pub fn candidates(store: &Store, workshop: WorkshopId, sheet: &Sheet) -> Result<Vec<Candidate>> {
    let language = language(store, workshop)?;
    Ok(
        store::prioritization::candidates_of(store.conn(), workshop)?
            .into_iter()
            .map(|c| Candidate {
                id: c.id,
                kind: c.kind,
                title: subject_title(c.kind, &c.code).unwrap_or_default(),
                label: subject_label(language, c.kind, &c.code),
                reasons: match c.kind {
                    SubjectKind::Target => candidates::reasons(sheet, &c.code),
                    SubjectKind::Goal => Vec::new(),
                },
                code: c.code,
                origin: c.origin,
            })
            .collect(),
    )
}

/// Adds a goal or target as a candidate (again, if it was removed).
pub fn add_candidate(
    store: &mut Store,
    workshop: WorkshopId,
    kind: SubjectKind,
    code: &str,
    origin: Origin,
    now: Timestamp,
) -> Result<CandidateId> {
    let code = code.trim();
    if subject_title(kind, code).is_none() {
        return Err(Error::UnknownSubject { code: code.into() });
    }
    crate::workshop::get(store, workshop)?;
    let id = CandidateId::named(&[&workshop.to_string(), "candidate", kind.as_str(), code]);
    store.with_tx(|tx, device| {
        store::prioritization::put_candidate(tx, device, workshop, id, kind, code, origin, now)
    })?;
    Ok(id)
}

/// Adds every proposal of the diagnostic as a candidate.
pub fn add_proposals(store: &mut Store, workshop: WorkshopId, now: Timestamp) -> Result<()> {
    let sheet = indicators::sheet(store, workshop)?;
    for p in candidates::propose(&sheet) {
        add_candidate(store, workshop, p.kind, &p.code, Origin::Proposed, now)?;
    }
    Ok(())
}

/// Removes a candidate; a decision for it is withdrawn with it.
pub fn remove_candidate(
    store: &mut Store,
    workshop: WorkshopId,
    id: CandidateId,
    now: Timestamp,
) -> Result<()> {
    let decided = store::prioritization::settings(store.conn(), workshop)?
        .is_some_and(|s| s.decision == Some(id));
    store.with_tx(|tx, device| {
        store::owned(tx, "candidates", &id, workshop, "candidate")?;
        store::prioritization::delete(tx, device, "candidates", &id.to_string(), now)?;
        if decided {
            store::prioritization::set_decision(tx, device, workshop, None, "", now)?;
        }
        Ok(())
    })
}

pub fn criteria(store: &Store, workshop: WorkshopId) -> Result<Vec<Criterion>> {
    let language = language(store, workshop)?;
    Ok(store::prioritization::criteria_of(store.conn(), workshop)?
        .into_iter()
        .map(|c| Criterion {
            id: c.id,
            key: c.key,
            label: criterion_label(language, c.key, &c.label),
            custom: c.key.is_none() || !c.label.trim().is_empty(),
            points: c.points,
        })
        .collect())
}

pub fn add_criterion(
    store: &mut Store,
    workshop: WorkshopId,
    label: &str,
    now: Timestamp,
) -> Result<CriterionId> {
    if label.trim().is_empty() {
        return Err(Error::CriterionLabelEmpty);
    }
    crate::workshop::get(store, workshop)?;
    let id = CriterionId::new();
    store.with_tx(|tx, device| {
        store::prioritization::put_criterion(tx, device, workshop, id, None, label, now)
    })?;
    Ok(id)
}

/// Renames a criterion; an empty label gives a default criterion its translated
/// name back.
pub fn rename_criterion(
    store: &mut Store,
    workshop: WorkshopId,
    id: CriterionId,
    label: &str,
    now: Timestamp,
) -> Result<()> {
    let existing = criteria(store, workshop)?;
    let c = existing
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::not_found("criterion"))?;
    if c.key.is_none() && label.trim().is_empty() {
        return Err(Error::CriterionLabelEmpty);
    }
    store.with_tx(|tx, device| {
        store::prioritization::set_criterion_label(tx, device, id, label, now)
    })
}

pub fn remove_criterion(
    store: &mut Store,
    workshop: WorkshopId,
    id: CriterionId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, "criteria", &id, workshop, "criterion")?;
        store::prioritization::delete(tx, device, "criteria", &id.to_string(), now)
    })
}

pub fn set_method(
    store: &mut Store,
    workshop: WorkshopId,
    method: WeightMethod,
    now: Timestamp,
) -> Result<()> {
    crate::workshop::get(store, workshop)?;
    store.with_tx(|tx, device| store::prioritization::set_method(tx, device, workshop, method, now))
}

/// The facilitator's 100 points, given to every criterion at once (so the weights
/// never stand half-typed), and the points method chosen.
pub fn set_points(
    store: &mut Store,
    workshop: WorkshopId,
    points: &[(CriterionId, i64)],
    now: Timestamp,
) -> Result<()> {
    let existing = criteria(store, workshop)?;
    for c in &existing {
        if !points.iter().any(|(id, _)| *id == c.id) {
            return Err(Error::InvalidInput {
                detail: format!("no points for {:?}", c.label),
            });
        }
    }
    let mut sum = 0i64;
    for (id, p) in points {
        if !existing.iter().any(|c| c.id == *id) {
            return Err(Error::not_found("criterion"));
        }
        if *p < 0 {
            return Err(Error::InvalidInput {
                detail: format!("{p} points: points are 0 or more"),
            });
        }
        sum += p;
    }
    if sum != 100 {
        return Err(Error::WeightsNotHundred { sum });
    }
    store.with_tx(|tx, device| {
        for (id, p) in points {
            store::prioritization::set_points(tx, device, *id, *p as u32, now)?;
        }
        store::prioritization::set_method(tx, device, workshop, WeightMethod::Points, now)
    })
}

/// Records how much more `first` matters than `second` (Saaty's 1/9…9).
pub fn set_pair(
    store: &mut Store,
    workshop: WorkshopId,
    first: CriterionId,
    second: CriterionId,
    value: f64,
    now: Timestamp,
) -> Result<()> {
    ahp::check_judgement(value)?;
    if first == second {
        return Err(Error::InvalidInput {
            detail: "a criterion is not compared with itself".into(),
        });
    }
    let existing = criteria(store, workshop)?;
    if !existing.iter().any(|c| c.id == first) || !existing.iter().any(|c| c.id == second) {
        return Err(Error::not_found("criterion"));
    }
    // One row per pair, whichever way round it was typed.
    let (a, b, v) = if first < second {
        (first, second, value)
    } else {
        (second, first, 1.0 / value)
    };
    let id = RecordId::named(&[
        &workshop.to_string(),
        "pair",
        &a.to_string(),
        &b.to_string(),
    ]);
    store.with_tx(|tx, device| {
        store::prioritization::put_pair(tx, device, workshop, id, a, b, v, now)
    })
}

fn keyed_criteria(criteria: &[Criterion]) -> Vec<(String, String)> {
    criteria
        .iter()
        .map(|c| (c.id.to_string(), c.label.clone()))
        .collect()
}

fn keyed_candidates(candidates: &[Candidate]) -> Vec<(String, String)> {
    candidates
        .iter()
        .map(|c| (c.id.to_string(), c.label.clone()))
        .collect()
}

/// Opens the weights to the room: each phone gives 100 points among the criteria;
/// the weights are the mean points.
pub fn open_weight_vote(
    store: &mut Store,
    workshop: WorkshopId,
    now: Timestamp,
) -> Result<Question> {
    let language = language(store, workshop)?;
    let list = keyed_criteria(&criteria(store, workshop)?);
    if list.len() < 2 {
        return Err(Error::QuestionOptions);
    }
    let prompt = locale::text(language, "prioritization.phone_weights");
    let q = voting::ensure_question(
        store,
        workshop,
        Kind::Points,
        WEIGHTS_SUBJECT,
        &prompt,
        Some(100),
        &list,
        &[],
        now,
    )?;
    set_method(store, workshop, WeightMethod::Voted, now)?;
    voting::set_open(store, workshop, q.id, true, now)
}

/// The scores question, made (or brought up to date) with the current candidates
/// and criteria.
fn scores_question(store: &mut Store, workshop: WorkshopId, now: Timestamp) -> Result<Question> {
    let language = language(store, workshop)?;
    let sheet = indicators::sheet(store, workshop)?;
    let candidates = keyed_candidates(&candidates(store, workshop, &sheet)?);
    let criteria = keyed_criteria(&criteria(store, workshop)?);
    if candidates.len() < 2 || criteria.is_empty() {
        return Err(Error::NothingToScore);
    }
    let prompt = locale::text(language, "prioritization.phone_scores");
    voting::ensure_question(
        store,
        workshop,
        Kind::Scores,
        SCORES_SUBJECT,
        &prompt,
        None,
        &candidates,
        &criteria,
        now,
    )
}

/// Opens the scoring to the phones: one screen per candidate, 1–5 on each criterion.
pub fn open_scoring(store: &mut Store, workshop: WorkshopId, now: Timestamp) -> Result<Question> {
    let q = scores_question(store, workshop, now)?;
    voting::set_open(store, workshop, q.id, true, now)
}

/// Opens a lighter way to choose over the candidates: dots (3 each) or a ranking.
pub fn open_lighter(
    store: &mut Store,
    workshop: WorkshopId,
    kind: Kind,
    now: Timestamp,
) -> Result<Question> {
    let (subject, key, budget) = match kind {
        Kind::Dots => (DOTS_SUBJECT, "prioritization.phone_dots", Some(3)),
        Kind::Ranking => (RANKING_SUBJECT, "prioritization.phone_ranking", None),
        _ => {
            return Err(Error::InvalidInput {
                detail: format!("{kind} is not a lighter way to prioritize"),
            });
        }
    };
    let language = language(store, workshop)?;
    let sheet = indicators::sheet(store, workshop)?;
    let list = keyed_candidates(&candidates(store, workshop, &sheet)?);
    if list.len() < 2 {
        return Err(Error::NothingToScore);
    }
    let prompt = locale::text(language, key);
    let q = voting::ensure_question(
        store,
        workshop,
        kind,
        subject,
        &prompt,
        budget,
        &list,
        &[],
        now,
    )?;
    voting::set_open(store, workshop, q.id, true, now)
}

/// The scores the group agreed on for one candidate, typed by the facilitator
/// (1–5 per criterion). They count as one more person's scores.
pub fn set_group_scores(
    store: &mut Store,
    workshop: WorkshopId,
    candidate: CandidateId,
    scores: &[(CriterionId, i64)],
    now: Timestamp,
) -> Result<()> {
    for (_, v) in scores {
        voting::Scale::ONE_TO_FIVE.check(*v)?;
    }
    let q = scores_question(store, workshop, now)?;
    let option = voting::option_id(q.id, &candidate.to_string()).to_string();
    if !q.options.iter().any(|o| o.id == option) {
        return Err(Error::not_found("candidate"));
    }
    let mut given: GivenScores = match voting::ballot_of(store, q.id, &Voter::Group)? {
        Some(v) => serde_json::from_value::<ScoresIn>(v)
            .map(|s| s.scores)
            .unwrap_or_default(),
        None => BTreeMap::new(),
    };
    let mut row = BTreeMap::new();
    for (criterion, v) in scores {
        row.insert(
            voting::option_id(q.id, &criterion.to_string()).to_string(),
            *v,
        );
    }
    given.insert(option, row);
    // Candidates or criteria changed since: keep only what the question still has,
    // and only rows that score every current criterion (the others are typed again).
    given.retain(|o, row| {
        row.retain(|c, _| q.criteria.iter().any(|x| &x.id == c));
        q.options.iter().any(|x| &x.id == o) && row.len() == q.criteria.len()
    });
    let answer = serde_json::json!({ "scores": given });
    voting::cast(store, workshop, q.id, &Voter::Group, None, &answer, now)?;
    Ok(())
}

/// A scores answer: option id → criterion option id → 1–5.
type GivenScores = BTreeMap<String, BTreeMap<String, i64>>;

#[derive(Deserialize)]
struct ScoresIn {
    scores: GivenScores,
}

/// Each ballot's complete, in-range scores of a current candidate, on the current
/// criteria (a ballot from before a criterion was added does not count for it).
fn scorings(
    store: &Store,
    q: &Question,
    candidates: &[Candidate],
    criteria: &[Criterion],
) -> Result<(Vec<Scoring>, u32, Option<GivenScores>)> {
    let option_of: Vec<String> = candidates
        .iter()
        .map(|c| voting::option_id(q.id, &c.id.to_string()).to_string())
        .collect();
    let criterion_of: Vec<String> = criteria
        .iter()
        .map(|c| voting::option_id(q.id, &c.id.to_string()).to_string())
        .collect();
    let mut out = Vec::new();
    let mut people = 0;
    for (_, json) in store::voting::ballots(store.conn(), q.id)? {
        let Ok(ballot) = serde_json::from_str::<ScoresIn>(&json) else {
            continue;
        };
        let before = out.len();
        for (i, option) in option_of.iter().enumerate() {
            let Some(given) = ballot.scores.get(option) else {
                continue;
            };
            let scores: Option<Vec<u8>> = criterion_of
                .iter()
                .map(|c| {
                    given
                        .get(c)
                        .filter(|v| (1..=5).contains(*v))
                        .map(|&v| v as u8)
                })
                .collect();
            if let Some(scores) = scores {
                out.push(Scoring {
                    candidate: i,
                    scores,
                });
            }
        }
        if out.len() > before {
            people += 1;
        }
    }
    let group = voting::ballot_of(store, q.id, &Voter::Group)?
        .and_then(|v| serde_json::from_value::<ScoresIn>(v).ok())
        .map(|s| s.scores);
    Ok((out, people, group))
}

fn pick_weights(
    store: &Store,
    workshop: WorkshopId,
    criteria: &[Criterion],
    method: WeightMethod,
) -> Result<Weights> {
    let k = criteria.len();
    let equal = vec![1.0 / k.max(1) as f64; k];
    let points_total: u32 = criteria.iter().filter_map(|c| c.points).sum();
    let pairs: Vec<Pair> = store::prioritization::pairs_of(store.conn(), workshop)?
        .into_iter()
        .map(|(first, second, value)| Pair {
            first,
            second,
            value,
        })
        .collect();
    let mut w = Weights {
        method,
        values: equal.clone(),
        issue: None,
        points_total,
        pairs,
        ahp: None,
        vote: None,
    };
    match method {
        WeightMethod::Equal => {}
        WeightMethod::Points
            if points_total == 100 && criteria.iter().all(|c| c.points.is_some()) =>
        {
            w.values = criteria
                .iter()
                .map(|c| f64::from(c.points.unwrap_or(0)) / 100.0)
                .collect();
        }
        WeightMethod::Points if points_total == 100 => {
            w.issue = Some(WeightIssue::PointsMissing);
        }
        WeightMethod::Points => w.issue = Some(WeightIssue::PointsNotHundred),
        WeightMethod::Voted => {
            let q = voting::question_about(store, workshop, WEIGHTS_SUBJECT)?;
            let tally = q.as_ref().map(|q| voting::results(store, q)).transpose()?;
            if let (Some(q), Some(t)) = (&q, &tally) {
                w.vote = Some(QuestionStatus::of(q, t));
            }
            let means: Option<Vec<f64>> = match (&q, &tally) {
                (Some(q), Some(Tally::Options { options, n, .. })) if *n > 0 => criteria
                    .iter()
                    .map(|c| {
                        let id = voting::option_id(q.id, &c.id.to_string()).to_string();
                        Some(
                            options
                                .iter()
                                .find(|o| o.option == id)
                                .and_then(|o| o.mean)
                                .unwrap_or(0.0),
                        )
                    })
                    .collect(),
                _ => None,
            };
            match means {
                Some(m) => w.values = ranking::normalized(&m),
                None => w.issue = Some(WeightIssue::NoVotes),
            }
        }
        WeightMethod::Pairwise => {
            let index = |id: CriterionId| criteria.iter().position(|c| c.id == id);
            let mut upper: BTreeMap<(usize, usize), f64> = BTreeMap::new();
            for p in &w.pairs {
                if let (Some(i), Some(j)) = (index(p.first), index(p.second)) {
                    let (i, j, v) = if i < j {
                        (i, j, p.value)
                    } else {
                        (j, i, 1.0 / p.value)
                    };
                    upper.insert((i, j), v);
                }
            }
            let ahp = ahp::weigh(&ahp::matrix(k, |i, j| upper.get(&(i, j)).copied()));
            w.values = ahp.weights.clone();
            w.ahp = Some(ahp);
        }
    }
    Ok(w)
}

pub fn weights(store: &Store, workshop: WorkshopId) -> Result<Weights> {
    let method = store::prioritization::settings(store.conn(), workshop)?
        .map_or(WeightMethod::Equal, |s| s.method);
    pick_weights(store, workshop, &criteria(store, workshop)?, method)
}

fn named<T>(list: &[T], id: impl Fn(&T) -> String, label: impl Fn(&T) -> String) -> Vec<Named> {
    list.iter()
        .map(|x| Named {
            id: id(x),
            label: label(x),
        })
        .collect()
}

fn results_with(
    store: &Store,
    workshop: WorkshopId,
    candidates: &[Candidate],
    criteria: &[Criterion],
    weights: &Weights,
) -> Result<(Results, Option<QuestionStatus>, Vec<GroupScores>)> {
    let q = voting::question_about(store, workshop, SCORES_SUBJECT)?;
    let (list, scorers, group, status) = match &q {
        Some(q) => {
            let (list, scorers, group) = scorings(store, q, candidates, criteria)?;
            let tally = voting::results(store, q)?;
            (list, scorers, group, Some(QuestionStatus::of(q, &tally)))
        }
        None => (Vec::new(), 0, None, None),
    };
    let group_scores = match (&q, group) {
        (Some(q), Some(group)) => candidates
            .iter()
            .filter_map(|c| {
                let given = group.get(&voting::option_id(q.id, &c.id.to_string()).to_string())?;
                Some(GroupScores {
                    candidate: c.id,
                    scores: criteria
                        .iter()
                        .map(|k| {
                            given
                                .get(&voting::option_id(q.id, &k.id.to_string()).to_string())
                                .copied()
                        })
                        .collect(),
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    let results = Results {
        candidates: named(candidates, |c| c.id.to_string(), |c| c.label.clone()),
        criteria: named(criteria, |c| c.id.to_string(), |c| c.label.clone()),
        weights: weights.values.clone(),
        ranking: ranking::rank(candidates.len(), &weights.values, &list),
        scorers,
    };
    Ok((results, status, group_scores))
}

/// The weighted scoring as it stands.
pub fn results(store: &Store, workshop: WorkshopId) -> Result<Results> {
    let sheet = indicators::sheet(store, workshop)?;
    let candidates = candidates(store, workshop, &sheet)?;
    let criteria = criteria(store, workshop)?;
    let weights = weights(store, workshop)?;
    Ok(results_with(store, workshop, &candidates, &criteria, &weights)?.0)
}

pub fn decide(
    store: &mut Store,
    workshop: WorkshopId,
    candidate: CandidateId,
    reasons: &str,
    now: Timestamp,
) -> Result<Decision> {
    let sheet = indicators::sheet(store, workshop)?;
    if !candidates(store, workshop, &sheet)?
        .iter()
        .any(|c| c.id == candidate)
    {
        return Err(Error::not_found("candidate"));
    }
    store.with_tx(|tx, device| {
        store::prioritization::set_decision(tx, device, workshop, Some(candidate), reasons, now)
    })?;
    decision(store, workshop)?.ok_or_else(|| Error::not_found("decision"))
}

/// The prioritized MDG or target, once decided: later stages work on it.
pub fn decision(store: &Store, workshop: WorkshopId) -> Result<Option<Decision>> {
    let Some(settings) = store::prioritization::settings(store.conn(), workshop)? else {
        return Ok(None);
    };
    let (Some(id), Some(decided_at)) = (settings.decision, settings.decided_at) else {
        return Ok(None);
    };
    let language = language(store, workshop)?;
    let row = store::prioritization::candidates_of(store.conn(), workshop)?
        .into_iter()
        .find(|c| c.id == id);
    Ok(row.map(|c| Decision {
        candidate: c.id,
        kind: c.kind,
        title: subject_title(c.kind, &c.code).unwrap_or_default(),
        label: subject_label(language, c.kind, &c.code),
        code: c.code,
        reasons: settings.reasons,
        decided_at,
    }))
}

pub fn board(store: &Store, workshop: WorkshopId) -> Result<Board> {
    let sheet = indicators::sheet(store, workshop)?;
    let candidates = candidates(store, workshop, &sheet)?;
    let criteria = criteria(store, workshop)?;
    let weights = weights(store, workshop)?;
    let (results, scoring, group_scores) =
        results_with(store, workshop, &candidates, &criteria, &weights)?;
    let proposals = candidates::propose(&sheet)
        .into_iter()
        .filter(|p| {
            !candidates
                .iter()
                .any(|c| c.kind == p.kind && c.code == p.code)
        })
        .collect();
    let mut lighter = Vec::new();
    for (kind, subject) in [(Kind::Dots, DOTS_SUBJECT), (Kind::Ranking, RANKING_SUBJECT)] {
        if let Some(q) = voting::question_about(store, workshop, subject)? {
            let tally = voting::results(store, &q)?;
            lighter.push(Lighter {
                kind,
                question: QuestionStatus::of(&q, &tally),
                tally,
            });
        }
    }
    Ok(Board {
        candidates,
        proposals,
        criteria,
        weights,
        scoring,
        group_scores,
        results,
        lighter,
        decision: decision(store, workshop)?,
    })
}
