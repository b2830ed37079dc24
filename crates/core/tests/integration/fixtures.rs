//! Shared set-up: a database file in a temporary folder, the Itata workshop input.

use std::path::PathBuf;

use cabildo_core::participants::{Gender, ParticipantInput, Sector};
use cabildo_core::workshop::{Language, Stage, TerritoryInput, TerritoryLevel, WorkshopInput};
use cabildo_core::{Store, bundle};
use chrono::{DateTime, TimeZone, Utc};

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
}

pub struct TempDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> TempDb {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cabildo.sqlite3");
        TempDb { dir, path }
    }

    pub fn open(&self) -> Store {
        Store::open(&self.path, at(1, 9)).unwrap()
    }
}

pub fn workshop_input() -> WorkshopInput {
    WorkshopInput {
        title: "Taller ODM — Región de Ñuble".into(),
        start_date: "2026-03-10".into(),
        end_date: "2026-03-11".into(),
        language: Some(Language::Es),
        facilitators: vec!["Ana Pérez".into()],
        territories: vec![
            TerritoryInput {
                id: None,
                name: "Quirihue".into(),
                level: TerritoryLevel::Municipality,
                country: "CL".into(),
            },
            TerritoryInput {
                id: None,
                name: "São Paulo".into(),
                level: TerritoryLevel::Municipality,
                country: "BR".into(),
            },
        ],
        agenda: vec![cabildo_core::workshop::AgendaItemInput {
            id: None,
            title: "Diálogo sobre la pertinencia".into(),
            stage: Stage::Relevance,
            minutes: 90,
        }],
    }
}

pub fn person(name: &str, gender: Gender, sector: Sector) -> ParticipantInput {
    ParticipantInput {
        name: name.into(),
        gender,
        sector,
        institution: "Municipalidad".into(),
        territory_id: None,
        role: String::new(),
        age_band: None,
        email: None,
        phone: None,
        consent_listed: true,
        attendance: vec!["2026-03-10".into()],
    }
}

/// Every row of every workshop, as JSON text: two databases hold the same
/// workshops exactly when their snapshots are equal.
pub fn snapshot(store: &Store) -> String {
    let ids: Vec<_> = cabildo_core::workshop::list(store, true)
        .unwrap()
        .into_iter()
        .map(|w| w.id)
        .collect();
    let all: Vec<_> = ids
        .into_iter()
        .map(|id| bundle::tables_of(store, id).unwrap())
        .collect();
    serde_json::to_string_pretty(&all).unwrap()
}
