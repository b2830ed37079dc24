//! A hub's enrollment codes. The coordinator makes one code per facilitator's
//! laptop; the first laptop that enrolls with it is bound to it, and from then on
//! the code is that laptop's credential for pushing workshops. Only a hash of each
//! code is stored, so the hub's database does not hand out credentials.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::ids::DeviceId;
use crate::store::Store;
use crate::time::{Timestamp, stamp};
use crate::trust::{self, Source};
use crate::{Error, Result};

/// Letters that cannot be mistaken for one another when read aloud or typed.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const GROUPS: usize = 4;
const GROUP_LEN: usize = 5;

/// A code as typed: case, spaces and dashes do not matter.
pub fn normalize(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn hash(code: &str) -> String {
    hex::encode(Sha256::digest(normalize(code).as_bytes()))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    pub label: String,
    pub created_at: String,
    pub device_id: Option<DeviceId>,
    pub enrolled_at: Option<String>,
    pub last_push_at: Option<String>,
}

/// Makes a new code (20 characters, ~99 bits) and returns it as it is shown:
/// `ABCDE-FGHJK-MNPQR-STUVW`.
pub fn new_code(store: &mut Store, label: &str, now: Timestamp) -> Result<String> {
    let mut random = [0u8; GROUPS * GROUP_LEN];
    getrandom::fill(&mut random).map_err(|e| Error::InvalidInput {
        detail: format!("no randomness for the code: {e}"),
    })?;
    let letters: Vec<char> = random
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    let code = letters
        .chunks(GROUP_LEN)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-");
    store.with_tx(|tx, _| {
        tx.execute(
            "INSERT INTO enrollment_tokens (token_sha256, label, created_at) VALUES (?1, ?2, ?3)",
            params![hash(&code), label.trim(), stamp(now)],
        )?;
        Ok(())
    })?;
    Ok(code)
}

/// Binds a code to a laptop and trusts that laptop's key. Enrolling the same
/// laptop again is harmless; another laptop with a used code is refused.
pub fn enroll(
    store: &mut Store,
    code: &str,
    device: DeviceId,
    public_key: &str,
    now: Timestamp,
) -> Result<()> {
    let (bound, label) = match bound_to(store, code)? {
        None => return Err(Error::TokenUnknown),
        Some(found) => found,
    };
    match bound {
        Some((d, k)) if d == device && k == public_key => return Ok(()),
        Some(_) => return Err(Error::TokenTaken),
        None => {}
    }
    trust::trust(store, device, public_key, &label, Source::Enrolled, now)?;
    store.with_tx(|tx, _| {
        tx.execute(
            "UPDATE enrollment_tokens SET device_id = ?2, public_key = ?3, enrolled_at = ?4
             WHERE token_sha256 = ?1 AND device_id IS NULL",
            params![hash(code), device, public_key, stamp(now)],
        )?;
        Ok(())
    })
}

type Binding = (Option<(DeviceId, String)>, String);

fn bound_to(store: &Store, code: &str) -> Result<Option<Binding>> {
    Ok(store
        .conn()
        .query_row(
            "SELECT device_id, public_key, label FROM enrollment_tokens WHERE token_sha256 = ?1",
            [hash(code)],
            |r| {
                let device: Option<DeviceId> = r.get(0)?;
                let key: Option<String> = r.get(1)?;
                Ok((device.zip(key), r.get(2)?))
            },
        )
        .optional()?)
}

/// The laptop a code belongs to, for a push that presents it.
pub fn device_of(store: &Store, code: &str) -> Result<(DeviceId, String)> {
    match bound_to(store, code)? {
        Some((Some(bound), _)) => Ok(bound),
        _ => Err(Error::TokenUnknown),
    }
}

pub fn mark_push(store: &mut Store, code: &str, now: Timestamp) -> Result<()> {
    store.with_tx(|tx, _| {
        tx.execute(
            "UPDATE enrollment_tokens SET last_push_at = ?2 WHERE token_sha256 = ?1",
            params![hash(code), stamp(now)],
        )?;
        Ok(())
    })
}

pub fn list(store: &Store) -> Result<Vec<Enrollment>> {
    let mut st = store.conn().prepare(
        "SELECT label, created_at, device_id, enrolled_at, last_push_at
         FROM enrollment_tokens ORDER BY created_at",
    )?;
    let rows = st.query_map([], |r| {
        Ok(Enrollment {
            label: r.get(0)?,
            created_at: r.get(1)?,
            device_id: r.get(2)?,
            enrolled_at: r.get(3)?,
            last_push_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
