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
            commands::stage2::prioritization_board,
            commands::stage2::add_candidate,
            commands::stage2::add_proposed_candidates,
            commands::stage2::remove_candidate,
            commands::stage2::add_criterion,
            commands::stage2::rename_criterion,
            commands::stage2::remove_criterion,
            commands::stage2::set_weight_method,
            commands::stage2::set_weight_points,
            commands::stage2::set_pairwise,
            commands::stage2::open_weight_vote,
            commands::stage2::open_scoring,
            commands::stage2::open_lighter_vote,
            commands::stage2::set_group_scores,
            commands::stage2::decide_priority,
            commands::stage2::vester_matrix,
            commands::stage2::add_cause,
            commands::stage2::rename_cause,
            commands::stage2::remove_cause,
            commands::stage2::set_influence,
            commands::stage2::set_cause_place,
            commands::stage2::open_cause_ideas,
            commands::stage1::diagnostic_sheet,
            commands::stage1::set_indicator_value,
            commands::stage1::clear_indicator_value,
            commands::stage1::set_indicator_series,
            commands::stage1::set_national_target,
            commands::stage1::set_indicator_not_applicable,
            commands::stage1::set_period_start,
            commands::stage1::preview_indicator_csv,
            commands::stage1::import_indicator_csv,
            commands::stage1::relevance_summary,
            commands::stage1::set_relevance_hands,
            commands::stage1::set_goal_notes,
            commands::voting::network_addresses,
            commands::voting::start_voting,
            commands::voting::stop_voting,
            commands::voting::voting_session,
            commands::voting::list_questions,
            commands::voting::create_question,
            commands::voting::set_question_open,
            commands::voting::set_question_revealed,
            commands::voting::question_results,
            commands::voting::room_state,
            commands::voting::key_paper_ballot,
            commands::voting::set_question_hands,
            commands::voting::make_voting_codes,
            commands::voting::qr_svg,
            commands::voting::wifi_qr_text,
            commands::voting::open_presenter,
            commands::voting::write_join_card,
            commands::voting::write_paper_ballots,
            commands::voting::open_relevance_vote,
        ])
        .run(tauri::generate_context!())
        .expect("the Cabildo window could not start");
}
