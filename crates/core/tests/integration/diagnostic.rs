//! Stage 1 on real files: indicator CSVs, values that survive a reopen, bundles that
//! carry the diagnostic and the dialogue to a fresh database.

use std::fmt::Write as _;

use cabildo_core::decimal::Entry;
use cabildo_core::diagnostic::{Light, PeriodStart};
use cabildo_core::indicators::{self, Area, NationalTarget, ValueInput};
use cabildo_core::{Store, bundle, indicators_csv, relevance, workshop};

use crate::fixtures::{TempDb, at, workshop_input};

const SPANISH_EXCEL: &str = "\u{feff}Indicador;Territorio;Año;Valor;Fuente\n\
4.1;Quirihue;1990;24,5;DEIS\n\
4.1;Quirihue;2009;12,1;DEIS\n\
4.1;Chile;1990;19,1;INE\n\
4.1;Chile;2009;8,9;INE\n\
2.1;São Paulo;2000;n/d;Censo\n\
2.1;Brasil;2000;1.234,5;IBGE\n";

const BROKEN: &str = "indicator,territory,year,value,source\n\
4.1,Quirihue,1990,24.5,DEIS\n\
9.9,Quirihue,1990,3,DEIS\n\
4.1,Quirihue,2009,doce,DEIS\n\
4.1,Quirihue,1990,25,DEIS\n\
4.1,Quirihue,1890,25,DEIS\n\
4.1,Lima,2000,25,DEIS\n";

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_file_with_bom_semicolons_and_decimal_commas_imports() {
    let db = TempDb::new();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let path = write(db.dir.path(), "valores.csv", SPANISH_EXCEL);
    let preview = indicators_csv::preview_file(&store, w.id, &path, 2026).unwrap();
    assert_eq!((preview.valid, preview.invalid), (6, 0));
    let mut calls = Vec::new();
    let n = indicators_csv::import_file(&mut store, w.id, &path, at(2, 10), |d, t| {
        calls.push((d, t))
    })
    .unwrap();
    assert_eq!(n, 6);
    assert_eq!(calls.last(), Some(&(6, 6)));
    let sheet = indicators::sheet(&store, w.id).unwrap();
    let u5 = sheet.indicator("4.1").unwrap();
    let quirihue = &u5.series[1];
    assert_eq!(sheet.area_name(&quirihue.area), "Quirihue");
    assert_eq!(quirihue.observations[0].value, Some(24.5));
    assert_eq!(quirihue.observations[0].source, "DEIS");
    // Global target: two-thirds down from 24.5 by 2015. 75.9 % of the way covered in
    // 76 % of the time (19 of 25 years): just short.
    assert_eq!(quirihue.assessment.light, Light::Insufficient);
    assert!(quirihue.gap.unwrap().behind);
    let enrolment = sheet.indicator("2.1").unwrap();
    let sao_paulo = enrolment
        .series
        .iter()
        .find(|s| sheet.area_name(&s.area) == "São Paulo")
        .unwrap();
    assert_eq!(
        sao_paulo.observations[0].value, None,
        "n/d is not available, not zero"
    );
    let brazil = enrolment
        .series
        .iter()
        .find(|s| s.area == Area::Country("BR".into()))
        .unwrap();
    assert_eq!(brazil.observations[0].value, Some(1234.5));
}

#[test]
fn a_broken_file_is_reported_row_by_row_and_changes_nothing_until_confirmed() {
    let db = TempDb::new();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let path = write(db.dir.path(), "roto.csv", BROKEN);
    let preview = indicators_csv::preview_file(&store, w.id, &path, 2026).unwrap();
    assert_eq!((preview.valid, preview.invalid), (1, 5));
    let problem = |line: u64| {
        let row = preview.rows.iter().find(|r| r.line == line).unwrap();
        row.problems
            .iter()
            .map(|p| (p.column, p.error.code()))
            .collect::<Vec<_>>()
    };
    assert_eq!(problem(3), vec![(Some("indicator"), "unknown_indicator")]);
    assert_eq!(problem(4), vec![(Some("value"), "not_a_number")]);
    assert_eq!(problem(5), vec![(None, "duplicate_row")]);
    assert_eq!(problem(6), vec![(Some("year"), "year_out_of_range")]);
    assert_eq!(problem(7), vec![(Some("territory"), "csv_value")]);
    let untouched = indicators::sheet(&store, w.id).unwrap();
    assert!(untouched.years.is_empty(), "a preview imports nothing");
    let n = indicators_csv::import_file(&mut store, w.id, &path, at(2, 10), |_, _| {}).unwrap();
    assert_eq!(n, 1, "only the valid row is imported");
}

