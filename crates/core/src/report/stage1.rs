//! The report's Stage 1 chapter: the goals' lights in every area, the diagnostic
//! table of each area with coloured lights (shape and word too, never colour alone),
//! the territories compared, the relevance ranking and the notes of the dialogue.

use crate::diagnostic::{Light, PeriodStart, TargetOrigin};
use crate::indicators::{Area, IndicatorSheet, SeriesSheet, Sheet};
use crate::locale;
use crate::relevance::Relevance;
use crate::workshop::Language;

use super::layout::{Align, Block, Column, Ink};

/// Shapes that tell the lights apart without colour (DejaVu Sans has them all).
pub fn shape(light: Light) -> &'static str {
    match light {
        Light::Met => "✓",
        Light::OnTrack => "▲",
        Light::Insufficient => "◆",
        Light::Regressing => "▼",
        Light::NoData => "○",
    }
}

/// Okabe–Ito colours, darkened where needed to read as text on white paper.
pub fn ink(light: Light) -> Ink {
    match light {
        Light::Met => Ink::Rgb(0.0, 0.447, 0.698),
        Light::OnTrack => Ink::Rgb(0.0, 0.50, 0.36),
        Light::Insufficient => Ink::Rgb(0.72, 0.45, 0.0),
        Light::Regressing => Ink::Rgb(0.835, 0.369, 0.0),
        Light::NoData => Ink::Grey(0.45),
    }
}

