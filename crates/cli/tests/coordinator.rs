//! A coordinator's folder of workshop files through `cabildo merge`, `devices` and
//! `stats`, as a script would run them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on broken preconditions

use std::path::Path;
use std::process::{Command, Output};

use cabildo_core::synthetic;
use serde_json::Value;

const FLEET: u32 = 5;

fn cabildo(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cabildo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CABILDO_DB")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn success(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    text(o)
}

fn stats(db: &Path, filter: &[&str]) -> Value {
    let out = success(&cabildo(db, &[&["stats", "--json"], filter].concat()));
    serde_json::from_str(&out).unwrap()
}

/// A folder of five generated workshop files, each signed by a device of its own.
fn fleet(dir: &Path) -> std::path::PathBuf {
    let folder = dir.join("talleres");
    std::fs::create_dir(&folder).unwrap();
    synthetic::write_fleet(&folder, FLEET, chrono::Utc::now()).unwrap();
    // Not a workshop file: a folder stands for its *.cabildo files only.
    std::fs::write(folder.join("notas.txt"), "llevar el proyector").unwrap();
    folder
}

#[test]
fn merging_a_folder_trusting_new_devices_takes_every_file_and_a_second_merge_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, db) = (fleet(dir.path()), dir.path().join("coordinacion.sqlite3"));
    let folder = folder.to_str().unwrap();

    let first = success(&cabildo(&db, &["merge", "--trust-new", folder]));
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(lines.len(), 2 * FLEET as usize + 1, "{first}");
    for i in 1..=FLEET {
        let name = format!("taller-{i:04}.cabildo: ");
        let of_file: Vec<&&str> = lines.iter().filter(|l| l.contains(&name)).collect();
        assert!(of_file[0].contains("trusted the new device"), "{first}");
        assert!(of_file[1].contains(": new — "), "{first}");
    }
    assert_eq!(
        lines.last().unwrap(),
        &"5 files: 5 new, 0 updated, 0 unchanged, 0 rejected; 0 conflicts listed"
    );
    let before = stats(&db, &[]);

    let again = success(&cabildo(&db, &["merge", folder]));
    assert_eq!(
        again.matches(": unchanged — ").count(),
        FLEET as usize,
        "{again}"
    );
    assert!(!again.contains("trusted"), "{again}");
    assert!(
        again.ends_with("5 files: 0 new, 0 updated, 5 unchanged, 0 rejected; 0 conflicts listed\n"),
        "{again}"
    );
    assert_eq!(stats(&db, &[]), before);

    let devices = success(&cabildo(&db, &["devices", "list"]));
    assert_eq!(devices.lines().count(), FLEET as usize, "{devices}");
    assert!(devices.lines().all(|l| l.contains("accepted")), "{devices}");
}

#[test]
fn files_from_unknown_devices_are_rejected_with_their_key_and_nothing_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, db) = (fleet(dir.path()), dir.path().join("coordinacion.sqlite3"));

    let out = cabildo(&db, &["merge", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let printed = text(&out);
    let rejected: Vec<&str> = printed
        .lines()
        .filter(|l| l.contains(": rejected — "))
        .collect();
    assert_eq!(rejected.len(), FLEET as usize, "{printed}");
    for line in rejected {
        // The key's fingerprint (XXXX-XXXX-XXXX-XXXX) and both ways to accept it.
        assert!(
            line.contains("key ") && line.contains("--trust-new"),
            "{line}"
        );
        assert!(line.contains("cabildo devices trust"), "{line}");
    }
    assert!(printed.ends_with("0 new, 0 updated, 0 unchanged, 5 rejected; 0 conflicts listed\n"));
    let totals = stats(&db, &[]);
    assert_eq!(
        (
            totals["workshops"].as_u64(),
            totals["participants"].as_u64()
        ),
        (Some(0), Some(0))
    );
    assert_eq!(success(&cabildo(&db, &["devices", "list"])), "");

    // Trusting one device by one of its files lets that file, and only it, in.
    let one = folder.join("taller-0002.cabildo");
    let trusted = success(&cabildo(
        &db,
        &[
            "devices",
            "trust",
            one.to_str().unwrap(),
            "--label",
            "Portátil de Jorge",
        ],
    ));
    assert!(trusted.contains("Portátil de Jorge"), "{trusted}");
    let out = cabildo(&db, &["merge", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("taller-0002.cabildo: new — "),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).ends_with("1 new, 0 updated, 0 unchanged, 4 rejected; 0 conflicts listed\n")
    );
    assert_eq!(stats(&db, &[])["workshops"], 1);
}

#[test]
fn stats_adds_up_the_participants_of_the_merged_workshops() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, db) = (fleet(dir.path()), dir.path().join("coordinacion.sqlite3"));
    success(&cabildo(
        &db,
        &["merge", "--trust-new", folder.to_str().unwrap()],
    ));

    let expected: Vec<synthetic::Expected> = (0..FLEET).map(synthetic::expected).collect();
    let sum = |f: fn(&synthetic::Expected) -> u32| -> u64 {
        expected.iter().map(|e| u64::from(f(e))).sum()
    };
    let t = stats(&db, &[]);
    assert_eq!(t["workshops"], 5);
    assert_eq!(t["countries"], 5);
    assert_eq!(t["municipalities"], 5);
    assert_eq!(t["participants"].as_u64(), Some(sum(|e| e.participants)));
    assert_eq!(t["by_gender"]["female"].as_u64(), Some(sum(|e| e.women)));
    assert_eq!(t["by_gender"]["male"].as_u64(), Some(sum(|e| e.men)));
    let by_sector: u64 = t["by_sector"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_sector, sum(|e| e.participants));
    assert_eq!(t["commitments"].as_u64(), Some(sum(|e| e.commitments)));
    assert!(t["overdue"].as_u64().unwrap() <= sum(|e| e.commitments));
    let goals: u64 = t["goals"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(goals, 5);
    for e in &expected {
        let goal = e.goal.to_string();
        assert!(
            t["goals"][&goal].as_u64().unwrap() >= 1,
            "MDG {goal} was prioritized"
        );
        let country = t["by_country"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["country"] == e.country)
            .unwrap();
        assert_eq!(
            country["participants"].as_u64(),
            Some(u64::from(e.participants))
        );
        assert_eq!(country["women"].as_u64(), Some(u64::from(e.women)));
    }

    // Filtered: one country, then one goal.
    let chile = stats(&db, &["--country", "CL"]);
    assert_eq!(chile["workshops"], 1);
    assert_eq!(
        chile["participants"].as_u64(),
        Some(u64::from(expected[3].participants))
    );
    let goal = expected[0].goal.to_string();
    let by_goal = stats(&db, &["--goal", &goal]);
    assert_eq!(by_goal["workshops"], t["goals"][&goal]);
    assert!(!cabildo(&db, &["stats", "--goal", "9"]).status.success());

    // Readable, starting with the sentence coordinators write in their reports.
    let women = sum(|e| e.women);
    let out = success(&cabildo(&db, &["stats", "--lang", "es"]));
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "{} participantes, {women} mujeres",
            sum(|e| e.participants)
        )),
        "{out}"
    );
    assert!(
        out.contains("5 workshops, 5 municipalities, 5 countries"),
        "{out}"
    );
}