#[test]
fn ten_thousand_rows_import_in_one_transaction_with_progress() {
    let db = TempDb::new();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let codes: Vec<String> = cabildo_core::catalogue::mdg()
        .indicators
        .keys()
        .cloned()
        .collect();
    let mut text = String::from("indicator;territory;year;value;source\n");
    let places = ["Quirihue", "São Paulo", "Chile", "Brasil"];
    let mut rows = 0;
    'outer: for code in &codes {
        for place in places {
            for year in 1960..2026 {
                writeln!(text, "{code};{place};{year};{},5;fuente", year - 1900).unwrap();
                rows += 1;
                if rows == 10_000 {
                    break 'outer;
                }
            }
        }
    }
    let path = write(db.dir.path(), "grande.csv", &text);
    let mut calls = Vec::new();
    let n = indicators_csv::import_file(&mut store, w.id, &path, at(2, 10), |d, t| {
        calls.push((d, t))
    })
    .unwrap();
    assert_eq!(n, 10_000);
    assert_eq!(calls.len(), 20, "progress every 500 rows");
    assert_eq!(calls.last(), Some(&(10_000, 10_000)));
    let count: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM observations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 10_000);
}

#[test]
fn values_targets_and_ratings_survive_closing_and_reopening_the_file() {
    let db = TempDb::new();
    let id = {
        let mut store = db.open();
        let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
        let v = |year, value| ValueInput {
            indicator: "5.1".into(),
            area: Area::Territory(w.territories[0].id),
            year,
            entry: Entry::Number(value),
            source: Some("DEIS".into()),
        };
        indicators::set_value(&mut store, w.id, &v(1990, 60.0), at(2, 10)).unwrap();
        indicators::set_value(&mut store, w.id, &v(2010, 30.0), at(2, 10)).unwrap();
        let commitment = NationalTarget {
            year: 2015,
            value: 19.9,
            source: "Objetivos sanitarios 2011–2020".into(),
        };
        indicators::set_national_target(
            &mut store,
            w.id,
            "CL",
            "5.1",
            Some(&commitment),
            at(2, 10),
        )
        .unwrap();
        indicators::set_period_start(&mut store, w.id, Some(1990), at(2, 10)).unwrap();
        relevance::set_hand_counts(&mut store, w.id, "5", [0, 1, 2, 3, 4], at(2, 11)).unwrap();
        relevance::set_notes(
            &mut store,
            w.id,
            "5",
            "Región de Ñuble: partos lejos del hospital.",
            at(2, 11),
        )
        .unwrap();
        w.id
    };
    let store = db.open();
    let sheet = indicators::sheet(&store, id).unwrap();
    assert_eq!(sheet.period_start, PeriodStart::Year(1990));
    let mm = &sheet.indicator("5.1").unwrap().series[1];
    assert_eq!(mm.assessment.target.as_ref().map(|t| t.value), Some(19.9));
    // 30 of 40.1 points in 20 of 25 years.
    assert_eq!(mm.assessment.light, Light::Insufficient);
    let r = relevance::summary(&store, id).unwrap();
    assert_eq!(r.goals[0].goal, "5");
    assert_eq!(r.goals[0].tally.as_ref().map(|t| t.n), Some(10));
    assert_eq!(
        r.goals[0].notes,
        "Región de Ñuble: partos lejos del hospital."
    );
}

#[test]
fn a_bundle_carries_the_diagnostic_and_the_dialogue_to_a_fresh_database() {
    let mut a = Store::open_in_memory().unwrap();
    let id = cabildo_core::demo::create(&mut a, at(1, 8)).unwrap();
    let bytes = bundle::export(&a, id, at(1, 9)).unwrap();
    let db = TempDb::new();
    let mut b = db.open();
    bundle::import(&mut b, &bytes).unwrap();
    let before = serde_json::to_value(indicators::sheet(&a, id).unwrap()).unwrap();
    let after = serde_json::to_value(indicators::sheet(&b, id).unwrap()).unwrap();
    assert_eq!(before, after);
    let ra = serde_json::to_value(relevance::summary(&a, id).unwrap()).unwrap();
    let rb = serde_json::to_value(relevance::summary(&b, id).unwrap()).unwrap();
    assert_eq!(ra, rb);
    let again = bundle::import(&mut b, &bytes).unwrap();
    assert_eq!(
        (again.inserted, again.updated),
        (0, 0),
        "the same bundle twice changes nothing"
    );
}

#[test]
fn the_same_cell_typed_on_two_laptops_merges_as_one_row_and_the_later_wins() {
    let mut a = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut a, &workshop_input(), at(2, 9)).unwrap();
    let mut b = Store::open_in_memory().unwrap();
    bundle::import(&mut b, &bundle::export(&a, w.id, at(2, 9)).unwrap()).unwrap();
    let cell = |value| ValueInput {
        indicator: "4.1".into(),
        area: Area::Country("CL".into()),
        year: 2009,
        entry: Entry::Number(value),
        source: None,
    };
    indicators::set_value(&mut a, w.id, &cell(8.9), at(3, 9)).unwrap();
    indicators::set_value(&mut b, w.id, &cell(9.1), at(3, 10)).unwrap();
    bundle::import(&mut a, &bundle::export(&b, w.id, at(3, 11)).unwrap()).unwrap();
    let sheet = indicators::sheet(&a, w.id).unwrap();
    let chile = &sheet.indicator("4.1").unwrap().series[0];
    assert_eq!(chile.observations.len(), 1);
    assert_eq!(chile.observations[0].value, Some(9.1));
}

