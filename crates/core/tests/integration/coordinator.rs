//! A coordinator's database: four workshops in Haiti, Peru, Chile and Brazil
//! (and the example workshop, which no figure counts), built through the same
//! functions the facilitators use, then read back as totals, lists, tables and
//! the consolidated PDF.
//!
//! The network, as of 15 April 2026:
//! - Jacmel (HT), 10 Feb: Jacmel and Cayes-Jacmel; 3 women and 2 men; target 5.B;
//!   a commitment due 1 Mar whose action has no status (45 days overdue), one due
//!   20 Mar whose action was done on 10 Apr, and one undated.
//! - Ayacucho (PE), 5 Mar: Ayacucho (municipality) and Huamanga (province); 2 women,
//!   a man and a person of another gender; goal 4; a commitment due 1 Apr with no
//!   action (14 days overdue), one due 1 May, and one removed.
//! - Ñuble (CL and BR), 10 Mar: Quirihue and São Paulo; a woman of Quirihue, a man
//!   of São Paulo and a woman of no territory (she counts in Chile); goal 5; a
//!   commitment due 15 Jan whose action is in progress (90 days overdue).
//! - Jacmel again (HT), 1 Apr, the town typed "jacmel": a man, and a woman removed.

use cabildo_core::actions::follow_up::{self, Status, StatusInput};
use cabildo_core::actions::{self, ActionInput, commitments::CommitmentInput};
use cabildo_core::coordinator::{self, Filter, Totals};
use cabildo_core::ids::{ActionId, WorkshopId};
use cabildo_core::participants::{self, Gender, Sector};
use cabildo_core::prioritization::{self, Origin, SubjectKind};
use cabildo_core::workshop::{self, Language, TerritoryInput, TerritoryLevel, WorkshopInput};
use cabildo_core::{Store, demo, tables};
use chrono::NaiveDate;

use crate::fixtures::{at, person, workshop_input};
use crate::pdf::{flat, pdftotext, save_page};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    day("2026-04-15")
}

fn place(name: &str, level: TerritoryLevel, country: &str) -> TerritoryInput {
    TerritoryInput {
        id: None,
        name: name.into(),
        level,
        country: country.into(),
    }
}

fn workshop_at(
    store: &mut Store,
    title: &str,
    start: &str,
    facilitator: &str,
    places: Vec<TerritoryInput>,
) -> WorkshopId {
    let input = WorkshopInput {
        title: title.into(),
        start_date: start.into(),
        end_date: start.into(),
        language: Some(Language::Es),
        facilitators: vec![facilitator.into()],
        territories: places,
        agenda: Vec::new(),
    };
    workshop::create(store, &input, at(1, 9)).unwrap().id
}

/// Adds a participant, of the workshop's `territory`-th territory if given.
fn attend(
    store: &mut Store,
    w: WorkshopId,
    name: &str,
    gender: Gender,
    sector: Sector,
    territory: Option<usize>,
) -> participants::Participant {
    let mut input = person(name, gender, sector);
    input.attendance.clear();
    input.territory_id = territory.map(|i| workshop::get(store, w).unwrap().territories[i].id);
    participants::add(store, w, &input, at(1, 10)).unwrap()
}

fn prioritize(store: &mut Store, w: WorkshopId, kind: SubjectKind, code: &str) {
    prioritization::start(store, w, at(1, 11)).unwrap();
    let c = prioritization::add_candidate(store, w, kind, code, Origin::Added, at(1, 11)).unwrap();
    prioritization::decide(store, w, c, "La mayor brecha", at(1, 12)).unwrap();
}

fn action(store: &mut Store, w: WorkshopId, title: &str, end: &str) -> ActionId {
    let line = match actions::lines(store, w).unwrap().first() {
        Some(l) => l.id,
        None => actions::add_line(store, w, "Línea 1", at(1, 13)).unwrap(),
    };
    let input = ActionInput {
        line: Some(line),
        title: title.into(),
        end_date: Some(end.into()),
        ..ActionInput::default()
    };
    actions::add_action(store, w, &input, at(1, 13)).unwrap().id
}

fn commit(
    store: &mut Store,
    w: WorkshopId,
    who: &str,
    what: &str,
    due: Option<&str>,
    action: Option<ActionId>,
) -> cabildo_core::ids::CommitmentId {
    let input = CommitmentInput {
        who: who.into(),
        institution: "Alcaldía".into(),
        what: what.into(),
        due: due.map(str::to_string),
        action,
    };
    actions::commitments::add(store, w, &input, at(1, 14)).unwrap()
}

