//! The example workshop a first run shows: a fictional workshop of the
//! municipalities of the Itata Valley (Región de Ñuble, Chile). Names and data
//! are invented; the workshop is marked as example data everywhere it appears.

use crate::Result;
use crate::ids::WorkshopId;
use crate::participants::{self, AgeBand, Gender, ParticipantInput, Sector};
use crate::prioritization::Origin;
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

/// Example national series of Chile, roughly the shape of the published figures but
/// made up: code, then (year, value). The territories' series are derived from them.
const NATIONAL_SERIES: &[(&str, &[(i32, f64)])] = &[
    (
        "1.1",
        &[(1990, 12.9), (2000, 5.6), (2006, 3.2), (2009, 3.6)],
    ),
    ("1.2", &[(1990, 4.6), (2000, 2.1), (2006, 1.1), (2009, 1.3)]),
    ("1.8", &[(1990, 0.9), (2000, 0.7), (2006, 0.5), (2009, 0.5)]),
    (
        "2.1",
        &[(1990, 88.0), (2000, 91.5), (2006, 93.8), (2009, 94.2)],
    ),
    (
        "2.2",
        &[(1990, 86.0), (2000, 95.0), (2006, 96.4), (2009, 97.1)],
    ),
    (
        "2.3",
        &[(1990, 98.1), (2000, 98.8), (2006, 99.0), (2009, 99.1)],
    ),
    (
        "3.1",
        &[(1990, 0.97), (2000, 0.98), (2006, 0.99), (2009, 0.99)],
    ),
    (
        "4.1",
        &[(1990, 19.1), (2000, 11.2), (2006, 9.3), (2009, 8.9)],
    ),
    (
        "4.2",
        &[(1990, 16.0), (2000, 8.9), (2006, 7.6), (2009, 7.9)],
    ),
    (
        "4.3",
        &[(1990, 97.0), (2000, 97.0), (2006, 91.0), (2009, 92.0)],
    ),
    (
        "5.1",
        &[(1990, 40.0), (2000, 18.7), (2006, 19.8), (2009, 18.5)],
    ),
    (
        "5.2",
        &[(1990, 98.5), (2000, 99.6), (2006, 99.8), (2009, 99.8)],
    ),
    (
        "5.4",
        &[(1990, 66.0), (2000, 61.0), (2006, 54.0), (2009, 53.0)],
    ),
    (
        "7.8",
        &[(1990, 90.0), (2000, 93.0), (2006, 95.0), (2009, 96.0)],
    ),
    (
        "7.9",
        &[(1990, 84.0), (2000, 91.0), (2006, 94.0), (2009, 96.0)],
    ),
    ("8.16", &[(2000, 16.6), (2006, 34.5), (2009, 41.6)]),
];

/// How far each territory of `TERRITORIES` lags behind the country: 1 is the
/// national figure, 2 is twice as far from the ideal.
const LAG: &[f64] = &[1.3, 1.2, 1.7, 1.5, 1.9, 1.4];

/// A territory's value: further from the ideal (0 for what should fall, 100 % or
/// parity for what should rise) by the territory's lag.
fn lagging(direction: crate::catalogue::Direction, value: f64, lag: f64) -> f64 {
    let v = match direction {
        crate::catalogue::Direction::Decrease => value * lag,
        _ if value <= 1.5 => 1.0 - (1.0 - value) * lag,
        _ => 100.0 - (100.0 - value) * lag,
    };
    (v * 10.0).round() / 10.0
}

