//! The report's Stage 2 chapter: the candidates and why the diagnostic proposed
//! them, the criteria and their weights, the room's scores and how much it agreed,
//! the decision and its reasons; then the Vester matrix of the chosen problem's
//! causes, its chart, its quadrants and the problem tree that follows from them.

use chrono::NaiveDate;

use crate::locale;
use crate::prioritization::{
    Board, Candidate, Criterion, SubjectKind, WeightMethod, ahp, ranking::Scenario,
};
use crate::vester::{Matrix, Quadrant, TreePlace};
use crate::voting::{self, Kind, Tally};
use crate::workshop::Language;

use super::layout::{Align, Band, Block, Column, Scatter};
use super::stage1::{number, shape};

const QUADRANTS: [Quadrant; 4] = [
    Quadrant::Critical,
    Quadrant::Active,
    Quadrant::Passive,
    Quadrant::Indifferent,
];

fn t(language: Language, key: &str) -> String {
    locale::text(language, &format!("report.stage2.{key}"))
}

fn column(title: String, width: f32, align: Align) -> Column {
    Column {
        title,
        width,
        align,
    }
}

/// A score with two decimals, as the language writes it: the ranking is read by
/// its second decimal (ties are closer than 0.005).
fn fixed(language: Language, v: f64) -> String {
    let text = format!("{v:.2}");
    match language {
        Language::En => text,
        Language::Es | Language::Pt | Language::Fr => text.replace('.', ","),
    }
}

fn percent(language: Language, share: f64) -> String {
    // A no-break space keeps "25 %" on one line.
    format!(
        "{}\u{a0}%",
        number(language, (share * 1000.0).round() / 10.0)
    )
}

/// "Meta 5.B": how the tables name a candidate, its full title being in the list.
fn short_name(language: Language, kind: SubjectKind, code: &str) -> String {
    let key = match kind {
        SubjectKind::Goal => "prioritization.subject_goal",
        SubjectKind::Target => "prioritization.subject_target",
    };
    locale::format(language, key, &[("code", code)])
}

/// A default criterion is named in the report's language; the facilitator's own
/// wording is kept as typed.
fn criterion_label(language: Language, c: &Criterion) -> String {
    match c.key {
        Some(key) if !c.custom => {
            locale::text(language, &format!("prioritization.criterion.{key}"))
        }
        _ => c.label.clone(),
    }
}

