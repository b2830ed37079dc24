use cabildo_core::bundle::{self, MAX_FILE_BYTES};
use cabildo_core::participants::{self, Gender, Sector};
use cabildo_core::{Store, demo, workshop};

use crate::fixtures::{TempDb, at, person, snapshot, workshop_input};

fn exported() -> (Store, cabildo_core::ids::WorkshopId, Vec<u8>) {
    let mut store = Store::open_in_memory().unwrap();
    let id = demo::create(&mut store, at(2, 9)).unwrap();
    let bytes = bundle::export(&store, id, at(2, 10)).unwrap();
    (store, id, bytes)
}

/// Imports into a database that already holds a workshop of its own, and checks
/// that a refused file changed nothing at all.
fn refused(bytes: &[u8]) -> &'static str {
    let mut target = Store::open_in_memory().unwrap();
    workshop::create(&mut target, &workshop_input(), at(1, 9)).unwrap();
    let before = snapshot(&target);
    let err = bundle::import(&mut target, bytes).expect_err("the file is refused");
    assert_eq!(
        snapshot(&target),
        before,
        "a refused file changed the database"
    );
    err.code()
}

#[test]
fn a_workshop_exported_and_imported_into_a_fresh_database_has_identical_rows() {
    let (source, id, bytes) = exported();
    let db = TempDb::new();
    let path = db.dir.path().join("itata.cabildo");
    std::fs::write(&path, &bytes).unwrap();
    let mut target = db.open();
    let report = bundle::import_file(&mut target, &path).unwrap();
    assert_eq!(report.workshop_id, Some(id));
    assert_eq!((report.updated, report.unchanged), (0, 0));
    let rows: usize = bundle::tables_of(&source, id)
        .unwrap()
        .values()
        .map(Vec::len)
        .sum();
    assert_eq!(report.inserted as usize, rows);
    // 1 workshop, 6 territories, 7 agenda items, 20 participants, then stage 1.
    assert!(rows > 1 + 6 + 7 + 20);
    assert_eq!(snapshot(&target), snapshot(&source));
    assert_eq!(
        workshop::get(&target, id).unwrap(),
        workshop::get(&source, id).unwrap()
    );
}

#[test]
fn importing_the_same_bundle_twice_changes_nothing() {
    let (source, id, bytes) = exported();
    let rows: usize = bundle::tables_of(&source, id)
        .unwrap()
        .values()
        .map(Vec::len)
        .sum();
    let mut target = Store::open_in_memory().unwrap();
    bundle::import(&mut target, &bytes).unwrap();
    let once = snapshot(&target);
    let again = bundle::import(&mut target, &bytes).unwrap();
    assert_eq!(
        (again.inserted, again.updated, again.unchanged as usize),
        (0, 0, rows)
    );
    assert_eq!(snapshot(&target), once);
}

#[test]
fn the_later_edit_wins_and_an_older_bundle_does_not_undo_it() {
    let mut laptop = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut laptop, &workshop_input(), at(2, 9)).unwrap();
    let old = bundle::export(&laptop, w.id, at(2, 9)).unwrap();

    let mut coordinator = Store::open_in_memory().unwrap();
    bundle::import(&mut coordinator, &old).unwrap();

    let mut input = w.to_input();
    input.title = "Taller ODM — versión final".into();
    workshop::update(&mut laptop, w.id, &input, at(3, 9)).unwrap();
    participants::add(
        &mut laptop,
        w.id,
        &person("Begoña Núñez", Gender::Female, Sector::Ngo),
        at(3, 10),
    )
    .unwrap();
    let new = bundle::export(&laptop, w.id, at(3, 11)).unwrap();

    let report = bundle::import(&mut coordinator, &new).unwrap();
    assert_eq!((report.inserted, report.updated), (1, 1));
    assert_eq!(
        workshop::get(&coordinator, w.id).unwrap().title,
        "Taller ODM — versión final"
    );

    let report = bundle::import(&mut coordinator, &old).unwrap();
    assert_eq!((report.inserted, report.updated), (0, 0));
    assert_eq!(
        workshop::get(&coordinator, w.id).unwrap().title,
        "Taller ODM — versión final"
    );
    assert_eq!(participants::list(&coordinator, w.id).unwrap().len(), 1);
}