/// Example indicator values, a national commitment, ratings and notes of the dialogue.
fn add_stage1(store: &mut Store, w: &crate::workshop::Workshop, now: Timestamp) -> Result<()> {
    use crate::decimal::Entry;
    use crate::indicators::{self, Area, NationalTarget, ValueInput};
    let source = "Ejemplo (datos ficticios)";
    let mut values = Vec::new();
    for (code, series) in NATIONAL_SERIES {
        let direction = crate::catalogue::mdg()
            .indicator(code)
            .map_or(crate::catalogue::Direction::Increase, |i| i.direction);
        for &(year, value) in *series {
            values.push(ValueInput {
                indicator: (*code).into(),
                area: Area::Country("CL".into()),
                year,
                entry: Entry::Number(value),
                source: Some(source.into()),
            });
            for (t, lag) in w.territories.iter().zip(LAG) {
                // Small places often lack the 1990 survey: a real "not available".
                let entry = if year == 1990 && *code == "5.1" && t.name == "Cobquecura" {
                    Entry::NotAvailable
                } else {
                    Entry::Number(lagging(direction, value, *lag))
                };
                values.push(ValueInput {
                    indicator: (*code).into(),
                    area: Area::Territory(t.id),
                    year,
                    entry,
                    source: Some(source.into()),
                });
            }
        }
    }
    indicators::set_values(store, w.id, &values, now, |_| {})?;
    indicators::set_period_start(store, w.id, Some(1990), now)?;
    indicators::set_national_target(
        store,
        w.id,
        "CL",
        "5.4",
        Some(&NationalTarget {
            year: 2015,
            value: 40.0,
            source: "Ejemplo: compromiso nacional ficticio".into(),
        }),
        now,
    )?;
    indicators::set_not_applicable(store, w.id, "8.1", true, now)?;
    let ratings: &[(&str, [u32; 5])] = &[
        ("1", [0, 1, 3, 7, 9]),
        ("4", [0, 0, 2, 6, 12]),
        ("5", [1, 2, 4, 8, 5]),
        ("7", [2, 4, 6, 5, 3]),
        ("8", [5, 6, 5, 3, 1]),
    ];
    for (goal, counts) in ratings {
        crate::relevance::set_hand_counts(store, w.id, goal, *counts, now)?;
    }
    crate::relevance::set_notes(
        store,
        w.id,
        "4",
        "La mortalidad infantil bajó, pero en las comunas rurales del secano sigue sobre el promedio nacional.",
        now,
    )?;
    crate::relevance::set_notes(
        store,
        w.id,
        "1",
        "La pobreza extrema casi desapareció en el país; en el valle persiste en el trabajo agrícola de temporada.",
        now,
    )?;
    Ok(())
}

/// The candidates: three targets the diagnostic proposes (the health ones the room
/// cared about; 2.A is left out) and one the room added by hand, prompted by the
/// notes on seasonal farm work.
const CANDIDATES: &[(&str, Origin)] = &[
    ("5.B", Origin::Proposed),
    ("5.A", Origin::Proposed),
    ("4.A", Origin::Proposed),
    ("1.B", Origin::Added),
];

/// The 100 points over the default criteria, in their order: gap, trend, most
/// vulnerable, municipal competence, feasibility, links, urgency.
const POINTS: [i64; 7] = [25, 15, 20, 10, 10, 5, 15];

/// Per candidate (as in `CANDIDATES`): the score a typical person gives on each
/// criterion, and how far people's leanings swing it. The room agrees on 5.B, is
/// split on 1.B (community and private sector for it, municipal staff doubtful).
const PROFILES: [([i64; 7], i64); 4] = [
    ([5, 4, 5, 4, 4, 4, 5], 0),
    ([4, 3, 5, 3, 3, 4, 4], 1),
    ([3, 3, 4, 3, 4, 3, 3], 1),
    ([4, 3, 4, 2, 2, 3, 5], 2),
];

/// Small disagreements on single scores, read off in a fixed order so the example
/// is the same every time.
const WOBBLE: [i64; 13] = [0, 1, -1, 0, 0, 1, 0, -1, 0, 0, -1, 1, 0];
/// Each person's leaning, applied with a candidate's swing.
const LEANING: [i64; 18] = [0, 1, -1, 0, 1, 0, -1, 0, 0, 1, -1, 0, 0, -1, 1, 0, 0, 1];
const PHONES: usize = 14;
/// Paper ballots typed in after the vote closed (no slips were printed for them).
const PAPER: [&str; 4] = ["H3K7M", "P9R4T", "W2X8Z", "C5N6Q"];

