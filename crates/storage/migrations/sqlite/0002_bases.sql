-- The bases of mentors and mentees (R3): one entry per person, base and academic year;
-- questionnaire links, the school's own questions, and third-party requests.

CREATE TABLE base_entries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id          INTEGER NOT NULL REFERENCES organizations(id),
    region_id       INTEGER NOT NULL REFERENCES organizations(id),
    start_year      INTEGER NOT NULL,
    base            TEXT NOT NULL CHECK (base IN ('mentors', 'mentees')),
    person_id       INTEGER NOT NULL REFERENCES persons(id),
    status          TEXT NOT NULL,
    category        TEXT,
    teacher         BOOLEAN NOT NULL DEFAULT FALSE,
    sensitive       BOOLEAN NOT NULL DEFAULT FALSE,
    request         TEXT NOT NULL DEFAULT '',
    competences     TEXT NOT NULL DEFAULT '',
    request_source  TEXT,
    form            TEXT,
    entry_date      TEXT,
    agreement       TEXT NOT NULL DEFAULT '',
    trained         TEXT NOT NULL DEFAULT '',
    counterpart     TEXT NOT NULL DEFAULT '',
    program_dates   TEXT NOT NULL DEFAULT '',
    results         TEXT NOT NULL DEFAULT '',
    case_link       TEXT NOT NULL DEFAULT '',
    answers         TEXT NOT NULL DEFAULT '{}',
    answered_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (org_id, start_year, base, person_id)
);
CREATE INDEX base_entries_list ON base_entries(org_id, start_year, base, status);
CREATE INDEX base_entries_person ON base_entries(person_id);
CREATE INDEX base_entries_region ON base_entries(region_id, base, start_year);

CREATE TABLE questionnaire_links (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         INTEGER NOT NULL REFERENCES organizations(id),
    entry_id       INTEGER NOT NULL REFERENCES base_entries(id),
    respondent_id  INTEGER NOT NULL REFERENCES persons(id),
    token_hash     TEXT NOT NULL UNIQUE,
    expires_at     TEXT NOT NULL,
    used_at        TEXT,
    created_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL
);
CREATE INDEX questionnaire_links_entry ON questionnaire_links(entry_id);

CREATE TABLE questions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    base        TEXT NOT NULL CHECK (base IN ('mentors', 'mentees')),
    label       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    options     TEXT NOT NULL DEFAULT '',
    required    BOOLEAN NOT NULL DEFAULT FALSE,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TEXT NOT NULL
);
CREATE INDEX questions_org ON questions(org_id, base);

CREATE TABLE referrals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       INTEGER NOT NULL REFERENCES organizations(id),
    region_id    INTEGER NOT NULL REFERENCES organizations(id),
    subject      TEXT NOT NULL,
    grade        TEXT NOT NULL DEFAULT '',
    problem      TEXT NOT NULL,
    category     TEXT,
    sensitive    BOOLEAN NOT NULL DEFAULT FALSE,
    source       TEXT NOT NULL,
    reporter_id  INTEGER REFERENCES users(id),
    reporter     TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open',
    person_id    INTEGER REFERENCES persons(id),
    entry_id     INTEGER REFERENCES base_entries(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX referrals_org ON referrals(org_id, status, id);

-- A guardian named in an imported student list comes without a birth date.
ALTER TABLE persons ADD COLUMN birth_date_known BOOLEAN NOT NULL DEFAULT TRUE;
