//! The coordinator's view: many workshop files merged into this installation's
//! database (or a hub's database opened read-only), their totals, workshops,
//! commitments and conflicts, and the tables and summary they export.

use std::path::{Path, PathBuf};

use cabildo_core::coordinator::{self, CommitmentRow, Filter, Totals, WorkshopRow};
use cabildo_core::ids::{ConflictId, DeviceId};
use cabildo_core::merge::{self, Admission, Conflict, FileResult};
use cabildo_core::prioritization::{SubjectKind, subject_title};
use cabildo_core::time::parse_date;
use cabildo_core::workshop::Language;
use cabildo_core::{Result, bundle, locale, report, tables, trust};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, State};

use super::now;
use crate::state::AppState;

/// Which database the view shows.
#[derive(Serialize)]
pub struct Source {
    /// The hub's database open read-only, or `None` for this computer's own.
    hub_path: Option<String>,
    read_only: bool,
}

fn source(state: &AppState) -> Source {
    let hub_path = state.viewed_path().map(|p| p.display().to_string());
    Source {
        read_only: hub_path.is_some(),
        hub_path,
    }
}

#[derive(Serialize)]
pub struct Dashboard {
    source: Source,
    /// "711 participantes, 342 mujeres y 369 hombres, de 20 países".
    summary: String,
    totals: Totals,
    /// The eight MDGs' titles in the chosen language, goal 1 first.
    goal_titles: Vec<String>,
    workshops: Vec<WorkshopRow>,
    commitments: Vec<CommitmentRow>,
    conflicts: Vec<Conflict>,
}

/// Everything the view shows for `filter`, as it stands on `today` ('YYYY-MM-DD').
#[tauri::command]
pub async fn coordinator_dashboard(
    state: State<'_, AppState>,
    filter: Filter,
    language: Language,
    today: String,
) -> Result<Dashboard> {
    let today = parse_date(&today)?;
    let source = source(&state);
    state.with_view(|s| {
        let totals = coordinator::totals(s, &filter, today)?;
        Ok(Dashboard {
            source,
            summary: coordinator::summary_line(language, &totals),
            goal_titles: (1..=8)
                .map(|g| {
                    subject_title(SubjectKind::Goal, &g.to_string())
                        .map(|t| t.get(language).to_string())
                        .unwrap_or_default()
                })
                .collect(),
            totals,
            workshops: coordinator::workshops(s, &filter, today)?,
            commitments: coordinator::commitments(s, &filter, today)?,
            conflicts: merge::conflicts(s)?,
        })
    })
}

/// One file of an import, as the list shows it.
#[derive(Serialize)]
pub struct FileReport {
    path: String,
    name: String,
    #[serde(flatten)]
    result: FileResult,
}

#[derive(Clone, Serialize)]
struct Progress<'a> {
    done: usize,
    total: usize,
    file: &'a FileReport,
}

/// Merges files one by one (each all-or-nothing), accepting only trusted devices.
/// A folder stands for its `.cabildo` files. Emits `coordinator-import-progress`
/// ({done, total, file}) after each file so the window can draw a progress bar.
#[tauri::command]
pub async fn coordinator_import(app: AppHandle, paths: Vec<PathBuf>) -> Result<Vec<FileReport>> {
    let work = move || {
        let state = app.state::<AppState>();
        let files = bundle::files_in(&paths)?;
        let total = files.len();
        let mut out = Vec::with_capacity(total);
        for (i, path) in files.iter().enumerate() {
            // The database is locked per file: the window keeps answering in between.
            let result =
                state.with(|s| Ok(merge::merge_file(s, path, Admission::TrustedKeys, now())));
            let report = FileReport {
                path: path.display().to_string(),
                name: file_name(path),
                result: result.unwrap_or_else(|error| FileResult::Rejected {
                    error,
                    signer: None,
                }),
            };
            // A lost progress event only delays the bar; the import goes on.
            let _ = app.emit(
                "coordinator-import-progress",
                Progress {
                    done: i + 1,
                    total,
                    file: &report,
                },
            );
            out.push(report);
        }
        Ok(out)
    };
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| cabildo_core::Error::InvalidInput {
            detail: e.to_string(),
        })?
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A device a person decided to trust, with the key its file was signed with.
#[derive(Deserialize)]
pub struct Trusted {
    device_id: DeviceId,
    public_key: String,
    label: String,
}

/// Trusts each device (a device already trusted with the same key is left as it is).
#[tauri::command]
pub fn coordinator_trust(state: State<'_, AppState>, devices: Vec<Trusted>) -> Result<()> {
    state.with(|s| {
        for d in &devices {
            trust::trust(
                s,
                d.device_id,
                &d.public_key,
                &d.label,
                trust::Source::Accepted,
                now(),
            )?;
        }
        Ok(())
    })
}

/// Marks a conflict as looked at; the rows stay as merged.
#[tauri::command]
pub fn coordinator_resolve_conflict(state: State<'_, AppState>, id: ConflictId) -> Result<()> {
    state.with(|s| merge::resolve_conflict(s, id, now()))
}

/// Opens a hub's database read-only for the view; this computer's stays as it is.
#[tauri::command]
pub fn coordinator_open_hub(state: State<'_, AppState>, path: PathBuf) -> Result<Source> {
    state.open_view(&path)?;
    Ok(source(&state))
}

/// Back to this computer's database.
#[tauri::command]
pub fn coordinator_close_hub(state: State<'_, AppState>) -> Source {
    state.close_view();
    source(&state)
}

#[tauri::command]
pub fn coordinator_source(state: State<'_, AppState>) -> Source {
    source(&state)
}

/// "Coordinación 2026-11-25" in the export folder: the name of what the view writes.
fn export_base(state: &AppState, language: Language) -> PathBuf {
    let name = locale::format(
        language,
        "coordinator.export.file_name",
        &[("date", &now().date_naive().to_string())],
    );
    state.export_dir.join(name)
}

/// Writes the coordinator's four tables as one workbook to `path`, or into the export folder.
#[tauri::command]
pub async fn write_coordinator_xlsx(
    state: State<'_, AppState>,
    filter: Filter,
    language: Language,
    path: Option<PathBuf>,
) -> Result<tables::Written> {
    let path = path.unwrap_or_else(|| export_base(&state, language).with_extension("xlsx"));
    state.with_view(|s| coordinator::write_xlsx(s, &filter, language, &path, now()))
}

/// Writes each coordinator table as `<key>.csv` into `dir`, or into a folder in the export folder.
#[tauri::command]
pub async fn write_coordinator_csv(
    state: State<'_, AppState>,
    filter: Filter,
    language: Language,
    dir: Option<PathBuf>,
) -> Result<Vec<tables::Written>> {
    let dir = dir.unwrap_or_else(|| export_base(&state, language));
    state.with_view(|s| coordinator::write_csv(s, &filter, language, &dir, now()))
}

/// Writes the consolidated PDF summary to `path`, or into the export folder.
#[tauri::command]
pub async fn write_coordinator_summary(
    state: State<'_, AppState>,
    filter: Filter,
    language: Language,
    path: Option<PathBuf>,
) -> Result<report::Written> {
    let path = path.unwrap_or_else(|| export_base(&state, language).with_extension("pdf"));
    state.with_view(|s| coordinator::write_summary_pdf(s, &filter, language, &path, now()))
}
