//! The Follow-Up Program: the review meetings and the indicator checkpoints, and
//! what later follow-up sessions record — each action's status (appended, so the
//! history stays) and new values of its indicator.
//!
//! The state at a date `today` reads only what was recorded for dates up to and
//! including `today`, so it is also the state as it stood on an earlier day:
//! - an action's **status** is its latest update (by session date; of two on one
//!   date, the one recorded last); an action with none has not started;
//! - an action is **overdue** when its end date is before `today` and its status
//!   is neither done nor dropped;
//! - a checkpoint is **reached** when the action's indicator has a value dated on
//!   or after the checkpoint's date (the first such value is its reading), and
//!   **missed** when its date is before `today` and it has no such value — unless
//!   the action was dropped, which waives it; otherwise it is **upcoming** (a
//!   checkpoint due today is not missed until the day is over).
//!
//! A reading is on target when it is at or beyond the expected value in the
//! direction the action's indicator should move (down when its target is below
//! its baseline, up otherwise).

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Action;
use crate::ids::{ActionId, CheckpointId, IndicatorValueId, ReviewId, StatusUpdateId, WorkshopId};
use crate::store::{self, Store};
use crate::text_enum::text_enum;
use crate::time::{Timestamp, parse_date};
use crate::{Error, Result};

const REVIEWS: &str = "follow_up_reviews";
const CHECKPOINTS: &str = "indicator_checkpoints";
const STATUS_UPDATES: &str = "action_status_updates";
const VALUES: &str = "indicator_values";

text_enum!(
    Status {
        NotStarted => "not_started",
        InProgress => "in_progress",
        Done => "done",
        Dropped => "dropped",
    }
);

impl Status {
    /// Done or dropped: nothing more is expected of the action.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Done | Status::Dropped)
    }
}

text_enum!(
    CheckpointState {
        Upcoming => "upcoming",
        Reached => "reached",
        Missed => "missed",
        Waived => "waived",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub id: ReviewId,
    pub date: NaiveDate,
    pub title: String,
    /// What the meeting found and agreed, once held.
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub id: CheckpointId,
    pub action: ActionId,
    pub date: NaiveDate,
    pub expected: f64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub id: StatusUpdateId,
    pub action: ActionId,
    pub session_date: NaiveDate,
    pub review: Option<ReviewId>,
    pub status: Status,
    /// Only for an action in progress.
    pub percent: Option<u8>,
    pub comment: String,
    /// When it was typed: orders two updates of one session.
    pub recorded_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub id: IndicatorValueId,
    pub action: ActionId,
    pub date: NaiveDate,
    pub value: f64,
    pub comment: String,
}

/// A status as the follow-up session records it: the date as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusInput {
    pub action: ActionId,
    pub session_date: String,
    #[serde(default)]
    pub review: Option<ReviewId>,
    pub status: Status,
    #[serde(default)]
    pub percent: Option<i64>,
    #[serde(default)]
    pub comment: String,
}

/// A status update that passed every check of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidStatus {
    pub action: ActionId,
    pub session_date: NaiveDate,
    pub review: Option<ReviewId>,
    pub status: Status,
    pub percent: Option<u8>,
    pub comment: String,
}

impl StatusInput {
    pub fn validate(&self) -> Result<ValidStatus> {
        let session_date = parse_date(&self.session_date)?;
        if let Some(p) = self.percent {
            if !(0..=100).contains(&p) {
                return Err(Error::PercentOutOfRange { percent: p });
            }
            if self.status != Status::InProgress {
                return Err(Error::PercentNotInProgress {
                    status: self.status.to_string(),
                });
            }
        }
        Ok(ValidStatus {
            action: self.action,
            session_date,
            review: self.review,
            status: self.status,
            percent: self.percent.map(|p| p as u8),
            comment: self.comment.trim().to_string(),
        })
    }
}

/// One date of the program: a review meeting or a checkpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProgramEntry {
    Review {
        review: ReviewId,
        date: NaiveDate,
        title: String,
    },
    Checkpoint {
        checkpoint: CheckpointId,
        date: NaiveDate,
        action: ActionId,
        action_title: String,
        indicator: String,
        unit: String,
        expected: f64,
    },
}

