//! Timestamps. They are stored as fixed-width RFC 3339 UTC text so that comparing
//! the strings compares the instants: last-writer-wins merges rely on it.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

pub type Timestamp = DateTime<Utc>;

pub fn stamp(t: Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn parse_date(value: &str) -> crate::Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| crate::Error::BadDate {
        value: value.to_string(),
    })
}