/// Why the diagnostic proposed a candidate: each lagging indicator once, with the
/// areas where it lags (light shape, gap with the country).
fn why(language: Language, c: &Candidate) -> String {
    if c.reasons.is_empty() {
        return t(language, "why_none");
    }
    let mut indicators: Vec<(String, Vec<String>)> = Vec::new();
    for r in &c.reasons {
        let gap = r.gap.map_or(String::new(), |g| {
            let sign = if g > 0.0 { "+" } else { "" };
            format!(" ({sign}{})", number(language, g))
        });
        let area = format!("{} {}{gap}", r.area, shape(r.light));
        let name = format!("{} {}", r.indicator, r.indicator_title.get(language));
        match indicators.iter_mut().find(|(n, _)| *n == name) {
            Some((_, areas)) => areas.push(area),
            None => indicators.push((name, vec![area])),
        }
    }
    indicators
        .iter()
        .map(|(name, areas)| format!("{name}: {}", areas.join("; ")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn date(language: Language, stamp: &str) -> String {
    stamp
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(|| stamp.to_string(), |d| super::date(language, d))
}

fn candidates_blocks(language: Language, board: &Board, out: &mut Vec<Block>) {
    out.push(Block::Heading(t(language, "candidates")));
    let rows = board
        .candidates
        .iter()
        .map(|c| {
            vec![
                crate::prioritization::subject_label(language, c.kind, &c.code),
                t(language, &format!("origin.{}", c.origin)),
                why(language, c),
            ]
        })
        .collect();
    out.push(Block::Table {
        columns: vec![
            column(t(language, "candidate"), 3.6, Align::Left),
            column(t(language, "origin_column"), 1.6, Align::Left),
            column(t(language, "why"), 5.0, Align::Left),
        ],
        rows,
        inks: Vec::new(),
    });
    if board.candidates.iter().any(|c| !c.reasons.is_empty()) {
        out.push(Block::Paragraph(t(language, "why_legend")));
    }
}

fn weights_blocks(language: Language, board: &Board, out: &mut Vec<Block>) {
    let w = &board.weights;
    out.push(Block::Heading(t(language, "criteria")));
    let ballots = w.vote.as_ref().map_or(0, |v| v.ballots).to_string();
    let mut method = locale::format(
        language,
        &format!("report.stage2.method.{}", w.method),
        &[("n", &ballots)],
    );
    if let Some(issue) = w.issue {
        method.push(' ');
        method.push_str(&locale::format(
            language,
            &format!("report.stage2.issue.{issue}"),
            &[("total", &w.points_total.to_string())],
        ));
    }
    if let (WeightMethod::Pairwise, Some(a)) = (w.method, &w.ahp) {
        method.push(' ');
        method.push_str(&locale::format(
            language,
            if a.consistent {
                "report.stage2.consistent"
            } else {
                "report.stage2.inconsistent"
            },
            &[
                ("ratio", &fixed(language, a.consistency_ratio)),
                ("limit", &fixed(language, ahp::CONSISTENCY_LIMIT)),
            ],
        ));
    }
    out.push(Block::Paragraph(method));
    let points = w.method == WeightMethod::Points;
    let mut columns = vec![
        column(String::new(), 0.6, Align::Left),
        column(t(language, "criterion"), 5.0, Align::Left),
    ];
    if points {
        columns.push(column(t(language, "points"), 1.2, Align::Right));
    }
    columns.push(column(t(language, "weight"), 1.2, Align::Right));
    let rows = board
        .criteria
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let mut row = vec![format!("C{}", j + 1), criterion_label(language, c)];
            if points {
                row.push(c.points.map_or("–".into(), |p| p.to_string()));
            }
            row.push(
                w.values
                    .get(j)
                    .map_or("–".into(), |v| percent(language, *v)),
            );
            row
        })
        .collect();
    out.push(Block::Table {
        columns,
        rows,
        inks: Vec::new(),
    });
}

/// "Meta 5.B", or "Meta 5.B, Meta 4.A (tie)" when several share the first place.
fn firsts(language: Language, board: &Board, first: &[usize]) -> String {
    let names: Vec<String> = first
        .iter()
        .filter_map(|&i| board.candidates.get(i))
        .map(|c| short_name(language, c.kind, &c.code))
        .collect();
    if names.len() > 1 {
        locale::format(
            language,
            "report.stage2.tied_first",
            &[("names", &names.join(", "))],
        )
    } else {
        names.concat()
    }
}

fn sensitivity(language: Language, board: &Board) -> Option<String> {
    let s = &board.results.ranking.sensitivity;
    let sentence = |scenario: &Scenario, holds: &str, changes: &str| {
        let criterion = scenario
            .dropped
            .and_then(|j| board.criteria.get(j))
            .map(|c| criterion_label(language, c))
            .unwrap_or_default();
        let first = firsts(language, board, &scenario.first);
        locale::format(
            language,
            &format!(
                "report.stage2.{}",
                if scenario.changes { changes } else { holds }
            ),
            &[("first", &first), ("criterion", &criterion)],
        )
    };
    let mut parts = Vec::new();
    if let Some(e) = &s.equal_weights {
        parts.push(sentence(e, "equal_holds", "equal_changes"));
    }
    if let Some(h) = &s.without_heaviest {
        parts.push(sentence(h, "without_holds", "without_changes"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn scores_blocks(language: Language, board: &Board, out: &mut Vec<Block>) {
    let results = &board.results;
    out.push(Block::Heading(t(language, "scores")));
    let scored: Vec<_> = results
        .ranking
        .candidates
        .iter()
        .filter(|c| c.n > 0)
        .collect();
    if scored.is_empty() {
        out.push(Block::Paragraph(t(language, "not_scored")));
        return;
    }
    out.push(Block::Paragraph(locale::format(
        language,
        "report.stage2.scores_note",
        &[("n", &results.scorers.to_string())],
    )));
    let name = |i: usize| {
        board
            .candidates
            .get(i)
            .map(|c| short_name(language, c.kind, &c.code))
            .unwrap_or_default()
    };
    let rank = |r: Option<u32>, tied: bool| match r {
        Some(r) if tied => format!("{r} ="),
        Some(r) => r.to_string(),
        None => "–".into(),
    };
    let score = |v: Option<f64>| v.map_or("–".into(), |v| fixed(language, v));
    let mut columns = vec![
        column(t(language, "rank"), 1.4, Align::Right),
        column(t(language, "candidate_short"), 1.8, Align::Left),
    ];
    columns.extend((1..=board.criteria.len()).map(|j| column(format!("C{j}"), 1.0, Align::Right)));
    columns.push(column(t(language, "weighted"), 1.9, Align::Right));
    let rows = results
        .ranking
        .candidates
        .iter()
        .map(|c| {
            let mut row = vec![rank(c.rank, c.tied), name(c.candidate)];
            row.extend(c.criteria.iter().map(|k| score(k.mean)));
            row.push(score(c.weighted));
            row
        })
        .collect();
    out.push(Block::Table {
        columns,
        rows,
        inks: Vec::new(),
    });
    if results.ranking.candidates.iter().any(|c| c.tied) {
        out.push(Block::Paragraph(t(language, "tie_note")));
    }

    out.push(Block::Heading(t(language, "agreement")));
    out.push(Block::Paragraph(t(language, "agreement_note")));
    let rows = scored
        .iter()
        .map(|c| {
            vec![
                name(c.candidate),
                c.n.to_string(),
                score(c.weighted),
                score(c.median),
                score(c.spread),
                c.agreement.map_or("–".into(), |a| {
                    t(language, &format!("agreement_level.{a}"))
                }),
            ]
        })
        .collect();
    out.push(Block::Table {
        columns: vec![
            column(t(language, "candidate_short"), 1.8, Align::Left),
            column(t(language, "scorers"), 1.3, Align::Right),
            column(t(language, "weighted"), 1.9, Align::Right),
            column(t(language, "median"), 1.4, Align::Right),
            column(t(language, "spread"), 1.4, Align::Right),
            column(t(language, "agreement_column"), 1.4, Align::Left),
        ],
        rows,
        inks: Vec::new(),
    });
    if let Some(s) = sensitivity(language, board) {
        out.push(Block::Paragraph(s));
    }
}

/// Dots and ranking, when the room chose (also) the lighter way: the candidates
/// best first, as the tally counts them.
fn lighter_blocks(language: Language, board: &Board, out: &mut Vec<Block>) {
    for lighter in &board.lighter {
        let Tally::Options { options, n, .. } = &lighter.tally else {
            continue;
        };
        if *n == 0 {
            continue;
        }
        let name = |option: &str| {
            board
                .candidates
                .iter()
                .find(|c| {
                    voting::option_id(lighter.question.id, &c.id.to_string()).to_string() == option
                })
                .map(|c| short_name(language, c.kind, &c.code))
        };
        let mut rows: Vec<(Vec<String>, f64)> = options
            .iter()
            .filter_map(|o| {
                let candidate = name(&o.option)?;
                Some(match lighter.kind {
                    Kind::Ranking => (
                        vec![
                            candidate,
                            o.borda.unwrap_or(0).to_string(),
                            o.count.to_string(),
                            o.mean.map_or("–".into(), |m| fixed(language, m)),
                        ],
                        f64::from(o.borda.unwrap_or(0)),
                    ),
                    _ => (vec![candidate, o.count.to_string()], f64::from(o.count)),
                })
            })
            .collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1));
        let (heading, columns) = match lighter.kind {
            Kind::Ranking => (
                "lighter_ranking",
                vec![
                    column(t(language, "candidate_short"), 2.0, Align::Left),
                    column(t(language, "borda"), 1.4, Align::Right),
                    column(t(language, "firsts"), 1.4, Align::Right),
                    column(t(language, "mean_position"), 1.4, Align::Right),
                ],
            ),
            _ => (
                "lighter_dots",
                vec![
                    column(t(language, "candidate_short"), 2.0, Align::Left),
                    column(t(language, "dots"), 1.4, Align::Right),
                ],
            ),
        };
        out.push(Block::Heading(locale::format(
            language,
            &format!("report.stage2.{heading}"),
            &[("n", &n.to_string())],
        )));
        out.push(Block::Table {
            columns,
            rows: rows.into_iter().map(|(row, _)| row).collect(),
            inks: Vec::new(),
        });
    }
}

fn decision_blocks(language: Language, board: &Board, out: &mut Vec<Block>) {
    out.push(Block::Heading(t(language, "decision")));
    match &board.decision {
        Some(d) => {
            let mut pairs = vec![(
                t(language, "prioritized"),
                crate::prioritization::subject_label(language, d.kind, &d.code),
            )];
            if !d.reasons.trim().is_empty() {
                pairs.push((t(language, "reasons"), d.reasons.clone()));
            }
            pairs.push((t(language, "decided_on"), date(language, &d.decided_at)));
            out.push(Block::KeyValues(pairs));
        }
        None => out.push(Block::Paragraph(t(language, "no_decision"))),
    }
}

fn quadrant_name(language: Language, q: Quadrant) -> String {
    t(language, &format!("quadrants.{q}"))
}

/// The Vester chart as the layout draws it: passive sum across, active sum up, the
/// mean of the sums as the cut on both axes, causes by their number.
pub fn scatter(language: Language, matrix: &Matrix) -> Scatter {
    Scatter {
        x_title: t(language, "axis_passive"),
        y_title: t(language, "axis_active"),
        x_cut: matrix.threshold,
        y_cut: matrix.threshold,
        corners: [
            quadrant_name(language, Quadrant::Active),
            quadrant_name(language, Quadrant::Critical),
            quadrant_name(language, Quadrant::Indifferent),
            quadrant_name(language, Quadrant::Passive),
        ],
        points: matrix
            .causes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    (i + 1).to_string(),
                    f64::from(c.passive),
                    f64::from(c.active),
                )
            })
            .collect(),
    }
}

