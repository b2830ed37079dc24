//! Stage 3 on a real file: two strategic lines and five actions with every field,
//! the room's 2×2, the institutional analysis and the actor map, a follow-up
//! session a month later, the bad input each step refuses without losing what was
//! there, and the bundle carrying all of it.

use cabildo_core::actions::follow_up::{self, CheckpointState, Status, StatusInput};
use cabildo_core::actions::{self, ActionInput, Partner, commitments, plan};
use cabildo_core::actors::{self, ActorInput, ActorType, Engagement, Stance};
use cabildo_core::ids::{
    ActionId, ActorId, AreaId, CheckpointId, IndicatorValueId, LineId, ReviewId, StatusUpdateId,
    WorkshopId,
};
use cabildo_core::institutions::{self, DefaultArea, Level};
use cabildo_core::prioritization::{self, Origin, SubjectKind};
use cabildo_core::voting::{self, Voter};
use cabildo_core::{Store, bundle, workshop};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde_json::json;

use crate::fixtures::{TempDb, at, snapshot, workshop_input};

struct Stage3 {
    workshop: WorkshopId,
    lines: Vec<LineId>,
    actions: Vec<ActionId>,
    actors: Vec<ActorId>,
    areas: Vec<AreaId>,
}

/// A time in April 2026, a month after the workshop.
fn april(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 4, day, hour, 0, 0).unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn actor(name: &str, kind: ActorType, power: i64, interest: i64) -> ActorInput {
    ActorInput {
        name: name.into(),
        kind,
        stance: Some(Stance::Supportive),
        power: Some(power),
        interest: Some(interest),
        notes: String::new(),
    }
}

/// An action with every field filled.
#[allow(clippy::too_many_arguments)]
fn full(
    line: LineId,
    title: &str,
    start: &str,
    end: &str,
    amount: f64,
    currency: &str,
    source: &str,
    area: AreaId,
    partner: ActorId,
) -> ActionInput {
    ActionInput {
        line: Some(line),
        title: title.into(),
        goal: format!("Meta local de «{title}»"),
        mdg_target: Some("5.A".into()),
        indicator_name: "Partos atendidos por personal especializado".into(),
        indicator_unit: "%".into(),
        indicator_code: Some("5.2".into()),
        baseline_value: Some(82.5),
        baseline_date: Some("2025-12-31".into()),
        target_value: Some(95.0),
        target_date: Some("2027-12-31".into()),
        responsible_unit: "Departamento de Salud Municipal".into(),
        partners: vec![Partner {
            actor: partner,
            role: "Aporta profesionales".into(),
        }],
        start_date: Some(start.into()),
        end_date: Some(end.into()),
        amount: Some(amount),
        currency: Some(currency.into()),
        funding_source: source.into(),
        area: Some(area),
        risks: "Rotación del personal".into(),
        impact: Some(4),
        feasibility: Some(3),
    }
}

fn stage3(store: &mut Store) -> Stage3 {
    let w = workshop::create(store, &workshop_input(), at(2, 9)).unwrap();
    prioritization::start(store, w.id, at(2, 9)).unwrap();
    let goal =
        prioritization::add_candidate(store, w.id, SubjectKind::Goal, "5", Origin::Added, at(2, 9))
            .unwrap();
    prioritization::decide(store, w.id, goal, "La mayor brecha", at(2, 12)).unwrap();
    actions::start(store, w.id, at(3, 9)).unwrap();
    let areas: Vec<AreaId> = institutions::areas(store, w.id)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let actors = [
        actor("Seremi de Salud", ActorType::Public, 5, 4),
        actor("Junta de vecinos", ActorType::CivilSociety, 2, 5),
        actor("Universidad de Concepción", ActorType::Academia, 3, 2),
    ]
    .iter()
    .map(|a| actors::add(store, w.id, a, at(3, 9)).unwrap())
    .collect::<Vec<_>>();
    let lines: Vec<LineId> = ["Atención del parto", "Información para decidir"]
        .iter()
        .map(|t| actions::add_line(store, w.id, t, at(3, 10)).unwrap())
        .collect();
    let health = areas[3];
    let info = areas[5];
    let inputs = [
        full(
            lines[0],
            "Ronda médica rural",
            "2026-03-15",
            "2026-04-05",
            1_200_000.0,
            "CLP",
            "Presupuesto municipal",
            health,
            actors[0],
        ),
        full(
            lines[0],
            "Casa de espera materna",
            "2026-04-01",
            "2026-12-31",
            8_000_000.0,
            "CLP",
            "FNDR",
            health,
            actors[0],
        ),
        full(
            lines[0],
            "Parteras capacitadas",
            "2026-05-01",
            "2026-09-30",
            15_000.0,
            "USD",
            "UNFPA",
            areas[6],
            actors[2],
        ),
        full(
            lines[1],
            "Registro único de embarazadas",
            "2026-03-20",
            "2026-06-30",
            900_000.0,
            "clp",
            "presupuesto  municipal",
            info,
            actors[1],
        ),
        full(
            lines[1],
            "Tablero de indicadores",
            "2026-06-01",
            "2027-03-31",
            2_000.0,
            "USD",
            "UNFPA",
            info,
            actors[2],
        ),
    ];
    let actions = inputs
        .iter()
        .map(|i| actions::add_action(store, w.id, i, at(3, 11)).unwrap().id)
        .collect();
    Stage3 {
        workshop: w.id,
        lines,
        actions,
        actors,
        areas,
    }
}

