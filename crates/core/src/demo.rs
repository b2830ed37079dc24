//! The example workshop a first run shows: a fictional workshop of the
//! municipalities of the Itata Valley (Región de Ñuble, Chile). Names and data
//! are invented; the workshop is marked as example data everywhere it appears.

use crate::Result;
use crate::actions::follow_up::Status;
use crate::actors::{ActorType, Stance};
use crate::ids::WorkshopId;
use crate::institutions::{DefaultArea, Level};
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
    voting::set_open(store, w, q.id, false, now)?;
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
    voting::set_revealed(store, w, q.id, true, now)?;
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
    vester::set_place(store, w, causes[5], Some(TreePlace::Cause), now)?;
    Ok(())
}

/// Institutional areas as the room rated them (capacity 1–5 and the gaps); three
/// come out weak, and the actions strengthen them.
const AREAS: &[(DefaultArea, i64, &str)] = &[
    (
        DefaultArea::Planning,
        3,
        "El PLADECO de cada comuna menciona la salud adolescente, pero sin metas ni responsables.",
    ),
    (
        DefaultArea::Finance,
        2,
        "La salud primaria depende del per cápita; no hay presupuesto propio para prevención.",
    ),
    (
        DefaultArea::SocialDevelopment,
        3,
        "Programas sociales dispersos; poca coordinación con salud y educación.",
    ),
    (
        DefaultArea::Health,
        4,
        "Cesfam y postas con buena cobertura de controles, salvo en los sectores más aislados.",
    ),
    (
        DefaultArea::Education,
        3,
        "Orientadores en los liceos, sin formación en educación sexual integral.",
    ),
    (
        DefaultArea::InformationSystems,
        1,
        "Registros de embarazo adolescente en papel; las comunas no comparten datos.",
    ),
    (
        DefaultArea::HumanResources,
        2,
        "Una matrona para tres postas rurales; alta rotación de profesionales.",
    ),
    (
        DefaultArea::Coordination,
        3,
        "Buena relación con la SEREMI, pero sin una instancia intercomunal estable.",
    ),
    (
        DefaultArea::Participation,
        4,
        "Juntas de vecinos y organizaciones juveniles activas y dispuestas a colaborar.",
    ),
];

/// Who holds competence for target 5.B at each level: unit, notes.
const COMPETENCES: [(Level, &str, &str); 3] = [
    (
        Level::National,
        "Ministerio de Salud — Programa Nacional de Salud Integral de Adolescentes y Jóvenes",
        "Dicta las normas, financia los anticonceptivos y los Espacios Amigables.",
    ),
    (
        Level::Regional,
        "SEREMI de Salud Ñuble y Servicio de Salud Ñuble",
        "Supervisa la red asistencial, asigna matronas y distribuye los fármacos.",
    ),
    (
        Level::Municipal,
        "Departamentos de Salud Municipal (Cesfam y postas rurales) y DAEM",
        "Atención primaria y educación en las escuelas municipales; brecha: postas sin matrona estable.",
    ),
];

/// name, type, stance, power, interest, notes. Every type of actor is on the map,
/// and one group opposes part of the plan.
const ACTORS: &[(&str, ActorType, Stance, i64, i64, &str)] = &[
    (
        "Ministerio de Salud",
        ActorType::Public,
        Stance::Supportive,
        5,
        2,
        "Financia el programa Espacio Amigable.",
    ),
    (
        "SEREMI de Salud Ñuble",
        ActorType::Public,
        Stance::Supportive,
        4,
        5,
        "Entrega los datos de nacidos vivos por comuna.",
    ),
    (
        "Cesfam de Quirihue",
        ActorType::Public,
        Stance::Supportive,
        3,
        5,
        "Matronas y psicólogo para la atención de adolescentes.",
    ),
    (
        "Liceo de Ninhue",
        ActorType::Public,
        Stance::Supportive,
        2,
        4,
        "Ofrece horas de orientación y salas.",
    ),
    (
        "Junta de Vecinos El Boldo",
        ActorType::CivilSociety,
        Stance::Neutral,
        1,
        4,
        "Convoca a las familias del sector.",
    ),
    (
        "Centro General de Padres y Apoderados del Liceo de Ninhue",
        ActorType::CivilSociety,
        Stance::Opposed,
        2,
        4,
        "Parte de los apoderados rechaza la educación sexual en el liceo.",
    ),
    (
        "UNFPA",
        ActorType::International,
        Stance::Supportive,
        3,
        3,
        "Asistencia técnica y apoyo a la sistematización.",
    ),
    (
        "Universidad de Concepción",
        ActorType::Academia,
        Stance::Supportive,
        2,
        3,
        "Formación docente y análisis de datos.",
    ),
    (
        "Cooperativa Vitivinícola del Itata",
        ActorType::Private,
        Stance::Neutral,
        2,
        1,
        "Emplea a jóvenes en la temporada de vendimia.",
    ),
];

