//! Questions, ballots from every channel, voting codes and paper ids, on a real file.

use cabildo_core::voting::{self, Kind, QuestionInput, Scale, Tally, Voter};
use cabildo_core::{Store, relevance, workshop};
use serde_json::json;

use crate::fixtures::{TempDb, at, workshop_input};

fn choice_question(
    store: &mut Store,
    w: cabildo_core::ids::WorkshopId,
    kind: Kind,
) -> voting::Question {
    let input = QuestionInput {
        kind: Some(kind),
        prompt: "¿Qué acción primero en Cobquecura?".into(),
        options: vec![
            "Agua potable rural".into(),
            "Posta de salud".into(),
            "Transporte escolar".into(),
        ],
        ..QuestionInput::default()
    };
    let q = voting::create(store, w, &input, at(2, 9)).unwrap();
    voting::set_open(store, w, q.id, true, at(2, 9)).unwrap()
}

#[test]
fn hands_and_paper_ballots_add_up_in_one_tally_and_a_paper_id_counts_once() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    relevance::set_hand_counts(&mut store, w.id, "7", [0, 1, 0, 2, 3], at(2, 10)).unwrap();
    let q = voting::question_about(&store, w.id, &relevance::subject("7"))
        .unwrap()
        .unwrap();
    let q = voting::set_open(&mut store, w.id, q.id, true, at(2, 10)).unwrap();
    let paper = Voter::Paper("p-4821".into());
    voting::cast(
        &mut store,
        w.id,
        q.id,
        &paper,
        None,
        &json!({"value": 2}),
        at(2, 11),
    )
    .unwrap();
    let twice = voting::cast(
        &mut store,
        w.id,
        q.id,
        &Voter::Paper("P-4821".into()),
        None,
        &json!({"value": 1}),
        at(2, 11),
    );
    assert_eq!(twice.unwrap_err().code(), "paper_keyed_twice");
    voting::cast(
        &mut store,
        w.id,
        q.id,
        &Voter::Phone("tok-1".into()),
        Some("c1"),
        &json!({"value": 5}),
        at(2, 11),
    )
    .unwrap();
    let bad = voting::cast(
        &mut store,
        w.id,
        q.id,
        &Voter::Phone("tok-2".into()),
        Some("c2"),
        &json!({"value": 9}),
        at(2, 11),
    );
    assert_eq!(bad.unwrap_err().code(), "invalid_answer");
    let t = voting::scale_tally(&store, &q).unwrap();
    assert_eq!(t.scale, Scale::ONE_TO_FIVE);
    assert_eq!(t.counts, vec![0, 2, 0, 2, 4]);
    assert_eq!(t.hand_counts, vec![0, 1, 0, 2, 3]);
    assert_eq!(
        (
            t.by_channel.hands,
            t.by_channel.paper,
            t.by_channel.phone,
            t.n
        ),
        (6, 1, 1, 8)
    );
}

#[test]
fn a_phone_changes_its_vote_and_a_retry_of_the_same_ballot_changes_nothing() {
    let db = TempDb::new();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let q = choice_question(&mut store, w.id, Kind::Single);
    let (water, clinic) = (q.options[0].id.clone(), q.options[1].id.clone());
    let phone = Voter::Phone("a1b2".into());
    let first = voting::cast(
        &mut store,
        w.id,
        q.id,
        &phone,
        Some("b-1"),
        &json!({"option": water}),
        at(2, 10),
    )
    .unwrap();
    assert!(!first.replaced);
    let retry = voting::cast(
        &mut store,
        w.id,
        q.id,
        &phone,
        Some("b-1"),
        &json!({"option": water}),
        at(2, 10),
    )
    .unwrap();
    assert!(!retry.replaced);
    let changed = voting::cast(
        &mut store,
        w.id,
        q.id,
        &phone,
        Some("b-2"),
        &json!({"option": clinic}),
        at(2, 11),
    )
    .unwrap();
    assert!(changed.replaced);
    drop(store);
    let store = db.open();
    let Tally::Options { options, n, .. } =
        voting::results(&store, &voting::get(&store, q.id).unwrap()).unwrap()
    else {
        panic!("a choice tally")
    };
    assert_eq!(n, 1, "one phone, one ballot");
    assert_eq!((options[0].count, options[1].count), (0, 1));
}

#[test]
fn a_closed_question_refuses_phones_but_takes_paper_keyed_in_later() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let q = choice_question(&mut store, w.id, Kind::Single);
    let option = json!({"option": q.options[2].id});
    voting::set_open(&mut store, w.id, q.id, false, at(2, 10)).unwrap();
    let late = voting::cast(
        &mut store,
        w.id,
        q.id,
        &Voter::Phone("t".into()),
        None,
        &option,
        at(2, 11),
    );
    assert_eq!(late.unwrap_err().code(), "question_closed");
    voting::cast(
        &mut store,
        w.id,
        q.id,
        &Voter::Paper("K7Q2".into()),
        None,
        &option,
        at(2, 12),
    )
    .unwrap();
    assert_eq!(
        voting::results(&store, &voting::get(&store, q.id).unwrap())
            .unwrap()
            .n(),
        1
    );
}

