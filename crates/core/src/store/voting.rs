//! SQL for questions, ballots and hand counts.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::Result;
use crate::ids::{BallotId, DeviceId, OptionId, QuestionId, RecordId, WorkshopId};
use crate::time::{Timestamp, stamp};
use crate::voting::{Channel, Kind, Question, QuestionInput, QuestionOption, QuestionState, Scale};

#[allow(clippy::too_many_arguments)]
pub fn ensure_scale(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: QuestionId,
    subject: &str,
    prompt: &str,
    scale: Scale,
    now: Timestamp,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO questions (id, workshop_id, kind, subject, prompt, scale_min, scale_max, state,
                                created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET prompt = excluded.prompt, updated_at = excluded.updated_at,
                device_id = excluded.device_id
         WHERE prompt = '' AND excluded.prompt != ''",
    )?
    .execute(params![
        id,
        workshop,
        Kind::Scale,
        subject,
        prompt,
        scale.min,
        scale.max,
        QuestionState::Draft,
        stamp(now),
        device
    ])?;
    Ok(())
}

/// Creates the question named `id` (a draft), or updates its prompt and budget.
#[allow(clippy::too_many_arguments)]
pub fn ensure(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: QuestionId,
    kind: Kind,
    subject: &str,
    prompt: &str,
    budget: Option<u32>,
    now: Timestamp,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO questions (id, workshop_id, kind, subject, prompt, budget, state,
                                created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET prompt = excluded.prompt, budget = excluded.budget,
                deleted = 0, updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE prompt IS NOT excluded.prompt OR budget IS NOT excluded.budget OR deleted = 1",
    )?
    .execute(params![
        id,
        workshop,
        kind,
        subject,
        prompt,
        budget,
        stamp(now),
        device
    ])?;
    Ok(())
}

const QUESTION_COLUMNS: &str =
    "id, kind, subject, prompt, scale_min, scale_max, budget, requires_code, state, revealed";

fn read_question(r: &rusqlite::Row<'_>) -> rusqlite::Result<Question> {
    let min: Option<i64> = r.get(4)?;
    let max: Option<i64> = r.get(5)?;
    Ok(Question {
        id: r.get(0)?,
        kind: r.get(1)?,
        subject: r.get(2)?,
        prompt: r.get(3)?,
        scale: min.zip(max).map(|(min, max)| Scale { min, max }),
        options: Vec::new(),
        criteria: Vec::new(),
        budget: r.get(6)?,
        requires_code: r.get(7)?,
        state: r.get(8)?,
        revealed: r.get(9)?,
    })
}

