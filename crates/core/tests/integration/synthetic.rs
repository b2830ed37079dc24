use std::collections::BTreeSet;

use cabildo_core::actions::{self, commitments, follow_up};
use cabildo_core::bundle::{self, Bundle};
use cabildo_core::ids::WorkshopId;
use cabildo_core::participants::{self, Gender};
use cabildo_core::synthetic::{self, COUNTRIES};
use cabildo_core::workshop::{self, Language};
use cabildo_core::{Store, prioritization};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 1, 12, 0, 0).unwrap()
}

fn imported(bytes: &[u8]) -> (Store, WorkshopId) {
    let mut store = Store::open_in_memory().unwrap();
    let report = bundle::import(&mut store, bytes).unwrap();
    (store, report.workshop_id.unwrap())
}

fn gender_count(store: &Store, id: WorkshopId, gender: Gender) -> u32 {
    participants::totals(store, id)
        .unwrap()
        .by_gender
        .iter()
        .find(|c| c.key == gender)
        .map_or(0, |c| c.count)
}

fn live_rows(bundle: &Bundle, table: &str) -> usize {
    bundle.tables[table]
        .iter()
        .filter(|r| r.get("deleted_at").is_none_or(serde_json::Value::is_null))
        .count()
}

#[test]
fn a_generated_bundle_reads_back_with_its_expected_participants() {
    for index in [0, 7, 11, 33] {
        let bytes = synthetic::bundle(index, now()).unwrap();
        let expected = synthetic::expected(index);
        let read = bundle::read(&bytes).unwrap();
        assert_eq!(
            live_rows(&read, "participants"),
            expected.participants as usize
        );

        let (store, id) = imported(&bytes);
        let totals = participants::totals(&store, id).unwrap();
        assert_eq!(totals.total, expected.participants, "{index}");
        assert_eq!(gender_count(&store, id, Gender::Female), expected.women);
        assert_eq!(gender_count(&store, id, Gender::Male), expected.men);
        let w = workshop::get(&store, id).unwrap();
        assert_eq!(w.territories.len(), 1);
        assert_eq!(w.territories[0].name, expected.municipality);
        assert_eq!(w.territories[0].country, expected.country);
        assert!(w.title.ends_with(&expected.municipality), "{}", w.title);
    }
}

#[test]
fn two_generated_bundles_come_from_different_devices() {
    let a = bundle::read(&synthetic::bundle(0, now()).unwrap()).unwrap();
    let b = bundle::read(&synthetic::bundle(1, now()).unwrap()).unwrap();
    let again = bundle::read(&synthetic::bundle(0, now()).unwrap()).unwrap();
    assert_ne!(a.manifest.device_id, b.manifest.device_id);
    assert_ne!(a.manifest.public_key, b.manifest.public_key);
    // The same index built twice is the same workshop, from two installations.
    assert_ne!(a.manifest.device_id, again.manifest.device_id);
    assert_ne!(a.manifest.workshop_id, again.manifest.workshop_id);
    assert_eq!(a.manifest.workshop_title, again.manifest.workshop_title);
    let names = |b: &Bundle| -> Vec<String> {
        b.tables["participants"]
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&a), names(&again));
}

