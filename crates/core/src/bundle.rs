//! `.cabildo` files: one workshop, signed by the device that exported it, merged
//! into another database by row id. The format is described in docs/bundle.md.
//!
//! Every byte of a bundle is covered by a check: the first line must match
//! exactly, the manifest line is signed, the signature line is verified, and the
//! content is hashed. One flipped byte anywhere is therefore refused.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rusqlite::types::{Value as SqlValue, ValueRef};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};
use sha2::{Digest, Sha256};

use crate::ids::{DeviceId, WorkshopId};
use crate::store::Store;
use crate::time::{Timestamp, stamp};
use crate::workshop::{self, Workshop};
use crate::{APP_VERSION, Error, Result};

pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &str = "CABILDO-BUNDLE";
/// Far above any real workshop (120 participants take ~20 kB), far below what
/// would hurt an old laptop's memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Guards against a small file that inflates into an enormous one.
const MAX_CONTENT_BYTES: u64 = 256 * 1024 * 1024;

/// The tables a bundle carries, parents before children (foreign keys hold at
/// every step of an import).
pub const TABLES: &[&str] = &[
    "workshops",
    "territories",
    "agenda_items",
    "participants",
    "indicator_series",
    "observations",
    "national_targets",
    "workshop_indicators",
    "goal_notes",
    "questions",
    "question_options",
    "ballots",
    "hand_counts",
    "voting_codes",
    "paper_slips",
    "candidates",
    "criteria",
    "pairwise_comparisons",
    "prioritizations",
    "vester_causes",
    "vester_influences",
    "action_plans",
    "strategic_lines",
    "institutional_areas",
    "actors",
    "actions",
    "action_partners",
    "competences",
    "commitments",
    "follow_up_reviews",
    "indicator_checkpoints",
    "action_status_updates",
    "indicator_values",
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format_version: u32,
    pub app_version: String,
    pub device_id: DeviceId,
    pub created_at: String,
    pub workshop_id: WorkshopId,
    pub workshop_title: String,
    /// SHA-256 of the content section (as stored, compressed), lowercase hex.
    pub content_sha256: String,
    /// The exporting device's ed25519 public key, hex.
    pub public_key: String,
    /// For each other device whose rows of this workshop the exporter holds,
    /// the newest of that device's bundles it had merged (that device's clock).
    /// Merging uses it to tell a deliberate overwrite from a conflict.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub seen: BTreeMap<DeviceId, String>,
}

/// Rows by table; each row maps column name to a JSON scalar.
pub type Tables = BTreeMap<String, Vec<Map<String, Value>>>;

#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    pub manifest: Manifest,
    pub tables: Tables,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub workshop_id: Option<WorkshopId>,
    pub title: String,
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
}

pub(crate) fn damaged(detail: impl Into<String>) -> Error {
    Error::BundleDamaged {
        detail: detail.into(),
    }
}

pub(crate) fn sql_to_json(v: ValueRef<'_>) -> Result<Value> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => {
            return Err(Error::InvalidInput {
                detail: "binary columns cannot travel in bundles".into(),
            });
        }
    })
}

pub(crate) fn json_to_sql(column: &str, v: &Value) -> Result<SqlValue> {
    Ok(match v {
        Value::Null => SqlValue::Null,
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => SqlValue::Integer(i),
            (None, Some(f)) => SqlValue::Real(f),
            _ => return Err(damaged(format!("column {column}: number out of range"))),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Bool(_) | Value::Array(_) | Value::Object(_) => {
            return Err(damaged(format!("column {column}: not a plain value")));
        }
    })
}

pub(crate) fn columns(store: &Store, table: &str) -> Result<Vec<String>> {
    let mut st = store
        .conn()
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let cols = st.query_map([], |r| r.get(0))?;
    Ok(cols.collect::<rusqlite::Result<_>>()?)
}

/// Every row of the workshop, removals (tombstones) included, in a stable order.
pub fn tables_of(store: &Store, id: WorkshopId) -> Result<Tables> {
    let mut tables = Tables::new();
    for &table in TABLES {
        let key = if table == "workshops" {
            "id"
        } else {
            "workshop_id"
        };
        let cols = columns(store, table)?;
        let mut st = store.conn().prepare(&format!(
            "SELECT * FROM {table} WHERE {key} = ?1 ORDER BY id"
        ))?;
        let mut rows = st.query([id])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut map = Map::new();
            for (i, c) in cols.iter().enumerate() {
                map.insert(c.clone(), sql_to_json(row.get_ref(i)?)?);
            }
            out.push(map);
        }
        tables.insert(table.to_string(), out);
    }
    Ok(tables)
}

/// The bundle of one workshop as bytes, signed with this device's key.
pub fn export(store: &Store, id: WorkshopId, now: Timestamp) -> Result<Vec<u8>> {
    let workshop = workshop::get(store, id)?;
    seal(store, id, &workshop.title, &tables_of(store, id)?, now)
}

