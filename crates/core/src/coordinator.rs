//! What a coordinator follows across the many workshops merged into one database:
//! the workshops, totals (municipalities, participants by gender, sector and
//! country, prioritized MDGs), and the commitments with their follow-up; as
//! spreadsheet tables (`sheets`) and as a consolidated PDF (`summary`).
//!
//! Every figure leaves out example workshops and skips tombstoned rows. The
//! workshops a filter keeps are read once; each figure is then one grouped query
//! over all of them, so a thousand workshops cost the same handful of queries as
//! one.
//!
//! A commitment is **overdue** when its due date is before `today` and the latest
//! status of its action as of `today` (see `actions::follow_up`) is neither done
//! nor dropped; a commitment with no action is overdue once its date has passed.

mod query;
mod sheets;
mod summary;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use sheets::{KEYS, tables, write_csv, write_xlsx};
pub use summary::{summary_pdf, write_summary_pdf};

use crate::actions::follow_up::Status;
use crate::ids::{DeviceId, WorkshopId};
use crate::participants::{Gender, Sector};
use crate::spreadsheet::fold;
use crate::store::Store;
use crate::workshop::{Language, TerritoryLevel};
use crate::{Result, catalogue, locale};
use query::{action_counts, commitment_counts, count, headcounts, id_list, select};

/// Which workshops a coordinator looks at; an empty field keeps every workshop.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// ISO code ("HT") or name in any of the four languages ("Haití").
    pub country: Option<String>,
    /// Part of a territory's name, in any case and with or without accents.
    pub municipality: Option<String>,
    /// On the workshop's start date, both ends included.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The prioritized MDG (1..8), whether the room chose the goal or one of its targets.
    pub goal: Option<u8>,
    /// Part of a facilitator's name, in any case and with or without accents.
    pub facilitator: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        words(&self.country).is_none()
            && words(&self.municipality).is_none()
            && words(&self.facilitator).is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.goal.is_none()
    }
}

