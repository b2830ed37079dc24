//! Stage 3: the matrix of potential actions for the prioritized MDG. Actions are
//! grouped in strategic lines; each has its goal, an indicator (baseline, target,
//! date), the municipal unit in charge, partners from the actor map, dates,
//! resources, the institutional area it strengthens, risks, and its place on the
//! impact/feasibility 2×2 — typed by the facilitator, or voted by the room from
//! their phones. From the matrix follow the management plan, the agenda of
//! commitments and the follow-up program.

pub mod commitments;
pub mod follow_up;
pub mod plan;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actors::{self, Actor};
use crate::ids::{ActionId, ActorId, AreaId, LineId, WorkshopId};
use crate::institutions::{self, Area};
use crate::prioritization::{self, Decision, QuestionStatus};
use crate::store::{self, Store};
use crate::time::{Timestamp, parse_date};
use crate::voting::{self, Kind, Scale, Tally};
use crate::{Error, Result, catalogue, currency, locale};

/// The question in which the room places the actions on the impact/feasibility 2×2.
pub const IMPACT_FEASIBILITY_SUBJECT: &str = "actions:impact_feasibility";

const LINES: &str = "strategic_lines";
const ACTIONS: &str = "actions";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub id: LineId,
    pub title: String,
}

/// An actor an action counts on, and what it brings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub actor: ActorId,
    #[serde(default)]
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    pub line: LineId,
    pub title: String,
    /// The action's goal (meta), in the room's words.
    pub goal: String,
    /// The catalogue's target it contributes to.
    pub mdg_target: Option<String>,
    pub indicator_name: String,
    pub indicator_unit: String,
    /// The catalogue's indicator, when the action's indicator is one of the 60.
    pub indicator_code: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub target_date: Option<NaiveDate>,
    pub responsible_unit: String,
    pub partners: Vec<Partner>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub amount: Option<f64>,
    /// ISO 4217.
    pub currency: Option<String>,
    pub funding_source: String,
    /// The institutional area the action strengthens.
    pub area: Option<AreaId>,
    pub risks: String,
    /// The facilitator's placement on the 2×2, 1 (low) to 5 (high).
    pub impact: Option<u8>,
    pub feasibility: Option<u8>,
    pub updated_at: String,
}

/// An action as the screen sends it: dates as typed (empty for none), so a bad
/// one can be named in the error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionInput {
    pub line: Option<LineId>,
    pub title: String,
    pub goal: String,
    pub mdg_target: Option<String>,
    pub indicator_name: String,
    pub indicator_unit: String,
    pub indicator_code: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<String>,
    pub target_value: Option<f64>,
    pub target_date: Option<String>,
    pub responsible_unit: String,
    pub partners: Vec<Partner>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub amount: Option<f64>,
    pub currency: Option<String>,
    pub funding_source: String,
    pub area: Option<AreaId>,
    pub risks: String,
    pub impact: Option<i64>,
    pub feasibility: Option<i64>,
}

/// An action that passed every check of its own (references are checked against
/// the workshop when it is saved).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidAction {
    pub line: LineId,
    pub title: String,
    pub goal: String,
    pub mdg_target: Option<String>,
    pub indicator_name: String,
    pub indicator_unit: String,
    pub indicator_code: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub target_date: Option<NaiveDate>,
    pub responsible_unit: String,
    pub partners: Vec<Partner>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub amount: Option<f64>,
    pub currency: Option<String>,
    pub funding_source: String,
    pub area: Option<AreaId>,
    pub risks: String,
    pub impact: Option<u8>,
    pub feasibility: Option<u8>,
}