impl ProgramEntry {
    pub fn date(&self) -> NaiveDate {
        match self {
            ProgramEntry::Review { date, .. } | ProgramEntry::Checkpoint { date, .. } => *date,
        }
    }
}

/// The program in date order; on one date the review comes before the checkpoints
/// it looks at, and checkpoints follow the matrix's order.
pub fn program(
    reviews: &[Review],
    checkpoints: &[Checkpoint],
    actions: &[Action],
) -> Vec<ProgramEntry> {
    let mut entries: Vec<(NaiveDate, usize, usize, ProgramEntry)> = Vec::new();
    for r in reviews {
        entries.push((
            r.date,
            0,
            0,
            ProgramEntry::Review {
                review: r.id,
                date: r.date,
                title: r.title.clone(),
            },
        ));
    }
    for c in checkpoints {
        let Some((i, a)) = actions.iter().enumerate().find(|(_, a)| a.id == c.action) else {
            continue;
        };
        entries.push((
            c.date,
            1,
            i,
            ProgramEntry::Checkpoint {
                checkpoint: c.id,
                date: c.date,
                action: a.id,
                action_title: a.title.clone(),
                indicator: a.indicator_name.clone(),
                unit: a.indicator_unit.clone(),
                expected: c.expected,
            },
        ));
    }
    // Stable: reviews of one date keep their stored order.
    entries.sort_by_key(|e| (e.0, e.1, e.2));
    entries.into_iter().map(|e| e.3).collect()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionState {
    pub action: ActionId,
    pub title: String,
    pub end_date: Option<NaiveDate>,
    /// The latest update's status; not started when there is none.
    pub status: Status,
    pub percent: Option<u8>,
    pub latest: Option<StatusUpdate>,
    /// Every update up to `today`, oldest first.
    pub history: Vec<StatusUpdate>,
    pub overdue: bool,
    /// The indicator's values up to `today`, oldest first.
    pub readings: Vec<Reading>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckpointStatus {
    pub checkpoint: Checkpoint,
    pub state: CheckpointState,
    /// The first value on or after the checkpoint's date.
    pub reading: Option<Reading>,
    /// Whether the reading is at or beyond the expected value.
    pub on_target: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub today: NaiveDate,
    /// In the matrix's order.
    pub actions: Vec<ActionState>,
    pub overdue: Vec<ActionId>,
    /// In date order.
    pub checkpoints: Vec<CheckpointStatus>,
    pub missed: Vec<CheckpointId>,
}

/// Oldest first: by session date, then by when it was typed.
fn chronological(a: &StatusUpdate, b: &StatusUpdate) -> Ordering {
    (a.session_date, &a.recorded_at, a.id).cmp(&(b.session_date, &b.recorded_at, b.id))
}

/// Whether `value` is at or beyond `expected` for an action whose indicator
/// should fall when its target is below its baseline, and rise otherwise.
fn on_target(action: &Action, value: f64, expected: f64) -> bool {
    match (action.baseline_value, action.target_value) {
        (Some(baseline), Some(target)) if target < baseline => value <= expected,
        _ => value >= expected,
    }
}

/// The follow-up state at `today` (see the module's definitions).
pub fn state(
    actions: &[Action],
    updates: &[StatusUpdate],
    checkpoints: &[Checkpoint],
    readings: &[Reading],
    today: NaiveDate,
) -> State {
    let action_states: Vec<ActionState> = actions
        .iter()
        .map(|a| {
            let mut history: Vec<StatusUpdate> = updates
                .iter()
                .filter(|u| u.action == a.id && u.session_date <= today)
                .cloned()
                .collect();
            history.sort_by(chronological);
            let latest = history.last().cloned();
            let status = latest.as_ref().map_or(Status::NotStarted, |u| u.status);
            let mut mine: Vec<Reading> = readings
                .iter()
                .filter(|r| r.action == a.id && r.date <= today)
                .cloned()
                .collect();
            mine.sort_by_key(|r| r.date);
            ActionState {
                action: a.id,
                title: a.title.clone(),
                end_date: a.end_date,
                status,
                percent: latest.as_ref().and_then(|u| u.percent),
                overdue: a.end_date.is_some_and(|end| end < today) && !status.is_final(),
                latest,
                history,
                readings: mine,
            }
        })
        .collect();
    let mut checkpoint_states: Vec<CheckpointStatus> = checkpoints
        .iter()
        .filter_map(|c| {
            let i = actions.iter().position(|a| a.id == c.action)?;
            let (action, now) = (&actions[i], &action_states[i]);
            let reading = now.readings.iter().find(|r| r.date >= c.date).cloned();
            let state = match &reading {
                Some(_) => CheckpointState::Reached,
                None if now.status == Status::Dropped => CheckpointState::Waived,
                None if c.date < today => CheckpointState::Missed,
                None => CheckpointState::Upcoming,
            };
            Some(CheckpointStatus {
                on_target: reading
                    .as_ref()
                    .map(|r| on_target(action, r.value, c.expected)),
                checkpoint: c.clone(),
                state,
                reading,
            })
        })
        .collect();
    checkpoint_states.sort_by_key(|c| c.checkpoint.date);
    State {
        today,
        overdue: action_states
            .iter()
            .filter(|a| a.overdue)
            .map(|a| a.action)
            .collect(),
        missed: checkpoint_states
            .iter()
            .filter(|c| c.state == CheckpointState::Missed)
            .map(|c| c.checkpoint.id)
            .collect(),
        actions: action_states,
        checkpoints: checkpoint_states,
    }
}

/// Everything the follow-up screen shows at `today`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub reviews: Vec<Review>,
    pub checkpoints: Vec<Checkpoint>,
    pub program: Vec<ProgramEntry>,
    pub state: State,
}

pub fn board(store: &Store, workshop: WorkshopId, today: NaiveDate) -> Result<Board> {
    let actions = super::actions(store, workshop)?;
    let conn = store.conn();
    let reviews = store::follow_up::reviews_of(conn, workshop)?;
    let checkpoints = store::follow_up::checkpoints_of(conn, workshop)?;
    let updates = store::follow_up::updates_of(conn, workshop)?;
    let readings = store::follow_up::readings_of(conn, workshop)?;
    Ok(Board {
        program: program(&reviews, &checkpoints, &actions),
        state: state(&actions, &updates, &checkpoints, &readings, today),
        reviews,
        checkpoints,
    })
}

/// The program alone (for the report).
pub fn program_of(store: &Store, workshop: WorkshopId) -> Result<Vec<ProgramEntry>> {
    let conn = store.conn();
    Ok(program(
        &store::follow_up::reviews_of(conn, workshop)?,
        &store::follow_up::checkpoints_of(conn, workshop)?,
        &super::actions(store, workshop)?,
    ))
}

fn action_of(store: &Store, workshop: WorkshopId, action: ActionId) -> Result<()> {
    if store::actions::workshop_of_action(store.conn(), action)? != Some(workshop) {
        return Err(Error::not_found("action"));
    }
    Ok(())
}

fn number(value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::NotANumber {
            value: value.to_string(),
        })
    }
}

