//! The link to the coordinator's hub: connect with the hub's address and an
//! enrollment code, see what waits to be sent and when the last sync went well,
//! sync now, disconnect. The pushing runs in the background (`state::start_sync`).

use cabildo_core::{Result, sync};
use tauri::State;

use crate::state::AppState;

type SyncView = sync::Status;

fn view(state: &AppState) -> Result<SyncView> {
    state.with(|s| sync::status(s))
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Result<SyncView> {
    view(&state)
}

/// Links this computer to the hub; the first sync (started now) enrolls it.
#[tauri::command]
pub async fn sync_connect(
    state: State<'_, AppState>,
    url: String,
    code: String,
) -> Result<SyncView> {
    // The whole link the hub prints (`cabildo-hub:<url>#<code>`) may be pasted as the address.
    let (url, code) = cabildo_hub::parse_link(&url).unwrap_or((url, code));
    state.with(|s| sync::connect(s, &url, &code))?;
    state.sync.wake();
    view(&state)
}

/// Forgets the hub. Nothing on this computer is deleted.
#[tauri::command]
pub async fn sync_disconnect(state: State<'_, AppState>) -> Result<SyncView> {
    state.with(sync::disconnect)?;
    view(&state)
}

/// Asks the background thread to sync now; `sync-attempt` tells when it has tried.
#[tauri::command]
pub fn sync_now(state: State<'_, AppState>) {
    state.sync.wake();
}
