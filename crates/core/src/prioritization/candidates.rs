//! Which targets lag, read off the diagnostic: a target is proposed when one of its
//! indicators is regressing or insufficient in a territory and that territory is
//! behind its country (or, in a workshop about a country alone, when the country's
//! indicator lags). Each proposal carries the indicators that make it one.

use serde::{Deserialize, Serialize};

use crate::catalogue::Localized;
use crate::diagnostic::Light;
use crate::indicators::{Area, Sheet};
use crate::text_enum::text_enum;

text_enum!(
    /// A candidate is a whole goal or one of its targets.
    SubjectKind { Goal => "goal", Target => "target" }
);

/// One indicator, in one area, that makes a target lag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub indicator: String,
    pub indicator_title: Localized,
    pub area: String,
    pub light: Light,
    /// Territory minus country, when both have a value.
    pub gap: Option<f64>,
    pub behind: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub kind: SubjectKind,
    pub code: String,
    pub title: Localized,
    pub reasons: Vec<Reason>,
}

fn lagging(light: Light) -> bool {
    matches!(light, Light::Regressing | Light::Insufficient)
}

/// Why `target` lags in the sheet: its lagging indicators, worst first.
pub fn reasons(sheet: &Sheet, target: &str) -> Vec<Reason> {
    let has_territories = sheet
        .areas
        .iter()
        .any(|a| matches!(a.area, Area::Territory(_)));
    let mut out = Vec::new();
    for goal in &sheet.goals {
        for indicator in goal
            .indicators
            .iter()
            .filter(|i| !i.not_applicable && i.targets.iter().any(|t| t == target))
        {
            for series in &indicator.series {
                let light = series.assessment.light;
                let counts = match series.area {
                    Area::Territory(_) => series.gap.is_some_and(|g| g.behind),
                    Area::Country(_) => !has_territories,
                };
                if !lagging(light) || !counts {
                    continue;
                }
                let area = sheet
                    .areas
                    .iter()
                    .find(|a| a.area == series.area)
                    .map(|a| a.name.clone())
                    .unwrap_or_default();
                out.push(Reason {
                    indicator: indicator.code.clone(),
                    indicator_title: indicator.title.clone(),
                    area,
                    light,
                    gap: series.gap.map(|g| g.difference),
                    behind: series.gap.is_some_and(|g| g.behind),
                });
            }
        }
    }
    out.sort_by_key(|r| r.light.severity());
    out
}

/// The lagging targets, the most urgent first: more regressing indicators, then
/// more lagging ones, then catalogue order.
pub fn propose(sheet: &Sheet) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = sheet
        .goals
        .iter()
        .flat_map(|g| &g.targets)
        .filter_map(|t| {
            let reasons = reasons(sheet, &t.code);
            (!reasons.is_empty()).then(|| Proposal {
                kind: SubjectKind::Target,
                code: t.code.clone(),
                title: t.title.clone(),
                reasons,
            })
        })
        .collect();
    let regressing = |p: &Proposal| {
        p.reasons
            .iter()
            .filter(|r| r.light == Light::Regressing)
            .count()
    };
    // A stable sort keeps catalogue order among equals.
    out.sort_by(|a, b| {
        regressing(b)
            .cmp(&regressing(a))
            .then(b.reasons.len().cmp(&a.reasons.len()))
    });
    out
}