#[test]
fn opening_a_question_closes_the_one_that_was_open() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let first = choice_question(&mut store, w.id, Kind::Single);
    let second = choice_question(&mut store, w.id, Kind::Ranking);
    assert_eq!(
        voting::open_question(&store, w.id).unwrap().map(|q| q.id),
        Some(second.id)
    );
    assert_eq!(
        voting::get(&store, first.id).unwrap().state,
        voting::QuestionState::Closed
    );
}

#[test]
fn a_voting_code_votes_once_and_an_unknown_code_not_at_all() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let input = QuestionInput {
        kind: Some(Kind::Scale),
        prompt: "¿Qué tan urgente es el agua potable?".into(),
        requires_code: true,
        ..QuestionInput::default()
    };
    let q = voting::create(&mut store, w.id, &input, at(2, 9)).unwrap();
    voting::set_open(&mut store, w.id, q.id, true, at(2, 9)).unwrap();
    let codes = voting::make_codes(&mut store, w.id, 30, at(2, 9)).unwrap();
    assert_eq!(codes.len(), 30);
    assert!(
        codes
            .iter()
            .all(|c| c.len() == 8 && !c.contains(['0', 'O', '1', 'I', 'L']))
    );
    let vote = |store: &mut Store, voter: Voter, client: &str| {
        voting::cast(
            store,
            w.id,
            q.id,
            &voter,
            Some(client),
            &json!({"value": 4}),
            at(2, 10),
        )
        .map_err(|e| e.code())
    };
    assert!(vote(&mut store, Voter::Code(codes[0].to_lowercase()), "x1").is_ok());
    assert_eq!(
        vote(&mut store, Voter::Code(codes[0].clone()), "x2"),
        Err("code_used")
    );
    assert!(
        vote(&mut store, Voter::Code(codes[0].clone()), "x1").is_ok(),
        "a retry is not a second vote"
    );
    assert_eq!(
        vote(&mut store, Voter::Code("ZZZZ9999".into()), "x3"),
        Err("bad_code")
    );
    assert_eq!(
        vote(&mut store, Voter::Phone("tok".into()), "x4"),
        Err("bad_code"),
        "a code is required"
    );
}

#[test]
fn answers_that_do_not_fit_the_question_are_refused_with_a_reason() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let ids = |q: &voting::Question| q.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>();
    let cases = [
        (
            Kind::Points,
            json!({"points": {"X": 100}}),
            "unknown option",
        ),
        (Kind::Ranking, json!({"order": []}), "not every option"),
        (Kind::Dots, json!({"dots": {}}), "no dot"),
        (Kind::Single, json!({"value": 3}), "wrong shape"),
        (Kind::Grid, json!({"placements": {}}), "nothing placed"),
    ];
    for (kind, answer, why) in cases {
        let q = choice_question(&mut store, w.id, kind);
        let e = voting::cast(
            &mut store,
            w.id,
            q.id,
            &Voter::Phone("t".into()),
            None,
            &answer,
            at(2, 10),
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid_answer", "{why}");
    }
    let q = choice_question(&mut store, w.id, Kind::Points);
    let o = ids(&q);
    let short = json!({"points": {o[0].clone(): 60, o[1].clone(): 30}});
    let e = voting::cast(
        &mut store,
        w.id,
        q.id,
        &Voter::Phone("t".into()),
        None,
        &short,
        at(2, 10),
    )
    .unwrap_err();
    assert!(e.to_string().contains("90, not 100"), "{e}");
    let full = json!({"points": {o[0].clone(): 60, o[1].clone(): 40}});
    voting::cast(
        &mut store,
        w.id,
        q.id,
        &Voter::Phone("t".into()),
        None,
        &full,
        at(2, 10),
    )
    .unwrap();
}

#[test]
fn questions_need_a_prompt_and_distinct_options() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let mut input = QuestionInput {
        kind: Some(Kind::Single),
        prompt: "  ".into(),
        options: vec!["a".into(), "b".into()],
        ..QuestionInput::default()
    };
    assert_eq!(
        voting::create(&mut store, w.id, &input, at(2, 9))
            .unwrap_err()
            .code(),
        "question_prompt_empty"
    );
    input.prompt = "¿Cuál?".into();
    input.options = vec!["a".into(), " a ".into()];
    assert_eq!(
        voting::create(&mut store, w.id, &input, at(2, 9))
            .unwrap_err()
            .code(),
        "question_options"
    );
    input.options = vec!["solo".into()];
    assert_eq!(
        voting::create(&mut store, w.id, &input, at(2, 9))
            .unwrap_err()
            .code(),
        "question_options"
    );
}