pub fn add_review(
    store: &mut Store,
    workshop: WorkshopId,
    date: &str,
    title: &str,
    now: Timestamp,
) -> Result<ReviewId> {
    let date = parse_date(date)?;
    crate::workshop::get(store, workshop)?;
    let id = ReviewId::new();
    store.with_tx(|tx, device| {
        store::follow_up::put_review(tx, device, workshop, id, date, title, now)
    })?;
    Ok(id)
}

pub fn update_review(
    store: &mut Store,
    workshop: WorkshopId,
    id: ReviewId,
    date: &str,
    title: &str,
    now: Timestamp,
) -> Result<()> {
    let date = parse_date(date)?;
    if !store::follow_up::reviews_of(store.conn(), workshop)?
        .iter()
        .any(|r| r.id == id)
    {
        return Err(Error::not_found("review"));
    }
    store.with_tx(|tx, device| {
        store::follow_up::put_review(tx, device, workshop, id, date, title, now)
    })
}

pub fn set_review_notes(
    store: &mut Store,
    workshop: WorkshopId,
    id: ReviewId,
    notes: &str,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, REVIEWS, &id, workshop, "review")?;
        if !store::follow_up::set_review_notes(tx, device, id, notes, now)? {
            return Err(Error::not_found("review"));
        }
        Ok(())
    })
}

