//! The workshop's PDF report. `layout` knows pages and fonts; this module knows
//! what a workshop report says and in which order.

pub mod commitments;
pub mod join_card;
pub mod layout;
pub mod paper_ballots;
pub mod stage1;
pub mod stage2;
pub mod stage3;

use std::path::Path;

use chrono::NaiveDate;

use crate::ids::WorkshopId;
use crate::locale;
use crate::participants::{self, Participant};
use crate::store::Store;
use crate::time::Timestamp;
use crate::workshop::{self, Language, Workshop};
use crate::{Error, Result, catalogue};
use layout::{Align, Block, Column, DocumentSpec, Fonts};

pub(crate) const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Written {
    pub path: String,
    pub pages: usize,
    pub bytes: u64,
}

pub(crate) fn date(language: Language, d: NaiveDate) -> String {
    match language {
        Language::En => d.format("%Y-%m-%d").to_string(),
        Language::Es | Language::Pt | Language::Fr => d.format("%d/%m/%Y").to_string(),
    }
}

fn percent(part: u32, total: u32) -> String {
    if total == 0 {
        return "–".into();
    }
    format!("{:.0} %", f64::from(part) * 100.0 / f64::from(total))
}

/// The report's blocks, in reading order; `chapters` (the stages) come after the
/// participants.
pub fn blocks(
    workshop: &Workshop,
    people: &[Participant],
    chapters: Vec<Block>,
    language: Language,
    now: Timestamp,
) -> Vec<Block> {
    let t = |key: &str| locale::text(language, key);
    let mut out = vec![Block::Title(workshop.title.clone())];
    if workshop.is_example {
        out.push(Block::Paragraph(t("report.example_data")));
    }
    let territories = workshop
        .territories
        .iter()
        .map(|x| format!("{} ({})", x.name, t(&format!("level.{}", x.level))))
        .collect::<Vec<_>>()
        .join(", ");
    let mut countries: Vec<String> = Vec::new();
    for x in &workshop.territories {
        let name = catalogue::country(&x.country)
            .map(|c| c.name.get(language).to_string())
            .unwrap_or_else(|| x.country.clone());
        if !countries.contains(&name) {
            countries.push(name);
        }
    }
    out.push(Block::KeyValues(vec![
        (t("report.territories"), territories),
        (t("report.country"), countries.join(", ")),
        (
            t("report.dates"),
            format!(
                "{} – {}",
                date(language, workshop.start_date),
                date(language, workshop.end_date)
            ),
        ),
        (t("report.facilitators"), workshop.facilitators.join(", ")),
    ]));

    if !workshop.agenda.is_empty() {
        out.push(Block::Heading(t("report.agenda")));
        out.push(Block::Table {
            columns: vec![
                Column {
                    title: t("report.agenda"),
                    width: 5.0,
                    align: Align::Left,
                },
                Column {
                    title: t("report.stage"),
                    width: 2.5,
                    align: Align::Left,
                },
                Column {
                    title: t("report.minutes"),
                    width: 1.2,
                    align: Align::Right,
                },
            ],
            rows: workshop
                .agenda
                .iter()
                .map(|a| {
                    vec![
                        a.title.clone(),
                        t(&format!("stage.{}", a.stage)),
                        a.minutes.to_string(),
                    ]
                })
                .collect(),
            inks: Vec::new(),
        });
    }

    let totals = participants::totals_of(workshop, people);
    out.push(Block::Heading(t("report.participants_summary")));
    out.push(Block::KeyValues(vec![(
        t("report.total"),
        totals.total.to_string(),
    )]));
    let count_columns = |first: String| {
        vec![
            Column {
                title: first,
                width: 5.0,
                align: Align::Left,
            },
            Column {
                title: t("report.total"),
                width: 1.2,
                align: Align::Right,
            },
            Column {
                title: "%".into(),
                width: 1.2,
                align: Align::Right,
            },
        ]
    };
    let gender_rows: Vec<(String, u32)> = totals
        .by_gender
        .iter()
        .map(|c| (t(&format!("gender.{}", c.key)), c.count))
        .collect();
    let sector_rows: Vec<(String, u32)> = totals
        .by_sector
        .iter()
        .map(|c| (t(&format!("sector.{}", c.key)), c.count))
        .collect();
    let territory_rows: Vec<(String, u32)> = totals
        .by_territory
        .iter()
        .map(|c| (c.name.clone().unwrap_or_else(|| "–".into()), c.count))
        .collect();
    for (title, rows) in [
        (t("report.by_gender"), gender_rows),
        (t("report.by_sector"), sector_rows),
        (t("report.by_territory"), territory_rows),
    ] {
        out.push(Block::Heading(title.clone()));
        out.push(Block::Table {
            columns: count_columns(title),
            rows: rows
                .iter()
                .map(|(label, n)| vec![label.clone(), n.to_string(), percent(*n, totals.total)])
                .collect(),
            inks: Vec::new(),
        });
        out.push(Block::BarChart {
            rows: rows
                .iter()
                .map(|(label, n)| (label.clone(), f64::from(*n)))
                .collect(),
            unit: String::new(),
        });
    }

    let listed: Vec<&Participant> = people.iter().filter(|p| p.consent_listed).collect();
    out.push(Block::PageBreak);
    out.push(Block::Heading(t("report.participant_list")));
    out.push(Block::Paragraph(locale::format(
        language,
        "report.listed_note",
        &[("hidden", &(people.len() - listed.len()).to_string())],
    )));
    out.push(Block::Table {
        columns: vec![
            Column {
                title: t("report.name"),
                width: 3.0,
                align: Align::Left,
            },
            Column {
                title: t("report.institution"),
                width: 3.2,
                align: Align::Left,
            },
            Column {
                title: t("report.sector"),
                width: 2.2,
                align: Align::Left,
            },
            Column {
                title: t("report.territory"),
                width: 2.2,
                align: Align::Left,
            },
            Column {
                title: t("report.role"),
                width: 2.6,
                align: Align::Left,
            },
        ],
        rows: listed
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    p.institution.clone(),
                    t(&format!("sector.{}", p.sector)),
                    p.territory_id
                        .and_then(|id| workshop.territory(id))
                        .map(|x| x.name.clone())
                        .unwrap_or_default(),
                    p.role.clone(),
                ]
            })
            .collect(),
        inks: Vec::new(),
    });
    out.push(Block::Spacer(6.0));
    out.extend(chapters);
    out.push(Block::Paragraph(locale::format(
        language,
        "report.generated",
        &[("date", &date(language, now.date_naive()))],
    )));
    out
}