fn optional_text(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn optional_date(s: &Option<String>) -> Result<Option<NaiveDate>> {
    optional_text(s).map(|d| parse_date(&d)).transpose()
}

fn finite(v: Option<f64>) -> Result<Option<f64>> {
    match v {
        Some(x) if !x.is_finite() => Err(Error::NotANumber {
            value: x.to_string(),
        }),
        _ => Ok(v),
    }
}

/// A 1–5 placement on the 2×2, or none.
fn placement(v: Option<i64>) -> Result<Option<u8>> {
    v.map(|v| Scale::ONE_TO_FIVE.check(v).map(|()| v as u8))
        .transpose()
}

impl ActionInput {
    pub fn validate(&self) -> Result<ValidAction> {
        let line = self
            .line
            .ok_or_else(|| Error::not_found("strategic line"))?;
        let title = self.title.trim();
        if title.is_empty() {
            return Err(Error::ActionTitleEmpty);
        }
        let start_date = optional_date(&self.start_date)?;
        let end_date = optional_date(&self.end_date)?;
        if let (Some(start), Some(end)) = (start_date, end_date)
            && end < start
        {
            return Err(Error::ActionEndsBeforeStart {
                start: start.to_string(),
                end: end.to_string(),
            });
        }
        let amount = finite(self.amount)?;
        if let Some(a) = amount
            && a < 0.0
        {
            return Err(Error::NegativeAmount {
                amount: a.to_string(),
            });
        }
        let currency = optional_text(&self.currency)
            .map(|c| currency::normalize(&c).ok_or(Error::UnknownCurrency { currency: c }))
            .transpose()?;
        let mdg_target = optional_text(&self.mdg_target);
        if let Some(code) = &mdg_target
            && !catalogue::mdg().targets().any(|t| &t.code == code)
        {
            return Err(Error::UnknownSubject { code: code.clone() });
        }
        let indicator_code = optional_text(&self.indicator_code);
        if let Some(code) = &indicator_code
            && catalogue::mdg().indicator(code).is_none()
        {
            return Err(Error::UnknownIndicator { code: code.clone() });
        }
        let mut partners: Vec<Partner> = Vec::new();
        for p in &self.partners {
            if !partners.iter().any(|q| q.actor == p.actor) {
                partners.push(Partner {
                    actor: p.actor,
                    role: p.role.trim().to_string(),
                });
            }
        }
        Ok(ValidAction {
            line,
            title: title.to_string(),
            goal: self.goal.trim().to_string(),
            mdg_target,
            indicator_name: self.indicator_name.trim().to_string(),
            indicator_unit: self.indicator_unit.trim().to_string(),
            indicator_code,
            baseline_value: finite(self.baseline_value)?,
            baseline_date: optional_date(&self.baseline_date)?,
            target_value: finite(self.target_value)?,
            target_date: optional_date(&self.target_date)?,
            responsible_unit: self.responsible_unit.trim().to_string(),
            partners,
            start_date,
            end_date,
            amount,
            currency,
            funding_source: self.funding_source.trim().to_string(),
            area: self.area,
            risks: self.risks.trim().to_string(),
            impact: placement(self.impact)?,
            feasibility: placement(self.feasibility)?,
        })
    }
}

/// Where the room placed an action on the 2×2: the means of the phones' placements
/// (0–1 each), and the same on the facilitator's 1–5 scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomPlacement {
    pub action: ActionId,
    pub impact: f64,
    pub feasibility: f64,
    pub impact_1_5: f64,
    pub feasibility_1_5: f64,
    /// Ballots that placed it.
    pub n: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomVote {
    pub question: QuestionStatus,
    pub placements: Vec<RoomPlacement>,
}

/// Everything the action matrix screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Board {
    /// The prioritized MDG or target the plan is for.
    pub decision: Option<Decision>,
    pub lines: Vec<Line>,
    /// By line, in the lines' order, then in each line's order.
    pub actions: Vec<Action>,
    /// For the partner and area choices.
    pub actors: Vec<Actor>,
    pub areas: Vec<Area>,
    /// The plan's default currency for new actions.
    pub currency: Option<String>,
    pub room: Option<RoomVote>,
    /// Actions that block closing the stage.
    pub without_responsible: Vec<ActionId>,
    pub closed_at: Option<String>,
}

/// Sets the workshop up for stage 3 the first time: the plan's record and the
/// default institutional areas. Later calls change nothing.
pub fn start(store: &mut Store, workshop: WorkshopId, now: Timestamp) -> Result<()> {
    crate::workshop::get(store, workshop)?;
    store.with_tx(|tx, device| store::actions::ensure_plan(tx, device, workshop, now))?;
    institutions::start(store, workshop, now)
}

