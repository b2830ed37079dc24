//! A coordinator's merge of many workshops: idempotent, conflicts listed, files
//! from unknown or lying devices refused without a trace.

use cabildo_core::merge::{self, Admission, FileResult, Outcome};
use cabildo_core::trust::{self, Source};
use cabildo_core::{Store, bundle, enrollment, sync, synthetic, workshop};
use chrono::{TimeZone, Utc};

use crate::fixtures::{TempDb, at, workshop_input};

/// Every row of every table but the installation's own key, sorted: two databases
/// with the same dump hold the same data.
fn dump(store: &Store) -> Vec<(String, Vec<String>)> {
    let tables: Vec<String> = store
        .conn()
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name != 'device' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let mut st = store.conn().prepare(&format!("SELECT * FROM {t}")).unwrap();
            let n = st.column_count();
            let mut rows: Vec<String> = st
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            (t, rows)
        })
        .collect()
}

fn trust_signer(hub: &mut Store, bytes: &[u8]) {
    let s = trust::signer(bytes).unwrap();
    trust::trust(
        hub,
        s.device_id,
        &s.public_key,
        "",
        Source::Accepted,
        at(20, 9),
    )
    .unwrap();
}

fn merged(hub: &mut Store, bytes: &[u8]) -> merge::Merged {
    merge::merge(hub, bytes, Admission::TrustedKeys, at(20, 10)).unwrap()
}

#[test]
fn merging_the_same_fifty_bundles_twice_gives_the_same_database() {
    let db = TempDb::new();
    let mut hub = db.open();
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
    let bundles: Vec<Vec<u8>> = (0..50)
        .map(|i| synthetic::bundle(i, now).unwrap())
        .collect();
    for b in &bundles {
        trust_signer(&mut hub, b);
    }
    for b in &bundles {
        assert_eq!(merged(&mut hub, b).outcome, Outcome::New);
    }
    let once = dump(&hub);
    for b in &bundles {
        let again = merged(&mut hub, b);
        assert_eq!(again.outcome, Outcome::Unchanged);
        assert_eq!((again.inserted, again.updated, again.conflicts), (0, 0, 0));
    }
    drop(hub);
    let hub = db.open();
    assert_eq!(dump(&hub), once, "a second merge changed the database");
    assert_eq!(workshop::list(&hub, true).unwrap().len(), 50);
    let files: i64 = hub
        .conn()
        .query_row("SELECT count(*) FROM received_bundles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(files, 50);
}

/// Device A makes the workshop and hands it to B; then both change its title
/// without seeing the other's change.
struct TwoDevices {
    a: Store,
    b: Store,
    id: cabildo_core::ids::WorkshopId,
}

fn two_devices() -> TwoDevices {
    let mut a = Store::open_in_memory().unwrap();
    let mut b = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut a, &workshop_input(), at(2, 9)).unwrap();
    bundle::import(&mut b, &bundle::export(&a, w.id, at(2, 10)).unwrap()).unwrap();
    TwoDevices { a, b, id: w.id }
}

fn retitle(store: &mut Store, id: cabildo_core::ids::WorkshopId, title: &str, day: u32) {
    let mut input = workshop::get(store, id).unwrap().to_input();
    input.title = title.into();
    workshop::update(store, id, &input, at(day, 9)).unwrap();
}

#[test]
fn two_devices_editing_the_same_workshop_keep_the_later_edit_and_list_a_conflict() {
    let TwoDevices { mut a, mut b, id } = two_devices();
    retitle(&mut a, id, "Taller de Quirihue (versión de Ana)", 3);
    retitle(&mut b, id, "Taller de Quirihue (versión de Bruno)", 4);
    let from_a = bundle::export(&a, id, at(5, 9)).unwrap();
    let from_b = bundle::export(&b, id, at(5, 9)).unwrap();

    for order in [[&from_a, &from_b], [&from_b, &from_a]] {
        let mut hub = Store::open_in_memory().unwrap();
        trust_signer(&mut hub, &from_a);
        trust_signer(&mut hub, &from_b);
        let found: u32 = order.iter().map(|b| merged(&mut hub, b).conflicts).sum();
        assert_eq!(found, 1);
        assert_eq!(
            workshop::get(&hub, id).unwrap().title,
            "Taller de Quirihue (versión de Bruno)",
            "the later edit wins whatever the order"
        );
        let listed = merge::conflicts(&hub).unwrap();
        assert_eq!(listed.len(), 1);
        let c = &listed[0];
        assert_eq!(
            (c.table.as_str(), c.row_id.as_str()),
            ("workshops", &*id.to_string())
        );
        assert_eq!(c.kept["title"], "Taller de Quirihue (versión de Bruno)");
        assert_eq!(c.lost["title"], "Taller de Quirihue (versión de Ana)");
        assert_eq!(c.kept_device, b.device_id().to_string());

        // Meeting the same files again lists nothing new.
        for bytes in order {
            assert_eq!(merged(&mut hub, bytes).conflicts, 0);
        }
        assert_eq!(merge::conflicts(&hub).unwrap().len(), 1);
    }
}