#[test]
fn two_lines_and_five_actions_with_every_field_are_there_after_reopening() {
    let db = TempDb::new();
    let (s, before) = {
        let mut store = db.open();
        let s = stage3(&mut store);
        let before = actions::board(&store, s.workshop).unwrap();
        (s, before)
    };
    let store = db.open();
    let after = actions::board(&store, s.workshop).unwrap();
    assert_eq!(after, before);
    assert_eq!(after.lines.len(), 2);
    assert_eq!(after.actions.len(), 5);
    assert_eq!(after.decision.unwrap().code, "5");
    let registro = &after.actions[3];
    assert_eq!(registro.line, s.lines[1]);
    assert_eq!(registro.currency.as_deref(), Some("CLP"));
    assert_eq!(registro.start_date, Some(day("2026-03-20")));
    assert_eq!(registro.baseline_value, Some(82.5));
    assert_eq!(registro.indicator_code.as_deref(), Some("5.2"));
    assert_eq!(registro.partners[0].actor, s.actors[1]);
    assert_eq!(registro.partners[0].role, "Aporta profesionales");
    assert_eq!((registro.impact, registro.feasibility), (Some(4), Some(3)));
    assert!(after.without_responsible.is_empty());

    let p = plan::of(&store, s.workshop).unwrap();
    let span = p.span.unwrap();
    assert_eq!(
        (span.start, span.end, span.months),
        (day("2026-03-15"), day("2027-03-31"), 13)
    );
    let clp: Vec<_> = p
        .by_source
        .iter()
        .filter(|t| t.currency.as_deref() == Some("CLP"))
        .map(|t| (t.source.as_str(), t.amount))
        .collect();
    assert_eq!(
        clp,
        [
            ("FNDR", 8_000_000.0),
            ("Presupuesto municipal", 2_100_000.0)
        ]
    );
    let totals: Vec<_> = p
        .by_currency
        .iter()
        .map(|m| (m.currency.clone().unwrap(), m.amount))
        .collect();
    assert_eq!(
        totals,
        [("CLP".to_string(), 10_100_000.0), ("USD".into(), 17_000.0)]
    );
}

#[test]
fn an_action_ending_before_it_starts_is_refused_and_the_saved_one_stays() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = stage3(&mut store);
    let saved = actions::get(&store, s.actions[0]).unwrap();
    let mut bad = full(
        s.lines[0],
        "Ronda médica rural",
        "2026-05-01",
        "2026-04-05",
        1_200_000.0,
        "CLP",
        "Presupuesto municipal",
        s.areas[3],
        s.actors[0],
    );
    let err =
        actions::update_action(&mut store, s.workshop, s.actions[0], &bad, at(4, 9)).unwrap_err();
    assert_eq!(err.code(), "action_ends_before_start");
    assert!(err.to_string().contains("2026-04-05"), "{err}");
    bad.end_date = Some("2026-06-01".into());
    bad.amount = Some(-50.0);
    let err =
        actions::update_action(&mut store, s.workshop, s.actions[0], &bad, at(4, 9)).unwrap_err();
    assert_eq!(err.code(), "negative_amount");
    assert_eq!(err.params()["amount"], "-50");
    bad.amount = Some(50.0);
    bad.currency = Some("PESOS".into());
    let err = actions::add_action(&mut store, s.workshop, &bad, at(4, 9)).unwrap_err();
    assert_eq!(err.code(), "unknown_currency");
    drop(store);
    let store = db.open();
    assert_eq!(actions::get(&store, s.actions[0]).unwrap(), saved);
    assert_eq!(actions::actions(&store, s.workshop).unwrap().len(), 5);
}

