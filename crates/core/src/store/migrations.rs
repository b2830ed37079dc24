//! The schema's history. Migration N brings the database to `user_version` N.
//! A migration that has been released is never edited: add the next one instead.

pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_diagnostic_and_voting.sql"),
    include_str!("migrations/0003_prioritization.sql"),
    include_str!("migrations/0004_actions.sql"),
    include_str!("migrations/0005_coordination.sql"),
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