fn status(store: &mut Store, w: WorkshopId, action: ActionId, on: &str, s: Status, p: Option<i64>) {
    let input = StatusInput {
        action,
        session_date: on.into(),
        review: None,
        status: s,
        percent: p,
        comment: String::new(),
    };
    follow_up::record_status(store, w, &input, at(2, 9)).unwrap();
}

struct Network {
    store: Store,
    jacmel: WorkshopId,
    ayacucho: WorkshopId,
    nuble: WorkshopId,
    jacmel_again: WorkshopId,
}

fn network() -> Network {
    let mut store = Store::open_in_memory().unwrap();
    demo::create(&mut store, at(1, 8)).unwrap();
    let s = &mut store;

    let jacmel = workshop_at(
        s,
        "Atelier OMD — Jacmel",
        "2026-02-10",
        "Jean-Baptiste Pierre",
        vec![
            place("Jacmel", TerritoryLevel::Municipality, "HT"),
            place("Cayes-Jacmel", TerritoryLevel::Municipality, "HT"),
        ],
    );
    for (name, gender, sector) in [
        ("Marie-Claude Joseph", Gender::Female, Sector::Municipality),
        ("Nadège Étienne", Gender::Female, Sector::Ngo),
        ("Roseline Désir", Gender::Female, Sector::Community),
        ("Wilner Auguste", Gender::Male, Sector::Municipality),
        ("Frantz Célestin", Gender::Male, Sector::University),
    ] {
        attend(s, jacmel, name, gender, sector, Some(0));
    }
    prioritize(s, jacmel, SubjectKind::Target, "5.B");
    let clinic = action(s, jacmel, "Clínica móvil", "2026-03-01");
    let census = action(s, jacmel, "Censo de embarazadas", "2026-03-20");
    status(s, jacmel, census, "2026-04-10", Status::Done, None);
    commit(
        s,
        jacmel,
        "Wilner Auguste",
        "Abrir la clínica móvil",
        Some("2026-03-01"),
        Some(clinic),
    );
    commit(
        s,
        jacmel,
        "Nadège Étienne",
        "Terminar el censo",
        Some("2026-03-20"),
        Some(census),
    );
    commit(
        s,
        jacmel,
        "Roseline Désir",
        "Informar a la comunidad",
        None,
        None,
    );

    let ayacucho = workshop_at(
        s,
        "Taller ODM — Ayacucho",
        "2026-03-05",
        "Rosa Quispe",
        vec![
            place("Ayacucho", TerritoryLevel::Municipality, "PE"),
            place("Huamanga", TerritoryLevel::Province, "PE"),
        ],
    );
    attend(
        s,
        ayacucho,
        "Rosa Huamán",
        Gender::Female,
        Sector::Municipality,
        Some(0),
    );
    attend(
        s,
        ayacucho,
        "Elena Mamani",
        Gender::Female,
        Sector::Ngo,
        Some(1),
    );
    attend(
        s,
        ayacucho,
        "Julio Cárdenas",
        Gender::Male,
        Sector::PublicAdministration,
        None,
    );
    attend(
        s,
        ayacucho,
        "Alex Quispe",
        Gender::Other,
        Sector::Community,
        None,
    );
    prioritize(s, ayacucho, SubjectKind::Goal, "4");
    commit(
        s,
        ayacucho,
        "Julio Cárdenas",
        "Convocar la mesa de salud infantil",
        Some("2026-04-01"),
        None,
    );
    commit(
        s,
        ayacucho,
        "Rosa Huamán",
        "Presentar el presupuesto",
        Some("2026-05-01"),
        None,
    );
    let removed = commit(
        s,
        ayacucho,
        "Elena Mamani",
        "Quitado",
        Some("2026-01-01"),
        None,
    );
    actions::commitments::remove(s, ayacucho, removed, at(1, 15)).unwrap();

    let nuble = workshop::create(s, &workshop_input(), at(1, 9)).unwrap().id;
    attend(
        s,
        nuble,
        "Begoña Núñez",
        Gender::Female,
        Sector::Municipality,
        Some(0),
    );
    attend(
        s,
        nuble,
        "João Silva",
        Gender::Male,
        Sector::Private,
        Some(1),
    );
    attend(s, nuble, "Marta Soto", Gender::Female, Sector::Ngo, None);
    prioritize(s, nuble, SubjectKind::Goal, "5");
    let rounds = action(s, nuble, "Ronda médica rural", "2026-06-30");
    status(s, nuble, rounds, "2026-03-30", Status::InProgress, Some(40));
    commit(
        s,
        nuble,
        "Begoña Núñez",
        "Contratar a la matrona",
        Some("2026-01-15"),
        Some(rounds),
    );

    let jacmel_again = workshop_at(
        s,
        "Atelier de suivi — Jacmel",
        "2026-04-01",
        "Jean-Baptiste Pierre",
        vec![place("jacmel ", TerritoryLevel::Municipality, "HT")],
    );
    attend(
        s,
        jacmel_again,
        "Jocelyn Paul",
        Gender::Male,
        Sector::Municipality,
        Some(0),
    );
    let gone = attend(
        s,
        jacmel_again,
        "Inscrite par erreur",
        Gender::Female,
        Sector::Other,
        None,
    );
    participants::remove(s, jacmel_again, gone.id, at(1, 16)).unwrap();

    Network {
        store,
        jacmel,
        ayacucho,
        nuble,
        jacmel_again,
    }
}

