use std::process::Command;

use cabildo_core::participants::{self, Gender, Sector};
use cabildo_core::workshop::Language;
use cabildo_core::{Store, demo, report, workshop};

use crate::fixtures::{TempDb, at, person, workshop_input};
use crate::pdf::{pages_dir, pdftotext};

#[test]
fn the_demo_report_keeps_accents_and_lists_every_consenting_participant_and_no_one_else() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let path = db.dir.path().join("informe.pdf");
    let written = report::write_workshop_pdf(&store, id, Language::Es, &path, at(2, 10)).unwrap();
    assert!(written.pages >= 2);

    // -raw keeps the text in the order it was written; a name wrapped inside its
    // table cell reads back whole once line breaks count as spaces.
    let text = pdftotext(&path, &["-raw"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Región de Ñuble"), "{text}");
    for p in participants::list(&store, id).unwrap() {
        assert_eq!(
            text.contains(&p.name),
            p.consent_listed,
            "{} (consent {})",
            p.name,
            p.consent_listed
        );
    }
    assert!(text.contains("Datos de ejemplo"));
    assert!(text.contains(&format!("Página 1 de {}", written.pages)));
    assert!(text.contains(&format!("Página {0} de {0}", written.pages)));
}

#[test]
fn the_report_embeds_a_subset_of_its_unicode_font() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let path = db.dir.path().join("informe.pdf");
    report::write_workshop_pdf(&store, id, Language::Es, &path, at(2, 10)).unwrap();
    let out = Command::new("pdffonts").arg(&path).output().unwrap();
    let fonts = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = fonts
        .lines()
        .filter(|l| !l.starts_with("name") && !l.starts_with("---"))
        .collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object-id: emb and sub are "yes".
        assert!(row.contains("DejaVu"), "{row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 3],
            ["yes", "yes"],
            "{fonts}"
        );
    }
    assert!(std::fs::metadata(&path).unwrap().len() < 200_000);
}

#[test]
fn a_report_in_french_and_portuguese_keeps_haiti_and_sao_paulo() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let mut p = person("Begoña Núñez", Gender::Female, Sector::Ngo);
    p.territory_id = Some(w.territories[1].id);
    participants::add(&mut store, w.id, &p, at(2, 10)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (language, words) in [
        (Language::Fr, ["Page 1 sur", "Haïti"]),
        (Language::Pt, ["Página 1 de", "São Paulo"]),
    ] {
        let path = dir.path().join(format!("{language}.pdf"));
        let mut input = w.to_input();
        input.territories[0].country = "HT".into();
        workshop::update(&mut store, w.id, &input, at(3, 9)).unwrap();
        report::write_workshop_pdf(&store, w.id, language, &path, at(3, 10)).unwrap();
        let text = pdftotext(&path, &["-raw"]);
        for word in words {
            assert!(text.contains(word), "{language}: {word} missing in {text}");
        }
        assert!(text.contains("Begoña Núñez"));
    }
}

#[test]
fn a_long_participant_list_spans_pages_with_the_header_repeated_and_nothing_cut() {
    let db = TempDb::new();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let people: Vec<_> = (0..120)
        .map(|i| {
            let mut p = person(&format!("Participante número {i} de apellido Núñez-Sepúlveda"), Gender::Female, Sector::Ngo);
            p.institution = "Asociación de Municipios del Valle del Itata, Región de Ñuble, con un nombre muy largo".into();
            p
        })
        .collect();
    participants::add_all(&mut store, w.id, &people, at(2, 10)).unwrap();
    let path = db.dir.path().join("largo.pdf");
    let written = report::write_workshop_pdf(&store, w.id, Language::Es, &path, at(2, 11)).unwrap();
    assert!(written.pages >= 4, "{} pages", written.pages);
    // The list's last page is the one before the Stage 1 chapter, which starts a page.
    let page = |n: usize| pdftotext(&path, &["-raw", "-f", &n.to_string(), "-l", &n.to_string()]);
    let chapter = (1..=written.pages)
        .find(|&n| page(n).contains("Etapa 1"))
        .unwrap();
    let last = page(chapter - 1);
    assert!(
        last.contains("Institución") && last.contains("número 119"),
        "the header is repeated on the list's last page: {last}"
    );
    let all = pdftotext(&path, &["-raw"]);
    for i in [0, 59, 119] {
        assert!(
            all.contains(&format!("número {i} ")),
            "participant {i} missing"
        );
    }
    // Every glyph lies inside the page: pdftotext -bbox gives each word's box.
    let bbox = pdftotext(&path, &["-bbox"]);
    for line in bbox.lines().filter(|l| l.contains("<word ")) {
        let num = |attr: &str| -> f64 {
            let at = line.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
            line[at..].split('"').next().unwrap().parse().unwrap()
        };
        assert!(
            num("xMin") >= 0.0 && num("xMax") <= 595.3 && num("yMax") <= 841.9,
            "{line}"
        );
    }
    // Keep page images for people to look at.
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-pages");
    std::fs::create_dir_all(&shots).unwrap();
    Command::new("pdftoppm")
        .args(["-r", "50", "-png", "-f", "1", "-l", "2"])
        .arg(&path)
        .arg(shots.join("long-list"))
        .status()
        .unwrap();
}