#[test]
fn closing_the_stage_is_refused_while_an_action_has_no_responsible_unit() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = stage3(&mut store);
    let mut unowned = full(
        s.lines[1],
        "Tablero de indicadores",
        "2026-06-01",
        "2027-03-31",
        2_000.0,
        "USD",
        "UNFPA",
        s.areas[5],
        s.actors[2],
    );
    unowned.responsible_unit = "  ".into();
    actions::update_action(&mut store, s.workshop, s.actions[4], &unowned, at(4, 9)).unwrap();
    let err = actions::close_stage(&mut store, s.workshop, at(4, 10)).unwrap_err();
    assert_eq!(err.code(), "action_without_responsible");
    assert!(err.params()["actions"].contains("Tablero de indicadores"));
    assert!(!err.params()["actions"].contains("Ronda"));
    assert_eq!(actions::closed_at(&store, s.workshop).unwrap(), None);
    assert_eq!(
        actions::board(&store, s.workshop)
            .unwrap()
            .without_responsible,
        [s.actions[4]]
    );

    unowned.responsible_unit = "SECPLAN".into();
    actions::update_action(&mut store, s.workshop, s.actions[4], &unowned, at(4, 11)).unwrap();
    actions::close_stage(&mut store, s.workshop, at(4, 12)).unwrap();
    drop(store);
    let store = db.open();
    assert!(actions::closed_at(&store, s.workshop).unwrap().is_some());
}

#[test]
fn a_follow_up_session_a_month_later_marks_two_actions_and_one_is_overdue() {
    let db = TempDb::new();
    let (s, review) = {
        let mut store = db.open();
        let s = stage3(&mut store);
        let review = follow_up::add_review(
            &mut store,
            s.workshop,
            "2026-04-10",
            "Primera revisión",
            at(4, 9),
        )
        .unwrap();
        follow_up::add_review(
            &mut store,
            s.workshop,
            "2026-07-10",
            "Segunda revisión",
            at(4, 9),
        )
        .unwrap();
        for (action, date, expected) in [
            (s.actions[3], "2026-04-01", 85.0),
            (s.actions[1], "2026-04-01", 84.0),
            (s.actions[1], "2026-06-30", 88.0),
        ] {
            follow_up::add_checkpoint(&mut store, s.workshop, action, date, expected, at(4, 9))
                .unwrap();
        }
        (s, review)
    };
    // A month after the workshop the file is opened again for the follow-up session.
    let mut store = db.open();
    let session = |action, status, percent| StatusInput {
        action,
        session_date: "2026-04-10".into(),
        review: Some(review),
        status,
        percent,
        comment: "Revisado en el concejo".into(),
    };
    follow_up::record_session(
        &mut store,
        s.workshop,
        &[
            session(s.actions[0], Status::InProgress, Some(80)),
            session(s.actions[3], Status::Done, None),
        ],
        april(10, 18),
    )
    .unwrap();
    follow_up::record_value(
        &mut store,
        s.workshop,
        s.actions[3],
        "2026-04-08",
        86.0,
        "",
        april(10, 18),
    )
    .unwrap();

    let today = day("2026-04-10");
    let board = follow_up::board(&store, s.workshop, today).unwrap();
    let state = &board.state;
    // The rural round ended on 5 April and is still in progress.
    assert_eq!(state.overdue, [s.actions[0]]);
    assert_eq!(state.actions[0].status, Status::InProgress);
    assert_eq!(state.actions[0].percent, Some(80));
    assert_eq!(state.actions[3].status, Status::Done);
    let checkpoints: Vec<_> = state
        .checkpoints
        .iter()
        .map(|c| (c.checkpoint.action, c.state))
        .collect();
    assert_eq!(
        checkpoints,
        [
            (s.actions[3], CheckpointState::Reached),
            (s.actions[1], CheckpointState::Missed),
            (s.actions[1], CheckpointState::Upcoming),
        ]
    );
    assert_eq!(state.checkpoints[0].on_target, Some(true));
    assert_eq!(state.missed.len(), 1);
    assert_eq!(board.program.len(), 5);
    assert_eq!(board.program[0].date(), day("2026-04-01"));

    // A later session appends: the history keeps the first status.
    follow_up::record_status(
        &mut store,
        s.workshop,
        &StatusInput {
            session_date: "2026-05-10".into(),
            review: None,
            ..session(s.actions[0], Status::Done, None)
        },
        april(10, 19),
    )
    .unwrap();
    let later = follow_up::board(&store, s.workshop, day("2026-05-10")).unwrap();
    let history: Vec<_> = later.state.actions[0]
        .history
        .iter()
        .map(|u| u.status)
        .collect();
    assert_eq!(history, [Status::InProgress, Status::Done]);
    assert!(later.state.overdue.is_empty());
}