fn all() -> Filter {
    Filter::default()
}

#[test]
fn totals_count_participants_by_gender_and_country() {
    let n = network();
    let t = coordinator::totals(&n.store, &all(), today()).unwrap();
    assert_eq!((t.workshops, t.countries, t.participants), (4, 4, 13));
    assert_eq!(
        t.by_gender,
        [
            (Gender::Female, 7),
            (Gender::Male, 5),
            (Gender::Other, 1),
            (Gender::NotStated, 0)
        ]
    );
    assert_eq!(t.by_sector.len(), Sector::ALL.len());
    assert_eq!(
        t.by_sector
            .iter()
            .find(|(s, _)| *s == Sector::Municipality)
            .map(|(_, n)| *n),
        Some(5)
    );
    let countries: Vec<(&str, u32, u32, u32, u32, u32)> = t
        .by_country
        .iter()
        .map(|c| {
            (
                c.country.as_str(),
                c.workshops,
                c.municipalities,
                c.participants,
                c.women,
                c.men,
            )
        })
        .collect();
    assert_eq!(
        countries,
        [
            ("HT", 2, 2, 6, 3, 3),
            ("PE", 1, 1, 4, 2, 1),
            // Marta, of no territory, counts in the workshop's first country.
            ("CL", 1, 1, 2, 2, 0),
            ("BR", 1, 1, 1, 0, 1),
        ]
    );
    assert_eq!((t.commitments, t.overdue), (6, 3));
}

#[test]
fn municipalities_are_counted_once_across_workshops() {
    let n = network();
    let t = coordinator::totals(&n.store, &all(), today()).unwrap();
    // Jacmel twice (once typed "jacmel "), Cayes-Jacmel, Ayacucho, Quirihue and
    // São Paulo; Huamanga is a province.
    assert_eq!(t.municipalities, 5);
}

#[test]
fn prioritized_goals_list_all_eight_and_a_target_counts_for_its_goal() {
    let n = network();
    let t = coordinator::totals(&n.store, &all(), today()).unwrap();
    assert_eq!(
        t.goals,
        [
            (1, 0),
            (2, 0),
            (3, 0),
            (4, 1),
            (5, 2),
            (6, 0),
            (7, 0),
            (8, 0)
        ]
    );
}

#[test]
fn the_example_workshop_is_left_out() {
    let n = network();
    let listed = workshop::list(&n.store, true).unwrap();
    assert_eq!(listed.len(), 5);
    assert!(
        listed
            .iter()
            .any(|w| w.is_example && w.participant_count > 0)
    );
    let rows = coordinator::workshops(&n.store, &all(), today()).unwrap();
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter()
            .all(|r| !listed.iter().any(|w| w.is_example && w.id == r.id))
    );
    // The example's commitments are not among them either.
    let agenda = coordinator::commitments(&n.store, &all(), today()).unwrap();
    assert_eq!(agenda.len(), 6);
}

