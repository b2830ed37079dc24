//! Stage 3: the action matrix, the agenda of commitments, the follow-up program,
//! the actor map and the institutional analysis. Every edit answers with the whole
//! board of its screen, so derived lists (actions without a responsible unit,
//! overdue actions, the power/interest grid, areas to strengthen) follow at once.

use std::path::PathBuf;

use cabildo_core::Result;
use cabildo_core::actions::commitments::{self, Commitment, CommitmentInput};
use cabildo_core::actions::follow_up::{self, StatusInput};
use cabildo_core::actions::plan::{self, Plan};
use cabildo_core::actions::{self, ActionInput, Board};
use cabildo_core::actors::{self, ActorInput};
use cabildo_core::ids::{
    ActionId, ActorId, AreaId, CheckpointId, CommitmentId, IndicatorValueId, LineId, ReviewId,
    StatusUpdateId, WorkshopId,
};
use cabildo_core::institutions::{self, Analysis, Level};
use cabildo_core::store::Store;
use cabildo_core::time::parse_date;
use cabildo_core::workshop::{self, Language};
use cabildo_core::{bundle, locale, report, tables};
use tauri::State;

use super::{now, target};
use crate::state::AppState;

// ---- The action matrix ----

/// The board, after setting the workshop up for stage 3 on its first visit.
#[tauri::command]
pub fn actions_board(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Board> {
    state.with(|s| {
        actions::start(s, workshop_id, now())?;
        actions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn add_line(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    title: String,
) -> Result<Board> {
    state.with(|s| {
        actions::add_line(s, workshop_id, &title, now())?;
        actions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn rename_line(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    line_id: LineId,
    title: String,
) -> Result<Board> {
    state.with(|s| {
        actions::rename_line(s, workshop_id, line_id, &title, now())?;
        actions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn remove_line(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    line_id: LineId,
) -> Result<Board> {
    state.with(|s| {
        actions::remove_line(s, workshop_id, line_id, now())?;
        actions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn add_action(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    input: ActionInput,
) -> Result<Board> {
    state.with(|s| {
        actions::add_action(s, workshop_id, &input, now())?;
        actions::board(s, workshop_id)
    })
}

/// `input` is the whole action as the screen shows it.
#[tauri::command]
pub fn update_action(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    action_id: ActionId,
    input: ActionInput,
) -> Result<Board> {
    state.with(|s| {
        actions::update_action(s, workshop_id, action_id, &input, now())?;
        actions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn remove_action(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    action_id: ActionId,
) -> Result<Board> {
    state.with(|s| {
        actions::remove_action(s, workshop_id, action_id, now())?;
        actions::board(s, workshop_id)
    })
}

/// `currency`: an ISO 4217 code, or null for none.
#[tauri::command]
pub fn set_plan_currency(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    currency: Option<String>,
) -> Result<Board> {
    state.with(|s| {
        actions::set_currency(s, workshop_id, currency.as_deref(), now())?;
        actions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn close_actions_stage(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Board> {
    state.with(|s| {
        actions::close_stage(s, workshop_id, now())?;
        actions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn reopen_actions_stage(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Board> {
    state.with(|s| {
        actions::reopen_stage(s, workshop_id, now())?;
        actions::board(s, workshop_id)
    })
}

/// Phones place every action on the impact/feasibility 2×2.
#[tauri::command]
pub fn open_grid_vote(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Board> {
    state.with(|s| {
        actions::open_grid(s, workshop_id, now())?;
        actions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn adopt_room_placements(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Board> {
    state.with(|s| {
        actions::adopt_room_placements(s, workshop_id, now())?;
        actions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn management_plan(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Plan> {
    state.with(|s| plan::of(s, workshop_id))
}

// ---- The agenda of commitments (answers in the order they were written) ----

#[tauri::command]
pub fn list_commitments(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
) -> Result<Vec<Commitment>> {
    state.with(|s| commitments::list(s, workshop_id))
}

#[tauri::command]
pub fn add_commitment(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    input: CommitmentInput,
) -> Result<Vec<Commitment>> {
    state.with(|s| {
        commitments::add(s, workshop_id, &input, now())?;
        commitments::list(s, workshop_id)
    })
}

#[tauri::command]
pub fn update_commitment(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    commitment_id: CommitmentId,
    input: CommitmentInput,
) -> Result<Vec<Commitment>> {
    state.with(|s| {
        commitments::update(s, workshop_id, commitment_id, &input, now())?;
        commitments::list(s, workshop_id)
    })
}

#[tauri::command]
pub fn remove_commitment(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    commitment_id: CommitmentId,
) -> Result<Vec<Commitment>> {
    state.with(|s| {
        commitments::remove(s, workshop_id, commitment_id, now())?;
        commitments::list(s, workshop_id)
    })
}

// ---- What the facilitator takes away: the agenda to sign and the tables ----

/// Writes the Agenda of Commitments PDF to `path`, or into the export folder.
#[tauri::command]
pub async fn write_commitments(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    path: Option<PathBuf>,
    language: Language,
) -> Result<report::Written> {
    state.with(|s| {
        let path = match path {
            Some(p) => p,
            None => {
                let title = locale::text(language, "report.commitments.title");
                let name = bundle::file_name(&workshop::get(s, workshop_id)?, "pdf");
                state.export_dir.join(format!("{title} - {name}"))
            }
        };
        report::write_commitments(s, workshop_id, language, &path, now())
    })
}

/// Writes every Stage 3 table as one workbook to `path`, or into the export folder.
#[tauri::command]
pub async fn write_tables_xlsx(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    path: Option<PathBuf>,
    language: Language,
) -> Result<tables::Written> {
    state.with(|s| {
        let path = target(&state, s, workshop_id, path, "xlsx")?;
        tables::write_xlsx(s, workshop_id, language, &path, now())
    })
}

/// Writes each Stage 3 table as `<key>.csv` into `dir`, or into a folder named
/// after the workshop in the export folder.
#[tauri::command]
pub async fn write_tables_csv(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    dir: Option<PathBuf>,
    language: Language,
) -> Result<Vec<tables::Written>> {
    state.with(|s| {
        let dir = match dir {
            Some(d) => d,
            None => target(&state, s, workshop_id, None, "csv")?.with_extension(""),
        };
        tables::write_csv(s, workshop_id, language, &dir, now())
    })
}

// ---- The follow-up program: `today` ('YYYY-MM-DD') is the day the screen shows ----

fn follow_up_at(s: &Store, workshop: WorkshopId, today: &str) -> Result<follow_up::Board> {
    follow_up::board(s, workshop, parse_date(today)?)
}

#[tauri::command]
pub fn follow_up_board(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
) -> Result<follow_up::Board> {
    state.with(|s| follow_up_at(s, workshop_id, &today))
}

#[tauri::command]
pub fn add_review(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    date: String,
    title: String,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::add_review(s, workshop_id, &date, &title, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

#[tauri::command]
pub fn update_review(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    review_id: ReviewId,
    date: String,
    title: String,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::update_review(s, workshop_id, review_id, &date, &title, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

#[tauri::command]
pub fn set_review_notes(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    review_id: ReviewId,
    notes: String,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::set_review_notes(s, workshop_id, review_id, &notes, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

#[tauri::command]
pub fn remove_review(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    review_id: ReviewId,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::remove_review(s, workshop_id, review_id, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

#[tauri::command]
pub fn add_checkpoint(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    action_id: ActionId,
    date: String,
    expected: f64,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::add_checkpoint(s, workshop_id, action_id, &date, expected, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

#[tauri::command]
pub fn remove_checkpoint(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    checkpoint_id: CheckpointId,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::remove_checkpoint(s, workshop_id, checkpoint_id, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

#[tauri::command]
pub fn record_status(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    input: StatusInput,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::record_status(s, workshop_id, &input, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

/// Several actions' status at one session, all or none.
#[tauri::command]
pub fn record_session(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    inputs: Vec<StatusInput>,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::record_session(s, workshop_id, &inputs, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

#[tauri::command]
pub fn withdraw_status(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    status_id: StatusUpdateId,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::withdraw_status(s, workshop_id, status_id, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

/// A value of an action's indicator, measured on `date`.
#[tauri::command]
pub fn record_reading(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    action_id: ActionId,
    date: String,
    value: f64,
    comment: String,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::record_value(s, workshop_id, action_id, &date, value, &comment, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

#[tauri::command]
pub fn remove_reading(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    today: String,
    reading_id: IndicatorValueId,
) -> Result<follow_up::Board> {
    state.with(|s| {
        follow_up::remove_value(s, workshop_id, reading_id, now())?;
        follow_up_at(s, workshop_id, &today)
    })
}

// ---- The actor map ----

#[tauri::command]
pub fn actor_board(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<actors::Board> {
    state.with(|s| actors::board(s, workshop_id))
}

#[tauri::command]
pub fn add_actor(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    input: ActorInput,
) -> Result<actors::Board> {
    state.with(|s| {
        actors::add(s, workshop_id, &input, now())?;
        actors::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn update_actor(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    actor_id: ActorId,
    input: ActorInput,
) -> Result<actors::Board> {
    state.with(|s| {
        actors::update(s, workshop_id, actor_id, &input, now())?;
        actors::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn remove_actor(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    actor_id: ActorId,
) -> Result<actors::Board> {
    state.with(|s| {
        actors::remove(s, workshop_id, actor_id, now())?;
        actors::board(s, workshop_id)
    })
}

// ---- The institutional analysis ----

/// The analysis, after giving the workshop its default areas on the first visit.
#[tauri::command]
pub fn institutions_board(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Analysis> {
    state.with(|s| {
        actions::start(s, workshop_id, now())?;
        institutions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn add_institutional_area(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    label: String,
) -> Result<Analysis> {
    state.with(|s| {
        institutions::add_area(s, workshop_id, &label, now())?;
        institutions::board(s, workshop_id)
    })
}

/// An empty label gives a default area its translated name back.
#[tauri::command]
pub fn rename_institutional_area(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    area_id: AreaId,
    label: String,
) -> Result<Analysis> {
    state.with(|s| {
        institutions::rename_area(s, workshop_id, area_id, &label, now())?;
        institutions::board(s, workshop_id)
    })
}

/// `capacity`: 1 (weak) … 5 (strong), or null for not rated yet.
#[tauri::command]
pub fn rate_institutional_area(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    area_id: AreaId,
    capacity: Option<i64>,
    gaps: String,
) -> Result<Analysis> {
    state.with(|s| {
        institutions::rate_area(s, workshop_id, area_id, capacity, &gaps, now())?;
        institutions::board(s, workshop_id)
    })
}

#[tauri::command]
pub fn remove_institutional_area(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    area_id: AreaId,
) -> Result<Analysis> {
    state.with(|s| {
        institutions::remove_area(s, workshop_id, area_id, now())?;
        institutions::board(s, workshop_id)
    })
}

/// Empty unit and notes remove the record of that target and level.
#[tauri::command]
pub fn set_competence(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    target: String,
    level: Level,
    unit: String,
    notes: String,
) -> Result<Analysis> {
    state.with(|s| {
        institutions::set_competence(s, workshop_id, &target, level, &unit, &notes, now())?;
        institutions::board(s, workshop_id)
    })
}
