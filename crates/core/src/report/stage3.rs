//! The report's Stage 3 chapter: the institutional analysis (areas, the weak ones
//! and the actions that address them, competences by target and level), the actor
//! map, the action matrix on landscape pages, the Management Plan's totals, the
//! Agenda of Commitments and the Follow-Up Program with each action's latest
//! recorded status.

use chrono::NaiveDate;

use crate::actions::commitments::{self, Commitment};
use crate::actions::follow_up::{self, CheckpointState, ProgramEntry};
use crate::actions::plan::{self, Plan};
use crate::actions::{self, Action};
use crate::actors::{self, Actor};
use crate::ids::WorkshopId;
use crate::institutions::{self, Analysis, Area};
use crate::store::Store;
use crate::workshop::Language;
use crate::{Result, locale};

use super::layout::{Align, Block, Column, Ink};
use super::stage1::number;

/// Overdue actions and missed checkpoints stand out in the same red as the screens.
const ALERT: Ink = Ink::Rgb(0.75, 0.1, 0.1);

/// What the chapter reads, gathered once.
pub struct Stage3 {
    pub analysis: Analysis,
    pub actors: Vec<Actor>,
    pub lines: Vec<actions::Line>,
    pub actions: Vec<Action>,
    pub plan: Plan,
    pub agenda: Vec<Commitment>,
    pub follow_up: follow_up::Board,
}

/// The follow-up states as they stand on `today`.
pub fn gather(store: &Store, id: WorkshopId, today: NaiveDate) -> Result<Stage3> {
    let lines = actions::lines(store, id)?;
    let all = actions::actions(store, id)?;
    Ok(Stage3 {
        analysis: institutions::board(store, id)?,
        actors: actors::list(store, id)?,
        plan: plan::plan(&lines, &all),
        lines,
        actions: all,
        agenda: commitments::of(store, id)?,
        follow_up: follow_up::board(store, id, today)?,
    })
}

impl Stage3 {
    /// Nothing was recorded: areas start unrated, so only ratings count.
    fn is_empty(&self) -> bool {
        self.lines.is_empty()
            && self.actions.is_empty()
            && self.actors.is_empty()
            && self.agenda.is_empty()
            && self.follow_up.program.is_empty()
            && self
                .analysis
                .areas
                .iter()
                .all(|a| a.area.capacity.is_none())
            && self
                .analysis
                .targets
                .iter()
                .all(|t| t.competences.is_empty())
    }
}

fn t(language: Language, key: &str) -> String {
    locale::text(language, &format!("report.stage3.{key}"))
}

fn tables(language: Language, key: &str) -> String {
    locale::text(language, &format!("tables.{key}"))
}

fn column(title: String, width: f32, align: Align) -> Column {
    Column {
        title,
        width,
        align,
    }
}

fn left(title: String, width: f32) -> Column {
    column(title, width, Align::Left)
}

fn date(language: Language, d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "–".into(), |d| super::date(language, d))
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "–".into()
    } else {
        s.to_string()
    }
}

/// An amount with its thousands grouped as the language writes them, and its
/// currency code after it.
fn money(language: Language, amount: f64, currency: Option<&str>) -> String {
    let (group, decimal) = match language {
        Language::En => (',', '.'),
        Language::Es | Language::Pt => ('.', ','),
        // French groups with a narrow no-break space, which also keeps the figure whole.
        Language::Fr => ('\u{202f}', ','),
    };
    let cents = (amount.abs() * 100.0).round() as u64;
    let digits = (cents / 100).to_string();
    let mut whole = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            whole.push(group);
        }
        whole.push(c);
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let fraction = if cents % 100 == 0 {
        String::new()
    } else {
        format!("{decimal}{:02}", cents % 100)
    };
    match currency {
        Some(code) => format!("{sign}{whole}{fraction}\u{a0}{code}"),
        None => format!("{sign}{whole}{fraction}"),
    }
}

/// A default area is named in the report's language; the facilitator's own
/// wording is kept as typed.
fn area_label(language: Language, area: &Area) -> String {
    match area.key {
        Some(key) if !area.custom => locale::text(language, &format!("institutions.area.{key}")),
        _ => area.label.clone(),
    }
}

