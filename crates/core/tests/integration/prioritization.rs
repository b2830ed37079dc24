//! Stage 2 on a real file: candidates, 100-point weights, phones scoring, the
//! decision, and the bad input each step refuses without losing what was there.

use cabildo_core::ids::{CandidateId, CriterionId, WorkshopId};
use cabildo_core::prioritization::{self, Origin, SubjectKind, WeightMethod};
use cabildo_core::voting::{self, Voter};
use cabildo_core::{Store, bundle, workshop};
use serde_json::{Value, json};

use crate::fixtures::{TempDb, at, workshop_input};

const POINTS: [i64; 7] = [25, 15, 20, 10, 10, 5, 15];

struct Stage2 {
    workshop: WorkshopId,
    candidates: Vec<CandidateId>,
    criteria: Vec<CriterionId>,
}

fn stage2(store: &mut Store) -> Stage2 {
    let w = workshop::create(store, &workshop_input(), at(2, 9)).unwrap();
    prioritization::start(store, w.id, at(2, 9)).unwrap();
    let candidates = ["4.A", "5.A", "7.C"]
        .iter()
        .map(|code| {
            prioritization::add_candidate(
                store,
                w.id,
                SubjectKind::Target,
                code,
                Origin::Added,
                at(2, 9),
            )
            .unwrap()
        })
        .collect();
    let criteria: Vec<_> = prioritization::criteria(store, w.id)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let points: Vec<_> = criteria.iter().copied().zip(POINTS).collect();
    prioritization::set_points(store, w.id, &points, at(2, 10)).unwrap();
    Stage2 {
        workshop: w.id,
        candidates,
        criteria,
    }
}

/// A phone's ballot: every candidate scored `score(candidate, criterion)` on every criterion.
fn scores(q: &voting::Question, score: impl Fn(usize, usize) -> i64) -> Value {
    let mut all = serde_json::Map::new();
    for (c, option) in q.options.iter().enumerate() {
        let mut row = serde_json::Map::new();
        for (k, criterion) in q.criteria.iter().enumerate() {
            row.insert(criterion.id.clone(), json!(score(c, k)));
        }
        all.insert(option.id.clone(), Value::Object(row));
    }
    json!({ "scores": all })
}

fn phone(n: usize) -> Voter {
    Voter::Phone(format!("{n:064x}"))
}

#[test]
fn five_phones_scoring_rank_the_candidates_by_weighted_score() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = stage2(&mut store);
    let q = prioritization::open_scoring(&mut store, s.workshop, at(2, 11)).unwrap();
    assert_eq!((q.options.len(), q.criteria.len()), (3, 7));
    // Candidate 1 (5.A) is scored highest by everyone; 4.A and 7.C trail.
    for p in 0..5 {
        let ballot = scores(&q, |c, k| match c {
            1 => 5 - (p % 2) as i64,
            0 => 2 + ((k + p) % 2) as i64,
            _ => 1 + (k % 3) as i64,
        });
        voting::cast(
            &mut store,
            s.workshop,
            q.id,
            &phone(p),
            None,
            &ballot,
            at(2, 11),
        )
        .unwrap();
    }
    let results = prioritization::results(&store, s.workshop).unwrap();
    assert_eq!(results.scorers, 5);
    let first = &results.ranking.candidates[0];
    assert_eq!(
        results.candidates[first.candidate].id,
        s.candidates[1].to_string()
    );
    assert_eq!(first.rank, Some(1));
    assert!(!first.tied);
    // Every phone gave 5 or 4 on every criterion: weighted mean 4.6, median 5.
    assert!((first.weighted.unwrap() - 4.6).abs() < 1e-9);
    assert_eq!(first.median, Some(5.0));
    let weights: Vec<_> = results
        .weights
        .iter()
        .map(|w| (w * 100.0).round() as i64)
        .collect();
    assert_eq!(weights, POINTS);
}

