//! The `cabildo` binary as a coordinator's script would run it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on broken preconditions

use std::path::Path;
use std::process::{Command, Output};

fn cabildo(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cabildo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CABILDO_DB")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn demo_export_import_and_report_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (laptop, coordinator) = (
        dir.path().join("laptop.sqlite3"),
        dir.path().join("coord.sqlite3"),
    );
    let id = stdout(&cabildo(&laptop, &["demo"])).trim().to_string();
    let list = stdout(&cabildo(&laptop, &["workshops", "list"]));
    assert!(
        list.contains(&id) && list.contains("Región de Ñuble"),
        "{list}"
    );

    let file = dir.path().join("itata.cabildo");
    stdout(&cabildo(
        &laptop,
        &["export", "--workshop", &id, "--out", file.to_str().unwrap()],
    ));
    // The demo grows with the app: what matters is that every row comes in once.
    let first = stdout(&cabildo(&coordinator, &["import", file.to_str().unwrap()]));
    let rows = first
        .split(" — ")
        .last()
        .and_then(|s| s.strip_suffix(" new, 0 updated, 0 unchanged\n"))
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or_else(|| panic!("all rows new: {first}"));
    assert!(rows > 500, "{first}");
    let again = stdout(&cabildo(&coordinator, &["import", file.to_str().unwrap()]));
    assert!(
        again.contains(&format!("0 new, 0 updated, {rows} unchanged")),
        "{again}"
    );

    let json = stdout(&cabildo(&coordinator, &["workshops", "list", "--json"]));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed[0]["participant_count"], 20);

    let pdf = dir.path().join("informe.pdf");
    let out = stdout(&cabildo(
        &coordinator,
        &[
            "report",
            "--workshop",
            &id,
            "--lang",
            "en",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    assert!(out.contains("pages"), "{out}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

#[test]
fn bad_input_gets_a_clear_message_and_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    let garbage = dir.path().join("garbage.cabildo");
    std::fs::write(&garbage, "not a workshop").unwrap();
    for (args, says) in [
        (vec!["import", garbage.to_str().unwrap()], "damaged"),
        (vec!["export", "--workshop", "nonsense"], "is not an id"),
        (
            vec![
                "report",
                "--workshop",
                "0190b7a2-0000-7000-8000-000000000000",
            ],
            "not found",
        ),
    ] {
        let out = cabildo(&db, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    for cmd in [
        vec![],
        vec!["demo"],
        vec!["workshops", "list"],
        vec!["export"],
        vec!["import"],
        vec!["report"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        let help = stdout(&cabildo(&db, &args));
        assert!(help.contains("Usage"), "{cmd:?}: {help}");
    }
}

#[test]
fn indicator_values_import_from_a_csv_and_rejected_rows_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("laptop.sqlite3");
    let id = stdout(&cabildo(&db, &["demo"])).trim().to_string();
    let csv = dir.path().join("valores.csv");
    std::fs::write(
        &csv,
        "\u{feff}indicador;territorio;año;valor;fuente\n4.1;Ninhue;2012;10,5;DEIS\n4.1;Lima;2012;3;DEIS\n",
    )
    .unwrap();
    let check = cabildo(
        &db,
        &[
            "indicators",
            "import",
            "--workshop",
            &id,
            "--check",
            csv.to_str().unwrap(),
        ],
    );
    assert!(stdout(&check).contains("1 valid rows"));
    assert!(
        String::from_utf8_lossy(&check.stderr).contains(":3:"),
        "the rejected line is named"
    );
    let done = cabildo(
        &db,
        &[
            "indicators",
            "import",
            "--workshop",
            &id,
            csv.to_str().unwrap(),
        ],
    );
    assert!(stdout(&done).contains("1 values imported, 1 rows rejected"));
}

#[test]
fn scores_and_ideas_questions_are_made_and_tallied_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    let workshop = stdout(&cabildo(&db, &["demo"])).trim().to_string();
    let create = |args: &[&str]| {
        let mut all = vec!["question", "create", "--workshop", &workshop];
        all.extend_from_slice(args);
        cabildo(&db, &all)
    };

    let scores = stdout(&create(&[
        "--kind",
        "scores",
        "--prompt",
        "¿Qué meta priorizar?",
        "--option",
        "Meta 2.A",
        "--option",
        "Meta 4.A",
        "--criterion",
        "Brecha",
        "--criterion",
        "Urgencia",
    ]))
    .trim()
    .to_string();
    let tally = |id: &str| -> serde_json::Value {
        serde_json::from_str(&stdout(&cabildo(&db, &["question", "results", id]))).unwrap()
    };
    let empty = tally(&scores);
    assert_eq!(empty["kind"], "scores");
    let criteria: Vec<String> = empty["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let option = empty["options"][1]["option"].as_str().unwrap().to_string();
    let answer = serde_json::json!({"scores": {&option: {&criteria[0]: 4, &criteria[1]: 2}}});
    stdout(&cabildo(
        &db,
        &[
            "question",
            "paper",
            &scores,
            "--ballot",
            "P-1",
            "--answer",
            &answer.to_string(),
        ],
    ));
    let scored = tally(&scores);
    assert_eq!(scored["n"], 1);
    assert_eq!(scored["options"][1]["means"], serde_json::json!([4.0, 2.0]));
    assert_eq!(scored["options"][0]["n"], 0);

    let ideas = stdout(&create(&["--kind", "ideas", "--prompt", "¿Qué causas?"]))
        .trim()
        .to_string();
    let answer = serde_json::json!({"ideas": ["Pocas escuelas", "Caminos  malos"]});
    stdout(&cabildo(
        &db,
        &[
            "question",
            "paper",
            &ideas,
            "--ballot",
            "P-1",
            "--answer",
            &answer.to_string(),
        ],
    ));
    let sent = tally(&ideas);
    assert_eq!(sent["kind"], "ideas");
    assert_eq!(sent["ideas"][1]["text"], "Caminos malos");

    // Scores need something to be scored on.
    let refused = create(&[
        "--kind", "scores", "--prompt", "?", "--option", "A", "--option", "B",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let unknown = create(&["--kind", "stars", "--prompt", "?"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("scores or ideas"));
}