fn vester_blocks(language: Language, board: &Board, matrix: &Matrix, out: &mut Vec<Block>) {
    out.push(Block::Heading(t(language, "vester")));
    if let Some(d) = &board.decision {
        out.push(Block::Paragraph(locale::format(
            language,
            "report.stage2.problem",
            &[(
                "problem",
                &crate::prioritization::subject_label(language, d.kind, &d.code),
            )],
        )));
    }
    out.push(Block::Paragraph(t(language, "vester_note")));
    let n = matrix.causes.len();
    let mut columns = vec![
        column("#".into(), 0.6, Align::Right),
        column(t(language, "cause"), 4.2, Align::Left),
    ];
    columns.extend((1..=n).map(|j| column(j.to_string(), 0.6, Align::Right)));
    // Wide enough for "Somme passive" to wrap between words, not inside one.
    columns.push(column(t(language, "active_sum"), 1.6, Align::Right));
    columns.push(column(t(language, "passive_sum"), 1.6, Align::Right));
    columns.push(column(t(language, "quadrant_column"), 2.1, Align::Left));
    let rows = matrix
        .causes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = vec![(i + 1).to_string(), c.label.clone()];
            row.extend(
                (0..n).map(|j| match matrix.values.get(i).and_then(|r| r.get(j)) {
                    _ if i == j => "—".to_string(),
                    Some(Some(v)) => v.to_string(),
                    _ => "·".to_string(),
                }),
            );
            row.push(c.active.to_string());
            row.push(c.passive.to_string());
            row.push(t(language, &format!("quadrant.{}", c.quadrant)));
            row
        })
        .collect();
    out.push(Block::Table {
        columns,
        rows,
        inks: Vec::new(),
    });
    let mut note = locale::format(
        language,
        "report.stage2.threshold",
        &[(
            "value",
            &number(language, (matrix.threshold * 100.0).round() / 100.0),
        )],
    );
    if matrix.filled < matrix.cells {
        note.push(' ');
        note.push_str(&locale::format(
            language,
            "report.stage2.unfilled",
            &[
                ("filled", &matrix.filled.to_string()),
                ("cells", &matrix.cells.to_string()),
            ],
        ));
    }
    out.push(Block::Paragraph(note));

    out.push(Block::Heading(t(language, "chart")));
    out.push(Block::Scatter(scatter(language, matrix)));

    out.push(Block::Heading(t(language, "quadrants_title")));
    let numbered = |keep: &dyn Fn(&crate::vester::Cause) -> bool| -> Vec<String> {
        matrix
            .causes
            .iter()
            .enumerate()
            .filter(|(_, c)| keep(c))
            .map(|(i, c)| format!("{}. {}", i + 1, c.label))
            .collect()
    };
    let rows = QUADRANTS
        .iter()
        .map(|&q| {
            let causes = numbered(&|c| c.quadrant == q);
            vec![
                quadrant_name(language, q),
                t(language, &format!("meaning.{q}")),
                if causes.is_empty() {
                    "—".into()
                } else {
                    causes.join("\n")
                },
            ]
        })
        .collect();
    out.push(Block::Table {
        columns: vec![
            column(t(language, "quadrant_column"), 1.6, Align::Left),
            column(t(language, "meaning_column"), 3.6, Align::Left),
            column(t(language, "causes_column"), 3.6, Align::Left),
        ],
        rows,
        inks: Vec::new(),
    });

    out.push(Block::Heading(t(language, "tree")));
    out.push(Block::Paragraph(t(language, "tree_note")));
    let placed = |place: TreePlace| -> Vec<String> {
        let boxes: Vec<String> = matrix
            .causes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.place == place)
            .map(|(i, c)| {
                let moved = if c.place_moved { " *" } else { "" };
                format!("{}. {}{moved}", i + 1, c.label)
            })
            .collect();
        if boxes.is_empty() {
            vec!["—".into()]
        } else {
            boxes
        }
    };
    let problem = board.decision.as_ref().map_or_else(
        || t(language, "problem_unnamed"),
        |d| crate::prioritization::subject_label(language, d.kind, &d.code),
    );
    let band = |key: &str, boxes: Vec<String>, strong: bool, leads_up: bool| Band {
        title: t(language, &format!("place.{key}")),
        boxes,
        strong,
        leads_up,
    };
    let mut bands = vec![
        band("effect", placed(TreePlace::Effect), false, false),
        band("problem", vec![problem], true, true),
        band("cause", placed(TreePlace::Cause), false, true),
        band("root", placed(TreePlace::Root), false, true),
    ];
    if matrix.causes.iter().any(|c| c.place == TreePlace::Aside) {
        bands.push(band("aside", placed(TreePlace::Aside), false, false));
    }
    out.push(Block::Bands(bands));
    if matrix.causes.iter().any(|c| c.place_moved) {
        out.push(Block::Paragraph(t(language, "moved_note")));
    }
}

