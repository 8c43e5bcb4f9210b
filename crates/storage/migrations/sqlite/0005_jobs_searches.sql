-- Import jobs and saved searches live in the database, not in a server's memory: a restart
-- keeps them, and every server on one PostgreSQL sees the same ones.

-- An uploaded list being checked or written. Only the account that uploaded it sees it.
-- The file stays until the job is committed (then it is dropped) or expires.
CREATE TABLE import_jobs (
    id          TEXT PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    kind        TEXT NOT NULL CHECK (kind IN ('students', 'staff', 'mentors', 'mentees')),
    file_name   TEXT NOT NULL,
    start_year  INTEGER,
    step        TEXT NOT NULL CHECK (step IN ('check', 'commit')),
    state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    -- Each run of a step takes the next number; a run writes its outcome only while the
    -- number is still its own (a run cut off and started again cannot overwrite the new one).
    attempt     INTEGER NOT NULL DEFAULT 0,
    stage       TEXT NOT NULL DEFAULT 'reading',
    done_rows   INTEGER NOT NULL DEFAULT 0,
    total_rows  INTEGER NOT NULL DEFAULT 0,
    report      TEXT,
    failure     TEXT,
    committed   BOOLEAN NOT NULL DEFAULT FALSE,
    file        BLOB,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX import_jobs_owner ON import_jobs(org_id, user_id);
CREATE INDEX import_jobs_expires ON import_jobs(expires_at);
CREATE INDEX import_jobs_state ON import_jobs(state);

-- The text typed into a list's search box, behind a random id: the list's URL carries the
-- id, never the name, so Back, reload and bookmarks work without names in URLs or logs.
CREATE TABLE saved_searches (
    id          TEXT PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX saved_searches_owner ON saved_searches(org_id, user_id);
CREATE INDEX saved_searches_expires ON saved_searches(expires_at);
