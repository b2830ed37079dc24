-- 0001: the installation's device, workshops with their territories and agenda, participants.
-- Rows that travel in bundles carry id (UUIDv7), created_at, updated_at (fixed-width RFC 3339 UTC,
-- so text order is time order) and device_id (the installation that last changed them).
-- Removals are tombstones (deleted = 1) so that they travel like any other edit.

CREATE TABLE device (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id TEXT NOT NULL,
    -- ed25519 secret key that signs this installation's bundles; never exported.
    signing_key BLOB NOT NULL CHECK (length(signing_key) = 32),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date TEXT NOT NULL CHECK (date(end_date) IS end_date AND end_date >= start_date),
    language TEXT NOT NULL CHECK (language IN ('es', 'en', 'pt', 'fr')),
    facilitators TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(facilitators)),
    is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;

CREATE TABLE territories (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    level TEXT NOT NULL CHECK (level IN ('municipality', 'association', 'province', 'department', 'other')),
    country TEXT NOT NULL CHECK (length(country) = 2),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX territories_by_workshop ON territories (workshop_id, position);

CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    stage TEXT NOT NULL CHECK (stage IN ('preparation', 'relevance', 'prioritization', 'actions', 'other')),
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX agenda_items_by_workshop ON agenda_items (workshop_id, position);

CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    gender TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'not_stated')),
    sector TEXT NOT NULL CHECK (sector IN ('public_administration', 'municipality', 'ngo', 'university', 'private', 'community', 'other')),
    institution TEXT NOT NULL DEFAULT '',
    territory_id TEXT REFERENCES territories (id),
    role TEXT NOT NULL DEFAULT '',
    age_band TEXT CHECK (age_band IN ('under_18', 'from_18_to_29', 'from_30_to_44', 'from_45_to_59', 'over_60')),
    email TEXT,
    phone TEXT,
    consent_listed INTEGER NOT NULL CHECK (consent_listed IN (0, 1)),
    attendance TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendance)),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL
) STRICT;
CREATE INDEX participants_by_workshop ON participants (workshop_id);