#[test]
fn bad_values_are_refused_with_their_reason_and_nothing_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let mut v = ValueInput {
        indicator: "4.1".into(),
        area: Area::Country("CL".into()),
        year: 2009,
        entry: Entry::Number(f64::NAN),
        source: None,
    };
    let code = |store: &mut Store, v: &ValueInput| {
        indicators::set_value(store, w.id, v, at(2, 10))
            .unwrap_err()
            .code()
    };
    assert_eq!(code(&mut store, &v), "not_a_number");
    v.entry = Entry::Number(8.0);
    v.year = 1800;
    assert_eq!(code(&mut store, &v), "year_out_of_range");
    v.year = 2009;
    v.indicator = "12.3".into();
    assert_eq!(code(&mut store, &v), "unknown_indicator");
    v.indicator = "4.1".into();
    v.area = Area::Country("AR".into());
    assert_eq!(code(&mut store, &v), "unknown_country");
    let no_source = NationalTarget {
        year: 2015,
        value: 5.0,
        source: "  ".into(),
    };
    let e =
        indicators::set_national_target(&mut store, w.id, "CL", "4.1", Some(&no_source), at(2, 10))
            .unwrap_err();
    assert_eq!(e.code(), "target_source_empty");
    let e =
        relevance::set_hand_counts(&mut store, w.id, "9", [1, 1, 1, 1, 1], at(2, 10)).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(indicators::sheet(&store, w.id).unwrap().years.is_empty());
}

#[test]
fn an_empty_or_headerless_file_is_refused_with_a_clear_error() {
    let db = TempDb::new();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let no_value = write(
        db.dir.path(),
        "a.csv",
        "indicator;territory;year\n4.1;Quirihue;2000\n",
    );
    let e = indicators_csv::preview_file(&store, w.id, &no_value, 2026).unwrap_err();
    assert_eq!(e.code(), "csv_header");
    let latin1 = db.dir.path().join("b.csv");
    std::fs::write(&latin1, b"indicador;territorio;a\xf1o;valor\n").unwrap();
    assert_eq!(
        indicators_csv::preview_file(&store, w.id, &latin1, 2026)
            .unwrap_err()
            .code(),
        "csv_header"
    );
}

#[test]
fn a_first_version_database_with_a_workshop_migrates_and_keeps_it() {
    let db = TempDb::new();
    {
        let mut conn = rusqlite::Connection::open(&db.path).unwrap();
        cabildo_core::store::migrate(&mut conn, 0, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO workshops (id, title, start_date, end_date, language, created_at, updated_at, device_id)
             VALUES ('0190b6a0-0000-7000-8000-000000000001', 'Taller de Cobquecura', '2025-10-01',
                     '2025-10-01', 'es', '2025-10-01T09:00:00.000000Z', '2025-10-01T09:00:00.000000Z',
                     '0190b6a0-0000-7000-8000-0000000000ff');
             INSERT INTO territories (id, workshop_id, position, name, level, country, created_at, updated_at, device_id)
             VALUES ('0190b6a0-0000-7000-8000-000000000002', '0190b6a0-0000-7000-8000-000000000001', 0,
                     'Cobquecura', 'municipality', 'CL', '2025-10-01T09:00:00.000000Z',
                     '2025-10-01T09:00:00.000000Z', '0190b6a0-0000-7000-8000-0000000000ff');",
        )
        .unwrap();
    }
    let store = db.open();
    let list = workshop::list(&store, true).unwrap();
    assert_eq!(list.len(), 1);
    let sheet = indicators::sheet(&store, list[0].id).unwrap();
    assert_eq!(sheet.period_start, PeriodStart::FirstObservation);
    assert_eq!(sheet.areas.len(), 2);
}

#[test]
fn a_bundle_from_before_stage_1_still_imports() {
    let mut a = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut a, &workshop_input(), at(2, 9)).unwrap();
    let mut tables = bundle::tables_of(&a, w.id).unwrap();
    // What the first version wrote: four tables, no period_start.
    tables.retain(|name, _| {
        ["workshops", "territories", "agenda_items", "participants"].contains(&name.as_str())
    });
    for row in tables.get_mut("workshops").unwrap() {
        row.remove("period_start");
    }
    let bytes = bundle::seal(&a, w.id, &w.title, &tables, at(2, 9)).unwrap();
    let mut b = Store::open_in_memory().unwrap();
    let report = bundle::import(&mut b, &bytes).unwrap();
    assert_eq!(report.inserted, 1 + 2 + 1);
    assert_eq!(workshop::get(&b, w.id).unwrap().title, w.title);
    assert_eq!(
        indicators::period_start(&b, w.id).unwrap(),
        PeriodStart::FirstObservation
    );
}