#[test]
fn a_percent_with_a_status_other_than_in_progress_is_refused_and_the_history_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage3(&mut store);
    let input = |status, percent| StatusInput {
        action: s.actions[1],
        session_date: "2026-04-10".into(),
        review: None,
        status,
        percent,
        comment: String::new(),
    };
    follow_up::record_status(
        &mut store,
        s.workshop,
        &input(Status::InProgress, Some(30)),
        at(20, 9),
    )
    .unwrap();
    let err = follow_up::record_status(
        &mut store,
        s.workshop,
        &input(Status::Done, Some(100)),
        at(20, 10),
    )
    .unwrap_err();
    assert_eq!(err.code(), "percent_not_in_progress");
    let err = follow_up::record_session(
        &mut store,
        s.workshop,
        &[
            input(Status::Done, None),
            input(Status::InProgress, Some(120)),
        ],
        at(20, 10),
    )
    .unwrap_err();
    assert_eq!(err.code(), "percent_out_of_range");
    let state = follow_up::board(&store, s.workshop, day("2026-05-01"))
        .unwrap()
        .state;
    assert_eq!(state.actions[1].history.len(), 1);
    assert_eq!(state.actions[1].percent, Some(30));
}

#[test]
fn the_room_places_the_actions_on_the_two_by_two_from_their_phones() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage3(&mut store);
    let q = actions::open_grid(&mut store, s.workshop, at(3, 12)).unwrap();
    assert_eq!(q.options.len(), 5);
    for (phone, (impact, feasibility)) in [(1.0, 0.5), (0.5, 0.0)].into_iter().enumerate() {
        let option = voting::option_id(q.id, &s.actions[2].to_string()).to_string();
        let ballot =
            json!({ "placements": { option: { "impact": impact, "feasibility": feasibility } } });
        voting::cast(
            &mut store,
            s.workshop,
            q.id,
            &Voter::Phone(format!("{phone:064x}")),
            None,
            &ballot,
            at(3, 12),
        )
        .unwrap();
    }
    let room = actions::room_vote(&store, s.workshop).unwrap().unwrap();
    assert_eq!(room.question.ballots, 2);
    assert_eq!(room.placements.len(), 1);
    let p = &room.placements[0];
    assert_eq!(
        (p.action, p.impact, p.feasibility),
        (s.actions[2], 0.75, 0.25)
    );
    assert_eq!((p.impact_1_5, p.feasibility_1_5), (4.0, 2.0));
    assert_eq!(
        actions::adopt_room_placements(&mut store, s.workshop, at(3, 13)).unwrap(),
        1
    );
    let a = actions::get(&store, s.actions[2]).unwrap();
    assert_eq!((a.impact, a.feasibility), (Some(4), Some(2)));
}

