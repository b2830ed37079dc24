//! The report's Stage 2 chapter, read back from real PDFs with poppler: its text
//! with pdftotext, its pages as images with pdftoppm.

use std::path::{Path, PathBuf};
use std::process::Command;

use cabildo_core::ids::WorkshopId;
use cabildo_core::prioritization::{self, Origin, SubjectKind};
use cabildo_core::vester::{self, TreePlace};
use cabildo_core::voting::{self, Kind, Voter};
use cabildo_core::workshop::{self, Language};
use cabildo_core::{Store, demo, locale, report};

use crate::fixtures::{TempDb, at, workshop_input};
use crate::pdf::{flat, pages_dir, pdftotext};

const LANGUAGES: [Language; 4] = [Language::Es, Language::En, Language::Pt, Language::Fr];

/// The text in writing order with every run of white space as one space, so a
/// label wrapped inside its table cell or box reads back whole.
fn flat_text(path: &Path) -> String {
    flat(&pdftotext(path, &["-raw"]))
}

fn page_text(path: &Path, page: usize) -> String {
    let n = page.to_string();
    flat(&pdftotext(path, &["-raw", "-f", &n, "-l", &n]))
}

fn stage2(language: Language, key: &str) -> String {
    flat(&locale::text(language, &format!("report.stage2.{key}")))
}

fn write(store: &Store, id: WorkshopId, language: Language, dir: &Path) -> (PathBuf, usize) {
    let path = dir.join(format!("informe-{language}.pdf"));
    let written = report::write_workshop_pdf(store, id, language, &path, at(2, 10)).unwrap();
    (path, written.pages)
}

/// The pages from the Stage 2 title on: it is the report's last chapter.
fn chapter_pages(path: &Path, pages: usize, language: Language) -> Vec<usize> {
    let title = stage2(language, "title");
    let first = (1..=pages)
        .find(|&p| page_text(path, p).contains(&title))
        .unwrap_or_else(|| panic!("{language}: no page has {title:?}"));
    (first..=pages).collect()
}

/// A page rendered in colour: width, height and RGB bytes (pdftoppm's PPM, "P6").
fn pixels(path: &Path, page: usize, dpi: u32) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page");
    let n = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-singlefile", "-f", &n, "-l", &n])
        .arg(path)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(out.with_extension("ppm")).unwrap();
    // "P6\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8(bytes[start..at].to_vec()).unwrap());
    }
    assert_eq!(fields[0], "P6");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let data = bytes[at + 1..].to_vec();
    assert_eq!(data.len(), w * h * 3);
    (w, h, data)
}

fn save_png(path: &Path, page: usize, name: &str) -> PathBuf {
    let out = pages_dir().join(name);
    let n = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-singlefile", "-f", &n, "-l", &n])
        .arg(path)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let png = out.with_extension("png");
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
    png
}

#[test]
fn the_demo_report_has_the_stage_2_chapter_in_every_language() {
    let mut store = Store::open_in_memory().unwrap();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let board = prioritization::board(&store, id).unwrap();
    let reasons = board.decision.as_ref().unwrap().reasons.clone();
    let reasons = flat(&reasons);
    let causes: Vec<String> = vester::matrix(&store, id)
        .unwrap()
        .causes
        .into_iter()
        .map(|c| c.label)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    for language in LANGUAGES {
        let (path, _) = write(&store, id, language, dir.path());
        let text = flat_text(&path);
        let mut expected = vec![
            stage2(language, "title"),
            stage2(language, "vester"),
            stage2(language, "tree"),
            stage2(language, "origin.added"),
            reasons.clone(),
        ];
        expected.extend(
            board
                .candidates
                .iter()
                .map(|c| prioritization::subject_label(language, c.kind, &c.code)),
        );
        expected.extend(causes.iter().cloned());
        for q in ["critical", "active", "passive", "indifferent"] {
            expected.push(stage2(language, &format!("quadrants.{q}")));
        }
        // The room agreed on 5.B, and neither equal weights nor dropping the
        // heaviest criterion changes the first place.
        let first = locale::format(
            language,
            "prioritization.subject_target",
            &[("code", "5.B")],
        );
        expected.push(flat(&locale::format(
            language,
            "report.stage2.equal_holds",
            &[("first", &first)],
        )));
        expected.push(stage2(language, "agreement_level.high"));
        expected.push(stage2(language, "agreement_level.low"));
        // The first place's weighted score, with two decimals in the language's way.
        let best = board.results.ranking.candidates[0].weighted.unwrap();
        let best = format!("{best:.2}");
        expected.push(if language == Language::En {
            best
        } else {
            best.replace('.', ",")
        });
        for e in expected.iter().map(|e| flat(e)) {
            assert!(text.contains(e.as_str()), "{language}: {e:?} missing");
        }
        assert!(!text.contains("report.stage2"), "{language}: a key shows");
    }
}

