//! The report's Stage 3 chapter, read back from real PDFs with poppler: its text
//! with pdftotext, where each word sits with `pdftotext -bbox`, its pages as images
//! with pdftoppm.

use std::path::{Path, PathBuf};

use cabildo_core::actions::{self, commitments, follow_up};
use cabildo_core::ids::WorkshopId;
use cabildo_core::workshop::{self, Language};
use cabildo_core::{Store, actors, demo, locale, report};

use crate::fixtures::{TempDb, at, workshop_input};
use crate::pdf::{flat, pdftotext, save_page};

const LANGUAGES: [Language; 4] = [Language::Es, Language::En, Language::Pt, Language::Fr];

/// The layout's side margin (20 mm) in points.
const MARGIN_PT: f64 = 20.0 * 72.0 / 25.4;

fn stage3(language: Language, key: &str) -> String {
    flat(&locale::text(language, &format!("report.stage3.{key}")))
}

fn write(store: &Store, id: WorkshopId, language: Language, dir: &Path) -> PathBuf {
    let path = dir.join(format!("informe-{language}.pdf"));
    report::write_workshop_pdf(store, id, language, &path, at(2, 10)).unwrap();
    path
}

/// The report's text from the Stage 3 title on, flattened.
fn chapter_text(path: &Path, language: Language) -> String {
    let text = flat(&pdftotext(path, &["-raw"]));
    let title = stage3(language, "title");
    let start = text
        .find(&title)
        .unwrap_or_else(|| panic!("{language}: no {title:?} in {text}"));
    text[start..].to_string()
}

fn attribute(tag: &str, name: &str) -> f64 {
    let from = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let to = from + tag[from..].find('"').unwrap();
    tag[from..to].parse().unwrap()
}

struct Word {
    x_min: f64,
    x_max: f64,
    y_max: f64,
    text: String,
}

struct Page {
    width: f64,
    height: f64,
    words: Vec<Word>,
}

/// Every page with its size and each word's box, from `pdftotext -bbox`.
fn boxes(path: &Path) -> Vec<Page> {
    let html = pdftotext(path, &["-bbox"]);
    let mut pages: Vec<Page> = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(Page {
                width: attribute(line, "width"),
                height: attribute(line, "height"),
                words: Vec::new(),
            });
        } else if line.starts_with("<word ") {
            let text = line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].into();
            pages.last_mut().unwrap().words.push(Word {
                x_min: attribute(line, "xMin"),
                x_max: attribute(line, "xMax"),
                y_max: attribute(line, "yMax"),
                text,
            });
        }
    }
    pages
}

#[test]
fn the_demo_report_has_the_stage_3_chapter_with_every_action_commitment_and_review() {
    let mut store = Store::open_in_memory().unwrap();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let all = actions::actions(&store, id).unwrap();
    let agenda = commitments::of(&store, id).unwrap();
    let reviews = follow_up::board(&store, id, at(2, 10).date_naive())
        .unwrap()
        .reviews;
    let people = actors::list(&store, id).unwrap();
    assert!(all.len() >= 2 && !agenda.is_empty() && !reviews.is_empty());
    let dir = tempfile::tempdir().unwrap();
    for language in LANGUAGES {
        let path = write(&store, id, language, dir.path());
        let text = chapter_text(&path, language);
        for key in [
            "institutions",
            "weak_areas",
            "competences",
            "actors",
            "matrix",
            "plan",
            "follow_up",
            "status",
        ] {
            assert!(
                text.contains(&stage3(language, key)),
                "{language}: {key} missing"
            );
        }
        assert!(text.contains(&flat(&locale::text(language, "report.commitments.title"))));
        for a in &all {
            assert!(text.contains(&flat(&a.title)), "{language}: {}", a.title);
        }
        for c in &agenda {
            assert!(text.contains(&flat(&c.what)), "{language}: {}", c.what);
        }
        for r in &reviews {
            let date = match language {
                Language::En => r.date.format("%Y-%m-%d").to_string(),
                _ => r.date.format("%d/%m/%Y").to_string(),
            };
            assert!(text.contains(&date), "{language}: review on {date}");
            assert!(text.contains(&flat(&r.title)), "{language}: {}", r.title);
        }
        for p in &people {
            assert!(text.contains(&flat(&p.name)), "{language}: {}", p.name);
        }
        assert!(
            !text.contains(&stage3(language, "empty")),
            "{language}: the demo's Stage 3 is not empty"
        );
    }
}

#[test]
fn the_stage_3_pages_keep_every_word_on_the_paper_and_the_matrix_lies_sideways() {
    let mut store = Store::open_in_memory().unwrap();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for language in [Language::Es, Language::En] {
        let path = write(&store, id, language, dir.path());
        let pages = boxes(&path);
        let title = stage3(language, "title");
        let first = (1..=pages.len())
            .find(|&p| {
                let n = p.to_string();
                flat(&pdftotext(&path, &["-raw", "-f", &n, "-l", &n])).contains(&title)
            })
            .unwrap_or_else(|| panic!("{language}: no page has {title:?}"));
        let mut landscape = 0;
        for (i, page) in pages.iter().enumerate().skip(first - 1) {
            let n = i + 1;
            if page.width > page.height {
                landscape += 1;
            }
            for w in &page.words {
                assert!(
                    w.x_max <= page.width - MARGIN_PT + 1.0
                        && w.x_min >= MARGIN_PT - 1.0
                        && w.y_max <= page.height,
                    "{language}, page {n}: {:?} runs off the page ({}–{} of {})",
                    w.text,
                    w.x_min,
                    w.x_max,
                    page.width
                );
            }
            let (png, dark) = save_page(&path, n, &format!("stage3-{language}-{}", n + 1 - first));
            assert!(
                dark > 0.004 && page.words.len() > 5,
                "{language}, page {n} looks blank: {}",
                png.display()
            );
        }
        assert!(landscape >= 1, "{language}: the action matrix is sideways");
        let matrix_page = pages
            .iter()
            .position(|p| p.width > p.height)
            .map(|i| i + 1)
            .unwrap();
        let text = flat(&pdftotext(
            &path,
            &[
                "-raw",
                "-f",
                &matrix_page.to_string(),
                "-l",
                &matrix_page.to_string(),
            ],
        ));
        assert!(text.contains(&stage3(language, "matrix")), "{language}");
        // The pages after the matrix are upright again.
        assert!(pages.last().is_some_and(|p| p.height > p.width));
    }
}

#[test]
fn an_empty_stage_3_is_one_line_and_no_empty_tables() {
    let db = TempDb::new();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    for language in LANGUAGES {
        let path = write(&store, w.id, language, db.dir.path());
        let text = chapter_text(&path, language);
        assert!(
            text.contains(&stage3(language, "empty")),
            "{language}: {text}"
        );
        for heading in ["matrix", "actors", "plan", "follow_up"] {
            assert!(
                !text.contains(&stage3(language, heading)),
                "{language}: {heading} printed for an empty stage"
            );
        }
        let pages = boxes(&path);
        assert!(pages.iter().all(|p| p.height > p.width), "{language}");
    }
}
