-- 0004: stage 3. The matrix of potential actions for the prioritized MDG (strategic lines,
-- actions, their partners from the actor map), the institutional analysis (the municipal areas
-- that manage the MDGs with their capacity, and who holds competence for each target), the
-- agenda of commitments, and the follow-up program with its history. The room's 2×2 vote on
-- impact and feasibility is an ordinary 'grid' question (subject 'actions:impact_feasibility').
--
-- As in 0003, rows named by what they are about (the workshop's plan, a default area, a
-- partner of an action, a target's competence at one level) get ids derived from that name.
-- Status updates are appended, never overwritten: the latest one (by session date, then
-- creation) is an action's status, the others its history.

-- One row per workshop: the plan's default currency and when the stage was closed.
CREATE TABLE action_plans (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    -- ISO 4217, offered for new actions; NULL until chosen.
    currency TEXT CHECK (currency IS NULL OR (length(currency) = 3 AND currency = upper(currency))),
    -- Set when the facilitator closes stage 3 (every action has a responsible unit by then).
    closed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX action_plans_by_workshop ON action_plans (workshop_id);

CREATE TABLE strategic_lines (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    position INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX strategic_lines_by_workshop ON strategic_lines (workshop_id, position);

-- The municipal areas that manage the MDGs, rated for capacity (1 weak … 5 strong).
CREATE TABLE institutional_areas (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    -- One of the default areas, shown in the workshop's language; NULL for an area the
    -- facilitator wrote.
    key TEXT CHECK (key IS NULL OR key IN ('planning', 'finance', 'social_development', 'health', 'education', 'information_systems', 'human_resources', 'coordination', 'participation')),
    -- The facilitator's wording; '' keeps the translated default.
    label TEXT NOT NULL DEFAULT '',
    capacity INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 5),
    gaps TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    CHECK (key IS NOT NULL OR length(trim(label)) > 0)
) STRICT;
CREATE INDEX institutional_areas_by_workshop ON institutional_areas (workshop_id, position);

-- The actor map. Power and interest (1–5) place an actor on the grid; NULL: not placed yet.
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    type TEXT NOT NULL CHECK (type IN ('public', 'private', 'civil_society', 'international', 'academia')),
    -- Towards the plan; NULL: not assessed.
    stance TEXT CHECK (stance IS NULL OR stance IN ('supportive', 'neutral', 'opposed')),
    power INTEGER CHECK (power IS NULL OR power BETWEEN 1 AND 5),
    interest INTEGER CHECK (interest IS NULL OR interest BETWEEN 1 AND 5),
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX actors_by_workshop ON actors (workshop_id, position);

CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    line_id TEXT NOT NULL REFERENCES strategic_lines (id),
    -- Order within its line.
    position INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- The action's goal (meta), in the room's words.
    goal TEXT NOT NULL DEFAULT '',
    -- The catalogue's target it contributes to ('4.A'); NULL: not said.
    mdg_target TEXT CHECK (mdg_target IS NULL OR length(mdg_target) > 0),
    indicator_name TEXT NOT NULL DEFAULT '',
    indicator_unit TEXT NOT NULL DEFAULT '',
    -- The catalogue's indicator when it is one of the 60 ('4.1'); NULL for a local indicator.
    indicator_code TEXT CHECK (indicator_code IS NULL OR length(indicator_code) > 0),
    baseline_value REAL,
    baseline_date TEXT CHECK (baseline_date IS NULL OR date(baseline_date) IS baseline_date),
    target_value REAL,
    target_date TEXT CHECK (target_date IS NULL OR date(target_date) IS target_date),
    -- The municipal unit in charge; '' while the matrix is drafted (closing the stage needs it).
    responsible_unit TEXT NOT NULL DEFAULT '',
    start_date TEXT CHECK (start_date IS NULL OR date(start_date) IS start_date),
    end_date TEXT CHECK (end_date IS NULL OR date(end_date) IS end_date),
    amount REAL CHECK (amount IS NULL OR amount >= 0),
    -- ISO 4217.
    currency TEXT CHECK (currency IS NULL OR (length(currency) = 3 AND currency = upper(currency))),
    funding_source TEXT NOT NULL DEFAULT '',
    area_id TEXT REFERENCES institutional_areas (id),
    risks TEXT NOT NULL DEFAULT '',
    -- The facilitator's placement on the 2×2 (1 low … 5 high); NULL: not placed.
    impact INTEGER CHECK (impact IS NULL OR impact BETWEEN 1 AND 5),
    feasibility INTEGER CHECK (feasibility IS NULL OR feasibility BETWEEN 1 AND 5),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX actions_by_workshop ON actions (workshop_id, line_id, position);

-- The actors an action counts on.
CREATE TABLE action_partners (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    action_id TEXT NOT NULL REFERENCES actions (id),
    actor_id TEXT NOT NULL REFERENCES actors (id),
    -- What the partner brings.
    role TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX action_partners_by_workshop ON action_partners (workshop_id, action_id);

-- Who holds competence for a target of the prioritized MDG: one row per target and level.
CREATE TABLE competences (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    target_code TEXT NOT NULL CHECK (length(target_code) > 0),
    level TEXT NOT NULL CHECK (level IN ('national', 'regional', 'municipal')),
    unit TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX competences_by_workshop ON competences (workshop_id, target_code);

-- The agenda of commitments: who commits to what, by when.
CREATE TABLE commitments (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    who TEXT NOT NULL CHECK (length(trim(who)) > 0),
    -- The institution the person signs for.
    institution TEXT NOT NULL DEFAULT '',
    what TEXT NOT NULL CHECK (length(trim(what)) > 0),
    due_date TEXT CHECK (due_date IS NULL OR date(due_date) IS due_date),
    action_id TEXT REFERENCES actions (id),
    position INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX commitments_by_workshop ON commitments (workshop_id, due_date);

-- The follow-up program: the dates of the review meetings.
CREATE TABLE follow_up_reviews (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    date TEXT NOT NULL CHECK (date(date) IS date),
    title TEXT NOT NULL DEFAULT '',
    -- What the meeting found and agreed, once held.
    notes TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX follow_up_reviews_by_workshop ON follow_up_reviews (workshop_id, date);

-- The value an action's indicator should have reached by a date.
CREATE TABLE indicator_checkpoints (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    action_id TEXT NOT NULL REFERENCES actions (id),
    date TEXT NOT NULL CHECK (date(date) IS date),
    expected_value REAL NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX indicator_checkpoints_by_workshop ON indicator_checkpoints (workshop_id, date);

-- An action's status as a follow-up session found it. Appended, never edited: a correction
-- is a newer row (or the mistaken one withdrawn with deleted = 1).
CREATE TABLE action_status_updates (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    action_id TEXT NOT NULL REFERENCES actions (id),
    session_date TEXT NOT NULL CHECK (date(session_date) IS session_date),
    -- The review meeting it was recorded at, when there was one.
    review_id TEXT REFERENCES follow_up_reviews (id),
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'dropped')),
    -- How far along an action in progress is; only then.
    percent INTEGER CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
    comment TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    CHECK (status = 'in_progress' OR percent IS NULL)
) STRICT;
CREATE INDEX action_status_updates_by_workshop ON action_status_updates (workshop_id, action_id, session_date);

-- A value of an action's indicator, measured on `date` and recorded at follow-up.
CREATE TABLE indicator_values (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    action_id TEXT NOT NULL REFERENCES actions (id),
    date TEXT NOT NULL CHECK (date(date) IS date),
    value REAL NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX indicator_values_by_workshop ON indicator_values (workshop_id, action_id, date);
