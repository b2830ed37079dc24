//! The Vester matrix on a real file: a 4×4 matrix, its quadrants, the tree, and
//! what the grid refuses.

use cabildo_core::ids::CauseId;
use cabildo_core::vester::{self, Quadrant, TreePlace};
use cabildo_core::{Store, bundle, workshop};

use crate::fixtures::{TempDb, at, workshop_input};

/// Influence of row on column; the diagonal is unused. Active sums 7, 4, 4, 4;
/// passive 3, 1, 6, 9; the threshold is the mean sum, 4.75.
const MATRIX: [[i64; 4]; 4] = [[0, 1, 3, 3], [1, 0, 0, 3], [1, 0, 0, 3], [1, 0, 3, 0]];

fn filled(store: &mut Store) -> (cabildo_core::ids::WorkshopId, Vec<CauseId>) {
    let w = workshop::create(store, &workshop_input(), at(2, 9)).unwrap();
    let causes: Vec<_> = [
        "Distancia a la posta en Región de Ñuble",
        "Pocas parteras capacitadas",
        "Embarazo adolescente",
        "Registro de salud incompleto",
    ]
    .iter()
    .map(|label| vester::add_cause(store, w.id, label, &[], at(2, 10)).unwrap())
    .collect();
    for (i, row) in MATRIX.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            if i != j {
                vester::set_influence(store, w.id, causes[i], causes[j], v, at(2, 10)).unwrap();
            }
        }
    }
    (w.id, causes)
}

#[test]
fn a_filled_four_by_four_matrix_gives_sums_quadrants_and_tree_places() {
    let db = TempDb::new();
    let mut store = db.open();
    let (w, _) = filled(&mut store);
    let m = vester::matrix(&store, w).unwrap();
    assert_eq!((m.filled, m.cells), (12, 12));
    let sums: Vec<_> = m.causes.iter().map(|c| (c.active, c.passive)).collect();
    assert_eq!(sums, [(7, 3), (4, 1), (4, 6), (4, 9)]);
    assert!((m.threshold - 4.75).abs() < 1e-9);
    let quadrants: Vec<_> = m.causes.iter().map(|c| c.quadrant).collect();
    assert_eq!(
        quadrants,
        [
            Quadrant::Active,
            Quadrant::Indifferent,
            Quadrant::Passive,
            Quadrant::Passive
        ]
    );
    let places: Vec<_> = m.causes.iter().map(|c| c.place).collect();
    assert_eq!(
        places,
        [
            TreePlace::Cause,
            TreePlace::Aside,
            TreePlace::Effect,
            TreePlace::Effect
        ]
    );
}

#[test]
fn a_value_of_four_is_refused_and_the_cell_keeps_its_value() {
    let mut store = Store::open_in_memory().unwrap();
    let (w, causes) = filled(&mut store);
    for bad in [4, -1, 30] {
        let err =
            vester::set_influence(&mut store, w, causes[0], causes[1], bad, at(2, 11)).unwrap_err();
        assert_eq!(err.code(), "vester_value_out_of_range");
        assert!(err.to_string().contains(&bad.to_string()), "{err}");
    }
    let m = vester::matrix(&store, w).unwrap();
    assert_eq!(m.values[0][1], Some(1));
}

#[test]
fn a_cause_influencing_itself_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let (w, causes) = filled(&mut store);
    let err = vester::set_influence(&mut store, w, causes[2], causes[2], 2, at(2, 11)).unwrap_err();
    assert_eq!(err.code(), "cause_influences_itself");
    assert_eq!(vester::matrix(&store, w).unwrap().values[2][2], None);
}

#[test]
fn an_empty_cause_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let (w, causes) = filled(&mut store);
    let err = vester::add_cause(&mut store, w, "   ", &[], at(2, 11)).unwrap_err();
    assert_eq!(err.code(), "cause_label_empty");
    let err = vester::rename_cause(&mut store, w, causes[0], "", at(2, 11)).unwrap_err();
    assert_eq!(err.code(), "cause_label_empty");
    assert_eq!(vester::matrix(&store, w).unwrap().causes.len(), 4);
}

#[test]
fn a_cause_moved_on_the_tree_stays_moved_after_reopening_and_in_the_bundle() {
    let db = TempDb::new();
    let (w, causes) = {
        let mut store = db.open();
        filled(&mut store)
    };
    {
        let mut store = db.open();
        vester::set_place(&mut store, w, causes[1], Some(TreePlace::Root), at(2, 12)).unwrap();
    }
    let store = db.open();
    let m = vester::matrix(&store, w).unwrap();
    assert_eq!(m.causes[1].place, TreePlace::Root);
    assert!(m.causes[1].place_moved);

    let bytes = bundle::export(&store, w, at(2, 13)).unwrap();
    let mut fresh = Store::open_in_memory().unwrap();
    bundle::import(&mut fresh, &bytes).unwrap();
    assert_eq!(vester::matrix(&fresh, w).unwrap(), m);
}

#[test]
fn removing_a_cause_removes_its_row_and_column() {
    let mut store = Store::open_in_memory().unwrap();
    let (w, causes) = filled(&mut store);
    vester::remove_cause(&mut store, w, causes[0], at(2, 12)).unwrap();
    let m = vester::matrix(&store, w).unwrap();
    assert_eq!(m.causes.len(), 3);
    assert_eq!(m.values.len(), 3);
    assert!(m.values.iter().all(|row| row.len() == 3));
    assert_eq!((m.filled, m.cells), (6, 6));
}

#[test]
fn a_cause_of_another_workshop_is_not_renamed_moved_or_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, _) = filled(&mut store);
    let (b, theirs) = filled(&mut store);
    let before = vester::matrix(&store, b).unwrap();
    let err = vester::rename_cause(&mut store, a, theirs[0], "Otra", at(2, 11)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err =
        vester::set_place(&mut store, a, theirs[1], Some(TreePlace::Root), at(2, 11)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = vester::remove_cause(&mut store, a, theirs[2], at(2, 11)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(vester::matrix(&store, b).unwrap(), before);
    assert_eq!(vester::matrix(&store, a).unwrap().causes.len(), 4);
}
