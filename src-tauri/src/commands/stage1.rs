//! Stage 1: the diagnostic and the relevance dialogue. Every edit of the diagnostic
//! answers with the recomputed sheet, so the grid shows the new lights at once.

use std::path::PathBuf;

use cabildo_core::Result;
use cabildo_core::diagnostic::PeriodStart;
use cabildo_core::ids::WorkshopId;
use cabildo_core::indicators::{self, Area, NationalTarget, SeriesSettings, Sheet, ValueInput};
use cabildo_core::indicators_csv::{self, Preview};
use cabildo_core::relevance::{self, Relevance};
use chrono::Datelike;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use super::now;
use crate::state::AppState;

#[tauri::command]
pub fn diagnostic_sheet(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Sheet> {
    state.with(|s| indicators::sheet(s, workshop_id))
}

#[tauri::command]
pub fn set_indicator_value(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    value: ValueInput,
) -> Result<Sheet> {
    state.with(|s| {
        indicators::set_value(s, workshop_id, &value, now())?;
        indicators::sheet(s, workshop_id)
    })
}

#[tauri::command]
pub fn clear_indicator_value(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    indicator: String,
    area: Area,
    year: i32,
) -> Result<Sheet> {
    state.with(|s| {
        indicators::clear_value(s, workshop_id, &indicator, &area, year, now())?;
        indicators::sheet(s, workshop_id)
    })
}

#[tauri::command]
pub fn set_indicator_series(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    indicator: String,
    area: Area,
    settings: SeriesSettings,
) -> Result<Sheet> {
    state.with(|s| {
        indicators::set_series(s, workshop_id, &indicator, &area, &settings, now())?;
        indicators::sheet(s, workshop_id)
    })
}

#[tauri::command]
pub fn set_national_target(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    country: String,
    indicator: String,
    target: Option<NationalTarget>,
) -> Result<Sheet> {
    state.with(|s| {
        indicators::set_national_target(
            s,
            workshop_id,
            &country,
            &indicator,
            target.as_ref(),
            now(),
        )?;
        indicators::sheet(s, workshop_id)
    })
}

#[tauri::command]
pub fn set_indicator_not_applicable(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    indicator: String,
    not_applicable: bool,
) -> Result<Sheet> {
    state.with(|s| {
        indicators::set_not_applicable(s, workshop_id, &indicator, not_applicable, now())?;
        indicators::sheet(s, workshop_id)
    })
}

#[tauri::command]
pub fn set_period_start(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    start: PeriodStart,
) -> Result<Sheet> {
    let year = match start {
        PeriodStart::Year(y) => Some(y),
        PeriodStart::FirstObservation => None,
    };
    state.with(|s| {
        indicators::set_period_start(s, workshop_id, year, now())?;
        indicators::sheet(s, workshop_id)
    })
}

#[tauri::command]
pub async fn preview_indicator_csv(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    path: PathBuf,
) -> Result<Preview> {
    state.with(|s| indicators_csv::preview_file(s, workshop_id, &path, now().year()))
}

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

/// Async, so the window keeps drawing the progress bar while a big file is written.
#[tauri::command]
pub async fn import_indicator_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    path: PathBuf,
) -> Result<u32> {
    state.with(|s| {
        indicators_csv::import_file(s, workshop_id, &path, now(), |done, total| {
            // A lost progress event only delays the bar; the import goes on.
            let _ = app.emit("indicator-import-progress", Progress { done, total });
        })
    })
}

#[tauri::command]
pub fn relevance_summary(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Relevance> {
    state.with(|s| relevance::summary(s, workshop_id))
}

#[tauri::command]
pub fn set_relevance_hands(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    goal: String,
    counts: [u32; 5],
) -> Result<Relevance> {
    state.with(|s| {
        relevance::set_hand_counts(s, workshop_id, &goal, counts, now())?;
        relevance::summary(s, workshop_id)
    })
}

#[tauri::command]
pub fn set_goal_notes(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    goal: String,
    notes: String,
) -> Result<()> {
    state.with(|s| relevance::set_notes(s, workshop_id, &goal, &notes, now()))
}