#[test]
fn deleted_participants_are_not_counted() {
    let n = network();
    let rows = coordinator::workshops(&n.store, &all(), today()).unwrap();
    let again = rows.iter().find(|r| r.id == n.jacmel_again).unwrap();
    assert_eq!((again.participants, again.women, again.men), (1, 0, 1));
    // Nor removed commitments: Ayacucho keeps two of its three.
    let ayacucho = rows.iter().find(|r| r.id == n.ayacucho).unwrap();
    assert_eq!((ayacucho.commitments, ayacucho.overdue), (2, 1));
}

#[test]
fn the_workshop_list_is_newest_first_with_its_decision_and_follow_up() {
    let n = network();
    let rows = coordinator::workshops(&n.store, &all(), today()).unwrap();
    let ids: Vec<WorkshopId> = rows.iter().map(|r| r.id).collect();
    assert_eq!(ids, [n.jacmel_again, n.nuble, n.ayacucho, n.jacmel]);
    let jacmel = &rows[3];
    assert_eq!(jacmel.title, "Atelier OMD — Jacmel");
    assert_eq!(jacmel.countries, ["HT"]);
    assert_eq!(jacmel.territories, ["Jacmel", "Cayes-Jacmel"]);
    assert_eq!(jacmel.facilitators, ["Jean-Baptiste Pierre"]);
    assert_eq!((jacmel.participants, jacmel.women, jacmel.men), (5, 3, 2));
    assert_eq!(jacmel.prioritized.as_deref(), Some("5.B"));
    assert_eq!(jacmel.goal, Some(5));
    assert_eq!(
        (jacmel.actions, jacmel.commitments, jacmel.overdue),
        (2, 3, 1)
    );
    assert_eq!(jacmel.device_id, n.store.device_id());
    let nuble = &rows[1];
    assert_eq!(nuble.countries, ["CL", "BR"]);
    assert_eq!(rows[0].prioritized, None);
}

#[test]
fn filters_narrow_by_country_goal_date_and_facilitator() {
    let n = network();
    let ids = |f: Filter| -> Vec<WorkshopId> {
        coordinator::workshops(&n.store, &f, today())
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect()
    };
    let text = |s: &str| Some(s.to_string());
    assert_eq!(
        ids(Filter {
            country: text("ht"),
            ..all()
        }),
        [n.jacmel_again, n.jacmel]
    );
    // By name too, in any language and without accents.
    assert_eq!(
        ids(Filter {
            country: text("Peru"),
            ..all()
        }),
        [n.ayacucho]
    );
    assert_eq!(
        ids(Filter {
            country: text("Brasil"),
            ..all()
        }),
        [n.nuble]
    );
    assert_eq!(
        ids(Filter {
            goal: Some(5),
            ..all()
        }),
        [n.nuble, n.jacmel]
    );
    assert_eq!(
        ids(Filter {
            from: Some(day("2026-03-01")),
            to: Some(day("2026-03-10")),
            ..all()
        }),
        [n.nuble, n.ayacucho]
    );
    assert_eq!(
        ids(Filter {
            facilitator: text("perez"),
            ..all()
        }),
        [n.nuble]
    );
    assert_eq!(
        ids(Filter {
            municipality: text("SAO"),
            ..all()
        }),
        [n.nuble]
    );
    assert_eq!(
        ids(Filter {
            municipality: text("jacmel"),
            facilitator: text("Jean"),
            from: Some(day("2026-03-01")),
            ..all()
        }),
        [n.jacmel_again]
    );
    assert!(
        ids(Filter {
            goal: Some(1),
            ..all()
        })
        .is_empty()
    );

    let haiti = coordinator::totals(
        &n.store,
        &Filter {
            country: text("HT"),
            ..all()
        },
        today(),
    )
    .unwrap();
    assert_eq!(
        (
            haiti.workshops,
            haiti.municipalities,
            haiti.participants,
            haiti.commitments,
            haiti.overdue
        ),
        (2, 2, 6, 3, 1)
    );
}

