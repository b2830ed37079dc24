//! `cabildo`: the app's operations from a terminal, for coordinators and scripts.
//! Each command is a few lines around a function of `cabildo_core`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cabildo_core::ids::WorkshopId;
use cabildo_core::merge::{self, Admission, FileResult, Outcome};
use cabildo_core::time::Timestamp;
use cabildo_core::workshop::{self, Language};
use cabildo_core::{
    Error, Store, bundle, coordinator, demo, enrollment, indicators_csv, report, sync, trust,
};
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
    /// Merge workshop files from trusted devices into a coordinator's database; one
    /// line per file, then a summary. Exit code 1 if any file was rejected
    Merge {
        /// Trust the devices that signed files not trusted yet (each is printed with its
        /// key's fingerprint). Without it their files are rejected
        #[arg(long)]
        trust_new: bool,
        /// Files, or folders (their *.cabildo files, in name order)
        #[arg(required = true, value_name = "FILE_OR_FOLDER")]
        files: Vec<PathBuf>,
    },
    /// The devices whose workshop files this database accepts
    Devices {
        #[command(subcommand)]
        command: DevicesCommand,
    },
    /// A coordinator's totals: workshops, municipalities, countries, participants by
    /// gender, sector and country, prioritized MDGs, commitments and overdue ones
    Stats {
        /// Print JSON (stable field names, see docs/cli.md)
        #[arg(long)]
        json: bool,
        /// Only workshops in this country (ISO code like HT, or its name)
        #[arg(long)]
        country: Option<String>,
        /// Only workshops that prioritized this MDG (1-8)
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=8))]
        goal: Option<u8>,
        /// The language of the summary sentence: es, en, pt or fr
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Run the hub that facilitators' laptops push their workshops to, until Ctrl-C
    /// or SIGTERM. Prints the addresses to give out and, when asked or on the very
    /// first start, a new enrollment code with its QR code
    Hub {
        /// The address and port laptops reach (0.0.0.0: every interface)
        #[arg(long, default_value = "0.0.0.0:8470")]
        listen: std::net::SocketAddr,
        /// Make a new enrollment code for one laptop, labelled (e.g. "Marcela's laptop")
        #[arg(long, value_name = "LABEL")]
        new_code: Option<String>,
    },
    /// Push this computer's new and changed workshops to its hub now
    Sync {
        /// The hub's address, e.g. http://192.168.1.20:8470 (remembered)
        #[arg(long, value_name = "URL")]
        hub: Option<String>,
        /// The enrollment code the coordinator gave (remembered)
        #[arg(long)]
        code: Option<String>,
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
enum DevicesCommand {
    /// One line per trusted device: key fingerprint, device id, how it came, label
    List {
        #[arg(long)]
        json: bool,
    },
    /// Trust the device that signed a workshop file
    Trust {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// A name a person recognizes, e.g. "Marcela's laptop (ILPES)"
        #[arg(long)]
        label: String,
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

fn run(cli: Cli) -> cabildo_core::Result<ExitCode> {
    let now = chrono::Utc::now();
    let mut store = Store::open(&cabildo_core::store::resolve_path(cli.db), now)?;
    match cli.command {
        Command::Merge { trust_new, files } => {
            return merge_files(&mut store, &files, trust_new, now);
        }
        Command::Devices {
            command: DevicesCommand::List { json: as_json },
        } => {
            let devices = trust::list(&store)?;
            if as_json {
                println!("{}", json(&devices)?);
            }
            for d in devices.iter().filter(|_| !as_json) {
                println!(
                    "{}  {}  {:<8}  {}  {}",
                    d.fingerprint,
                    d.device_id,
                    d.source,
                    d.created_at.get(..10).unwrap_or_default(),
                    d.label
                );
            }
        }
        Command::Devices {
            command: DevicesCommand::Trust { file, label },
        } => {
            let signer = trust::signer(&bundle::read_file(&file)?)?;
            let source = trust::Source::Accepted;
            trust::trust(
                &mut store,
                signer.device_id,
                &signer.public_key,
                &label,
                source,
                now,
            )?;
            println!(
                "trusted device {} (key {}) as {label:?}",
                signer.device_id, signer.fingerprint
            );
        }
        Command::Stats {
            json: as_json,
            country,
            goal,
            lang,
        } => {
            let filter = coordinator::Filter {
                country,
                goal,
                ..coordinator::Filter::default()
            };
            let totals = coordinator::totals(&store, &filter, now.date_naive())?;
            if as_json {
                println!("{}", json(&stats_json(&totals))?);
            } else {
                print_stats(language(&lang)?, &totals);
            }
        }
        Command::Hub { listen, new_code } => hub(store, listen, new_code, now)?,
        Command::Sync { hub, code } => {
            if hub.is_some() || code.is_some() {
                reconnect(&mut store, hub, code)?;
            }
            let db = std::sync::Mutex::new(store);
            let pushed = cabildo_hub::sync_once(&db, chrono::Utc::now)?;
            for m in &pushed.workshops {
                println!("pushed: {}", merged_line(m));
            }
            let store = db.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let status = sync::status(&store)?;
            println!(
                "{} workshops pushed; the hub has every workshop of this computer (last sync {})",
                pushed.workshops.len(),
                status.last_success_at.unwrap_or_default()
            );
        }
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
                Some(l) => language(&l)?,
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
    Ok(ExitCode::SUCCESS)
}

fn language(code: &str) -> cabildo_core::Result<Language> {
    Language::parse(code).ok_or_else(|| Error::InvalidInput {
        detail: format!("unknown language {code:?}: use es, en, pt or fr"),
    })
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
            let id = QuestionId::parse(&id)?;
            let workshop = voting::workshop_of(store, id)?;
            voting::set_open(store, workshop, id, true, now)?;
        }
        QuestionCommand::Close { id } => {
            let id = QuestionId::parse(&id)?;
            let workshop = voting::workshop_of(store, id)?;
            voting::set_open(store, workshop, id, false, now)?;
        }
        QuestionCommand::Reveal { id } => {
            let id = QuestionId::parse(&id)?;
            let workshop = voting::workshop_of(store, id)?;
            voting::set_revealed(store, workshop, id, true, now)?;
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
            let id = QuestionId::parse(&id)?;
            let workshop = voting::workshop_of(store, id)?;
            let w = report::write_paper_ballots(
                store,
                workshop,
                id,
                count,
                &out,
                language(&lang)?,
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
        stopped().await?;
        server.stop().await;
        Ok(())
    })
}

/// Waits for Ctrl-C or SIGTERM.
async fn stopped() -> cabildo_core::Result<()> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| Error::io("listening for SIGTERM", e))?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    Ok(())
}

fn merged_line(m: &merge::Merged) -> String {
    let outcome = match m.outcome {
        Outcome::New => "new",
        Outcome::Updated => "updated",
        Outcome::Unchanged => "unchanged",
    };
    let conflicts = match m.conflicts {
        0 => String::new(),
        n => format!(", {n} conflicts listed"),
    };
    format!(
        "{outcome} — {}: {} rows new, {} updated, {} unchanged{conflicts}",
        m.title, m.inserted, m.updated, m.unchanged
    )
}

/// `cabildo merge`: every file is tried; a rejected one changes nothing and does
/// not stop the others.
fn merge_files(
    store: &mut Store,
    paths: &[PathBuf],
    trust_new: bool,
    now: Timestamp,
) -> cabildo_core::Result<ExitCode> {
    let files = bundle::files_in(paths)?;
    let mut counts = [0usize; 4]; // new, updated, unchanged, rejected
    let mut conflicts = 0;
    for file in &files {
        let name = file.display();
        let mut result = merge::merge_file(store, file, Admission::TrustedKeys, now);
        if let FileResult::Rejected {
            error: Error::BundleUnknownDevice { .. },
            signer: Some(signer),
        } = &result
            && trust_new
        {
            let (device, key) = (signer.device_id, signer.public_key.as_str());
            let source = trust::Source::Accepted;
            trust::trust(store, device, key, &signer.workshop_title, source, now)?;
            println!(
                "{name}: trusted the new device {device} (key {})",
                signer.fingerprint
            );
            result = merge::merge_file(store, file, Admission::TrustedKeys, now);
        }
        match result {
            FileResult::Merged(m) => {
                counts[match m.outcome {
                    Outcome::New => 0,
                    Outcome::Updated => 1,
                    Outcome::Unchanged => 2,
                }] += 1;
                conflicts += m.conflicts;
                println!("{name}: {}", merged_line(&m));
            }
            FileResult::Rejected { error, .. } => {
                counts[3] += 1;
                let hint = match error {
                    Error::BundleUnknownDevice { .. } => {
                        " — merge with --trust-new, or trust it first: cabildo devices trust FILE --label NAME"
                    }
                    _ => "",
                };
                println!("{name}: rejected — {error}{hint}");
            }
        }
    }
    let [new, updated, unchanged, rejected] = counts;
    println!(
        "{} files: {new} new, {updated} updated, {unchanged} unchanged, {rejected} rejected; {conflicts} conflicts listed",
        files.len()
    );
    Ok(if rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The totals as `cabildo stats --json` prints them: counts by code in objects, so
/// a script reads `.by_gender.female` or `.goals["5"]`.
fn stats_json(t: &coordinator::Totals) -> serde_json::Value {
    let by = |pairs: Vec<(String, u32)>| -> serde_json::Map<String, serde_json::Value> {
        pairs.into_iter().map(|(k, n)| (k, n.into())).collect()
    };
    serde_json::json!({
        "workshops": t.workshops,
        "municipalities": t.municipalities,
        "countries": t.countries,
        "participants": t.participants,
        "by_gender": by(t.by_gender.iter().map(|(g, n)| (g.as_str().to_string(), *n)).collect()),
        "by_sector": by(t.by_sector.iter().map(|(s, n)| (s.as_str().to_string(), *n)).collect()),
        "by_country": t.by_country,
        "goals": by(t.goals.iter().map(|(g, n)| (g.to_string(), *n)).collect()),
        "commitments": t.commitments,
        "overdue": t.overdue,
    })
}

fn print_stats(language: Language, t: &coordinator::Totals) {
    let list = |pairs: Vec<String>| pairs.join(", ");
    println!("{}", coordinator::summary_line(language, t));
    println!(
        "{} workshops, {} municipalities, {} countries",
        t.workshops, t.municipalities, t.countries
    );
    println!(
        "by gender: {}",
        list(
            t.by_gender
                .iter()
                .map(|(g, n)| format!("{g} {n}"))
                .collect()
        )
    );
    println!(
        "by sector: {}",
        list(
            t.by_sector
                .iter()
                .map(|(s, n)| format!("{s} {n}"))
                .collect()
        )
    );
    for c in &t.by_country {
        println!(
            "  {}: {} workshops, {} municipalities, {} participants ({} women, {} men)",
            c.country, c.workshops, c.municipalities, c.participants, c.women, c.men
        );
    }
    println!(
        "prioritized MDGs: {}",
        list(
            t.goals
                .iter()
                .map(|(g, n)| format!("MDG {g}: {n}"))
                .collect()
        )
    );
    println!("commitments: {}, overdue: {}", t.commitments, t.overdue);
}

/// `cabildo hub`: says where laptops reach it and, when one is wanted, makes a code
/// and shows it with its QR code; then serves until Ctrl-C or SIGTERM.
fn hub(
    mut store: Store,
    listen: std::net::SocketAddr,
    new_code: Option<String>,
    now: Timestamp,
) -> cabildo_core::Result<()> {
    // A code is shown once: later starts (a service restarting) print none, so
    // codes do not pile up in logs; `--new-code` makes the next one.
    let codes = enrollment::list(&store)?;
    let waiting = codes.iter().filter(|c| c.device_id.is_none()).count();
    let code = match new_code {
        Some(label) => Some((enrollment::new_code(&mut store, &label, now)?, label)),
        None if codes.is_empty() => {
            let label = "laptop 1".to_string();
            Some((enrollment::new_code(&mut store, &label, now)?, label))
        }
        None => None,
    };
    let db = store.path().map(Path::to_path_buf).unwrap_or_default();
    let rt = tokio::runtime::Runtime::new().map_err(|e| Error::io("starting", e))?;
    rt.block_on(async {
        let hub = cabildo_hub::Hub::start(store, listen).await?;
        let port = hub.addr().port();
        let urls: Vec<String> = if listen.ip().is_unspecified() {
            cabildo_lan::addresses()
                .iter()
                .map(|a| format!("http://{}:{port}  ({})", a.ip, a.interface))
                .collect()
        } else {
            vec![hub.url()]
        };
        let mut out = String::new();
        out.push_str(&format!(
            "Cabildo hub on {}: {} laptops enrolled\n",
            db.display(),
            codes.len() - waiting
        ));
        out.push_str("Facilitators connect to:\n");
        for url in &urls {
            out.push_str(&format!("  {url}\n"));
        }
        let first = urls
            .first()
            .and_then(|u| u.split_whitespace().next())
            .map_or_else(|| hub.url(), str::to_string);
        match &code {
            Some((code, label)) => {
                let link = cabildo_hub::link(&first, code);
                out.push_str(&format!(
                    "\nEnrollment code for {label}: {code}\n\
                     It binds to the first laptop that uses it. The app connects with this link\n\
                     (scan or paste it): {link}\n{}\n",
                    qr_text(&link)?
                ));
            }
            None => out.push_str(&format!(
                "{waiting} enrollment code(s) wait for a laptop; --new-code LABEL makes another\n"
            )),
        }
        // Tests and scripts wait for this line.
        out.push_str(&format!("listening on {}\n", hub.url()));
        {
            // A reader that went away (a closed pipe) must not stop the hub.
            use std::io::Write;
            let mut stdout = std::io::stdout();
            let _ = stdout.write_all(out.as_bytes());
            let _ = stdout.flush();
        }
        stopped().await?;
        hub.stop().await
    })
}

/// A QR code drawn with half blocks, light on dark: most terminals are dark, and
/// phone cameras read both.
fn qr_text(text: &str) -> cabildo_core::Result<String> {
    use qrcode::render::unicode::Dense1x2;
    let code =
        qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).map_err(|e| {
            Error::InvalidInput {
                detail: format!("no QR code for {text:?}: {e}"),
            }
        })?;
    Ok(code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}

/// `cabildo sync --hub … --code …`: links to the hub given, keeping what was not
/// given from before. Unchanged settings are left alone (and enrolled).
fn reconnect(
    store: &mut Store,
    hub: Option<String>,
    code: Option<String>,
) -> cabildo_core::Result<()> {
    let before = sync::settings(store)?;
    let (Some(url), Some(code)) = (
        hub.or_else(|| before.as_ref().map(|s| s.hub_url.clone())),
        code.or_else(|| before.as_ref().map(|s| s.code.clone())),
    ) else {
        return Err(Error::InvalidInput {
            detail: "the first sync needs both --hub URL and --code CODE".into(),
        });
    };
    let same = before.is_some_and(|s| {
        s.hub_url == sync::hub_url(&url).unwrap_or_default()
            && s.code == enrollment::normalize(&code)
    });
    if !same {
        sync::connect(store, &url, &code)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cabildo: {e}");
            ExitCode::FAILURE
        }
    }
}