#[test]
fn the_institutional_analysis_flags_weak_areas_and_links_their_actions() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage3(&mut store);
    let areas = institutions::areas(&store, s.workshop).unwrap();
    assert_eq!(areas.len(), 9);
    assert_eq!(areas[0].key, Some(DefaultArea::Planning));
    assert_eq!(areas[0].label, "Planificación");
    institutions::rate_area(&mut store, s.workshop, s.areas[3], Some(4), "", at(3, 14)).unwrap();
    institutions::rate_area(
        &mut store,
        s.workshop,
        s.areas[5],
        Some(1),
        "Sin registro nominal",
        at(3, 14),
    )
    .unwrap();
    institutions::rate_area(&mut store, s.workshop, s.areas[7], Some(2), "", at(3, 14)).unwrap();
    let err = institutions::rate_area(&mut store, s.workshop, s.areas[0], Some(6), "", at(3, 14))
        .unwrap_err();
    assert_eq!(err.code(), "capacity_out_of_range");
    institutions::set_competence(
        &mut store,
        s.workshop,
        "5.A",
        Level::Municipal,
        "Departamento de Salud Municipal",
        "Atención primaria",
        at(3, 15),
    )
    .unwrap();
    let err = institutions::set_competence(
        &mut store,
        s.workshop,
        "4.A",
        Level::National,
        "Ministerio de Salud",
        "",
        at(3, 15),
    )
    .unwrap_err();
    assert_eq!(err.code(), "target_not_prioritized");

    let analysis = institutions::board(&store, s.workshop).unwrap();
    assert_eq!(analysis.to_strengthen, [s.areas[5], s.areas[7]]);
    assert_eq!(analysis.unaddressed, [s.areas[7]]);
    let info = analysis
        .areas
        .iter()
        .find(|a| a.area.id == s.areas[5])
        .unwrap();
    assert_eq!(info.actions.len(), 2);
    assert_eq!(info.area.gaps, "Sin registro nominal");
    let targets: Vec<_> = analysis.targets.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(targets, ["5.A", "5.B"]);
    assert_eq!(analysis.targets[0].competences[0].level, Level::Municipal);
    assert!(analysis.targets[1].competences.is_empty());

    let map = actors::board(&store, s.workshop).unwrap();
    let quadrant = |e: Engagement| {
        map.grid
            .quadrants
            .iter()
            .find(|q| q.engagement == e)
            .unwrap()
            .actors
            .clone()
    };
    assert_eq!(quadrant(Engagement::ManageClosely), [s.actors[0]]);
    assert_eq!(quadrant(Engagement::KeepInformed), [s.actors[1]]);
    assert_eq!(quadrant(Engagement::KeepSatisfied), [s.actors[2]]);
    assert_eq!(map.partnering[0].actions, [s.actions[0], s.actions[1]]);
}

#[test]
fn the_bundle_carries_the_matrix_the_agenda_and_the_follow_up_history() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = stage3(&mut store);
    institutions::rate_area(
        &mut store,
        s.workshop,
        s.areas[5],
        Some(2),
        "Sin registro",
        at(3, 14),
    )
    .unwrap();
    institutions::set_competence(
        &mut store,
        s.workshop,
        "5.B",
        Level::National,
        "MINSAL",
        "",
        at(3, 14),
    )
    .unwrap();
    for (who, what, due) in [
        (
            "Alcaldesa",
            "Presentar el plan al concejo",
            Some("2026-04-15"),
        ),
        (
            "Director de Salud",
            "Nombrar a la encargada de la ronda",
            None,
        ),
    ] {
        commitments::add(
            &mut store,
            s.workshop,
            &commitments::CommitmentInput {
                who: who.into(),
                institution: "Municipalidad de Quirihue".into(),
                what: what.into(),
                due: due.map(str::to_string),
                action: Some(s.actions[0]),
            },
            at(3, 15),
        )
        .unwrap();
    }
    let review = follow_up::add_review(
        &mut store,
        s.workshop,
        "2026-04-10",
        "Primera revisión",
        at(3, 16),
    )
    .unwrap();
    follow_up::set_review_notes(
        &mut store,
        s.workshop,
        review,
        "Se reasignó la ronda",
        at(3, 16),
    )
    .unwrap();
    follow_up::add_checkpoint(
        &mut store,
        s.workshop,
        s.actions[1],
        "2026-06-30",
        88.0,
        at(3, 16),
    )
    .unwrap();
    for (date, status, percent) in [
        ("2026-04-10", Status::InProgress, Some(20)),
        ("2026-05-10", Status::InProgress, Some(60)),
    ] {
        follow_up::record_status(
            &mut store,
            s.workshop,
            &StatusInput {
                action: s.actions[1],
                session_date: date.into(),
                review: Some(review),
                status,
                percent,
                comment: String::new(),
            },
            at(20, 9),
        )
        .unwrap();
    }
    follow_up::record_value(
        &mut store,
        s.workshop,
        s.actions[1],
        "2026-05-09",
        86.0,
        "SIS",
        at(20, 9),
    )
    .unwrap();
    actions::remove_action(&mut store, s.workshop, s.actions[4], at(21, 9)).unwrap();
    actions::close_stage(&mut store, s.workshop, at(21, 10)).unwrap();

    let bytes = bundle::export(&store, s.workshop, at(22, 9)).unwrap();
    let mut fresh = Store::open_in_memory().unwrap();
    let report = bundle::import(&mut fresh, &bytes).unwrap();
    assert!(report.inserted > 0);
    assert_eq!(snapshot(&fresh), snapshot(&store));
    let today = day("2026-05-15");
    assert_eq!(
        follow_up::board(&fresh, s.workshop, today).unwrap(),
        follow_up::board(&store, s.workshop, today).unwrap()
    );
    assert_eq!(
        follow_up::board(&fresh, s.workshop, today)
            .unwrap()
            .state
            .actions[1]
            .history
            .len(),
        2
    );
    assert_eq!(
        commitments::of(&fresh, s.workshop).unwrap(),
        commitments::of(&store, s.workshop).unwrap()
    );
    assert_eq!(actions::actions(&fresh, s.workshop).unwrap().len(), 4);
    // Importing the same file again changes nothing.
    let again = bundle::import(&mut fresh, &bytes).unwrap();
    assert_eq!((again.inserted, again.updated), (0, 0));
}

