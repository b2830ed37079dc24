//! Workshops: their record (title, dates, language, facilitators), their
//! territories and their agenda. Every edit is saved at once: `update` takes the
//! whole record as the screen shows it, and a refused edit leaves the last valid one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue;
use crate::ids::{AgendaItemId, TerritoryId, WorkshopId};
use crate::store::{self, Store};
use crate::text_enum::text_enum;
use crate::time::{Timestamp, parse_date};
use crate::{Error, Result};

text_enum!(
    /// The language of the workshop: of its report and of the phones' page.
    Language { Es => "es", En => "en", Pt => "pt", Fr => "fr" }
);

text_enum!(
    TerritoryLevel {
        Municipality => "municipality",
        Association => "association",
        Province => "province",
        Department => "department",
        Other => "other",
    }
);

text_enum!(
    /// The stages of the ILPES method, plus preparation and anything else on the agenda.
    Stage {
        Preparation => "preparation",
        Relevance => "relevance",
        Prioritization => "prioritization",
        Actions => "actions",
        Other => "other",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Territory {
    pub id: TerritoryId,
    pub name: String,
    pub level: TerritoryLevel,
    /// ISO 3166-1 alpha-2 code of one of the 33 countries of the catalogue.
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub title: String,
    pub stage: Stage,
    pub minutes: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: WorkshopId,
    pub title: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub language: Language,
    pub facilitators: Vec<String>,
    pub territories: Vec<Territory>,
    pub agenda: Vec<AgendaItem>,
    pub is_example: bool,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl Workshop {
    /// Every day of the workshop, first to last.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.start_date
            .iter_days()
            .take_while(|d| *d <= self.end_date)
            .collect()
    }

    pub fn territory(&self, id: TerritoryId) -> Option<&Territory> {
        self.territories.iter().find(|t| t.id == id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopSummary {
    pub id: WorkshopId,
    pub title: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub language: Language,
    pub territories: Vec<Territory>,
    pub is_example: bool,
    pub archived: bool,
    pub participant_count: u32,
    pub updated_at: String,
}

/// What the screen sends: dates as typed, so a bad one can be named in the error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopInput {
    pub title: String,
    pub start_date: String,
    pub end_date: String,
    pub language: Option<Language>,
    #[serde(default)]
    pub facilitators: Vec<String>,
    #[serde(default)]
    pub territories: Vec<TerritoryInput>,
    #[serde(default)]
    pub agenda: Vec<AgendaItemInput>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerritoryInput {
    /// `None` for a territory added on this edit.
    pub id: Option<TerritoryId>,
    pub name: String,
    pub level: TerritoryLevel,
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemInput {
    pub id: Option<AgendaItemId>,
    pub title: String,
    pub stage: Stage,
    pub minutes: i64,
}

/// A workshop record that passed every check; only this reaches the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidWorkshop {
    pub title: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub language: Language,
    pub facilitators: Vec<String>,
    pub territories: Vec<Territory>,
    pub agenda: Vec<AgendaItem>,
}

/// The longest workshop we accept; the method takes one or two days, a follow-up
/// programme is not a workshop.
const MAX_DAYS: i64 = 31;

impl WorkshopInput {
    pub fn validate(&self) -> Result<ValidWorkshop> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(Error::TitleEmpty);
        }
        let start_date = parse_date(&self.start_date)?;
        let end_date = parse_date(&self.end_date)?;
        if end_date < start_date {
            return Err(Error::EndBeforeStart);
        }
        if (end_date - start_date).num_days() >= MAX_DAYS {
            return Err(Error::InvalidInput {
                detail: format!("a workshop lasts at most {MAX_DAYS} days"),
            });
        }
        if self.territories.is_empty() {
            return Err(Error::NoTerritory);
        }
        let territories = self
            .territories
            .iter()
            .map(|t| {
                let name = t.name.trim();
                if name.is_empty() {
                    return Err(Error::TerritoryNameEmpty);
                }
                let country = t.country.trim().to_uppercase();
                if catalogue::country(&country).is_none() {
                    return Err(Error::UnknownCountry {
                        country: t.country.clone(),
                    });
                }
                Ok(Territory {
                    id: t.id.unwrap_or_default(),
                    name: name.to_string(),
                    level: t.level,
                    country,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let agenda = self
            .agenda
            .iter()
            .map(|a| {
                let title = a.title.trim();
                if title.is_empty() {
                    return Err(Error::AgendaTitleEmpty);
                }
                let minutes = u32::try_from(a.minutes)
                    .ok()
                    .filter(|m| (1..=1440).contains(m))
                    .ok_or(Error::AgendaMinutes { minutes: a.minutes })?;
                Ok(AgendaItem {
                    id: a.id.unwrap_or_default(),
                    title: title.to_string(),
                    stage: a.stage,
                    minutes,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let facilitators = self
            .facilitators
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect();
        Ok(ValidWorkshop {
            title: title.to_string(),
            start_date,
            end_date,
            language: self.language.unwrap_or(Language::Es),
            facilitators,
            territories,
            agenda,
        })
    }
}

impl Workshop {
    /// The input that reproduces this workshop as it is: what the edit screen starts from.
    pub fn to_input(&self) -> WorkshopInput {
        WorkshopInput {
            title: self.title.clone(),
            start_date: self.start_date.to_string(),
            end_date: self.end_date.to_string(),
            language: Some(self.language),
            facilitators: self.facilitators.clone(),
            territories: self
                .territories
                .iter()
                .map(|t| TerritoryInput {
                    id: Some(t.id),
                    name: t.name.clone(),
                    level: t.level,
                    country: t.country.clone(),
                })
                .collect(),
            agenda: self
                .agenda
                .iter()
                .map(|a| AgendaItemInput {
                    id: Some(a.id),
                    title: a.title.clone(),
                    stage: a.stage,
                    minutes: i64::from(a.minutes),
                })
                .collect(),
        }
    }
}

pub fn create(store: &mut Store, input: &WorkshopInput, now: Timestamp) -> Result<Workshop> {
    let valid = input.validate()?;
    let id = WorkshopId::new();
    store.with_tx(|tx, device| store::workshops::insert(tx, device, id, &valid, false, now))?;
    get(store, id)
}

/// Creates a workshop marked as example data (the demo); otherwise like `create`.
pub fn create_example(
    store: &mut Store,
    input: &WorkshopInput,
    now: Timestamp,
) -> Result<Workshop> {
    let valid = input.validate()?;
    let id = WorkshopId::new();
    store.with_tx(|tx, device| store::workshops::insert(tx, device, id, &valid, true, now))?;
    get(store, id)
}

pub fn update(
    store: &mut Store,
    id: WorkshopId,
    input: &WorkshopInput,
    now: Timestamp,
) -> Result<Workshop> {
    let valid = input.validate()?;
    store.with_tx(|tx, device| store::workshops::update(tx, device, id, &valid, now))?;
    get(store, id)
}

pub fn set_archived(
    store: &mut Store,
    id: WorkshopId,
    archived: bool,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| store::workshops::set_archived(tx, device, id, archived, now))
}

pub fn get(store: &Store, id: WorkshopId) -> Result<Workshop> {
    store::workshops::get(store.conn(), id)
}

pub fn list(store: &Store, include_archived: bool) -> Result<Vec<WorkshopSummary>> {
    store::workshops::list(store.conn(), include_archived)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn itata_input() -> WorkshopInput {
        WorkshopInput {
            title: "Taller ODM Valle del Itata".into(),
            start_date: "2026-03-10".into(),
            end_date: "2026-03-11".into(),
            language: Some(Language::Es),
            facilitators: vec!["Ana Pérez".into()],
            territories: vec![TerritoryInput {
                id: None,
                name: "Quirihue".into(),
                level: TerritoryLevel::Municipality,
                country: "CL".into(),
            }],
            agenda: vec![AgendaItemInput {
                id: None,
                title: "Diálogo".into(),
                stage: Stage::Relevance,
                minutes: 90,
            }],
        }
    }

    fn refused(edit: impl FnOnce(&mut WorkshopInput)) -> &'static str {
        let mut input = itata_input();
        edit(&mut input);
        match input.validate() {
            Err(e) => e.code(),
            Ok(_) => "accepted",
        }
    }

    #[test]
    fn a_complete_workshop_is_valid() {
        let valid = itata_input().validate();
        assert!(valid.is_ok(), "{valid:?}");
    }

    #[test]
    fn empty_title_is_refused() {
        assert_eq!(refused(|w| w.title = "   ".into()), "title_empty");
    }

    #[test]
    fn a_workshop_without_territory_is_refused() {
        assert_eq!(refused(|w| w.territories.clear()), "no_territory");
    }

    #[test]
    fn an_unknown_country_is_refused() {
        assert_eq!(
            refused(|w| w.territories[0].country = "ES".into()),
            "unknown_country"
        );
    }

    #[test]
    fn end_before_start_is_refused() {
        assert_eq!(
            refused(|w| w.end_date = "2026-03-09".into()),
            "end_before_start"
        );
    }

    #[test]
    fn a_bad_date_is_refused_and_named() {
        let mut input = itata_input();
        input.start_date = "2026-02-30".into();
        let err = input.validate().err();
        assert_eq!(err.as_ref().map(Error::code), Some("bad_date"));
        assert_eq!(
            err.map(|e| e.params().get("value").cloned()),
            Some(Some("2026-02-30".to_string()))
        );
    }

    #[test]
    fn an_agenda_item_of_zero_minutes_is_refused() {
        assert_eq!(refused(|w| w.agenda[0].minutes = 0), "agenda_minutes");
    }

    #[test]
    fn lowercase_country_codes_are_accepted() {
        let mut input = itata_input();
        input.territories[0].country = "cl".into();
        assert_eq!(
            input
                .validate()
                .map(|v| v.territories[0].country.clone())
                .ok(),
            Some("CL".to_string())
        );
    }

    #[test]
    fn workshop_days_run_from_start_to_end() {
        let mut store = Store::open_in_memory().unwrap();
        let w = create(&mut store, &itata_input(), chrono::Utc::now()).unwrap();
        assert_eq!(w.days().len(), 2);
    }
}