/// The report of a workshop as PDF bytes, and its page count.
pub fn workshop_pdf(
    store: &Store,
    id: WorkshopId,
    language: Language,
    now: Timestamp,
) -> Result<layout::Rendered> {
    let workshop = workshop::get(store, id)?;
    let people = participants::list(store, id)?;
    let sheet = crate::indicators::sheet(store, id)?;
    let relevance = crate::relevance::summary_with(store, id, &sheet)?;
    let mut chapters = stage1::blocks(&sheet, &relevance, workshop.is_example, language);
    chapters.extend(stage2::blocks(
        &crate::prioritization::board(store, id)?,
        &crate::vester::matrix(store, id)?,
        language,
    ));
    chapters.extend(stage3::blocks(
        &stage3::gather(store, id, now.date_naive())?,
        language,
    ));
    render_paged(
        format!(
            "{} — {}",
            locale::text(language, "report.title"),
            workshop.title
        ),
        workshop.facilitators.join(", "),
        &blocks(&workshop, &people, chapters, language, now),
        language,
        now.timestamp(),
    )
}

/// A document with "page N of M" at the foot of each page, in the embedded fonts.
pub(crate) fn render_paged(
    title: String,
    author: String,
    blocks: &[Block],
    language: Language,
    now_unix: i64,
) -> Result<layout::Rendered> {
    let spec = DocumentSpec {
        title,
        author,
        created_unix: now_unix,
        footer: Box::new(move |page, pages| {
            locale::format(
                language,
                "report.page",
                &[("page", &page.to_string()), ("pages", &pages.to_string())],
            )
        }),
        landscape: false,
        decimal_comma: language != Language::En,
    };
    layout::render(
        &spec,
        blocks,
        &Fonts {
            regular: REGULAR,
            bold: BOLD,
        },
    )
    .map_err(|e| Error::Pdf {
        detail: e.to_string(),
    })
}

