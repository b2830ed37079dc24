//! SQL for questions, ballots and hand counts.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::Result;
use crate::ids::{BallotId, DeviceId, QuestionId, RecordId, WorkshopId};
use crate::time::{Timestamp, stamp};
use crate::voting::{Channel, Kind, Question, QuestionState, Scale};

pub fn ensure_scale(
    tx: &Transaction<'_>,
    device: DeviceId,
    workshop: WorkshopId,
    id: QuestionId,
    subject: &str,
    scale: Scale,
    now: Timestamp,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO questions (id, workshop_id, kind, subject, scale_min, scale_max, state,
                                created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9) ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![
        id,
        workshop,
        Kind::Scale,
        subject,
        scale.min,
        scale.max,
        QuestionState::Open,
        stamp(now),
        device
    ])?;
    Ok(())
}

pub fn question(conn: &Connection, id: QuestionId) -> Result<Option<Question>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, kind, subject, prompt, scale_min, scale_max, state, revealed
             FROM questions WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id], |r| {
            let min: Option<i64> = r.get(4)?;
            let max: Option<i64> = r.get(5)?;
            Ok(Question {
                id: r.get(0)?,
                kind: r.get(1)?,
                subject: r.get(2)?,
                prompt: r.get(3)?,
                scale: min.zip(max).map(|(min, max)| Scale { min, max }),
                state: r.get(6)?,
                revealed: r.get(7)?,
            })
        })
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
    now: Timestamp,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO ballots (id, workshop_id, question_id, channel, voter, answer,
                              created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET answer = excluded.answer, channel = excluded.channel,
                deleted = 0, updated_at = excluded.updated_at, device_id = excluded.device_id
         WHERE answer IS NOT excluded.answer OR deleted = 1",
    )?
    .execute(params![
        id,
        workshop,
        question,
        channel,
        voter,
        answer_json,
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
