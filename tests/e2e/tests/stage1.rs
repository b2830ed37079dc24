//! Stage 1 in the real app: the facilitator imports the indicator values of the
//! municipality, reads the lights on the grid, types a value, then leads the
//! dialogue goal by goal, rates two goals by a show of hands and sees the ranking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cabildo_core::diagnostic::Light;
use cabildo_core::workshop::{self, Language, TerritoryInput, TerritoryLevel, WorkshopInput};
use cabildo_core::{Store, indicators, relevance};
use cabildo_e2e::{App, Profile};

const TITLE: &str = "Diagnóstico ODM — Ninhue, Región de Ñuble";

/// As a health service would send it: Spanish Excel, BOM, semicolons, decimal commas.
const VALUES: &str = "\u{feff}Indicador;Territorio;Año;Valor;Fuente\n\
4.1;Ninhue;1990;31,2;DEIS\n\
4.1;Ninhue;2000;20,4;DEIS\n\
4.1;Ninhue;2009;16,8;DEIS\n\
4.1;Chile;1990;19,1;DEIS\n\
4.1;Chile;2009;8,9;DEIS\n\
2.1;Ninhue;1990;85,0;MINEDUC\n\
2.1;Ninhue;2009;83,5;MINEDUC\n\
1.1;Ninhue;1990;20,0;CASEN\n\
1.1;Ninhue;2000;9,0;CASEN\n\
9.9;Ninhue;2009;1;?\n";

fn prepare(profile: &Profile) -> cabildo_core::ids::WorkshopId {
    let mut store = Store::open(&profile.database(), chrono::Utc::now()).unwrap();
    let input = WorkshopInput {
        title: TITLE.into(),
        start_date: "2026-06-02".into(),
        end_date: "2026-06-02".into(),
        language: Some(Language::Es),
        facilitators: vec!["Marcela Tapia".into()],
        territories: vec![TerritoryInput {
            id: None,
            name: "Ninhue".into(),
            level: TerritoryLevel::Municipality,
            country: "CL".into(),
        }],
        agenda: Vec::new(),
    };
    workshop::create(&mut store, &input, chrono::Utc::now())
        .unwrap()
        .id
}

fn light(code: &str, light: &str) -> String {
    format!("[data-testid=ind-row][data-code='{code}'] [data-testid=ind-light][data-light={light}]")
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn a_facilitator_imports_values_sees_the_lights_and_ranks_the_goals_by_hands() {
    let profile = Profile::new();
    let id = prepare(&profile);
    let csv = profile.exports().join("valores-ninhue.csv");
    std::fs::create_dir_all(profile.exports()).unwrap();
    std::fs::write(&csv, VALUES).unwrap();

    let app = App::start(&profile).await;
    app.wait_text("[data-testid=workshop-card]", |t| t.contains("Ninhue"))
        .await;
    app.click("[data-testid=workshop-card]").await;
    app.click("[data-testid=tab-diagnostic]").await;

    // Import: the preview names the bad row and imports nothing until confirmed.
    app.type_into("[data-testid=ind-csv-path]", csv.to_str().unwrap())
        .await;
    app.click("[data-testid=ind-csv-preview-button]").await;
    let counts = app
        .wait_text("[data-testid=ind-csv-counts]", |t| {
            t.contains('9') && t.contains('1')
        })
        .await;
    assert!(counts.contains('9'), "{counts}");
    app.wait_text("[data-testid=ind-csv-row]", |t| t.contains("9.9"))
        .await;
    app.screenshot("05-indicator-csv-preview").await;
    app.click("[data-testid=ind-csv-confirm]").await;
    app.wait_text("[data-testid=ind-csv-result]", |t| t.contains('9'))
        .await;

    // The municipality's grid: under-five mortality falls too slowly, enrolment falls.
    let territory = {
        let store = Store::open(&profile.database(), chrono::Utc::now()).unwrap();
        workshop::get(&store, id).unwrap().territories[0].id
    };
    app.set_value("[data-testid=diag-area]", &format!("territory:{territory}"))
        .await;
    app.wait_for(&light("4.1", "insufficient")).await;
    app.wait_for(&light("2.1", "regressing")).await;

    // Typing a value with a decimal comma and Enter saves it and relights the row.
    let cell = "[data-testid=cell][data-code='1.1'][data-year='2009']";
    // U+E007 is WebDriver's Enter key.
    app.type_into(cell, "4,5\u{E007}").await;
    app.wait_for(&light("1.1", "met")).await;
    app.scroll_to("[data-testid=ind-row][data-code='4.1']")
        .await;
    app.screenshot("06-diagnostic-grid").await;

    // The dialogue: goal 4 is rated very relevant, goal 2 less so.
    app.click("[data-testid=tab-dialogue]").await;
    app.wait_for("[data-testid=dlg-slide][data-goal='1']").await;
    for _ in 0..3 {
        app.click("[data-testid=dlg-next]").await;
    }
    app.wait_for("[data-testid=dlg-slide][data-goal='4']").await;
    app.scroll_to_top_of("[data-testid=dlg-slide]").await;
    app.screenshot("07-dialogue-goal-4-slide").await;
    for (value, hands) in [(1, "0"), (2, "0"), (3, "1"), (4, "4"), (5, "9")] {
        app.type_into(&format!("[data-testid=dlg-hands-{value}]"), hands)
            .await;
    }
    app.wait_text("[data-testid=dlg-tally]", |t| t.contains("14"))
        .await;
    app.screenshot("08-dialogue-goal-4-hands").await;
    app.click("[data-testid=dlg-prev]").await;
    app.click("[data-testid=dlg-prev]").await;
    app.wait_for("[data-testid=dlg-slide][data-goal='2']").await;
    for (value, hands) in [(1, "2"), (2, "5"), (3, "4"), (4, "1"), (5, "0")] {
        app.type_into(&format!("[data-testid=dlg-hands-{value}]"), hands)
            .await;
    }
    app.wait_text("[data-testid=dlg-tally]", |t| t.contains("12"))
        .await;
    app.click("[data-testid=dlg-summary]").await;
    app.wait_for("[data-testid=rel-row][data-goal='4'][data-rank='1']")
        .await;
    app.wait_for("[data-testid=rel-row][data-goal='2'][data-rank='2']")
        .await;
    app.screenshot("09-relevance-summary").await;
    app.quit().await;

    // What the screen showed is what the file holds.
    let store = Store::open(&profile.database(), chrono::Utc::now()).unwrap();
    let sheet = indicators::sheet(&store, id).unwrap();
    let ninhue = |code: &str| sheet.indicator(code).unwrap().series[1].clone();
    assert_eq!(ninhue("4.1").assessment.light, Light::Insufficient);
    assert_eq!(
        ninhue("1.1").observations.last().map(|o| (o.year, o.value)),
        Some((2009, Some(4.5)))
    );
    let ranking = relevance::summary(&store, id).unwrap();
    let rated: Vec<_> = ranking
        .goals
        .iter()
        .filter(|g| g.rank.is_some())
        .map(|g| g.goal.as_str())
        .collect();
    assert_eq!(rated, ["4", "2"]);
}
