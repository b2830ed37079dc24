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

fn damaged(detail: impl Into<String>) -> Error {
    Error::BundleDamaged {
        detail: detail.into(),
    }
}

fn sql_to_json(v: ValueRef<'_>) -> Result<Value> {
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

fn json_to_sql(column: &str, v: &Value) -> Result<SqlValue> {
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

fn columns(store: &Store, table: &str) -> Result<Vec<String>> {
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

/// The columns of this version that a table's rows carry. A bundle from an older
/// version lacks the columns added since; they keep their defaults on insert and
/// their current values on update. Every row must carry the same ones.
fn carried_columns(cols: &[String], rows: &[Map<String, Value>]) -> Vec<String> {
    match rows.first() {
        Some(first) => cols
            .iter()
            .filter(|c| first.contains_key(c.as_str()))
            .cloned()
            .collect(),
        None => cols.to_vec(),
    }
}

/// Checks that the content holds one workshop, the manifest's, and only rows of it.
fn check_shape(store: &Store, bundle: &Bundle) -> Result<()> {
    let id = Value::String(bundle.manifest.workshop_id.to_string());
    for table in bundle.tables.keys() {
        if !TABLES.contains(&table.as_str()) {
            return Err(damaged(format!("unknown table {table}")));
        }
    }
    let workshops = bundle
        .tables
        .get("workshops")
        .map(Vec::as_slice)
        .unwrap_or_default();
    if workshops.len() != 1 || workshops[0].get("id") != Some(&id) {
        return Err(damaged("the content does not hold the manifest's workshop"));
    }
    for &table in TABLES {
        let cols = columns(store, table)?;
        let rows = bundle
            .tables
            .get(table)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let carried = carried_columns(&cols, rows);
        if let Some(missing) = ["id", "updated_at", "device_id"]
            .iter()
            .find(|c| !carried.iter().any(|k| k == *c))
        {
            return Err(damaged(format!("{table}: the rows have no {missing}")));
        }
        for row in rows {
            if row.len() != carried.len() || carried.iter().any(|c| !row.contains_key(c)) {
                return Err(damaged(format!(
                    "{table}: the columns do not match this version"
                )));
            }
            if table != "workshops" && row.get("workshop_id") != Some(&id) {
                return Err(damaged(format!(
                    "{table}: a row belongs to another workshop"
                )));
            }
        }
    }
    Ok(())
}

/// Merges a verified bundle: in one transaction, row by row, the later
/// `updated_at` wins and the device id breaks ties. Importing the same bundle
/// again changes nothing.
pub fn import(store: &mut Store, bytes: &[u8]) -> Result<ImportReport> {
    let bundle = read(bytes)?;
    check_shape(store, &bundle)?;
    let mut plans = Vec::new();
    for &table in TABLES {
        let rows = bundle
            .tables
            .get(table)
            .map(Vec::as_slice)
            .unwrap_or_default();
        plans.push((table, carried_columns(&columns(store, table)?, rows)));
    }
    let workshop_id = bundle.manifest.workshop_id;
    let mut report = ImportReport {
        workshop_id: Some(workshop_id),
        title: bundle.manifest.workshop_title.clone(),
        ..ImportReport::default()
    };
    store.with_tx(|tx, _| {
        for (table, cols) in &plans {
            let list = cols.join(", ");
            let marks = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
            let sets = cols.iter().map(|c| format!("{c} = excluded.{c}")).collect::<Vec<_>>().join(", ");
            let upsert = format!(
                "INSERT INTO {table} ({list}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {sets}"
            );
            let owner = if *table == "workshops" { "id" } else { "workshop_id" };
            let existing = format!("SELECT updated_at, device_id, {owner} FROM {table} WHERE id = ?1");
            for row in bundle.tables.get(*table).map(Vec::as_slice).unwrap_or_default() {
                let values = cols
                    .iter()
                    .map(|c| json_to_sql(c, &row[c]))
                    .collect::<Result<Vec<_>>>()?;
                let field = |name: &str| row.get(name).and_then(Value::as_str).unwrap_or_default();
                let ours: Option<(String, String, String)> = {
                    use rusqlite::OptionalExtension;
                    tx.query_row(&existing, [field("id")], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                        .optional()?
                };
                let incoming = (field("updated_at"), field("device_id"));
                match ours {
                    Some((_, _, o)) if o != field(owner) => {
                        return Err(damaged(format!("{table}: a row id belongs to another workshop")));
                    }
                    Some((at, dev, _)) if (incoming.0, incoming.1) <= (at.as_str(), dev.as_str()) => {
                        report.unchanged += 1;
                        continue;
                    }
                    Some(_) => report.updated += 1,
                    None => report.inserted += 1,
                }
                tx.prepare_cached(&upsert)?
                    .execute(rusqlite::params_from_iter(values.iter()))
                    .map_err(|e| damaged(format!("{table}: {e}")))?;
            }
        }
        Ok(())
    })?;
    Ok(report)
}

/// Imports a file, refusing an oversized one before reading it.
pub fn import_file(store: &mut Store, path: &Path) -> Result<ImportReport> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path.display(), e))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Error::BundleTooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path.display(), e))?;
    import(store, &bytes)
}
