//! The consolidated summary a coordinator prints: the summary line and totals,
//! participants by gender, sector and country, the MDGs the workshops
//! prioritized, then (on landscape pages) every workshop and every commitment,
//! the overdue ones first, in red and with the word that says so.

use std::path::Path;

use chrono::NaiveDate;

use super::{
    CommitmentRow, Filter, Totals, WorkshopRow, commitments, country_matches, country_name,
    summary_line, totals, workshops,
};
use crate::prioritization::{SubjectKind, subject_label};
use crate::report::layout::{self, Align, Block, Column, Ink};
use crate::report::{self, Written, date};
use crate::spreadsheet::fold;
use crate::store::Store;
use crate::time::Timestamp;
use crate::workshop::Language;
use crate::{Result, files, locale};

/// The red of the workshop report's alerts (overdue actions, missed checkpoints).
const ALERT: Ink = Ink::Rgb(0.75, 0.1, 0.1);

fn t(language: Language, key: &str) -> String {
    locale::text(language, &format!("report.coordinator.{key}"))
}

fn column(title: String, width: f32, align: Align) -> Column {
    Column {
        title,
        width,
        align,
    }
}

fn countries(language: Language, codes: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    codes
        .into_iter()
        .map(|c| country_name(language, c.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "ODM 5" / "Meta 5.B": short, for a table cell.
fn prioritized(language: Language, code: Option<&str>) -> String {
    match code {
        None => "–".into(),
        Some(code) => {
            let key = if code.contains('.') {
                "prioritization.subject_target"
            } else {
                "prioritization.subject_goal"
            };
            locale::format(language, key, &[("code", code)])
        }
    }
}

fn filter_lines(filter: &Filter, language: Language) -> Vec<(String, String)> {
    fn text(s: &Option<String>) -> Option<&str> {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let mut out = Vec::new();
    if let Some(c) = text(&filter.country) {
        let wanted = fold(c);
        let name = crate::catalogue::countries()
            .iter()
            .find(|k| country_matches(&k.code, &wanted))
            .map_or_else(|| c.to_string(), |k| k.name.get(language).to_string());
        out.push((t(language, "filter.country"), name));
    }
    if let Some(m) = text(&filter.municipality) {
        out.push((t(language, "filter.municipality"), m.to_string()));
    }
    if let Some(d) = filter.from {
        out.push((t(language, "filter.from"), date(language, d)));
    }
    if let Some(d) = filter.to {
        out.push((t(language, "filter.to"), date(language, d)));
    }
    if let Some(g) = filter.goal {
        out.push((
            t(language, "filter.goal"),
            subject_label(language, SubjectKind::Goal, &g.to_string()),
        ));
    }
    if let Some(f) = text(&filter.facilitator) {
        out.push((t(language, "filter.facilitator"), f.to_string()));
    }
    out
}

fn status_cell(language: Language, c: &CommitmentRow) -> String {
    let mut cell = String::new();
    if let Some(days) = c.days_overdue.filter(|_| c.overdue) {
        cell.push_str(&t(language, "overdue_word"));
        cell.push('\n');
        let key = if days == 1 {
            "days_overdue_one"
        } else {
            "days_overdue"
        };
        cell.push_str(&locale::format(
            language,
            &format!("report.coordinator.{key}"),
            &[("n", &days.to_string())],
        ));
        cell.push('\n');
    }
    match c.status {
        Some(s) => {
            cell.push_str(&locale::text(
                language,
                &format!("tables.values.status.{s}"),
            ));
            if let Some(p) = c.percent {
                cell.push_str(&format!(" ({p}\u{a0}%)"));
            }
        }
        None if c.action.is_some() => cell.push_str(&t(language, "no_status")),
        None => cell.push_str(&t(language, "no_action")),
    }
    cell
}

/// The document's blocks.
fn blocks(
    filter: &Filter,
    sums: &Totals,
    list: &[WorkshopRow],
    agenda: &[CommitmentRow],
    language: Language,
    today: NaiveDate,
) -> Vec<Block> {
    let tt = |key: &str| t(language, key);
    let mut out = vec![
        Block::Title(tt("title")),
        Block::Paragraph(summary_line(language, sums)),
    ];
    let filters = filter_lines(filter, language);
    if filters.is_empty() {
        out.push(Block::Paragraph(tt("all_workshops")));
    } else {
        out.push(Block::Paragraph(tt("filtered")));
        out.push(Block::KeyValues(filters));
    }
    out.push(Block::Heading(tt("totals")));
    out.push(Block::KeyValues(vec![
        (tt("workshops"), sums.workshops.to_string()),
        (tt("municipalities"), sums.municipalities.to_string()),
        (tt("countries"), sums.countries.to_string()),
        (tt("participants"), sums.participants.to_string()),
        (tt("commitments"), sums.commitments.to_string()),
        (
            tt("overdue"),
            locale::format(
                language,
                "report.coordinator.overdue_as_of",
                &[
                    ("n", &sums.overdue.to_string()),
                    ("date", &date(language, today)),
                ],
            ),
        ),
    ]));
    let generated = Block::Paragraph(locale::format(
        language,
        "report.generated",
        &[("date", &date(language, today))],
    ));
    if list.is_empty() {
        out.push(Block::Paragraph(tt("no_workshops")));
        out.push(generated);
        return out;
    }

    // Bars of a closed vocabulary, each named in the language.
    let bars = |kind: &str, counts: Vec<(String, u32)>| Block::BarChart {
        rows: counts
            .into_iter()
            .map(|(code, n)| {
                (
                    locale::text(language, &format!("{kind}.{code}")),
                    f64::from(n),
                )
            })
            .collect(),
        unit: String::new(),
    };
    out.push(Block::Heading(tt("by_gender")));
    out.push(bars(
        "gender",
        sums.by_gender
            .iter()
            .map(|(g, n)| (g.to_string(), *n))
            .collect(),
    ));
    out.push(Block::Heading(tt("by_sector")));
    out.push(bars(
        "sector",
        sums.by_sector
            .iter()
            .map(|(s, n)| (s.to_string(), *n))
            .collect(),
    ));

    out.push(Block::Heading(tt("by_country")));
    // Widths in millimetres of a portrait page, wide enough for the longest
    // one-word header of the four languages ("Municipalities").
    let right = |key: &str, mm: f32| column(tt(key), mm, Align::Right);
    out.push(Block::Table {
        columns: vec![
            column(tt("country"), 39.0, Align::Left),
            right("workshops", 25.5),
            right("municipalities", 31.5),
            right("participants", 30.5),
            right("women", 21.5),
            right("men", 21.0),
        ],
        rows: sums
            .by_country
            .iter()
            .map(|c| {
                vec![
                    country_name(language, &c.country),
                    c.workshops.to_string(),
                    c.municipalities.to_string(),
                    c.participants.to_string(),
                    c.women.to_string(),
                    c.men.to_string(),
                ]
            })
            .collect(),
        inks: Vec::new(),
    });
    out.push(Block::BarChart {
        rows: sums
            .by_country
            .iter()
            .map(|c| {
                (
                    country_name(language, &c.country),
                    f64::from(c.participants),
                )
            })
            .collect(),
        unit: String::new(),
    });

    out.push(Block::Heading(tt("goals")));
    out.push(Block::Paragraph(tt("goals_intro")));
    out.push(Block::BarChart {
        rows: sums
            .goals
            .iter()
            .map(|(g, n)| {
                (
                    subject_label(language, SubjectKind::Goal, &g.to_string()),
                    f64::from(*n),
                )
            })
            .collect(),
        unit: String::new(),
    });

    let mut wide = vec![
        Block::Heading(tt("workshop_list")),
        Block::Table {
            // Millimetres of a landscape page; the numbers' one-word headers
            // ("Compromissos", "Participantes") fit unbroken.
            columns: vec![
                column(tt("workshop_and_facilitators"), 42.0, Align::Left),
                column(tt("start"), 24.0, Align::Left),
                column(tt("country"), 22.0, Align::Left),
                column(tt("territories"), 38.0, Align::Left),
                column(tt("participants"), 30.5, Align::Right),
                column(tt("prioritized"), 24.5, Align::Left),
                column(tt("actions"), 21.0, Align::Right),
                column(tt("commitments"), 33.0, Align::Right),
                column(tt("overdue_short"), 23.5, Align::Right),
            ],
            rows: list
                .iter()
                .map(|w| {
                    let mut workshop = w.title.clone();
                    if !w.facilitators.is_empty() {
                        workshop.push('\n');
                        workshop.push_str(&w.facilitators.join(", "));
                    }
                    vec![
                        workshop,
                        date(language, w.start_date),
                        countries(language, &w.countries),
                        w.territories.join(", "),
                        w.participants.to_string(),
                        prioritized(language, w.prioritized.as_deref()),
                        w.actions.to_string(),
                        w.commitments.to_string(),
                        w.overdue.to_string(),
                    ]
                })
                .collect(),
            inks: list
                .iter()
                .map(|w| {
                    let mut row = vec![None; 8];
                    row.push((w.overdue > 0).then_some(ALERT));
                    row
                })
                .collect(),
        },
        Block::Heading(tt("commitment_list")),
    ];
    if agenda.is_empty() {
        wide.push(Block::Paragraph(tt("no_commitments")));
    } else {
        wide.push(Block::Paragraph(locale::format(
            language,
            "report.coordinator.commitments_intro",
            &[("date", &date(language, today))],
        )));
        let columns = vec![
            column(tt("status"), 30.0, Align::Left),
            column(tt("due"), 24.5, Align::Left),
            column(tt("who"), 38.0, Align::Left),
            column(tt("what"), 55.0, Align::Left),
            column(tt("action"), 36.0, Align::Left),
            column(tt("workshop"), 45.0, Align::Left),
            column(tt("country"), 28.0, Align::Left),
        ];
        let width = columns.len();
        wide.push(Block::Table {
            columns,
            rows: agenda
                .iter()
                .map(|c| {
                    let who = if c.institution.is_empty() {
                        c.who.clone()
                    } else {
                        format!("{}\n{}", c.who, c.institution)
                    };
                    let workshop = if c.municipality.is_empty() {
                        c.workshop.clone()
                    } else {
                        format!("{}\n{}", c.workshop, c.municipality)
                    };
                    vec![
                        status_cell(language, c),
                        c.due_date.map_or_else(|| "–".into(), |d| date(language, d)),
                        who,
                        c.what.clone(),
                        c.action.clone().unwrap_or_else(|| "–".into()),
                        workshop,
                        countries(language, c.country.split(", ")),
                    ]
                })
                .collect(),
            inks: agenda
                .iter()
                .map(|c| vec![c.overdue.then_some(ALERT); width])
                .collect(),
        });
    }
    // Inside the landscape pages: after them it would stand alone on a page.
    wide.push(generated);
    out.push(Block::Landscape(wide));
    out
}

/// The consolidated summary of the workshops the filter keeps, as they stand on
/// `now`'s date.
pub fn summary_pdf(
    store: &Store,
    filter: &Filter,
    language: Language,
    now: Timestamp,
) -> Result<layout::Rendered> {
    let today = now.date_naive();
    let sums = totals(store, filter, today)?;
    let list = workshops(store, filter, today)?;
    let agenda = commitments(store, filter, today)?;
    let content = blocks(filter, &sums, &list, &agenda, language, today);
    report::render_paged(
        t(language, "title"),
        String::new(),
        &content,
        language,
        now.timestamp(),
    )
}

pub fn write_summary_pdf(
    store: &Store,
    filter: &Filter,
    language: Language,
    path: &Path,
    now: Timestamp,
) -> Result<Written> {
    let rendered = summary_pdf(store, filter, language, now)?;
    files::write_atomically(path, &rendered.bytes)?;
    Ok(Written {
        path: path.display().to_string(),
        pages: rendered.pages,
        bytes: rendered.bytes.len() as u64,
    })
}