#[test]
fn the_stage_2_pages_are_drawn_with_the_vester_chart_and_the_problem_tree() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let (path, pages) = write(&store, id, Language::Es, db.dir.path());
    let chapter = chapter_pages(&path, pages, Language::Es);
    let chart = stage2(Language::Es, "chart");
    let chart_page = *chapter
        .iter()
        .find(|&&p| page_text(&path, p).contains(&chart))
        .expect("a page with the chart");
    let tree_page = *chapter
        .iter()
        .find(|&&p| page_text(&path, p).contains(&stage2(Language::Es, "tree")))
        .expect("a page with the tree");
    for (i, &page) in chapter.iter().enumerate() {
        save_png(&path, page, &format!("stage2-{}", i + 1));
        let (w, h, rgb) = pixels(&path, page, 72);
        let dark = rgb.chunks(3).filter(|p| p.iter().all(|&c| c < 160)).count();
        eprintln!("page {page}: {dark} dark of {}", w * h);
        assert!(
            dark * 300 > w * h,
            "page {page} is almost blank: {dark} dark pixels"
        );
    }
    // The chart's six causes are blue dots (Paul Tol's blue, 68/119/170): a blank
    // or text-only page has none of that colour.
    let (_, _, rgb) = pixels(&path, chart_page, 72);
    let blue = rgb
        .chunks(3)
        .filter(|p| {
            (i32::from(p[0]) - 68).abs() < 30
                && (i32::from(p[1]) - 119).abs() < 30
                && (i32::from(p[2]) - 170).abs() < 30
        })
        .count();
    assert!(blue > 6 * 20, "{blue} blue pixels on the chart page");
    let text = page_text(&path, chart_page);
    for expected in [
        stage2(Language::Es, "axis_active"),
        stage2(Language::Es, "axis_passive"),
        stage2(Language::Es, "quadrants.critical"),
        "6,5".to_string(),
    ] {
        assert!(text.contains(&expected), "chart page lacks {expected:?}");
    }
    // The tree's rows, with the moved cause marked.
    let tree = page_text(&path, tree_page);
    for place in ["effect", "problem", "cause", "root", "aside"] {
        let title = stage2(Language::Es, &format!("place.{place}"));
        assert!(tree.contains(&title), "tree lacks {title:?}");
    }
    assert!(tree.contains("6. Poca educación sexual en las escuelas rurales *"));
}