pub fn lines(store: &Store, workshop: WorkshopId) -> Result<Vec<Line>> {
    store::actions::lines_of(store.conn(), workshop)
}

pub fn add_line(
    store: &mut Store,
    workshop: WorkshopId,
    title: &str,
    now: Timestamp,
) -> Result<LineId> {
    if title.trim().is_empty() {
        return Err(Error::LineTitleEmpty);
    }
    crate::workshop::get(store, workshop)?;
    let id = LineId::new();
    store
        .with_tx(|tx, device| store::actions::insert_line(tx, device, workshop, id, title, now))?;
    Ok(id)
}

pub fn rename_line(
    store: &mut Store,
    workshop: WorkshopId,
    id: LineId,
    title: &str,
    now: Timestamp,
) -> Result<()> {
    if title.trim().is_empty() {
        return Err(Error::LineTitleEmpty);
    }
    store.with_tx(|tx, device| {
        store::owned(tx, LINES, &id, workshop, "strategic line")?;
        store::actions::set_line_title(tx, device, id, title, now)
    })
}

/// Removes a strategic line and its actions, with their partners, checkpoints and
/// links from commitments (the removals travel in bundles like any edit).
pub fn remove_line(
    store: &mut Store,
    workshop: WorkshopId,
    id: LineId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, LINES, &id, workshop, "strategic line")?;
        for action in store::actions::action_ids_of_line(tx, id)? {
            store::actions::delete_action(tx, device, action, now)?;
        }
        if !store::soft_delete(tx, device, LINES, &id, now)? {
            return Err(Error::not_found("strategic line"));
        }
        Ok(())
    })
}

/// The workshop's actions, by line and then in each line's order.
pub fn actions(store: &Store, workshop: WorkshopId) -> Result<Vec<Action>> {
    store::actions::actions_of(store.conn(), workshop)
}

pub fn get(store: &Store, id: ActionId) -> Result<Action> {
    store::actions::action(store.conn(), id)?.ok_or_else(|| Error::not_found("action"))
}

/// Checks that what an action refers to is the workshop's.
fn check_refs(store: &Store, workshop: WorkshopId, v: &ValidAction) -> Result<()> {
    if !lines(store, workshop)?.iter().any(|l| l.id == v.line) {
        return Err(Error::not_found("strategic line"));
    }
    if let Some(area) = v.area
        && !institutions::areas(store, workshop)?
            .iter()
            .any(|a| a.id == area)
    {
        return Err(Error::not_found("institutional area"));
    }
    let actors = actors::list(store, workshop)?;
    if v.partners
        .iter()
        .any(|p| !actors.iter().any(|a| a.id == p.actor))
    {
        return Err(Error::not_found("actor"));
    }
    Ok(())
}

pub fn add_action(
    store: &mut Store,
    workshop: WorkshopId,
    input: &ActionInput,
    now: Timestamp,
) -> Result<Action> {
    let valid = input.validate()?;
    crate::workshop::get(store, workshop)?;
    check_refs(store, workshop, &valid)?;
    let id = ActionId::new();
    store.with_tx(|tx, device| {
        store::actions::ensure_plan(tx, device, workshop, now)?;
        store::actions::put_action(tx, device, workshop, id, &valid, now)
    })?;
    get(store, id)
}

/// Saves the whole action as the screen shows it; a refused edit leaves the last
/// valid one.
pub fn update_action(
    store: &mut Store,
    workshop: WorkshopId,
    id: ActionId,
    input: &ActionInput,
    now: Timestamp,
) -> Result<Action> {
    let valid = input.validate()?;
    store::owned(store.conn(), ACTIONS, &id, workshop, "action")?;
    check_refs(store, workshop, &valid)?;
    store.with_tx(|tx, device| {
        store::owned(tx, ACTIONS, &id, workshop, "action")?;
        store::actions::put_action(tx, device, workshop, id, &valid, now)
    })?;
    get(store, id)
}

