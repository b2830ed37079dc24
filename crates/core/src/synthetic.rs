//! A fleet of generated workshops for tests and benchmarks, as a coordinator
//! receives them: many municipalities of twenty countries, each workshop
//! exported by an installation of its own. Every workshop is built through the
//! same functions the app calls and depends only on its index, so a test can
//! name one and know what it holds.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::actions::commitments::{self, CommitmentInput};
use crate::actions::follow_up::{self, Status, StatusInput};
use crate::actions::{self, ActionInput};
use crate::ids::WorkshopId;
use crate::institutions::{self, DefaultArea};
use crate::participants::{self, AgeBand, Gender, ParticipantInput, Sector};
use crate::prioritization::{self, Origin, SubjectKind};
use crate::store::Store;
use crate::time::Timestamp;
use crate::workshop::{
    AgendaItemInput, Language, Stage, TerritoryInput, TerritoryLevel, WorkshopInput,
};
use crate::{Error, Result, catalogue, files};

/// The countries generated workshops are spread over (20 LAC ISO codes).
pub const COUNTRIES: [&str; 20] = [
    "AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "SV", "GT", "HT", "HN", "MX", "NI", "PA",
    "PY", "PE", "UY", "VE",
];

/// Per country of `COUNTRIES`, in its order: the currency of its budgets, roughly
/// how many units make a US dollar (so amounts look like that country's), and
/// real municipalities.
const PLACES: [(&str, f64, &[&str]); 20] = [
    (
        "ARS",
        1000.0,
        &["Rosario", "San Carlos de Bariloche", "Tandil", "Posadas"],
    ),
    ("BOB", 6.96, &["El Alto", "Cochabamba", "Sucre", "Potosí"]),
    (
        "BRL",
        5.5,
        &[
            "São Paulo",
            "Belo Horizonte",
            "Juazeiro do Norte",
            "Maringá",
        ],
    ),
    (
        "CLP",
        950.0,
        &["Quirihue", "Cobquecura", "Ñuñoa", "Ninhue", "Trehuaco"],
    ),
    ("COP", 4000.0, &["Medellín", "Pasto", "Quibdó", "Soacha"]),
    ("CRC", 510.0, &["Desamparados", "Pérez Zeledón", "Liberia"]),
    ("CUP", 120.0, &["Holguín", "Cienfuegos", "Baracoa"]),
    (
        "DOP",
        60.0,
        &[
            "Santiago de los Caballeros",
            "San Pedro de Macorís",
            "Higüey",
        ],
    ),
    ("USD", 1.0, &["Cuenca", "Otavalo", "Esmeraldas", "Loja"]),
    ("USD", 1.0, &["Santa Tecla", "San Miguel", "Soyapango"]),
    (
        "GTQ",
        7.7,
        &["Quetzaltenango", "Cobán", "San Juan Sacatepéquez"],
    ),
    (
        "HTG",
        131.0,
        &["Jacmel", "Les Cayes", "Cap-Haïtien", "Gonaïves"],
    ),
    ("HNL", 26.0, &["San Pedro Sula", "Choluteca", "La Ceiba"]),
    (
        "MXN",
        18.0,
        &[
            "Zapopan",
            "Toluca",
            "Oaxaca de Juárez",
            "Ecatepec de Morelos",
        ],
    ),
    ("NIO", 36.6, &["León", "Matagalpa", "Estelí"]),
    ("PAB", 1.0, &["Colón", "David", "Chitré"]),
    ("PYG", 7800.0, &["Encarnación", "Ciudad del Este", "Luque"]),
    (
        "PEN",
        3.7,
        &["Huamanga", "Cusco", "Villa El Salvador", "Arequipa"],
    ),
    ("UYU", 40.0, &["Paysandú", "Tacuarembó", "Rivera"]),
    ("VES", 100.0, &["Ciudad Bolívar", "Maracaibo", "Iribarren"]),
];