/// A plain document (no footer) in the embedded fonts: the join card, paper ballots.
pub fn render_plain(
    title: String,
    blocks: &[Block],
    language: Language,
    now_unix: i64,
) -> Result<layout::Rendered> {
    render_document(title, blocks, language, now_unix, false)
}

/// A plain document on landscape pages: the Agenda of Commitments, whose table
/// and signatures need the width.
pub fn render_plain_landscape(
    title: String,
    blocks: &[Block],
    language: Language,
    now_unix: i64,
) -> Result<layout::Rendered> {
    render_document(title, blocks, language, now_unix, true)
}

fn render_document(
    title: String,
    blocks: &[Block],
    language: Language,
    now_unix: i64,
    landscape: bool,
) -> Result<layout::Rendered> {
    let spec = DocumentSpec {
        title,
        author: String::new(),
        created_unix: now_unix,
        footer: Box::new(|_, _| String::new()),
        landscape,
        decimal_comma: language != Language::En,
    };
    layout::render(
        &spec,
        blocks,
        &Fonts {
            regular: REGULAR,
            bold: BOLD,
        },
    )
    .map_err(|e| Error::Pdf {
        detail: e.to_string(),
    })
}

/// Writes the join card of a voting session (see `join_card`).
pub fn write_join_card(
    path: &Path,
    title: &str,
    url: &str,
    pin: &str,
    wifi: Option<&join_card::Wifi>,
    language: Language,
    now: Timestamp,
) -> Result<Written> {
    let rendered = join_card::pdf(title, url, pin, wifi, language, now.timestamp())?;
    crate::files::write_atomically(path, &rendered.bytes)?;
    Ok(Written {
        path: path.display().to_string(),
        pages: rendered.pages,
        bytes: rendered.bytes.len() as u64,
    })
}

/// Prints `count` paper ballots for a question, each with a new short id.
/// A question of another workshop is refused with `NotFound`, printing nothing.
pub fn write_paper_ballots(
    store: &mut Store,
    workshop: WorkshopId,
    question: crate::ids::QuestionId,
    count: usize,
    path: &Path,
    language: Language,
    now: Timestamp,
) -> Result<Written> {
    if !(1..=500).contains(&count) {
        return Err(Error::InvalidInput {
            detail: format!("{count} ballots: between 1 and 500"),
        });
    }
    let slips = crate::voting::make_slips(store, workshop, question, count, now)?;
    let q = crate::voting::get(store, question)?;
    let rendered = paper_ballots::pdf(&q, &slips, language, now.timestamp())?;
    crate::files::write_atomically(path, &rendered.bytes)?;
    Ok(Written {
        path: path.display().to_string(),
        pages: rendered.pages,
        bytes: rendered.bytes.len() as u64,
    })
}

/// Writes the Agenda of Commitments of a workshop, to be signed in the room (see
/// `commitments`).
pub fn write_commitments(
    store: &Store,
    id: WorkshopId,
    language: Language,
    path: &Path,
    now: Timestamp,
) -> Result<Written> {
    let rendered = commitments::pdf(store, id, language, now)?;
    crate::files::write_atomically(path, &rendered.bytes)?;
    Ok(Written {
        path: path.display().to_string(),
        pages: rendered.pages,
        bytes: rendered.bytes.len() as u64,
    })
}

pub fn write_workshop_pdf(
    store: &Store,
    id: WorkshopId,
    language: Language,
    path: &Path,
    now: Timestamp,
) -> Result<Written> {
    let rendered = workshop_pdf(store, id, language, now)?;
    crate::files::write_atomically(path, &rendered.bytes)?;
    Ok(Written {
        path: path.display().to_string(),
        pages: rendered.pages,
        bytes: rendered.bytes.len() as u64,
    })
}
