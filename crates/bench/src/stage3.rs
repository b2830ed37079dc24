//! (j) The full PDF report and (k) the XLSX of every Stage 3 table, for a workshop
//! of 120 participants, the 60 indicators and 40 actions, each against writing the
//! same bytes to disk.

use cabildo_core::actions::{self, ActionInput};
use cabildo_core::indicators::{self, ValueInput};
use cabildo_core::workshop::Language;
use cabildo_core::{Store, demo, participants, report, tables};

use crate::{best_of, line, person};

/// The example workshop grown to 120 participants, every indicator filled in its
/// first area and 40 actions over its strategic lines.
fn big_workshop(store: &mut Store) -> cabildo_core::ids::WorkshopId {
    let now = chrono::Utc::now();
    let w = demo::create(store, now).unwrap();
    let workshop = cabildo_core::workshop::get(store, w).unwrap();
    let have = participants::list(store, w).unwrap().len();
    let people: Vec<_> = (have..120)
        .map(|i| {
            let mut p = person(i, None);
            p.attendance = vec![workshop.start_date.to_string()];
            p
        })
        .collect();
    participants::add_all(store, w, &people, now).unwrap();

    let area = indicators::areas(&workshop)[0].area.clone();
    let mut values = Vec::new();
    for code in cabildo_core::catalogue::mdg().indicators.keys() {
        for (i, year) in [1990, 2000, 2005, 2010].into_iter().enumerate() {
            values.push(ValueInput {
                indicator: code.clone(),
                area: area.clone(),
                year,
                entry: cabildo_core::decimal::Entry::Number(40.0 + 5.0 * i as f64),
                source: None,
            });
        }
    }
    indicators::set_values(store, w, &values, now, |_| {}).unwrap();

    let lines = actions::lines(store, w).unwrap();
    let have = actions::actions(store, w).unwrap().len();
    for i in have..40 {
        let input = ActionInput {
            line: Some(lines[i % lines.len()].id),
            title: format!("Acción {i}: talleres de salud adolescente en Ñuble"),
            goal: "Reducir el embarazo adolescente en la comuna".into(),
            responsible_unit: "Departamento de Salud Municipal".into(),
            start_date: Some(format!("2026-{:02}-01", 1 + i % 12)),
            end_date: Some(format!("2027-{:02}-28", 1 + i % 12)),
            amount: Some(1_000_000.0 + 25_000.0 * i as f64),
            currency: Some("CLP".into()),
            funding_source: ["FNDR", "Municipal", "Ministerio de Salud"][i % 3].into(),
            risks: "Rotación de los equipos de salud".into(),
            ..ActionInput::default()
        };
        actions::add_action(store, w, &input, now).unwrap();
    }
    w
}

pub fn report_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();
    let mut store = Store::open_in_memory().unwrap();
    let w = big_workshop(&mut store);
    assert_eq!(actions::actions(&store, w).unwrap().len(), 40);

    let path = dir.path().join("report.pdf");
    let (ours, written) = best_of(3, || {
        report::write_workshop_pdf(&store, w, Language::Es, &path, now).unwrap()
    });
    let bytes = std::fs::read(&path).unwrap();
    let raw = dir.path().join("raw.pdf");
    let (base, _) = best_of(3, || {
        cabildo_core::files::write_atomically(&raw, &bytes).unwrap()
    });
    line(
        "(j) full PDF report, 120 people, 40 actions",
        ours,
        1,
        base,
        "write same bytes",
    );
    println!("    {} pages, {} bytes", written.pages, written.bytes);

    let path = dir.path().join("tables.xlsx");
    let (ours, _) = best_of(5, || {
        tables::write_xlsx(&store, w, Language::Es, &path, now).unwrap()
    });
    let bytes = std::fs::read(&path).unwrap();
    let raw = dir.path().join("raw.xlsx");
    let (base, _) = best_of(5, || {
        cabildo_core::files::write_atomically(&raw, &bytes).unwrap()
    });
    line(
        "(k) every Stage 3 table to XLSX",
        ours,
        1,
        base,
        "write same bytes",
    );
    println!("    {} bytes", bytes.len());
}