/// A workshop whose Stage 2 was typed by hand, with names in three languages' accents.
fn accented(store: &mut Store) -> WorkshopId {
    let w = workshop::create(store, &workshop_input(), at(2, 9)).unwrap();
    let now = at(3, 9);
    prioritization::start(store, w.id, now).unwrap();
    let maternal =
        prioritization::add_candidate(store, w.id, SubjectKind::Target, "5.A", Origin::Added, now)
            .unwrap();
    let water =
        prioritization::add_candidate(store, w.id, SubjectKind::Goal, "7", Origin::Added, now)
            .unwrap();
    // The room chose the lighter ways: three dots each, then a ranking, on paper.
    let option = |q: &voting::Question, id: cabildo_core::ids::CandidateId| {
        voting::option_id(q.id, &id.to_string()).to_string()
    };
    let dots = prioritization::open_lighter(store, w.id, Kind::Dots, now).unwrap();
    let ranking = prioritization::open_lighter(store, w.id, Kind::Ranking, now).unwrap();
    for (i, (m, d)) in [(3, 0), (2, 1), (1, 2)].into_iter().enumerate() {
        let voter = Voter::Paper(format!("D{i}"));
        let mut given = serde_json::Map::new();
        for (id, count) in [(maternal, m), (water, d)] {
            if count > 0 {
                given.insert(option(&dots, id), count.into());
            }
        }
        let answer = serde_json::json!({ "dots": given });
        voting::cast(store, w.id, dots.id, &voter, None, &answer, now).unwrap();
        let order = if i < 2 {
            [maternal, water]
        } else {
            [water, maternal]
        };
        let answer = serde_json::json!({ "order": order.map(|id| option(&ranking, id)) });
        let voter = Voter::Paper(format!("R{i}"));
        voting::cast(store, w.id, ranking.id, &voter, None, &answer, now).unwrap();
    }
    prioritization::decide(
        store,
        w.id,
        maternal,
        "Región de Ñuble, São Paulo y Haïti comparten el rezago: «parteras» y œuvres sociales.",
        now,
    )
    .unwrap();
    let labels = [
        "Falta de parteras en Haïti",
        "Distancia a la posta en la Región de Ñuble",
        "Migración de jóvenes a São Paulo",
    ];
    let causes: Vec<_> = labels
        .iter()
        .map(|l| vester::add_cause(store, w.id, l, &[], now).unwrap())
        .collect();
    vester::set_influence(store, w.id, causes[1], causes[0], 3, now).unwrap();
    vester::set_influence(store, w.id, causes[2], causes[0], 2, now).unwrap();
    vester::set_place(store, w.id, causes[2], Some(TreePlace::Root), now).unwrap();
    w.id
}

#[test]
fn accented_causes_and_reasons_survive_in_every_language() {
    let mut store = Store::open_in_memory().unwrap();
    let id = accented(&mut store);
    let dir = tempfile::tempdir().unwrap();
    for language in LANGUAGES {
        let (path, _) = write(&store, id, language, dir.path());
        let text = flat_text(&path);
        for expected in [
            "Falta de parteras en Haïti",
            "Distancia a la posta en la Región de Ñuble",
            "Migración de jóvenes a São Paulo",
            "Región de Ñuble, São Paulo y Haïti comparten el rezago: «parteras» y œuvres sociales.",
        ] {
            assert!(text.contains(expected), "{language}: {expected:?} missing");
        }
        // Nobody scored, and only 2 of the 6 cells were filled: said, not hidden.
        assert!(text.contains(&stage2(language, "not_scored")), "{language}");
        // The dots and the ranking: 5.A got 6 of the 9 dots and a Borda score of 2.
        let target = locale::format(
            language,
            "prioritization.subject_target",
            &[("code", "5.A")],
        );
        let lighter = |key: &str| {
            flat(&locale::format(
                language,
                &format!("report.stage2.{key}"),
                &[("n", "3")],
            ))
        };
        assert!(text.contains(&lighter("lighter_dots")), "{language}");
        assert!(text.contains(&lighter("lighter_ranking")), "{language}");
        assert!(text.contains(&format!("{target} 6")), "{language}: dots");
        assert!(
            text.contains(&format!("{target} 2 2")),
            "{language}: ranking"
        );
        let unfilled = flat(&locale::format(
            language,
            "report.stage2.unfilled",
            &[("filled", "2"), ("cells", "6")],
        ));
        assert!(text.contains(&unfilled), "{language}: {unfilled:?}");
    }
}

#[test]
fn an_empty_stage_2_is_one_line_and_no_empty_tables() {
    let db = TempDb::new();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    for language in LANGUAGES {
        let (path, pages) = write(&store, w.id, language, db.dir.path());
        let chapter = chapter_pages(&path, pages, language);
        let text: String = chapter
            .iter()
            .map(|&p| page_text(&path, p))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains(&stage2(language, "empty")),
            "{language}: {text}"
        );
        for heading in [
            "candidates",
            "criteria",
            "scores",
            "decision",
            "vester",
            "tree",
        ] {
            assert!(
                !text.contains(&stage2(language, heading)),
                "{language}: {heading} printed for an empty stage"
            );
        }
    }
}
