-- 0002: stage 1. The diagnostic (series of indicator values per territory or country, national
-- commitments, indicators set aside as not applicable), the dialogue notes per goal, and the
-- general voting tables (questions, options, ballots, hand counts) that phone voting reuses.
--
-- Rows named by what they are about (a series is one indicator in one place; an observation is
-- one year of a series; a hand count is one choice of one question) get ids derived from that
-- name, so two laptops typing the same cell produce the same row and merge by last writer wins
-- instead of colliding.

-- NULL: each series starts at its first value. A year (1990 in ECLAC's reports): elapsed time
-- counts from it and the baseline is the value nearest it.
ALTER TABLE workshops ADD COLUMN period_start INTEGER CHECK (period_start IS NULL OR period_start BETWEEN 1950 AND 2100);

CREATE TABLE indicator_series (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    indicator TEXT NOT NULL,
    country TEXT NOT NULL CHECK (length(country) = 2),
    -- NULL: the country as a whole.
    territory_id TEXT REFERENCES territories (id),
    -- NULL: the catalogue's unit.
    unit TEXT,
    -- NULL: by the workshop's period start.
    baseline_year INTEGER CHECK (baseline_year IS NULL OR baseline_year BETWEEN 1950 AND 2100),
    local_target_year INTEGER CHECK (local_target_year IS NULL OR local_target_year BETWEEN 1950 AND 2100),
    local_target_value REAL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    CHECK ((local_target_year IS NULL) = (local_target_value IS NULL))
) STRICT;
CREATE INDEX indicator_series_by_workshop ON indicator_series (workshop_id, indicator);

CREATE TABLE observations (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    series_id TEXT NOT NULL REFERENCES indicator_series (id),
    year INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    -- NULL: not available (a real state, not zero).
    value REAL,
    source TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX observations_by_series ON observations (series_id, year);
CREATE INDEX observations_by_workshop ON observations (workshop_id);

CREATE TABLE national_targets (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    country TEXT NOT NULL CHECK (length(country) = 2),
    indicator TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    value REAL NOT NULL,
    source TEXT NOT NULL CHECK (length(trim(source)) > 0),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX national_targets_by_workshop ON national_targets (workshop_id);

CREATE TABLE workshop_indicators (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    indicator TEXT NOT NULL,
    not_applicable INTEGER NOT NULL CHECK (not_applicable IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX workshop_indicators_by_workshop ON workshop_indicators (workshop_id);

CREATE TABLE goal_notes (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    goal TEXT NOT NULL,
    notes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX goal_notes_by_workshop ON goal_notes (workshop_id);

CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    kind TEXT NOT NULL CHECK (kind IN ('scale', 'single', 'multiple', 'points', 'dots', 'ranking', 'grid')),
    -- What the question is about, e.g. 'relevance:goal:4'; '' for a free question.
    subject TEXT NOT NULL DEFAULT '',
    prompt TEXT NOT NULL DEFAULT '',
    scale_min INTEGER,
    scale_max INTEGER,
    -- points: the total to give (100); dots: the dots each person has; multiple: the most choices.
    budget INTEGER CHECK (budget IS NULL OR budget BETWEEN 1 AND 10000),
    -- Anonymous, one per person: ballots need a printed single-use voting code.
    requires_code INTEGER NOT NULL DEFAULT 0 CHECK (requires_code IN (0, 1)),
    state TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
    revealed INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    CHECK (kind != 'scale' OR (scale_min IS NOT NULL AND scale_max > scale_min))
) STRICT;
CREATE INDEX questions_by_workshop ON questions (workshop_id, subject);

CREATE TABLE question_options (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    question_id TEXT NOT NULL REFERENCES questions (id),
    position INTEGER NOT NULL,
    label TEXT NOT NULL CHECK (length(trim(label)) > 0),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX question_options_by_question ON question_options (question_id, position);

CREATE TABLE ballots (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    question_id TEXT NOT NULL REFERENCES questions (id),
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'paper')),
    -- 'phone:<device token hash>', 'paper:<printed id>' or 'code:<voting code>': one ballot each;
    -- a phone's new ballot replaces its last, a paper id or a voting code counts once.
    voter TEXT NOT NULL CHECK (length(voter) > 0),
    answer TEXT NOT NULL CHECK (json_valid(answer)),
    -- Made by the phone's page: a retry of the same ballot carries the same one.
    client_ballot_id TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX ballots_by_question ON ballots (question_id);

CREATE TABLE hand_counts (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    question_id TEXT NOT NULL REFERENCES questions (id),
    -- The scale value or option id the hands were raised for.
    choice TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count BETWEEN 0 AND 100000),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX hand_counts_by_question ON hand_counts (question_id);

-- Single-use voting codes printed for anonymous one-per-person votes: the app knows which
-- codes voted (ballots.voter), never who held them.
CREATE TABLE voting_codes (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 4 AND 16),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX voting_codes_by_code ON voting_codes (workshop_id, code);

-- Paper ballots printed for a question, each with a short id. Once a question has printed
-- ballots, only their ids can be keyed in (a typo is caught), and each counts once.
CREATE TABLE paper_slips (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    question_id TEXT NOT NULL REFERENCES questions (id),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 4 AND 16),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX paper_slips_by_code ON paper_slips (question_id, code);

-- The phones that joined a voting session. Local to this laptop, never in a bundle: the
-- token is a secret of the phone, kept here only as its SHA-256.
CREATE TABLE phones (
    token_sha256 TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL DEFAULT '',
    joined_at TEXT NOT NULL
) STRICT;