#[test]
fn the_fleet_spreads_over_twenty_countries() {
    let dir = tempfile::tempdir().unwrap();
    let paths = synthetic::write_fleet(dir.path(), 40, now()).unwrap();
    assert_eq!(paths.len(), 40);
    assert_eq!(paths[0].file_name().unwrap(), "taller-0001.cabildo");
    assert_eq!(paths[39].file_name().unwrap(), "taller-0040.cabildo");
    let mut countries = BTreeSet::new();
    let mut devices = BTreeSet::new();
    for path in &paths {
        let read = bundle::read(&std::fs::read(path).unwrap()).unwrap();
        devices.insert(read.manifest.device_id);
        for t in &read.tables["territories"] {
            countries.insert(t["country"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(devices.len(), 40);
    assert_eq!(countries.len(), 20);
    assert_eq!(
        countries,
        COUNTRIES
            .iter()
            .map(|c| c.to_string())
            .collect::<BTreeSet<_>>()
    );
}

#[test]
fn the_same_municipalities_recur_across_a_large_fleet() {
    let fleet: Vec<_> = (0..1000).map(synthetic::expected).collect();
    let places: BTreeSet<(&str, &str)> = fleet
        .iter()
        .map(|e| (e.country, e.municipality.as_str()))
        .collect();
    assert!((60..=100).contains(&places.len()), "{}", places.len());
    let goals: BTreeSet<u8> = fleet.iter().map(|e| e.goal).collect();
    assert_eq!(goals, (1..=8).collect());
    let sizes: BTreeSet<u32> = fleet.iter().map(|e| e.participants).collect();
    assert_eq!((sizes.first(), sizes.last()), (Some(&8), Some(&150)));
    assert!(fleet.iter().all(|e| e.women + e.men <= e.participants));
    assert!(fleet.iter().any(|e| e.women + e.men < e.participants));
}

#[test]
fn bundle_sizes_vary_with_the_participants() {
    let indices: Vec<u32> = (0..40).collect();
    let smallest = *indices
        .iter()
        .min_by_key(|i| synthetic::expected(**i).participants)
        .unwrap();
    let largest = *indices
        .iter()
        .max_by_key(|i| synthetic::expected(**i).participants)
        .unwrap();
    let small = synthetic::bundle(smallest, now()).unwrap();
    let large = synthetic::bundle(largest, now()).unwrap();
    assert_eq!(
        live_rows(&bundle::read(&small).unwrap(), "participants"),
        synthetic::expected(smallest).participants as usize
    );
    assert_eq!(
        live_rows(&bundle::read(&large).unwrap(), "participants"),
        synthetic::expected(largest).participants as usize
    );
    assert!(
        large.len() > 2 * small.len(),
        "{} vs {} bytes",
        large.len(),
        small.len()
    );
}

#[test]
fn each_generated_workshop_holds_the_decision_plan_and_follow_up_it_is_expected_to() {
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let (mut overdue, mut ahead) = (0, 0);
    for index in 0..24 {
        let expected = synthetic::expected(index);
        let mut store = Store::open_in_memory().unwrap();
        let id = synthetic::workshop(&mut store, index, now()).unwrap();

        let decision = prioritization::decision(&store, id).unwrap().unwrap();
        assert_eq!(
            decision.code.split('.').next(),
            Some(expected.goal.to_string().as_str())
        );
        assert!(decision.reasons.contains(&expected.municipality));

        let board = actions::board(&store, id).unwrap();
        assert_eq!(board.actions.len() as u32, expected.actions, "{index}");
        assert!(board.without_responsible.is_empty());
        assert!(board.actions.iter().all(|a| a.amount.is_some()
            && a.currency.is_some()
            && a.start_date.is_some()
            && a.end_date.is_some()));
        let agenda = commitments::of(&store, id).unwrap();
        assert_eq!(agenda.len() as u32, expected.commitments);
        for c in &agenda {
            if c.due.unwrap() < day {
                overdue += 1;
            } else {
                ahead += 1;
            }
        }

        let state = follow_up::board(&store, id, day).unwrap().state;
        let first = &state.actions[0];
        let status = match index % 4 {
            0 => follow_up::Status::InProgress,
            2 => follow_up::Status::Done,
            _ => follow_up::Status::NotStarted,
        };
        assert_eq!(first.status, status, "{index}");

        let w = workshop::get(&store, id).unwrap();
        let language = match expected.country {
            "BR" => Language::Pt,
            "HT" => Language::Fr,
            _ => Language::Es,
        };
        assert_eq!(w.language, language);
        assert!(!w.facilitators.is_empty() && w.facilitators.len() <= 2);
        assert!(
            w.start_date >= NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
                && w.end_date <= NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
            "{}",
            w.start_date
        );
    }
    assert!(overdue > 0 && ahead > 0, "{overdue} overdue, {ahead} ahead");
}
