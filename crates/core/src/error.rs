//! The one error type of the core. It crosses to the UI as `{code, message, params}`:
//! the UI shows the locale text for `error.<code>`, filled with `params`, and falls
//! back to `message` (English) when it has none.

use std::collections::BTreeMap;

use serde::ser::SerializeStruct;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the title is empty")]
    TitleEmpty,
    #[error("a workshop needs at least one territory")]
    NoTerritory,
    #[error("a territory has no name")]
    TerritoryNameEmpty,
    #[error(
        "unknown country {country:?}: use one of the 33 countries of Latin America and the Caribbean"
    )]
    UnknownCountry { country: String },
    #[error("the end date is before the start date")]
    EndBeforeStart,
    #[error("{value:?} is not a date (YYYY-MM-DD)")]
    BadDate { value: String },
    #[error("an agenda item has no title")]
    AgendaTitleEmpty,
    #[error("an agenda item must last between 1 and 1440 minutes, not {minutes}")]
    AgendaMinutes { minutes: i64 },
    #[error("the participant's name is empty")]
    NameEmpty,
    #[error("the territory is not one of this workshop's")]
    UnknownTerritory,
    #[error("{date} is not a day of the workshop")]
    AttendanceOutsideWorkshop { date: String },
    #[error("{value:?} is not an e-mail address")]
    BadEmail { value: String },
    #[error("the territory {name:?} still has participants: move them first")]
    TerritoryInUse { name: String },
    #[error("{what} not found")]
    NotFound { what: String },
    #[error(
        "this database was written by a newer version of Cabildo (schema {found}, this version knows up to {supported}); update Cabildo to open it — the file was left untouched"
    )]
    DatabaseNewer { found: i64, supported: i64 },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("file error: {detail}")]
    Io { detail: String },
    #[error("the workshop file is damaged: {detail}")]
    BundleDamaged { detail: String },
    #[error(
        "the workshop file was changed after it was exported (its content does not match its hash)"
    )]
    BundleTampered,
    #[error("the workshop file's signature is not valid")]
    BundleBadSignature,
    #[error("the workshop file is too large ({size} bytes; the limit is {limit})")]
    BundleTooLarge { size: u64, limit: u64 },
    #[error(
        "the workshop file was made by a newer version of Cabildo (format {found}, this version reads up to {supported})"
    )]
    BundleNewerFormat { found: u32, supported: u32 },
    #[error("the CSV header is not usable: {detail}")]
    CsvHeader { detail: String },
    #[error("column {column}: {value:?} is not a valid value")]
    CsvValue { column: String, value: String },
    #[error("{code:?} is not an indicator of the MDG list")]
    UnknownIndicator { code: String },
    #[error("the year {year} is out of range (1950–2100)")]
    YearOutOfRange { year: i32 },
    #[error("{value:?} is not a number")]
    NotANumber { value: String },
    #[error("a national target needs its source (plan, law or report that adopted it)")]
    TargetSourceEmpty,
    #[error("a rating must be a whole number from {min} to {max}, not {value}")]
    RatingOutOfScale { value: i64, min: i64, max: i64 },
    #[error("the same indicator, territory and year are already on line {line}")]
    DuplicateRow { line: u64 },
    #[error("the answer does not fit the question: {detail}")]
    InvalidAnswer { detail: String },
    #[error("the question is closed")]
    QuestionClosed,
    #[error("this voting code is not one of this workshop's")]
    BadCode,
    #[error("this voting code has already voted on this question")]
    CodeUsed,
    #[error("this paper ballot was already keyed in")]
    PaperKeyedTwice,
    #[error("no paper ballot with this id was printed for this question")]
    UnknownPaperBallot,
    #[error("the question has no text")]
    QuestionPromptEmpty,
    #[error("a question needs at least two different options, none empty")]
    QuestionOptions,
    #[error("the weights add up to {sum} points, not 100")]
    WeightsNotHundred { sum: i64 },
    #[error("{value} is not on Saaty's scale (1 to 9, or 1/2 to 1/9)")]
    PairwiseOutOfScale { value: f64 },
    #[error("an influence goes from 0 (none) to 3 (strong), not {value}")]
    VesterValueOutOfRange { value: i64 },
    #[error("a cause does not influence itself: the diagonal of the matrix stays empty")]
    CauseInfluencesItself,
    #[error("a cause needs a name")]
    CauseLabelEmpty,
    #[error("a criterion needs a name")]
    CriterionLabelEmpty,
    #[error("{code} is not an MDG goal or target")]
    UnknownSubject { code: String },
    #[error("scoring needs at least two candidates and one criterion")]
    NothingToScore,
    #[error("a strategic line needs a title")]
    LineTitleEmpty,
    #[error("an action needs a title")]
    ActionTitleEmpty,
    #[error("the action ends ({end}) before it starts ({start})")]
    ActionEndsBeforeStart { start: String, end: String },
    #[error("an amount cannot be negative ({amount})")]
    NegativeAmount { amount: String },
    #[error("{currency:?} is not an ISO 4217 currency code (for example CLP, MXN, USD)")]
    UnknownCurrency { currency: String },
    #[error("a capacity goes from 1 (weak) to 5 (strong), not {value}")]
    CapacityOutOfRange { value: i64 },
    #[error("a percentage goes from 0 to 100, not {percent}")]
    PercentOutOfRange { percent: i64 },
    #[error("a percentage is recorded only for an action in progress, not for one {status}")]
    PercentNotInProgress { status: String },
    #[error(
        "only an action's latest status can be withdrawn: the older ones are its history (record a newer status to correct one)"
    )]
    StatusNotLatest,
    #[error("these actions have no responsible unit: {actions}")]
    ActionWithoutResponsible { actions: String },
    #[error("an actor needs a name")]
    ActorNameEmpty,
    #[error("an institutional area needs a name")]
    AreaLabelEmpty,
    #[error("a commitment needs who commits and to what")]
    CommitmentIncomplete,
    #[error("no MDG has been prioritized yet: record the decision of stage 2 first")]
    NoDecision,
    #[error("{code} is not a target of the prioritized MDG")]
    TargetNotPrioritized { code: String },
    #[error("the 2×2 vote needs at least two actions")]
    NothingToPlace,
    #[error("invalid input: {detail}")]
    InvalidInput { detail: String },
    #[error("the PDF could not be made: {detail}")]
    Pdf { detail: String },
    #[error(
        "the workshop file comes from a device this database does not trust yet (device {device}, key {fingerprint}): trust it first"
    )]
    BundleUnknownDevice { device: String, fingerprint: String },
    #[error(
        "the workshop file claims to come from device {device} but is signed with another key than the one trusted for it"
    )]
    BundleKeyMismatch { device: String },
    #[error("this enrollment code is not one of the hub's")]
    TokenUnknown,
    #[error("this enrollment code is already used by another laptop")]
    TokenTaken,
    #[error("this database is open read-only (a hub's database): nothing can be changed in it")]
    ReadOnly,
    #[error("{url:?} is not a hub address (http://host:port)")]
    BadHubUrl { url: String },
    #[error("the hub could not be reached or refused the workshop: {detail}")]
    SyncFailed { detail: String },
}