fn with_options(conn: &Connection, mut q: Question) -> Result<Question> {
    let mut st = conn.prepare_cached(
        "SELECT id, label, axis FROM question_options WHERE question_id = ?1 AND deleted = 0
         ORDER BY position, id",
    )?;
    let all: Vec<(QuestionOption, String)> = st
        .query_map([q.id], |r| {
            Ok((
                QuestionOption {
                    id: r.get(0)?,
                    label: r.get(1)?,
                },
                r.get(2)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (option, axis) in all {
        if axis == "criterion" {
            q.criteria.push(option);
        } else {
            q.options.push(option);
        }
    }
    Ok(q)
}

pub fn question(conn: &Connection, id: QuestionId) -> Result<Option<Question>> {
    let q = conn
        .prepare_cached(&format!(
            "SELECT {QUESTION_COLUMNS} FROM questions WHERE id = ?1 AND deleted = 0"
        ))?
        .query_row([id], read_question)
        .optional()?;
    q.map(|q| with_options(conn, q)).transpose()
}

pub fn questions_of(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Question>> {
    let list: Vec<Question> = conn
        .prepare_cached(&format!(
            "SELECT {QUESTION_COLUMNS} FROM questions
             WHERE workshop_id = ?1 AND deleted = 0 ORDER BY created_at, id"
        ))?
        .query_map([workshop], read_question)?
        .collect::<rusqlite::Result<_>>()?;
    list.into_iter().map(|q| with_options(conn, q)).collect()
}

/// The question closed most recently (a draft is never closed: it was open before).
pub fn last_closed(conn: &Connection, workshop: WorkshopId) -> Result<Option<QuestionId>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM questions WHERE workshop_id = ?1 AND state = 'closed' AND deleted = 0
             ORDER BY updated_at DESC, id DESC LIMIT 1",
        )?
        .query_row([workshop], |r| r.get(0))
        .optional()?)
}

pub fn workshop_of(conn: &Connection, id: QuestionId) -> Result<Option<WorkshopId>> {
    Ok(conn
        .prepare_cached("SELECT workshop_id FROM questions WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

pub fn insert(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: QuestionId,
    kind: Kind,
    input: &QuestionInput,
    now: Timestamp,
) -> Result<()> {
    let scale = (kind == Kind::Scale).then(|| input.scale.unwrap_or(Scale::ONE_TO_FIVE));
    tx.execute(
        "INSERT INTO questions (id, workshop_id, kind, subject, prompt, scale_min, scale_max, budget,
                                requires_code, state, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
        params![
            id,
            workshop,
            kind,
            input.subject.trim(),
            input.prompt.trim(),
            scale.map(|s| s.min),
            scale.map(|s| s.max),
            input.budget,
            input.requires_code,
            QuestionState::Draft,
            stamp(now),
            device
        ],
    )?;
    let options = input.options.iter().map(|l| (OptionId::new(), l.as_str()));
    put_options(tx, device, workshop, id, Axis::Option, options, now)?;
    let criteria = input.criteria.iter().map(|l| (OptionId::new(), l.as_str()));
    put_options(tx, device, workshop, id, Axis::Criterion, criteria, now)?;
    Ok(())
}

/// Which list of a question an option belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    Option,
    Criterion,
}

impl Axis {
    fn as_str(self) -> &'static str {
        match self {
            Axis::Option => "option",
            Axis::Criterion => "criterion",
        }
    }
}

/// Makes `options` (id, label) the question's list on `axis`, in this order: known
/// ids are updated, new ones added, and the others on that axis deleted.
pub fn put_options<'a>(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    question: QuestionId,
    axis: Axis,
    options: impl IntoIterator<Item = (OptionId, &'a str)>,
    now: Timestamp,
) -> Result<()> {
    let mut kept = Vec::new();
    for (position, (id, label)) in options.into_iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO question_options (id, workshop_id, question_id, position, label, axis,
                                           created_at, updated_at, device_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, label = excluded.label,
                    deleted = 0, updated_at = excluded.updated_at, device_id = excluded.device_id
             WHERE position IS NOT excluded.position OR label IS NOT excluded.label OR deleted = 1",
        )?
        .execute(params![
            id,
            workshop,
            question,
            position as i64,
            label.trim(),
            axis.as_str(),
            stamp(now),
            device
        ])?;
        kept.push(id.to_string());
    }
    let mut st = tx.prepare_cached(
        "SELECT id FROM question_options WHERE question_id = ?1 AND axis = ?2 AND deleted = 0",
    )?;
    let existing: Vec<String> = st
        .query_map(params![question, axis.as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        tx.execute(
            "UPDATE question_options SET deleted = 1, updated_at = ?2, device_id = ?3 WHERE id = ?1",
            params![id, stamp(now), device],
        )?;
    }
    Ok(())
}

pub fn set_open(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: QuestionId,
    open: bool,
    now: Timestamp,
) -> Result<()> {
    if open {
        // One open question at a time: the phones show one.
        tx.execute(
            "UPDATE questions SET state = 'closed', updated_at = ?2, device_id = ?3
             WHERE workshop_id = (SELECT workshop_id FROM questions WHERE id = ?1)
               AND state = 'open' AND id != ?1",
            params![id, stamp(now), device],
        )?;
    }
    let state = if open {
        QuestionState::Open
    } else {
        QuestionState::Closed
    };
    tx.execute(
        "UPDATE questions SET state = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND state IS NOT ?2",
        params![id, state, stamp(now), device],
    )?;
    Ok(())
}

pub fn set_revealed(
    tx: &Transaction<'_>,
    device: DeviceId,
    id: QuestionId,
    revealed: bool,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "UPDATE questions SET revealed = ?2, updated_at = ?3, device_id = ?4
         WHERE id = ?1 AND revealed IS NOT ?2",
        params![id, revealed, stamp(now), device],
    )?;
    Ok(())
}

pub fn insert_code(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    code: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO voting_codes (id, workshop_id, code, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![
            RecordId::named(&[&workshop.to_string(), "code", code]),
            workshop,
            code,
            stamp(now),
            device
        ],
    )?;
    Ok(())
}

pub fn insert_slip(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    question: QuestionId,
    code: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO paper_slips (id, workshop_id, question_id, code, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![
            RecordId::named(&[&question.to_string(), "slip", code]),
            workshop,
            question,
            code,
            stamp(now),
            device
        ],
    )?;
    Ok(())
}

/// `None` when the question has no printed ballots (any id may be keyed), else
/// whether `code` is one of them.
pub fn slip_known(conn: &Connection, question: QuestionId, code: &str) -> Result<Option<bool>> {
    let (any, known): (bool, bool) = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM paper_slips WHERE question_id = ?1),
                    EXISTS (SELECT 1 FROM paper_slips WHERE question_id = ?1 AND code = ?2)",
        )?
        .query_row(params![question, code], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(any.then_some(known))
}

pub fn slips_of(conn: &Connection, question: QuestionId) -> Result<Vec<String>> {
    let mut st =
        conn.prepare_cached("SELECT code FROM paper_slips WHERE question_id = ?1 ORDER BY code")?;
    let rows = st.query_map([question], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn code_exists(conn: &Connection, workshop: WorkshopId, code: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM voting_codes WHERE workshop_id = ?1 AND code = ?2)",
        )?
        .query_row(params![workshop, code], |r| r.get(0))?)
}

