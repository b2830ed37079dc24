//! A workshop's tables for spreadsheets: the participant register, the diagnostic,
//! Stage 2's scoring and Vester matrix, then Stage 3's action matrix, management
//! plan, agenda of commitments, follow-up program and status history, actor map,
//! institutional areas and competences — each as a CSV file, and all of them as
//! one XLSX workbook with a sheet per table. Headers and closed vocabularies are
//! in the chosen language; people's words stay as typed.
//!
//! CSV files are written the way spreadsheets of each language read them without
//! asking: UTF-8 with a byte-order mark (without it Excel takes the file for the
//! system's legacy code page), `;` between fields and a decimal comma in Spanish,
//! Portuguese and French, `,` and a decimal point in English. Dates are written
//! `YYYY-MM-DD`, which every spreadsheet reads as a date.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::actions::follow_up::{self, ProgramEntry};
use crate::actions::{self, commitments, plan};
use crate::ids::WorkshopId;
use crate::store::Store;
use crate::time::Timestamp;
use crate::workshop::Language;
use crate::{
    Error, Result, actors, indicators, institutions, locale, participants, prioritization, vester,
    workshop,
};

/// One cell: numbers and dates stay numbers and dates in the workbook.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Number(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Empty, Into::into)
    }
}

impl From<NaiveDate> for Value {
    fn from(d: NaiveDate) -> Self {
        Value::Date(d)
    }
}

impl From<u8> for Value {
    fn from(v: u8) -> Self {
        Value::Number(f64::from(v))
    }
}

impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::Number(f64::from(v))
    }
}

impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::Number(f64::from(v))
    }
}

/// The tables, in the workbook's order. The key names the CSV file and the
/// locale texts (`tables.<key>.*`).
pub const KEYS: [&str; 12] = [
    "participants",
    "diagnostic",
    "scoring",
    "vester",
    "actions",
    "plan",
    "commitments",
    "follow_up",
    "status_history",
    "actors",
    "areas",
    "competences",
];

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// One of `KEYS`, or of `coordinator::KEYS` for a coordinator's tables.
    pub key: &'static str,
    /// The sheet's name in the chosen language.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

fn t(language: Language, key: &str) -> String {
    locale::text(language, &format!("tables.{key}"))
}

pub(crate) fn table(
    language: Language,
    key: &'static str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Table {
    Table {
        key,
        name: t(language, &format!("{key}.name")),
        headers: columns
            .iter()
            .map(|c| t(language, &format!("{key}.{c}")))
            .collect(),
        rows,
    }
}

/// A closed vocabulary's word in the chosen language.
pub(crate) fn word(language: Language, kind: &str, value: impl std::fmt::Display) -> Value {
    Value::Text(t(language, &format!("values.{kind}.{value}")))
}

pub(crate) fn yes_no(language: Language, yes: bool) -> Value {
    Value::Text(t(language, if yes { "values.yes" } else { "values.no" }))
}

/// A word of a closed vocabulary that has its own locale texts (`<prefix>.<value>`).
fn named(language: Language, prefix: &str, value: impl std::fmt::Display) -> Value {
    Value::Text(locale::text(language, &format!("{prefix}.{value}")))
}

/// The participant register. Only people who agreed to appear by name are named.
pub fn participants_table(
    store: &Store,
    workshop: WorkshopId,
    language: Language,
) -> Result<Table> {
    let w = workshop::get(store, workshop)?;
    let rows = participants::list(store, workshop)?
        .iter()
        .map(|p| {
            vec![
                if p.consent_listed {
                    p.name.clone().into()
                } else {
                    Value::Empty
                },
                named(language, "gender", p.gender),
                named(language, "sector", p.sector),
                p.institution.clone().into(),
                p.territory_id
                    .and_then(|t| w.territory(t))
                    .map(|t| t.name.clone())
                    .into(),
                p.role.clone().into(),
                p.age_band
                    .map_or(Value::Empty, |a| named(language, "age_band", a)),
                p.attendance
                    .iter()
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
                    .into(),
            ]
        })
        .collect();
    Ok(table(
        language,
        "participants",
        &[
            "person",
            "gender",
            "sector",
            "institution",
            "territory",
            "role",
            "age_band",
            "attendance",
        ],
        rows,
    ))
}

