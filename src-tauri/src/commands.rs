//! The window's commands. Each one is a call into `cabildo_core`; nothing here
//! decides anything that the CLI or the LAN server would need too.

use std::path::PathBuf;

use cabildo_core::bundle::{self, ImportReport};
use cabildo_core::catalogue::{self, Country};
use cabildo_core::ids::{ParticipantId, WorkshopId};
use cabildo_core::participants::{self, Participant, ParticipantInput, Totals};
use cabildo_core::participants_csv::{self, Preview};
use cabildo_core::report::{self, Written};
use cabildo_core::workshop::{self, Language, Workshop, WorkshopInput, WorkshopSummary};
use cabildo_core::{APP_VERSION, Error, Result};
use serde::Serialize;
use tauri::State;
use tauri_plugin_opener::OpenerExt;

use crate::state::AppState;

pub mod coordinator;
pub mod stage1;
pub mod stage2;
pub mod stage3;
pub mod sync;
pub mod voting;

pub(crate) fn now() -> cabildo_core::time::Timestamp {
    chrono::Utc::now()
}

#[derive(Serialize)]
pub struct AppInfo {
    app_version: &'static str,
    device_id: String,
    database_path: String,
    export_dir: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    let device_id = state.with(|s| Ok(s.device_id().to_string()))?;
    Ok(AppInfo {
        app_version: APP_VERSION,
        device_id,
        database_path: state.database_path.display().to_string(),
        export_dir: state.export_dir.display().to_string(),
    })
}

#[tauri::command]
pub fn countries() -> &'static [Country] {
    catalogue::countries()
}

#[tauri::command]
pub fn list_workshops(
    state: State<'_, AppState>,
    include_archived: bool,
) -> Result<Vec<WorkshopSummary>> {
    state.with(|s| workshop::list(s, include_archived))
}

#[tauri::command]
pub fn get_workshop(state: State<'_, AppState>, id: WorkshopId) -> Result<Workshop> {
    state.with(|s| workshop::get(s, id))
}

#[tauri::command]
pub fn create_workshop(state: State<'_, AppState>, input: WorkshopInput) -> Result<Workshop> {
    state.with(|s| workshop::create(s, &input, now()))
}

#[tauri::command]
pub fn update_workshop(
    state: State<'_, AppState>,
    id: WorkshopId,
    input: WorkshopInput,
) -> Result<Workshop> {
    state.with(|s| workshop::update(s, id, &input, now()))
}

#[tauri::command]
pub fn set_workshop_archived(
    state: State<'_, AppState>,
    id: WorkshopId,
    archived: bool,
) -> Result<()> {
    state.with(|s| workshop::set_archived(s, id, archived, now()))
}

#[tauri::command]
pub fn list_participants(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
) -> Result<Vec<Participant>> {
    state.with(|s| participants::list(s, workshop_id))
}

#[tauri::command]
pub fn add_participant(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    input: ParticipantInput,
) -> Result<Participant> {
    state.with(|s| participants::add(s, workshop_id, &input, now()))
}

#[tauri::command]
pub fn update_participant(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    id: ParticipantId,
    input: ParticipantInput,
) -> Result<Participant> {
    state.with(|s| participants::update(s, workshop_id, id, &input, now()))
}

#[tauri::command]
pub fn remove_participant(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    id: ParticipantId,
) -> Result<()> {
    state.with(|s| participants::remove(s, workshop_id, id, now()))
}

#[tauri::command]
pub fn participant_totals(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<Totals> {
    state.with(|s| participants::totals(s, workshop_id))
}

#[tauri::command]
pub fn preview_participants_csv(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    path: PathBuf,
) -> Result<Preview> {
    state.with(|s| participants_csv::preview_file(s, workshop_id, &path))
}

#[tauri::command]
pub fn import_participants_csv(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    path: PathBuf,
) -> Result<u32> {
    state.with(|s| participants_csv::import_file(s, workshop_id, &path, now()))
}

#[derive(Serialize)]
pub struct Exported {
    path: String,
    bytes: u64,
}

/// Without a path the file goes to the export folder, named after the workshop.
fn target(
    state: &AppState,
    s: &cabildo_core::Store,
    id: WorkshopId,
    path: Option<PathBuf>,
    ext: &str,
) -> Result<PathBuf> {
    match path {
        Some(p) => Ok(p),
        None => Ok(state
            .export_dir
            .join(bundle::file_name(&workshop::get(s, id)?, ext))),
    }
}

#[tauri::command]
pub async fn export_bundle(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    path: Option<PathBuf>,
) -> Result<Exported> {
    state.with(|s| {
        let path = target(&state, s, workshop_id, path, "cabildo")?;
        let bytes = bundle::export_to_file(s, workshop_id, &path, now())?;
        Ok(Exported {
            path: path.display().to_string(),
            bytes,
        })
    })
}

#[tauri::command]
pub async fn import_bundle(state: State<'_, AppState>, path: PathBuf) -> Result<ImportReport> {
    state.with(|s| bundle::import_file(s, &path))
}

#[tauri::command]
pub async fn write_report(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    path: Option<PathBuf>,
    language: Language,
) -> Result<Written> {
    state.with(|s| {
        let path = target(&state, s, workshop_id, path, "pdf")?;
        report::write_workshop_pdf(s, workshop_id, language, &path, now())
    })
}

#[tauri::command]
pub fn open_path(app: tauri::AppHandle, path: String) -> Result<()> {
    app.opener()
        .open_path(&path, None::<&str>)
        .map_err(|e| Error::Io {
            detail: format!("{path}: {e}"),
        })
}
