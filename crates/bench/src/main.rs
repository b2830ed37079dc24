//! `make bench`: what Cabildo's operations cost on this machine, each printed as
//! a ratio against a baseline measured in the same run, plus the absolute figure.
//! Never a pass/fail: figures to compare between commits and machines.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod coordination;
mod lan;
mod stage2;
mod stage3;

use std::time::{Duration, Instant};

use cabildo_core::participants::{self, Gender, ParticipantInput, Sector};
use cabildo_core::workshop::{self, Language, TerritoryInput, TerritoryLevel, WorkshopInput};
use cabildo_core::{Store, bundle, demo, report};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        let v = f();
        best = best.min(start.elapsed());
        out = Some(v);
    }
    (best, out.unwrap())
}

fn person(i: usize, territory: Option<cabildo_core::ids::TerritoryId>) -> ParticipantInput {
    ParticipantInput {
        name: format!("Participante Núñez {i}"),
        gender: [Gender::Female, Gender::Male][i % 2],
        sector: Sector::ALL[i % Sector::ALL.len()],
        institution: "Municipalidad de Quirihue".into(),
        territory_id: territory,
        role: "Profesional".into(),
        age_band: None,
        email: Some(format!("p{i}@example.org")),
        phone: None,
        consent_listed: !i.is_multiple_of(3),
        attendance: vec!["2026-03-10".into()],
    }
}

fn workshop_input() -> WorkshopInput {
    WorkshopInput {
        title: "Banco de pruebas — Región de Ñuble".into(),
        start_date: "2026-03-10".into(),
        end_date: "2026-03-11".into(),
        language: Some(Language::Es),
        facilitators: vec!["Ana".into()],
        territories: vec![TerritoryInput {
            id: None,
            name: "Quirihue".into(),
            level: TerritoryLevel::Municipality,
            country: "CL".into(),
        }],
        agenda: vec![],
    }
}

fn line(name: &str, ours: Duration, n: usize, base: Duration, base_name: &str) {
    let per_s = |d: Duration| n as f64 / d.as_secs_f64();
    println!(
        "{name:<44} {:>10.0}/s  ({:>8.2} ms for {n})   baseline {base_name}: {:>10.0}/s   ratio {:.3}",
        per_s(ours),
        ours.as_secs_f64() * 1e3,
        per_s(base),
        base.as_secs_f64() / ours.as_secs_f64(),
    );
}

/// (a) One committed insert per participant through core, against a bare
/// rusqlite loop with the same pragmas and the same one-commit-per-row durability.
fn participant_inserts() {
    const N: usize = 500;
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();

    let mut store = Store::open(&dir.path().join("core.sqlite3"), now).unwrap();
    let w = workshop::create(&mut store, &workshop_input(), now).unwrap();
    let t = Some(w.territories[0].id);
    let start = Instant::now();
    for i in 0..N {
        participants::add(&mut store, w.id, &person(i, t), now).unwrap();
    }
    let ours = start.elapsed();

    let conn = rusqlite::Connection::open(dir.path().join("bare.sqlite3")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    conn.execute_batch("CREATE TABLE p (id TEXT PRIMARY KEY, name TEXT, email TEXT) STRICT")
        .unwrap();
    let start = Instant::now();
    for i in 0..N {
        conn.execute(
            "INSERT INTO p VALUES (?1, ?2, ?3)",
            (
                format!("{i:032}"),
                format!("Participante {i}"),
                format!("p{i}@example.org"),
            ),
        )
        .unwrap();
    }
    let base = start.elapsed();
    line(
        "(a) participant inserts, committed each",
        ours,
        N,
        base,
        "bare rusqlite insert",
    );
}

/// (b) Export and import of a 120-participant workshop, against writing and
/// reading the same number of bytes to and from disk.
fn bundle_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), now).unwrap();
    let people: Vec<_> = (0..120)
        .map(|i| person(i, Some(w.territories[0].id)))
        .collect();
    participants::add_all(&mut store, w.id, &people, now).unwrap();
    let path = dir.path().join("w.cabildo");

    let (ours, size) = best_of(10, || {
        let size = bundle::export_to_file(&store, w.id, &path, now).unwrap();
        let mut fresh = Store::open_in_memory().unwrap();
        bundle::import_file(&mut fresh, &path).unwrap();
        size
    });
    let bytes = std::fs::read(&path).unwrap();
    let raw = dir.path().join("raw.bin");
    let (base, _) = best_of(10, || {
        cabildo_core::files::write_atomically(&raw, &bytes).unwrap();
        std::fs::read(&raw).unwrap().len()
    });
    line(
        "(b) bundle export+import, 120 participants",
        ours,
        1,
        base,
        "write+read same bytes",
    );
    println!("    bundle size: {size} bytes");
}