/// The target prioritized for each goal, and its first indicator's baseline and
/// target (in that indicator's unit).
const TARGETS: [(&str, f64, f64); 8] = [
    ("1.A", 18.0, 9.0),
    ("2.A", 86.0, 100.0),
    ("3.A", 0.91, 1.0),
    ("4.A", 32.0, 15.0),
    ("5.A", 110.0, 45.0),
    ("6.C", 140.0, 60.0),
    ("7.C", 72.0, 90.0),
    ("8.F", 9.0, 25.0),
];

const FACILITATORS: [&str; 6] = [
    "Marcela Tapia (ILPES)",
    "Rodrigo Sanhueza",
    "Ana Lucía Herrera (PNUD)",
    "Jorge Villalobos",
    "Beatriz Nascimento",
    "Jean-Robert Étienne",
];

/// The areas actions strengthen, taken in turn.
const AREAS: [DefaultArea; 9] = [
    DefaultArea::Planning,
    DefaultArea::Finance,
    DefaultArea::SocialDevelopment,
    DefaultArea::Health,
    DefaultArea::Education,
    DefaultArea::InformationSystems,
    DefaultArea::HumanResources,
    DefaultArea::Coordination,
    DefaultArea::Participation,
];

/// Everything a workshop says in words, in one language. `{m}` stands for the
/// municipality, `{t}` for the theme of the prioritized goal, `{c}` for a code
/// and `{a}` for an action's title.
struct Texts {
    language: Language,
    title: &'static str,
    agenda: [&'static str; 4],
    /// One per goal, 1 to 8.
    themes: [&'static str; 8],
    line: &'static str,
    actions: [&'static str; 6],
    action_goal: &'static str,
    activities: (&'static str, &'static str),
    units: [&'static str; 6],
    funding: [&'static str; 3],
    risks: [&'static str; 2],
    reasons: &'static str,
    commitment: &'static str,
    progress: [&'static str; 2],
    women: &'static [&'static str],
    men: &'static [&'static str],
    surnames: &'static [&'static str],
    /// Two surnames, as names are written in Spanish and Portuguese.
    two_surnames: bool,
    /// One per sector, in the order of `Sector::ALL`.
    institutions: [&'static str; 7],
    roles: [&'static str; 6],
}

const ES: Texts = Texts {
    language: Language::Es,
    title: "Taller ODM — {m}",
    agenda: [
        "Presentación de los ODM y del diagnóstico",
        "Diálogo sobre la pertinencia de los ODM",
        "Priorización de un ODM rezagado",
        "Matriz de acciones y agenda de compromisos",
    ],
    themes: [
        "pobreza extrema",
        "educación primaria",
        "igualdad de género",
        "mortalidad infantil",
        "salud materna",
        "malaria y dengue",
        "agua potable y saneamiento",
        "acceso a internet",
    ],
    line: "Cerrar la brecha en {t}",
    actions: [
        "Mesa municipal de {t}",
        "Diagnóstico participativo de {t} por barrio",
        "Campaña comunitaria sobre {t}",
        "Registro municipal de {t}",
        "Capacitación de funcionarios en {t}",
        "Fondo concursable para proyectos de {t}",
    ],
    action_goal: "Acercar {m} al promedio del país en {t}.",
    activities: ("Actividades realizadas", "actividades"),
    units: [
        "Dirección de Desarrollo Social",
        "Secretaría de Planificación",
        "Dirección de Salud Municipal",
        "Dirección de Educación",
        "Oficina Municipal de la Mujer",
        "Dirección de Obras",
    ],
    funding: [
        "Presupuesto municipal",
        "Fondo nacional de desarrollo regional",
        "Cooperación internacional",
    ],
    risks: [
        "Cambio de autoridades; fondos que llegan tarde.",
        "Baja convocatoria en época de cosecha.",
    ],
    reasons: "En {m} la meta {c} sigue rezagada frente al promedio del país; la sala la \
        eligió por el tamaño de la brecha y porque el municipio tiene competencias propias \
        para actuar.",
    commitment: "Impulsar «{a}» e informar en la primera revisión",
    progress: [
        "Avanza según lo previsto.",
        "Terminada y presentada al concejo.",
    ],
    women: &[
        "María",
        "Ana",
        "Lucía",
        "Carmen",
        "Rosa",
        "Gabriela",
        "Patricia",
        "Daniela",
        "Sofía",
        "Verónica",
        "Claudia",
        "Teresa",
    ],
    men: &[
        "José",
        "Juan",
        "Carlos",
        "Luis",
        "Miguel",
        "Jorge",
        "Pedro",
        "Andrés",
        "Ricardo",
        "Manuel",
        "Francisco",
        "Diego",
    ],
    surnames: &[
        "González",
        "Rodríguez",
        "Pérez",
        "Martínez",
        "López",
        "Gómez",
        "Díaz",
        "Hernández",
        "Torres",
        "Ramírez",
        "Flores",
        "Vargas",
        "Rojas",
        "Castillo",
        "Morales",
        "Núñez",
    ],
    two_surnames: true,
    institutions: [
        "Gobierno regional",
        "Municipio de {m}",
        "Fundación para el Desarrollo Local",
        "Universidad Nacional",
        "Cámara de Comercio de {m}",
        "Junta de vecinos",
        "Parroquia de {m}",
    ],
    roles: [
        "Director",
        "Concejal",
        "Técnico",
        "Coordinadora",
        "Dirigente",
        "Profesional de apoyo",
    ],
};

const PT: Texts = Texts {
    language: Language::Pt,
    title: "Oficina ODM — {m}",
    agenda: [
        "Apresentação dos ODM e do diagnóstico",
        "Diálogo sobre a pertinência dos ODM",
        "Priorização de um ODM atrasado",
        "Matriz de ações e agenda de compromissos",
    ],
    themes: [
        "pobreza extrema",
        "educação primária",
        "igualdade de gênero",
        "mortalidade infantil",
        "saúde materna",
        "malária e dengue",
        "água potável e saneamento",
        "acesso à internet",
    ],
    line: "Reduzir o atraso em {t}",
    actions: [
        "Fórum municipal de {t}",
        "Diagnóstico participativo de {t} por bairro",
        "Campanha comunitária sobre {t}",
        "Cadastro municipal de {t}",
        "Capacitação de servidores em {t}",
        "Fundo municipal para projetos de {t}",
    ],
    action_goal: "Aproximar {m} da média do país em {t}.",
    activities: ("Atividades realizadas", "atividades"),
    units: [
        "Secretaria Municipal de Assistência Social",
        "Secretaria de Planejamento",
        "Secretaria Municipal de Saúde",
        "Secretaria Municipal de Educação",
        "Coordenadoria da Mulher",
        "Secretaria de Obras",
    ],
    funding: [
        "Orçamento municipal",
        "Fundo nacional de desenvolvimento",
        "Cooperação internacional",
    ],
    risks: [
        "Troca de gestão; recursos que chegam atrasados.",
        "Baixa adesão nos meses de colheita.",
    ],
    reasons: "Em {m}, a meta {c} continua atrasada em relação à média do país; a sala a \
        escolheu pelo tamanho da distância e porque o município tem competências próprias \
        para agir.",
    commitment: "Impulsionar «{a}» e prestar contas na primeira revisão",
    progress: [
        "Avança conforme o previsto.",
        "Concluída e apresentada à Câmara.",
    ],
    women: &[
        "Maria",
        "Ana",
        "Juliana",
        "Fernanda",
        "Camila",
        "Patrícia",
        "Luciana",
        "Beatriz",
        "Adriana",
        "Renata",
    ],
    men: &[
        "João", "José", "Carlos", "Paulo", "Lucas", "Marcos", "Rafael", "Pedro", "Antônio",
        "Gustavo",
    ],
    surnames: &[
        "Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Ferreira", "Almeida",
        "Carvalho", "Gomes", "Ribeiro",
    ],
    two_surnames: true,
    institutions: [
        "Governo do Estado",
        "Prefeitura de {m}",
        "Instituto de Desenvolvimento Local",
        "Universidade Federal",
        "Associação Comercial de {m}",
        "Associação de moradores",
        "Paróquia de {m}",
    ],
    roles: [
        "Diretor",
        "Vereador",
        "Técnico",
        "Coordenadora",
        "Liderança comunitária",
        "Assessor",
    ],
};

const FR: Texts = Texts {
    language: Language::Fr,
    title: "Atelier OMD — {m}",
    agenda: [
        "Présentation des OMD et du diagnostic",
        "Dialogue sur la pertinence des OMD",
        "Priorisation d'un OMD en retard",
        "Matrice d'actions et agenda des engagements",
    ],
    themes: [
        "extrême pauvreté",
        "éducation primaire",
        "égalité des sexes",
        "mortalité infantile",
        "santé maternelle",
        "paludisme et dengue",
        "eau potable et assainissement",
        "accès à internet",
    ],
    line: "Rattraper le retard : {t}",
    actions: [
        "Table de concertation communale : {t}",
        "Diagnostic participatif par quartier : {t}",
        "Campagne communautaire : {t}",
        "Registre communal : {t}",
        "Formation des agents communaux : {t}",
        "Fonds communal pour des projets : {t}",
    ],
    action_goal: "Rapprocher {m} de la moyenne du pays : {t}.",
    activities: ("Activités réalisées", "activités"),
    units: [
        "Service des affaires sociales",
        "Service de la planification",
        "Service communal de santé",
        "Service de l'éducation",
        "Bureau de la condition féminine",
        "Service des travaux publics",
    ],
    funding: [
        "Budget communal",
        "Fonds de gestion et de développement des collectivités",
        "Coopération internationale",
    ],
    risks: [
        "Changement d'autorités ; fonds versés en retard.",
        "Routes coupées pendant la saison des pluies.",
    ],
    reasons: "À {m}, la cible {c} reste en retard sur la moyenne du pays ; la salle l'a \
        choisie pour l'ampleur de l'écart et parce que la commune a des compétences propres \
        pour agir.",
    commitment: "Faire avancer « {a} » et en rendre compte à la première revue",
    progress: [
        "Avance comme prévu.",
        "Terminée et présentée au conseil municipal.",
    ],
    women: &[
        "Marie",
        "Nadège",
        "Guerline",
        "Rose-Marie",
        "Fabienne",
        "Widline",
        "Nathalie",
        "Esther",
    ],
    men: &[
        "Jean",
        "Pierre",
        "Jacques",
        "Wilson",
        "Emmanuel",
        "Fritz",
        "Jean-Baptiste",
        "Réginald",
    ],
    surnames: &[
        "Joseph",
        "Jean-Louis",
        "Pierre",
        "Charles",
        "Louis",
        "Désir",
        "Saint-Fleur",
        "Baptiste",
        "Estimé",
        "Augustin",
        "Célestin",
        "Dorvil",
    ],
    two_surnames: false,
    institutions: [
        "Direction départementale",
        "Mairie de {m}",
        "Fondation pour le développement local",
        "Université d'État d'Haïti",
        "Chambre de commerce de {m}",
        "Comité de quartier",
        "Paroisse de {m}",
    ],
    roles: [
        "Directeur",
        "Conseiller municipal",
        "Technicien",
        "Coordinatrice",
        "Responsable communautaire",
        "Conseiller technique",
    ],
};

/// What workshop `index` holds, so tests can assert totals without reading it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub country: &'static str,
    pub municipality: String,
    pub participants: u32,
    pub women: u32,
    pub men: u32,
    /// The goal (1–8) of the prioritized target.
    pub goal: u8,
    pub actions: u32,
    /// One per action.
    pub commitments: u32,
}

/// What workshop `index` holds, computed without building it.
pub fn expected(index: u32) -> Expected {
    let i = index as usize;
    let count = participant_count(i);
    let genders = (0..count).map(|p| gender(i, p));
    Expected {
        country: COUNTRIES[i % COUNTRIES.len()],
        municipality: municipality(i).to_string(),
        participants: count as u32,
        women: genders.clone().filter(|g| *g == Gender::Female).count() as u32,
        men: genders.filter(|g| *g == Gender::Male).count() as u32,
        goal: goal(i) as u8,
        actions: action_count(i) as u32,
        commitments: action_count(i) as u32,
    }
}

fn place(i: usize) -> (&'static str, f64, &'static [&'static str]) {
    PLACES[i % PLACES.len()]
}

/// Chosen by the index's round over the twenty countries, so each municipality
/// comes back once its country's list is used up.
fn municipality(i: usize) -> &'static str {
    let list = place(i).2;
    list[(i / COUNTRIES.len()) % list.len()]
}

fn texts(i: usize) -> &'static Texts {
    match COUNTRIES[i % COUNTRIES.len()] {
        "BR" => &PT,
        "HT" => &FR,
        _ => &ES,
    }
}

fn participant_count(i: usize) -> usize {
    8 + (i * 37) % 143
}

fn goal(i: usize) -> usize {
    1 + (i * 5) % 8
}

fn action_count(i: usize) -> usize {
    1 + i % 6
}

/// Women make 35 to 69 % of the room depending on the workshop; about one in
/// twenty people is of another gender or did not say.
fn gender(i: usize, p: usize) -> Gender {
    let women = 35 + (i * 13) % 35;
    match (p * 61 + i * 17) % 100 {
        r if r < 2 => Gender::Other,
        r if r < 5 => Gender::NotStated,
        r if r < 5 + women => Gender::Female,
        _ => Gender::Male,
    }
}

fn date(d: NaiveDate, days: usize) -> NaiveDate {
    d + Days::new(days as u64)
}

/// Starts fall on weekdays spread from March 2025 to September 2026.
fn start_date(i: usize) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap_or_default();
    let day = date(first, (i * 97) % 570);
    match day.weekday() {
        Weekday::Sat => date(day, 2),
        Weekday::Sun => date(day, 1),
        _ => day,
    }
}

/// Two days for two workshops in three, one for the rest.
fn end_date(i: usize) -> NaiveDate {
    date(start_date(i), usize::from(i % 3 != 0))
}

/// An amount of about `dollars` in the country's currency, to two significant digits.
fn amount(rate: f64, dollars: usize) -> f64 {
    let value = dollars as f64 * rate;
    let step = 10f64.powi(value.log10().floor() as i32 - 1);
    (value / step).round() * step
}

fn person(t: &Texts, m: &str, i: usize, p: usize) -> (String, Gender, Sector, String) {
    let gender = gender(i, p);
    let firsts = match gender {
        Gender::Female => t.women,
        Gender::Male => t.men,
        _ if p % 2 == 0 => t.women,
        _ => t.men,
    };
    let first = firsts[(p * 7 + i) % firsts.len()];
    let s = t.surnames;
    let mut name = format!("{first} {}", s[(p * 5 + i * 3) % s.len()]);
    if t.two_surnames {
        name.push(' ');
        name.push_str(s[(p * 11 + i + 4) % s.len()]);
    }
    let s = (p + i) % Sector::ALL.len();
    (
        name,
        gender,
        Sector::ALL[s],
        t.institutions[s].replace("{m}", m),
    )
}

/// Builds workshop `index` of the fleet in `store` and returns it.
pub fn workshop(store: &mut Store, index: u32, now: Timestamp) -> Result<WorkshopId> {
    let i = index as usize;
    let t = texts(i);
    let m = municipality(i);
    let (currency, rate, _) = place(i);
    let stages = [
        (Stage::Relevance, 45),
        (Stage::Relevance, 90),
        (Stage::Prioritization, 120),
        (Stage::Actions, 150),
    ];
    let mut facilitators = vec![FACILITATORS[i % FACILITATORS.len()].to_string()];
    if i % 2 == 1 {
        facilitators.push(FACILITATORS[(i + 3) % FACILITATORS.len()].to_string());
    }
    let input = WorkshopInput {
        title: t.title.replace("{m}", m),
        start_date: start_date(i).to_string(),
        end_date: end_date(i).to_string(),
        language: Some(t.language),
        facilitators,
        territories: vec![TerritoryInput {
            id: None,
            name: m.to_string(),
            level: TerritoryLevel::Municipality,
            country: COUNTRIES[i % COUNTRIES.len()].to_string(),
        }],
        agenda: t
            .agenda
            .iter()
            .zip(stages)
            .map(|(title, (stage, minutes))| AgendaItemInput {
                id: None,
                title: (*title).to_string(),
                stage,
                minutes,
            })
            .collect(),
    };
    let w = crate::workshop::create(store, &input, now)?;
    let territory = w.territories.first().map(|t| t.id);
    let days: Vec<String> = w.days().iter().map(NaiveDate::to_string).collect();
    let bands = [
        AgeBand::From30To44,
        AgeBand::From45To59,
        AgeBand::From18To29,
        AgeBand::Over60,
    ];
    let consent_every = 3 + i % 4;
    let people: Vec<ParticipantInput> = (0..participant_count(i))
        .map(|p| {
            let (name, gender, sector, institution) = person(t, m, i, p);
            // Some came only one of the two days; in a one-day workshop a few
            // registered and did not come.
            let attendance = match (days.len(), p % 6, p % 11, p % 13) {
                (2, 5, _, _) => days[..1].to_vec(),
                (2, _, 10, _) => days[1..].to_vec(),
                (1, _, _, 12) => Vec::new(),
                _ => days.clone(),
            };
            ParticipantInput {
                name,
                gender,
                sector,
                institution,
                territory_id: territory,
                role: t.roles[(p * 5 + i) % t.roles.len()].to_string(),
                age_band: (p % 9 != 8).then_some(bands[(p + i * 3) % bands.len()]),
                email: None,
                phone: None,
                consent_listed: (p + i) % consent_every != 0,
                attendance,
            }
        })
        .collect();
    participants::add_all(store, w.id, &people, now)?;

    let g = goal(i);
    let (code, baseline, target) = TARGETS[g - 1];
    let theme = t.themes[g - 1];
    prioritization::start(store, w.id, now)?;
    let chosen = prioritization::add_candidate(
        store,
        w.id,
        SubjectKind::Target,
        code,
        Origin::Proposed,
        now,
    )?;
    // The runner-up the room also weighed: the next goal's target.
    prioritization::add_candidate(
        store,
        w.id,
        SubjectKind::Target,
        TARGETS[g % TARGETS.len()].0,
        Origin::Added,
        now,
    )?;
    let reasons = t.reasons.replace("{m}", m).replace("{c}", code);
    prioritization::decide(store, w.id, chosen, &reasons, now)?;

    let framework = catalogue::mdg();
    let indicator = framework
        .targets()
        .find(|x| x.code == code)
        .and_then(|x| x.indicators.first())
        .and_then(|c| framework.indicator(c))
        .ok_or_else(|| Error::UnknownSubject { code: code.into() })?;
    actions::start(store, w.id, now)?;
    actions::set_currency(store, w.id, Some(currency), now)?;
    let areas = institutions::areas(store, w.id)?;
    let line = actions::add_line(store, w.id, &t.line.replace("{t}", theme), now)?;
    let year = w.start_date.year();
    let end = w.end_date;
    let mut plan = Vec::new();
    for k in 0..action_count(i) {
        let title = t.actions[k].replace("{t}", theme);
        let start = date(end, 15 + 20 * k);
        let (name, unit, indicator_code, base, goal_value) = if k == 0 {
            (
                indicator.title.get(t.language).to_string(),
                indicator.unit_title().get(t.language).to_string(),
                Some(indicator.code.clone()),
                baseline,
                target,
            )
        } else {
            let (name, unit) = t.activities;
            (
                name.to_string(),
                unit.to_string(),
                None,
                0.0,
                (4 + 2 * k) as f64,
            )
        };
        let key = AREAS[(k + g) % AREAS.len()];
        let input = ActionInput {
            line: Some(line),
            title: title.clone(),
            goal: t.action_goal.replace("{m}", m).replace("{t}", theme),
            mdg_target: Some(code.to_string()),
            indicator_name: name,
            indicator_unit: unit,
            indicator_code,
            baseline_value: Some(base),
            baseline_date: Some(format!("{}-12-31", year - 1)),
            target_value: Some(goal_value),
            target_date: Some(format!("{}-12-31", year + 2)),
            responsible_unit: t.units[(k + g) % t.units.len()].to_string(),
            partners: Vec::new(),
            start_date: Some(start.to_string()),
            end_date: Some(date(start, 60 + 45 * k + (i % 5) * 10).to_string()),
            amount: Some(amount(rate, 3_000 + ((i * 7 + k * 11) % 48) * 1_000)),
            currency: Some(currency.to_string()),
            funding_source: t.funding[(k + i) % t.funding.len()].to_string(),
            area: areas.iter().find(|a| a.key == Some(key)).map(|a| a.id),
            risks: t.risks[(k + i) % t.risks.len()].to_string(),
            impact: Some(1 + ((k + i) % 5) as i64),
            feasibility: Some(1 + ((k * 3 + i) % 5) as i64),
        };
        plan.push((actions::add_action(store, w.id, &input, now)?.id, title));
    }
    let count = participant_count(i);
    for (k, (action, title)) in plan.iter().enumerate() {
        let (who, _, _, institution) = person(t, m, i, (k * 3) % count);
        // Due dates run from a month after the workshop to over a year later, so
        // that on any given day some are past and some still ahead.
        let due = date(end, 30 + 60 * k + (i * 29) % 180);
        let input = CommitmentInput {
            who,
            institution,
            what: t.commitment.replace("{a}", title),
            due: Some(due.to_string()),
            action: Some(*action),
        };
        commitments::add(store, w.id, &input, now)?;
    }
    if i % 2 == 0
        && let Some((first, _)) = plan.first()
    {
        let (status, percent, comment) = if i % 4 == 0 {
            (Status::InProgress, Some(40), t.progress[0])
        } else {
            (Status::Done, None, t.progress[1])
        };
        let input = StatusInput {
            action: *first,
            session_date: date(end, 45).to_string(),
            review: None,
            status,
            percent,
            comment: comment.to_string(),
        };
        follow_up::record_status(store, w.id, &input, now)?;
    }
    Ok(w.id)
}

/// A bundle of workshop `index` exported by a fresh installation of its own.
pub fn bundle(index: u32, now: Timestamp) -> Result<Vec<u8>> {
    let mut store = Store::open_in_memory()?;
    let id = workshop(&mut store, index, now)?;
    crate::bundle::export(&store, id, now)
}

/// Writes `count` bundles (indices 0..count) into `dir`, named `taller-0001.cabildo` …; returns their paths.
pub fn write_fleet(dir: &Path, count: u32, now: Timestamp) -> Result<Vec<PathBuf>> {
    (0..count)
        .map(|index| {
            let path = dir.join(format!("taller-{:04}.cabildo", index + 1));
            files::write_atomically(&path, &bundle(index, now)?)?;
            Ok(path)
        })
        .collect()
}
