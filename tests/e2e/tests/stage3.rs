//! Stage 3 in the real app: strategic lines and actions typed in the matrix, the
//! refusals a facilitator meets (end before start, a negative amount, closing with
//! an action nobody is responsible for), and the stage closed; the rows are read
//! back from the database file after the app is gone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cabildo_core::prioritization::{self, Origin, SubjectKind};
use cabildo_core::workshop::{self, Language, TerritoryInput, TerritoryLevel, WorkshopInput};
use cabildo_core::{Store, actions};
use cabildo_e2e::{App, Profile};

/// A workshop whose Stage 2 chose target 5.A (a filled database skips the demo).
fn prepared(profile: &Profile) -> cabildo_core::ids::WorkshopId {
    std::fs::create_dir_all(profile.database().parent().unwrap()).unwrap();
    let now = chrono::Utc::now();
    let mut store = Store::open(&profile.database(), now).unwrap();
    let input = WorkshopInput {
        title: "Plan de acción — Ninhue, Región de Ñuble".into(),
        start_date: "2026-03-10".into(),
        end_date: "2026-03-11".into(),
        language: Some(Language::Es),
        facilitators: vec!["Ana Pérez".into()],
        territories: vec![TerritoryInput {
            id: None,
            name: "Ninhue".into(),
            level: TerritoryLevel::Municipality,
            country: "CL".into(),
        }],
        agenda: vec![],
    };
    let w = workshop::create(&mut store, &input, now).unwrap();
    prioritization::start(&mut store, w.id, now).unwrap();
    let c = prioritization::add_candidate(
        &mut store,
        w.id,
        SubjectKind::Target,
        "5.A",
        Origin::Added,
        now,
    )
    .unwrap();
    prioritization::decide(&mut store, w.id, c, "Mortalidad materna alta", now).unwrap();
    w.id
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn two_lines_of_actions_are_typed_refused_where_wrong_and_the_stage_closed() {
    let profile = Profile::new();
    let w = prepared(&profile);
    let app = App::start(&profile).await;
    app.wait_text("[data-testid=workshop-card]", |t| t.contains("Ninhue"))
        .await;
    app.click("[data-testid=workshop-card]").await;
    app.click("[data-testid=tab-actions]").await;
    app.wait_text("[data-testid=actions-priority]", |t| t.contains("5.A"))
        .await;

    let lines = [
        "Acceso a controles prenatales",
        "Educación sexual en los liceos",
    ];
    for (l, line) in lines.iter().enumerate() {
        app.type_into("[data-testid=line-new]", line).await;
        app.click("[data-testid=line-add]").await;
        let title = app.wait_for(&format!("[data-testid=line-title-{l}]")).await;
        assert_eq!(title.prop("value").await.unwrap().as_deref(), Some(*line));
    }
    for (l, action) in [
        (0, "Ronda médica rural"),
        (0, "Casa de espera en Quirihue"),
        (1, "Talleres en el Liceo de Ninhue"),
    ] {
        app.type_into(&format!("[data-testid=action-new-{l}]"), action)
            .await;
        app.click(&format!("[data-testid=action-add-{l}]")).await;
        app.wait_for(&format!(
            "[data-testid=action-row-{l}-{}]",
            usize::from(action.starts_with("Casa"))
        ))
        .await;
    }

    // The end before the start is refused with both dates named; the typed date stays.
    app.set_value(
        "[data-testid=action-responsible-0-0]",
        "Departamento de Salud",
    )
    .await;
    app.set_value("[data-testid=action-start-0-0]", "2026-04-01")
        .await;
    app.set_value("[data-testid=action-end-0-0]", "2026-03-01")
        .await;
    app.wait_text("[data-testid=action-error-0-0]", |t| {
        t.contains("2026-03-01") && t.contains("2026-04-01")
    })
    .await;
    app.screenshot("40-actions-end-before-start").await;
    app.set_value("[data-testid=action-end-0-0]", "2026-12-31")
        .await;
    app.set_value("[data-testid=action-amount-0-0]", "-5").await;
    app.wait_text("[data-testid=action-error-0-0]", |t| t.contains("-5"))
        .await;
    app.set_value("[data-testid=action-amount-0-0]", "1.500.000")
        .await;
    app.set_value("[data-testid=action-currency-0-0]", "clp")
        .await;
    app.set_value("[data-testid=action-source-0-0]", "FNDR")
        .await;
    app.wait_text("[data-testid=line-totals-0]", |t| {
        t.contains("1.500.000") && t.contains("CLP")
    })
    .await;

    // Closing is refused while an action has nobody responsible, naming it.
    app.click("[data-testid=close-stage]").await;
    app.wait_text("[data-testid=close-error]", |t| {
        t.contains("Casa de espera en Quirihue")
    })
    .await;
    app.set_value("[data-testid=action-responsible-0-1]", "Cesfam de Quirihue")
        .await;
    app.set_value("[data-testid=action-responsible-1-0]", "DAEM Ninhue")
        .await;
    // Every row has its unit once the saves are through: no row is marked missing.
    for _ in 0..100 {
        let missing = app
            .client
            .execute(
                "return document.querySelectorAll('[data-testid^=action-row-].missing').length",
                vec![],
            )
            .await
            .unwrap();
        if missing == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.scroll_to_top_of("[data-testid=actions-matrix]").await;
    app.screenshot("41-actions-matrix").await;
    app.click("[data-testid=close-stage]").await;
    app.wait_for("[data-testid=stage-closed]").await;
    app.screenshot("42-actions-stage-closed").await;
    app.quit().await;

    let store = Store::open(&profile.database(), chrono::Utc::now()).unwrap();
    let all = actions::actions(&store, w).unwrap();
    assert_eq!(all.len(), 3);
    let first = all
        .iter()
        .find(|a| a.title == "Ronda médica rural")
        .unwrap();
    assert_eq!(first.amount, Some(1_500_000.0));
    assert_eq!(first.currency.as_deref(), Some("CLP"));
    assert_eq!(first.end_date.unwrap().to_string(), "2026-12-31");
    assert!(actions::closed_at(&store, w).unwrap().is_some());
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn the_example_workshop_shows_its_actors_weak_areas_and_an_overdue_action() {
    let profile = Profile::new();
    let app = App::start(&profile).await;
    app.wait_text("[data-testid=workshop-card]", |t| {
        t.contains("Valle del Itata")
    })
    .await;
    app.click("[data-testid=workshop-card]").await;

    app.click("[data-testid=tab-institutions]").await;
    app.wait_for("[data-testid=actor-grid]").await;
    let weak = app.wait_for("[data-testid=weak-areas]").await;
    assert_eq!(weak.attr("data-count").await.unwrap().as_deref(), Some("3"));
    app.scroll_to_top_of("[data-testid=actor-grid]").await;
    app.screenshot("43-actor-grid").await;
    app.scroll_to_top_of("[data-testid=weak-areas]").await;
    app.screenshot("44-weak-areas").await;

    // The plan on a timeline, and the agenda printed with its signature lines.
    app.click("[data-testid=tab-plan]").await;
    app.wait_for("[data-testid=plan-bar-0-0]").await;
    app.scroll_to_top_of("[data-testid=plan-gantt]").await;
    app.screenshot("45-management-plan").await;
    app.click("[data-testid=print-commitments]").await;
    let pdf = app.text("[data-testid=commitments-path]").await;
    let text = std::process::Command::new("pdftotext")
        .args([pdf.trim(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Agenda de compromisos") && text.contains("Begoña Núñez"),
        "{text}"
    );
    app.click("[data-testid=export-xlsx]").await;
    app.wait_text("[data-testid=tables-written]", |t| t.contains(".xlsx"))
        .await;

    // The example's follow-up session was on 2026-05-15; by mid-October one action
    // is past its end and not done.
    app.click("[data-testid=tab-follow_up]").await;
    app.set_value("[data-testid=follow-up-today]", "2026-10-15")
        .await;
    app.wait_text("[data-testid=overdue-0]", |t| {
        t.contains("Registro intercomunal de embarazo adolescente")
    })
    .await;
    assert_eq!(app.texts("[data-testid^=overdue-]").await.len(), 1);
    app.screenshot("46-follow-up-overdue").await;
    app.quit().await;
}
