-- Foundation: organizations, accounts, sessions, participants, consents, audit.
-- Every tenant table carries org_id (the school) and region_id (the shard key).

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL CHECK (kind IN ('region', 'municipality', 'school')),
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL,
    parent_id   INTEGER REFERENCES organizations(id),
    region_id   INTEGER REFERENCES organizations(id),
    timezone    TEXT NOT NULL DEFAULT 'Europe/Moscow',
    created_at  TEXT NOT NULL
);
CREATE INDEX organizations_parent ON organizations(parent_id);

CREATE TABLE academic_years (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    start_year  INTEGER NOT NULL,
    is_current  BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (org_id, start_year)
);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    login            TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    person_id        INTEGER,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    totp_secret      TEXT,
    totp_enabled     BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins    INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT,
    created_at       TEXT NOT NULL
);

CREATE TABLE role_assignments (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id  INTEGER NOT NULL REFERENCES users(id),
    role     TEXT NOT NULL,
    org_id   INTEGER NOT NULL REFERENCES organizations(id),
    UNIQUE (user_id, role, org_id)
);
CREATE INDEX role_assignments_org ON role_assignments(org_id);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    user_id     INTEGER,
    data        TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash  TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    role        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT,
    revoked     BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE persons (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id            INTEGER NOT NULL REFERENCES organizations(id),
    region_id         INTEGER NOT NULL REFERENCES organizations(id),
    last_name         TEXT NOT NULL,
    first_name        TEXT NOT NULL,
    patronymic        TEXT,
    search_key        TEXT NOT NULL,
    birth_date        TEXT NOT NULL,
    category          TEXT NOT NULL,
    details           TEXT NOT NULL,
    grade             INTEGER,
    place             TEXT NOT NULL DEFAULT '',
    phone             TEXT,
    email             TEXT,
    age_exception     BOOLEAN NOT NULL DEFAULT FALSE,
    withdrawn         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX persons_identity ON persons(org_id, search_key, birth_date);
CREATE INDEX persons_list ON persons(org_id, withdrawn, search_key, id);
CREATE INDEX persons_category ON persons(org_id, category);

CREATE TABLE guardianships (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         INTEGER NOT NULL REFERENCES organizations(id),
    minor_id       INTEGER NOT NULL REFERENCES persons(id),
    guardian_id    INTEGER NOT NULL REFERENCES persons(id),
    relation       TEXT NOT NULL,
    authority_doc  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (minor_id, guardian_id)
);
CREATE INDEX guardianships_guardian ON guardianships(guardian_id);

CREATE TABLE consents (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id            INTEGER NOT NULL REFERENCES organizations(id),
    person_id         INTEGER NOT NULL REFERENCES persons(id),
    kind              TEXT NOT NULL CHECK (kind IN ('processing', 'dissemination')),
    guardian_id       INTEGER REFERENCES persons(id),
    authority_doc     TEXT,
    purpose           TEXT NOT NULL,
    given_on          TEXT NOT NULL,
    document_ref      TEXT NOT NULL,
    withdrawn_on      TEXT,
    withdrawn_reason  TEXT,
    recorded_by       INTEGER REFERENCES users(id),
    created_at        TEXT NOT NULL
);
CREATE INDEX consents_person ON consents(person_id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      INTEGER NOT NULL,
    person_id   INTEGER,
    user_id     INTEGER,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
);
CREATE INDEX audit_person ON audit_log(person_id, id);
