-- 0003: stage 2. Candidates for prioritization, the criteria and their weights (100 points or
-- pairwise comparisons), the decision and its reasons, and the Vester matrix of the causes of the
-- prioritized problem. Phones score candidates on every criterion ('scores' questions) and propose
-- causes ('ideas' questions) through the voting tables.
--
-- As in 0002, rows named by what they are about (a goal proposed as candidate, a default
-- criterion, a pair of criteria, a pair of causes) get ids derived from that name, so the same
-- thing entered on two laptops merges as one row.

-- SQLite cannot change a CHECK: questions is rebuilt with the two new kinds. The rows that refer
-- to it are checked again at commit (defer_foreign_keys lasts until then).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE questions_new (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    kind TEXT NOT NULL CHECK (kind IN ('scale', 'single', 'multiple', 'points', 'dots', 'ranking', 'grid', 'scores', 'ideas')),
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
INSERT INTO questions_new SELECT id, workshop_id, kind, subject, prompt, scale_min, scale_max, budget,
    requires_code, state, revealed, deleted, created_at, updated_at, device_id FROM questions;
DROP TABLE questions;
ALTER TABLE questions_new RENAME TO questions;
CREATE INDEX questions_by_workshop ON questions (workshop_id, subject);

-- A scores question rates its options (the candidates) on each of its criteria.
ALTER TABLE question_options ADD COLUMN axis TEXT NOT NULL DEFAULT 'option' CHECK (axis IN ('option', 'criterion'));

CREATE TABLE candidates (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('goal', 'target')),
    -- The catalogue's code of the goal ('4') or target ('4.A').
    code TEXT NOT NULL CHECK (length(code) > 0),
    -- 'proposed': from the diagnostic; 'added': by the facilitator.
    origin TEXT NOT NULL CHECK (origin IN ('proposed', 'added')),
    position INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX candidates_by_workshop ON candidates (workshop_id, position);

CREATE TABLE criteria (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    -- One of the default criteria ('gap', 'trend', …), shown in the workshop's language; NULL for
    -- a criterion the facilitator wrote.
    key TEXT CHECK (key IS NULL OR key IN ('gap', 'trend', 'vulnerable', 'competence', 'feasibility', 'links', 'urgency')),
    -- The facilitator's wording; '' keeps the translated default.
    label TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    -- Of the 100 points distributed by the facilitator; NULL until typed.
    points INTEGER CHECK (points IS NULL OR points BETWEEN 0 AND 100),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    CHECK (key IS NOT NULL OR length(trim(label)) > 0)
) STRICT;
CREATE INDEX criteria_by_workshop ON criteria (workshop_id, position);

-- Saaty's 1–9 judgements: how much more important `first` is than `second` (1/9 … 9).
CREATE TABLE pairwise_comparisons (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    first_criterion TEXT NOT NULL REFERENCES criteria (id),
    second_criterion TEXT NOT NULL REFERENCES criteria (id),
    value REAL NOT NULL CHECK (value BETWEEN 0.111 AND 9),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    CHECK (first_criterion != second_criterion)
) STRICT;
CREATE INDEX pairwise_by_workshop ON pairwise_comparisons (workshop_id);

-- One row per workshop: how the weights are set, and the decision.
CREATE TABLE prioritizations (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    weight_method TEXT NOT NULL DEFAULT 'equal' CHECK (weight_method IN ('equal', 'points', 'voted', 'pairwise')),
    decision_candidate_id TEXT REFERENCES candidates (id),
    decision_reasons TEXT NOT NULL DEFAULT '',
    decided_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX prioritizations_by_workshop ON prioritizations (workshop_id);

CREATE TABLE vester_causes (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    label TEXT NOT NULL CHECK (length(trim(label)) > 0),
    position INTEGER NOT NULL,
    -- The phones' ideas merged into this cause (a JSON array of texts).
    sources TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources)),
    -- Where the facilitator moved it on the problem tree; NULL: where its quadrant puts it.
    tree_place TEXT CHECK (tree_place IS NULL OR tree_place IN ('root', 'cause', 'effect', 'aside')),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX vester_causes_by_workshop ON vester_causes (workshop_id, position);

-- How much `from_cause` influences `to_cause`: 0 none, 1 weak, 2 medium, 3 strong.
CREATE TABLE vester_influences (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    from_cause TEXT NOT NULL REFERENCES vester_causes (id),
    to_cause TEXT NOT NULL REFERENCES vester_causes (id),
    value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 3),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    CHECK (from_cause != to_cause)
) STRICT;
CREATE INDEX vester_influences_by_workshop ON vester_influences (workshop_id);
