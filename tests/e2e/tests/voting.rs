//! Voting in the real app: the facilitator starts the server on loopback, writes and
//! opens a question and the presenter window; phones (simulated over loopback) vote,
//! and the count rises on the projected window; revealed results appear there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cabildo_e2e::{App, Profile};
use serde_json::{Value, json};

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn post(url: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
    let mut req = agent().post(url).header("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let mut resp = req.send(body.to_string()).unwrap();
    let status = resp.status().as_u16();
    (
        status,
        serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap_or(Value::Null),
    )
}

/// A phone: joins with the PIN and votes for the option labelled `label`.
fn phone_votes(base: &str, pin: &str, label: &str) {
    let (status, joined) = post(&format!("{base}/api/join"), None, &json!({"pin": pin}));
    assert_eq!(status, 200, "{joined}");
    let token = joined["device_token"].as_str().unwrap().to_string();
    let mut resp = agent()
        .get(format!("{base}/api/state"))
        .header("Authorization", format!("Bearer {token}"))
        .call()
        .unwrap();
    let state: Value = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
    let question = &state["question"];
    let option = question["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["label"] == label)
        .unwrap()["id"]
        .clone();
    let ballot = json!({"question_id": question["id"], "client_ballot_id": "1", "answer": {"option": option}});
    assert_eq!(
        post(&format!("{base}/api/ballots"), Some(&token), &ballot).0,
        200
    );
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
    app.click("[data-testid=tab-voting]").await;

    app.set_value("[data-testid=vt-address]", "127.0.0.1").await;
    app.type_into("[data-testid=vt-port]", "0").await;
    app.click("[data-testid=vt-start]").await;
    let pin = app
        .wait_text("[data-testid=vt-pin]", |t| {
            t.chars().filter(char::is_ascii_digit).count() == 6
        })
        .await;
    let pin: String = pin.chars().filter(char::is_ascii_digit).collect();
    let url = app
        .wait_text("[data-testid=vt-url]", |t| t.contains("http://127.0.0.1:"))
        .await;
    let base = url.trim().split("/?").next().unwrap().to_string();

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
    let gone = agent().get(format!("{base}/")).call();
    assert!(gone.is_err(), "the server stops with the voting");
}
