//! Stage 2 in the real app: three candidates typed by code, seven criteria weighed
//! with 100 points, five phones (simulated over loopback) scoring every candidate,
//! the ranking and the decision; then a 4×4 Vester matrix filled with the keyboard
//! and its quadrants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cabildo_core::workshop::{self, Language, TerritoryInput, TerritoryLevel, WorkshopInput};
use cabildo_e2e::{App, Phone, Profile, Voting};
use serde_json::{Map, Value, json};

const TITLE: &str = "Taller ODM — Ninhue, Región de Ñuble";

/// The workshop the facilitator prepared beforehand (a filled database skips the demo).
fn prepared(profile: &Profile) {
    std::fs::create_dir_all(profile.database().parent().unwrap()).unwrap();
    let now = chrono::Utc::now();
    let mut store = cabildo_core::Store::open(&profile.database(), now).unwrap();
    let input = WorkshopInput {
        title: TITLE.into(),
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
    workshop::create(&mut store, &input, now).unwrap();
}

/// A phone joins and scores every candidate: `score(candidate label, criterion index)`.
fn phone_scores(base: &str, pin: &str, phone: usize, score: impl Fn(&str, usize) -> i64) {
    let device = Phone::join(&Voting {
        base: base.into(),
        pin: pin.into(),
    });
    let state = device.state();
    let q = &state["question"];
    assert_eq!(q["kind"], "scores", "{state}");
    let criteria = q["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), 7);
    let mut scores = Map::new();
    for option in q["options"].as_array().unwrap() {
        let label = option["label"].as_str().unwrap();
        let row: Map<String, Value> = criteria
            .iter()
            .enumerate()
            .map(|(k, c)| {
                (
                    c["id"].as_str().unwrap().to_string(),
                    json!(score(label, k)),
                )
            })
            .collect();
        scores.insert(option["id"].as_str().unwrap().to_string(), row.into());
    }
    let ballot = json!({
        "question_id": q["id"],
        "client_ballot_id": format!("scores-{phone}"),
        "answer": {"scores": scores},
    });
    let (status, body) = device.send(&ballot);
    assert_eq!(status, 200, "{body}");
}

/// Types one key into whatever has the focus, as a person at the keyboard would.
async fn key(app: &App, k: &str) {
    let el = app.client.active_element().await.unwrap();
    el.send_keys(k).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn three_candidates_scored_by_five_phones_are_ranked_and_a_vester_matrix_is_filled_by_keyboard()
 {
    let profile = Profile::new();
    prepared(&profile);
    let app = App::start(&profile).await;
    app.wait_text("[data-testid=workshop-card]", |t| t.contains("Ninhue"))
        .await;
    app.click("[data-testid=workshop-card]").await;

    // The phones need the voting server: started on loopback from the voting tab.
    let Voting { base, pin } = app.start_voting_on_loopback().await;
    app.click("[data-testid=vt-open-presenter]").await;
    let main = app.switch_to_new_window().await;
    let presenter = app.client.window().await.unwrap();
    app.switch_to(main.clone()).await;

    app.click("[data-testid=tab-prioritization]").await;
    for code in ["4.A", "5.A", "7.C"] {
        app.type_into("[data-testid=add-candidate-code]", code)
            .await;
        app.click("[data-testid=add-candidate]").await;
        app.wait_for(&format!("[data-testid='candidate-{code}']"))
            .await;
    }

    // 100 points over the seven default criteria; a first try adds up to 105.
    app.click("[data-testid=weight-method-points]").await;
    let points = [30, 15, 20, 10, 10, 5, 15];
    for (i, p) in points.iter().enumerate() {
        app.type_into(&format!("[data-testid=points-{i}]"), &p.to_string())
            .await;
    }
    app.wait_text("[data-testid=points-sum]", |t| t.contains("105"))
        .await;
    app.click("[data-testid=save-points]").await;
    app.wait_text("[data-testid=weights-error]", |t| t.contains("105"))
        .await;
    app.type_into("[data-testid=points-0]", "25").await;
    app.wait_text("[data-testid=points-sum]", |t| t.contains("100"))
        .await;
    app.click("[data-testid=save-points]").await;
    app.wait_text("[data-testid=weight-0]", |t| t.contains("25"))
        .await;
    app.screenshot("30-prioritization-weights").await;

    app.click("[data-testid=open-scoring]").await;
    app.wait_text("[data-testid=scoring-status]", |t| t.contains('0'))
        .await;
    let (b, p) = (base.clone(), pin.clone());
    tokio::task::spawn_blocking(move || {
        // 5.A ranks first for everyone; 4.A second; 7.C last.
        for phone in 0..5 {
            phone_scores(&b, &p, phone, |label, k| {
                if label.contains("5.A") {
                    4 + (phone % 2) as i64
                } else if label.contains("4.A") {
                    3
                } else {
                    1 + (k % 2) as i64
                }
            });
        }
    })
    .await
    .unwrap();
    app.wait_text("[data-testid=scoring-status]", |t| t.contains('5'))
        .await;
    app.click("[data-testid=close-scoring]").await;
    app.click("[data-testid=reveal-scoring]").await;
    let first = app
        .wait_text("[data-testid=ranking-row-1]", |t| t.contains("5.A"))
        .await;
    assert!(!first.contains("4.A"), "{first}");
    app.wait_text("[data-testid=ranking-row-2]", |t| t.contains("4.A"))
        .await;
    app.wait_text("[data-testid=ranking-row-3]", |t| t.contains("7.C"))
        .await;
    app.wait_text("[data-testid=weighted-2]", |t| t.contains("3,00"))
        .await;
    app.scroll_to_top_of("[data-testid=ranking-table]").await;
    app.screenshot("31-prioritization-ranking").await;

    // The projected screen shows the weighted ranking as a chart once revealed.
    app.switch_to(presenter).await;
    app.wait_text("[data-testid=pr-standing]", |t| t.contains("5.A"))
        .await;
    let rows = app.texts("[data-testid=pr-standing-row]").await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[0].contains("5.A") && rows[2].contains("7.C"),
        "{rows:?}"
    );
    app.screenshot("31b-presenter-ranking").await;
    app.switch_to(main).await;

    let candidate = app
        .client
        .execute(
            "return [...document.querySelectorAll('[data-testid=decision-candidate] option')]
                 .find(o => o.textContent.includes('5.A')).value",
            vec![],
        )
        .await
        .unwrap();
    let candidate = candidate.as_str().unwrap().to_string();
    app.set_value("[data-testid=decision-candidate]", &candidate)
        .await;
    app.type_into(
        "[data-testid=decision-reasons]",
        "La mortalidad materna en Ninhue dobla la del país",
    )
    .await;
    app.click("[data-testid=record-decision]").await;
    app.wait_text("[data-testid=decision-recorded]", |t| {
        t.contains("5.A") && t.contains("dobla la del país")
    })
    .await;
    app.screenshot("32-prioritization-decision").await;

    app.click("[data-testid=tab-vester]").await;
    for cause in [
        "Distancia a la posta rural",
        "Pocas matronas capacitadas",
        "Embarazo adolescente",
        "Registro de salud incompleto",
    ] {
        app.type_into("[data-testid=cause-new]", cause).await;
        app.click("[data-testid=add-cause]").await;
        app.wait_text("[data-testid=vester-grid]", |t| {
            t.contains('4') || !t.is_empty()
        })
        .await;
    }
    app.wait_for("[data-testid=vester-cell-3-2]").await;
    // Row by row, the twelve off-diagonal cells: each digit saves and moves on.
    // Active sums 7, 4, 4, 4; passive 3, 1, 6, 9; threshold 4.75.
    app.click("[data-testid=vester-cell-0-1]").await;
    for k in ["1", "3", "3", "1", "0", "3", "1", "0", "3", "1", "0", "3"] {
        key(&app, k).await;
    }
    app.wait_text("[data-testid=active-sum-0]", |t| t.trim() == "7")
        .await;
    app.wait_text("[data-testid=passive-sum-3]", |t| t.trim() == "9")
        .await;
    // A 4 is refused with a message and the cell keeps its value.
    app.click("[data-testid=vester-cell-1-0]").await;
    key(&app, "4").await;
    app.wait_text("[data-testid=vester-error]", |t| t.contains('3'))
        .await;
    app.wait_text("[data-testid=passive-sum-0]", |t| t.trim() == "3")
        .await;

    let quadrant = |i: usize| format!("[data-testid=quadrant-{i}]");
    for (i, expected) in ["active", "indifferent", "passive", "passive"]
        .iter()
        .enumerate()
    {
        let el = app.wait_for(&quadrant(i)).await;
        assert_eq!(
            el.attr("data-quadrant").await.unwrap().as_deref(),
            Some(*expected),
            "cause {i}"
        );
    }
    app.scroll_to_top_of("[data-testid=vester-grid]").await;
    app.screenshot("33-vester-grid").await;
    app.scroll_to_top_of("[data-testid=vester-scatter]").await;
    app.screenshot("34-vester-quadrants").await;
    app.scroll_to_top_of("[data-testid=problem-tree]").await;
    app.wait_text("[data-testid=problem-tree]", |t| t.contains("5.A"))
        .await;
    app.screenshot("35-problem-tree").await;
    app.quit().await;
}
