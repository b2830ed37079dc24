//! A coordinator's figures as spreadsheet tables: the workshops, the countries,
//! the prioritized MDGs and the commitments with their follow-up. Headers and
//! closed vocabularies in the chosen language, countries by name.

use std::path::Path;

use chrono::NaiveDate;

use super::{Filter, commitments, country_name, totals, workshops};
use crate::Result;
use crate::prioritization::{SubjectKind, subject_title};
use crate::store::Store;
use crate::tables::{self, Table, Value, Written, table, word, yes_no};
use crate::time::Timestamp;
use crate::workshop::Language;

/// The tables, in the workbook's order; the locale texts are `tables.<key>.*`.
pub const KEYS: [&str; 4] = ["workshops", "countries", "goals", "commitments"];

fn names(language: Language, codes: &[String]) -> Value {
    codes
        .iter()
        .map(|c| country_name(language, c))
        .collect::<Vec<_>>()
        .join(", ")
        .into()
}

/// The workshops, countries, prioritized MDGs and commitments the filter keeps,
/// as they stand on `today`.
pub fn tables(
    store: &Store,
    filter: &Filter,
    language: Language,
    today: NaiveDate,
) -> Result<Vec<Table>> {
    let workshop_rows = workshops(store, filter, today)?
        .into_iter()
        .map(|w| {
            vec![
                w.title.into(),
                w.start_date.into(),
                names(language, &w.countries),
                w.territories.join(", ").into(),
                w.facilitators.join(", ").into(),
                w.participants.into(),
                w.women.into(),
                w.men.into(),
                w.prioritized.into(),
                w.goal.into(),
                w.actions.into(),
                w.commitments.into(),
                w.overdue.into(),
                w.device_id.to_string().into(),
                w.updated_at.into(),
            ]
        })
        .collect();

    let sums = totals(store, filter, today)?;
    let country_rows = sums
        .by_country
        .iter()
        .map(|c| {
            vec![
                country_name(language, &c.country).into(),
                c.country.clone().into(),
                c.workshops.into(),
                c.municipalities.into(),
                c.participants.into(),
                c.women.into(),
                c.men.into(),
            ]
        })
        .collect();
    let goal_rows = sums
        .goals
        .iter()
        .map(|(goal, n)| {
            vec![
                (*goal).into(),
                subject_title(SubjectKind::Goal, &goal.to_string())
                    .map(|t| t.get(language).to_string())
                    .into(),
                (*n).into(),
            ]
        })
        .collect();

    let commitment_rows = commitments(store, filter, today)?
        .into_iter()
        .map(|c| {
            let codes: Vec<String> = c.country.split(", ").map(str::to_string).collect();
            vec![
                c.workshop.into(),
                names(language, &codes),
                c.municipality.into(),
                c.who.into(),
                c.institution.into(),
                c.what.into(),
                c.due_date.into(),
                c.action.into(),
                c.status
                    .map_or(Value::Empty, |s| word(language, "status", s)),
                c.percent.into(),
                yes_no(language, c.overdue),
                c.days_overdue.map(|d| d as f64).into(),
            ]
        })
        .collect();

    Ok(vec![
        table(
            language,
            "workshops",
            &[
                "title",
                "start_date",
                "countries",
                "territories",
                "facilitators",
                "participants",
                "women",
                "men",
                "prioritized",
                "goal",
                "actions",
                "commitments",
                "overdue",
                "device",
                "updated_at",
            ],
            workshop_rows,
        ),
        table(
            language,
            "countries",
            &[
                "country",
                "code",
                "workshops",
                "municipalities",
                "participants",
                "women",
                "men",
            ],
            country_rows,
        ),
        table(
            language,
            "goals",
            &["goal", "title", "workshops"],
            goal_rows,
        ),
        table(
            language,
            "commitments",
            &[
                "workshop",
                "country",
                "municipality",
                "who",
                "institution",
                "what",
                "due",
                "action",
                "status",
                "percent",
                "overdue",
                "days_overdue",
            ],
            commitment_rows,
        ),
    ])
}

/// Writes the coordinator's tables to one XLSX workbook, as they stand on `now`.
pub fn write_xlsx(
    store: &Store,
    filter: &Filter,
    language: Language,
    path: &Path,
    now: Timestamp,
) -> Result<Written> {
    tables::write_workbook(
        &tables(store, filter, language, now.date_naive())?,
        path,
        now,
    )
}

/// Each coordinator table as `<key>.csv` in `dir`.
pub fn write_csv(
    store: &Store,
    filter: &Filter,
    language: Language,
    dir: &Path,
    now: Timestamp,
) -> Result<Vec<Written>> {
    tables::write_csv_files(
        &tables(store, filter, language, now.date_naive())?,
        language,
        dir,
    )
}
