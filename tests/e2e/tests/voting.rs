//! Voting in the real app: the facilitator starts the server on loopback, writes and
//! opens a question and the presenter window; phones (simulated over loopback) vote,
//! and the count rises on the projected window; revealed results appear there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cabildo_e2e::{App, Phone, Profile, Voting};
use serde_json::json;

/// A phone: joins with the PIN and votes for the option labelled `label`.
fn phone_votes(base: &str, pin: &str, label: &str) {
    let device = Phone::join(&Voting {
        base: base.into(),
        pin: pin.into(),
    });
    let state = device.state();
    let question = &state["question"];
    let option = question["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["label"] == label)
        .unwrap()["id"]
        .clone();
    let ballot = json!({"question_id": question["id"], "client_ballot_id": "1", "answer": {"option": option}});
    assert_eq!(device.send(&ballot).0, 200);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn phones_vote_over_loopback_and_the_presenter_count_rises() {
    let profile = Profile::new();
    let app = App::start(&profile).await;
    app.wait_text("[data-testid=workshop-card]", |t| {
        t.contains("Valle del Itata")
    })
    .await;
    app.click("[data-testid=workshop-card]").await;
    let Voting { base, pin } = app.start_voting_on_loopback().await;

    app.set_value("[data-testid=q-new-kind]", "single").await;
    app.type_into("[data-testid=q-new-prompt]", "¿Qué obra primero en Ninhue?")
        .await;
    // WebKitWebDriver drops typed line breaks: the lines go in as a paste would.
    app.set_value(
        "[data-testid=q-new-options]",
        "Agua potable\nPosta rural\nCamino a Quirihue",
    )
    .await;
    app.click("[data-testid=q-new-create]").await;
    app.wait_text("[data-testid=q-row]", |t| {
        t.contains("¿Qué obra primero en Ninhue?")
    })
    .await;
    // The demo's relevance questions are listed too: open ours, found by its text.
    let mut id = String::new();
    for row in app
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=q-row]"))
        .await
        .unwrap()
    {
        if row
            .text()
            .await
            .unwrap()
            .contains("¿Qué obra primero en Ninhue?")
        {
            id = row.attr("data-id").await.unwrap().unwrap();
        }
    }
    let row = format!("[data-testid=q-row][data-id='{id}']");
    app.click(&format!("{row} [data-testid=q-open]")).await;
    app.wait_for(&format!("{row}[data-state=open]")).await;
    app.screenshot("10-voting-panel").await;

    app.click("[data-testid=vt-open-presenter]").await;
    let main = app.switch_to_new_window().await;
    app.wait_text("[data-testid=pr-prompt]", |t| {
        t.contains("¿Qué obra primero en Ninhue?")
    })
    .await;
    app.wait_text("[data-testid=pr-ballots]", |t| t.trim() == "0")
        .await;

    let (b, p) = (base.clone(), pin.clone());
    tokio::task::spawn_blocking(move || {
        phone_votes(&b, &p, "Posta rural");
        phone_votes(&b, &p, "Posta rural");
        phone_votes(&b, &p, "Agua potable");
    })
    .await
    .unwrap();
    app.wait_text("[data-testid=pr-ballots]", |t| t.trim() == "3")
        .await;
    app.wait_text("[data-testid=pr-phones]", |t| t.trim() == "3")
        .await;
    app.screenshot("11-presenter-count").await;

    app.switch_to(main).await;
    app.click(&format!("{row} [data-testid=q-reveal]")).await;
    // Back to the presenter (the window that is not the main one).
    let main = app.switch_to_new_window().await;
    let results = app
        .wait_text("[data-testid=pr-results]", |t| {
            t.contains("Posta rural") && t.contains('2')
        })
        .await;
    assert!(results.contains("Agua potable"), "{results}");
    app.screenshot("12-presenter-results").await;
    app.switch_to(main).await;
    app.click("[data-testid=vt-stop]").await;
    app.quit().await;

    // Voting stopped: nothing listens any more.
    let gone = cabildo_e2e::agent().get(format!("{base}/")).call();
    assert!(gone.is_err(), "the server stops with the voting");
}
