//! (l) A coordinator's merge of 1,000 generated workshop files into a fresh hub
//! database, against reading and hashing the same files; (m) the coordinator's
//! figures over the merged database, against counting its participants.

use std::path::{Path, PathBuf};
use std::time::Instant;

use cabildo_core::coordinator::{self, Filter};
use cabildo_core::merge::{self, Admission, FileResult, Outcome};
use cabildo_core::trust::{self, Source};
use cabildo_core::{Store, bundle, synthetic};
use sha2::{Digest, Sha256};

use crate::{best_of, line};

const FLEET: u32 = 1_000;

/// The fleet's files and a hub database that trusts their signers (neither timed).
fn prepare(dir: &Path) -> (Vec<PathBuf>, Store) {
    let now = chrono::Utc::now();
    let folder = dir.join("fleet");
    std::fs::create_dir(&folder).unwrap();
    let started = Instant::now();
    let files = synthetic::write_fleet(&folder, FLEET, now).unwrap();
    println!(
        "    (generating the {FLEET} files, not timed: {:.1} s)",
        started.elapsed().as_secs_f64()
    );
    let mut hub = Store::open(&dir.join("hub.sqlite3"), now).unwrap();
    for file in &files {
        let signer = trust::signer(&bundle::read_file(file).unwrap()).unwrap();
        let label = signer.workshop_title.clone();
        trust::trust(
            &mut hub,
            signer.device_id,
            &signer.public_key,
            &label,
            Source::Accepted,
            now,
        )
        .unwrap();
    }
    (files, hub)
}

/// (l), then (m) on what (l) merged.
pub fn merge_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let (files, mut hub) = prepare(dir.path());
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .collect();

    let now = chrono::Utc::now();
    let start = Instant::now();
    let mut rows = 0u64;
    for file in &files {
        match merge::merge_file(&mut hub, file, Admission::TrustedKeys, now) {
            FileResult::Merged(m) => {
                assert_eq!(m.outcome, Outcome::New);
                rows += u64::from(m.inserted);
            }
            FileResult::Rejected { error, .. } => panic!("{}: {error}", file.display()),
        }
    }
    let ours = start.elapsed();
    let (base, _) = best_of(3, || {
        files
            .iter()
            .map(|f| Sha256::digest(std::fs::read(f).unwrap())[0] as u64)
            .sum::<u64>()
    });
    line(
        "(l) merge 1,000 bundles into a hub database",
        ours,
        files.len(),
        base,
        "read+SHA-256 same files",
    );
    let total: u64 = sizes.iter().sum();
    println!(
        "    {:.2} s in all; {rows} rows; {:.1} MB of files, {:.1}–{:.1} kB each",
        ours.as_secs_f64(),
        total as f64 / 1e6,
        *sizes.iter().min().unwrap() as f64 / 1e3,
        *sizes.iter().max().unwrap() as f64 / 1e3,
    );
    // The same merges with no disk under them: what the commits' fsyncs cost.
    let mut memory = Store::open_in_memory().unwrap();
    let start = Instant::now();
    for file in &files {
        let result = merge::merge_file(&mut memory, file, Admission::AnyKey, now);
        assert!(matches!(result, FileResult::Merged(_)));
    }
    let in_memory = start.elapsed();
    println!(
        "    into an in-memory database instead: {:.0}/s ({:.2} s)",
        files.len() as f64 / in_memory.as_secs_f64(),
        in_memory.as_secs_f64()
    );

    let today = now.date_naive();
    let all = Filter::default();
    let (base, participants) = best_of(10, || {
        hub.conn()
            .query_row("SELECT count(*) FROM participants", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
    });
    let (totals, t) = best_of(10, || coordinator::totals(&hub, &all, today).unwrap());
    assert_eq!(t.workshops, FLEET);
    assert_eq!(i64::from(t.participants), participants);
    line(
        "(m) coordinator totals, 1,000 workshops",
        totals,
        1,
        base,
        "SELECT count(*) participants",
    );
    let (list, w) = best_of(10, || coordinator::workshops(&hub, &all, today).unwrap());
    line(
        "    workshop list",
        list,
        1,
        base,
        "SELECT count(*) participants",
    );
    let (commitments, c) = best_of(10, || coordinator::commitments(&hub, &all, today).unwrap());
    line(
        "    commitments with follow-up",
        commitments,
        1,
        base,
        "SELECT count(*) participants",
    );
    println!(
        "    {} workshops, {} participants, {} commitments ({} overdue)",
        w.len(),
        t.participants,
        c.len(),
        t.overdue
    );
}
