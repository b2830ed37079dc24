//! The printed Agenda of Commitments, read back from real PDFs with poppler: its
//! text with pdftotext, its first page as an image with pdftoppm.

use std::path::Path;
use std::process::Command;

use cabildo_core::actions::commitments::{self, CommitmentInput};
use cabildo_core::workshop::{self, Language};
use cabildo_core::{Store, demo, locale, report};

use crate::fixtures::{at, workshop_input};
use crate::pdf::{flat, save_page};

const LANGUAGES: [Language; 4] = [Language::Es, Language::En, Language::Pt, Language::Fr];

/// The text in writing order with every run of white space as one space, so a
/// text wrapped inside its table cell reads back whole.
fn flat_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output()
        .expect("poppler-utils is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    flat(&String::from_utf8(out.stdout).unwrap())
}

fn key(language: Language, key: &str) -> String {
    flat(&locale::text(
        language,
        &format!("report.commitments.{key}"),
    ))
}

#[test]
fn the_demo_agenda_of_commitments_lists_every_commitment_and_a_line_for_each_signer() {
    let mut store = Store::open_in_memory().unwrap();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let agenda = commitments::of(&store, id).unwrap();
    let facilitators = workshop::get(&store, id).unwrap().facilitators;
    let dir = tempfile::tempdir().unwrap();
    for language in LANGUAGES {
        let path = dir.path().join(format!("compromisos-{language}.pdf"));
        let written = report::write_commitments(&store, id, language, &path, at(2, 10)).unwrap();
        assert!(written.pages >= 1);
        let text = flat_text(&path);
        for k in [
            "title",
            "heading",
            "who",
            "what",
            "due",
            "signatures",
            "place_and_date",
        ] {
            assert!(
                text.contains(&key(language, k)),
                "{language}: {k} missing in {text}"
            );
        }
        assert!(text.contains("Región de Ñuble"), "{language}");
        assert!(text.contains("5.B"), "{language}: the prioritized target");
        for c in &agenda {
            assert!(text.contains(&flat(&c.what)), "{language}: {}", c.what);
            assert!(text.contains(&flat(&c.who)), "{language}: {}", c.who);
            let title = c.action_title.as_deref().unwrap();
            assert!(text.contains(&flat(title)), "{language}: {title}");
        }
        // Under the signature lines: each person once more, and the facilitators.
        let signatures = &text[text.rfind(&key(language, "signatures")).unwrap()..];
        for c in &agenda {
            assert!(
                signatures.contains(&flat(&c.who)),
                "{language}: {} signs",
                c.who
            );
            assert!(signatures.contains(&flat(&c.institution)), "{language}");
        }
        for f in &facilitators {
            assert!(signatures.contains(f.as_str()), "{language}: {f} signs");
        }
        assert!(
            signatures.contains(&key(language, "facilitator")),
            "{language}"
        );
    }
}

#[test]
fn the_commitments_are_printed_by_due_date_with_the_undated_last() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    for (what, due) in [
        ("Firmar el convenio con la SEREMI", Some("2026-06-30")),
        ("Nombrar a la encargada del registro", None),
        ("Presentar el plan al concejo", Some("2026-04-15")),
    ] {
        let input = CommitmentInput {
            who: "Begoña Núñez".into(),
            institution: "Municipalidad de Quirihue".into(),
            what: what.into(),
            due: due.map(str::to_string),
            action: None,
        };
        commitments::add(&mut store, w.id, &input, at(2, 10)).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("compromisos.pdf");
    report::write_commitments(&store, w.id, Language::Es, &path, at(2, 11)).unwrap();
    let text = flat_text(&path);
    let at_ = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} missing in {text}"))
    };
    assert!(at_("Presentar el plan") < at_("Firmar el convenio"));
    assert!(at_("Firmar el convenio") < at_("Nombrar a la encargada"));
    assert!(text.contains("15/04/2026") && text.contains("30/06/2026"));
    assert!(text.contains(&key(Language::Es, "no_decision")));
    // Three commitments, one person: one line to sign, and the facilitator's.
    let signatures = &text[text.rfind(&key(Language::Es, "signatures")).unwrap()..];
    assert_eq!(
        signatures.matches("Begoña Núñez").count(),
        1,
        "{signatures}"
    );
    assert!(signatures.contains("Ana Pérez"));
}

