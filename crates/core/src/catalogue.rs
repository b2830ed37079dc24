//! Goal frameworks and countries shipped in `assets/catalogue`. The MDGs (official
//! 2008 list) are the only framework now; the SDGs will come through the same types.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::workshop::Language;

const MDG_JSON: &str = include_str!("../../../assets/catalogue/mdg.json");
const COUNTRIES_JSON: &str = include_str!("../../../assets/catalogue/countries.json");
const UNITS_JSON: &str = include_str!("../../../assets/catalogue/units.json");
const GLOBAL_TARGETS_JSON: &str = include_str!("../../../assets/catalogue/mdg_global_targets.json");

/// A text in the four languages of the app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub es: String,
    pub en: String,
    pub pt: String,
    pub fr: String,
}

impl Localized {
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Es => &self.es,
            Language::En => &self.en,
            Language::Pt => &self.pt,
            Language::Fr => &self.fr,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A rising value is progress (e.g. enrolment).
    Increase,
    /// A falling value is progress (e.g. mortality, poverty).
    Decrease,
    /// More is not automatically better (e.g. aid flows): no traffic light.
    None,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Goal {
    pub code: String,
    pub title: Localized,
    pub targets: Vec<Target>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Target {
    pub code: String,
    pub title: Localized,
    /// Indicator codes. Some indicators are shared by several targets (7.A/7.B, 8.A–8.D).
    pub indicators: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub title: Localized,
    pub direction: Direction,
    /// In English, as the official list writes it; `unit_title` has it in every language.
    pub unit: String,
}

#[derive(Deserialize)]
struct UnitTranslation {
    es: String,
    pt: String,
    fr: String,
}

#[derive(Deserialize)]
struct UnitsFile {
    units: BTreeMap<String, UnitTranslation>,
}

impl Indicator {
    /// The unit in the four languages (English as the list writes it).
    #[allow(clippy::expect_used)]
    pub fn unit_title(&self) -> Localized {
        static UNITS: OnceLock<BTreeMap<String, UnitTranslation>> = OnceLock::new();
        let units = UNITS.get_or_init(|| {
            serde_json::from_str::<UnitsFile>(UNITS_JSON)
                .expect("assets/catalogue/units.json is valid")
                .units
        });
        match units.get(&self.unit) {
            Some(u) => Localized {
                es: u.es.clone(),
                en: self.unit.clone(),
                pt: u.pt.clone(),
                fr: u.fr.clone(),
            },
            None => Localized {
                es: self.unit.clone(),
                en: self.unit.clone(),
                pt: self.unit.clone(),
                fr: self.unit.clone(),
            },
        }
    }
}

#[derive(Clone, Debug)]
pub struct Framework {
    pub version: String,
    pub goals: Vec<Goal>,
    pub indicators: BTreeMap<String, Indicator>,
}

#[derive(Deserialize)]
struct FrameworkFile {
    version: String,
    goals: Vec<Goal>,
    indicators: Vec<Indicator>,
}

impl Framework {
    pub fn targets(&self) -> impl Iterator<Item = &Target> {
        self.goals.iter().flat_map(|g| g.targets.iter())
    }

    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.get(code)
    }
}

/// The official MDG list. It is compiled into the binary, so parsing it cannot
/// fail at run time unless the build shipped a broken file; the tests prove it does not.
#[allow(clippy::expect_used)]
pub fn mdg() -> &'static Framework {
    static MDG: OnceLock<Framework> = OnceLock::new();
    MDG.get_or_init(|| {
        let file: FrameworkFile =
            serde_json::from_str(MDG_JSON).expect("assets/catalogue/mdg.json is valid");
        Framework {
            version: file.version,
            goals: file.goals,
            indicators: file
                .indicators
                .into_iter()
                .map(|i| (i.code.clone(), i))
                .collect(),
        }
    })
}

/// How a global target's value follows from a series, as the target's wording says.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", content = "value", rename_all = "snake_case")]
pub enum TargetRule {
    /// The value itself ("universal access" = 100, "parity" = 1.0).
    Fixed(f64),
    /// The baseline value times a factor ("halve" = 0.5, "reduce by two-thirds" = 1/3).
    Scale(f64),
    /// Halve the distance from the baseline to this value ("halve the proportion
    /// without access" on a proportion with access: the distance to 100).
    HalveGap(f64),
}

impl TargetRule {
    pub fn value(self, baseline: f64) -> f64 {
        match self {
            TargetRule::Fixed(v) => v,
            TargetRule::Scale(factor) => baseline * factor,
            TargetRule::HalveGap(limit) => limit - (limit - baseline) / 2.0,
        }
    }
}

/// A numeric target of the global list (2015 in most cases).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GlobalTarget {
    pub indicator: String,
    pub mdg_target: String,
    pub year: i32,
    #[serde(flatten)]
    pub rule: TargetRule,
    pub wording: String,
}

#[derive(Deserialize)]
struct GlobalTargetsFile {
    targets: Vec<GlobalTarget>,
}