/// Stage 1's diagnostic: a row per applicable indicator and area, with its light.
pub fn diagnostic_table(store: &Store, workshop: WorkshopId, language: Language) -> Result<Table> {
    let sheet = indicators::sheet(store, workshop)?;
    let mut rows = Vec::new();
    for goal in &sheet.goals {
        for indicator in goal.indicators.iter().filter(|i| !i.not_applicable) {
            for series in &indicator.series {
                let a = &series.assessment;
                rows.push(vec![
                    goal.code.clone().into(),
                    indicator.code.clone().into(),
                    indicator.title.get(language).to_string().into(),
                    sheet.area_name(&series.area).to_string().into(),
                    a.baseline.map(|p| p.year).into(),
                    a.baseline.map(|p| p.value).into(),
                    a.latest.map(|p| p.year).into(),
                    a.latest.map(|p| p.value).into(),
                    a.target.as_ref().map(|t| t.year).into(),
                    a.target.as_ref().map(|t| t.value).into(),
                    named(language, "light", a.light),
                ]);
            }
        }
    }
    Ok(table(
        language,
        "diagnostic",
        &[
            "goal",
            "indicator",
            "title",
            "area",
            "baseline_year",
            "baseline",
            "latest_year",
            "latest",
            "target_year",
            "target",
            "light",
        ],
        rows,
    ))
}

/// Stage 2's ranking by weighted score, with each criterion's mean score.
pub fn scoring_table(store: &Store, workshop: WorkshopId, language: Language) -> Result<Table> {
    let results = prioritization::results(store, workshop)?;
    let rows = results
        .ranking
        .candidates
        .iter()
        .map(|c| {
            let mut row = vec![
                c.rank.into(),
                results
                    .candidates
                    .get(c.candidate)
                    .map(|n| n.label.clone())
                    .into(),
                c.weighted.into(),
                c.median.into(),
                c.spread.into(),
                c.agreement.map_or(Value::Empty, |a| {
                    named(language, "report.stage2.agreement_level", a)
                }),
                yes_no(language, c.tied),
            ];
            row.extend(c.criteria.iter().map(|k| Value::from(k.mean)));
            row
        })
        .collect();
    let mut scoring = table(
        language,
        "scoring",
        &[
            "rank",
            "candidate",
            "weighted",
            "median",
            "spread",
            "agreement",
            "tie",
        ],
        rows,
    );
    scoring.headers.extend(results.criteria.iter().map(|c| {
        locale::format(
            language,
            "tables.scoring.criterion_mean",
            &[("criterion", &c.label)],
        )
    }));
    Ok(scoring)
}

/// Stage 2's Vester matrix: each cause's influence on every cause, its sums,
/// quadrant and place on the problem tree.
pub fn vester_table(store: &Store, workshop: WorkshopId, language: Language) -> Result<Table> {
    let matrix = vester::matrix(store, workshop)?;
    let rows = matrix
        .causes
        .iter()
        .zip(&matrix.values)
        .map(|(cause, influences)| {
            let mut row = vec![cause.label.clone().into()];
            row.extend(influences.iter().map(|v| Value::from(*v)));
            row.extend([
                cause.active.into(),
                cause.passive.into(),
                named(language, "vester.quadrant", cause.quadrant),
                named(language, "vester.place", cause.place),
            ]);
            row
        })
        .collect();
    let mut v = table(
        language,
        "vester",
        &["cause", "active", "passive", "quadrant", "place"],
        rows,
    );
    // The influence columns, one per cause, go between the cause and its sums.
    let sums = v.headers.split_off(1);
    v.headers.extend(
        matrix
            .causes
            .iter()
            .map(|c| locale::format(language, "tables.vester.on", &[("cause", &c.label)])),
    );
    v.headers.extend(sums);
    Ok(v)
}