/// Packs rows of one workshop into a bundle signed with this device's key.
pub fn seal(
    store: &Store,
    id: WorkshopId,
    title: &str,
    tables: &Tables,
    now: Timestamp,
) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(tables).map_err(|e| Error::InvalidInput {
        detail: e.to_string(),
    })?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&json)
        .map_err(|e| Error::io("compressing", e))?;
    let content = gz.finish().map_err(|e| Error::io("compressing", e))?;

    let key = SigningKey::from_bytes(&store.signing_key()?);
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        app_version: APP_VERSION.to_string(),
        device_id: store.device_id(),
        created_at: stamp(now),
        workshop_id: id,
        workshop_title: title.to_string(),
        content_sha256: hex::encode(Sha256::digest(&content)),
        public_key: hex::encode(key.verifying_key().as_bytes()),
        seen: crate::merge::knowledge(store, id)?,
    };
    let manifest_line = serde_json::to_string(&manifest).map_err(|e| Error::InvalidInput {
        detail: e.to_string(),
    })?;
    let signature = key.sign(manifest_line.as_bytes());

    let mut out = Vec::with_capacity(content.len() + 1024);
    out.extend_from_slice(format!("{MAGIC} {FORMAT_VERSION}\n").as_bytes());
    out.extend_from_slice(manifest_line.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(hex::encode(signature.to_bytes()).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&content);
    Ok(out)
}

pub fn export_to_file(store: &Store, id: WorkshopId, path: &Path, now: Timestamp) -> Result<u64> {
    let bytes = export(store, id, now)?;
    crate::files::write_atomically(path, &bytes)?;
    Ok(bytes.len() as u64)
}

/// A file name for the workshop's bundle: its title and start date, with the
/// characters that some file systems refuse replaced.
pub fn file_name(workshop: &Workshop, extension: &str) -> String {
    let title: String = workshop
        .title
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    format!("{} {}.{extension}", title.trim(), workshop.start_date)
}

fn line<'a>(bytes: &'a [u8], at: &mut usize, what: &str) -> Result<&'a [u8]> {
    let rest = &bytes[*at..];
    let end = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| damaged(format!("the {what} is missing")))?;
    *at += end + 1;
    Ok(&rest[..end])
}

/// Reads and verifies a bundle. Nothing is trusted before it is checked.
pub fn read(bytes: &[u8]) -> Result<Bundle> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::BundleTooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut at = 0;
    let first = std::str::from_utf8(line(bytes, &mut at, "header")?)
        .map_err(|_| damaged("this is not a Cabildo workshop file"))?;
    let version = first
        .strip_prefix(MAGIC)
        .and_then(|v| v.strip_prefix(' '))
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|v| v.to_string().len() == first.len() - MAGIC.len() - 1)
        .ok_or_else(|| damaged("this is not a Cabildo workshop file"))?;
    if version > FORMAT_VERSION {
        return Err(Error::BundleNewerFormat {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version != FORMAT_VERSION {
        return Err(damaged(format!("unknown format version {version}")));
    }
    let manifest_line = line(bytes, &mut at, "manifest")?;
    let signature_line = line(bytes, &mut at, "signature")?;
    let content = &bytes[at..];

    let manifest: Manifest =
        serde_json::from_slice(manifest_line).map_err(|e| damaged(format!("manifest: {e}")))?;
    if manifest.format_version != version {
        return Err(damaged(
            "the manifest's format version differs from the header's",
        ));
    }
    let public_key: [u8; 32] = hex::decode(&manifest.public_key)
        .ok()
        .and_then(|k| k.try_into().ok())
        .ok_or(Error::BundleBadSignature)?;
    let signature: [u8; 64] = std::str::from_utf8(signature_line)
        .ok()
        .and_then(|s| hex::decode(s).ok())
        .and_then(|s| s.try_into().ok())
        .ok_or(Error::BundleBadSignature)?;
    VerifyingKey::from_bytes(&public_key)
        .map_err(|_| Error::BundleBadSignature)?
        .verify(manifest_line, &Signature::from_bytes(&signature))
        .map_err(|_| Error::BundleBadSignature)?;
    if hex::encode(Sha256::digest(content)) != manifest.content_sha256 {
        return Err(Error::BundleTampered);
    }

    let mut json = Vec::new();
    flate2::read::GzDecoder::new(content)
        .take(MAX_CONTENT_BYTES + 1)
        .read_to_end(&mut json)
        .map_err(|e| damaged(format!("content: {e}")))?;
    if json.len() as u64 > MAX_CONTENT_BYTES {
        return Err(Error::BundleTooLarge {
            size: json.len() as u64,
            limit: MAX_CONTENT_BYTES,
        });
    }
    let tables: Tables =
        serde_json::from_slice(&json).map_err(|e| damaged(format!("content: {e}")))?;
    Ok(Bundle { manifest, tables })
}

/// Merges a bundle into `store` (any correctly signed file: a facilitator moving
/// a workshop between their own laptops). A coordinator merges with
/// `merge::merge` and `Admission::TrustedKeys`.
pub fn import(store: &mut Store, bytes: &[u8]) -> Result<ImportReport> {
    let merged = crate::merge::merge(
        store,
        bytes,
        crate::merge::Admission::AnyKey,
        chrono::Utc::now(),
    )?;
    Ok(ImportReport {
        workshop_id: Some(merged.workshop_id),
        title: merged.title,
        inserted: merged.inserted,
        updated: merged.updated,
        unchanged: merged.unchanged,
    })
}

/// Reads a file, refusing an oversized one before reading it.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path.display(), e))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Error::BundleTooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(|e| Error::io(path.display(), e))
}

/// The files named, a folder standing for its `*.cabildo` files in name order.
pub fn files_in(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path.display(), e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "cabildo"))
            .collect();
        found.sort();
        files.extend(found);
    }
    if files.is_empty() {
        return Err(Error::InvalidInput {
            detail: "no .cabildo files there".into(),
        });
    }
    Ok(files)
}

/// Imports a file, refusing an oversized one before reading it.
pub fn import_file(store: &mut Store, path: &Path) -> Result<ImportReport> {
    import(store, &read_file(path)?)
}