impl Error {
    /// A stable identifier: the UI and tests match on it, so never rename one.
    pub fn code(&self) -> &'static str {
        match self {
            Error::TitleEmpty => "title_empty",
            Error::NoTerritory => "no_territory",
            Error::TerritoryNameEmpty => "territory_name_empty",
            Error::UnknownCountry { .. } => "unknown_country",
            Error::EndBeforeStart => "end_before_start",
            Error::BadDate { .. } => "bad_date",
            Error::AgendaTitleEmpty => "agenda_title_empty",
            Error::AgendaMinutes { .. } => "agenda_minutes",
            Error::NameEmpty => "name_empty",
            Error::UnknownTerritory => "unknown_territory",
            Error::AttendanceOutsideWorkshop { .. } => "attendance_outside_workshop",
            Error::BadEmail { .. } => "bad_email",
            Error::TerritoryInUse { .. } => "territory_in_use",
            Error::NotFound { .. } => "not_found",
            Error::DatabaseNewer { .. } => "database_newer",
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
            Error::BundleDamaged { .. } => "bundle_damaged",
            Error::BundleTampered => "bundle_tampered",
            Error::BundleBadSignature => "bundle_bad_signature",
            Error::BundleTooLarge { .. } => "bundle_too_large",
            Error::BundleNewerFormat { .. } => "bundle_newer_format",
            Error::BundleUnknownDevice { .. } => "bundle_unknown_device",
            Error::BundleKeyMismatch { .. } => "bundle_key_mismatch",
            Error::TokenUnknown => "token_unknown",
            Error::TokenTaken => "token_taken",
            Error::ReadOnly => "read_only",
            Error::BadHubUrl { .. } => "bad_hub_url",
            Error::SyncFailed { .. } => "sync_failed",
            Error::CsvHeader { .. } => "csv_header",
            Error::CsvValue { .. } => "csv_value",
            Error::UnknownIndicator { .. } => "unknown_indicator",
            Error::YearOutOfRange { .. } => "year_out_of_range",
            Error::NotANumber { .. } => "not_a_number",
            Error::TargetSourceEmpty => "target_source_empty",
            Error::RatingOutOfScale { .. } => "rating_out_of_scale",
            Error::DuplicateRow { .. } => "duplicate_row",
            Error::InvalidAnswer { .. } => "invalid_answer",
            Error::QuestionClosed => "question_closed",
            Error::BadCode => "bad_code",
            Error::CodeUsed => "code_used",
            Error::PaperKeyedTwice => "paper_keyed_twice",
            Error::UnknownPaperBallot => "unknown_paper_ballot",
            Error::QuestionPromptEmpty => "question_prompt_empty",
            Error::QuestionOptions => "question_options",
            Error::WeightsNotHundred { .. } => "weights_not_hundred",
            Error::PairwiseOutOfScale { .. } => "pairwise_out_of_scale",
            Error::VesterValueOutOfRange { .. } => "vester_value_out_of_range",
            Error::CauseInfluencesItself => "cause_influences_itself",
            Error::CauseLabelEmpty => "cause_label_empty",
            Error::CriterionLabelEmpty => "criterion_label_empty",
            Error::UnknownSubject { .. } => "unknown_subject",
            Error::NothingToScore => "nothing_to_score",
            Error::LineTitleEmpty => "line_title_empty",
            Error::ActionTitleEmpty => "action_title_empty",
            Error::ActionEndsBeforeStart { .. } => "action_ends_before_start",
            Error::NegativeAmount { .. } => "negative_amount",
            Error::UnknownCurrency { .. } => "unknown_currency",
            Error::CapacityOutOfRange { .. } => "capacity_out_of_range",
            Error::PercentOutOfRange { .. } => "percent_out_of_range",
            Error::PercentNotInProgress { .. } => "percent_not_in_progress",
            Error::StatusNotLatest => "status_not_latest",
            Error::ActionWithoutResponsible { .. } => "action_without_responsible",
            Error::ActorNameEmpty => "actor_name_empty",
            Error::AreaLabelEmpty => "area_label_empty",
            Error::CommitmentIncomplete => "commitment_incomplete",
            Error::NoDecision => "no_decision",
            Error::TargetNotPrioritized { .. } => "target_not_prioritized",
            Error::NothingToPlace => "nothing_to_place",
            Error::InvalidInput { .. } => "invalid_input",
            Error::Pdf { .. } => "pdf",
        }
    }

    /// The values the localized message needs, by the names the locale files use.
    pub fn params(&self) -> BTreeMap<&'static str, String> {
        let mut p = BTreeMap::new();
        match self {
            Error::UnknownCountry { country } => {
                p.insert("country", country.clone());
            }
            Error::BadDate { value } | Error::BadEmail { value } => {
                p.insert("value", value.clone());
            }
            Error::AgendaMinutes { minutes } => {
                p.insert("minutes", minutes.to_string());
            }
            Error::AttendanceOutsideWorkshop { date } => {
                p.insert("date", date.clone());
            }
            Error::TerritoryInUse { name } => {
                p.insert("name", name.clone());
            }
            Error::NotFound { what } => {
                p.insert("what", what.clone());
            }
            Error::DatabaseNewer { found, supported } => {
                p.insert("found", found.to_string());
                p.insert("supported", supported.to_string());
            }
            Error::BundleNewerFormat { found, supported } => {
                p.insert("found", found.to_string());
                p.insert("supported", supported.to_string());
            }
            Error::BundleUnknownDevice {
                device,
                fingerprint,
            } => {
                p.insert("device", device.clone());
                p.insert("fingerprint", fingerprint.clone());
            }
            Error::BundleKeyMismatch { device } => {
                p.insert("device", device.clone());
            }
            Error::BadHubUrl { url } => {
                p.insert("url", url.clone());
            }
            Error::BundleTooLarge { size, limit } => {
                p.insert("size", size.to_string());
                p.insert("limit", limit.to_string());
            }
            Error::Database(e) => {
                p.insert("detail", e.to_string());
            }
            Error::Io { detail }
            | Error::SyncFailed { detail }
            | Error::BundleDamaged { detail }
            | Error::CsvHeader { detail }
            | Error::InvalidInput { detail }
            | Error::InvalidAnswer { detail }
            | Error::Pdf { detail } => {
                p.insert("detail", detail.clone());
            }
            Error::DuplicateRow { line } => {
                p.insert("line", line.to_string());
            }
            Error::UnknownIndicator { code } => {
                p.insert("code", code.clone());
            }
            Error::YearOutOfRange { year } => {
                p.insert("year", year.to_string());
            }
            Error::NotANumber { value } => {
                p.insert("value", value.clone());
            }
            Error::RatingOutOfScale { value, min, max } => {
                p.insert("value", value.to_string());
                p.insert("min", min.to_string());
                p.insert("max", max.to_string());
            }
            Error::WeightsNotHundred { sum } => {
                p.insert("sum", sum.to_string());
            }
            Error::UnknownSubject { code } => {
                p.insert("code", code.clone());
            }
            Error::PairwiseOutOfScale { value } => {
                p.insert("value", value.to_string());
            }
            Error::VesterValueOutOfRange { value } => {
                p.insert("value", value.to_string());
            }
            Error::ActionEndsBeforeStart { start, end } => {
                p.insert("start", start.clone());
                p.insert("end", end.clone());
            }
            Error::NegativeAmount { amount } => {
                p.insert("amount", amount.clone());
            }
            Error::UnknownCurrency { currency } => {
                p.insert("currency", currency.clone());
            }
            Error::CapacityOutOfRange { value } => {
                p.insert("value", value.to_string());
            }
            Error::PercentOutOfRange { percent } => {
                p.insert("percent", percent.to_string());
            }
            Error::PercentNotInProgress { status } => {
                p.insert("status", status.clone());
            }
            Error::ActionWithoutResponsible { actions } => {
                p.insert("actions", actions.clone());
            }
            Error::TargetNotPrioritized { code } => {
                p.insert("code", code.clone());
            }
            Error::CsvValue { column, value } => {
                p.insert("column", column.clone());
                p.insert("value", value.clone());
            }
            Error::TitleEmpty
            | Error::NoTerritory
            | Error::TerritoryNameEmpty
            | Error::EndBeforeStart
            | Error::AgendaTitleEmpty
            | Error::NameEmpty
            | Error::UnknownTerritory
            | Error::BundleTampered
            | Error::BundleBadSignature
            | Error::TargetSourceEmpty
            | Error::QuestionClosed
            | Error::BadCode
            | Error::CodeUsed
            | Error::PaperKeyedTwice
            | Error::UnknownPaperBallot
            | Error::QuestionPromptEmpty
            | Error::QuestionOptions
            | Error::CauseInfluencesItself
            | Error::CauseLabelEmpty
            | Error::CriterionLabelEmpty
            | Error::NothingToScore
            | Error::LineTitleEmpty
            | Error::ActionTitleEmpty
            | Error::ActorNameEmpty
            | Error::AreaLabelEmpty
            | Error::CommitmentIncomplete
            | Error::NoDecision
            | Error::NothingToPlace
            | Error::StatusNotLatest
            | Error::TokenUnknown
            | Error::TokenTaken
            | Error::ReadOnly => {}
        }
        p
    }

    pub fn io(context: impl std::fmt::Display, e: std::io::Error) -> Error {
        Error::Io {
            detail: format!("{context}: {e}"),
        }
    }

    pub fn not_found(what: impl Into<String>) -> Error {
        Error::NotFound { what: what.into() }
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Error", 3)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        st.serialize_field("params", &self.params())?;
        st.end()
    }
}
