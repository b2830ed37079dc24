//! Indicator values from spreadsheets: one row per indicator, territory and year
//! (columns in docs/indicator-csv.md). The preview reports every row's problem; the
//! import takes the valid rows only, in one transaction, when the facilitator confirms.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::catalogue;
use crate::decimal::{self, Entry};
use crate::ids::WorkshopId;
use crate::indicators::{self, Area, ValueInput};
use crate::spreadsheet::{self, fold};
use crate::store::{self, Store};
use crate::time::Timestamp;
use crate::workshop::{self, Workshop};
use crate::{Error, Result};

/// 10,000 rows are about 400 kB; this leaves room for long source texts.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Rows shown in full in the preview when they have no problem.
pub const SAMPLE_ROWS: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Indicator,
    Territory,
    Year,
    Value,
    Source,
}

impl Column {
    fn key(self) -> &'static str {
        match self {
            Column::Indicator => "indicator",
            Column::Territory => "territory",
            Column::Year => "year",
            Column::Value => "value",
            Column::Source => "source",
        }
    }

    fn from_header(h: &str) -> Option<Column> {
        Some(match fold(h).as_str() {
            "indicator" | "indicador" | "indicateur" | "codigo" | "code" | "indicator code" => {
                Column::Indicator
            }
            "territory" | "territorio" | "territoire" | "municipio" | "comuna" | "area"
            | "pais" => Column::Territory,
            "year" | "ano" | "anio" | "annee" => Column::Year,
            "value" | "valor" | "valeur" | "dato" => Column::Value,
            "source" | "fuente" | "fonte" => Column::Source,
            _ => return None,
        })
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
    pub indicator: String,
    pub territory: String,
    pub year: String,
    pub value: String,
    pub source: String,
    pub problems: Vec<RowProblem>,
    /// The row would change a value already in the workshop…
    pub replaces: bool,
    /// …which is this one (`None`: "not available").
    pub current_value: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct Preview {
    /// Every row with a problem, and the first valid ones as a sample.
    pub rows: Vec<PreviewRow>,
    pub valid: u32,
    pub invalid: u32,
    /// Valid rows that would change a value already in the workshop.
    pub replacing: u32,
    #[serde(skip)]
    values: Vec<ValueInput>,
}

impl Preview {
    pub fn values(&self) -> &[ValueInput] {
        &self.values
    }
}

/// Matches a territory's name, or a country's code or name in any language.
fn area(workshop: &Workshop, text: &str) -> Option<Area> {
    let f = fold(text);
    if let Some(t) = workshop.territories.iter().find(|t| fold(&t.name) == f) {
        return Some(Area::Territory(t.id));
    }
    workshop
        .territories
        .iter()
        .map(|t| t.country.as_str())
        .find(|code| {
            fold(code) == f
                || catalogue::country(code).is_some_and(|c| {
                    [&c.name.es, &c.name.en, &c.name.pt, &c.name.fr]
                        .iter()
                        .any(|n| fold(n) == f)
                })
        })
        .map(|code| Area::Country(code.to_string()))
}

/// `this_year` bounds the years a value may be for: no value comes from the future.
pub fn preview(
    store: &Store,
    workshop: &Workshop,
    bytes: &[u8],
    this_year: i32,
) -> Result<Preview> {
    let text = spreadsheet::text(bytes)?;
    let mut reader = spreadsheet::reader(text);
    let columns = spreadsheet::columns(&mut reader, Column::from_header)?;
    for needed in [
        Column::Indicator,
        Column::Territory,
        Column::Year,
        Column::Value,
    ] {
        if !columns.contains(&Some(needed)) {
            return Err(Error::CsvHeader {
                detail: format!("there is no “{}” column", needed.key()),
            });
        }
    }
    let current = current_values(store, workshop.id)?;
    let mut seen: HashMap<(String, Area, i32), u64> = HashMap::new();
    let mut preview = Preview {
        rows: Vec::new(),
        valid: 0,
        invalid: 0,
        replacing: 0,
        values: Vec::new(),
    };
    for (i, record) in reader.records().enumerate() {
        let line = spreadsheet::line_of(&record, i);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                preview.invalid += 1;
                preview.rows.push(PreviewRow {
                    line,
                    indicator: String::new(),
                    territory: String::new(),
                    year: String::new(),
                    value: String::new(),
                    source: String::new(),
                    problems: vec![RowProblem {
                        column: None,
                        error: Error::InvalidInput {
                            detail: e.to_string(),
                        },
                    }],
                    replaces: false,
                    current_value: None,
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let field = |c: Column| {
            columns
                .iter()
                .position(|x| *x == Some(c))
                .and_then(|i| record.get(i))
                .unwrap_or_default()
                .to_string()
        };
        let mut row = PreviewRow {
            line,
            indicator: field(Column::Indicator),
            territory: field(Column::Territory),
            year: field(Column::Year),
            value: field(Column::Value),
            source: field(Column::Source),
            problems: Vec::new(),
            replaces: false,
            current_value: None,
        };
        let mut problem = |column: Column, error: Error| {
            row.problems.push(RowProblem {
                column: Some(column.key()),
                error,
            })
        };
        let code = row.indicator.trim().to_string();
        if catalogue::mdg().indicator(&code).is_none() {
            problem(
                Column::Indicator,
                Error::UnknownIndicator { code: code.clone() },
            );
        }
        let place = area(workshop, &row.territory);
        if place.is_none() {
            problem(
                Column::Territory,
                Error::CsvValue {
                    column: "territory".into(),
                    value: row.territory.clone(),
                },
            );
        }
        let year = match row.year.trim().parse::<i32>() {
            Ok(y) if (indicators::FIRST_YEAR..=this_year).contains(&y) => Some(y),
            Ok(y) => {
                problem(Column::Year, Error::YearOutOfRange { year: y });
                None
            }
            Err(_) => {
                problem(
                    Column::Year,
                    Error::NotANumber {
                        value: row.year.clone(),
                    },
                );
                None
            }
        };
        let entry = match decimal::parse(&row.value) {
            Ok(Some(e)) => Some(e),
            Ok(None) | Err(()) => {
                problem(
                    Column::Value,
                    Error::NotANumber {
                        value: row.value.clone(),
                    },
                );
                None
            }
        };
        if let (Some(place), Some(year)) = (&place, year) {
            let key = (code.clone(), place.clone(), year);
            if let Some(first) = seen.get(&key) {
                row.problems.push(RowProblem {
                    column: None,
                    error: Error::DuplicateRow { line: *first },
                });
            } else {
                seen.insert(key.clone(), line);
            }
            if row.problems.is_empty()
                && let Some(entry) = entry
            {
                let new = match entry {
                    Entry::Number(v) => Some(v),
                    Entry::NotAvailable => None,
                };
                if let Some(old) = current.get(&key)
                    && *old != new
                {
                    row.replaces = true;
                    row.current_value = *old;
                    preview.replacing += 1;
                }
                preview.values.push(ValueInput {
                    indicator: code,
                    area: place.clone(),
                    year,
                    entry,
                    source: Some(row.source.clone()),
                });
            }
        }
        if row.problems.is_empty() {
            preview.valid += 1;
            if preview.valid as usize <= SAMPLE_ROWS {
                preview.rows.push(row);
            }
        } else {
            preview.invalid += 1;
            preview.rows.push(row);
        }
    }
    Ok(preview)
}

fn current_values(
    store: &Store,
    workshop: WorkshopId,
) -> Result<HashMap<(String, Area, i32), Option<f64>>> {
    let mut out = HashMap::new();
    for s in store::indicators::series_of(store.conn(), workshop)? {
        for o in s.observations {
            out.insert((s.indicator.clone(), s.area.clone(), o.year), o.value);
        }
    }
    Ok(out)
}

pub fn preview_file(
    store: &Store,
    workshop_id: WorkshopId,
    path: &Path,
    this_year: i32,
) -> Result<Preview> {
    let workshop = workshop::get(store, workshop_id)?;
    preview(
        store,
        &workshop,
        &spreadsheet::read_file(path, MAX_FILE_BYTES)?,
        this_year,
    )
}

/// Imports the valid rows of the file in one transaction; `progress(done, total)`
/// is called as rows are written. Returns how many were imported.
pub fn import_file(
    store: &mut Store,
    workshop_id: WorkshopId,
    path: &Path,
    now: Timestamp,
    mut progress: impl FnMut(usize, usize),
) -> Result<u32> {
    use chrono::Datelike;
    let preview = preview_file(store, workshop_id, path, now.year())?;
    let total = preview.values.len();
    indicators::set_values(store, workshop_id, &preview.values, now, |done| {
        if done % 500 == 0 || done == total {
            progress(done, total);
        }
    })?;
    Ok(total as u32)
}