/// Removes an action with its partners and checkpoints; commitments linked to it
/// stay, unlinked. Its follow-up history stays in the file, out of sight.
pub fn remove_action(
    store: &mut Store,
    workshop: WorkshopId,
    id: ActionId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, ACTIONS, &id, workshop, "action")?;
        store::actions::delete_action(tx, device, id, now)
    })
}

/// The currency offered for new actions.
pub fn set_currency(
    store: &mut Store,
    workshop: WorkshopId,
    code: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    let code = code
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| {
            currency::normalize(c).ok_or_else(|| Error::UnknownCurrency {
                currency: c.to_string(),
            })
        })
        .transpose()?;
    crate::workshop::get(store, workshop)?;
    store.with_tx(|tx, device| {
        store::actions::set_plan_currency(tx, device, workshop, code.as_deref(), now)
    })
}

/// Closes stage 3: the matrix is the plan the room agreed. Refused, naming them,
/// while an action has no responsible unit; nothing changes then.
pub fn close_stage(store: &mut Store, workshop: WorkshopId, now: Timestamp) -> Result<()> {
    let missing: Vec<String> = actions(store, workshop)?
        .into_iter()
        .filter(|a| a.responsible_unit.is_empty())
        .map(|a| format!("«{}»", a.title))
        .collect();
    if !missing.is_empty() {
        return Err(Error::ActionWithoutResponsible {
            actions: missing.join(", "),
        });
    }
    store.with_tx(|tx, device| store::actions::set_closed(tx, device, workshop, Some(now), now))
}

/// Opens stage 3 again for changes to the matrix.
pub fn reopen_stage(store: &mut Store, workshop: WorkshopId, now: Timestamp) -> Result<()> {
    store.with_tx(|tx, device| store::actions::set_closed(tx, device, workshop, None, now))
}

/// When stage 3 was closed, if it is.
pub fn closed_at(store: &Store, workshop: WorkshopId) -> Result<Option<String>> {
    Ok(store::actions::plan(store.conn(), workshop)?.and_then(|p| p.closed_at))
}

/// Opens the 2×2 to the phones: each person places every action by impact and
/// feasibility. The question follows the actions as they are now.
pub fn open_grid(
    store: &mut Store,
    workshop: WorkshopId,
    now: Timestamp,
) -> Result<voting::Question> {
    let language = crate::workshop::get(store, workshop)?.language;
    let list: Vec<(String, String)> = actions(store, workshop)?
        .into_iter()
        .map(|a| (a.id.to_string(), a.title))
        .collect();
    if list.len() < 2 {
        return Err(Error::NothingToPlace);
    }
    let prompt = locale::text(language, "actions.phone_grid");
    let q = voting::ensure_question(
        store,
        workshop,
        Kind::Grid,
        IMPACT_FEASIBILITY_SUBJECT,
        &prompt,
        None,
        &list,
        &[],
        now,
    )?;
    voting::set_open(store, workshop, q.id, true, now)
}

/// The room's mean placement of each action it placed (actions no ballot placed
/// are left out).
pub fn room_vote(store: &Store, workshop: WorkshopId) -> Result<Option<RoomVote>> {
    let Some(q) = voting::question_about(store, workshop, IMPACT_FEASIBILITY_SUBJECT)? else {
        return Ok(None);
    };
    let tally = voting::results(store, &q)?;
    let mut placements = Vec::new();
    if let Tally::Options { options, .. } = &tally {
        for a in actions(store, workshop)? {
            let option = voting::option_id(q.id, &a.id.to_string()).to_string();
            let Some(o) = options.iter().find(|o| o.option == option) else {
                continue;
            };
            if let (Some(impact), Some(feasibility)) = (o.impact, o.feasibility) {
                placements.push(RoomPlacement {
                    action: a.id,
                    impact,
                    feasibility,
                    impact_1_5: to_one_to_five(impact),
                    feasibility_1_5: to_one_to_five(feasibility),
                    n: o.count,
                });
            }
        }
    }
    Ok(Some(RoomVote {
        question: QuestionStatus {
            id: q.id,
            state: q.state,
            revealed: q.revealed,
            ballots: tally.n(),
        },
        placements,
    }))
}

