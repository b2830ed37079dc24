//! The facilitator's first hour with Cabildo, in the real app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use cabildo_core::{Store, bundle, participants, workshop};
use cabildo_e2e::{App, Profile};

const TITLE: &str = "Taller de municipalización — Ninhue";
const PEOPLE: [(&str, &str, &str); 3] = [
    ("Begoña Núñez", "female", "ngo"),
    ("Joaquín Araneda", "male", "municipality"),
    ("Haïti Desrosiers", "not_stated", "university"),
];

async fn add_participant(app: &App, name: &str, gender: &str, sector: &str) {
    app.type_into("[data-testid=pf-name]", name).await;
    app.set_value("[data-testid=pf-gender]", gender).await;
    app.set_value("[data-testid=pf-sector]", sector).await;
    app.type_into("[data-testid=pf-institution]", "Municipalidad de Ninhue")
        .await;
    app.click("[data-testid=pf-consent]").await;
    app.click("[data-testid=pf-add]").await;
    app.wait_text("[data-testid=participant-row]", |t| t.contains(name))
        .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn a_facilitator_creates_a_workshop_registers_people_and_finds_them_after_a_restart() {
    let profile = Profile::new();
    let app = App::start(&profile).await;

    // A first run shows the example workshop, not an empty screen.
    app.wait_text("[data-testid=workshop-card]", |t| {
        t.contains("Valle del Itata")
    })
    .await;
    app.screenshot("01-home-first-run").await;

    app.click("[data-testid=new-workshop]").await;
    app.type_into("[data-testid=wf-title]", TITLE).await;
    app.set_value("[data-testid=wf-start]", "2026-05-05").await;
    app.set_value("[data-testid=wf-end]", "2026-05-06").await;
    app.type_into("[data-testid=wf-territory-name]", "Ninhue")
        .await;
    app.set_value("[data-testid=wf-territory-level]", "municipality")
        .await;
    app.set_value("[data-testid=wf-territory-country]", "CL")
        .await;
    app.type_into("[data-testid=wf-facilitators]", "Marcela Tapia")
        .await;
    app.screenshot("02-new-workshop").await;
    app.click("[data-testid=wf-create]").await;

    app.click("[data-testid=tab-participants]").await;
    for (name, gender, sector) in PEOPLE {
        add_participant(&app, name, gender, sector).await;
    }
    app.wait_text("[data-testid=totals-total]", |t| t.trim() == "3")
        .await;
    app.scroll_to("[data-testid=participant-row]").await;
    app.screenshot("03-participants").await;
    app.quit().await;

    // Start again: everything is there.
    let app = App::start(&profile).await;
    app.wait_text("[data-testid=workshop-card]", |t| t.contains(TITLE))
        .await;
    app.screenshot("04-home-after-restart").await;
    let cards = app
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=workshop-card]"))
        .await
        .unwrap();
    for card in cards {
        if card.text().await.unwrap().contains(TITLE) {
            card.click().await.unwrap();
            break;
        }
    }
    app.click("[data-testid=tab-participants]").await;
    for (name, _, _) in PEOPLE {
        app.wait_text("[data-testid=participant-row]", |t| t.contains(name))
            .await;
    }
    assert_eq!(app.text("[data-testid=totals-total]").await.trim(), "3");

    // Export the workshop file and the report, then read both back for real.
    app.click("[data-testid=tab-export]").await;
    app.click("[data-testid=export-bundle]").await;
    let shown = app
        .wait_text("[data-testid=export-path]", |t| t.contains(".cabildo"))
        .await;
    app.click("[data-testid=write-report]").await;
    app.wait_text("[data-testid=report-path]", |t| t.contains(".pdf"))
        .await;
    app.screenshot("05-export").await;
    app.quit().await;

    let files: Vec<_> = std::fs::read_dir(profile.exports())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let bundle_file = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "cabildo"))
        .unwrap();
    assert!(
        shown.contains(&*bundle_file.file_name().unwrap().to_string_lossy()),
        "{shown}"
    );
    let mut fresh = Store::open_in_memory().unwrap();
    let report = bundle::import_file(&mut fresh, bundle_file).unwrap();
    let id = report.workshop_id.unwrap();
    assert_eq!(workshop::get(&fresh, id).unwrap().title, TITLE);
    let names: Vec<_> = participants::list(&fresh, id)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, PEOPLE.map(|p| p.0));

    let pdf = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Begoña Núñez") && text.contains(TITLE),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn an_edit_survives_the_app_being_killed_right_after_it() {
    let profile = Profile::new();
    let app = App::start(&profile).await;
    app.click("[data-testid=workshop-card]").await;
    app.click("[data-testid=tab-details]").await;
    let edited = "Valle del Itata — editado justo antes del corte";
    app.type_into("[data-testid=details-title]", edited).await;
    // The status says saved only once the database has committed the edit.
    app.wait_text("[data-testid=save-status]", |t| t.contains('✓'))
        .await;
    app.kill().await;

    tokio::time::sleep(Duration::from_millis(200)).await;
    let app = App::start(&profile).await;
    app.wait_text("[data-testid=workshop-card]", |t| t.contains(edited))
        .await;
    app.quit().await;
}