/// (c) The PDF report of the demo workshop, against writing the same bytes.
fn pdf_report() {
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();
    let mut store = Store::open_in_memory().unwrap();
    let id = demo::create(&mut store, now).unwrap();
    let path = dir.path().join("report.pdf");
    let (ours, written) = best_of(10, || {
        report::write_workshop_pdf(&store, id, Language::Es, &path, now).unwrap()
    });
    let bytes = std::fs::read(&path).unwrap();
    let (base, _) = best_of(10, || {
        cabildo_core::files::write_atomically(&dir.path().join("raw.pdf"), &bytes).unwrap()
    });
    line(
        "(c) PDF report of the demo workshop",
        ours,
        1,
        base,
        "write same bytes",
    );
    println!("    {} pages, {} bytes", written.pages, written.bytes);
}

/// A CSV of `rows` indicator values for the bench workshop's territories.
fn indicator_csv(rows: usize) -> String {
    use std::fmt::Write as _;
    let codes: Vec<&String> = cabildo_core::catalogue::mdg().indicators.keys().collect();
    let mut text = String::from("\u{feff}indicador;territorio;año;valor;fuente\n");
    let mut n = 0;
    'all: for code in &codes {
        for place in ["Quirihue", "Ninhue", "Chile"] {
            for year in 1960..2026 {
                writeln!(text, "{code};{place};{year};{},5;INE", year - 1900).unwrap();
                n += 1;
                if n == rows {
                    break 'all;
                }
            }
        }
    }
    text
}

fn two_territories() -> WorkshopInput {
    let mut input = workshop_input();
    input.territories.push(TerritoryInput {
        id: None,
        name: "Ninhue".into(),
        level: TerritoryLevel::Municipality,
        country: "CL".into(),
    });
    input
}

/// (e) Importing a 10,000-row indicator CSV (preview, checks, one transaction),
/// against a bare `csv` parse of the same file.
fn indicator_csv_import() {
    const ROWS: usize = 10_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("valores.csv");
    std::fs::write(&path, indicator_csv(ROWS)).unwrap();
    let now = chrono::Utc::now();
    let (ours, _) = best_of(3, || {
        let db = dir
            .path()
            .join(format!("{}.sqlite3", cabildo_core::ids::WorkshopId::new()));
        let mut store = Store::open(&db, now).unwrap();
        let w = workshop::create(&mut store, &two_territories(), now).unwrap();
        let n = cabildo_core::indicators_csv::import_file(&mut store, w.id, &path, now, |_, _| {})
            .unwrap();
        assert_eq!(n as usize, ROWS);
    });
    let (base, _) = best_of(3, || {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let mut fields = 0;
        for record in reader.records() {
            fields += record.unwrap().len();
        }
        assert_eq!(fields, ROWS * 5);
    });
    line(
        "(e) indicator CSV import, rows",
        ours,
        ROWS,
        base,
        "bare csv parse",
    );
}