fn areas_blocks(language: Language, s: &Stage3, out: &mut Vec<Block>) {
    out.push(Block::Heading(t(language, "institutions")));
    if s.analysis.areas.is_empty() {
        out.push(Block::Paragraph(t(language, "no_areas")));
    } else {
        let weak: Vec<Vec<Option<Ink>>> = s
            .analysis
            .areas
            .iter()
            .map(|a| vec![None, a.needs_strengthening.then_some(ALERT)])
            .collect();
        out.push(Block::Table {
            columns: vec![
                left(tables(language, "areas.area"), 2.8),
                column(tables(language, "areas.capacity"), 1.8, Align::Right),
                left(tables(language, "areas.gaps"), 3.8),
                left(tables(language, "areas.actions"), 3.4),
            ],
            rows: s
                .analysis
                .areas
                .iter()
                .map(|a| {
                    vec![
                        area_label(language, &a.area),
                        a.area
                            .capacity
                            .map_or_else(|| "–".into(), |c| c.to_string()),
                        or_dash(&a.area.gaps),
                        if a.actions.is_empty() {
                            "–".into()
                        } else {
                            a.actions
                                .iter()
                                .map(|x| x.title.as_str())
                                .collect::<Vec<_>>()
                                .join("; ")
                        },
                    ]
                })
                .collect(),
            inks: weak,
        });
    }

    out.push(Block::Heading(t(language, "weak_areas")));
    let weak: Vec<_> = s
        .analysis
        .areas
        .iter()
        .filter(|a| a.needs_strengthening)
        .collect();
    if weak.is_empty() {
        out.push(Block::Paragraph(t(language, "no_weak_areas")));
    } else {
        out.push(Block::Paragraph(locale::format(
            language,
            "report.stage3.weak_intro",
            &[("n", &institutions::WEAK_CAPACITY.to_string())],
        )));
        out.push(Block::KeyValues(
            weak.iter()
                .map(|a| {
                    let label = format!(
                        "{} ({}/5)",
                        area_label(language, &a.area),
                        a.area.capacity.unwrap_or_default()
                    );
                    let actions = if a.actions.is_empty() {
                        t(language, "unaddressed")
                    } else {
                        a.actions
                            .iter()
                            .map(|x| x.title.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    (label, actions)
                })
                .collect(),
        ));
    }

    out.push(Block::Heading(t(language, "competences")));
    if s.analysis.targets.is_empty() {
        out.push(Block::Paragraph(t(language, "no_targets")));
        return;
    }
    let mut rows = Vec::new();
    for target in &s.analysis.targets {
        let name = format!("{} {}", target.code, target.title.get(language));
        if target.competences.is_empty() {
            rows.push(vec![name.clone(), "–".into(), "–".into(), "–".into()]);
        }
        for (i, c) in target.competences.iter().enumerate() {
            rows.push(vec![
                if i == 0 { name.clone() } else { String::new() },
                tables(language, &format!("values.level.{}", c.level)),
                or_dash(&c.unit),
                or_dash(&c.notes),
            ]);
        }
    }
    out.push(Block::Table {
        columns: vec![
            left(tables(language, "competences.target"), 3.6),
            left(tables(language, "competences.level"), 1.8),
            left(tables(language, "competences.unit"), 2.8),
            left(tables(language, "competences.notes"), 3.6),
        ],
        rows,
        inks: Vec::new(),
    });
}

fn actors_blocks(language: Language, s: &Stage3, out: &mut Vec<Block>) {
    out.push(Block::Heading(t(language, "actors")));
    if s.actors.is_empty() {
        out.push(Block::Paragraph(t(language, "no_actors")));
        return;
    }
    let scale = |v: Option<u8>| v.map_or_else(|| "–".into(), |v| v.to_string());
    out.push(Block::Table {
        columns: vec![
            column(t(language, "number"), 0.8, Align::Right),
            left(t(language, "actor"), 3.2),
            left(tables(language, "actors.type"), 2.2),
            left(tables(language, "actors.stance"), 1.6),
            column(tables(language, "actors.power"), 1.3, Align::Right),
            column(tables(language, "actors.interest"), 1.3, Align::Right),
            left(tables(language, "actors.engagement"), 2.0),
        ],
        rows: s
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    a.name.clone(),
                    tables(language, &format!("values.actor_type.{}", a.kind)),
                    a.stance.map_or_else(
                        || "–".into(),
                        |x| tables(language, &format!("values.stance.{x}")),
                    ),
                    scale(a.power),
                    scale(a.interest),
                    a.engagement.map_or_else(
                        || "–".into(),
                        |x| tables(language, &format!("values.engagement.{x}")),
                    ),
                ]
            })
            .collect(),
        inks: Vec::new(),
    });
}