#[test]
fn a_score_outside_one_to_five_is_refused_and_the_earlier_ballot_stands() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = stage2(&mut store);
    let q = prioritization::open_scoring(&mut store, s.workshop, at(2, 11)).unwrap();
    voting::cast(
        &mut store,
        s.workshop,
        q.id,
        &phone(1),
        None,
        &scores(&q, |_, _| 3),
        at(2, 11),
    )
    .unwrap();
    for bad in [0, 6, -1] {
        let err = voting::cast(
            &mut store,
            s.workshop,
            q.id,
            &phone(1),
            None,
            &scores(&q, |c, k| if c == 2 && k == 6 { bad } else { 4 }),
            at(2, 12),
        )
        .unwrap_err();
        assert_eq!(err.code(), "rating_out_of_scale", "{bad}");
    }
    let results = prioritization::results(&store, s.workshop).unwrap();
    assert_eq!(results.ranking.candidates[0].weighted, Some(3.0));
    let group = prioritization::set_group_scores(
        &mut store,
        s.workshop,
        s.candidates[0],
        &s.criteria.iter().map(|&c| (c, 9)).collect::<Vec<_>>(),
        at(2, 12),
    )
    .unwrap_err();
    assert_eq!(group.code(), "rating_out_of_scale");
}

#[test]
fn a_ballot_missing_a_criterion_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage2(&mut store);
    let q = prioritization::open_scoring(&mut store, s.workshop, at(2, 11)).unwrap();
    let mut ballot = scores(&q, |_, _| 3);
    ballot["scores"][&q.options[0].id]
        .as_object_mut()
        .unwrap()
        .remove(&q.criteria[3].id);
    let err = voting::cast(
        &mut store,
        s.workshop,
        q.id,
        &phone(1),
        None,
        &ballot,
        at(2, 11),
    );
    assert!(err.is_err());
    let garbage = voting::cast(
        &mut store,
        s.workshop,
        q.id,
        &phone(1),
        None,
        &json!({"scores": "cinco"}),
        at(2, 11),
    );
    assert!(garbage.is_err());
    assert_eq!(
        prioritization::results(&store, s.workshop).unwrap().scorers,
        0
    );
}

#[test]
fn weights_that_do_not_add_up_to_a_hundred_are_refused_and_the_old_ones_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage2(&mut store);
    let mut wrong: Vec<_> = s.criteria.iter().copied().zip(POINTS).collect();
    wrong[0].1 = 30;
    let err = prioritization::set_points(&mut store, s.workshop, &wrong, at(2, 12)).unwrap_err();
    assert_eq!(err.code(), "weights_not_hundred");
    assert!(err.to_string().contains("105"), "{err}");
    let weights = prioritization::weights(&store, s.workshop).unwrap();
    assert_eq!(weights.method, WeightMethod::Points);
    assert_eq!(weights.points_total, 100);
    assert!((weights.values[0] - 0.25).abs() < 1e-9);
}

#[test]
fn pairwise_judgements_off_saatys_scale_are_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage2(&mut store);
    for bad in [0.0, 10.0, 4.5, -3.0, f64::NAN] {
        let err = prioritization::set_pair(
            &mut store,
            s.workshop,
            s.criteria[0],
            s.criteria[1],
            bad,
            at(2, 12),
        )
        .unwrap_err();
        assert_eq!(err.code(), "pairwise_out_of_scale", "{bad}");
    }
    prioritization::set_pair(
        &mut store,
        s.workshop,
        s.criteria[1],
        s.criteria[0],
        1.0 / 3.0,
        at(2, 12),
    )
    .unwrap();
    prioritization::set_method(&mut store, s.workshop, WeightMethod::Pairwise, at(2, 12)).unwrap();
    let weights = prioritization::weights(&store, s.workshop).unwrap();
    assert_eq!(weights.pairs.len(), 1);
    assert!(weights.ahp.is_some());
}