#[test]
fn a_removed_participant_stays_removed_after_the_merge() {
    let mut laptop = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut laptop, &workshop_input(), at(2, 9)).unwrap();
    let p = participants::add(
        &mut laptop,
        w.id,
        &person("Ana", Gender::Female, Sector::Ngo),
        at(2, 10),
    )
    .unwrap();
    let mut coordinator = Store::open_in_memory().unwrap();
    bundle::import(
        &mut coordinator,
        &bundle::export(&laptop, w.id, at(2, 11)).unwrap(),
    )
    .unwrap();
    participants::remove(&mut laptop, w.id, p.id, at(3, 9)).unwrap();
    bundle::import(
        &mut coordinator,
        &bundle::export(&laptop, w.id, at(3, 10)).unwrap(),
    )
    .unwrap();
    assert!(participants::list(&coordinator, w.id).unwrap().is_empty());
}

#[test]
fn one_flipped_byte_anywhere_is_refused_and_nothing_changes() {
    let (_, _, bytes) = exported();
    // Every byte of the header lines, then a spread through the compressed content.
    let header_end = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .unwrap()
        .0;
    let positions: Vec<usize> = (0..=header_end)
        .step_by(7)
        .chain((header_end + 1..bytes.len()).step_by(bytes.len() / 60 + 1))
        .chain([bytes.len() - 1])
        .collect();
    for at in positions {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x01;
        let code = refused(&damaged);
        assert!(
            [
                "bundle_damaged",
                "bundle_tampered",
                "bundle_bad_signature",
                "bundle_newer_format"
            ]
            .contains(&code),
            "byte {at}: {code}"
        );
    }
}

#[test]
fn a_signature_by_another_key_is_refused() {
    let (_, _, bytes) = exported();
    let (_, _, other) = exported();
    let lines =
        |b: &[u8]| -> Vec<Vec<u8>> { b.splitn(4, |c| *c == b'\n').map(<[u8]>::to_vec).collect() };
    let (mine, theirs) = (lines(&bytes), lines(&other));
    let forged = [
        &mine[0][..],
        b"\n",
        &mine[1],
        b"\n",
        &theirs[2],
        b"\n",
        &mine[3],
    ]
    .concat();
    assert_eq!(refused(&forged), "bundle_bad_signature");
}

#[test]
fn content_swapped_under_a_valid_manifest_is_refused() {
    let (_, _, bytes) = exported();
    let (_, _, other) = exported();
    let head = |b: &[u8]| {
        b.iter()
            .enumerate()
            .filter(|(_, c)| **c == b'\n')
            .nth(2)
            .unwrap()
            .0
            + 1
    };
    let forged = [&bytes[..head(&bytes)], &other[head(&other)..]].concat();
    assert_eq!(refused(&forged), "bundle_tampered");
}

#[test]
fn a_truncated_file_is_refused() {
    let (_, _, bytes) = exported();
    for len in [0, 10, 200, bytes.len() / 2, bytes.len() - 1] {
        let code = refused(&bytes[..len]);
        assert!(
            ["bundle_damaged", "bundle_tampered"].contains(&code),
            "{len}: {code}"
        );
    }
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let db = TempDb::new();
    let path = db.dir.path().join("huge.cabildo");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let mut store = db.open();
    let before = snapshot(&store);
    let err = bundle::import_file(&mut store, &path).err().unwrap();
    assert_eq!(err.code(), "bundle_too_large");
    assert!(err.params()["limit"] == MAX_FILE_BYTES.to_string());
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_bundle_from_a_future_format_is_refused_with_both_versions() {
    let (_, _, bytes) = exported();
    let future = [
        b"CABILDO-BUNDLE 2".as_slice(),
        &bytes[bytes.iter().position(|b| *b == b'\n').unwrap()..],
    ]
    .concat();
    let mut target = Store::open_in_memory().unwrap();
    let err = bundle::import(&mut target, &future).err().unwrap();
    assert_eq!(err.code(), "bundle_newer_format");
    assert_eq!(
        (
            err.params()["found"].as_str(),
            err.params()["supported"].as_str()
        ),
        ("2", "1")
    );
    assert!(workshop::list(&target, true).unwrap().is_empty());
}

#[test]
fn a_file_that_is_not_a_bundle_is_refused() {
    assert_eq!(refused(b"nombre;genero\nAna;mujer\n"), "bundle_damaged");
    assert_eq!(refused(&[0xff; 64]), "bundle_damaged");
}
