//! Stage 3 in the real app: strategic lines and actions typed in the matrix, the
//! refusals a facilitator meets (end before start, a negative amount, closing with
//! an action nobody is responsible for), and the stage closed; the rows are read
//! back from the database file after the app is gone.
//! A third test goes through the whole stage on a prepared workshop: an actor and
//! three areas rated, five actions (one with every field in its detail view), the
//! room's 2×2 from three phones over loopback, a commitment printed, and a
//! follow-up session a month later with one action overdue.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cabildo_core::actions::{commitments, follow_up};
use cabildo_core::prioritization::{self, Origin, SubjectKind};
use cabildo_core::workshop::{self, Language, TerritoryInput, TerritoryLevel, WorkshopInput};
use cabildo_core::{Store, actions, institutions};
use cabildo_e2e::{App, Phone, Profile, Voting};
use serde_json::{Map, json};

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

/// Where the room places each action on the 2×2 (impact, feasibility, 0–1): the
/// three phones spread a quarter either side, so the mean is this.
fn room_place(label: &str) -> (f64, f64) {
    if label.contains("Ronda") {
        (0.75, 0.5)
    } else if label.contains("Casa") {
        (0.75, 0.25)
    } else if label.contains("Registro") {
        (0.25, 0.75)
    } else if label.contains("Talleres") {
        (0.5, 0.75)
    } else {
        (0.25, 0.25)
    }
}

/// A phone joins with the PIN and places every action on the open 2×2.
fn phone_places(base: &str, pin: &str, phone: usize) {
    let device = Phone::join(&Voting {
        base: base.into(),
        pin: pin.into(),
    });
    let state = device.state();
    let q = &state["question"];
    assert_eq!(q["kind"], "grid", "{state}");
    let options = q["options"].as_array().unwrap();
    assert_eq!(options.len(), 5, "{state}");
    let spread = (phone as f64 - 1.0) * 0.25;
    let mut placements = Map::new();
    for option in options {
        let (impact, feasibility) = room_place(option["label"].as_str().unwrap());
        placements.insert(
            option["id"].as_str().unwrap().to_string(),
            json!({"impact": impact + spread, "feasibility": feasibility - spread}),
        );
    }
    let ballot = json!({
        "question_id": q["id"],
        "client_ballot_id": format!("grid-{phone}"),
        "answer": {"placements": placements},
    });
    let (status, body) = device.send(&ballot);
    assert_eq!(status, 200, "{body}");
}

