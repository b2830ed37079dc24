//! Participant lists from spreadsheets (columns in docs/participants-csv.md).
//! A preview shows every row with its problems; only the valid rows are imported,
//! and only when the facilitator confirms.

use serde::Serialize;

use crate::ids::WorkshopId;
use crate::participants::{self, AgeBand, Gender, ParticipantInput, Sector};
use crate::spreadsheet::{self, fold};
use crate::store::Store;
use crate::time::Timestamp;
use crate::workshop::{self, Workshop};
use crate::{Error, Result};

/// Spreadsheets of a few hundred people are a few tens of kB.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Name,
    Gender,
    Sector,
    Institution,
    Territory,
    Role,
    AgeBand,
    Email,
    Phone,
    Consent,
    Attendance,
}

impl Column {
    fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Gender => "gender",
            Column::Sector => "sector",
            Column::Institution => "institution",
            Column::Territory => "territory",
            Column::Role => "role",
            Column::AgeBand => "age_band",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::Consent => "consent_listed",
            Column::Attendance => "attendance",
        }
    }

    /// The header names accepted for the column: the documented key and the
    /// words spreadsheets in the four languages usually carry.
    fn from_header(h: &str) -> Option<Column> {
        let h = fold(h);
        Some(match h.as_str() {
            "name" | "nombre" | "nome" | "nom" | "nombre completo" | "full name" => Column::Name,
            "gender" | "genero" | "sexo" | "sex" | "sexe" | "genre" => Column::Gender,
            "sector" | "setor" | "secteur" => Column::Sector,
            "institution" | "institucion" | "instituicao" | "organizacion" | "organization" => {
                Column::Institution
            }
            "territory" | "territorio" | "territoire" | "municipio" | "comuna" | "municipality" => {
                Column::Territory
            }
            "role" | "rol" | "cargo" | "funcao" | "fonction" => Column::Role,
            "age_band" | "age" | "edad" | "idade" | "tramo de edad" | "faixa etaria" => {
                Column::AgeBand
            }
            "email" | "e-mail" | "correo" | "correo electronico" | "courriel" => Column::Email,
            "phone" | "telefono" | "telefone" | "telephone" | "celular" => Column::Phone,
            "consent_listed" | "consent" | "consentimiento" | "consentimento" | "consentement" => {
                Column::Consent
            }
            "attendance" | "asistencia" | "presenca" | "presence" => Column::Attendance,
            _ => return None,
        })
    }
}

fn gender(v: &str) -> Option<Gender> {
    Gender::parse(v.trim()).or(match fold(v).as_str() {
        "f" | "mujer" | "femenino" | "feminino" | "mulher" | "femme" | "feminin" => {
            Some(Gender::Female)
        }
        "m" | "h" | "hombre" | "masculino" | "homem" | "homme" | "masculin" => Some(Gender::Male),
        "otro" | "outro" | "autre" => Some(Gender::Other),
        "" | "no indica" | "prefiero no decir" | "nao informado" | "non precise" | "not stated" => {
            Some(Gender::NotStated)
        }
        _ => None,
    })
}

fn sector(v: &str) -> Option<Sector> {
    Sector::parse(v.trim()).or(match fold(v).as_str() {
        "administracion publica"
        | "gobierno"
        | "administracao publica"
        | "administration publique" => Some(Sector::PublicAdministration),
        "municipio" | "municipalidad" | "municipal" | "prefeitura" | "mairie" | "municipalite" => {
            Some(Sector::Municipality)
        }
        "ong" => Some(Sector::Ngo),
        "universidad" | "universidade" | "universite" | "academia" => Some(Sector::University),
        "privado" | "sector privado" | "empresa" | "prive" => Some(Sector::Private),
        "comunidad" | "comunidade" | "communaute" | "organizacion comunitaria" => {
            Some(Sector::Community)
        }
        "otro" | "outro" | "autre" | "" => Some(Sector::Other),
        _ => None,
    })
}

fn age_band(v: &str) -> Option<Option<AgeBand>> {
    let f = fold(v);
    if f.is_empty() {
        return Some(None);
    }
    AgeBand::parse(v.trim())
        .or(match f.replace(' ', "").as_str() {
            "<18" | "menorde18" => Some(AgeBand::Under18),
            "18-29" => Some(AgeBand::From18To29),
            "30-44" => Some(AgeBand::From30To44),
            "45-59" => Some(AgeBand::From45To59),
            "60+" | "60ymas" | "60omas" => Some(AgeBand::Over60),
            _ => None,
        })
        .map(Some)
}

fn yes_no(v: &str) -> Option<bool> {
    match fold(v).as_str() {
        "yes" | "y" | "si" | "s" | "sim" | "oui" | "1" | "true" | "x" => Some(true),
        "no" | "n" | "nao" | "non" | "0" | "false" | "" => Some(false),
        _ => None,
    }
}

#[derive(Debug, Serialize)]
pub struct RowProblem {
    pub column: Option<&'static str>,
    pub error: Error,
}