/// The tables of the stages before Stage 3: participants, diagnostic, scoring and
/// the Vester matrix.
pub fn earlier(store: &Store, workshop: WorkshopId, language: Language) -> Result<Vec<Table>> {
    Ok(vec![
        participants_table(store, workshop, language)?,
        diagnostic_table(store, workshop, language)?,
        scoring_table(store, workshop, language)?,
        vester_table(store, workshop, language)?,
    ])
}

/// Every table of a workshop, in `KEYS` order; the follow-up states are as they
/// stand on `today`.
pub fn all(
    store: &Store,
    workshop: WorkshopId,
    language: Language,
    today: NaiveDate,
) -> Result<Vec<Table>> {
    let mut tables = earlier(store, workshop, language)?;
    tables.extend(stage3(store, workshop, language, today)?);
    Ok(tables)
}

/// Every Stage 3 table of a workshop; the follow-up states are as they stand on
/// `today`.
pub fn stage3(
    store: &Store,
    workshop: WorkshopId,
    language: Language,
    today: NaiveDate,
) -> Result<Vec<Table>> {
    let lines = actions::lines(store, workshop)?;
    let all = actions::actions(store, workshop)?;
    let actor_list = actors::list(store, workshop)?;
    let areas = institutions::areas(store, workshop)?;
    let line_title = |id| {
        lines
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.title.clone())
            .unwrap_or_default()
    };
    let action_title = |id| {
        all.iter()
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
            .unwrap_or_default()
    };
    let actor_name = |id| {
        actor_list
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let area_label = |id| areas.iter().find(|a| a.id == id).map(|a| a.label.clone());

    let matrix = all
        .iter()
        .map(|a| {
            let partners = a
                .partners
                .iter()
                .map(|p| {
                    let name = actor_name(p.actor);
                    if p.role.is_empty() {
                        name
                    } else {
                        format!("{name} ({})", p.role)
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                line_title(a.line).into(),
                a.title.clone().into(),
                a.goal.clone().into(),
                a.mdg_target.clone().into(),
                a.indicator_name.clone().into(),
                a.indicator_unit.clone().into(),
                a.indicator_code.clone().into(),
                a.baseline_value.into(),
                a.baseline_date.into(),
                a.target_value.into(),
                a.target_date.into(),
                a.responsible_unit.clone().into(),
                partners.into(),
                a.start_date.into(),
                a.end_date.into(),
                a.amount.into(),
                a.currency.clone().into(),
                a.funding_source.clone().into(),
                a.area.and_then(area_label).into(),
                a.risks.clone().into(),
                a.impact.into(),
                a.feasibility.into(),
            ]
        })
        .collect();

    let p = plan::plan(&lines, &all);
    let mut plan_rows: Vec<Vec<Value>> = Vec::new();
    let span_cells = |s: Option<plan::Span>| -> [Value; 3] {
        match s {
            Some(s) => [s.start.into(), s.end.into(), s.months.into()],
            None => [Value::Empty, Value::Empty, Value::Empty],
        }
    };
    for line in &p.lines {
        for a in &line.actions {
            let [start, end, months] = span_cells(a.span);
            plan_rows.push(vec![
                line.title.clone().into(),
                a.title.clone().into(),
                a.responsible_unit.clone().into(),
                start,
                end,
                months,
                a.amount.into(),
                a.currency.clone().into(),
                a.funding_source.clone().into(),
            ]);
        }
        for total in &line.totals {
            let [start, end, months] = span_cells(line.span);
            plan_rows.push(vec![
                line.title.clone().into(),
                t(language, "plan.line_total").into(),
                Value::Empty,
                start,
                end,
                months,
                total.amount.into(),
                total.currency.clone().into(),
                Value::Empty,
            ]);
        }
    }
    for s in &p.by_source {
        plan_rows.push(vec![
            t(language, "plan.by_source").into(),
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Empty,
            s.amount.into(),
            s.currency.clone().into(),
            if s.source.is_empty() {
                t(language, "plan.no_source").into()
            } else {
                s.source.clone().into()
            },
        ]);
    }
    for m in &p.by_currency {
        let [start, end, months] = span_cells(p.span);
        plan_rows.push(vec![
            t(language, "plan.total").into(),
            Value::Empty,
            Value::Empty,
            start,
            end,
            months,
            m.amount.into(),
            m.currency.clone().into(),
            Value::Empty,
        ]);
    }

    let agenda = commitments::of(store, workshop)?;
    let commitment_rows = agenda
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                ((i + 1) as f64).into(),
                c.who.clone().into(),
                c.institution.clone().into(),
                c.what.clone().into(),
                c.due.into(),
                c.action_title.clone().into(),
            ]
        })
        .collect();

    let board = follow_up::board(store, workshop, today)?;
    let review_title = |id| {
        board
            .reviews
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.title.clone())
    };
    let program_rows = board
        .program
        .iter()
        .map(|entry| match entry {
            ProgramEntry::Review {
                review,
                date,
                title,
            } => vec![
                (*date).into(),
                word(language, "entry", "review"),
                title.clone().into(),
                Value::Empty,
                Value::Empty,
                Value::Empty,
                Value::Empty,
                Value::Empty,
                board
                    .reviews
                    .iter()
                    .find(|r| r.id == *review)
                    .map(|r| r.notes.clone())
                    .into(),
            ],
            ProgramEntry::Checkpoint {
                checkpoint,
                date,
                action_title,
                indicator,
                unit,
                expected,
                ..
            } => {
                let status = board
                    .state
                    .checkpoints
                    .iter()
                    .find(|c| c.checkpoint.id == *checkpoint);
                vec![
                    (*date).into(),
                    word(language, "entry", "checkpoint"),
                    action_title.clone().into(),
                    indicator.clone().into(),
                    unit.clone().into(),
                    (*expected).into(),
                    status
                        .and_then(|s| s.reading.as_ref())
                        .map(|r| r.value)
                        .into(),
                    status.map_or(Value::Empty, |s| word(language, "checkpoint", s.state)),
                    Value::Empty,
                ]
            }
        })
        .collect();

    let mut history: Vec<&follow_up::StatusUpdate> = board
        .state
        .actions
        .iter()
        .flat_map(|a| &a.history)
        .collect();
    // A stable sort: one session's updates keep the matrix's order.
    history.sort_by_key(|u| u.session_date);
    let history_rows = history
        .into_iter()
        .map(|u| {
            vec![
                u.session_date.into(),
                u.review.and_then(review_title).into(),
                action_title(u.action).into(),
                word(language, "status", u.status),
                u.percent.into(),
                u.comment.clone().into(),
            ]
        })
        .collect();

    let actor_board = actors::board(store, workshop)?;
    let actor_rows = actor_board
        .actors
        .iter()
        .map(|a| {
            let partnered = actor_board
                .partnering
                .iter()
                .find(|p| p.actor == a.id)
                .map(|p| {
                    p.actions
                        .iter()
                        .map(|id| action_title(*id))
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default();
            vec![
                a.name.clone().into(),
                word(language, "actor_type", a.kind),
                a.stance
                    .map_or(Value::Empty, |s| word(language, "stance", s)),
                a.power.into(),
                a.interest.into(),
                a.engagement
                    .map_or(Value::Empty, |e| word(language, "engagement", e)),
                a.notes.clone().into(),
                partnered.into(),
            ]
        })
        .collect();

    let analysis = institutions::board(store, workshop)?;
    let area_rows = analysis
        .areas
        .iter()
        .map(|a| {
            vec![
                a.area.label.clone().into(),
                a.area.capacity.into(),
                a.area.gaps.clone().into(),
                yes_no(language, a.needs_strengthening),
                a.actions
                    .iter()
                    .map(|r| r.title.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
                    .into(),
            ]
        })
        .collect();

    let competence_rows = analysis
        .targets
        .iter()
        .flat_map(|target| {
            target.competences.iter().map(move |c| {
                vec![
                    target.code.clone().into(),
                    target.title.get(language).to_string().into(),
                    word(language, "level", c.level),
                    c.unit.clone().into(),
                    c.notes.clone().into(),
                ]
            })
        })
        .collect();

    Ok(vec![
        table(
            language,
            "actions",
            &[
                "line",
                "title",
                "goal",
                "mdg_target",
                "indicator",
                "unit",
                "indicator_code",
                "baseline",
                "baseline_date",
                "target",
                "target_date",
                "responsible",
                "partners",
                "start",
                "end",
                "amount",
                "currency",
                "source",
                "area",
                "risks",
                "impact",
                "feasibility",
            ],
            matrix,
        ),
        table(
            language,
            "plan",
            &[
                "line",
                "action",
                "responsible",
                "start",
                "end",
                "months",
                "amount",
                "currency",
                "source",
            ],
            plan_rows,
        ),
        table(
            language,
            "commitments",
            &["number", "who", "institution", "what", "due", "action"],
            commitment_rows,
        ),
        table(
            language,
            "follow_up",
            &[
                "date",
                "kind",
                "title",
                "indicator",
                "unit",
                "expected",
                "reading",
                "state",
                "notes",
            ],
            program_rows,
        ),
        table(
            language,
            "status_history",
            &["date", "review", "action", "status", "percent", "comment"],
            history_rows,
        ),
        table(
            language,
            "actors",
            &[
                "actor",
                "type",
                "stance",
                "power",
                "interest",
                "engagement",
                "notes",
                "actions",
            ],
            actor_rows,
        ),
        table(
            language,
            "areas",
            &["area", "capacity", "gaps", "to_strengthen", "actions"],
            area_rows,
        ),
        table(
            language,
            "competences",
            &["target", "target_title", "level", "unit", "notes"],
            competence_rows,
        ),
    ])
}

/// `;` where `,` is the decimal mark.
fn separator(language: Language) -> u8 {
    match language {
        Language::En => b',',
        Language::Es | Language::Pt | Language::Fr => b';',
    }
}

/// A number as the language's spreadsheets type it: no thousands separator, the
/// decimals it has (at most six).
fn number(language: Language, v: f64) -> String {
    let mut s = format!("{v:.6}");
    let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
    s.truncate(trimmed);
    if s == "-0" {
        s = "0".into();
    }
    if separator(language) == b';' {
        s = s.replace('.', ",");
    }
    s
}

fn text_of(language: Language, v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Number(n) => number(language, *n),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Empty => String::new(),
    }
}

/// One table as the bytes of a CSV file.
pub fn csv_bytes(table: &Table, language: Language) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(separator(language))
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let io = |e: csv::Error| Error::Io {
            detail: format!("CSV {}: {e}", table.key),
        };
        w.write_record(&table.headers).map_err(io)?;
        for row in &table.rows {
            w.write_record(row.iter().map(|v| text_of(language, v)))
                .map_err(io)?;
        }
        w.flush().map_err(|e| Error::io(table.key, e))?;
    }
    Ok(out)
}

