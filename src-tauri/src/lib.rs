//! The desktop shell: one window and thin commands over `cabildo_core`.

mod commands;
mod state;

/// Builds and runs the app. Start-up failures here are fatal by nature.
#[allow(clippy::expect_used)]
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state::AppState::open(chrono::Utc::now()))
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::countries,
            commands::list_workshops,
            commands::get_workshop,
            commands::create_workshop,
            commands::update_workshop,
            commands::set_workshop_archived,
            commands::list_participants,
            commands::add_participant,
            commands::update_participant,
            commands::remove_participant,
            commands::participant_totals,
            commands::preview_participants_csv,
            commands::import_participants_csv,
            commands::export_bundle,
            commands::import_bundle,
            commands::write_report,
            commands::open_path,
        ])
        .run(tauri::generate_context!())
        .expect("the Cabildo window could not start");
}
