//! Stage 2: prioritization and the Vester matrix. Every edit answers with the whole
//! board (or matrix) recomputed, so rankings, weights and quadrants follow at once.

use cabildo_core::Result;
use cabildo_core::ids::{CandidateId, CauseId, CriterionId, WorkshopId};
use cabildo_core::prioritization::{self as p, Board, Origin, SubjectKind, WeightMethod};
use cabildo_core::vester::{self, Matrix, TreePlace};
use cabildo_core::voting::Kind;
use tauri::State;

use super::now;
use crate::state::AppState;

/// The board, after setting the workshop up for stage 2 on its first visit.
#[tauri::command]
pub fn prioritization_board(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Board> {
    state.with(|s| {
        p::start(s, workshop_id, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn add_candidate(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    kind: SubjectKind,
    code: String,
) -> Result<Board> {
    state.with(|s| {
        p::add_candidate(s, workshop_id, kind, &code, Origin::Added, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn add_proposed_candidates(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
) -> Result<Board> {
    state.with(|s| {
        p::add_proposals(s, workshop_id, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn remove_candidate(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    candidate_id: CandidateId,
) -> Result<Board> {
    state.with(|s| {
        p::remove_candidate(s, workshop_id, candidate_id, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn add_criterion(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    label: String,
) -> Result<Board> {
    state.with(|s| {
        p::add_criterion(s, workshop_id, &label, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn rename_criterion(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    criterion_id: CriterionId,
    label: String,
) -> Result<Board> {
    state.with(|s| {
        p::rename_criterion(s, workshop_id, criterion_id, &label, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn remove_criterion(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    criterion_id: CriterionId,
) -> Result<Board> {
    state.with(|s| {
        p::remove_criterion(s, workshop_id, criterion_id, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn set_weight_method(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    method: WeightMethod,
) -> Result<Board> {
    state.with(|s| {
        p::set_method(s, workshop_id, method, now())?;
        p::board(s, workshop_id)
    })
}

/// `points`: [criterion id, points] for every criterion; they must add up to 100.
#[tauri::command]
pub fn set_weight_points(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    points: Vec<(CriterionId, i64)>,
) -> Result<Board> {
    state.with(|s| {
        p::set_points(s, workshop_id, &points, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn set_pairwise(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    first: CriterionId,
    second: CriterionId,
    value: f64,
) -> Result<Board> {
    state.with(|s| {
        p::set_pair(s, workshop_id, first, second, value, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn open_weight_vote(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Board> {
    state.with(|s| {
        p::open_weight_vote(s, workshop_id, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn open_scoring(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Board> {
    state.with(|s| {
        p::open_scoring(s, workshop_id, now())?;
        p::board(s, workshop_id)
    })
}

/// `kind`: "dots" or "ranking".
#[tauri::command]
pub fn open_lighter_vote(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    kind: Kind,
) -> Result<Board> {
    state.with(|s| {
        p::open_lighter(s, workshop_id, kind, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn set_group_scores(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    candidate_id: CandidateId,
    scores: Vec<(CriterionId, i64)>,
) -> Result<Board> {
    state.with(|s| {
        p::set_group_scores(s, workshop_id, candidate_id, &scores, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn decide_priority(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    candidate_id: CandidateId,
    reasons: String,
) -> Result<Board> {
    state.with(|s| {
        p::decide(s, workshop_id, candidate_id, &reasons, now())?;
        p::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn vester_matrix(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Matrix> {
    state.with(|s| vester::matrix(s, workshop_id))
}

#[tauri::command]
pub fn add_cause(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    label: String,
    sources: Vec<String>,
) -> Result<Matrix> {
    state.with(|s| {
        vester::add_cause(s, workshop_id, &label, &sources, now())?;
        vester::matrix(s, workshop_id)
    })
}

#[tauri::command]
pub fn rename_cause(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    cause_id: CauseId,
    label: String,
) -> Result<Matrix> {
    state.with(|s| {
        vester::rename_cause(s, workshop_id, cause_id, &label, now())?;
        vester::matrix(s, workshop_id)
    })
}

#[tauri::command]
pub fn remove_cause(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    cause_id: CauseId,
) -> Result<Matrix> {
    state.with(|s| {
        vester::remove_cause(s, workshop_id, cause_id, now())?;
        vester::matrix(s, workshop_id)
    })
}

#[tauri::command]
pub fn set_influence(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    from: CauseId,
    to: CauseId,
    value: i64,
) -> Result<Matrix> {
    state.with(|s| {
        vester::set_influence(s, workshop_id, from, to, value, now())?;
        vester::matrix(s, workshop_id)
    })
}

/// `place`: null puts the cause back where its quadrant says.
#[tauri::command]
pub fn set_cause_place(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    cause_id: CauseId,
    place: Option<TreePlace>,
) -> Result<Matrix> {
    state.with(|s| {
        vester::set_place(s, workshop_id, cause_id, place, now())?;
        vester::matrix(s, workshop_id)
    })
}

#[tauri::command]
pub fn open_cause_ideas(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Matrix> {
    state.with(|s| {
        vester::open_ideas(s, workshop_id, now())?;
        vester::matrix(s, workshop_id)
    })
}