pub fn remove_review(
    store: &mut Store,
    workshop: WorkshopId,
    id: ReviewId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::remove_owned(tx, device, REVIEWS, &id, workshop, "review", now)?;
        Ok(())
    })
}

pub fn add_checkpoint(
    store: &mut Store,
    workshop: WorkshopId,
    action: ActionId,
    date: &str,
    expected: f64,
    now: Timestamp,
) -> Result<CheckpointId> {
    let date = parse_date(date)?;
    let expected = number(expected)?;
    action_of(store, workshop, action)?;
    let id = CheckpointId::new();
    store.with_tx(|tx, device| {
        store::follow_up::insert_checkpoint(tx, device, workshop, id, action, date, expected, now)
    })?;
    Ok(id)
}

pub fn remove_checkpoint(
    store: &mut Store,
    workshop: WorkshopId,
    id: CheckpointId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::remove_owned(tx, device, CHECKPOINTS, &id, workshop, "checkpoint", now)?;
        Ok(())
    })
}

/// Appends an action's status as a follow-up session found it; earlier ones stay
/// as its history.
pub fn record_status(
    store: &mut Store,
    workshop: WorkshopId,
    input: &StatusInput,
    now: Timestamp,
) -> Result<StatusUpdateId> {
    let valid = input.validate()?;
    action_of(store, workshop, valid.action)?;
    if let Some(review) = valid.review
        && !store::follow_up::reviews_of(store.conn(), workshop)?
            .iter()
            .any(|r| r.id == review)
    {
        return Err(Error::not_found("review"));
    }
    let id = StatusUpdateId::new();
    store.with_tx(|tx, device| {
        store::follow_up::insert_update(tx, device, workshop, id, &valid, now)
    })?;
    Ok(id)
}

/// Records the status of several actions at one session, all or none.
pub fn record_session(
    store: &mut Store,
    workshop: WorkshopId,
    inputs: &[StatusInput],
    now: Timestamp,
) -> Result<Vec<StatusUpdateId>> {
    let valid = inputs
        .iter()
        .map(StatusInput::validate)
        .collect::<Result<Vec<_>>>()?;
    for v in &valid {
        action_of(store, workshop, v.action)?;
    }
    store.with_tx(|tx, device| {
        valid
            .iter()
            .map(|v| {
                let id = StatusUpdateId::new();
                store::follow_up::insert_update(tx, device, workshop, id, v, now).map(|()| id)
            })
            .collect()
    })
}

/// Withdraws a status typed by mistake (it leaves the history; a correction is
/// better recorded as a newer status). Only an action's latest status can go: the
/// history is appended to, never rewritten.
pub fn withdraw_status(
    store: &mut Store,
    workshop: WorkshopId,
    id: StatusUpdateId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, STATUS_UPDATES, &id, workshop, "status")?;
        let updates = store::follow_up::updates_of(tx, workshop)?;
        let action = updates.iter().find(|u| u.id == id).map(|u| u.action);
        let latest = updates
            .iter()
            .filter(|u| Some(u.action) == action)
            .max_by(|a, b| chronological(a, b));
        if latest.map(|u| u.id) != Some(id) {
            return Err(Error::StatusNotLatest);
        }
        if !store::soft_delete(tx, device, STATUS_UPDATES, &id, now)? {
            return Err(Error::not_found("status"));
        }
        Ok(())
    })
}

/// Records a value of an action's indicator, measured on `date`.
pub fn record_value(
    store: &mut Store,
    workshop: WorkshopId,
    action: ActionId,
    date: &str,
    value: f64,
    comment: &str,
    now: Timestamp,
) -> Result<IndicatorValueId> {
    let date = parse_date(date)?;
    let value = number(value)?;
    action_of(store, workshop, action)?;
    let id = IndicatorValueId::new();
    store.with_tx(|tx, device| {
        store::follow_up::insert_reading(
            tx, device, workshop, id, action, date, value, comment, now,
        )
    })?;
    Ok(id)
}