/// The indicator with its unit, then baseline → target with their dates.
fn indicator(language: Language, a: &Action) -> String {
    let value = |v: Option<f64>, d: Option<NaiveDate>| match (v, d) {
        (Some(v), Some(d)) => format!("{} ({})", number(language, v), super::date(language, d)),
        (Some(v), None) => number(language, v),
        (None, _) => "–".into(),
    };
    let name = match (a.indicator_name.trim(), a.indicator_unit.trim()) {
        ("", _) => "–".to_string(),
        (name, "") => name.to_string(),
        (name, unit) => format!("{name} ({unit})"),
    };
    format!(
        "{name}\n{} → {}",
        value(a.baseline_value, a.baseline_date),
        value(a.target_value, a.target_date)
    )
}

fn matrix_blocks(language: Language, s: &Stage3, out: &mut Vec<Block>) {
    let actor_name = |id| s.actors.iter().find(|x| x.id == id).map(|x| x.name.clone());
    let area_name = |id| {
        s.analysis
            .areas
            .iter()
            .find(|x| x.area.id == id)
            .map(|x| area_label(language, &x.area))
    };
    let mut section = vec![Block::Heading(t(language, "matrix"))];
    if s.actions.is_empty() {
        section.push(Block::Paragraph(t(language, "no_actions")));
    }
    // Weights in millimetres of the 257 mm a landscape page has: the longest word
    // of each column's header and of a date or an amount fits its column.
    let columns = || {
        vec![
            column(t(language, "number"), 10.0, Align::Right),
            left(tables(language, "actions.title"), 36.0),
            left(tables(language, "actions.indicator"), 33.0),
            left(tables(language, "actions.responsible"), 30.0),
            left(tables(language, "actions.partners"), 29.0),
            left(t(language, "dates"), 28.0),
            left(t(language, "resources"), 33.0),
            left(tables(language, "actions.area"), 25.0),
            left(tables(language, "actions.risks"), 31.0),
        ]
    };
    let mut n = 0;
    for line in &s.lines {
        let of_line: Vec<&Action> = s.actions.iter().filter(|a| a.line == line.id).collect();
        section.push(Block::Heading(line.title.clone()));
        if of_line.is_empty() {
            section.push(Block::Paragraph(t(language, "line_without_actions")));
            continue;
        }
        let mut rows = Vec::new();
        let mut inks = Vec::new();
        for a in of_line {
            n += 1;
            let partners = a
                .partners
                .iter()
                .filter_map(|p| {
                    actor_name(p.actor).map(|name| match p.role.trim() {
                        "" => name,
                        role => format!("{name} ({role})"),
                    })
                })
                .collect::<Vec<_>>();
            let scale = |v: Option<u8>| v.map_or_else(|| "–".into(), |v| v.to_string());
            let mut title = a.title.clone();
            if !a.goal.trim().is_empty() {
                title.push('\n');
                title.push_str(a.goal.trim());
            }
            if a.impact.is_some() || a.feasibility.is_some() {
                title.push('\n');
                title.push_str(&locale::format(
                    language,
                    "report.stage3.impact_feasibility",
                    &[
                        ("impact", &scale(a.impact)),
                        ("feasibility", &scale(a.feasibility)),
                    ],
                ));
            }
            let amount = a
                .amount
                .map_or_else(|| "–".into(), |v| money(language, v, a.currency.as_deref()));
            inks.push(vec![
                None,
                None,
                None,
                a.responsible_unit.trim().is_empty().then_some(ALERT),
            ]);
            rows.push(vec![
                n.to_string(),
                title,
                indicator(language, a),
                if a.responsible_unit.trim().is_empty() {
                    t(language, "responsible_missing")
                } else {
                    a.responsible_unit.clone()
                },
                if partners.is_empty() {
                    "–".into()
                } else {
                    partners.join("; ")
                },
                format!(
                    "{} –\n{}",
                    date(language, a.start_date),
                    date(language, a.end_date)
                ),
                match a.funding_source.trim() {
                    "" => amount,
                    source => format!("{amount}\n{source}"),
                },
                a.area.and_then(area_name).unwrap_or_else(|| "–".into()),
                or_dash(&a.risks),
            ]);
        }
        section.push(Block::Table {
            columns: columns(),
            rows,
            inks,
        });
    }
    out.push(Block::Landscape(section));
}

