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
    /// Run the participants' voting server headless until stopped (Ctrl-C or SIGTERM)
    Serve {
        #[arg(long)]
        workshop: String,
        /// The address and port phones reach (port 0: any free one)
        #[arg(long, default_value = "0.0.0.0:8080")]
        listen: std::net::SocketAddr,
        /// Six digits (default: a random one, printed)
        #[arg(long)]
        pin: Option<String>,
    },
    /// Make single-use voting codes for anonymous one-per-person questions; prints one per line
    Codes {
        #[arg(long)]
        workshop: String,
        #[arg(long, default_value_t = 30)]
        count: usize,
    },
    /// Questions put to the room: create, open, close, reveal, results
    Question {
        #[command(subcommand)]
        command: QuestionCommand,
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
enum QuestionCommand {
    /// Create a question (a draft until opened); prints its id
    Create {
        #[arg(long)]
        workshop: String,
        /// scale, single, multiple, points, dots, ranking, grid, scores or ideas
        #[arg(long)]
        kind: String,
        #[arg(long)]
        prompt: String,
        /// An option (repeat it); not for scale or ideas questions
        #[arg(long = "option")]
        options: Vec<String>,
        /// Scores: a criterion each option is scored on, 1–5 (repeat it)
        #[arg(long = "criterion")]
        criteria: Vec<String>,
        /// Points to give, dots per person, or most options one may choose
        #[arg(long)]
        budget: Option<u32>,
        /// Ballots need a printed single-use voting code
        #[arg(long)]
        requires_code: bool,
    },
    /// Open a question for ballots (the open one before it closes)
    Open { id: String },
    /// Close a question: no more ballots from phones
    Close { id: String },
    /// Show the results to the room
    Reveal { id: String },
    /// Print the tally as JSON
    Results { id: String },
    /// Key in a paper ballot by its printed id (each id counts once)
    Paper {
        id: String,
        /// The id printed on the ballot
        #[arg(long = "ballot")]
        ballot: String,
        /// The answer as JSON, e.g. '{"value": 4}' or '{"option": "<option id>"}'
        #[arg(long)]
        answer: String,
    },
    /// Print paper ballots for the question, each with a new short id
    Ballots {
        id: String,
        #[arg(long, default_value_t = 30)]
        count: usize,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// es, en, pt or fr (default: es)
        #[arg(long, default_value = "es")]
        lang: String,
    },
    /// Record the hands counted for a scale value or an option id
    Hands {
        id: String,
        #[arg(long)]
        choice: String,
        #[arg(long)]
        count: u32,
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
        Command::Serve {
            workshop,
            listen,
            pin,
        } => {
            let config = cabildo_lan::Config {
                db: store
                    .path()
                    .map(std::path::Path::to_path_buf)
                    .unwrap_or_default(),
                workshop: WorkshopId::parse(&workshop)?,
                bind: listen,
                pin,
                rates: None,
            };
            drop(store);
            serve(config)?;
        }
        Command::Question { command } => question(&mut store, command, now)?,
        Command::Codes { workshop, count } => {
            if !(1..=2000).contains(&count) {
                return Err(cabildo_core::Error::InvalidInput {
                    detail: format!("{count} codes: between 1 and 2000"),
                });
            }
            let codes = cabildo_core::voting::make_codes(
                &mut store,
                WorkshopId::parse(&workshop)?,
                count,
                now,
            )?;
            println!("{}", codes.join("\n"));
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

fn json(value: &impl serde::Serialize) -> cabildo_core::Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| cabildo_core::Error::InvalidInput {
        detail: e.to_string(),
    })
}

fn question(
    store: &mut Store,
    command: QuestionCommand,
    now: chrono::DateTime<chrono::Utc>,
) -> cabildo_core::Result<()> {
    use cabildo_core::ids::QuestionId;
    use cabildo_core::voting::{self, Kind, QuestionInput};
    match command {
        QuestionCommand::Create {
            workshop,
            kind,
            prompt,
            options,
            criteria,
            budget,
            requires_code,
        } => {
            let kind = Kind::parse(&kind).ok_or_else(|| cabildo_core::Error::InvalidInput {
                detail: format!(
                    "unknown kind {kind:?}: scale, single, multiple, points, dots, ranking, grid, \
                     scores or ideas"
                ),
            })?;
            let input = QuestionInput {
                kind: Some(kind),
                prompt,
                options,
                criteria,
                budget,
                requires_code,
                ..QuestionInput::default()
            };
            let q = voting::create(store, WorkshopId::parse(&workshop)?, &input, now)?;
            println!("{}", q.id);
        }
        QuestionCommand::Open { id } => {
            voting::set_open(store, QuestionId::parse(&id)?, true, now)?;
        }
        QuestionCommand::Close { id } => {
            voting::set_open(store, QuestionId::parse(&id)?, false, now)?;
        }
        QuestionCommand::Reveal { id } => {
            voting::set_revealed(store, QuestionId::parse(&id)?, true, now)?;
        }
        QuestionCommand::Paper { id, ballot, answer } => {
            let q = voting::get(store, QuestionId::parse(&id)?)?;
            let workshop = voting::workshop_of(store, q.id)?;
            let answer: serde_json::Value =
                serde_json::from_str(&answer).map_err(|e| cabildo_core::Error::InvalidAnswer {
                    detail: e.to_string(),
                })?;
            voting::cast(
                store,
                workshop,
                q.id,
                &voting::Voter::Paper(ballot),
                None,
                &answer,
                now,
            )?;
        }
        QuestionCommand::Ballots {
            id,
            count,
            out,
            lang,
        } => {
            let language =
                Language::parse(&lang).ok_or_else(|| cabildo_core::Error::InvalidInput {
                    detail: format!("unknown language {lang:?}: use es, en, pt or fr"),
                })?;
            let w = report::write_paper_ballots(
                store,
                QuestionId::parse(&id)?,
                count,
                &out,
                language,
                now,
            )?;
            println!("{} ({} pages)", w.path, w.pages);
        }
        QuestionCommand::Hands { id, choice, count } => {
            let q = voting::get(store, QuestionId::parse(&id)?)?;
            let workshop = voting::workshop_of(store, q.id)?;
            voting::set_hand_counts(store, workshop, &q, &[(choice, count)], now)?;
        }
        QuestionCommand::Results { id } => {
            let q = voting::get(store, QuestionId::parse(&id)?)?;
            println!("{}", json(&voting::results(store, &q)?)?);
        }
    }
    Ok(())
}

/// Serves until Ctrl-C or SIGTERM, then stops cleanly.
fn serve(config: cabildo_lan::Config) -> cabildo_core::Result<()> {
    let rt = tokio::runtime::Runtime::new().map_err(|e| cabildo_core::Error::io("starting", e))?;
    rt.block_on(async {
        let server = cabildo_lan::start(config).await?;
        // Scripts read these two lines to find the server. A reader that went away
        // (a closed pipe) must not stop the server.
        {
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = writeln!(out, "url {}", server.url());
            let _ = writeln!(out, "pin {}", server.pin());
            let _ = out.flush();
        }
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .map_err(|e| cabildo_core::Error::io("listening for SIGTERM", e))?;
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        server.stop().await;
        Ok(())
    })
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