pub fn remove_value(
    store: &mut Store,
    workshop: WorkshopId,
    id: IndicatorValueId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::remove_owned(tx, device, VALUES, &id, workshop, "indicator value", now)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::super::plan::tests::action;
    use super::*;
    use crate::ids::LineId;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn actions() -> Vec<Action> {
        let line = LineId::named(&["Salud materna"]);
        let ending = |title: &str, end: NaiveDate| Action {
            end_date: Some(end),
            ..action(line, title)
        };
        vec![
            ending("Ronda médica", day(4, 30)),
            ending("Casa de espera", day(4, 30)),
            ending("Registro de embarazadas", day(12, 31)),
            Action {
                baseline_value: Some(30.0),
                target_value: Some(10.0),
                ..ending("Bajar la deserción", day(4, 1))
            },
        ]
    }

    fn update(a: &Action, date: NaiveDate, status: Status, typed: &str) -> StatusUpdate {
        StatusUpdate {
            id: StatusUpdateId::named(&[&a.title, typed]),
            action: a.id,
            session_date: date,
            review: None,
            status,
            percent: (status == Status::InProgress).then_some(50),
            comment: String::new(),
            recorded_at: typed.into(),
        }
    }

    fn reading(a: &Action, date: NaiveDate, value: f64) -> Reading {
        Reading {
            id: IndicatorValueId::named(&[&a.title, &date.to_string()]),
            action: a.id,
            date,
            value,
            comment: String::new(),
        }
    }

    fn checkpoint(a: &Action, date: NaiveDate, expected: f64) -> Checkpoint {
        Checkpoint {
            id: CheckpointId::named(&[&a.title, &date.to_string()]),
            action: a.id,
            date,
            expected,
        }
    }

    #[test]
    fn the_latest_status_is_the_last_session_s_and_the_history_runs_oldest_first() {
        let a = actions();
        let updates = [
            update(&a[0], day(4, 10), Status::Done, "2026-04-10T18:00"),
            update(&a[0], day(3, 10), Status::NotStarted, "2026-03-10T18:00"),
            update(&a[0], day(4, 10), Status::InProgress, "2026-04-10T17:00"),
        ];
        let s = state(&a, &updates, &[], &[], day(5, 1));
        let history: Vec<Status> = s.actions[0].history.iter().map(|u| u.status).collect();
        assert_eq!(
            history,
            [Status::NotStarted, Status::InProgress, Status::Done]
        );
        assert_eq!(s.actions[0].status, Status::Done);
        assert_eq!(s.actions[1].status, Status::NotStarted);
    }

    #[test]
    fn an_action_past_its_end_and_not_done_or_dropped_is_overdue() {
        let a = actions();
        let updates = [
            update(&a[0], day(4, 28), Status::Done, "1"),
            update(&a[1], day(4, 28), Status::InProgress, "2"),
        ];
        let s = state(&a, &updates, &[], &[], day(5, 10));
        assert_eq!(s.overdue, [a[1].id, a[3].id]);
        // On its end date an action is not overdue yet.
        let s = state(&a, &updates, &[], &[], day(4, 30));
        assert_eq!(s.overdue, [a[3].id]);
    }

    #[test]
    fn the_state_at_an_earlier_date_ignores_what_was_recorded_after_it() {
        let a = actions();
        let updates = [
            update(&a[1], day(4, 1), Status::InProgress, "1"),
            update(&a[1], day(6, 1), Status::Done, "2"),
        ];
        assert_eq!(
            state(&a, &updates, &[], &[], day(5, 1)).actions[1].status,
            Status::InProgress
        );
        assert_eq!(
            state(&a, &updates, &[], &[], day(6, 1)).actions[1].status,
            Status::Done
        );
    }

    #[test]
    fn a_checkpoint_with_no_value_on_or_after_its_date_is_missed_once_its_date_has_passed() {
        let a = actions();
        let checkpoints = [
            checkpoint(&a[2], day(5, 1), 40.0),
            checkpoint(&a[2], day(6, 1), 60.0),
            checkpoint(&a[2], day(6, 15), 80.0),
            checkpoint(&a[2], day(7, 1), 90.0),
        ];
        // A value before the first checkpoint does not reach it; the one of 3 June
        // reaches the second (below what was expected).
        let readings = [
            reading(&a[2], day(4, 20), 45.0),
            reading(&a[2], day(6, 3), 55.0),
        ];
        let s = state(&a, &[], &checkpoints, &readings, day(6, 15));
        let states: Vec<CheckpointState> = s.checkpoints.iter().map(|c| c.state).collect();
        assert_eq!(
            states,
            [
                CheckpointState::Reached,
                CheckpointState::Reached,
                CheckpointState::Upcoming,
                CheckpointState::Upcoming
            ]
        );
        assert_eq!(
            s.checkpoints[0].reading.as_ref().map(|r| r.value),
            Some(55.0)
        );
        assert_eq!(s.checkpoints[1].on_target, Some(false));
        let s = state(&a, &[], &checkpoints, &readings[..1], day(6, 15));
        assert_eq!(s.missed, [checkpoints[0].id, checkpoints[1].id]);
    }

    #[test]
    fn a_falling_indicator_is_on_target_at_or_below_the_expected_value() {
        let a = actions();
        let checkpoints = [checkpoint(&a[3], day(3, 1), 20.0)];
        let s = state(
            &a,
            &[],
            &checkpoints,
            &[reading(&a[3], day(3, 5), 18.0)],
            day(4, 1),
        );
        assert_eq!(s.checkpoints[0].on_target, Some(true));
    }

    #[test]
    fn the_checkpoints_of_a_dropped_action_are_waived_not_missed() {
        let a = actions();
        let checkpoints = [checkpoint(&a[2], day(5, 1), 40.0)];
        let updates = [update(&a[2], day(5, 20), Status::Dropped, "1")];
        let s = state(&a, &updates, &checkpoints, &[], day(6, 1));
        assert_eq!(s.checkpoints[0].state, CheckpointState::Waived);
        assert!(s.missed.is_empty());
    }

    #[test]
    fn the_program_lists_reviews_and_checkpoints_in_date_order() {
        let a = actions();
        let reviews = [
            Review {
                id: ReviewId::named(&["second"]),
                date: day(9, 1),
                title: "Segunda revisión".into(),
                notes: String::new(),
            },
            Review {
                id: ReviewId::named(&["first"]),
                date: day(6, 1),
                title: "Primera revisión".into(),
                notes: String::new(),
            },
        ];
        let checkpoints = [
            checkpoint(&a[2], day(6, 1), 50.0),
            checkpoint(&a[0], day(6, 1), 10.0),
            checkpoint(&a[2], day(3, 1), 20.0),
        ];
        let order: Vec<(NaiveDate, String)> = program(&reviews, &checkpoints, &a)
            .iter()
            .map(|e| match e {
                ProgramEntry::Review { date, title, .. } => (*date, title.clone()),
                ProgramEntry::Checkpoint {
                    date, action_title, ..
                } => (*date, action_title.clone()),
            })
            .collect();
        assert_eq!(
            order,
            [
                (day(3, 1), "Registro de embarazadas".into()),
                (day(6, 1), "Primera revisión".into()),
                (day(6, 1), "Ronda médica".into()),
                (day(6, 1), "Registro de embarazadas".into()),
                (day(9, 1), "Segunda revisión".into()),
            ]
        );
    }

    #[test]
    fn a_percent_is_for_an_action_in_progress_and_from_0_to_100() {
        let input = |status, percent| StatusInput {
            action: ActionId::named(&["a"]),
            session_date: "2026-04-10".into(),
            review: None,
            status,
            percent,
            comment: String::new(),
        };
        assert!(input(Status::InProgress, Some(40)).validate().is_ok());
        assert!(input(Status::Done, None).validate().is_ok());
        assert_eq!(
            input(Status::Done, Some(100))
                .validate()
                .unwrap_err()
                .code(),
            "percent_not_in_progress"
        );
        assert_eq!(
            input(Status::InProgress, Some(101))
                .validate()
                .unwrap_err()
                .code(),
            "percent_out_of_range"
        );
    }
}
