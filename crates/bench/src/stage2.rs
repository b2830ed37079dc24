//! (h) The weighted scoring of 120 participants × 6 candidates × 7 criteria and
//! (i) a 30×30 Vester analysis, each against the same arithmetic on a plain array.

use std::hint::black_box;

use cabildo_core::prioritization::{self, Origin, SubjectKind, ranking};
use cabildo_core::voting::{self, Voter};
use cabildo_core::{Store, vester, workshop};

use crate::best_of;

const PEOPLE: usize = 120;
const CANDIDATES: usize = 6;
const CRITERIA: usize = 7;

/// A deterministic score from 1 to 5, varied enough to make medians and spreads work.
fn score(p: usize, c: usize, k: usize) -> u8 {
    (1 + (p * 7 + c * 3 + k * 5 + (p * c) % 4) % 5) as u8
}

/// The plain-array baseline: per candidate, every person's weighted total, then
/// their mean, median and spread; per criterion, the mean.
fn plain_tally(scores: &[u8], weights: &[f64]) -> Vec<(f64, f64, f64)> {
    let mut out = Vec::with_capacity(CANDIDATES);
    let mut means = [0u32; CANDIDATES * CRITERIA];
    let mut totals = vec![0.0f64; PEOPLE];
    for c in 0..CANDIDATES {
        for (p, total) in totals.iter_mut().enumerate() {
            let row = &scores[(p * CANDIDATES + c) * CRITERIA..][..CRITERIA];
            *total = row
                .iter()
                .zip(weights)
                .map(|(&s, w)| w * f64::from(s))
                .sum();
            for (k, &s) in row.iter().enumerate() {
                means[c * CRITERIA + k] += u32::from(s);
            }
        }
        totals.sort_by(f64::total_cmp);
        let mean = totals.iter().sum::<f64>() / PEOPLE as f64;
        let var = totals.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / PEOPLE as f64;
        let median = (totals[PEOPLE / 2 - 1] + totals[PEOPLE / 2]) / 2.0;
        out.push((mean, median, var.sqrt()));
    }
    black_box(means);
    out
}

pub fn scoring_tally() {
    let weights = [0.25, 0.15, 0.20, 0.10, 0.10, 0.05, 0.15];
    let flat: Vec<u8> = (0..PEOPLE)
        .flat_map(|p| (0..CANDIDATES).flat_map(move |c| (0..CRITERIA).map(move |k| score(p, c, k))))
        .collect();
    let scorings: Vec<ranking::Scoring> = (0..PEOPLE)
        .flat_map(|p| {
            let flat = &flat;
            (0..CANDIDATES).map(move |c| ranking::Scoring {
                candidate: c,
                scores: flat[(p * CANDIDATES + c) * CRITERIA..][..CRITERIA].to_vec(),
            })
        })
        .collect();
    let (base, _) = best_of(200, || black_box(plain_tally(black_box(&flat), &weights)));
    let (rank, _) = best_of(200, || {
        black_box(ranking::rank(CANDIDATES, &weights, black_box(&scorings)))
    });

    // The same ballots cast through the core into SQLite, then the full results
    // (ballots read and checked, JSON parsed, ranking, sensitivity).
    let now = chrono::Utc::now();
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &crate::workshop_input(), now).unwrap();
    prioritization::start(&mut store, w.id, now).unwrap();
    for code in ["1.A", "1.C", "4.A", "5.A", "7.C", "2.A"] {
        prioritization::add_candidate(
            &mut store,
            w.id,
            SubjectKind::Target,
            code,
            Origin::Added,
            now,
        )
        .unwrap();
    }
    let criteria = prioritization::criteria(&store, w.id).unwrap();
    let points: Vec<_> = criteria
        .iter()
        .zip([25, 15, 20, 10, 10, 5, 15])
        .map(|(c, p)| (c.id, p))
        .collect();
    prioritization::set_points(&mut store, w.id, &points, now).unwrap();
    let q = prioritization::open_scoring(&mut store, w.id, now).unwrap();
    for p in 0..PEOPLE {
        let mut all = serde_json::Map::new();
        for (c, option) in q.options.iter().enumerate() {
            let row: serde_json::Map<_, _> = q
                .criteria
                .iter()
                .enumerate()
                .map(|(k, cr)| (cr.id.clone(), serde_json::json!(score(p, c, k))))
                .collect();
            all.insert(option.id.clone(), row.into());
        }
        let voter = Voter::Phone(format!("{p:064x}"));
        voting::cast(
            &mut store,
            w.id,
            q.id,
            &voter,
            None,
            &serde_json::json!({ "scores": all }),
            now,
        )
        .unwrap();
    }
    let (full, results) = best_of(20, || prioritization::results(&store, w.id).unwrap());
    assert_eq!(results.scorers as usize, PEOPLE);
    println!(
        "{:<44} {:>10.1} µs   baseline plain array: {:.1} µs   ratio {:.2}",
        "(h) scoring 120 people x 6 cand. x 7 crit.",
        rank.as_secs_f64() * 1e6,
        base.as_secs_f64() * 1e6,
        base.as_secs_f64() / rank.as_secs_f64(),
    );
    println!(
        "    from the ballots in SQLite (read, checked, ranked, sensitivity): {:.2} ms, ratio {:.3}",
        full.as_secs_f64() * 1e3,
        base.as_secs_f64() / full.as_secs_f64(),
    );
}

/// The plain-array baseline: row and column sums over the same bytes, then the threshold.
fn plain_sums(n: usize, m: &[u8]) -> (Vec<u32>, Vec<u32>, f64) {
    let mut active = vec![0u32; n];
    let mut passive = vec![0u32; n];
    for i in 0..n {
        for j in 0..n {
            let v = u32::from(m[i * n + j]) * u32::from(i != j);
            active[i] += v;
            passive[j] += v;
        }
    }
    let threshold = f64::from(active.iter().sum::<u32>()) / n as f64;
    (active, passive, threshold)
}

pub fn vester_analysis() {
    const N: usize = 30;
    let m: Vec<u8> = (0..N * N).map(|x| ((x * 7 + x / N) % 4) as u8).collect();
    let (base, _) = best_of(2000, || black_box(plain_sums(N, black_box(&m))));
    let (ours, _) = best_of(2000, || black_box(vester::analyse(N, black_box(&m))));

    let now = chrono::Utc::now();
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &crate::workshop_input(), now).unwrap();
    let causes: Vec<_> = (0..N)
        .map(|i| vester::add_cause(&mut store, w.id, &format!("Causa {i}"), &[], now).unwrap())
        .collect();
    for i in 0..N {
        for j in 0..N {
            if i != j {
                let v = i64::from(m[i * N + j]);
                vester::set_influence(&mut store, w.id, causes[i], causes[j], v, now).unwrap();
            }
        }
    }
    let (full, matrix) = best_of(20, || vester::matrix(&store, w.id).unwrap());
    assert_eq!(matrix.filled as usize, N * (N - 1));
    println!(
        "{:<44} {:>10.2} µs   baseline plain array: {:.2} µs   ratio {:.2}",
        "(i) Vester analysis, 30 x 30",
        ours.as_secs_f64() * 1e6,
        base.as_secs_f64() * 1e6,
        base.as_secs_f64() / ours.as_secs_f64(),
    );
    println!(
        "    the whole matrix from SQLite (870 cells, tree places): {:.2} ms, ratio {:.4}",
        full.as_secs_f64() * 1e3,
        base.as_secs_f64() / full.as_secs_f64(),
    );
}
