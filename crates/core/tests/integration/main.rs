//! The core's integration tests: real SQLite files on disk, real bundles, real PDFs.

mod bundle;
mod csv_import;
mod fixtures;
mod report;
mod store;
