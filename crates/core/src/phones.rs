//! The participants' phones joined to a voting session. A phone joins with the PIN
//! on the screen and gets a random device token, which it keeps; this laptop keeps
//! only the token's SHA-256, so its database never holds a phone's secret. Phones
//! stay on this laptop: they never travel in a bundle.

use rusqlite::OptionalExtension;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::ids::WorkshopId;
use crate::store::Store;
use crate::time::{Timestamp, stamp};
use crate::voting::Voter;
use crate::{Error, Result};

/// A joined phone, as the server knows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Phone {
    pub token_sha256: String,
    pub workshop: WorkshopId,
    pub name: String,
}

impl Phone {
    pub fn voter(&self) -> Voter {
        Voter::Phone(self.token_sha256.clone())
    }
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token (256 bits, hex): unguessable by the other phones in the room.
pub fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::InvalidInput {
        detail: format!("no randomness: {e}"),
    })?;
    Ok(hex::encode(bytes))
}

/// Registers a phone and returns its token. `name` is optional: anonymous by default.
pub fn join(store: &mut Store, workshop: WorkshopId, name: &str, now: Timestamp) -> Result<String> {
    crate::workshop::get(store, workshop)?;
    let token = new_token()?;
    let name: String = name.trim().chars().take(80).collect();
    store.with_tx(|tx, _| {
        tx.execute(
            "INSERT INTO phones (token_sha256, workshop_id, name, joined_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![token_hash(&token), workshop, name, stamp(now)],
        )?;
        Ok(())
    })?;
    Ok(token)
}

/// The phone holding `token`, if it joined this workshop.
pub fn by_token(store: &Store, workshop: WorkshopId, token: &str) -> Result<Option<Phone>> {
    Ok(store
        .conn()
        .prepare_cached(
            "SELECT token_sha256, workshop_id, name FROM phones
             WHERE token_sha256 = ?1 AND workshop_id = ?2",
        )?
        .query_row(rusqlite::params![token_hash(token), workshop], |r| {
            Ok(Phone {
                token_sha256: r.get(0)?,
                workshop: r.get(1)?,
                name: r.get(2)?,
            })
        })
        .optional()?)
}

pub fn count(store: &Store, workshop: WorkshopId) -> Result<u32> {
    Ok(store.conn().query_row(
        "SELECT count(*) FROM phones WHERE workshop_id = ?1",
        [workshop],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn a_joined_phone_is_found_by_its_token_and_only_its_hash_is_stored() {
        let mut store = Store::open_in_memory().unwrap();
        let w = demo::create(&mut store, chrono::Utc::now()).unwrap();
        let token = join(&mut store, w, "  Begoña  ", chrono::Utc::now()).unwrap();
        assert_eq!(token.len(), 64);
        let phone = by_token(&store, w, &token).unwrap().unwrap();
        assert_eq!(phone.name, "Begoña");
        assert_eq!(phone.token_sha256, token_hash(&token));
        assert!(by_token(&store, w, "not-a-token").unwrap().is_none());
        let stored: String = store
            .conn()
            .query_row("SELECT token_sha256 FROM phones", [], |r| r.get(0))
            .unwrap();
        assert_ne!(stored, token);
        assert_eq!(count(&store, w).unwrap(), 1);
    }
}
