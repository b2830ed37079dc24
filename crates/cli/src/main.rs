//! `cabildo`: the app's operations from a terminal, for coordinators and scripts.
//! Each command is a few lines around a function of `cabildo_core`.

use std::path::PathBuf;
use std::process::ExitCode;

use cabildo_core::ids::WorkshopId;
use cabildo_core::workshop::{self, Language};
use cabildo_core::{Store, bundle, demo, indicators_csv, report};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cabildo",
    version,
    about = "Cabildo: workshops on the municipalization of the MDGs, from the command line"
)]
struct Cli {
    /// The database file (default: $CABILDO_DB, else cabildo.sqlite3 in the user's data folder)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add the example workshop (Itata Valley, Región de Ñuble) to the database
    Demo,
    /// List and inspect workshops
    Workshops {
        #[command(subcommand)]
        command: WorkshopsCommand,
    },
    /// Write one workshop to a signed .cabildo file
    Export {
        /// The workshop's id (see `cabildo workshops list`)
        #[arg(long)]
        workshop: String,
        /// Where to write (default: "<title> <date>.cabildo" in the current folder)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Merge .cabildo files into the database (newer edits win; the same file twice changes nothing)
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// The diagnostic's indicator values
    Indicators {
        #[command(subcommand)]
        command: IndicatorsCommand,
    },
    /// Write the PDF report of a workshop
    Report {
        #[arg(long)]
        workshop: String,
        /// Where to write (default: "<title> <date>.pdf" in the current folder)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The report's language: es, en, pt or fr (default: the workshop's)
        #[arg(long)]
        lang: Option<String>,
    },
}

#[derive(Subcommand)]
enum IndicatorsCommand {
    /// Import values from a CSV (columns in docs/indicator-csv.md). Every rejected
    /// row is listed with its reason; only the valid rows are imported
    Import {
        #[arg(long)]
        workshop: String,
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Only list what would be imported and what is wrong; write nothing
        #[arg(long)]
        check: bool,
    },
}

#[derive(Subcommand)]
enum WorkshopsCommand {
    /// One line per workshop: id, dates, participants, title
    List {
        /// Include archived workshops
        #[arg(long)]
        all: bool,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
}

fn run(cli: Cli) -> cabildo_core::Result<()> {
    let now = chrono::Utc::now();
    let mut store = Store::open(&cabildo_core::store::resolve_path(cli.db), now)?;
    match cli.command {
        Command::Demo => {
            let id = demo::create(&mut store, now)?;
            println!("{id}");
        }
        Command::Workshops {
            command: WorkshopsCommand::List { all, json },
        } => {
            let list = workshop::list(&store, all)?;
            if json {
                let text = serde_json::to_string_pretty(&list).map_err(|e| {
                    cabildo_core::Error::InvalidInput {
                        detail: e.to_string(),
                    }
                })?;
                println!("{text}");
            } else {
                for w in list {
                    println!(
                        "{}  {} – {}  {:>4}  {}{}",
                        w.id,
                        w.start_date,
                        w.end_date,
                        w.participant_count,
                        w.title,
                        if w.archived { "  [archived]" } else { "" }
                    );
                }
            }
        }
        Command::Export { workshop: id, out } => {
            let id = WorkshopId::parse(&id)?;
            let path = match out {
                Some(p) => p,
                None => PathBuf::from(bundle::file_name(&workshop::get(&store, id)?, "cabildo")),
            };
            let bytes = bundle::export_to_file(&store, id, &path, now)?;
            println!("{} ({bytes} bytes)", path.display());
        }
        Command::Import { files } => {
            for file in files {
                let r = bundle::import_file(&mut store, &file)?;
                println!(
                    "{}: {} — {} new, {} updated, {} unchanged",
                    file.display(),
                    r.title,
                    r.inserted,
                    r.updated,
                    r.unchanged
                );
            }
        }
        Command::Indicators {
            command:
                IndicatorsCommand::Import {
                    workshop: id,
                    file,
                    check,
                },
        } => {
            use chrono::Datelike;
            let id = WorkshopId::parse(&id)?;
            let preview = indicators_csv::preview_file(&store, id, &file, now.year())?;
            for row in preview.rows.iter().filter(|r| !r.problems.is_empty()) {
                for p in &row.problems {
                    eprintln!("{}:{}: {}", file.display(), row.line, p.error);
                }
            }
            if check {
                println!(
                    "{} valid rows ({} would replace a value), {} rejected; nothing written",
                    preview.valid, preview.replacing, preview.invalid
                );
            } else {
                let n = indicators_csv::import_file(&mut store, id, &file, now, |_, _| {})?;
                println!("{n} values imported, {} rows rejected", preview.invalid);
            }
        }
        Command::Report {
            workshop: id,
            out,
            lang,
        } => {
            let id = WorkshopId::parse(&id)?;
            let w = workshop::get(&store, id)?;
            let language = match lang {
                Some(l) => {
                    Language::parse(&l).ok_or_else(|| cabildo_core::Error::InvalidInput {
                        detail: format!("unknown language {l:?}: use es, en, pt or fr"),
                    })?
                }
                None => w.language,
            };
            let path = out.unwrap_or_else(|| PathBuf::from(bundle::file_name(&w, "pdf")));
            let written = report::write_workshop_pdf(&store, id, language, &path, now)?;
            println!(
                "{} ({} pages, {} bytes)",
                path.display(),
                written.pages,
                written.bytes
            );
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cabildo: {e}");
            ExitCode::FAILURE
        }
    }
}