#[test]
fn overdue_commitments_come_first() {
    let n = network();
    let agenda = coordinator::commitments(&n.store, &all(), today()).unwrap();
    let seen: Vec<(&str, bool, Option<i64>)> = agenda
        .iter()
        .map(|c| (c.what.as_str(), c.overdue, c.days_overdue))
        .collect();
    assert_eq!(
        seen,
        [
            ("Contratar a la matrona", true, Some(90)),
            ("Abrir la clínica móvil", true, Some(45)),
            ("Convocar la mesa de salud infantil", true, Some(14)),
            ("Terminar el censo", false, None),
            ("Presentar el presupuesto", false, None),
            ("Informar a la comunidad", false, None),
        ]
    );
    let first = &agenda[0];
    assert_eq!(first.workshop_id, n.nuble);
    assert_eq!(first.workshop, "Taller ODM — Región de Ñuble");
    assert_eq!(first.country, "CL, BR");
    assert_eq!(first.municipality, "Quirihue, São Paulo");
    assert_eq!(first.action.as_deref(), Some("Ronda médica rural"));
    assert_eq!(
        (first.status, first.percent),
        (Some(Status::InProgress), Some(40))
    );
    assert_eq!(first.due_date, Some(day("2026-01-15")));
    let census = &agenda[3];
    assert_eq!(census.status, Some(Status::Done));
    // Ayacucho's municipality, not its province.
    assert_eq!(agenda[2].municipality, "Ayacucho");
    assert_eq!(agenda[2].status, None);
}

#[test]
fn the_follow_up_is_read_as_it_stood_on_the_day_asked() {
    let n = network();
    // On 5 April the census had not been reported done yet (that was on 10 April).
    let earlier = coordinator::commitments(&n.store, &all(), day("2026-04-05")).unwrap();
    let census = earlier
        .iter()
        .find(|c| c.what == "Terminar el censo")
        .unwrap();
    assert_eq!(
        (census.overdue, census.days_overdue, census.status),
        (true, Some(16), None)
    );
    let t = coordinator::totals(&n.store, &all(), day("2026-04-05")).unwrap();
    assert_eq!(t.overdue, 4);
}

#[test]
fn summary_line_reads_like_the_seed_in_four_languages() {
    let totals = Totals {
        workshops: 25,
        municipalities: 110,
        countries: 20,
        participants: 711,
        by_gender: vec![
            (Gender::Female, 342),
            (Gender::Male, 369),
            (Gender::Other, 0),
            (Gender::NotStated, 0),
        ],
        by_sector: Vec::new(),
        by_country: Vec::new(),
        goals: Vec::new(),
        commitments: 0,
        overdue: 0,
    };
    for (language, line) in [
        (
            Language::Es,
            "711 participantes, 342 mujeres y 369 hombres, de 20 países",
        ),
        (
            Language::En,
            "711 participants, 342 women and 369 men, from 20 countries",
        ),
        (
            Language::Pt,
            "711 participantes, 342 mulheres e 369 homens, de 20 países",
        ),
        (
            Language::Fr,
            "711 participants, 342 femmes et 369 hommes, de 20 pays",
        ),
    ] {
        assert_eq!(coordinator::summary_line(language, &totals), line);
    }
    let n = network();
    let haiti = coordinator::totals(
        &n.store,
        &Filter {
            country: Some("HT".into()),
            ..all()
        },
        today(),
    )
    .unwrap();
    assert_eq!(
        coordinator::summary_line(Language::Es, &haiti),
        "6 participantes, 3 mujeres y 3 hombres, de 1 país"
    );
}

#[test]
fn the_summary_pdf_names_countries_with_accents() {
    let n = network();
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 4, 15, 12, 0, 0).unwrap();
    let path = dir.path().join("resumen.pdf");
    let written =
        coordinator::write_summary_pdf(&n.store, &all(), Language::Es, &path, now).unwrap();
    assert_eq!(written.bytes, std::fs::metadata(&path).unwrap().len());
    assert!(written.pages >= 2, "{} pages", written.pages);
    let text = flat(&pdftotext(&path, &[]));
    for expected in [
        "Resumen consolidado de los talleres",
        "13 participantes, 7 mujeres y 5 hombres, de 4 países",
        "Haití",
        "Perú",
        "Chile",
        "Brasil",
        "São Paulo",
        "Región de Ñuble",
        "ODM 5: Mejorar la salud materna",
        "Meta 5.B",
        "Atrasado",
        "90 días de atraso",
        "Sin acción vinculada",
    ] {
        assert!(text.contains(expected), "{expected:?} missing: {text}");
    }
    assert!(!text.contains("report.coordinator"), "a key shows: {text}");
    // The most overdue first.
    let at = |s: &str| text.find(s).unwrap();
    assert!(at("90 días de atraso") < at("45 días de atraso"));
    assert!(at("45 días de atraso") < at("14 días de atraso"));
    for page in 1..=written.pages {
        let (_, inked) = save_page(&path, page, &format!("coordinator-summary-{page}"));
        assert!(inked > 0.002, "page {page} is nearly blank: {inked}");
    }

    let rendered = coordinator::summary_pdf(
        &n.store,
        &Filter {
            country: Some("haiti".into()),
            ..all()
        },
        Language::Fr,
        now,
    )
    .unwrap();
    let fr = dir.path().join("synthese.pdf");
    std::fs::write(&fr, &rendered.bytes).unwrap();
    let text = flat(&pdftotext(&fr, &[]));
    for expected in [
        "Synthèse consolidée des ateliers",
        "Haïti",
        "Cayes-Jacmel",
        "En retard",
    ] {
        assert!(text.contains(expected), "{expected:?} missing: {text}");
    }
    assert!(
        !text.contains("Pérou"),
        "the filter keeps Haiti only: {text}"
    );
}

