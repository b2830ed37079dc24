//! Row ids. Every row that can travel in a bundle has a UUIDv7 id: unique across
//! devices without coordination, and ordered by creation time.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            pub fn parse(s: &str) -> crate::Result<Self> {
                Uuid::parse_str(s.trim()).map(Self).map_err(|_| crate::Error::InvalidInput {
                    detail: format!("{s:?} is not an id"),
                })
            }
        }

        impl $name {
            /// The id of the row named by `parts` (what it is about), the same on every
            /// device, so that the same cell typed on two laptops merges as one row.
            pub fn named(parts: &[&str]) -> Self {
                Self(named_uuid(stringify!($name), parts))
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0.to_string()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = value.as_str()?;
                Uuid::parse_str(s).map(Self).map_err(|e| FromSqlError::Other(Box::new(e)))
            }
        }
    )*};
}

fn named_uuid(kind: &str, parts: &[&str]) -> Uuid {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(kind.as_bytes());
    for p in parts {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

id_type!(
    /// The installation that last changed a row; also the bundle signer.
    DeviceId,
    /// A row changed on two devices, found while merging.
    ConflictId,
    WorkshopId,
    TerritoryId,
    AgendaItemId,
    ParticipantId,
    SeriesId,
    ObservationId,
    NationalTargetId,
    QuestionId,
    OptionId,
    BallotId,
    /// A goal or target proposed for prioritization.
    CandidateId,
    CriterionId,
    /// A cause in the Vester matrix.
    CauseId,
    /// A strategic line of the action plan.
    LineId,
    ActionId,
    ActorId,
    /// A municipal area rated in the institutional analysis.
    AreaId,
    CommitmentId,
    /// A review meeting of the follow-up program.
    ReviewId,
    /// The value an action's indicator should reach by a date.
    CheckpointId,
    /// An action's status recorded at a follow-up session (appended, never edited).
    StatusUpdateId,
    /// A value of an action's indicator recorded at follow-up.
    IndicatorValueId,
    /// Ids of small per-workshop records named by what they hold (a goal's notes,
    /// an indicator set aside, a hand count).
    RecordId,
);
