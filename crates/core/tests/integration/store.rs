use cabildo_core::participants::{self, Gender, Sector};
use cabildo_core::store::{self, migrations};
use cabildo_core::{Error, Store, workshop};
use rusqlite::Connection;

use crate::fixtures::{TempDb, at, person, workshop_input};

fn user_version(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

#[test]
fn an_empty_file_gets_the_latest_schema_a_device_and_durable_pragmas() {
    let db = TempDb::new();
    let store = db.open();
    assert_eq!(user_version(&db.path), migrations::latest());
    let mode: String = store
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let sync: i64 = store
        .conn()
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    let fk: i64 = store
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    let strict: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM pragma_table_list WHERE strict = 0 AND name NOT LIKE 'sqlite_%' AND schema = 'main'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(strict, 0, "every table is STRICT");
}

#[test]
fn every_earlier_version_migrates_to_the_latest_and_is_copied_first() {
    for from in 0..migrations::latest() {
        let db = TempDb::new();
        {
            let mut conn = Connection::open(&db.path).unwrap();
            store::migrate(&mut conn, 0, from).unwrap();
        }
        let store = db.open();
        assert_eq!(user_version(&db.path), migrations::latest(), "from {from}");
        assert!(workshop::list(&store, true).unwrap().is_empty());
        let copies = std::fs::read_dir(db.dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("before-migration")
            })
            .count();
        assert_eq!(copies, usize::from(from > 0), "from {from}");
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let db = TempDb::new();
    {
        let conn = Connection::open(&db.path).unwrap();
        conn.execute_batch(
            "CREATE TABLE future (x INTEGER) STRICT; INSERT INTO future VALUES (42);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", migrations::latest() + 1)
            .unwrap();
    }
    let before = std::fs::read(&db.path).unwrap();
    let err = Store::open(&db.path, at(1, 9)).err().unwrap();
    assert_eq!(err.code(), "database_newer");
    assert!(err.to_string().contains("newer version"), "{err}");
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let db = TempDb::new();
    std::fs::write(
        &db.path,
        b"these are the minutes of the meeting, not a database",
    )
    .unwrap();
    let before = std::fs::read(&db.path).unwrap();
    let err = Store::open(&db.path, at(1, 9)).err().unwrap();
    assert_eq!(err.code(), "database");
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

#[test]
fn the_device_id_is_made_once_and_kept() {
    let db = TempDb::new();
    let first = db.open().device_id();
    assert_eq!(db.open().device_id(), first);
}

#[test]
fn a_workshop_and_its_participants_survive_closing_and_reopening() {
    let db = TempDb::new();
    let id = {
        let mut store = db.open();
        let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
        participants::add(
            &mut store,
            w.id,
            &person("Begoña Núñez", Gender::Female, Sector::Ngo),
            at(2, 10),
        )
        .unwrap();
        w.id
    };
    let store = db.open();
    let w = workshop::get(&store, id).unwrap();
    assert_eq!(w.title, "Taller ODM — Región de Ñuble");
    assert_eq!(w.territories[1].name, "São Paulo");
    let people = participants::list(&store, id).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Begoña Núñez");
}

#[test]
fn saving_an_unchanged_workshop_does_not_touch_it() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let again = workshop::update(&mut store, w.id, &w.to_input(), at(3, 9)).unwrap();
    assert_eq!(again.updated_at, w.updated_at);
    let mut input = w.to_input();
    input.title = "Otro título".into();
    let changed = workshop::update(&mut store, w.id, &input, at(3, 9)).unwrap();
    assert!(changed.updated_at > w.updated_at);
}

#[test]
fn a_refused_edit_keeps_the_last_valid_version() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let mut input = w.to_input();
    input.title = String::new();
    let err = workshop::update(&mut store, w.id, &input, at(3, 9))
        .err()
        .unwrap();
    assert!(matches!(err, Error::TitleEmpty));
    assert_eq!(workshop::get(&store, w.id).unwrap().title, w.title);
}

#[test]
fn territories_and_agenda_items_can_be_added_edited_and_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let mut input = w.to_input();
    input.territories.remove(1);
    input.territories[0].name = "Quirihue (comuna)".into();
    input.agenda.push(cabildo_core::workshop::AgendaItemInput {
        id: None,
        title: "Cierre".into(),
        stage: cabildo_core::workshop::Stage::Other,
        minutes: 15,
    });
    let w2 = workshop::update(&mut store, w.id, &input, at(3, 9)).unwrap();
    assert_eq!(w2.territories.len(), 1);
    assert_eq!(w2.territories[0].id, w.territories[0].id);
    assert_eq!(w2.territories[0].name, "Quirihue (comuna)");
    assert_eq!(w2.agenda.len(), 2);
}