/// A filter's text as matched: folded, and `None` when blank.
fn words(s: &Option<String>) -> Option<String> {
    s.as_deref().map(fold).filter(|s| !s.is_empty())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopRow {
    pub id: WorkshopId,
    pub title: String,
    pub start_date: NaiveDate,
    /// ISO codes, in the order of the workshop's territories.
    pub countries: Vec<String>,
    pub territories: Vec<String>,
    pub facilitators: Vec<String>,
    pub participants: u32,
    pub women: u32,
    pub men: u32,
    /// The catalogue's code of the decision: a goal ("5") or a target ("5.B").
    pub prioritized: Option<String>,
    pub goal: Option<u8>,
    pub actions: u32,
    pub commitments: u32,
    /// Overdue commitments.
    pub overdue: u32,
    /// The installation that last changed the workshop's record, and when.
    pub device_id: DeviceId,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryCount {
    /// ISO code.
    pub country: String,
    pub workshops: u32,
    pub municipalities: u32,
    pub participants: u32,
    pub women: u32,
    pub men: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub workshops: u32,
    /// Territories of level municipality, counted once per country and name (the
    /// name folded: case, accents and spacing aside).
    pub municipalities: u32,
    pub countries: u32,
    pub participants: u32,
    /// Every gender in a fixed order, zeros included, so charts keep their shape.
    pub by_gender: Vec<(Gender, u32)>,
    pub by_sector: Vec<(Sector, u32)>,
    /// Most participants first. A participant counts in the country of their
    /// territory, or else of the workshop's first territory.
    pub by_country: Vec<CountryCount>,
    /// How many workshops prioritized each MDG (the goal or one of its targets),
    /// all eight listed.
    pub goals: Vec<(u8, u32)>,
    pub commitments: u32,
    pub overdue: u32,
}

impl Totals {
    pub fn of_gender(&self, gender: Gender) -> u32 {
        self.by_gender
            .iter()
            .find(|(g, _)| *g == gender)
            .map_or(0, |(_, n)| *n)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentRow {
    pub workshop_id: WorkshopId,
    pub workshop: String,
    /// The workshop's countries: ISO codes joined by ", ".
    pub country: String,
    /// The workshop's municipalities joined by ", " (its territories when none
    /// is a municipality).
    pub municipality: String,
    pub who: String,
    pub institution: String,
    pub what: String,
    pub due_date: Option<NaiveDate>,
    /// The linked action's title.
    pub action: Option<String>,
    /// The latest status of the linked action as of `today`, if one was recorded.
    pub status: Option<Status>,
    pub percent: Option<u8>,
    pub overdue: bool,
    pub days_overdue: Option<i64>,
}

/// A country's name in `language`; the code itself if the catalogue lacks it.
pub(crate) fn country_name(language: Language, code: &str) -> String {
    catalogue::country(code).map_or_else(|| code.to_string(), |c| c.name.get(language).into())
}

/// Whether a territory's country `code` is the one a filter names: by its
/// code or its name in any language, `wanted` folded.
fn country_matches(code: &str, wanted: &str) -> bool {
    fold(code) == wanted
        || catalogue::country(code).is_some_and(|c| {
            [&c.name.es, &c.name.en, &c.name.pt, &c.name.fr]
                .iter()
                .any(|n| fold(n) == wanted)
        })
}

/// The workshops the filter keeps, newest start date first.
pub fn workshops(store: &Store, filter: &Filter, today: NaiveDate) -> Result<Vec<WorkshopRow>> {
    let conn = store.conn();
    let selected = select(conn, filter)?;
    let ids = id_list(&selected);
    let mut people: HashMap<WorkshopId, [u32; 3]> = HashMap::new();
    for h in headcounts(conn, &ids)? {
        let n = people.entry(h.workshop).or_default();
        n[0] += h.count;
        match h.gender {
            Gender::Female => n[1] += h.count,
            Gender::Male => n[2] += h.count,
            Gender::Other | Gender::NotStated => {}
        }
    }
    let commitments = commitment_counts(conn, &ids, today)?;
    let actions = action_counts(conn, &ids)?;
    Ok(selected
        .into_iter()
        .map(|w| {
            let [participants, women, men] = people.get(&w.id).copied().unwrap_or_default();
            let (commitments, overdue) = commitments.get(&w.id).copied().unwrap_or_default();
            WorkshopRow {
                countries: w.countries(),
                territories: w.territories.iter().map(|t| t.name.clone()).collect(),
                goal: w.goal(),
                actions: actions.get(&w.id).copied().unwrap_or_default(),
                id: w.id,
                title: w.title,
                start_date: w.start_date,
                facilitators: w.facilitators,
                participants,
                women,
                men,
                prioritized: w.prioritized,
                commitments,
                overdue,
                device_id: w.device_id,
                updated_at: w.updated_at,
            }
        })
        .collect())
}

pub fn totals(store: &Store, filter: &Filter, today: NaiveDate) -> Result<Totals> {
    let conn = store.conn();
    let selected = select(conn, filter)?;
    let ids = id_list(&selected);

    let mut by_country: BTreeMap<String, CountryCount> = BTreeMap::new();
    let mut municipalities: BTreeSet<(String, String)> = BTreeSet::new();
    let mut goals = [0u32; 8];
    for w in &selected {
        for c in w.countries() {
            by_country
                .entry(c.clone())
                .or_insert_with(|| CountryCount {
                    country: c,
                    workshops: 0,
                    municipalities: 0,
                    participants: 0,
                    women: 0,
                    men: 0,
                })
                .workshops += 1;
        }
        for t in &w.territories {
            if t.level == TerritoryLevel::Municipality
                && municipalities.insert((t.country.clone(), fold(&t.name)))
                && let Some(c) = by_country.get_mut(&t.country)
            {
                c.municipalities += 1;
            }
        }
        if let Some(g) = w.goal() {
            goals[usize::from(g - 1)] += 1;
        }
    }

    let home: HashMap<WorkshopId, String> = selected
        .iter()
        .filter_map(|w| Some((w.id, w.territories.first()?.country.clone())))
        .collect();
    let mut gender: HashMap<Gender, u32> = HashMap::new();
    let mut sector: HashMap<Sector, u32> = HashMap::new();
    let mut participants = 0;
    for h in headcounts(conn, &ids)? {
        participants += h.count;
        *gender.entry(h.gender).or_default() += h.count;
        *sector.entry(h.sector).or_default() += h.count;
        let country = h.country.or_else(|| home.get(&h.workshop).cloned());
        if let Some(c) = country.and_then(|c| by_country.get_mut(&c)) {
            c.participants += h.count;
            match h.gender {
                Gender::Female => c.women += h.count,
                Gender::Male => c.men += h.count,
                Gender::Other | Gender::NotStated => {}
            }
        }
    }

    let (commitments, overdue) = commitment_counts(conn, &ids, today)?
        .values()
        .fold((0, 0), |(c, o), (dc, doo)| (c + dc, o + doo));
    let mut by_country: Vec<CountryCount> = by_country.into_values().collect();
    // Stable: equal counts stay in code order.
    by_country.sort_by_key(|c| Reverse((c.participants, c.workshops)));
    Ok(Totals {
        workshops: count(selected.len() as i64),
        municipalities: count(municipalities.len() as i64),
        countries: count(by_country.len() as i64),
        participants,
        by_gender: Gender::ALL
            .iter()
            .map(|g| (*g, gender.get(g).copied().unwrap_or_default()))
            .collect(),
        by_sector: Sector::ALL
            .iter()
            .map(|s| (*s, sector.get(s).copied().unwrap_or_default()))
            .collect(),
        by_country,
        goals: (1..=8).zip(goals).collect(),
        commitments,
        overdue,
    })
}

/// Every live commitment of the workshops the filter keeps: overdue first (the
/// most days overdue first), then by due date, undated last; then newest
/// workshop first, in the order they were written.
pub fn commitments(store: &Store, filter: &Filter, today: NaiveDate) -> Result<Vec<CommitmentRow>> {
    let conn = store.conn();
    let selected = select(conn, filter)?;
    let ids = id_list(&selected);
    let place: HashMap<WorkshopId, usize> = selected
        .iter()
        .enumerate()
        .map(|(i, w)| (w.id, i))
        .collect();
    let mut out: Vec<(usize, i64, CommitmentRow)> = Vec::new();
    for c in query::commitments(conn, &ids, today)? {
        let Some(&i) = place.get(&c.workshop) else {
            continue;
        };
        let w = &selected[i];
        out.push((
            i,
            c.position,
            CommitmentRow {
                workshop_id: c.workshop,
                workshop: w.title.clone(),
                country: w.countries().join(", "),
                municipality: w.municipalities().join(", "),
                days_overdue: c
                    .due_date
                    .filter(|_| c.overdue)
                    .map(|d| (today - d).num_days()),
                who: c.who,
                institution: c.institution,
                what: c.what,
                due_date: c.due_date,
                action: c.action,
                status: c.status,
                percent: c.percent,
                overdue: c.overdue,
            },
        ));
    }
    out.sort_by_key(|(i, pos, c)| {
        (
            !c.overdue,
            Reverse(c.days_overdue),
            c.due_date.is_none(),
            c.due_date,
            *i,
            *pos,
        )
    });
    Ok(out.into_iter().map(|(_, _, c)| c).collect())
}

/// "711 participantes, 342 mujeres y 369 hombres, de 20 países": the way
/// coordinators report their workshops.
pub fn summary_line(language: Language, totals: &Totals) -> String {
    let counted = |key: &str, n: u32| {
        let one = if n == 1 { "_one" } else { "" };
        locale::format(
            language,
            &format!("coordinator.count.{key}{one}"),
            &[("n", &n.to_string())],
        )
    };
    locale::format(
        language,
        "coordinator.summary_line",
        &[
            (
                "participants",
                &counted("participants", totals.participants),
            ),
            ("women", &counted("women", totals.of_gender(Gender::Female))),
            ("men", &counted("men", totals.of_gender(Gender::Male))),
            ("countries", &counted("countries", totals.countries)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_is_found_by_its_code_or_its_name_in_any_language() {
        assert!(country_matches("HT", &fold("ht")));
        assert!(country_matches("HT", &fold("Haïti")));
        assert!(country_matches("PE", &fold("peru")));
        assert!(!country_matches("PE", &fold("Chile")));
    }

    #[test]
    fn a_blank_filter_keeps_everything() {
        let f = Filter {
            country: Some("  ".into()),
            ..Filter::default()
        };
        assert!(f.is_empty());
        assert!(
            !Filter {
                goal: Some(5),
                ..Filter::default()
            }
            .is_empty()
        );
    }
}