/// A file written for the facilitator to take away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Written {
    pub path: String,
    pub bytes: u64,
}

/// The file name of a table's CSV: its key, so scripts find it in any language.
pub fn csv_file_name(table: &Table) -> String {
    format!("{}.csv", table.key)
}

/// Writes each table as `<key>.csv` in `dir`.
pub fn write_csv(
    store: &Store,
    workshop: WorkshopId,
    language: Language,
    dir: &Path,
    now: Timestamp,
) -> Result<Vec<Written>> {
    write_csv_files(
        &all(store, workshop, language, now.date_naive())?,
        language,
        dir,
    )
}

/// Each table as `<key>.csv` in `dir`.
pub fn write_csv_files(tables: &[Table], language: Language, dir: &Path) -> Result<Vec<Written>> {
    tables
        .iter()
        .map(|table| {
            let path = dir.join(csv_file_name(table));
            let bytes = csv_bytes(table, language)?;
            crate::files::write_atomically(&path, &bytes)?;
            Ok(Written {
                path: path.display().to_string(),
                bytes: bytes.len() as u64,
            })
        })
        .collect()
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io {
        detail: format!("XLSX: {e}"),
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    if clean.is_empty() { "-".into() } else { clean }
}

/// The tables as the bytes of one workbook, a sheet per table: bold headers that
/// stay in view, dates as dates, numbers as numbers.
pub fn xlsx_bytes(tables: &[Table], now: Timestamp) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_timestamp(now.timestamp()).map_err(xlsx_error)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet
            .set_name(sheet_name(&table.name))
            .map_err(xlsx_error)?;
        for (c, h) in table.headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(xlsx_error)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    Value::Text(s) if !s.is_empty() => {
                        sheet.write_string(r, c, s).map_err(xlsx_error)?;
                    }
                    Value::Number(n) => {
                        sheet.write_number(r, c, *n).map_err(xlsx_error)?;
                    }
                    Value::Date(d) => {
                        let date = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .map_err(xlsx_error)?;
                        sheet
                            .write_datetime_with_format(r, c, &date, &day)
                            .map_err(xlsx_error)?;
                    }
                    Value::Text(_) | Value::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        // Long texts (goals, risks) would make columns wider than a screen.
        sheet.set_autofit_max_width(300).autofit();
    }
    workbook.save_to_buffer().map_err(xlsx_error)
}