/// The global targets that state a quantity, by indicator code.
#[allow(clippy::expect_used)]
pub fn global_targets() -> &'static BTreeMap<String, GlobalTarget> {
    static TARGETS: OnceLock<BTreeMap<String, GlobalTarget>> = OnceLock::new();
    TARGETS.get_or_init(|| {
        serde_json::from_str::<GlobalTargetsFile>(GLOBAL_TARGETS_JSON)
            .expect("assets/catalogue/mdg_global_targets.json is valid")
            .targets
            .into_iter()
            .map(|t| (t.indicator.clone(), t))
            .collect()
    })
}

pub fn global_target(indicator: &str) -> Option<&'static GlobalTarget> {
    global_targets().get(indicator)
}

impl Framework {
    /// The goal an indicator belongs to (the first, for the shared ones of goal 8).
    pub fn goal_of(&self, indicator: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| {
            g.targets
                .iter()
                .any(|t| t.indicators.iter().any(|i| i == indicator))
        })
    }

    /// The goal's indicators in catalogue order, each once (targets may share them).
    pub fn indicators_of(&self, goal: &Goal) -> Vec<&Indicator> {
        let mut seen = Vec::new();
        for code in goal.targets.iter().flat_map(|t| t.indicators.iter()) {
            if !seen.iter().any(|i: &&Indicator| &i.code == code)
                && let Some(i) = self.indicator(code)
            {
                seen.push(i);
            }
        }
        seen
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: Localized,
}

#[derive(Deserialize)]
struct CountriesFile {
    countries: Vec<Country>,
}

/// The 33 countries of Latin America and the Caribbean.
#[allow(clippy::expect_used)]
pub fn countries() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        serde_json::from_str::<CountriesFile>(COUNTRIES_JSON)
            .expect("assets/catalogue/countries.json is valid")
            .countries
    })
}

pub fn country(code: &str) -> Option<&'static Country> {
    countries().iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdg_list_has_8_goals_21_targets_and_60_indicators() {
        let mdg = mdg();
        assert_eq!(mdg.goals.len(), 8);
        assert_eq!(mdg.targets().count(), 21);
        assert_eq!(mdg.indicators.len(), 60);
    }

    #[test]
    fn every_indicator_belongs_to_a_target_and_every_target_names_known_indicators() {
        let mdg = mdg();
        for target in mdg.targets() {
            assert!(
                !target.indicators.is_empty(),
                "target {} has no indicator",
                target.code
            );
            for code in &target.indicators {
                assert!(
                    mdg.indicator(code).is_some(),
                    "{} names unknown {code}",
                    target.code
                );
            }
        }
        for code in mdg.indicators.keys() {
            assert!(
                mdg.targets().any(|t| t.indicators.contains(code)),
                "indicator {code} belongs to no target"
            );
        }
    }

    #[test]
    fn mortality_and_poverty_indicators_progress_downwards() {
        let mdg = mdg();
        assert_eq!(
            mdg.indicator("1.1").map(|i| i.direction),
            Some(Direction::Decrease)
        );
        assert_eq!(
            mdg.indicator("4.1").map(|i| i.direction),
            Some(Direction::Decrease)
        );
        assert_eq!(
            mdg.indicator("2.1").map(|i| i.direction),
            Some(Direction::Increase)
        );
    }

    #[test]
    fn every_goal_has_spanish_and_english_titles() {
        for goal in &mdg().goals {
            assert!(!goal.title.es.is_empty() && !goal.title.en.is_empty());
        }
        for ind in mdg().indicators.values() {
            assert!(
                !ind.title.es.is_empty() && !ind.title.en.is_empty(),
                "{}",
                ind.code
            );
        }
    }

    #[test]
    fn global_targets_name_known_indicators_and_follow_their_wording() {
        for t in global_targets().values() {
            assert!(mdg().indicator(&t.indicator).is_some(), "{}", t.indicator);
        }
        let halve = global_target("1.1").map(|t| t.rule.value(40.0));
        assert_eq!(halve, Some(20.0));
        let water = global_target("7.8").map(|t| t.rule.value(80.0));
        assert_eq!(water, Some(90.0));
        assert_eq!(global_target("6.5").map(|t| t.year), Some(2010));
        assert!(global_target("1.4").is_none());
    }

    #[test]
    fn every_unit_is_translated() {
        for ind in mdg().indicators.values() {
            let u = ind.unit_title();
            assert_ne!(u.es, ind.unit, "{}: {}", ind.code, ind.unit);
        }
    }

    #[test]
    fn shared_indicators_are_listed_once_per_goal() {
        let goal7 = mdg()
            .goals
            .iter()
            .find(|g| g.code == "7")
            .map(|g| mdg().indicators_of(g));
        assert_eq!(goal7.map(|v| v.len()), Some(10));
        let total: usize = mdg()
            .goals
            .iter()
            .map(|g| mdg().indicators_of(g).len())
            .sum();
        assert_eq!(total, 60);
        assert_eq!(mdg().goal_of("4.1").map(|g| g.code.as_str()), Some("4"));
    }

    #[test]
    fn there_are_33_countries_with_unique_codes_and_haiti_keeps_its_accent() {
        let all = countries();
        assert_eq!(all.len(), 33);
        let mut codes: Vec<_> = all.iter().map(|c| c.code.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 33);
        assert_eq!(country("HT").map(|c| c.name.fr.as_str()), Some("Haïti"));
        assert!(country("ES").is_none());
    }
}
