//! Voting from the facilitator's window: the LAN server's life, the questions, the
//! results, and the ballots the facilitator keys in (paper, hands). Each command is
//! a call into `cabildo_core` or `cabildo_lan`.

use cabildo_core::ids::{QuestionId, WorkshopId};
use cabildo_core::room::State as RoomState;
use cabildo_core::voting::{self, Question, QuestionInput, Tally, Voter};
use cabildo_core::{Error, Result};
use cabildo_lan::Address;
use serde::Serialize;
use tauri::State;

use super::now;
use crate::state::AppState;

#[derive(Clone, Debug, Serialize)]
pub struct Session {
    pub workshop_id: WorkshopId,
    /// What phones open; the PIN is pre-filled (the QR code carries it).
    pub url: String,
    pub pin: String,
    pub address: String,
}

#[tauri::command]
pub fn network_addresses() -> Vec<Address> {
    cabildo_lan::addresses()
}

/// Starts the server on the chosen address (port 0: any free one), stopping a
/// server that was running.
#[tauri::command]
pub async fn start_voting(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    ip: std::net::IpAddr,
    port: u16,
) -> Result<Session> {
    let mut slot = state.lan.lock().await;
    if let Some((_, server)) = slot.take() {
        server.stop().await;
    }
    let server = cabildo_lan::start(cabildo_lan::Config {
        db: state.database_path.clone(),
        workshop: workshop_id,
        bind: std::net::SocketAddr::new(ip, port),
        pin: None,
        rates: None,
    })
    .await?;
    let session = Session {
        workshop_id,
        url: server.url(),
        pin: server.pin().to_string(),
        address: server.addr().to_string(),
    };
    *slot = Some((session.clone(), server));
    Ok(session)
}

#[tauri::command]
pub async fn stop_voting(state: State<'_, AppState>) -> Result<()> {
    if let Some((_, server)) = state.lan.lock().await.take() {
        server.stop().await;
    }
    Ok(())
}

#[tauri::command]
pub async fn voting_session(state: State<'_, AppState>) -> Result<Option<Session>> {
    Ok(state.lan.lock().await.as_ref().map(|(s, _)| s.clone()))
}

#[tauri::command]
pub fn list_questions(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
) -> Result<Vec<Question>> {
    state.with(|s| voting::list(s, workshop_id))
}

#[tauri::command]
pub fn create_question(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    input: QuestionInput,
) -> Result<Question> {
    state.with(|s| voting::create(s, workshop_id, &input, now()))
}

#[tauri::command]
pub fn set_question_open(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    id: QuestionId,
    open: bool,
) -> Result<Question> {
    state.with(|s| voting::set_open(s, workshop_id, id, open, now()))
}

#[tauri::command]
pub fn set_question_revealed(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    id: QuestionId,
    revealed: bool,
) -> Result<Question> {
    state.with(|s| voting::set_revealed(s, workshop_id, id, revealed, now()))
}

#[tauri::command]
pub fn question_results(state: State<'_, AppState>, id: QuestionId) -> Result<Tally> {
    state.with(|s| voting::results(s, &voting::get(s, id)?))
}

/// What the projector shows: the current question, the counts, the results once revealed.
#[tauri::command]
pub fn room_state(state: State<'_, AppState>, workshop_id: WorkshopId) -> Result<RoomState> {
    state.with(|s| cabildo_core::room::state(s, workshop_id, None))
}

#[tauri::command]
pub fn key_paper_ballot(
    state: State<'_, AppState>,
    id: QuestionId,
    ballot: String,
    answer: serde_json::Value,
) -> Result<Tally> {
    state.with(|s| {
        let workshop = voting::workshop_of(s, id)?;
        voting::cast(s, workshop, id, &Voter::Paper(ballot), None, &answer, now())?;
        voting::results(s, &voting::get(s, id)?)
    })
}

#[tauri::command]
pub fn set_question_hands(
    state: State<'_, AppState>,
    id: QuestionId,
    counts: Vec<(String, u32)>,
) -> Result<Tally> {
    state.with(|s| {
        let q = voting::get(s, id)?;
        voting::set_hand_counts(s, voting::workshop_of(s, id)?, &q, &counts, now())?;
        voting::results(s, &q)
    })
}