#[test]
fn an_edit_made_after_seeing_the_other_device_s_is_not_a_conflict() {
    let TwoDevices { mut a, mut b, id } = two_devices();
    retitle(&mut a, id, "Taller de Quirihue (versión de Ana)", 3);
    let from_a = bundle::export(&a, id, at(3, 12)).unwrap();
    bundle::import(&mut b, &from_a).unwrap();
    retitle(&mut b, id, "Taller de Quirihue (revisado por Bruno)", 4);
    let from_b = bundle::export(&b, id, at(4, 12)).unwrap();

    let mut hub = Store::open_in_memory().unwrap();
    trust_signer(&mut hub, &from_a);
    trust_signer(&mut hub, &from_b);
    assert_eq!(merged(&mut hub, &from_a).conflicts, 0);
    assert_eq!(merged(&mut hub, &from_b).conflicts, 0);
    assert!(merge::conflicts(&hub).unwrap().is_empty());
    assert_eq!(
        workshop::get(&hub, id).unwrap().title,
        "Taller de Quirihue (revisado por Bruno)"
    );
}

/// A hub that already holds one trusted workshop, and the code of a refusal of
/// `bytes` after checking that nothing at all changed.
fn refused_by_hub(bytes: &[u8], prepare: impl FnOnce(&mut Store)) -> &'static str {
    let mut hub = Store::open_in_memory().unwrap();
    let own = synthetic::bundle(7, at(1, 9)).unwrap();
    trust_signer(&mut hub, &own);
    merged(&mut hub, &own);
    prepare(&mut hub);
    let before = dump(&hub);
    let err = merge::merge(&mut hub, bytes, Admission::TrustedKeys, at(21, 9))
        .expect_err("the file is refused");
    assert_eq!(dump(&hub), before, "a refused file changed the hub");
    err.code()
}

#[test]
fn a_bundle_signed_by_an_unknown_device_is_refused_with_its_fingerprint() {
    let bytes = synthetic::bundle(3, at(1, 9)).unwrap();
    assert_eq!(refused_by_hub(&bytes, |_| {}), "bundle_unknown_device");
    let mut hub = Store::open_in_memory().unwrap();
    let err = merge::merge(&mut hub, &bytes, Admission::TrustedKeys, at(21, 9)).unwrap_err();
    let fingerprint = trust::signer(&bytes).unwrap().fingerprint;
    assert_eq!(err.params()["fingerprint"], fingerprint);
    assert!(err.to_string().contains(&fingerprint), "{err}");
}

#[test]
fn a_bundle_signed_with_another_key_than_its_device_s_is_refused() {
    let bytes = synthetic::bundle(3, at(1, 9)).unwrap();
    let device = trust::signer(&bytes).unwrap().device_id;
    let other_key = trust::signer(&synthetic::bundle(4, at(1, 9)).unwrap())
        .unwrap()
        .public_key;
    let code = refused_by_hub(&bytes, |hub| {
        trust::trust(hub, device, &other_key, "", Source::Accepted, at(20, 9)).unwrap();
    });
    assert_eq!(code, "bundle_key_mismatch");
}

#[test]
fn a_tampered_bundle_is_refused_and_nothing_changes() {
    let mut bytes = synthetic::bundle(3, at(1, 9)).unwrap();
    let last = bytes.len() - 10;
    bytes[last] ^= 0x20;
    assert_eq!(
        refused_by_hub(&bytes, |_| {}),
        "bundle_tampered",
        "a flipped byte in the content"
    );
}

#[test]
fn a_bundle_from_a_newer_format_is_refused_and_nothing_changes() {
    let bytes = synthetic::bundle(3, at(1, 9)).unwrap();
    let text = bytes
        .strip_prefix(b"CABILDO-BUNDLE 1\n".as_slice())
        .unwrap();
    let newer = [b"CABILDO-BUNDLE 2\n".as_slice(), text].concat();
    assert_eq!(refused_by_hub(&newer, |_| {}), "bundle_newer_format");
}

#[test]
fn a_batch_reports_each_file_and_goes_on_past_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let paths = synthetic::write_fleet(dir.path(), 3, at(1, 9)).unwrap();
    let mut hub = Store::open_in_memory().unwrap();
    for p in &paths[..2] {
        trust_signer(&mut hub, &std::fs::read(p).unwrap());
    }
    let garbage = dir.path().join("not-a-bundle.cabildo");
    std::fs::write(&garbage, b"hola").unwrap();
    let results: Vec<FileResult> = paths
        .iter()
        .chain([&garbage])
        .map(|p| merge::merge_file(&mut hub, p, Admission::TrustedKeys, at(21, 9)))
        .collect();
    let codes: Vec<String> = results
        .iter()
        .map(|r| match r {
            FileResult::Merged(m) => format!("{:?}", m.outcome),
            FileResult::Rejected { error, signer } => {
                format!(
                    "{}{}",
                    error.code(),
                    if signer.is_some() { "+signer" } else { "" }
                )
            }
        })
        .collect();
    assert_eq!(
        codes,
        [
            "New",
            "New",
            "bundle_unknown_device+signer",
            "bundle_damaged"
        ]
    );
}