/// A number as the language writes it: `12,5` in Spanish, `12.5` in English.
pub fn number(language: Language, v: f64) -> String {
    let decimals = if v.abs() >= 100.0 || v.fract() == 0.0 {
        0
    } else if v.abs() >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{v:.decimals$}");
    let text = if decimals > 0 {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    match language {
        Language::En => text,
        Language::Es | Language::Pt | Language::Fr => text.replace('.', ","),
    }
}

fn column(title: String, width: f32, align: Align) -> Column {
    Column {
        title,
        width,
        align,
    }
}

fn light_text(language: Language, light: Light) -> String {
    format!(
        "{} {}",
        shape(light),
        locale::text(language, &format!("light.{light}"))
    )
}

fn has_data(s: &SeriesSheet) -> bool {
    s.observations.iter().any(|o| o.value.is_some())
}

fn indicator_row(language: Language, ind: &IndicatorSheet, s: &SeriesSheet) -> Vec<String> {
    let t = |key: &str| locale::text(language, key);
    let a = &s.assessment;
    let point = |p: Option<crate::diagnostic::Point>| {
        p.map_or("–".to_string(), |p| {
            format!("{} ({})", number(language, p.value), p.year)
        })
    };
    let target = a.target.as_ref().map_or("–".to_string(), |tg| {
        let origin = match tg.origin {
            TargetOrigin::National => t("report.target_national"),
            TargetOrigin::Global => t("report.target_global"),
            TargetOrigin::Local => t("report.target_local"),
        };
        format!("{} ({}), {origin}", number(language, tg.value), tg.year)
    });
    let mut light = light_text(language, a.light);
    if a.pace.is_some_and(|p| p.will_miss_despite_on_track) {
        light = format!("{light} — {}", t("report.pace_warning"));
    }
    let gap = s.gap.map_or(String::new(), |g| {
        let sign = if g.difference > 0.0 { "+" } else { "" };
        let behind = if g.behind {
            format!(" {}", t("report.behind"))
        } else {
            String::new()
        };
        format!("{sign}{}{behind}", number(language, g.difference))
    });
    let unit = if s.unit_is_custom {
        s.unit.clone()
    } else {
        ind.unit.get(language).to_string()
    };
    vec![
        format!("{} {} ({unit})", ind.code, ind.title.get(language)),
        point(a.baseline),
        point(a.latest),
        target,
        light,
        gap,
    ]
}

pub fn blocks(
    sheet: &Sheet,
    relevance: &Relevance,
    notes_of_example: bool,
    language: Language,
) -> Vec<Block> {
    let t = |key: &str| locale::text(language, key);
    let mut out = vec![Block::PageBreak, Block::Heading(t("report.stage1"))];
    if notes_of_example {
        out.push(Block::Paragraph(t("report.example_values")));
    }
    out.push(Block::Paragraph(t("report.legend")));
    out.push(Block::Paragraph(match sheet.period_start {
        PeriodStart::Year(y) => {
            locale::format(language, "report.period_from", &[("year", &y.to_string())])
        }
        PeriodStart::FirstObservation => t("report.period_first"),
    }));
    let applicable: Vec<&IndicatorSheet> = sheet
        .goals
        .iter()
        .flat_map(|g| g.indicators.iter())
        .filter(|i| !i.not_applicable)
        .collect();
    if !applicable.iter().any(|i| i.series.iter().any(has_data)) {
        out.push(Block::Paragraph(t("report.no_diagnostic")));
    } else {
        // The goals' worst lights and lagging shares, one row per area.
        out.push(Block::Heading(t("report.goal_summary")));
        let mut columns = vec![column(
            format!("{} / {}", t("report.territories"), t("report.goal")),
            4.0,
            Align::Left,
        )];
        columns.extend(
            sheet
                .goals
                .iter()
                .map(|g| column(g.code.clone(), 1.3, Align::Left)),
        );
        let mut rows = Vec::new();
        let mut inks = Vec::new();
        for (i, area) in sheet.areas.iter().enumerate() {
            let mut row = vec![area.name.clone()];
            let mut row_inks = vec![None];
            for g in &sheet.goals {
                let s = &g.summaries[i];
                let worst = s.worst.unwrap_or(Light::NoData);
                // A no-break space keeps "50 %" on one line.
                let share = s
                    .lagging_share
                    .map_or(String::new(), |x| format!(" {:.0}\u{a0}%", x * 100.0));
                row.push(format!("{}{share}", shape(worst)));
                row_inks.push(Some(ink(worst)));
            }
            rows.push(row);
            inks.push(row_inks);
        }
        out.push(Block::Table {
            columns,
            rows,
            inks,
        });
        out.push(Block::Paragraph(format!(
            "%: {}. {}: {}",
            t("report.lagging_share"),
            t("report.light"),
            [
                Light::Met,
                Light::OnTrack,
                Light::Insufficient,
                Light::Regressing,
                Light::NoData
            ]
            .iter()
            .map(|l| light_text(language, *l))
            .collect::<Vec<_>>()
            .join(" · ")
        )));
        for (i, area) in sheet.areas.iter().enumerate() {
            let with_data: Vec<(&IndicatorSheet, &SeriesSheet)> = applicable
                .iter()
                .map(|ind| (*ind, &ind.series[i]))
                .filter(|(_, s)| has_data(s))
                .collect();
            if with_data.is_empty() {
                continue;
            }
            out.push(Block::Heading(locale::format(
                language,
                "report.diagnostic_of",
                &[("area", &area.name)],
            )));
            let mut columns = vec![
                column(t("report.indicator"), 5.0, Align::Left),
                column(t("report.baseline"), 1.8, Align::Right),
                column(t("report.latest"), 1.8, Align::Right),
                column(t("report.target"), 2.4, Align::Left),
                column(t("report.light"), 2.4, Align::Left),
            ];
            let territory = matches!(area.area, Area::Territory(_));
            if territory {
                columns.push(column(t("report.gap"), 1.8, Align::Right));
            }
            let mut rows = Vec::new();
            let mut inks = Vec::new();
            for (ind, s) in with_data {
                let mut row = indicator_row(language, ind, s);
                if !territory {
                    row.pop();
                }
                rows.push(row);
                inks.push(vec![
                    None,
                    None,
                    None,
                    None,
                    Some(ink(s.assessment.light)),
                    None,
                ]);
            }
            out.push(Block::Table {
                columns,
                rows,
                inks,
            });
        }
        let compared: Vec<_> = sheet
            .goals
            .iter()
            .filter(|g| !g.comparison.is_empty())
            .collect();
        if !compared.is_empty() {
            out.push(Block::Heading(t("report.comparison")));
            out.push(Block::Paragraph(t("report.comparison_note")));
            let rows = compared
                .iter()
                .filter_map(|g| {
                    let ranked: Vec<_> = g
                        .comparison
                        .iter()
                        .filter(|r| r.mean_progress.is_some())
                        .collect();
                    let (best, worst) = (ranked.first()?, ranked.last()?);
                    let name = |a: &Area| sheet.area_name(a).to_string();
                    let p = |x: Option<f64>| number(language, x.unwrap_or_default());
                    Some(vec![
                        format!("{} {}", g.code, g.title.get(language)),
                        format!("{} ({})", name(&best.key), p(best.mean_progress)),
                        format!("{} ({})", name(&worst.key), p(worst.mean_progress)),
                    ])
                })
                .collect();
            out.push(Block::Table {
                columns: vec![
                    column(t("report.goal"), 4.0, Align::Left),
                    column(t("report.best"), 3.0, Align::Left),
                    column(t("report.worst"), 3.0, Align::Left),
                ],
                rows,
                inks: Vec::new(),
            });
        }
    }
    out.push(Block::Heading(t("report.relevance")));
    let rated: Vec<_> = relevance
        .goals
        .iter()
        .filter(|g| g.tally.is_some())
        .collect();
    if rated.is_empty() {
        out.push(Block::Paragraph(t("report.not_rated")));
    } else {
        let rows = rated
            .iter()
            .filter_map(|g| {
                let tally = g.tally.as_ref()?;
                let n = |x: Option<f64>| {
                    x.map_or("–".into(), |v| {
                        number(language, (v * 100.0).round() / 100.0)
                    })
                };
                Some(vec![
                    g.rank.map_or(String::new(), |r| r.to_string()),
                    format!("{} {}", g.goal, g.title.get(language)),
                    n(tally.mean),
                    n(tally.median),
                    n(tally.std_dev),
                    tally.n.to_string(),
                ])
            })
            .collect();
        out.push(Block::Table {
            columns: vec![
                column(t("report.rank"), 0.8, Align::Right),
                column(t("report.goal"), 5.0, Align::Left),
                column(t("report.mean"), 1.2, Align::Right),
                column(t("report.median"), 1.2, Align::Right),
                column(t("report.spread"), 1.2, Align::Right),
                column(t("report.votes"), 1.0, Align::Right),
            ],
            rows,
            inks: Vec::new(),
        });
        out.push(Block::BarChart {
            rows: rated
                .iter()
                .map(|g| {
                    let mean = g.tally.as_ref().and_then(|t| t.mean).unwrap_or_default();
                    (
                        format!("{} {}", g.goal, g.title.get(language)),
                        (mean * 100.0).round() / 100.0,
                    )
                })
                .collect(),
            unit: String::new(),
        });
    }
    let notes: Vec<(String, String)> = relevance
        .goals
        .iter()
        .filter(|g| !g.notes.trim().is_empty())
        .map(|g| {
            (
                format!("{} {}", g.goal, g.title.get(language)),
                g.notes.clone(),
            )
        })
        .collect();
    if !notes.is_empty() {
        out.push(Block::Heading(t("report.notes")));
        out.push(Block::KeyValues(notes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_the_language_writes_them() {
        assert_eq!(number(Language::Es, 12.5), "12,5");
        assert_eq!(number(Language::En, 12.5), "12.5");
        assert_eq!(number(Language::Fr, 0.97), "0,97");
        assert_eq!(number(Language::Pt, 1234.0), "1234");
        assert_eq!(number(Language::Es, 40.0), "40");
    }
}