#[test]
fn an_actor_removed_stops_being_a_partner() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage3(&mut store);
    actors::remove(&mut store, s.workshop, s.actors[0], at(3, 16)).unwrap();
    let a = actions::get(&store, s.actions[0]).unwrap();
    assert!(a.partners.is_empty());
    assert_eq!(actors::list(&store, s.workshop).unwrap().len(), 2);
}

#[test]
fn every_table_of_a_workshop_travels_in_the_bundle_but_the_phones_tokens_and_sync_records() {
    let store = Store::open_in_memory().unwrap();
    let mut st = store
        .conn()
        .prepare(
            "SELECT m.name FROM sqlite_master m
             WHERE m.type = 'table'
               AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'workshop_id')
             ORDER BY m.name",
        )
        .unwrap();
    let owned: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let left_out: Vec<&String> = owned
        .iter()
        .filter(|t| !bundle::TABLES.contains(&t.as_str()))
        .collect();
    // Conflicts, what was seen of other devices, received files and what the hub
    // acknowledged describe this installation, not the workshop.
    assert_eq!(
        left_out,
        [
            "conflicts",
            "device_knowledge",
            "phones",
            "received_bundles",
            "sync_pushed"
        ]
    );
}

#[test]
fn a_line_or_action_of_another_workshop_is_not_edited_or_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let a = stage3(&mut store);
    let b = stage3(&mut store);
    let before = actions::board(&store, b.workshop).unwrap();
    let err =
        actions::rename_line(&mut store, a.workshop, b.lines[0], "Otra", at(4, 9)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = actions::remove_line(&mut store, a.workshop, b.lines[1], at(4, 9)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    // Every reference of the edit is workshop A's: only the action's id is not.
    let input = full(
        a.lines[0],
        "Otra",
        "2026-03-15",
        "2026-04-05",
        1.0,
        "CLP",
        "",
        a.areas[3],
        a.actors[0],
    );
    let err =
        actions::update_action(&mut store, a.workshop, b.actions[0], &input, at(4, 9)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = actions::remove_action(&mut store, a.workshop, b.actions[1], at(4, 9)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(actions::board(&store, b.workshop).unwrap(), before);
}

#[test]
fn a_commitment_of_another_workshop_is_not_edited_or_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let a = stage3(&mut store);
    let b = stage3(&mut store);
    let input = |what: &str| commitments::CommitmentInput {
        who: "Alcaldesa".into(),
        institution: "Municipalidad de Quirihue".into(),
        what: what.into(),
        due: Some("2026-04-15".into()),
        action: None,
    };
    let theirs = commitments::add(&mut store, b.workshop, &input("Firmar"), at(3, 15)).unwrap();
    let before = commitments::of(&store, b.workshop).unwrap();
    let err =
        commitments::update(&mut store, a.workshop, theirs, &input("Otro"), at(3, 16)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = commitments::remove(&mut store, a.workshop, theirs, at(3, 16)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(commitments::of(&store, b.workshop).unwrap(), before);
}

/// Workshop `s`'s follow-up rows: a review, a checkpoint, two statuses and a value.
fn followed(
    store: &mut Store,
    s: &Stage3,
) -> (
    ReviewId,
    CheckpointId,
    Vec<StatusUpdateId>,
    IndicatorValueId,
) {
    let review = follow_up::add_review(
        store,
        s.workshop,
        "2026-04-10",
        "Primera revisión",
        at(3, 16),
    )
    .unwrap();
    let checkpoint = follow_up::add_checkpoint(
        store,
        s.workshop,
        s.actions[1],
        "2026-06-30",
        88.0,
        at(3, 16),
    )
    .unwrap();
    let status = |session: &str, status, percent| StatusInput {
        action: s.actions[1],
        session_date: session.into(),
        review: None,
        status,
        percent,
        comment: String::new(),
    };
    let statuses = vec![
        follow_up::record_status(
            store,
            s.workshop,
            &status("2026-04-10", Status::InProgress, Some(30)),
            at(20, 9),
        )
        .unwrap(),
        follow_up::record_status(
            store,
            s.workshop,
            &status("2026-05-10", Status::InProgress, Some(60)),
            at(20, 10),
        )
        .unwrap(),
    ];
    let value = follow_up::record_value(
        store,
        s.workshop,
        s.actions[1],
        "2026-04-30",
        84.0,
        "",
        at(20, 11),
    )
    .unwrap();
    (review, checkpoint, statuses, value)
}

#[test]
fn a_follow_up_row_of_another_workshop_is_not_edited_or_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let a = stage3(&mut store);
    let b = stage3(&mut store);
    followed(&mut store, &a);
    let (review, checkpoint, statuses, value) = followed(&mut store, &b);
    let today = day("2026-12-31");
    let before = follow_up::board(&store, b.workshop, today).unwrap();
    let refusals = [
        follow_up::update_review(
            &mut store,
            a.workshop,
            review,
            "2026-04-11",
            "Otra",
            at(21, 9),
        ),
        follow_up::set_review_notes(&mut store, a.workshop, review, "Otra", at(21, 9)),
        follow_up::remove_review(&mut store, a.workshop, review, at(21, 9)),
        follow_up::remove_checkpoint(&mut store, a.workshop, checkpoint, at(21, 9)),
        follow_up::withdraw_status(&mut store, a.workshop, statuses[1], at(21, 9)),
        follow_up::remove_value(&mut store, a.workshop, value, at(21, 9)),
    ];
    for r in refusals {
        assert_eq!(r.unwrap_err().code(), "not_found");
    }
    assert_eq!(follow_up::board(&store, b.workshop, today).unwrap(), before);
}

#[test]
fn withdrawing_an_older_status_is_refused_and_the_history_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage3(&mut store);
    let (_, _, statuses, _) = followed(&mut store, &s);
    let today = day("2026-12-31");
    let before = follow_up::board(&store, s.workshop, today).unwrap();
    let err =
        follow_up::withdraw_status(&mut store, s.workshop, statuses[0], at(21, 9)).unwrap_err();
    assert_eq!(err.code(), "status_not_latest");
    assert_eq!(follow_up::board(&store, s.workshop, today).unwrap(), before);

    follow_up::withdraw_status(&mut store, s.workshop, statuses[1], at(21, 10)).unwrap();
    let history = &follow_up::board(&store, s.workshop, today)
        .unwrap()
        .state
        .actions[1]
        .history;
    assert_eq!(
        history.iter().map(|u| u.id).collect::<Vec<_>>(),
        [statuses[0]]
    );
}

#[test]
fn an_actor_or_area_of_another_workshop_is_not_edited_or_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let a = stage3(&mut store);
    let b = stage3(&mut store);
    let actors_before = actors::board(&store, b.workshop).unwrap();
    let areas_before = institutions::board(&store, b.workshop).unwrap();
    let input = actor("Otro", ActorType::Private, 1, 1);
    let refusals = [
        actors::update(&mut store, a.workshop, b.actors[0], &input, at(3, 16)),
        actors::remove(&mut store, a.workshop, b.actors[1], at(3, 16)),
        institutions::rate_area(&mut store, a.workshop, b.areas[0], Some(1), "", at(3, 16)),
        institutions::remove_area(&mut store, a.workshop, b.areas[1], at(3, 16)),
    ];
    for r in refusals {
        assert_eq!(r.unwrap_err().code(), "not_found");
    }
    assert_eq!(actors::board(&store, b.workshop).unwrap(), actors_before);
    assert_eq!(
        institutions::board(&store, b.workshop).unwrap(),
        areas_before
    );
}