#[test]
fn a_territory_with_participants_cannot_be_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let mut p = person("Ana", Gender::Female, Sector::Ngo);
    p.territory_id = Some(w.territories[1].id);
    participants::add(&mut store, w.id, &p, at(2, 10)).unwrap();
    let mut input = w.to_input();
    input.territories.remove(1);
    let err = workshop::update(&mut store, w.id, &input, at(3, 9))
        .err()
        .unwrap();
    assert_eq!(err.code(), "territory_in_use");
    assert_eq!(workshop::get(&store, w.id).unwrap().territories.len(), 2);
}

#[test]
fn archived_workshops_leave_the_list_until_asked_for() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    workshop::set_archived(&mut store, w.id, true, at(3, 9)).unwrap();
    assert!(workshop::list(&store, false).unwrap().is_empty());
    assert_eq!(workshop::list(&store, true).unwrap().len(), 1);
}

type Edit = Box<dyn Fn(&mut cabildo_core::participants::ParticipantInput)>;

#[test]
fn participants_with_bad_fields_are_refused_with_their_reason() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let other = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let cases: Vec<(&str, Edit)> = vec![
        ("name_empty", Box::new(|p| p.name = "  ".into())),
        (
            "unknown_territory",
            Box::new(move |p| p.territory_id = Some(other.territories[0].id)),
        ),
        (
            "attendance_outside_workshop",
            Box::new(|p| p.attendance = vec!["2026-03-12".into()]),
        ),
        (
            "bad_date",
            Box::new(|p| p.attendance = vec!["mañana".into()]),
        ),
        (
            "bad_email",
            Box::new(|p| p.email = Some("ana(at)correo".into())),
        ),
    ];
    for (code, edit) in cases {
        let mut p = person("Ana", Gender::Female, Sector::Ngo);
        edit(&mut p);
        let err = participants::add(&mut store, w.id, &p, at(2, 10))
            .err()
            .unwrap();
        assert_eq!(err.code(), code);
    }
    assert!(participants::list(&store, w.id).unwrap().is_empty());
}

#[test]
fn totals_follow_registrations_edits_and_removals() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let mut ana = person("Ana", Gender::Female, Sector::Ngo);
    ana.territory_id = Some(w.territories[0].id);
    let ana = participants::add(&mut store, w.id, &ana, at(2, 10)).unwrap();
    let luis = participants::add(
        &mut store,
        w.id,
        &person("Luis", Gender::Male, Sector::Municipality),
        at(2, 10),
    )
    .unwrap();
    participants::add(
        &mut store,
        w.id,
        &person("Eva", Gender::Female, Sector::Municipality),
        at(2, 10),
    )
    .unwrap();
    let t = participants::totals(&store, w.id).unwrap();
    let count = |g: Gender| t.by_gender.iter().find(|c| c.key == g).unwrap().count;
    assert_eq!(
        (t.total, count(Gender::Female), count(Gender::Male)),
        (3, 2, 1)
    );
    assert_eq!(t.by_territory[0].count, 1);
    assert_eq!(t.by_territory.last().unwrap().territory_id, None);
    assert_eq!(t.by_territory.last().unwrap().count, 2);

    let mut edit = person("Luis", Gender::Other, Sector::Municipality);
    edit.territory_id = Some(w.territories[1].id);
    participants::update(&mut store, w.id, luis.id, &edit, at(2, 11)).unwrap();
    participants::remove(&mut store, w.id, ana.id, at(2, 12)).unwrap();
    let t = participants::totals(&store, w.id).unwrap();
    assert_eq!(t.total, 2);
    let t_count = |g: Gender| t.by_gender.iter().find(|c| c.key == g).unwrap().count;
    assert_eq!((t_count(Gender::Female), t_count(Gender::Other)), (1, 1));
    assert_eq!(t.by_territory[1].count, 1);
}

#[test]
fn a_participant_of_another_workshop_is_not_edited_or_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let a = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let b = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let theirs = participants::add(
        &mut store,
        b.id,
        &person("Ana", Gender::Female, Sector::Ngo),
        at(2, 10),
    )
    .unwrap();
    let edit = person("Otra", Gender::Other, Sector::Private);
    let err = participants::update(&mut store, a.id, theirs.id, &edit, at(2, 11)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = participants::remove(&mut store, a.id, theirs.id, at(2, 11)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(participants::list(&store, b.id).unwrap(), [theirs]);
}