/// Writes every table to one XLSX workbook.
pub fn write_xlsx(
    store: &Store,
    workshop: WorkshopId,
    language: Language,
    path: &Path,
    now: Timestamp,
) -> Result<Written> {
    write_workbook(
        &all(store, workshop, language, now.date_naive())?,
        path,
        now,
    )
}

/// The tables as one workbook at `path`.
pub fn write_workbook(tables: &[Table], path: &Path, now: Timestamp) -> Result<Written> {
    let bytes = xlsx_bytes(tables, now)?;
    crate::files::write_atomically(path, &bytes)?;
    Ok(Written {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_with_the_languages_decimal_mark_and_no_trailing_zeros() {
        assert_eq!(number(Language::Es, 1_500_000.0), "1500000");
        assert_eq!(number(Language::Es, 66.1), "66,1");
        assert_eq!(number(Language::En, 66.1), "66.1");
        assert_eq!(number(Language::Fr, -0.0), "0");
    }

    #[test]
    fn sheet_names_drop_what_excel_refuses_and_keep_to_31_characters() {
        assert_eq!(sheet_name("Plan: líneas/acciones"), "Plan- líneas-acciones");
        assert_eq!(sheet_name(&"Ñ".repeat(40)).chars().count(), 31);
    }

    #[test]
    fn a_csv_starts_with_a_byte_order_mark_and_uses_the_languages_separator() {
        let table = Table {
            key: "actors",
            name: "Actores".into(),
            headers: vec!["Nombre".into(), "Poder".into()],
            rows: vec![vec!["Región de Ñuble; SEREMI".into(), Value::Number(4.5)]],
        };
        let es = csv_bytes(&table, Language::Es).unwrap();
        assert!(es.starts_with(b"\xEF\xBB\xBF"));
        let text = std::str::from_utf8(&es[3..]).unwrap();
        assert_eq!(text, "Nombre;Poder\r\n\"Región de Ñuble; SEREMI\";4,5\r\n");
        let en = csv_bytes(&table, Language::En).unwrap();
        assert_eq!(
            std::str::from_utf8(&en[3..]).unwrap(),
            "Nombre,Poder\r\nRegión de Ñuble; SEREMI,4.5\r\n"
        );
    }
}
