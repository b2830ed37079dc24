use cabildo_core::participants::{self, Gender, Sector};
use cabildo_core::{Store, participants_csv, workshop};

use crate::fixtures::{TempDb, at, workshop_input};

const SPANISH_EXCEL: &str = "\u{feff}Nombre;Género;Sector;Institución;Territorio;Cargo;Correo;Consentimiento;Asistencia\n\
Begoña Núñez;Mujer;ONG;Fundación Itata;Quirihue;Directora;begona@example.org;sí;todos\n\
João Silva;M;Municipio;Prefeitura;São Paulo;Secretário;;no;2026-03-10\n\
;F;ONG;;Quirihue;;;sí;\n\
Ana Ruiz;Mujer;astronauta;;Quirihue;;;sí;\n\
Luis Peña;H;Universidad;;Lima;;;sí;\n\
Eva Díaz;F;Privado;;Quirihue;;eva@;sí;\n";

#[test]
fn a_semicolon_file_with_bom_and_spanish_headers_is_previewed_row_by_row() {
    let mut store = Store::open_in_memory().unwrap();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    let preview = participants_csv::preview(&w, SPANISH_EXCEL.as_bytes()).unwrap();
    assert_eq!((preview.valid, preview.invalid), (2, 4));
    let problem = |line: u64| {
        let row = preview.rows.iter().find(|r| r.line == line).unwrap();
        (row.problems[0].column, row.problems[0].error.code())
    };
    assert_eq!(problem(4), (Some("name"), "name_empty"));
    assert_eq!(problem(5), (Some("sector"), "csv_value"));
    assert_eq!(problem(6), (Some("territory"), "csv_value"));
    assert_eq!(problem(7), (Some("email"), "bad_email"));
    let begona = preview.rows[0].participant.as_ref().unwrap();
    assert_eq!(
        (begona.gender, begona.sector),
        (Gender::Female, Sector::Ngo)
    );
    assert_eq!(begona.attendance.len(), 2);
    assert!(
        participants::list(&store, w.id).unwrap().is_empty(),
        "a preview imports nothing"
    );
}

#[test]
fn importing_takes_only_the_valid_rows() {
    let db = TempDb::new();
    let path = db.dir.path().join("lista.csv");
    std::fs::write(&path, SPANISH_EXCEL).unwrap();
    let mut store = db.open();
    let w = workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap();
    assert_eq!(
        participants_csv::import_file(&mut store, w.id, &path, at(2, 10)).unwrap(),
        2
    );
    let names: Vec<_> = participants::list(&store, w.id)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Begoña Núñez", "João Silva"]);
}

#[test]
fn a_comma_file_with_english_headers_is_read() {
    let w = {
        let mut store = Store::open_in_memory().unwrap();
        workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap()
    };
    let csv =
        "name,gender,sector,territory,consent_listed\n\"Núñez, Begoña\",female,ngo,Quirihue,yes\n";
    let preview = participants_csv::preview(&w, csv.as_bytes()).unwrap();
    assert_eq!(preview.valid, 1);
    assert_eq!(
        preview.rows[0].participant.as_ref().unwrap().name,
        "Núñez, Begoña"
    );
}

#[test]
fn a_file_without_a_name_column_or_not_in_utf8_is_refused_clearly() {
    let w = {
        let mut store = Store::open_in_memory().unwrap();
        workshop::create(&mut store, &workshop_input(), at(2, 9)).unwrap()
    };
    let err = participants_csv::preview(&w, b"genero;sector\nF;ONG\n")
        .err()
        .unwrap();
    assert_eq!(err.code(), "csv_header");
    let latin1 = b"Nombre;Sector\nBego\xf1a;ONG\n";
    let err = participants_csv::preview(&w, latin1).err().unwrap();
    assert!(err.to_string().contains("UTF-8"), "{err}");
}
