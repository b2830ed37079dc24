-- Coordination: the devices a coordinator trusts, what each installation has
-- seen of the others, the conflicts found while merging, the hub's enrollment
-- codes, and a facilitator's sync with a hub. None of these travel in bundles.

-- The installations whose bundles this database accepts when merging for a
-- coordinator. A device is known by its id and pinned to one public key.
CREATE TABLE trusted_devices (
    device_id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL CHECK (length(public_key) = 64),
    label TEXT NOT NULL DEFAULT '',
    -- 'enrolled': through a hub code; 'accepted': by a person, from a file.
    source TEXT NOT NULL CHECK (source IN ('enrolled', 'accepted')),
    created_at TEXT NOT NULL
) STRICT;

-- For each workshop and other device, the creation time (that device's clock)
-- of the newest of its bundles of the workshop merged here, directly or as
-- another device's bundle said. A row of it that device wrote by then was seen.
CREATE TABLE device_knowledge (
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    device_id TEXT NOT NULL,
    seen_until TEXT NOT NULL,
    PRIMARY KEY (workshop_id, device_id)
) STRICT;

-- The same row changed on two devices, neither having seen the other's change.
-- Last writer wins; both versions are kept here for a person to look at.
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    kept_device TEXT NOT NULL,
    kept_updated_at TEXT NOT NULL,
    kept_row TEXT NOT NULL CHECK (json_valid(kept_row)),
    lost_device TEXT NOT NULL,
    lost_updated_at TEXT NOT NULL,
    lost_row TEXT NOT NULL CHECK (json_valid(lost_row)),
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    UNIQUE (table_name, row_id, kept_device, kept_updated_at, lost_device, lost_updated_at)
) STRICT;
CREATE INDEX conflicts_by_workshop ON conflicts (workshop_id, detected_at);

-- The bundles merged here, once each (by the hash of the whole file).
CREATE TABLE received_bundles (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    received_at TEXT NOT NULL
) STRICT;

-- A hub's enrollment codes. Only a hash of the code is kept; the first device
-- that enrolls with it is bound to it for good.
CREATE TABLE enrollment_tokens (
    token_sha256 TEXT PRIMARY KEY CHECK (length(token_sha256) = 64),
    label TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    device_id TEXT,
    public_key TEXT,
    enrolled_at TEXT,
    last_push_at TEXT,
    CHECK ((device_id IS NULL) = (public_key IS NULL) AND (device_id IS NULL) = (enrolled_at IS NULL))
) STRICT;

-- A facilitator's link to a coordinator's hub.
CREATE TABLE sync_settings (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    hub_url TEXT NOT NULL,
    token TEXT NOT NULL,
    enrolled_at TEXT,
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error TEXT
) STRICT;

-- What the hub has acknowledged of each workshop: the hash of its rows as sent.
-- A workshop whose rows hash otherwise is in the outbox.
CREATE TABLE sync_pushed (
    workshop_id TEXT PRIMARY KEY REFERENCES workshops (id),
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
    pushed_at TEXT NOT NULL
) STRICT;
