//! The core's integration tests: real SQLite files on disk, real bundles, real PDFs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on broken preconditions

mod actions;
mod bundle;
mod coordinator;
mod csv_import;
mod diagnostic;
mod fixtures;
mod merge;
mod pdf;
mod prioritization;
mod report;
mod report_chapter3;
mod report_stage2;
mod report_stage3;
mod store;
mod synthetic;
mod vester;
mod voting;