pub fn blocks(board: &Board, matrix: &Matrix, language: Language) -> Vec<Block> {
    let mut out = vec![Block::PageBreak, Block::Heading(t(language, "title"))];
    if board.candidates.is_empty() {
        out.push(Block::Paragraph(t(language, "empty")));
    } else {
        candidates_blocks(language, board, &mut out);
        weights_blocks(language, board, &mut out);
        scores_blocks(language, board, &mut out);
        lighter_blocks(language, board, &mut out);
        decision_blocks(language, board, &mut out);
    }
    if !matrix.causes.is_empty() {
        vester_blocks(language, board, matrix, &mut out);
    } else if !board.candidates.is_empty() {
        out.push(Block::Paragraph(t(language, "no_causes")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Localized;
    use crate::diagnostic::Light;
    use crate::ids::{CandidateId, CauseId};
    use crate::prioritization::{Origin, Reason};
    use crate::vester::Cause;

    fn cause(label: &str, active: u32, passive: u32, quadrant: Quadrant) -> Cause {
        Cause {
            id: CauseId::new(),
            label: label.into(),
            sources: Vec::new(),
            active,
            passive,
            quadrant,
            place: quadrant.place(),
            place_moved: false,
        }
    }

    #[test]
    fn the_chart_puts_the_passive_sum_across_and_the_active_sum_up() {
        let matrix = Matrix {
            causes: vec![
                cause("Distancia a la posta", 9, 1, Quadrant::Active),
                cause("Abandono escolar", 6, 11, Quadrant::Passive),
            ],
            values: vec![vec![None; 2]; 2],
            threshold: 6.5,
            filled: 0,
            cells: 2,
            ideas: None,
        };
        let chart = scatter(Language::Es, &matrix);
        assert_eq!(
            chart.points,
            vec![("1".to_string(), 1.0, 9.0), ("2".to_string(), 11.0, 6.0)]
        );
        assert_eq!((chart.x_cut, chart.y_cut), (6.5, 6.5));
        // Top left is high active, low passive; top right both high.
        assert_eq!(chart.corners[0], t(Language::Es, "quadrants.active"));
        assert_eq!(chart.corners[1], t(Language::Es, "quadrants.critical"));
        assert_eq!(chart.corners[3], t(Language::Es, "quadrants.passive"));
    }

    #[test]
    fn why_names_each_lagging_indicator_once_with_its_areas() {
        let reason = |area: &str, light, gap| Reason {
            indicator: "5.4".into(),
            indicator_title: Localized {
                es: "Tasa de natalidad entre las adolescentes".into(),
                ..Localized::default()
            },
            area: area.into(),
            light,
            gap: Some(gap),
            behind: true,
        };
        let candidate = Candidate {
            id: CandidateId::new(),
            kind: SubjectKind::Target,
            code: "5.B".into(),
            title: Localized::default(),
            label: String::new(),
            origin: Origin::Proposed,
            reasons: vec![
                reason("Trehuaco", Light::Regressing, 47.7),
                reason("Región de Ñuble", Light::Insufficient, -1.25),
            ],
        };
        assert_eq!(
            why(Language::Es, &candidate),
            "5.4 Tasa de natalidad entre las adolescentes: Trehuaco ▼ (+47,7); \
             Región de Ñuble ◆ (-1,25)"
        );
    }

    #[test]
    fn scores_keep_two_decimals_in_the_languages_way() {
        assert_eq!(fixed(Language::Es, 3.456), "3,46");
        assert_eq!(fixed(Language::En, 4.0), "4.00");
        assert_eq!(percent(Language::Fr, 0.25), "25\u{a0}%");
        assert_eq!(percent(Language::En, 0.2345), "23.5\u{a0}%");
    }
}