fn score(person: usize, candidate: usize, criterion: usize) -> i64 {
    let (base, swing) = PROFILES[candidate];
    let wobble = WOBBLE[(person * 3 + criterion * 5 + candidate * 7) % WOBBLE.len()];
    // The split candidate divides the room in two; the others lean person by person.
    let leaning = if swing > 1 {
        if person % 2 == 0 { 1 } else { -1 }
    } else {
        LEANING[(person + candidate * 5) % LEANING.len()]
    };
    (base[criterion] + wobble + leaning * swing).clamp(1, 5)
}

/// The causes of the prioritized problem, and how much each influences the others
/// (row on column, 0–3). With these values every quadrant has a cause: 3 is
/// critical, 1 and 2 active, 4 passive, 5 and 6 indifferent.
const CAUSES: [&str; 6] = [
    "Distancia y escaso transporte a las postas rurales",
    "Pocas matronas en las postas del secano",
    "Baja cobertura de planificación familiar en adolescentes",
    "Abandono escolar de madres adolescentes",
    "Registros de salud incompletos entre comunas",
    "Poca educación sexual en las escuelas rurales",
];
const INFLUENCE: [[i64; 6]; 6] = [
    [0, 2, 3, 2, 1, 1],
    [1, 0, 3, 2, 2, 1],
    [0, 1, 0, 3, 2, 1],
    [0, 1, 2, 0, 1, 2],
    [0, 1, 1, 1, 0, 0],
    [0, 0, 2, 3, 0, 0],
];

const REASONS: &str = "La tasa de natalidad adolescente de las comunas del secano supera la \
    del país en todas ellas (en Trehuaco casi la duplica) y no baja al ritmo del \
    compromiso nacional. La sala la calificó primera en casi todos los criterios y con alto \
    acuerdo; las postas y las escuelas rurales son municipales, lo que da margen de acción \
    propio. Atenderla ayuda también a la mortalidad materna e infantil (metas 5.A y 4.A).";