/// The position of the follow-up session's row that shows `title`.
async fn session_row(app: &App, title: &str) -> usize {
    let rows = app.texts("[data-testid^=session-row-]").await;
    rows.iter()
        .position(|r| r.contains(title))
        .unwrap_or_else(|| panic!("no session row for {title}: {rows:?}"))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn five_actions_placed_by_the_room_committed_and_followed_up_a_month_later() {
    let profile = Profile::new();
    let w = prepared(&profile);
    let app = App::start(&profile).await;
    app.wait_text("[data-testid=workshop-card]", |t| t.contains("Ninhue"))
        .await;
    app.click("[data-testid=workshop-card]").await;

    // The phones need the voting server: started on loopback from the voting tab.
    let Voting { base, pin } = app.start_voting_on_loopback().await;

    // An actor to partner with, and three institutional areas rated (two weak).
    app.click("[data-testid=tab-institutions]").await;
    app.wait_for("[data-testid=actors-section]").await;
    app.type_into("[data-testid=actor-new-name]", "Seremi de Salud Ñuble")
        .await;
    app.set_value("[data-testid=actor-new-type]", "public")
        .await;
    app.click("[data-testid=actor-add]").await;
    app.wait_for("[data-testid=actor-row-0]").await;
    app.set_value("[data-testid=actor-power-0]", "4").await;
    app.set_value("[data-testid=actor-interest-0]", "5").await;
    app.set_value("[data-testid=actor-stance-0]", "supportive")
        .await;
    app.wait_for("[data-testid=actor-row-0][data-engagement=manage_closely]")
        .await;
    let actor_id = app
        .wait_for("[data-testid=actor-row-0]")
        .await
        .attr("data-id")
        .await
        .unwrap()
        .unwrap();
    let ratings = [
        ("2", "Sin profesional dedicado a proyectos"),
        ("4", "Presupuesto municipal ordenado"),
        ("1", "Sin registro comunal de embarazadas"),
    ];
    for (i, (capacity, gaps)) in ratings.iter().enumerate() {
        app.set_value(&format!("[data-testid=area-capacity-{i}]"), capacity)
            .await;
        app.set_value(&format!("[data-testid=area-gaps-{i}]"), gaps)
            .await;
    }
    let weak = app
        .wait_for("[data-testid=weak-areas][data-count='2']")
        .await;
    assert!(weak.text().await.unwrap().len() > 1);
    let area_id = app
        .wait_for("[data-testid=area-row-0].weak")
        .await
        .attr("data-id")
        .await
        .unwrap()
        .unwrap();
    app.scroll_to_top_of("[data-testid=areas-table]").await;
    app.screenshot("47-institutional-areas-rated").await;

    // Two strategic lines and five actions typed in the matrix.
    app.click("[data-testid=tab-actions]").await;
    app.wait_text("[data-testid=actions-priority]", |t| t.contains("5.A"))
        .await;
    for (l, line) in [
        "Acceso a controles prenatales",
        "Educación sexual en los liceos",
    ]
    .iter()
    .enumerate()
    {
        app.type_into("[data-testid=line-new]", line).await;
        app.click("[data-testid=line-add]").await;
        app.wait_for(&format!("[data-testid=line-title-{l}]")).await;
    }
    let rows = [
        (0, 0, "Ronda médica rural"),
        (0, 1, "Casa de espera en Quirihue"),
        (0, 2, "Registro comunal de embarazadas"),
        (1, 0, "Talleres en el Liceo de Ninhue"),
        (1, 1, "Consejería juvenil en el Cesfam"),
    ];
    for (l, a, title) in rows {
        app.type_into(&format!("[data-testid=action-new-{l}]"), title)
            .await;
        app.click(&format!("[data-testid=action-add-{l}]")).await;
        app.wait_for(&format!("[data-testid=action-row-{l}-{a}]"))
            .await;
    }
    // Quick entry of the others: their units and, for two, their dates.
    for (cell, value) in [
        ("responsible-0-1", "Cesfam de Quirihue"),
        ("start-0-1", "2026-04-01"),
        ("end-0-1", "2026-06-30"),
        ("responsible-0-2", "Departamento de Salud"),
        ("responsible-1-0", "DAEM Ninhue"),
        ("start-1-0", "2026-04-15"),
        ("end-1-0", "2026-05-31"),
        ("responsible-1-1", "Cesfam de Ninhue"),
    ] {
        app.set_value(&format!("[data-testid=action-{cell}]"), value)
            .await;
    }

    // The first action with every field, through its detail view.
    app.click("[data-testid=action-open-0-0]").await;
    app.wait_for("[data-testid=action-detail]").await;
    for (field, value) in [
        (
            "goal",
            "Que toda embarazada rural tenga su primer control antes de la semana 14",
        ),
        ("target", "5.A"),
        (
            "indicator-name",
            "Embarazadas con control antes de la semana 14",
        ),
        ("indicator-unit", "%"),
        ("baseline-value", "62,5"),
        ("baseline-date", "2025-12-31"),
        ("target-value", "85"),
        ("target-date", "2027-03-31"),
        ("responsible", "Departamento de Salud Municipal"),
        ("start", "2026-04-01"),
        ("end", "2027-03-31"),
        ("amount", "12.000.000"),
        ("currency", "CLP"),
        ("source", "FNDR"),
        ("area", &area_id),
        ("risks", "Caminos cortados en invierno; rotación de médicos"),
        ("impact", "5"),
        ("feasibility", "5"),
    ] {
        app.set_value(&format!("[data-testid=detail-{field}]"), value)
            .await;
    }
    app.click("[data-testid=partner-0]").await;
    app.set_value("[data-testid=partner-role-0]", "Médicos y vehículo")
        .await;
    app.wait_text("[data-testid=save-status]", |t| t.contains('✓'))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(
        app.texts("[data-testid=action-detail-error]")
            .await
            .is_empty()
    );
    app.screenshot("48-action-detail").await;
    app.click("[data-testid=action-detail-close]").await;
    let ronda = app
        .wait_for("[data-testid=action-row-0-0]")
        .await
        .attr("data-id")
        .await
        .unwrap()
        .unwrap();
    app.wait_text("[data-testid=line-totals-0]", |t| {
        t.contains("12.000.000") && t.contains("CLP")
    })
    .await;
    app.scroll_to_top_of("[data-testid=actions-matrix]").await;
    app.screenshot("49-actions-matrix-five").await;

    // The room places the five actions on the 2×2 from three phones.
    app.click("[data-testid=open-grid-vote]").await;
    app.wait_for("[data-testid=grid-vote-status][data-state=open]")
        .await;
    let (b, p) = (base.clone(), pin.clone());
    tokio::task::spawn_blocking(move || {
        for phone in 0..3 {
            phone_places(&b, &p, phone);
        }
    })
    .await
    .unwrap();
    app.wait_for("[data-testid=grid-vote-status][data-ballots='3']")
        .await;
    app.click("[data-testid=close-grid-vote]").await;
    app.wait_for("[data-testid=grid-vote-status][data-state=closed]")
        .await;
    app.wait_text("[data-testid=grid-room-0-0]", |t| t.contains('3'))
        .await;
    app.click("[data-testid=adopt-room-placements]").await;
    app.wait_text("[data-testid=grid-adopted]", |t| t.contains('5'))
        .await;
    app.wait_for("[data-testid=action-impact-0-0]").await;
    for _ in 0..50 {
        let v = app
            .wait_for("[data-testid=action-feasibility-0-0]")
            .await
            .prop("value")
            .await
            .unwrap();
        if v.as_deref() == Some("3") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.scroll_to_top_of("[data-testid=actions-grid]").await;
    app.screenshot("50-room-2x2-adopted").await;

    // A commitment, and the Agenda of Commitments printed.
    app.click("[data-testid=tab-plan]").await;
    app.wait_for("[data-testid=plan-bar-0-0]").await;
    app.type_into("[data-testid=commitment-new-who]", "Luis Soto")
        .await;
    app.type_into(
        "[data-testid=commitment-new-institution]",
        "Departamento de Salud Municipal",
    )
    .await;
    app.set_value(
        "[data-testid=commitment-new-what]",
        "Programar la primera ronda médica rural\ncon la Seremi",
    )
    .await;
    app.set_value("[data-testid=commitment-new-due]", "2026-04-30")
        .await;
    app.set_value("[data-testid=commitment-new-action]", &ronda)
        .await;
    app.click("[data-testid=commitment-add]").await;
    app.wait_for("[data-testid=commitment-row-0]").await;
    app.scroll_to_top_of("[data-testid=plan-commitments]").await;
    app.screenshot("51-commitment-added").await;
    app.click("[data-testid=print-commitments]").await;
    let pdf = app.text("[data-testid=commitments-path]").await;
    let text = std::process::Command::new("pdftotext")
        .args([pdf.trim(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Agenda de compromisos")
            && text.contains("Luis Soto")
            && text.contains("Programar la primera ronda"),
        "{text}"
    );

    // A month after the workshop, a follow-up session marks two actions.
    app.click("[data-testid=tab-follow_up]").await;
    app.wait_for("[data-testid=session-row-4]").await;
    app.set_value("[data-testid=session-date]", "2026-04-10")
        .await;
    let r = session_row(&app, "Ronda médica rural").await;
    let t = session_row(&app, "Talleres en el Liceo").await;
    app.set_value(&format!("[data-testid=session-status-{r}]"), "in_progress")
        .await;
    app.set_value(&format!("[data-testid=session-percent-{r}]"), "40")
        .await;
    app.set_value(
        &format!("[data-testid=session-comment-{r}]"),
        "Primera ronda hecha en Coipín",
    )
    .await;
    app.set_value(&format!("[data-testid=session-status-{t}]"), "done")
        .await;
    app.screenshot("52-follow-up-session").await;
    app.click("[data-testid=session-save]").await;
    app.wait_text("[data-testid=session-notice]", |t| t.contains('2'))
        .await;
    app.wait_for(&format!(
        "[data-testid=status-{r}][data-status=in_progress]"
    ))
    .await;
    app.wait_for(&format!("[data-testid=status-{t}][data-status=done]"))
        .await;
    app.wait_for(&format!("[data-testid=progress-{r}][data-percent='40']"))
        .await;

    // By mid-July the house in Quirihue is past its end and not done: overdue; the
    // workshops in the school ended too, but they are done.
    app.set_value("[data-testid=follow-up-today]", "2026-07-15")
        .await;
    app.wait_text("[data-testid=overdue-0]", |t| {
        t.contains("Casa de espera en Quirihue")
    })
    .await;
    assert_eq!(app.texts("[data-testid^=overdue-]").await.len(), 1);
    let c = session_row(&app, "Casa de espera").await;
    app.wait_for(&format!("[data-testid=late-tag-{c}]")).await;
    app.scroll_to_top_of("[data-testid=follow-up-alerts]").await;
    app.screenshot("53-follow-up-overdue").await;
    app.scroll_to_top_of("[data-testid=follow-up-history]")
        .await;
    app.screenshot("54-follow-up-history").await;
    app.quit().await;

    let store = Store::open(&profile.database(), chrono::Utc::now()).unwrap();
    let all = actions::actions(&store, w).unwrap();
    assert_eq!(all.len(), 5);
    let ronda = all
        .iter()
        .find(|a| a.title == "Ronda médica rural")
        .unwrap();
    assert!(ronda.goal.starts_with("Que toda embarazada"));
    assert_eq!(ronda.mdg_target.as_deref(), Some("5.A"));
    assert_eq!(
        ronda.indicator_name,
        "Embarazadas con control antes de la semana 14"
    );
    assert_eq!(ronda.indicator_unit, "%");
    assert_eq!(ronda.baseline_value, Some(62.5));
    assert_eq!(ronda.baseline_date.unwrap().to_string(), "2025-12-31");
    assert_eq!(ronda.target_value, Some(85.0));
    assert_eq!(ronda.target_date.unwrap().to_string(), "2027-03-31");
    assert_eq!(ronda.responsible_unit, "Departamento de Salud Municipal");
    assert_eq!(ronda.partners.len(), 1);
    assert_eq!(ronda.partners[0].actor.to_string(), actor_id);
    assert_eq!(ronda.partners[0].role, "Médicos y vehículo");
    assert_eq!(ronda.start_date.unwrap().to_string(), "2026-04-01");
    assert_eq!(ronda.end_date.unwrap().to_string(), "2027-03-31");
    assert_eq!(ronda.amount, Some(12_000_000.0));
    assert_eq!(ronda.currency.as_deref(), Some("CLP"));
    assert_eq!(ronda.funding_source, "FNDR");
    assert_eq!(ronda.area.map(|a| a.to_string()), Some(area_id));
    assert!(ronda.risks.contains("rotación de médicos"));
    // The room's placements replaced the facilitator's 5 and 5.
    for a in &all {
        let (impact, feasibility) = room_place(&a.title);
        let expected = (
            actions::to_one_to_five(impact).round() as u8,
            actions::to_one_to_five(feasibility).round() as u8,
        );
        assert_eq!(
            (a.impact, a.feasibility),
            (Some(expected.0), Some(expected.1)),
            "{}",
            a.title
        );
    }
    let vote = actions::room_vote(&store, w).unwrap().unwrap();
    assert_eq!(vote.question.ballots, 3);
    assert_eq!(vote.placements.len(), 5);
    let areas = institutions::areas(&store, w).unwrap();
    assert_eq!(areas.iter().filter(|a| a.capacity.is_some()).count(), 3);
    assert_eq!(commitments::list(&store, w).unwrap().len(), 1);
    let july = chrono::NaiveDate::from_ymd_opt(2026, 7, 15).unwrap();
    let board = follow_up::board(&store, w, july).unwrap();
    let updates: Vec<_> = board
        .state
        .actions
        .iter()
        .flat_map(|a| a.history.iter())
        .collect();
    assert_eq!(updates.len(), 2);
    let casa = all.iter().find(|a| a.title.starts_with("Casa")).unwrap();
    assert_eq!(board.state.overdue, vec![casa.id]);
}