#[test]
fn an_empty_selection_still_prints_a_summary() {
    let n = network();
    let rendered = coordinator::summary_pdf(
        &n.store,
        &Filter {
            goal: Some(8),
            ..all()
        },
        Language::En,
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 4, 15, 12, 0, 0).unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.pdf");
    std::fs::write(&path, &rendered.bytes).unwrap();
    let text = flat(&pdftotext(&path, &[]));
    assert!(text.contains("No workshop matches the filter."), "{text}");
    assert!(text.contains("0 participants, 0 women and 0 men, from 0 countries"));
}

#[test]
fn the_tables_export_to_xlsx_and_read_back() {
    use calamine::{Data, Reader, Xlsx, open_workbook};

    let n = network();
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 4, 15, 12, 0, 0).unwrap();
    let sheets = coordinator::tables(&n.store, &all(), Language::Es, today()).unwrap();
    let keys: Vec<&str> = sheets.iter().map(|t| t.key).collect();
    assert_eq!(keys, coordinator::KEYS);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coordinacion.xlsx");
    std::fs::write(&path, tables::xlsx_bytes(&sheets, now).unwrap()).unwrap();

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Talleres", "Países", "ODM priorizados", "Compromisos"]
    );
    let heights: Vec<usize> = book
        .sheet_names()
        .iter()
        .map(|s| book.worksheet_range(s).unwrap().height())
        .collect();
    // Header, then 4 workshops, 4 countries, 8 goals, 6 commitments.
    assert_eq!(heights, [5, 5, 9, 7]);

    let workshops = book.worksheet_range("Talleres").unwrap();
    let header: Vec<String> = workshops
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, sheets[0].headers);
    let last = workshops.rows().nth(4).unwrap();
    assert_eq!(last[0], Data::String("Atelier OMD — Jacmel".into()));
    assert!(matches!(last[1], Data::DateTime(_)), "{:?}", last[1]);
    assert_eq!(last[2], Data::String("Haití".into()));

    let countries = book.worksheet_range("Países").unwrap();
    let first: Vec<Data> = countries.rows().nth(1).unwrap().to_vec();
    assert_eq!(
        first,
        [
            Data::String("Haití".into()),
            Data::String("HT".into()),
            Data::Float(2.0),
            Data::Float(2.0),
            Data::Float(6.0),
            Data::Float(3.0),
            Data::Float(3.0),
        ]
    );
    let goals = book.worksheet_range("ODM priorizados").unwrap();
    let fifth = goals.rows().nth(5).unwrap();
    assert_eq!(fifth[0], Data::Float(5.0));
    assert_eq!(fifth[1], Data::String("Mejorar la salud materna".into()));
    assert_eq!(fifth[2], Data::Float(2.0));

    let agenda = book.worksheet_range("Compromisos").unwrap();
    let top = agenda.rows().nth(1).unwrap();
    assert_eq!(top[0], Data::String("Taller ODM — Región de Ñuble".into()));
    assert_eq!(top[1], Data::String("Chile, Brasil".into()));
    assert_eq!(top[2], Data::String("Quirihue, São Paulo".into()));
    assert!(matches!(top[6], Data::DateTime(_)), "{:?}", top[6]);
    assert_eq!(top[8], Data::String("En curso".into()));
    assert_eq!(top[9], Data::Float(40.0));
    assert_eq!(top[10], Data::String("Sí".into()));
    assert_eq!(top[11], Data::Float(90.0));
}