#[derive(Debug, Serialize)]
pub struct PreviewRow {
    /// Line of the file, the header being line 1.
    pub line: u64,
    pub participant: Option<ParticipantInput>,
    pub problems: Vec<RowProblem>,
}

#[derive(Debug, Serialize)]
pub struct Preview {
    pub rows: Vec<PreviewRow>,
    pub valid: u32,
    pub invalid: u32,
}

impl Preview {
    pub fn valid_participants(&self) -> Vec<ParticipantInput> {
        self.rows
            .iter()
            .filter(|r| r.problems.is_empty())
            .filter_map(|r| r.participant.clone())
            .collect()
    }
}

pub fn preview(workshop: &Workshop, bytes: &[u8]) -> Result<Preview> {
    let text = spreadsheet::text(bytes)?;
    let mut reader = spreadsheet::reader(text);
    let columns = spreadsheet::columns(&mut reader, Column::from_header)?;
    if !columns.contains(&Some(Column::Name)) {
        return Err(Error::CsvHeader {
            detail: "there is no “name” column".into(),
        });
    }
    let days = workshop.days();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = spreadsheet::line_of(&record, i);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                rows.push(PreviewRow {
                    line,
                    participant: None,
                    problems: vec![RowProblem {
                        column: None,
                        error: Error::InvalidInput {
                            detail: e.to_string(),
                        },
                    }],
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut p = ParticipantInput {
            name: String::new(),
            gender: Gender::NotStated,
            sector: Sector::Other,
            institution: String::new(),
            territory_id: (workshop.territories.len() == 1).then(|| workshop.territories[0].id),
            role: String::new(),
            age_band: None,
            email: None,
            phone: None,
            consent_listed: false,
            attendance: Vec::new(),
        };
        let mut problems = Vec::new();
        for (value, column) in record.iter().zip(&columns) {
            let Some(column) = *column else { continue };
            let bad = || RowProblem {
                column: Some(column.key()),
                error: Error::CsvValue {
                    column: column.key().into(),
                    value: value.into(),
                },
            };
            match column {
                Column::Name => p.name = value.into(),
                Column::Gender => match gender(value) {
                    Some(g) => p.gender = g,
                    None => problems.push(bad()),
                },
                Column::Sector => match sector(value) {
                    Some(s) => p.sector = s,
                    None => problems.push(bad()),
                },
                Column::Institution => p.institution = value.into(),
                Column::Territory if value.is_empty() => {}
                Column::Territory => {
                    match workshop
                        .territories
                        .iter()
                        .find(|t| fold(&t.name) == fold(value))
                    {
                        Some(t) => p.territory_id = Some(t.id),
                        None => problems.push(bad()),
                    }
                }
                Column::Role => p.role = value.into(),
                Column::AgeBand => match age_band(value) {
                    Some(a) => p.age_band = a,
                    None => problems.push(bad()),
                },
                Column::Email => p.email = Some(value.into()),
                Column::Phone => p.phone = Some(value.into()),
                Column::Consent => match yes_no(value) {
                    Some(c) => p.consent_listed = c,
                    None => problems.push(bad()),
                },
                Column::Attendance => {
                    let f = fold(value);
                    if matches!(f.as_str(), "all" | "todos" | "todas" | "tous") {
                        p.attendance = days.iter().map(|d| d.to_string()).collect();
                    } else {
                        p.attendance = value
                            .split(['|', ' ', ',', ';'])
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect();
                    }
                }
            }
        }
        if problems.is_empty()
            && let Err(error) = p.validate(workshop)
        {
            let column = match error {
                Error::NameEmpty => Some("name"),
                Error::BadEmail { .. } => Some("email"),
                Error::BadDate { .. } | Error::AttendanceOutsideWorkshop { .. } => {
                    Some("attendance")
                }
                Error::UnknownTerritory => Some("territory"),
                _ => None,
            };
            problems.push(RowProblem { column, error });
        }
        rows.push(PreviewRow {
            line,
            participant: Some(p),
            problems,
        });
    }
    let valid = rows.iter().filter(|r| r.problems.is_empty()).count() as u32;
    Ok(Preview {
        invalid: rows.len() as u32 - valid,
        valid,
        rows,
    })
}

pub fn preview_file(
    store: &Store,
    workshop_id: WorkshopId,
    path: &std::path::Path,
) -> Result<Preview> {
    preview(
        &workshop::get(store, workshop_id)?,
        &spreadsheet::read_file(path, MAX_FILE_BYTES)?,
    )
}

/// Imports the valid rows of the file in one transaction; returns how many.
pub fn import_file(
    store: &mut Store,
    workshop_id: WorkshopId,
    path: &std::path::Path,
    now: Timestamp,
) -> Result<u32> {
    let preview = preview_file(store, workshop_id, path)?;
    let valid = preview.valid_participants();
    participants::add_all(store, workshop_id, &valid, now)?;
    Ok(valid.len() as u32)
}