const LINES: [&str; 3] = [
    "Acceso de adolescentes a la salud sexual y reproductiva",
    "Educación sexual integral en escuelas y liceos rurales",
    "Información y coordinación intercomunal",
];

/// The matrix: one action per entry, with the actors (indices in `ACTORS`) it
/// counts on and the area it strengthens.
struct DemoAction {
    line: usize,
    title: &'static str,
    goal: &'static str,
    indicator: (&'static str, &'static str, Option<&'static str>),
    baseline: (f64, &'static str),
    target: (f64, &'static str),
    unit: &'static str,
    partners: &'static [(usize, &'static str)],
    dates: (&'static str, &'static str),
    money: (f64, &'static str, &'static str),
    area: DefaultArea,
    risks: &'static str,
    placement: (i64, i64),
}

const ACTIONS: &[DemoAction] = &[
    DemoAction {
        line: 0,
        title: "Espacio Amigable para adolescentes en el Cesfam de Quirihue",
        goal: "Atención confidencial y sin cita para adolescentes de las cinco comunas.",
        indicator: (
            "Adolescentes de 15 a 19 años con control de salud sexual y reproductiva",
            "%",
            None,
        ),
        baseline: (18.0, "2025-12-31"),
        target: (45.0, "2027-12-31"),
        unit: "Departamento de Salud Municipal de Quirihue",
        partners: &[
            (0, "Financia el programa"),
            (2, "Horas de matrona y de psicólogo"),
        ],
        dates: ("2026-06-01", "2027-05-31"),
        money: (
            24_000_000.0,
            "CLP",
            "Ministerio de Salud (programa Espacio Amigable)",
        ),
        area: DefaultArea::HumanResources,
        risks: "Rotación de profesionales; baja asistencia si no se garantiza la confidencialidad.",
        placement: (5, 4),
    },
    DemoAction {
        line: 0,
        title: "Ronda mensual de matrona en las postas rurales del secano",
        goal: "Que cada posta rural tenga atención de matrona al menos una vez al mes.",
        indicator: (
            "Uso de anticonceptivos en adolescentes con vida sexual activa",
            "%",
            Some("5.3"),
        ),
        baseline: (52.0, "2025-12-31"),
        target: (70.0, "2027-12-31"),
        unit: "Departamento de Salud Municipal de Ninhue",
        partners: &[
            (1, "Asigna horas de matrona de la red"),
            (4, "Difunde la ronda y presta la sede"),
        ],
        dates: ("2026-05-01", "2026-10-31"),
        money: (9_600_000.0, "CLP", "Presupuesto municipal (salud)"),
        area: DefaultArea::HumanResources,
        risks: "Caminos cortados en invierno; falta de vehículo para la ronda.",
        placement: (4, 3),
    },
    DemoAction {
        line: 1,
        title: "Educación sexual integral en el Liceo de Ninhue y las escuelas rurales",
        goal: "Que todo estudiante de 7.º básico a 4.º medio complete el programa.",
        indicator: ("Estudiantes que completan el programa", "estudiantes", None),
        baseline: (0.0, "2026-03-01"),
        target: (600.0, "2027-07-31"),
        unit: "DAEM de Ninhue",
        partners: &[
            (3, "Horas de orientación y salas"),
            (7, "Materiales y formación docente"),
            (6, "Asistencia técnica"),
        ],
        dates: ("2026-08-01", "2027-07-31"),
        money: (15_000_000.0, "CLP", "FNDR Gobierno Regional de Ñuble"),
        area: DefaultArea::Education,
        risks: "Rechazo de parte de los apoderados; cambio de directivos.",
        placement: (5, 3),
    },
    DemoAction {
        line: 1,
        title: "Talleres con familias y juntas de vecinos sobre prevención del embarazo adolescente",
        goal: "Que madres, padres y vecinos hablen del tema y conozcan la oferta de salud.",
        indicator: ("Talleres realizados", "talleres", None),
        baseline: (0.0, "2026-04-15"),
        target: (20.0, "2026-12-15"),
        unit: "Dirección de Desarrollo Comunitario de Quirihue",
        partners: &[(4, "Convoca a las familias"), (5, "Participa en el diseño")],
        dates: ("2026-07-01", "2026-12-15"),
        money: (3_500_000.0, "CLP", "Presupuesto municipal (DIDECO)"),
        area: DefaultArea::Participation,
        risks: "Baja convocatoria en época de cosecha.",
        placement: (3, 5),
    },
    DemoAction {
        line: 2,
        title: "Registro intercomunal de embarazo adolescente",
        goal: "Un registro común de las cinco comunas, actualizado cada trimestre.",
        indicator: (
            "Tasa de fecundidad adolescente (por 1.000 mujeres de 15 a 19 años)",
            "por 1.000",
            Some("5.4"),
        ),
        baseline: (68.4, "2024-12-31"),
        target: (50.0, "2027-12-31"),
        unit: "Secretaría Ejecutiva de la Asociación de Municipios del Valle del Itata",
        partners: &[(1, "Datos de nacidos vivos"), (7, "Análisis y tablero")],
        dates: ("2026-05-15", "2026-09-30"),
        money: (
            6_000_000.0,
            "CLP",
            "Subsecretaría de Desarrollo Regional (SUBDERE)",
        ),
        area: DefaultArea::InformationSystems,
        risks: "Protección de datos personales; sistemas de las comunas incompatibles.",
        placement: (4, 4),
    },
    DemoAction {
        line: 2,
        title: "Mesa intercomunal de salud adolescente",
        goal: "Una reunión trimestral con acta y acuerdos de seguimiento.",
        indicator: ("Reuniones de la mesa con acta", "reuniones", None),
        baseline: (0.0, "2026-04-15"),
        target: (6.0, "2027-12-31"),
        unit: "Secretaría Comunal de Planificación de Quirihue",
        partners: &[(1, "Preside la mesa"), (6, "Financia la sistematización")],
        dates: ("2026-06-01", "2027-12-31"),
        money: (4_000.0, "USD", "UNFPA (cooperación)"),
        area: DefaultArea::Coordination,
        risks: "Recambio de autoridades; reuniones sin acuerdos concretos.",
        placement: (3, 4),
    },
];

/// who, institution, what, due, action (index in `ACTIONS`).
const COMMITMENTS: &[(&str, &str, &str, &str, usize)] = &[
    (
        "Begoña Núñez Sepúlveda",
        "Municipalidad de Quirihue",
        "Presentar el plan al Concejo Municipal y pedir el aporte municipal al Espacio Amigable",
        "2026-05-20",
        0,
    ),
    (
        "María Angélica Fuentes",
        "Municipalidad de Cobquecura",
        "Acordar con el Cesfam la ronda mensual de matrona en las postas de Cobquecura",
        "2026-05-31",
        1,
    ),
    (
        "José Ignacio Muñoz",
        "Municipalidad de Quirihue",
        "Convocar la primera sesión de la mesa intercomunal de salud adolescente",
        "2026-06-15",
        5,
    ),
    (
        "Gloria Inés Parra",
        "Asociación de Municipios del Valle del Itata",
        "Postular el programa de educación sexual integral al FNDR de Ñuble",
        "2026-06-30",
        2,
    ),
    (
        "Francisca Valdés",
        "Universidad del Bío-Bío",
        "Diseñar el formulario común del registro y capacitar a los encargados de estadística",
        "2026-07-31",
        4,
    ),
    (
        "Rosa Elvira Cárcamo",
        "Municipalidad de Trehuaco",
        "Incluir la educación sexual integral en el PADEM 2027 de Trehuaco",
        "2026-09-30",
        2,
    ),
];

/// The follow-up meetings: date, title.
const REVIEWS: [(&str, &str); 4] = [
    ("2026-05-15", "Primera sesión de seguimiento"),
    ("2026-08-14", "Revisión trimestral"),
    ("2026-11-13", "Revisión trimestral"),
    ("2027-04-15", "Revisión anual: un año del taller"),
];

/// Indicator checkpoints: action (index in `ACTIONS`), date, expected value.
const CHECKPOINTS: [(usize, &str, f64); 4] = [
    (1, "2026-10-31", 60.0),
    (4, "2026-12-31", 62.0),
    (0, "2026-12-31", 30.0),
    (2, "2027-07-31", 300.0),
];

/// The follow-up session a month after the workshop: action (index in `ACTIONS`),
/// status, percent, comment.
const SESSION: [(usize, Status, Option<i64>, &str); 4] = [
    (
        1,
        Status::InProgress,
        Some(30),
        "La ronda partió en Ninhue y Cobquecura; falta Trehuaco.",
    ),
    (
        4,
        Status::InProgress,
        Some(10),
        "Formulario común en borrador; la SEREMI revisa el convenio de datos.",
    ),
    (
        0,
        Status::InProgress,
        Some(5),
        "Sala habilitada en el Cesfam; falta contratar las horas de psicólogo.",
    ),
    (
        3,
        Status::NotStarted,
        None,
        "Se inicia en julio, pasada la vendimia.",
    ),
];

/// The day of the first follow-up session, a month after the workshop.
pub const FOLLOW_UP_SESSION: &str = "2026-05-15";

/// Stage 3 as the room left it, and the first follow-up session.
fn add_stage3(store: &mut Store, w: WorkshopId, now: Timestamp) -> Result<()> {
    use crate::actions::commitments::{self, CommitmentInput};
    use crate::actions::follow_up::{self, StatusInput};
    use crate::actions::{self, ActionInput, Partner};
    use crate::actors::{self, ActorInput};
    use crate::institutions;

    actions::start(store, w, now)?;
    actions::set_currency(store, w, Some("CLP"), now)?;
    let areas = institutions::areas(store, w)?;
    let area_id = |key: DefaultArea| areas.iter().find(|a| a.key == Some(key)).map(|a| a.id);
    for (key, capacity, gaps) in AREAS {
        if let Some(id) = area_id(*key) {
            institutions::rate_area(store, w, id, Some(*capacity), gaps, now)?;
        }
    }
    for (level, unit, notes) in COMPETENCES {
        institutions::set_competence(store, w, "5.B", level, unit, notes, now)?;
    }
    let mut actor_ids = Vec::new();
    for (name, kind, stance, power, interest, notes) in ACTORS {
        let input = ActorInput {
            name: (*name).into(),
            kind: *kind,
            stance: Some(*stance),
            power: Some(*power),
            interest: Some(*interest),
            notes: (*notes).into(),
        };
        actor_ids.push(actors::add(store, w, &input, now)?);
    }
    let mut line_ids = Vec::new();
    for title in LINES {
        line_ids.push(actions::add_line(store, w, title, now)?);
    }
    let mut action_ids = Vec::new();
    for a in ACTIONS {
        let (indicator_name, indicator_unit, indicator_code) = a.indicator;
        let input = ActionInput {
            line: Some(line_ids[a.line]),
            title: a.title.into(),
            goal: a.goal.into(),
            mdg_target: Some("5.B".into()),
            indicator_name: indicator_name.into(),
            indicator_unit: indicator_unit.into(),
            indicator_code: indicator_code.map(str::to_string),
            baseline_value: Some(a.baseline.0),
            baseline_date: Some(a.baseline.1.into()),
            target_value: Some(a.target.0),
            target_date: Some(a.target.1.into()),
            responsible_unit: a.unit.into(),
            partners: a
                .partners
                .iter()
                .map(|(actor, role)| Partner {
                    actor: actor_ids[*actor],
                    role: (*role).into(),
                })
                .collect(),
            start_date: Some(a.dates.0.into()),
            end_date: Some(a.dates.1.into()),
            amount: Some(a.money.0),
            currency: Some(a.money.1.into()),
            funding_source: a.money.2.into(),
            area: area_id(a.area),
            risks: a.risks.into(),
            impact: Some(a.placement.0),
            feasibility: Some(a.placement.1),
        };
        action_ids.push(actions::add_action(store, w, &input, now)?.id);
    }
    for (who, institution, what, due, action) in COMMITMENTS {
        let input = CommitmentInput {
            who: (*who).into(),
            institution: (*institution).into(),
            what: (*what).into(),
            due: Some((*due).into()),
            action: Some(action_ids[*action]),
        };
        commitments::add(store, w, &input, now)?;
    }
    let mut review_ids = Vec::new();
    for (date, title) in REVIEWS {
        review_ids.push(follow_up::add_review(store, w, date, title, now)?);
    }
    for (action, date, expected) in CHECKPOINTS {
        follow_up::add_checkpoint(store, w, action_ids[action], date, expected, now)?;
    }
    let session: Vec<StatusInput> = SESSION
        .iter()
        .map(|(action, status, percent, comment)| StatusInput {
            action: action_ids[*action],
            session_date: FOLLOW_UP_SESSION.into(),
            review: Some(review_ids[0]),
            status: *status,
            percent: *percent,
            comment: (*comment).into(),
        })
        .collect();
    follow_up::record_session(store, w, &session, now)?;
    follow_up::record_value(
        store,
        w,
        action_ids[4],
        FOLLOW_UP_SESSION,
        66.1,
        "Dato preliminar de la SEREMI para 2025",
        now,
    )?;
    follow_up::set_review_notes(
        store,
        w,
        review_ids[0],
        "Tres acciones en marcha. El registro intercomunal espera el convenio de datos con la SEREMI.",
        now,
    )?;
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
    add_stage3(store, w.id, now)?;
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

    #[test]
    fn the_example_has_a_plan_with_actors_areas_commitments_and_a_first_follow_up() {
        use crate::actions::{self, commitments, follow_up, plan};
        use crate::actors::{self, ActorType};
        let mut store = Store::open_in_memory().unwrap();
        let id = create(&mut store, chrono::Utc::now()).unwrap();

        let board = actions::board(&store, id).unwrap();
        assert_eq!(board.lines.len(), 3);
        assert_eq!(board.actions.len(), 6);
        assert!(board.without_responsible.is_empty());
        for a in &board.actions {
            assert!(!a.partners.is_empty() && a.area.is_some(), "{}", a.title);
            assert!(a.amount.is_some() && !a.funding_source.is_empty());
            assert!(a.impact.is_some() && a.feasibility.is_some());
        }
        let kinds: Vec<ActorType> = actors::list(&store, id)
            .unwrap()
            .iter()
            .map(|a| a.kind)
            .collect();
        assert!(
            ActorType::ALL.iter().all(|k| kinds.contains(k)),
            "{kinds:?}"
        );

        let analysis = crate::institutions::board(&store, id).unwrap();
        assert!(analysis.areas.iter().all(|a| a.area.capacity.is_some()));
        assert_eq!(analysis.to_strengthen.len(), 3);
        assert!(analysis.unaddressed.len() < analysis.to_strengthen.len());
        assert_eq!(analysis.targets[0].competences.len(), 3);

        let p = plan::of(&store, id).unwrap();
        assert!(p.unscheduled.is_empty());
        assert_eq!(p.by_currency.len(), 2, "pesos and dollars kept apart");
        assert_eq!(commitments::of(&store, id).unwrap().len(), 6);

        // A month after the workshop three actions were under way; by mid-October
        // the intercommunal register, due at the end of September, is overdue.
        let day = |d: &str| crate::time::parse_date(d).unwrap();
        let board = follow_up::board(&store, id, day("2026-10-15")).unwrap();
        assert_eq!(board.reviews.len(), 4);
        assert_eq!(board.checkpoints.len(), 4);
        let started = board
            .state
            .actions
            .iter()
            .filter(|a| a.status == follow_up::Status::InProgress)
            .count();
        assert_eq!(started, 3);
        let overdue: Vec<&str> = board
            .state
            .actions
            .iter()
            .filter(|a| a.overdue)
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(overdue, ["Registro intercomunal de embarazo adolescente"]);
    }
}