#[tauri::command]
pub fn make_voting_codes(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    count: usize,
) -> Result<Vec<String>> {
    if !(1..=2000).contains(&count) {
        return Err(Error::InvalidInput {
            detail: format!("{count} codes: between 1 and 2000"),
        });
    }
    state.with(|s| voting::make_codes(s, workshop_id, count, now()))
}

/// The QR code of a text (the server's URL, or Wi-Fi credentials) as SVG.
#[tauri::command]
pub fn qr_svg(text: String) -> Result<String> {
    cabildo_core::qr::svg(&text)
}

/// The text a phone's camera reads to join the hotspot.
#[tauri::command]
pub fn wifi_qr_text(ssid: String, password: String) -> String {
    cabildo_core::qr::wifi(&ssid, &password)
}

/// Opens (or brings forward) the projected window, full screen on a second display
/// when there is one; with one display it opens as a normal window beside this one.
#[tauri::command]
pub fn open_presenter(app: tauri::AppHandle) -> Result<()> {
    use tauri::Manager;
    if let Some(w) = app.get_webview_window("presenter") {
        return w.set_focus().map_err(window_error);
    }
    let window = tauri::WebviewWindowBuilder::new(
        &app,
        "presenter",
        tauri::WebviewUrl::App("index.html#presenter".into()),
    )
    .title("Cabildo — presentación")
    .inner_size(1280.0, 720.0)
    .build()
    .map_err(window_error)?;
    let monitors = window.available_monitors().map_err(window_error)?;
    let primary = window.primary_monitor().map_err(window_error)?;
    if let Some(second) = monitors.iter().find(|m| {
        primary
            .as_ref()
            .is_none_or(|p| p.position() != m.position())
    }) {
        window
            .set_position(*second.position())
            .map_err(window_error)?;
        window.set_fullscreen(true).map_err(window_error)?;
    }
    Ok(())
}

fn window_error(e: tauri::Error) -> Error {
    Error::InvalidInput {
        detail: format!("the presenter window: {e}"),
    }
}

/// Writes the join card of the running session (Wi-Fi QR when a network name is
/// given, the address's QR, the PIN) into the export folder, or `path`.
#[tauri::command]
pub async fn write_join_card(
    state: State<'_, AppState>,
    ssid: String,
    password: String,
    path: Option<std::path::PathBuf>,
    language: cabildo_core::workshop::Language,
) -> Result<cabildo_core::report::Written> {
    let session = state
        .lan
        .lock()
        .await
        .as_ref()
        .map(|(s, _)| s.clone())
        .ok_or_else(|| Error::InvalidInput {
            detail: "voting is not open".into(),
        })?;
    let title = state.with(|s| Ok(cabildo_core::workshop::get(s, session.workshop_id)?.title))?;
    let path = path.unwrap_or_else(|| {
        state
            .export_dir
            .join(format!("{}.pdf", language_card_name(language)))
    });
    let wifi = cabildo_core::report::join_card::Wifi { ssid, password };
    cabildo_core::report::write_join_card(
        &path,
        &title,
        &session.url,
        &session.pin,
        Some(&wifi),
        language,
        now(),
    )
}

fn language_card_name(language: cabildo_core::workshop::Language) -> String {
    cabildo_core::locale::text(language, "card.title")
}

/// Prints `count` paper ballots for a question into the export folder (or `path`).
#[tauri::command]
pub async fn write_paper_ballots(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    id: QuestionId,
    count: usize,
    path: Option<std::path::PathBuf>,
    language: cabildo_core::workshop::Language,
) -> Result<cabildo_core::report::Written> {
    let path = path.unwrap_or_else(|| {
        state.export_dir.join(format!(
            "{}-{}.pdf",
            cabildo_core::locale::text(language, "ballot.id"),
            &id.to_string()[..8]
        ))
    });
    state.with(|s| {
        cabildo_core::report::write_paper_ballots(s, workshop_id, id, count, &path, language, now())
    })
}

/// Opens a goal's relevance rating to the phones (stage 1 dialogue).
#[tauri::command]
pub fn open_relevance_vote(
    state: State<'_, AppState>,
    workshop_id: WorkshopId,
    goal: String,
) -> Result<Question> {
    state.with(|s| cabildo_core::relevance::open_for_phones(s, workshop_id, &goal, now()))
}