fn plan_blocks(language: Language, s: &Stage3, out: &mut Vec<Block>) {
    out.push(Block::Heading(t(language, "plan")));
    if s.plan.lines.iter().all(|l| l.actions.is_empty()) {
        out.push(Block::Paragraph(t(language, "no_actions")));
        return;
    }
    let totals = |list: &[plan::Money]| {
        if list.is_empty() {
            "–".into()
        } else {
            list.iter()
                .map(|m| money(language, m.amount, m.currency.as_deref()))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let span = |x: Option<plan::Span>| {
        x.map_or_else(
            || "–".into(),
            |x| {
                format!(
                    "{} – {}",
                    super::date(language, x.start),
                    super::date(language, x.end)
                )
            },
        )
    };
    out.push(Block::Table {
        columns: vec![
            left(tables(language, "plan.line"), 4.0),
            column(t(language, "actions_count"), 1.2, Align::Right),
            left(t(language, "period"), 3.0),
            column(tables(language, "plan.line_total"), 2.6, Align::Right),
        ],
        rows: s
            .plan
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.title.clone(),
                    l.actions.len().to_string(),
                    span(l.span),
                    totals(&l.totals),
                ]
            })
            .collect(),
        inks: Vec::new(),
    });
    out.push(Block::KeyValues(vec![
        (t(language, "period"), span(s.plan.span)),
        (tables(language, "plan.total"), totals(&s.plan.by_currency)),
    ]));

    out.push(Block::Heading(tables(language, "plan.by_source")));
    out.push(Block::Table {
        columns: vec![
            left(tables(language, "plan.source"), 4.0),
            column(t(language, "actions_count"), 1.2, Align::Right),
            column(tables(language, "plan.amount"), 3.0, Align::Right),
        ],
        rows: s
            .plan
            .by_source
            .iter()
            .map(|x| {
                vec![
                    if x.source.is_empty() {
                        tables(language, "plan.no_source")
                    } else {
                        x.source.clone()
                    },
                    x.actions.to_string(),
                    money(language, x.amount, x.currency.as_deref()),
                ]
            })
            .collect(),
        inks: Vec::new(),
    });

    if !s.plan.responsibilities.is_empty() {
        out.push(Block::Heading(t(language, "responsibilities")));
        let title = |id| {
            s.actions
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.title.as_str())
        };
        out.push(Block::Table {
            columns: vec![
                left(tables(language, "plan.responsible"), 3.0),
                left(tables(language, "plan.action"), 7.0),
            ],
            rows: s
                .plan
                .responsibilities
                .iter()
                .map(|r| {
                    vec![
                        r.unit.clone(),
                        r.actions
                            .iter()
                            .filter_map(|id| title(*id))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ]
                })
                .collect(),
            inks: Vec::new(),
        });
    }
}

fn commitments_blocks(language: Language, s: &Stage3, out: &mut Vec<Block>) {
    let c = |key: &str| locale::text(language, &format!("report.commitments.{key}"));
    out.push(Block::Heading(c("title")));
    if s.agenda.is_empty() {
        out.push(Block::Paragraph(c("none")));
        return;
    }
    out.push(Block::Table {
        columns: vec![
            column(c("number"), 0.6, Align::Right),
            left(c("who"), 2.2),
            left(c("institution"), 2.4),
            left(c("what"), 3.8),
            left(c("due"), 2.2),
            left(c("action"), 2.6),
        ],
        rows: s
            .agenda
            .iter()
            .enumerate()
            .map(|(i, x)| {
                vec![
                    (i + 1).to_string(),
                    x.who.clone(),
                    or_dash(&x.institution),
                    x.what.clone(),
                    date(language, x.due),
                    x.action_title.clone().unwrap_or_else(|| "–".into()),
                ]
            })
            .collect(),
        inks: Vec::new(),
    });
}

