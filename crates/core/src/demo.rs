//! The example workshop a first run shows: a fictional workshop of the
//! municipalities of the Itata Valley (Región de Ñuble, Chile). Names and data
//! are invented; the workshop is marked as example data everywhere it appears.

use crate::Result;
use crate::ids::WorkshopId;
use crate::participants::{self, AgeBand, Gender, ParticipantInput, Sector};
use crate::store::Store;
use crate::time::Timestamp;
use crate::workshop::{
    self, AgendaItemInput, Language, Stage, TerritoryInput, TerritoryLevel, WorkshopInput,
};

const TERRITORIES: &[(&str, TerritoryLevel)] = &[
    (
        "Asociación de Municipios del Valle del Itata",
        TerritoryLevel::Association,
    ),
    ("Quirihue", TerritoryLevel::Municipality),
    ("Cobquecura", TerritoryLevel::Municipality),
    ("Ninhue", TerritoryLevel::Municipality),
    ("Trehuaco", TerritoryLevel::Municipality),
    ("Portezuelo", TerritoryLevel::Municipality),
];

const AGENDA: &[(&str, Stage, i64)] = &[
    (
        "Bienvenida y presentación de los ODM",
        Stage::Preparation,
        30,
    ),
    (
        "Diagnóstico actualizado del territorio",
        Stage::Relevance,
        60,
    ),
    (
        "Diálogo sobre la pertinencia de los ODM",
        Stage::Relevance,
        90,
    ),
    (
        "Priorización de un ODM rezagado",
        Stage::Prioritization,
        120,
    ),
    (
        "Análisis de causas: matriz de Vester",
        Stage::Prioritization,
        90,
    ),
    ("Matriz de acciones potenciales", Stage::Actions, 120),
    (
        "Agenda de compromisos y programa de seguimiento",
        Stage::Actions,
        60,
    ),
];

/// name, gender, sector, institution, territory (index in TERRITORIES), role, consent
type Person = (
    &'static str,
    Gender,
    Sector,
    &'static str,
    usize,
    &'static str,
    bool,
);

const PEOPLE: &[Person] = &[
    (
        "Begoña Núñez Sepúlveda",
        Gender::Female,
        Sector::Municipality,
        "Municipalidad de Quirihue",
        1,
        "Directora de Desarrollo Comunitario",
        true,
    ),
    (
        "José Ignacio Muñoz",
        Gender::Male,
        Sector::Municipality,
        "Municipalidad de Quirihue",
        1,
        "Secretario Comunal de Planificación",
        true,
    ),
    (
        "María Angélica Fuentes",
        Gender::Female,
        Sector::Municipality,
        "Municipalidad de Cobquecura",
        2,
        "Encargada de salud",
        true,
    ),
    (
        "Héctor Sáez Contreras",
        Gender::Male,
        Sector::Municipality,
        "Municipalidad de Cobquecura",
        2,
        "Concejal",
        true,
    ),
    (
        "Carolina Ñancupil",
        Gender::Female,
        Sector::Community,
        "Junta de Vecinos El Boldo",
        2,
        "Presidenta",
        true,
    ),
    (
        "Patricio Rojas Lagos",
        Gender::Male,
        Sector::Municipality,
        "Municipalidad de Ninhue",
        3,
        "Director de Obras",
        false,
    ),
    (
        "Ximena Andrade",
        Gender::Female,
        Sector::PublicAdministration,
        "Seremi de Desarrollo Social, Ñuble",
        3,
        "Profesional de apoyo",
        true,
    ),
    (
        "Luis Alberto Peña",
        Gender::Male,
        Sector::Community,
        "Comité de Agua Potable Rural de Ninhue",
        3,
        "Tesorero",
        true,
    ),
    (
        "Rosa Elvira Cárcamo",
        Gender::Female,
        Sector::Municipality,
        "Municipalidad de Trehuaco",
        4,
        "Directora de Educación",
        true,
    ),
    (
        "Sebastián Úbeda",
        Gender::Male,
        Sector::Private,
        "Cooperativa Vitivinícola del Itata",
        4,
        "Gerente",
        true,
    ),
    (
        "Daniela Soto Bravo",
        Gender::Female,
        Sector::Ngo,
        "ONG Mujeres del Secano",
        4,
        "Coordinadora",
        true,
    ),
    (
        "Manuel Jesús Ortiz",
        Gender::Male,
        Sector::Municipality,
        "Municipalidad de Portezuelo",
        5,
        "Alcalde",
        true,
    ),
    (
        "Francisca Valdés",
        Gender::Female,
        Sector::University,
        "Universidad del Bío-Bío",
        5,
        "Investigadora",
        true,
    ),
    (
        "Andrés Henríquez",
        Gender::Male,
        Sector::PublicAdministration,
        "Gobierno Regional de Ñuble",
        0,
        "Analista de planificación",
        false,
    ),
    (
        "Gloria Inés Parra",
        Gender::Female,
        Sector::Municipality,
        "Asociación de Municipios del Valle del Itata",
        0,
        "Secretaria ejecutiva",
        true,
    ),
    (
        "Ramón Alarcón",
        Gender::Male,
        Sector::Community,
        "Unión Comunal de Juntas de Vecinos de Quirihue",
        1,
        "Dirigente",
        true,
    ),
    (
        "Javiera Leiva Oñate",
        Gender::Female,
        Sector::Municipality,
        "Municipalidad de Quirihue",
        1,
        "Encargada de Fomento Productivo",
        true,
    ),
    (
        "Alex Quezada",
        Gender::Other,
        Sector::Ngo,
        "Red Juvenil del Itata",
        0,
        "Vocero",
        true,
    ),
    (
        "Teresa del Carmen Vera",
        Gender::Female,
        Sector::Community,
        "Club de Adulto Mayor de Trehuaco",
        4,
        "Presidenta",
        true,
    ),
    (
        "Claudio Riquelme",
        Gender::NotStated,
        Sector::Private,
        "Cámara de Comercio de Quirihue",
        1,
        "Socio",
        false,
    ),
];

