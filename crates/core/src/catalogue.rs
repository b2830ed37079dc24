//! Goal frameworks and countries shipped in `assets/catalogue`. The MDGs (official
//! 2008 list) are the only framework now; the SDGs will come through the same types.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::workshop::Language;

const MDG_JSON: &str = include_str!("../../../assets/catalogue/mdg.json");
const COUNTRIES_JSON: &str = include_str!("../../../assets/catalogue/countries.json");

/// A text in the four languages of the app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    pub unit: String,
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