fn follow_up_blocks(language: Language, s: &Stage3, out: &mut Vec<Block>) {
    let board = &s.follow_up;
    out.push(Block::Heading(t(language, "follow_up")));
    if board.program.is_empty() {
        out.push(Block::Paragraph(t(language, "no_program")));
    } else {
        let mut rows = Vec::new();
        let mut inks = Vec::new();
        for entry in &board.program {
            match entry {
                ProgramEntry::Review { review, date, .. } => {
                    let r = board.reviews.iter().find(|r| r.id == *review);
                    let title = r.map(|r| r.title.clone()).unwrap_or_default();
                    let notes = r.map(|r| r.notes.trim()).unwrap_or_default();
                    rows.push(vec![
                        super::date(language, *date),
                        tables(language, "values.entry.review"),
                        if notes.is_empty() {
                            title
                        } else {
                            format!("{title}\n{notes}")
                        },
                        "–".into(),
                        "–".into(),
                    ]);
                    inks.push(Vec::new());
                }
                ProgramEntry::Checkpoint {
                    checkpoint,
                    date,
                    action_title,
                    indicator,
                    unit,
                    expected,
                    ..
                } => {
                    let status = board
                        .state
                        .checkpoints
                        .iter()
                        .find(|c| c.checkpoint.id == *checkpoint);
                    let value = |v: f64| match unit.trim() {
                        "" => number(language, v),
                        unit => format!("{} {unit}", number(language, v)),
                    };
                    let state = status.map_or_else(
                        || "–".into(),
                        |c| {
                            let word = tables(language, &format!("values.checkpoint.{}", c.state));
                            match &c.reading {
                                Some(r) => format!("{word}: {}", value(r.value)),
                                None => word,
                            }
                        },
                    );
                    let missed = status.is_some_and(|c| c.state == CheckpointState::Missed);
                    rows.push(vec![
                        super::date(language, *date),
                        tables(language, "values.entry.checkpoint"),
                        format!("{action_title}\n{indicator}"),
                        value(*expected),
                        state,
                    ]);
                    inks.push(vec![None, None, None, None, missed.then_some(ALERT)]);
                }
            }
        }
        out.push(Block::Table {
            columns: vec![
                left(tables(language, "follow_up.date"), 2.1),
                left(tables(language, "follow_up.kind"), 1.9),
                left(tables(language, "follow_up.title"), 4.0),
                column(tables(language, "follow_up.expected"), 1.7, Align::Right),
                left(tables(language, "follow_up.state"), 2.2),
            ],
            rows,
            inks,
        });
    }

    out.push(Block::Heading(t(language, "status")));
    if board.state.actions.is_empty() {
        out.push(Block::Paragraph(t(language, "no_actions")));
        return;
    }
    out.push(Block::Paragraph(locale::format(
        language,
        "report.stage3.status_as_of",
        &[("date", &super::date(language, board.state.today))],
    )));
    let mut inks = Vec::new();
    let rows = board
        .state
        .actions
        .iter()
        .map(|a| {
            let mut status = tables(language, &format!("values.status.{}", a.status));
            if let Some(p) = a.percent {
                status.push_str(&format!(" ({p}\u{a0}%)"));
            }
            if a.overdue {
                status.push('\n');
                status.push_str(&t(language, "overdue"));
            }
            inks.push(vec![None, a.overdue.then_some(ALERT)]);
            vec![
                a.title.clone(),
                status,
                date(language, a.latest.as_ref().map(|u| u.session_date)),
                a.latest
                    .as_ref()
                    .map_or_else(|| "–".into(), |u| or_dash(&u.comment)),
            ]
        })
        .collect();
    out.push(Block::Table {
        columns: vec![
            left(tables(language, "status_history.action"), 3.6),
            left(tables(language, "status_history.status"), 2.2),
            left(tables(language, "status_history.date"), 2.1),
            left(tables(language, "status_history.comment"), 3.5),
        ],
        rows,
        inks,
    });
}

/// The chapter's blocks; the action matrix goes on landscape pages of its own.
pub fn blocks(s: &Stage3, language: Language) -> Vec<Block> {
    let mut out = vec![Block::PageBreak, Block::Heading(t(language, "title"))];
    if s.is_empty() {
        out.push(Block::Paragraph(t(language, "empty")));
        return out;
    }
    areas_blocks(language, s, &mut out);
    actors_blocks(language, s, &mut out);
    matrix_blocks(language, s, &mut out);
    plan_blocks(language, s, &mut out);
    commitments_blocks(language, s, &mut out);
    follow_up_blocks(language, s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_as_each_language_writes_them() {
        assert_eq!(
            money(Language::Es, 12_500_000.0, Some("CLP")),
            "12.500.000\u{a0}CLP"
        );
        assert_eq!(
            money(Language::En, 1_234.5, Some("USD")),
            "1,234.50\u{a0}USD"
        );
        assert_eq!(money(Language::Fr, 999.0, None), "999");
        assert_eq!(money(Language::Pt, -1_000.0, None), "-1.000");
    }
}