#[test]
fn the_decision_survives_closing_the_file_and_travels_in_the_bundle() {
    let db = TempDb::new();
    let (w, candidate) = {
        let mut store = db.open();
        let s = stage2(&mut store);
        let q = prioritization::open_scoring(&mut store, s.workshop, at(2, 11)).unwrap();
        voting::cast(
            &mut store,
            s.workshop,
            q.id,
            &phone(1),
            None,
            &scores(&q, |c, _| 1 + c as i64),
            at(2, 11),
        )
        .unwrap();
        prioritization::decide(
            &mut store,
            s.workshop,
            s.candidates[2],
            "Brecha mayor en Región de Ñuble y São Paulo",
            at(2, 12),
        )
        .unwrap();
        (s.workshop, s.candidates[2])
    };
    let store = db.open();
    let decision = prioritization::decision(&store, w).unwrap().unwrap();
    assert_eq!(decision.candidate, candidate);
    assert_eq!(decision.code, "7.C");
    let before = prioritization::board(&store, w).unwrap();

    let bytes = bundle::export(&store, w, at(2, 13)).unwrap();
    let mut fresh = Store::open_in_memory().unwrap();
    bundle::import(&mut fresh, &bytes).unwrap();
    let after = prioritization::board(&fresh, w).unwrap();
    assert_eq!(after, before);
    assert_eq!(
        after.decision.unwrap().reasons,
        "Brecha mayor en Región de Ñuble y São Paulo"
    );
}

#[test]
fn removing_the_decided_candidate_withdraws_the_decision() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage2(&mut store);
    prioritization::decide(&mut store, s.workshop, s.candidates[0], "", at(2, 12)).unwrap();
    prioritization::remove_candidate(&mut store, s.workshop, s.candidates[0], at(2, 13)).unwrap();
    assert_eq!(prioritization::decision(&store, s.workshop).unwrap(), None);
    assert_eq!(
        prioritization::board(&store, s.workshop)
            .unwrap()
            .candidates
            .len(),
        2
    );
}

#[test]
fn a_code_that_is_not_an_mdg_target_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage2(&mut store);
    let err = prioritization::add_candidate(
        &mut store,
        s.workshop,
        SubjectKind::Target,
        "9.Z",
        Origin::Added,
        at(2, 12),
    )
    .unwrap_err();
    assert_eq!(err.code(), "unknown_subject");
    assert!(err.to_string().contains("9.Z"), "{err}");
}

#[test]
fn group_scores_can_still_be_typed_after_a_criterion_is_added() {
    let mut store = Store::open_in_memory().unwrap();
    let s = stage2(&mut store);
    let all = |criteria: &[CriterionId], v| criteria.iter().map(|&c| (c, v)).collect::<Vec<_>>();
    prioritization::set_group_scores(
        &mut store,
        s.workshop,
        s.candidates[0],
        &all(&s.criteria, 4),
        at(2, 11),
    )
    .unwrap();
    prioritization::add_criterion(&mut store, s.workshop, "Costo para el municipio", at(2, 12))
        .unwrap();
    let criteria: Vec<_> = prioritization::criteria(&store, s.workshop)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(criteria.len(), 8);
    prioritization::set_group_scores(
        &mut store,
        s.workshop,
        s.candidates[1],
        &all(&criteria, 2),
        at(2, 12),
    )
    .unwrap();
    let board = prioritization::board(&store, s.workshop).unwrap();
    // The first candidate's row lacks the new criterion: it is to be typed again.
    assert_eq!(board.group_scores.len(), 1);
    assert_eq!(board.group_scores[0].candidate, s.candidates[1]);
    // The new criterion has no points yet: equal weights until they are shared out again.
    assert_eq!(
        board.weights.issue,
        Some(prioritization::WeightIssue::PointsMissing)
    );
}

#[test]
fn a_criterion_or_candidate_of_another_workshop_is_not_renamed_or_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let a = stage2(&mut store);
    let b = stage2(&mut store);
    let before = prioritization::board(&store, b.workshop).unwrap();
    let err =
        prioritization::rename_criterion(&mut store, a.workshop, b.criteria[0], "Otro", at(2, 11))
            .unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = prioritization::remove_criterion(&mut store, a.workshop, b.criteria[1], at(2, 11))
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = prioritization::remove_candidate(&mut store, a.workshop, b.candidates[0], at(2, 11))
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(prioritization::board(&store, b.workshop).unwrap(), before);
}