#[test]
fn the_demo_report_has_the_stage_1_chapter_with_lights_relevance_and_notes() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let path = db.dir.path().join("informe.pdf");
    let written = report::write_workshop_pdf(&store, id, Language::Es, &path, at(2, 10)).unwrap();
    let text = pdftotext(&path, &["-raw"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Etapa 1: diagnóstico y relevancia de los ODM",
        "Diagnóstico: Chile",
        "Diagnóstico: Ninhue",
        "Tasa de mortalidad de niños menores de 5 años",
        "meta mundial",
        "meta nacional",
        "Retroceso",
        "Avance insuficiente",
        "rezagado",
        "Relevancia de los ODM para el territorio",
        "Ideas clave del diálogo",
        "comunas rurales del secano",
        "Valores de ejemplo",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    // The page with the first diagnostic table, as an image a person can open.
    let page = (1..=written.pages)
        .find(|p| {
            let n = p.to_string();
            pdftotext(&path, &["-f", &n, "-l", &n]).contains("Diagnóstico: Chile")
        })
        .unwrap();
    let out = pages_dir().join("diagnostic");
    let status = Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            "80",
            "-singlefile",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(&path)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let png = std::fs::read(out.with_extension("png")).unwrap();
    assert_eq!(&png[..4], b"\x89PNG");
}

#[test]
fn the_stage_1_chapter_speaks_the_report_language() {
    let mut store = Store::open_in_memory().unwrap();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (language, words) in [
        (
            Language::En,
            ["Stage 1: MDG diagnostic and relevance", "Target met"],
        ),
        (
            Language::Fr,
            [
                "Étape 1 : diagnostic et pertinence des OMD",
                "Pertinence des OMD pour le territoire",
            ],
        ),
        (
            Language::Pt,
            [
                "Etapa 1: diagnóstico e relevância dos ODM",
                "Avanço insuficiente",
            ],
        ),
    ] {
        let path = dir.path().join(format!("{language}.pdf"));
        report::write_workshop_pdf(&store, id, language, &path, at(2, 10)).unwrap();
        let text = pdftotext(&path, &["-raw"])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for word in words {
            assert!(text.contains(word), "{language}: {word}");
        }
    }
}

#[test]
fn the_join_card_carries_the_wifi_the_address_and_the_pin_with_their_qr_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tarjeta.pdf");
    let wifi = report::join_card::Wifi {
        ssid: "Sala Ñuble — Municipalidad".into(),
        password: "votar;2026".into(),
    };
    let url = "http://192.168.137.1:8080/?pin=482913";
    let written = report::write_join_card(
        &path,
        "Taller ODM — São Paulo y Haïti",
        url,
        "482913",
        Some(&wifi),
        Language::Es,
        at(2, 9),
    )
    .unwrap();
    assert_eq!(written.pages, 1);
    let text = pdftotext(&path, &["-raw"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Sala Ñuble — Municipalidad",
        "votar;2026",
        url,
        "482913",
        "São Paulo y Haïti",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    let out = pages_dir().join("join-card");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-singlefile"])
        .arg(&path)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    // Both codes read back, as a phone's camera would read them (zbar).
    let decoded = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(out.with_extension("png"))
        .output()
        .expect("zbar-tools is installed (make test installs it)");
    let decoded = String::from_utf8(decoded.stdout).unwrap();
    assert!(
        decoded.contains("WIFI:T:WPA;S:Sala Ñuble — Municipalidad;P:votar\\;2026;;"),
        "{decoded}"
    );
    assert!(decoded.contains(url), "{decoded}");
}

#[test]
fn printed_paper_ballots_carry_their_ids_and_only_those_ids_can_be_keyed_in() {
    use cabildo_core::voting::{self, Kind, QuestionInput, Voter};
    let db = TempDb::new();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let input = QuestionInput {
        kind: Some(Kind::Single),
        prompt: "¿Qué necesita primero la Región de Ñuble?".into(),
        options: vec!["Agua potable".into(), "Posta de salud".into()],
        ..QuestionInput::default()
    };
    let q = voting::create(&mut store, w.id, &input, at(2, 9)).unwrap();
    let path = db.dir.path().join("papeletas.pdf");
    let written =
        report::write_paper_ballots(&mut store, w.id, q.id, 7, &path, Language::Es, at(2, 9))
            .unwrap();
    assert_eq!(written.pages, 3, "three to a page");
    let text = pdftotext(&path, &["-raw"]);
    let slips: Vec<String> = text
        .lines()
        .filter_map(|l| {
            l.strip_prefix("Papeleta")
                .map(|s| s.trim_start_matches(':').trim().to_string())
        })
        .collect();
    assert_eq!(slips.len(), 7, "{text}");
    assert!(
        text.contains("Región de Ñuble") && text.contains("☐ Posta de salud"),
        "{text}"
    );
    let answer = serde_json::json!({"option": q.options[1].id});
    let key = |store: &mut Store, slip: &str| {
        voting::cast(
            store,
            w.id,
            q.id,
            &Voter::Paper(slip.into()),
            None,
            &answer,
            at(2, 12),
        )
        .map_err(|e| e.code())
    };
    assert!(key(&mut store, &slips[0].to_lowercase()).is_ok());
    assert_eq!(key(&mut store, &slips[0]), Err("paper_keyed_twice"));
    assert_eq!(key(&mut store, "ZZZZZ"), Err("unknown_paper_ballot"));
    assert!(key(&mut store, &slips[6]).is_ok());
    assert_eq!(
        voting::results(&store, &voting::get(&store, q.id).unwrap())
            .unwrap()
            .n(),
        2
    );
}