/// Stage 2 as the facilitator ran it: candidates, the agreed weights, the room's
/// scores (phones, then paper), the decision, and the Vester matrix of its causes.
fn add_stage2(store: &mut Store, w: WorkshopId, now: Timestamp) -> Result<()> {
    use crate::prioritization::{self as p, SubjectKind};
    use crate::vester::{self, TreePlace};
    use crate::voting::{self, BallotRequest, Voter};

    p::start(store, w, now)?;
    let mut candidates = Vec::new();
    for (code, origin) in CANDIDATES {
        candidates.push(p::add_candidate(
            store,
            w,
            SubjectKind::Target,
            code,
            *origin,
            now,
        )?);
    }
    let criteria = p::criteria(store, w)?;
    let points: Vec<_> = criteria.iter().map(|c| c.id).zip(POINTS).collect();
    p::set_points(store, w, &points, now)?;

    let q = p::open_scoring(store, w, now)?;
    let ballot = |person: usize| {
        let scores: serde_json::Map<String, serde_json::Value> = candidates
            .iter()
            .enumerate()
            .map(|(c, id)| {
                let row: serde_json::Map<String, serde_json::Value> = criteria
                    .iter()
                    .enumerate()
                    .map(|(k, criterion)| {
                        let key = voting::option_id(q.id, &criterion.id.to_string()).to_string();
                        (key, score(person, c, k).into())
                    })
                    .collect();
                (
                    voting::option_id(q.id, &id.to_string()).to_string(),
                    row.into(),
                )
            })
            .collect();
        serde_json::json!({ "scores": scores })
    };
    let phones: Vec<BallotRequest> = (0..PHONES)
        .map(|person| BallotRequest {
            question: q.id,
            voter: Voter::Phone(crate::phones::token_hash(&format!("ejemplo-{person}"))),
            client_ballot_id: None,
            answer: ballot(person),
        })
        .collect();
    for cast in voting::cast_many(store, w, &phones, now)? {
        cast?;
    }
    voting::set_open(store, q.id, false, now)?;
    let paper: Vec<BallotRequest> = PAPER
        .iter()
        .enumerate()
        .map(|(i, slip)| BallotRequest {
            question: q.id,
            voter: Voter::Paper((*slip).into()),
            client_ballot_id: None,
            answer: ballot(PHONES + i),
        })
        .collect();
    for cast in voting::cast_many(store, w, &paper, now)? {
        cast?;
    }
    voting::set_revealed(store, q.id, true, now)?;
    p::decide(store, w, candidates[0], REASONS, now)?;

    let mut causes = Vec::new();
    for label in CAUSES {
        causes.push(vester::add_cause(store, w, label, &[], now)?);
    }
    for (i, row) in INFLUENCE.iter().enumerate() {
        for (j, value) in row.iter().enumerate() {
            if i != j {
                vester::set_influence(store, w, causes[i], causes[j], *value, now)?;
            }
        }
    }
    // The room saw sex education as a cause of the problem, whatever its sums say.
    vester::set_place(store, causes[5], Some(TreePlace::Cause), now)?;
    Ok(())
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
    add_stage1(store, &w, now)?;
    add_stage2(store, w.id, now)?;
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

    #[test]
    fn the_example_has_lights_for_every_territory_and_a_rated_dialogue() {
        let mut store = Store::open_in_memory().unwrap();
        let id = create(&mut store, chrono::Utc::now()).unwrap();
        let sheet = crate::indicators::sheet(&store, id).unwrap();
        assert_eq!(sheet.areas.len(), 7);
        let u5 = sheet.indicator("4.1").unwrap();
        assert!(
            u5.series
                .iter()
                .all(|s| s.assessment.light != crate::diagnostic::Light::NoData)
        );
        assert!(u5.comparison.is_some());
        assert_eq!(
            sheet.indicator("5.4").unwrap().series[0]
                .assessment
                .target
                .as_ref()
                .map(|t| t.origin),
            Some(crate::diagnostic::TargetOrigin::National)
        );
        let relevance = crate::relevance::summary(&store, id).unwrap();
        assert_eq!(relevance.goals[0].goal, "4");
        assert_eq!(
            relevance.goals.iter().filter(|g| g.rank.is_some()).count(),
            5
        );
    }

    #[test]
    fn the_example_has_a_decision_on_scored_candidates_and_a_filled_vester_matrix() {
        use crate::prioritization::{self, Agreement, WeightMethod};
        use crate::vester::{self, Quadrant};
        let mut store = Store::open_in_memory().unwrap();
        let id = create(&mut store, chrono::Utc::now()).unwrap();
        let board = prioritization::board(&store, id).unwrap();
        assert_eq!(board.candidates.len(), 4);
        assert_eq!(board.weights.method, WeightMethod::Points);
        assert_eq!(board.weights.issue, None);
        assert_eq!(board.results.scorers, 18);
        let decision = board.decision.as_ref().expect("a decision");
        assert_eq!(decision.code, "5.B");
        assert!(decision.reasons.contains("natalidad adolescente"));
        // The decision follows the scores, and the room agreed more on some
        // candidates than on others.
        let ranking = &board.results.ranking;
        assert_eq!(
            board.candidates[ranking.candidates[0].candidate].code,
            "5.B"
        );
        assert!(ranking.candidates.iter().all(|c| c.rank.is_some()));
        let mut levels: Vec<Agreement> = ranking
            .candidates
            .iter()
            .filter_map(|c| c.agreement)
            .collect();
        levels.sort();
        levels.dedup();
        assert!(levels.len() >= 2, "{levels:?}");

        let matrix = vester::matrix(&store, id).unwrap();
        assert_eq!(matrix.causes.len(), 6);
        assert_eq!(matrix.filled, matrix.cells);
        for q in [
            Quadrant::Critical,
            Quadrant::Active,
            Quadrant::Passive,
            Quadrant::Indifferent,
        ] {
            assert!(matrix.causes.iter().any(|c| c.quadrant == q), "{q:?}");
        }
        assert_eq!(matrix.causes.iter().filter(|c| c.place_moved).count(), 1);
    }
}