/// A live ballot's client id and answer.
pub fn ballot(conn: &Connection, id: BallotId) -> Result<Option<(Option<String>, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT client_ballot_id, answer FROM ballots WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

#[allow(clippy::too_many_arguments)]
pub fn set_hand_count(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    question: QuestionId,
    id: RecordId,
    choice: &str,
    count: u32,
    now: Timestamp,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO hand_counts (id, workshop_id, question_id, choice, count,
                                  created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET count = excluded.count,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE count IS NOT excluded.count",
    )?
    .execute(params![
        id,
        workshop,
        question,
        choice,
        count,
        stamp(now),
        device
    ])?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn put_ballot(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    question: QuestionId,
    id: BallotId,
    channel: Channel,
    voter: &str,
    answer_json: &str,
    client_ballot_id: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO ballots (id, workshop_id, question_id, channel, voter, answer, client_ballot_id,
                              created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET answer = excluded.answer, channel = excluded.channel,
                client_ballot_id = excluded.client_ballot_id, deleted = 0,
                updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE answer IS NOT excluded.answer OR deleted = 1
               OR client_ballot_id IS NOT excluded.client_ballot_id",
    )?
    .execute(params![
        id,
        workshop,
        question,
        channel,
        voter,
        answer_json,
        client_ballot_id,
        stamp(now),
        device
    ])?;
    Ok(())
}

pub fn hand_counts(conn: &Connection, question: QuestionId) -> Result<Vec<(String, u32)>> {
    let mut st =
        conn.prepare_cached("SELECT choice, count FROM hand_counts WHERE question_id = ?1")?;
    let rows = st.query_map([question], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live ballots with their answer as stored (JSON text).
pub fn ballots(conn: &Connection, question: QuestionId) -> Result<Vec<(Channel, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT channel, answer FROM ballots WHERE question_id = ?1 AND deleted = 0",
    )?;
    let rows = st.query_map([question], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