/// (f) The diagnostic of 60 indicators × 2 territories and their country (lights,
/// pace, gaps, rankings), against serialising the resulting sheet to JSON as the
/// window receives it.
fn diagnostic_compute() {
    let now = chrono::Utc::now();
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &two_territories(), now).unwrap();
    let mut values = Vec::new();
    for code in cabildo_core::catalogue::mdg().indicators.keys() {
        for area in cabildo_core::indicators::areas(&w) {
            for (i, year) in [1990, 2000, 2005, 2010].into_iter().enumerate() {
                values.push(cabildo_core::indicators::ValueInput {
                    indicator: code.clone(),
                    area: area.area.clone(),
                    year,
                    entry: cabildo_core::decimal::Entry::Number(50.0 + 7.0 * i as f64),
                    source: None,
                });
            }
        }
    }
    cabildo_core::indicators::set_values(&mut store, w.id, &values, now, |_| {}).unwrap();
    let stored = cabildo_core::store::indicators::series_of(store.conn(), w.id).unwrap();
    let start = cabildo_core::diagnostic::PeriodStart::FirstObservation;
    let (ours, sheet) = best_of(50, || {
        cabildo_core::indicators::compute(&w, start, stored.clone(), Vec::new(), &[])
    });
    let (base, json) = best_of(50, || serde_json::to_vec(&sheet).unwrap());
    let (with_sql, _) = best_of(50, || {
        cabildo_core::indicators::sheet(&store, w.id).unwrap()
    });
    println!(
        "{:<44} {:>10.0} µs   baseline sheet to JSON ({} kB): {:.0} µs   ratio {:.2}",
        "(f) diagnostic, 60 indicators x 3 areas",
        ours.as_secs_f64() * 1e6,
        json.len() / 1024,
        base.as_secs_f64() * 1e6,
        base.as_secs_f64() / ours.as_secs_f64(),
    );
    println!(
        "    with reading the rows from SQLite: {:.0} µs",
        with_sql.as_secs_f64() * 1e6
    );
}

/// (d) Cold start of the release app to its first screen under Xvfb, through
/// WebDriver, against the same WebDriver round trip on the already open window.
async fn cold_start() {
    let binary =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/cabildo-app");
    let mut starts = Vec::new();
    let mut round_trips = Vec::new();
    for _ in 0..3 {
        let profile = cabildo_e2e::Profile::new();
        let t = Instant::now();
        let app = cabildo_e2e::App::start_binary(&profile, &binary).await;
        starts.push(t.elapsed());
        let t = Instant::now();
        app.wait_for("[data-testid=new-workshop]").await;
        round_trips.push(t.elapsed());
        app.quit().await;
    }
    let ours = starts.into_iter().min().unwrap();
    let base = round_trips.into_iter().min().unwrap();
    println!(
        "{:<44} {:>10.0} ms   baseline one WebDriver round trip: {:.1} ms   ratio {:.0}",
        "(d) cold start to the first screen (Xvfb)",
        ours.as_secs_f64() * 1e3,
        base.as_secs_f64() * 1e3,
        ours.as_secs_f64() / base.as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    println!("Cabildo benchmarks (release). Higher ratio = closer to the baseline's speed.\n");
    // `cabildo-bench e f` runs only those; no argument runs them all.
    let args: Vec<String> = std::env::args().collect();
    let only = args.get(1..).unwrap_or_default();
    let wanted = |letter: &str| only.is_empty() || only.iter().any(|a| a == letter);
    if wanted("a") {
        participant_inserts();
    }
    if wanted("b") {
        bundle_round_trip();
    }
    if wanted("c") {
        pdf_report();
    }
    if wanted("e") {
        indicator_csv_import();
    }
    if wanted("f") {
        diagnostic_compute();
    }
    if wanted("h") {
        stage2::scoring_tally();
    }
    if wanted("i") {
        stage2::vester_analysis();
    }
    if wanted("j") {
        stage3::report_and_tables();
    }
    if wanted("l") || wanted("m") {
        coordination::merge_and_stats();
    }
    if wanted("g") {
        lan::ballots().await;
    }
    if wanted("d") {
        cold_start().await;
    }
}