/// A phone's 0–1 placement on the facilitator's 1–5 scale (0 → 1, ½ → 3, 1 → 5).
pub fn to_one_to_five(unit: f64) -> f64 {
    1.0 + 4.0 * unit.clamp(0.0, 1.0)
}

/// Takes the room's placements as the facilitator's (rounded to whole points) for
/// every action the room placed.
pub fn adopt_room_placements(
    store: &mut Store,
    workshop: WorkshopId,
    now: Timestamp,
) -> Result<u32> {
    let Some(vote) = room_vote(store, workshop)? else {
        return Ok(0);
    };
    store.with_tx(|tx, device| {
        for p in &vote.placements {
            store::actions::set_placement(
                tx,
                device,
                p.action,
                p.impact_1_5.round() as u8,
                p.feasibility_1_5.round() as u8,
                now,
            )?;
        }
        Ok(vote.placements.len() as u32)
    })
}

pub fn board(store: &Store, workshop: WorkshopId) -> Result<Board> {
    let actions = actions(store, workshop)?;
    let plan = store::actions::plan(store.conn(), workshop)?;
    Ok(Board {
        decision: prioritization::decision(store, workshop)?,
        lines: lines(store, workshop)?,
        without_responsible: actions
            .iter()
            .filter(|a| a.responsible_unit.is_empty())
            .map(|a| a.id)
            .collect(),
        actions,
        actors: actors::list(store, workshop)?,
        areas: institutions::areas(store, workshop)?,
        currency: plan.as_ref().and_then(|p| p.currency.clone()),
        closed_at: plan.and_then(|p| p.closed_at),
        room: room_vote(store, workshop)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ActionInput {
        ActionInput {
            line: Some(LineId::named(&["line"])),
            title: "Ronda médica mensual".into(),
            start_date: Some("2026-04-01".into()),
            end_date: Some("2026-12-31".into()),
            amount: Some(1_500_000.0),
            currency: Some("clp".into()),
            ..ActionInput::default()
        }
    }

    #[test]
    fn a_valid_action_keeps_its_dates_and_a_normalized_currency() {
        let v = input().validate().unwrap();
        assert_eq!(v.currency.as_deref(), Some("CLP"));
        assert_eq!(v.start_date, NaiveDate::from_ymd_opt(2026, 4, 1));
    }

    #[test]
    fn an_action_ending_before_it_starts_is_refused_with_both_dates() {
        let mut bad = input();
        bad.end_date = Some("2026-03-31".into());
        let err = bad.validate().unwrap_err();
        assert_eq!(err.code(), "action_ends_before_start");
        assert_eq!(err.params()["end"], "2026-03-31");
        assert_eq!(err.params()["start"], "2026-04-01");
    }

    #[test]
    fn an_action_may_start_and_end_the_same_day() {
        let mut one_day = input();
        one_day.end_date = one_day.start_date.clone();
        assert!(one_day.validate().is_ok());
    }

    #[test]
    fn a_negative_or_impossible_amount_is_refused() {
        let mut bad = input();
        bad.amount = Some(-10.0);
        assert_eq!(bad.validate().unwrap_err().code(), "negative_amount");
        bad.amount = Some(f64::INFINITY);
        assert_eq!(bad.validate().unwrap_err().code(), "not_a_number");
    }

    #[test]
    fn an_unknown_currency_or_placement_off_the_scale_is_refused() {
        let mut bad = input();
        bad.currency = Some("PESOS".into());
        assert_eq!(bad.validate().unwrap_err().code(), "unknown_currency");
        let mut bad = input();
        bad.impact = Some(6);
        assert_eq!(bad.validate().unwrap_err().code(), "rating_out_of_scale");
    }

    #[test]
    fn the_phones_unit_square_maps_onto_one_to_five() {
        assert_eq!(to_one_to_five(0.0), 1.0);
        assert_eq!(to_one_to_five(0.5), 3.0);
        assert_eq!(to_one_to_five(1.0), 5.0);
    }
}