#[test]
fn commitments_keep_sao_paulo_and_haiti_in_every_language() {
    let mut store = Store::open_in_memory().unwrap();
    let mut input = workshop_input();
    input.territories[0].country = "HT".into();
    let w = workshop::create(&mut store, &input, at(2, 9)).unwrap();
    let list = [
        (
            "João da Silva",
            "Prefeitura de São Paulo",
            "Compartilhar a experiência do programa Mãe Paulistana",
            "2026-05-20",
        ),
        (
            "Marie-Thérèse Étienne",
            "Mairie de Jacmel, Haïti",
            "Présenter l’agenda au conseil municipal de Jacmel",
            "2026-06-10",
        ),
        (
            "Begoña Núñez",
            "Asociación de Municipios, Región de Ñuble",
            "Convocar la mesa intercomunal de salud adolescente",
            "2026-07-01",
        ),
    ];
    for (who, institution, what, due) in list {
        let input = CommitmentInput {
            who: who.into(),
            institution: institution.into(),
            what: what.into(),
            due: Some(due.into()),
            action: None,
        };
        commitments::add(&mut store, w.id, &input, at(2, 10)).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    for language in LANGUAGES {
        let path = dir.path().join(format!("{language}.pdf"));
        report::write_commitments(&store, w.id, language, &path, at(2, 11)).unwrap();
        let text = flat_text(&path);
        assert!(text.contains(&key(language, "title")), "{language}");
        assert!(
            text.contains("São Paulo") && text.contains("Haïti"),
            "{language}: {text}"
        );
        for (who, institution, what, _) in list {
            for s in [who, institution, what] {
                assert!(text.contains(s), "{language}: {s} missing in {text}");
            }
        }
        assert!(text.contains(&key(language, "facilitator")), "{language}");
    }
}

#[test]
fn the_pages_of_the_demo_agenda_are_saved_as_images_with_ink_on_them() {
    let mut store = Store::open_in_memory().unwrap();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("compromisos.pdf");
    let written = report::write_commitments(&store, id, Language::Es, &path, at(2, 10)).unwrap();
    let (png, inked) = save_page(&path, 1, "commitments");
    assert!(png.ends_with("commitments.png"));
    assert!(inked > 0.01, "page 1 is nearly blank: {inked}");
    // The signatures end the document: its last page is worth a look too.
    let (_, inked) = save_page(&path, written.pages, "commitments-last");
    assert!(inked > 0.002, "the last page is nearly blank: {inked}");
}

mod tables {
    use cabildo_core::tables::{self, Value};
    use cabildo_core::workshop::Language;
    use cabildo_core::{
        Store, demo, indicators, locale, participants, prioritization, spreadsheet, vester,
    };
    use calamine::{Data, Reader, Xlsx, open_workbook};
    use chrono::{TimeZone, Utc};

    use crate::fixtures::at;

    /// Mid-October 2026: after the first follow-up session of the demo.
    fn october() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, 15, 12, 0, 0).unwrap()
    }

    #[test]
    fn the_demo_workbook_has_a_sheet_per_table_with_every_row_and_its_accents() {
        let mut store = Store::open_in_memory().unwrap();
        let id = demo::create(&mut store, at(2, 9)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tablas.xlsx");
        let written = tables::write_xlsx(&store, id, Language::Es, &path, october()).unwrap();
        assert_eq!(written.bytes, std::fs::metadata(&path).unwrap().len());

        let expected = tables::all(&store, id, Language::Es, october().date_naive()).unwrap();
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let names: Vec<String> = tables::KEYS
            .iter()
            .map(|k| locale::text(Language::Es, &format!("tables.{k}.name")))
            .collect();
        assert_eq!(book.sheet_names(), names);
        // Header and rows: every participant, an applicable indicator per area,
        // every candidate and cause; then 6 actions, 6 commitments, 4 meetings and
        // 4 checkpoints, 4 statuses from the first session, 9 actors, 9 areas,
        // 3 levels.
        let rows: Vec<usize> = names
            .iter()
            .map(|n| book.worksheet_range(n).unwrap().height())
            .collect();
        assert_eq!(
            rows,
            expected
                .iter()
                .map(|t| t.rows.len() + 1)
                .collect::<Vec<_>>()
        );
        let participants = participants::list(&store, id).unwrap().len();
        let sheet = indicators::sheet(&store, id).unwrap();
        let diagnostic: usize = sheet
            .goals
            .iter()
            .flat_map(|g| &g.indicators)
            .filter(|i| !i.not_applicable)
            .map(|i| i.series.len())
            .sum();
        let candidates = prioritization::results(&store, id)
            .unwrap()
            .candidates
            .len();
        let causes = vester::matrix(&store, id).unwrap().causes.len();
        assert!(participants > 0 && diagnostic > 0 && candidates > 0 && causes > 0);
        assert_eq!(
            rows[..4],
            [participants + 1, diagnostic + 1, candidates + 1, causes + 1]
        );
        assert_eq!(
            [
                rows[4], rows[6], rows[7], rows[8], rows[9], rows[10], rows[11]
            ],
            [7, 7, 9, 5, 10, 10, 4]
        );
        assert!(rows[5] > 7, "the plan has its actions and its totals");

        let actors = book.worksheet_range("Mapa de actores").unwrap();
        let names: Vec<String> = actors.rows().skip(1).map(|r| r[0].to_string()).collect();
        assert!(
            names.contains(&"SEREMI de Salud Ñuble".to_string()),
            "{names:?}"
        );
        let actions = book.worksheet_range("Matriz de acciones").unwrap();
        let header: Vec<String> = actions
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, expected[4].headers);
        let first = &actions.rows().nth(1).unwrap().to_vec();
        let column = |key: &str| {
            let title = locale::text(Language::Es, &format!("tables.actions.{key}"));
            header.iter().position(|h| *h == title).unwrap()
        };
        assert_eq!(first[column("amount")], Data::Float(24_000_000.0));
        assert!(
            matches!(first[column("start")], Data::DateTime(_)),
            "{:?}",
            first[column("start")]
        );
        assert_eq!(
            first[column("area")],
            Data::String("Recursos humanos".into())
        );
        assert!(
            first[column("partners")]
                .to_string()
                .contains("Cesfam de Quirihue")
        );
    }

    #[test]
    fn the_actions_table_comes_back_whole_from_its_csv_file() {
        let mut store = Store::open_in_memory().unwrap();
        let id = demo::create(&mut store, at(2, 9)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let written = tables::write_csv(&store, id, Language::Es, dir.path(), october()).unwrap();
        assert_eq!(written.len(), tables::KEYS.len());
        let table = tables::stage3(&store, id, Language::Es, october().date_naive())
            .unwrap()
            .remove(0);
        let bytes = std::fs::read(dir.path().join("actions.csv")).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "Excel needs the mark to read UTF-8"
        );
        let text = spreadsheet::text(&bytes).unwrap();
        assert_eq!(spreadsheet::delimiter(text.lines().next().unwrap()), b';');
        let mut reader = spreadsheet::reader(text);
        let headers: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(headers, table.headers);
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(rows.len(), table.rows.len());
        for (read, written) in rows.iter().zip(&table.rows) {
            for (cell, value) in read.iter().zip(written) {
                let expected = match value {
                    Value::Text(s) => s.trim().to_string(),
                    Value::Number(n) => n.to_string().replace('.', ","),
                    Value::Date(d) => d.to_string(),
                    Value::Empty => String::new(),
                };
                assert_eq!(cell, &expected);
            }
        }
        let register = rows
            .iter()
            .find(|r| r[1] == "Registro intercomunal de embarazo adolescente")
            .unwrap();
        assert!(register.contains(&"68,4".to_string()), "{register:?}");
        assert!(register.contains(&"2026-09-30".to_string()));
        assert!(register.iter().any(|c| c.contains("SEREMI de Salud Ñuble")));
    }
}