#[test]
fn a_goal_opened_to_the_phones_asks_in_the_workshop_language_and_adds_to_the_hands() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    relevance::set_hand_counts(&mut store, w.id, "4", [0, 0, 1, 2, 3], at(2, 10)).unwrap();
    let q = relevance::open_for_phones(&mut store, w.id, "4", at(2, 11)).unwrap();
    let room = cabildo_core::room::state(&store, w.id, None).unwrap();
    let asked = room.question.unwrap();
    assert_eq!(asked.id, q.id);
    assert!(
        asked
            .prompt
            .starts_with("Objetivo 4: Reducir la mortalidad"),
        "{}",
        asked.prompt
    );
    voting::cast(
        &mut store,
        w.id,
        q.id,
        &Voter::Phone("t1".into()),
        Some("c"),
        &json!({"value": 5}),
        at(2, 12),
    )
    .unwrap();
    let summary = relevance::summary(&store, w.id).unwrap();
    let goal4 = summary
        .goals
        .iter()
        .find(|g| g.goal == "4")
        .unwrap()
        .tally
        .clone()
        .unwrap();
    assert_eq!(
        (goal4.n, goal4.by_channel.phone, goal4.by_channel.hands),
        (7, 1, 6)
    );
}

#[test]
fn ballots_arriving_together_share_one_commit_and_a_bad_one_spoils_none_of_the_others() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let q = choice_question(&mut store, w.id, Kind::Single);
    let request = |voter: &str, answer: serde_json::Value| voting::BallotRequest {
        question: q.id,
        voter: Voter::Phone(voter.into()),
        client_ballot_id: Some(format!("c-{voter}")),
        answer,
    };
    let ok = json!({"option": q.options[0].id});
    let batch = [
        request("a", ok.clone()),
        request("b", json!({"option": "nope"})),
        request("c", ok),
    ];
    let out = voting::cast_many(&mut store, w.id, &batch, at(2, 10)).unwrap();
    let codes: Vec<_> = out
        .iter()
        .map(|r| r.as_ref().map(|_| "ok").unwrap_or_else(|e| e.code()))
        .collect();
    assert_eq!(codes, ["ok", "invalid_answer", "ok"]);
    assert_eq!(
        voting::results(&store, &voting::get(&store, q.id).unwrap())
            .unwrap()
            .n(),
        2
    );
}

#[test]
fn a_question_of_another_workshop_is_not_opened_revealed_counted_or_printed() {
    let db = TempDb::new();
    let mut store = db.open();
    let a = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let b = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let ours = choice_question(&mut store, a.id, Kind::Single);
    let theirs = choice_question(&mut store, b.id, Kind::Single);
    let before = voting::get(&store, theirs.id).unwrap();
    let refused = |r: cabildo_core::Result<_>| {
        let e: cabildo_core::Error = r.map(|_: ()| ()).unwrap_err();
        assert_eq!(e.code(), "not_found");
        assert_eq!(
            e.to_string(),
            cabildo_core::Error::not_found("question").to_string()
        );
    };
    refused(voting::set_open(&mut store, a.id, theirs.id, false, at(2, 10)).map(|_| ()));
    refused(voting::set_open(&mut store, a.id, theirs.id, true, at(2, 10)).map(|_| ()));
    refused(voting::set_revealed(&mut store, a.id, theirs.id, true, at(2, 10)).map(|_| ()));
    refused(voting::make_slips(&mut store, a.id, theirs.id, 5, at(2, 10)).map(|_| ()));
    let path = db.dir.path().join("papeletas.pdf");
    refused(
        cabildo_core::report::write_paper_ballots(
            &mut store,
            a.id,
            theirs.id,
            5,
            &path,
            workshop::Language::Es,
            at(2, 10),
        )
        .map(|_| ()),
    );
    let hands = [(theirs.options[0].id.clone(), 4)];
    refused(voting::set_hand_counts(
        &mut store,
        a.id,
        &theirs,
        &hands,
        at(2, 10),
    ));
    assert!(!path.exists(), "nothing printed");
    assert_eq!(voting::get(&store, theirs.id).unwrap(), before);
    assert_eq!(voting::results(&store, &before).unwrap().n(), 0);
    // No paper ids were made for it: any id is still taken when keyed in.
    voting::cast(
        &mut store,
        b.id,
        theirs.id,
        &Voter::Paper("ZZZZZ".into()),
        None,
        &json!({"option": theirs.options[0].id}),
        at(2, 11),
    )
    .unwrap();
    // The workshop's own question still takes every edit.
    let q = voting::set_revealed(&mut store, a.id, ours.id, true, at(2, 10)).unwrap();
    assert!(q.revealed);
    assert_eq!(
        voting::make_slips(&mut store, a.id, ours.id, 2, at(2, 10))
            .unwrap()
            .len(),
        2
    );
    let q = voting::set_open(&mut store, a.id, ours.id, false, at(2, 10)).unwrap();
    assert_eq!(q.state, voting::QuestionState::Closed);
}