fn input() -> WorkshopInput {
    WorkshopInput {
        title: "Municipalización de los ODM — Valle del Itata, Región de Ñuble (ejemplo)".into(),
        start_date: "2026-04-14".into(),
        end_date: "2026-04-15".into(),
        language: Some(Language::Es),
        facilitators: vec!["Marcela Tapia (ILPES)".into(), "Rodrigo Sanhueza".into()],
        territories: TERRITORIES
            .iter()
            .map(|(name, level)| TerritoryInput {
                id: None,
                name: (*name).into(),
                level: *level,
                country: "CL".into(),
            })
            .collect(),
        agenda: AGENDA
            .iter()
            .map(|(title, stage, minutes)| AgendaItemInput {
                id: None,
                title: (*title).into(),
                stage: *stage,
                minutes: *minutes,
            })
            .collect(),
    }
}

/// Adds a new copy of the example workshop and returns it.
pub fn create(store: &mut Store, now: Timestamp) -> Result<WorkshopId> {
    let w = workshop::create_example(store, &input(), now)?;
    let days: Vec<String> = w.days().iter().map(|d| d.to_string()).collect();
    let bands = [
        AgeBand::From30To44,
        AgeBand::From45To59,
        AgeBand::From18To29,
        AgeBand::Over60,
    ];
    let people: Vec<ParticipantInput> = PEOPLE
        .iter()
        .enumerate()
        .map(
            |(i, (name, gender, sector, institution, territory, role, consent))| ParticipantInput {
                name: (*name).into(),
                gender: *gender,
                sector: *sector,
                institution: (*institution).into(),
                territory_id: Some(w.territories[*territory].id),
                role: (*role).into(),
                age_band: Some(bands[i % bands.len()]),
                email: None,
                phone: None,
                consent_listed: *consent,
                // Most came both days; every fifth person only the first.
                attendance: if i % 5 == 4 {
                    days[..1].to_vec()
                } else {
                    days.clone()
                },
            },
        )
        .collect();
    participants::add_all(store, w.id, &people, now)?;
    Ok(w.id)
}

/// On an empty database (a first run), adds the example so the first screen is
/// not blank. Returns the new workshop, if one was added.
pub fn ensure(store: &mut Store, now: Timestamp) -> Result<Option<WorkshopId>> {
    let any: bool = store
        .conn()
        .query_row("SELECT EXISTS (SELECT 1 FROM workshops)", [], |r| r.get(0))?;
    if any {
        return Ok(None);
    }
    create(store, now).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_run_gets_one_example_workshop_with_twenty_participants() {
        let mut store = Store::open_in_memory().unwrap();
        let id = ensure(&mut store, chrono::Utc::now()).unwrap();
        assert!(id.is_some());
        assert_eq!(ensure(&mut store, chrono::Utc::now()).unwrap(), None);
        let list = workshop::list(&store, false).unwrap();
        assert_eq!(list.len(), 1);
        assert!(list[0].is_example);
        assert_eq!(list[0].participant_count, 20);
        assert_eq!(list[0].territories.len(), 6);
    }
}