#[test]
fn a_hub_database_opened_read_only_refuses_edits_and_reads_the_workshops() {
    let db = TempDb::new();
    {
        let mut hub = db.open();
        let b = synthetic::bundle(1, at(1, 9)).unwrap();
        trust_signer(&mut hub, &b);
        merged(&mut hub, &b);
    }
    let mut ro = Store::open_read_only(&db.path).unwrap();
    assert!(ro.is_read_only());
    assert_eq!(workshop::list(&ro, true).unwrap().len(), 1);
    let b = synthetic::bundle(2, at(1, 9)).unwrap();
    let err = merge::merge(&mut ro, &b, Admission::AnyKey, at(21, 9)).unwrap_err();
    assert_eq!(err.code(), "read_only");
}

#[test]
fn an_enrollment_code_binds_the_first_laptop_and_refuses_another() {
    let mut hub = Store::open_in_memory().unwrap();
    let code = enrollment::new_code(&mut hub, "Ana — Ñuble", at(1, 9)).unwrap();
    assert_eq!(code.len(), 23);
    let laptop = Store::open_in_memory().unwrap();
    let other = Store::open_in_memory().unwrap();
    let me = sync::identity(&laptop).unwrap();
    let typed = code.to_lowercase().replace('-', " ");
    enrollment::enroll(&mut hub, &typed, me.device_id, &me.public_key, at(1, 10)).unwrap();
    enrollment::enroll(&mut hub, &code, me.device_id, &me.public_key, at(1, 11)).unwrap();
    let them = sync::identity(&other).unwrap();
    let err = enrollment::enroll(&mut hub, &code, them.device_id, &them.public_key, at(1, 12))
        .unwrap_err();
    assert_eq!(err.code(), "token_taken");
    let err = enrollment::enroll(
        &mut hub,
        "AAAAA-BBBBB-CCCCC-DDDDD",
        them.device_id,
        &them.public_key,
        at(1, 12),
    )
    .unwrap_err();
    assert_eq!(err.code(), "token_unknown");
    assert_eq!(enrollment::device_of(&hub, &code).unwrap().0, me.device_id);
    let trusted = trust::list(&hub).unwrap();
    assert_eq!(trusted.len(), 1);
    assert_eq!(trusted[0].label, "Ana — Ñuble");
}

#[test]
fn a_changed_workshop_waits_in_the_outbox_until_the_hub_acknowledges_it() {
    let mut laptop = Store::open_in_memory().unwrap();
    cabildo_core::demo::create(&mut laptop, at(1, 8)).unwrap();
    let w = workshop::create(&mut laptop, &workshop_input(), at(1, 9)).unwrap();
    sync::connect(
        &mut laptop,
        "http://192.168.1.20:7878/",
        "abcde-fghjk-mnpqr-stuvw",
    )
    .unwrap();
    let outbox = sync::outbox(&laptop).unwrap();
    assert_eq!(outbox.len(), 1, "the example workshop is never pushed");
    assert_eq!(outbox[0].workshop_id, w.id);

    let out = sync::next(&laptop, at(1, 10)).unwrap().unwrap();
    assert!(
        sync::outbox(&laptop).unwrap().len() == 1,
        "not acknowledged yet"
    );
    sync::acknowledged(&mut laptop, &out, at(1, 10)).unwrap();
    assert!(sync::outbox(&laptop).unwrap().is_empty());
    assert!(sync::next(&laptop, at(1, 11)).unwrap().is_none());

    retitle(&mut laptop, w.id, "Taller de Quirihue, segunda jornada", 2);
    assert_eq!(sync::outbox(&laptop).unwrap().len(), 1);
    let status = sync::status(&laptop).unwrap();
    assert_eq!(status.hub_url.as_deref(), Some("http://192.168.1.20:7878"));
    assert!(status.last_success_at.is_some());
}

#[test]
fn a_hub_address_that_is_not_http_is_refused() {
    let mut laptop = Store::open_in_memory().unwrap();
    for bad in [
        "",
        "192.168.1.20",
        "ftp://hub",
        "http://",
        "http://hub name",
    ] {
        let err = sync::connect(&mut laptop, bad, "abcde-fghjk-mnpqr-stuvw").unwrap_err();
        assert_eq!(err.code(), "bad_hub_url", "{bad:?}");
    }
    assert!(sync::settings(&laptop).unwrap().is_none());
}
