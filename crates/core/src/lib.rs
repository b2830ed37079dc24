//! Cabildo's domain and storage. Nothing here knows about Tauri, HTTP or the UI:
//! the desktop commands, the CLI and (later) the LAN server are thin callers of
//! these functions.

pub mod actions;
pub mod actors;
pub mod bundle;
pub mod catalogue;
pub mod coordinator;
pub mod currency;
pub mod decimal;
pub mod demo;
pub mod diagnostic;
pub mod enrollment;
pub mod error;
pub mod files;
pub mod ids;
pub mod indicators;
pub mod indicators_csv;
pub mod institutions;
pub mod locale;
pub mod merge;
pub mod participants;
pub mod participants_csv;
pub mod phones;
pub mod prioritization;
pub mod qr;
pub mod relevance;
pub mod report;
pub mod room;
pub mod spreadsheet;
pub mod store;
pub mod sync;
pub mod synthetic;
pub mod tables;
mod text_enum;
pub mod time;
pub mod trust;
pub mod vester;
pub mod voting;
pub mod workshop;

pub use error::{Error, Result};
pub use store::Store;

/// The version written into bundles and shown in the app.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
