//! The devices a coordinator accepts bundles from. A device is pinned to the one
//! public key it was first trusted with: a file that names a known device but is
//! signed with another key is refused, whoever made it.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::bundle::{self, Manifest};
use crate::ids::DeviceId;
use crate::store::Store;
use crate::text_enum::text_enum;
use crate::time::{Timestamp, stamp};
use crate::{Error, Result};

text_enum!(
    /// How a device came to be trusted: it enrolled with a code the hub gave, or a
    /// person accepted it from one of its files.
    Source {
        Enrolled => "enrolled",
        Accepted => "accepted",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedDevice {
    pub device_id: DeviceId,
    pub public_key: String,
    pub fingerprint: String,
    pub label: String,
    pub source: Source,
    pub created_at: String,
}

/// Who signed a bundle, as offered to a person deciding whether to trust it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub device_id: DeviceId,
    pub public_key: String,
    pub fingerprint: String,
    pub workshop_title: String,
}

/// A short form of a public key that two people can read to each other.
pub fn fingerprint(public_key: &str) -> String {
    let bytes = hex::decode(public_key).unwrap_or_else(|_| public_key.as_bytes().to_vec());
    let digest = hex::encode_upper(Sha256::digest(&bytes));
    digest
        .as_bytes()
        .chunks(4)
        .take(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The signer of an intact bundle.
pub fn signer(bytes: &[u8]) -> Result<Signer> {
    let m = bundle::read(bytes)?.manifest;
    Ok(Signer {
        device_id: m.device_id,
        fingerprint: fingerprint(&m.public_key),
        public_key: m.public_key,
        workshop_title: m.workshop_title,
    })
}

/// This installation's public key, hex.
pub fn own_key(store: &Store) -> Result<String> {
    let key = ed25519_dalek::SigningKey::from_bytes(&store.signing_key()?);
    Ok(hex::encode(key.verifying_key().as_bytes()))
}

fn pinned(store: &Store, device: DeviceId) -> Result<Option<String>> {
    Ok(store
        .conn()
        .query_row(
            "SELECT public_key FROM trusted_devices WHERE device_id = ?1",
            [device],
            |r| r.get(0),
        )
        .optional()?)
}

/// Refuses a bundle whose signer is not trusted here.
pub fn admit(store: &Store, manifest: &Manifest) -> Result<()> {
    let key = if manifest.device_id == store.device_id() {
        Some(own_key(store)?)
    } else {
        pinned(store, manifest.device_id)?
    };
    match key {
        Some(k) if k == manifest.public_key => Ok(()),
        Some(_) => Err(Error::BundleKeyMismatch {
            device: manifest.device_id.to_string(),
        }),
        None => Err(Error::BundleUnknownDevice {
            device: manifest.device_id.to_string(),
            fingerprint: fingerprint(&manifest.public_key),
        }),
    }
}

/// Trusts a device with its key. Trusting it again with the same key changes
/// nothing; with another key it is refused.
pub fn trust(
    store: &mut Store,
    device: DeviceId,
    public_key: &str,
    label: &str,
    source: Source,
    now: Timestamp,
) -> Result<()> {
    let valid = hex::decode(public_key)
        .ok()
        .and_then(|k| <[u8; 32]>::try_from(k).ok())
        .is_some_and(|k| ed25519_dalek::VerifyingKey::from_bytes(&k).is_ok());
    if !valid {
        return Err(Error::InvalidInput {
            detail: format!("{public_key:?} is not a device key"),
        });
    }
    match pinned(store, device)? {
        Some(k) if k == public_key => Ok(()),
        Some(_) => Err(Error::BundleKeyMismatch {
            device: device.to_string(),
        }),
        None => store.with_tx(|tx, _| {
            tx.execute(
                "INSERT INTO trusted_devices (device_id, public_key, label, source, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![device, public_key, label.trim(), source, stamp(now)],
            )?;
            Ok(())
        }),
    }
}

pub fn list(store: &Store) -> Result<Vec<TrustedDevice>> {
    let mut st = store.conn().prepare(
        "SELECT device_id, public_key, label, source, created_at
         FROM trusted_devices ORDER BY created_at, device_id",
    )?;
    let rows = st.query_map([], |r| {
        let key: String = r.get(1)?;
        Ok(TrustedDevice {
            device_id: r.get(0)?,
            fingerprint: fingerprint(&key),
            public_key: key,
            label: r.get(2)?,
            source: r.get(3)?,
            created_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
