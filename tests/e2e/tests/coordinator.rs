//! The coordinator's view in the real app: a folder of twenty workshop files, each
//! from its own laptop, is refused until the coordinator trusts the devices, then
//! imported with a progress bar; the totals by gender and by country, the map and
//! the filter agree with what the files hold; the tables export to an XLSX that
//! opens; and importing the same folder again changes nothing.
//! Two laptops editing one workshop leave a conflict to look at; and a laptop
//! connected to a hub on loopback from its sync panel sends its workshop there,
//! after a wrong code was refused in the user's language.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::time::Duration;

use cabildo_core::{Store, bundle, synthetic, trust, workshop};
use cabildo_e2e::{App, Profile};

const FLEET: u32 = 20;

/// What the twenty files hold, summed: participants, women, men, and per country.
struct Expected {
    participants: u32,
    women: u32,
    men: u32,
    /// ISO code → (workshops, participants, women, men).
    countries: BTreeMap<&'static str, (u32, u32, u32, u32)>,
}

fn expected() -> Expected {
    let mut out = Expected {
        participants: 0,
        women: 0,
        men: 0,
        countries: BTreeMap::new(),
    };
    for i in 0..FLEET {
        let e = synthetic::expected(i);
        out.participants += e.participants;
        out.women += e.women;
        out.men += e.men;
        let c = out.countries.entry(e.country).or_default();
        c.0 += 1;
        c.1 += e.participants;
        c.2 += e.women;
        c.3 += e.men;
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn a_folder_of_twenty_workshops_is_trusted_imported_counted_mapped_and_exported() {
    let profile = Profile::new();
    let fleet = tempfile::tempdir().unwrap();
    let files = synthetic::write_fleet(fleet.path(), FLEET, chrono::Utc::now()).unwrap();
    let first = trust::signer(&std::fs::read(&files[0]).unwrap()).unwrap();
    let folder = fleet.path().display().to_string();
    let want = expected();
    assert_eq!(want.countries.len(), 20);

    let app = App::start(&profile).await;
    app.click("[data-testid=nav-coordinator]").await;
    // Only the example workshop, which a coordinator never counts: the view opens on Import.
    app.wait_for("[data-testid=coordinator-import]").await;

    // Twenty laptops this installation has never seen: every file is refused, saying why.
    app.type_into("[data-testid=import-path]", &folder).await;
    app.click("[data-testid=import-path-go]").await;
    wait_results(&app, "rejected", FLEET).await;
    let rows = app.texts("[data-testid=import-result]").await;
    assert!(
        rows.iter().any(|r| r.contains(&first.fingerprint)),
        "the refusal names the device's key: {rows:?}"
    );
    assert!(rows.iter().all(|r| r.contains("aún no confía")), "{rows:?}");
    let trust_all = app.text("[data-testid=trust-all]").await;
    assert!(trust_all.contains("20"), "{trust_all}");
    app.scroll_to_top_of("[data-testid=coordinator-import]")
        .await;
    app.screenshot("63-coordinator-untrusted").await;

    // Trusting the twenty devices imports their files: twenty new workshops.
    app.click("[data-testid=trust-all]").await;
    wait_results(&app, "new", FLEET).await;
    app.wait_for("[data-testid=import-progress]").await;
    let bar = app
        .client
        .execute(
            "const p = document.querySelector('[data-testid=import-progress]'); return [p.value, p.max];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(bar, serde_json::json!([20, 20]), "the progress bar is full");
    assert!(
        app.text("[data-testid=import-progress-text]")
            .await
            .contains("20 de 20")
    );
    app.screenshot("62-coordinator-import").await;

    // The summary, as the seed reports it.
    app.click("[data-testid=coord-tab-summary]").await;
    let sentence = format!(
        "{} participantes, {} mujeres y {} hombres, de 20 países",
        want.participants, want.women, want.men
    );
    app.wait_text("[data-testid=coordinator-summary]", |t| t == sentence)
        .await;
    assert_eq!(tile(&app, "workshops").await, "20");
    assert_eq!(tile(&app, "countries").await, "20");
    for (gender, n) in [("female", want.women), ("male", want.men)] {
        let cell = app
            .text(&format!(
                "[data-testid=by-gender] tr[data-key={gender}] td.num"
            ))
            .await;
        assert_eq!(cell, n.to_string(), "{gender}");
    }
    app.scroll_to_top_of("[data-testid=coordinator]").await;
    app.screenshot("60-coordinator-dashboard").await;

    // The map writes each country's participants, and the table beside it says the same.
    app.click("[data-testid=coord-tab-map]").await;
    app.wait_for("[data-testid=coordinator-map] [data-testid=lac-map]")
        .await;
    for (code, (workshops, participants, women, men)) in &want.countries {
        let number = app
            .text(&format!(
                "[data-testid=coordinator-map] [data-testid=map-number-{code}]"
            ))
            .await;
        // The number is written on the map (its tooltip may follow it in the text).
        assert!(
            number.trim().starts_with(&participants.to_string()),
            "{code} on the map: {number:?}"
        );
        let row = format!("[data-testid=country-row-{code}]");
        for (col, n) in [
            ("workshops", workshops),
            ("participants", participants),
            ("women", women),
            ("men", men),
        ] {
            let cell = app.text(&format!("{row} [data-col={col}]")).await;
            assert_eq!(cell, n.to_string(), "{code} {col}");
        }
    }
    app.scroll_to_top_of("[data-testid=coord-tab-map]").await;
    // The pointer rests on the heading, so no tooltip covers the map.
    app.client
        .find(fantoccini::Locator::Css("#coord-map-heading"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.screenshot("61-coordinator-map").await;
    app.click("[data-testid=map-measure-workshops]").await;
    app.wait_text(
        "[data-testid=coordinator-map][data-measure=workshops]",
        |_| true,
    )
    .await;
    let haiti_map = app.text("[data-testid=map-number-HT]").await;
    assert!(haiti_map.trim().starts_with('1'), "{haiti_map:?}");

    // A filter narrows everything: Haiti alone.
    app.set_value("[data-testid=f-country]", "HT").await;
    app.click("[data-testid=coord-tab-summary]").await;
    let haiti = want.countries["HT"];
    app.wait_text("[data-testid=coordinator-summary]", |t| {
        t.starts_with(&format!("{} participantes", haiti.1)) && t.ends_with("de 1 país")
    })
    .await;
    assert_eq!(tile(&app, "workshops").await, "1");
    app.click("[data-testid=f-clear]").await;
    app.wait_text("[data-testid=coordinator-summary]", |t| t == sentence)
        .await;

    // How often each MDG was prioritized: every workshop prioritized one.
    app.click("[data-testid=coord-tab-goals]").await;
    for goal in 1..=8u8 {
        let n = (0..FLEET)
            .filter(|i| synthetic::expected(*i).goal == goal)
            .count();
        let cell = app
            .text(&format!(
                "[data-testid=goals-table] tr[data-key='{goal}'] td.num"
            ))
            .await;
        assert_eq!(cell, n.to_string(), "MDG {goal}");
    }
    app.scroll_to_top_of("[data-testid=coord-tab-goals]").await;
    app.screenshot("64-coordinator-goals").await;

    // The workshops and the commitments of all of them, overdue ones first.
    app.click("[data-testid=coord-tab-workshops]").await;
    app.wait_for("[data-testid=coordinator-workshops]").await;
    assert_eq!(
        app.texts("[data-testid=coord-workshop-row]").await.len(),
        FLEET as usize
    );
    app.scroll_to_top_of("[data-testid=coord-tab-workshops]")
        .await;
    app.screenshot("65-coordinator-workshops").await;
    app.click("[data-testid=coord-tab-commitments]").await;
    app.wait_for("[data-testid=coordinator-commitments]").await;
    let commitments: u32 = (0..FLEET).map(|i| synthetic::expected(i).commitments).sum();
    let rows = app
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid=coord-commitment-row]",
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), commitments as usize);
    let mut flags = Vec::new();
    for r in &rows {
        flags.push(r.attr("data-overdue").await.unwrap() == Some("true".into()));
    }
    let overdue = flags.iter().filter(|f| **f).count();
    assert!(
        flags.iter().take(overdue).all(|f| *f),
        "overdue commitments come first"
    );
    app.scroll_to_top_of("[data-testid=coord-tab-commitments]")
        .await;
    app.screenshot("66-coordinator-commitments").await;

    // The tables as one workbook in the export folder, with a sheet of twenty workshops.
    app.click("[data-testid=coord-tab-export]").await;
    app.click("[data-testid=export-xlsx]").await;
    let path = app
        .wait_text("[data-testid=coord-export-path]", |t| t.ends_with(".xlsx"))
        .await;
    let path = std::path::PathBuf::from(path.trim());
    assert!(path.starts_with(profile.exports()), "{}", path.display());
    assert!(path.is_file(), "{}", path.display());
    {
        use calamine::{Reader, Xlsx, open_workbook};
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(book.sheet_names()[0], "Talleres");
        let workshops = book.worksheet_range("Talleres").unwrap();
        assert_eq!(workshops.height(), 1 + FLEET as usize);
    }
    app.click("[data-testid=export-summary-pdf]").await;
    let pdf = app
        .wait_text("[data-testid=coord-export-path]", |t| t.ends_with(".pdf"))
        .await;
    assert!(std::path::Path::new(pdf.trim()).is_file());
    app.scroll_to_top_of("[data-testid=coord-tab-export]").await;
    app.screenshot("67-coordinator-export").await;

    // The same folder again: nothing changes.
    app.click("[data-testid=coord-tab-import]").await;
    app.type_into("[data-testid=import-path]", &folder).await;
    app.click("[data-testid=import-path-go]").await;
    wait_results(&app, "unchanged", FLEET).await;
    app.click("[data-testid=coord-tab-summary]").await;
    app.wait_text("[data-testid=coordinator-summary]", |t| t == sentence)
        .await;

    app.quit().await;
}

/// The big number of a summary tile.
async fn tile(app: &App, id: &str) -> String {
    let text = app
        .text(&format!("[data-testid=total-{id}] .tile-number"))
        .await;
    text.trim().to_string()
}

/// Waits until the result list holds exactly `n` rows, all of `kind`.
async fn wait_results(app: &App, kind: &str, n: u32) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let all = app
            .client
            .find_all(fantoccini::Locator::Css("[data-testid=import-result]"))
            .await
            .unwrap();
        let mut kinds = Vec::new();
        for el in &all {
            kinds.push(el.attr("data-result").await.unwrap().unwrap_or_default());
        }
        if kinds.len() == n as usize && kinds.iter().all(|k| k == kind) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "expected {n} {kind} results, the list shows {kinds:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Device A made the workshop and handed it to B; then each changed its title
/// without seeing the other's change, and both sent their file.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn two_laptops_editing_one_workshop_leave_a_conflict_to_look_at() {
    let profile = Profile::new();
    let inbox = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();
    let hour = chrono::Duration::hours(1);
    let mut a = Store::open_in_memory().unwrap();
    let mut b = Store::open_in_memory().unwrap();
    let id = synthetic::workshop(&mut a, 3, now - hour * 5).unwrap();
    bundle::import(&mut b, &bundle::export(&a, id, now - hour * 4).unwrap()).unwrap();
    let retitle = |store: &mut Store, title: &str, at| {
        let mut input = workshop::get(store, id).unwrap().to_input();
        input.title = title.into();
        workshop::update(store, id, &input, at).unwrap();
    };
    retitle(
        &mut b,
        "Taller ODM — Quirihue (versión de Bruno)",
        now - hour * 3,
    );
    retitle(
        &mut a,
        "Taller ODM — Quirihue (versión de Ana)",
        now - hour * 2,
    );
    // B's file is read first: A's later edit then meets B's, which A never saw.
    std::fs::write(
        inbox.path().join("1-bruno.cabildo"),
        bundle::export(&b, id, now - hour).unwrap(),
    )
    .unwrap();
    std::fs::write(
        inbox.path().join("2-ana.cabildo"),
        bundle::export(&a, id, now - hour).unwrap(),
    )
    .unwrap();

    let app = App::start(&profile).await;
    app.click("[data-testid=nav-coordinator]").await;
    app.type_into(
        "[data-testid=import-path]",
        &inbox.path().display().to_string(),
    )
    .await;
    app.click("[data-testid=import-path-go]").await;
    wait_results(&app, "rejected", 2).await;
    app.click("[data-testid=trust-all]").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let rows = app.texts("[data-testid=import-result]").await;
        if rows.len() == 2 && rows[1].contains("1 conflicto para revisar") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{rows:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // The later edit (Ana's) was kept; both versions are shown side by side.
    app.click("[data-testid=coord-tab-conflicts]").await;
    let conflict = app.text("[data-testid=conflict]").await;
    assert!(conflict.contains("versión de Ana"), "{conflict}");
    assert!(conflict.contains("versión de Bruno"), "{conflict}");
    let kept = app.text("[data-testid=conflict] td.kept").await;
    assert!(kept.contains("Ana"), "{kept}");
    app.scroll_to_top_of("[data-testid=coord-tab-conflicts]")
        .await;
    app.screenshot("68-coordinator-conflicts").await;

    app.click("[data-testid=conflict-resolve]").await;
    app.wait_for("[data-testid=conflict][data-resolved=true] [data-testid=conflict-resolved]")
        .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app under Xvfb: run by make e2e"]
async fn the_sync_panel_connects_to_a_hub_refuses_a_wrong_code_and_sends_the_workshop() {
    let profile = Profile::new();
    std::fs::create_dir_all(profile.database().parent().unwrap()).unwrap();
    let now = chrono::Utc::now();
    let id = {
        let mut store = Store::open(&profile.database(), now).unwrap();
        synthetic::workshop(&mut store, 7, now).unwrap()
    };
    let hub_dir = tempfile::tempdir().unwrap();
    let hub_db = hub_dir.path().join("hub.sqlite3");
    let code = {
        let mut store = Store::open(&hub_db, now).unwrap();
        cabildo_core::enrollment::new_code(&mut store, "Laptop de Marcela", now).unwrap()
    };
    let hub = cabildo_hub::Hub::start(
        Store::open(&hub_db, now).unwrap(),
        "127.0.0.1:0".parse().unwrap(),
    )
    .await
    .unwrap();

    let app = App::start(&profile).await;
    app.scroll_to("[data-testid=sync-panel]").await;

    // A code the hub never made: refused, in Spanish, and the workshop still waits.
    app.type_into("[data-testid=sync-url]", &hub.url()).await;
    app.type_into("[data-testid=sync-code]", "ABCDE-FGHJK-MNPQR-STUVW")
        .await;
    app.click("[data-testid=sync-connect]").await;
    app.wait_text("[data-testid=sync-last-error]", |t| {
        t.contains("Este código de inscripción no es uno del concentrador")
    })
    .await;
    let waiting = app.wait_for("[data-testid=sync-outbox]").await;
    assert_eq!(
        waiting.attr("data-count").await.unwrap().as_deref(),
        Some("1")
    );

    // Disconnect (it asks first), then the right code: the workshop reaches the hub.
    app.click("[data-testid=sync-disconnect]").await;
    app.click("[data-testid=sync-disconnect]").await;
    app.type_into("[data-testid=sync-url]", &hub.url()).await;
    app.type_into("[data-testid=sync-code]", &code).await;
    app.click("[data-testid=sync-connect]").await;
    app.wait_text("[data-testid=sync-last-success]", |t| t.starts_with('✓'))
        .await;
    app.wait_for("[data-testid=sync-outbox][data-count='0']")
        .await;
    assert!(app.texts("[data-testid=sync-last-error]").await.is_empty());
    app.scroll_to("[data-testid=sync-panel]").await;
    app.screenshot("69-sync-panel").await;

    let on_hub = Store::open_read_only(&hub_db).unwrap();
    assert!(
        workshop::list(&on_hub, true)
            .unwrap()
            .iter()
            .any(|w| w.id == id),
        "the workshop is on the hub"
    );
    app.quit().await;
    hub.stop().await.unwrap();
}
