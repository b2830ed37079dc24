//! The participant register of a workshop and its totals by gender, sector and
//! territory (what coordinators report: "711 participants, 342 women…").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{ParticipantId, TerritoryId, WorkshopId};
use crate::store::{self, Store};
use crate::text_enum::text_enum;
use crate::time::{Timestamp, parse_date};
use crate::workshop::{self, Workshop};
use crate::{Error, Result};

const PARTICIPANTS: &str = "participants";

text_enum!(Gender {
    Female => "female",
    Male => "male",
    Other => "other",
    NotStated => "not_stated",
});

text_enum!(Sector {
    PublicAdministration => "public_administration",
    Municipality => "municipality",
    Ngo => "ngo",
    University => "university",
    Private => "private",
    Community => "community",
    Other => "other",
});

text_enum!(AgeBand {
    Under18 => "under_18",
    From18To29 => "from_18_to_29",
    From30To44 => "from_30_to_44",
    From45To59 => "from_45_to_59",
    Over60 => "over_60",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ParticipantId,
    pub workshop_id: WorkshopId,
    pub name: String,
    pub gender: Gender,
    pub sector: Sector,
    pub institution: String,
    pub territory_id: Option<TerritoryId>,
    pub role: String,
    pub age_band: Option<AgeBand>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Whether the person agreed to appear by name in lists and reports.
    pub consent_listed: bool,
    /// The workshop days the person attended.
    pub attendance: Vec<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantInput {
    pub name: String,
    pub gender: Gender,
    pub sector: Sector,
    #[serde(default)]
    pub institution: String,
    pub territory_id: Option<TerritoryId>,
    #[serde(default)]
    pub role: String,
    pub age_band: Option<AgeBand>,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub consent_listed: bool,
    #[serde(default)]
    pub attendance: Vec<String>,
}

/// A participant record that passed every check against its workshop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidParticipant {
    pub name: String,
    pub gender: Gender,
    pub sector: Sector,
    pub institution: String,
    pub territory_id: Option<TerritoryId>,
    pub role: String,
    pub age_band: Option<AgeBand>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub consent_listed: bool,
    pub attendance: Vec<NaiveDate>,
}

fn optional(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

impl ParticipantInput {
    pub fn validate(&self, workshop: &Workshop) -> Result<ValidParticipant> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::NameEmpty);
        }
        if let Some(t) = self.territory_id
            && workshop.territory(t).is_none()
        {
            return Err(Error::UnknownTerritory);
        }
        let email = optional(&self.email);
        if let Some(e) = &email
            && !plausible_email(e)
        {
            return Err(Error::BadEmail { value: e.clone() });
        }
        let mut attendance = self
            .attendance
            .iter()
            .map(|d| {
                let day = parse_date(d)?;
                if day < workshop.start_date || day > workshop.end_date {
                    return Err(Error::AttendanceOutsideWorkshop { date: d.clone() });
                }
                Ok(day)
            })
            .collect::<Result<Vec<_>>>()?;
        attendance.sort();
        attendance.dedup();
        Ok(ValidParticipant {
            name: name.to_string(),
            gender: self.gender,
            sector: self.sector,
            institution: self.institution.trim().to_string(),
            territory_id: self.territory_id,
            role: self.role.trim().to_string(),
            age_band: self.age_band,
            email,
            phone: optional(&self.phone),
            consent_listed: self.consent_listed,
            attendance,
        })
    }
}

pub fn add(
    store: &mut Store,
    workshop_id: WorkshopId,
    input: &ParticipantInput,
    now: Timestamp,
) -> Result<Participant> {
    let workshop = workshop::get(store, workshop_id)?;
    let valid = input.validate(&workshop)?;
    let id = ParticipantId::new();
    store.with_tx(|tx, device| {
        store::participants::insert(tx, device, workshop_id, id, &valid, now)
    })?;
    get(store, id)
}

/// Adds many at once, in one transaction: all or none.
pub fn add_all(
    store: &mut Store,
    workshop_id: WorkshopId,
    inputs: &[ParticipantInput],
    now: Timestamp,
) -> Result<Vec<ParticipantId>> {
    let workshop = workshop::get(store, workshop_id)?;
    let valid = inputs
        .iter()
        .map(|i| i.validate(&workshop))
        .collect::<Result<Vec<_>>>()?;
    store.with_tx(|tx, device| {
        valid
            .iter()
            .map(|v| {
                let id = ParticipantId::new();
                store::participants::insert(tx, device, workshop_id, id, v, now).map(|()| id)
            })
            .collect()
    })
}

pub fn update(
    store: &mut Store,
    workshop_id: WorkshopId,
    id: ParticipantId,
    input: &ParticipantInput,
    now: Timestamp,
) -> Result<Participant> {
    store::owned(store.conn(), PARTICIPANTS, &id, workshop_id, "participant")?;
    let workshop = workshop::get(store, workshop_id)?;
    let valid = input.validate(&workshop)?;
    store.with_tx(|tx, device| {
        store::owned(tx, PARTICIPANTS, &id, workshop_id, "participant")?;
        store::participants::update(tx, device, id, &valid, now)
    })?;
    get(store, id)
}

/// Removal is kept as a tombstone so that it travels in bundles like any edit.
pub fn remove(
    store: &mut Store,
    workshop_id: WorkshopId,
    id: ParticipantId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, PARTICIPANTS, &id, workshop_id, "participant")?;
        store::participants::remove(tx, device, id, now)
    })
}

pub fn get(store: &Store, id: ParticipantId) -> Result<Participant> {
    store::participants::get(store.conn(), id)
}

pub fn list(store: &Store, workshop_id: WorkshopId) -> Result<Vec<Participant>> {
    store::participants::list(store.conn(), workshop_id)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count<K> {
    pub key: K,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerritoryCount {
    pub territory_id: Option<TerritoryId>,
    pub name: Option<String>,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub total: u32,
    /// Every gender in a fixed order, zeros included, so charts keep their shape.
    pub by_gender: Vec<Count<Gender>>,
    pub by_sector: Vec<Count<Sector>>,
    /// The workshop's territories in order, then those without a territory if any.
    pub by_territory: Vec<TerritoryCount>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn totals_of(workshop: &Workshop, people: &[Participant]) -> Totals {
    let mut by_territory: Vec<TerritoryCount> = workshop
        .territories
        .iter()
        .map(|t| TerritoryCount {
            territory_id: Some(t.id),
            name: Some(t.name.clone()),
            count: count(
                people
                    .iter()
                    .filter(|p| p.territory_id == Some(t.id))
                    .count(),
            ),
        })
        .collect();
    let without = people
        .iter()
        .filter(|p| {
            p.territory_id
                .is_none_or(|t| workshop.territory(t).is_none())
        })
        .count();
    if without > 0 {
        by_territory.push(TerritoryCount {
            territory_id: None,
            name: None,
            count: count(without),
        });
    }
    Totals {
        total: count(people.len()),
        by_gender: Gender::ALL
            .iter()
            .map(|&g| Count {
                key: g,
                count: count(people.iter().filter(|p| p.gender == g).count()),
            })
            .collect(),
        by_sector: Sector::ALL
            .iter()
            .map(|&s| Count {
                key: s,
                count: count(people.iter().filter(|p| p.sector == s).count()),
            })
            .collect(),
        by_territory,
    }
}

pub fn totals(store: &Store, workshop_id: WorkshopId) -> Result<Totals> {
    let workshop = workshop::get(store, workshop_id)?;
    Ok(totals_of(&workshop, &list(store, workshop_id)?))
}
