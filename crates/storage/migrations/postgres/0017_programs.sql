-- The personalized program of a pair or group (R5.1, TEMPLATES.md §5.1): one per pair, its
-- explanatory note and plan as JSON (domain::program::{Note, PlanItem}), its dates, and a
-- version bumped by every save, so that a form saved over an older version is refused,
-- never silently overwritten.
CREATE TABLE programs (
    id             BIGSERIAL PRIMARY KEY,
    org_id         BIGINT NOT NULL REFERENCES organizations(id),
    pair_id        BIGINT NOT NULL UNIQUE REFERENCES pairs(id),
    state          TEXT NOT NULL,
    start_on       DATE NOT NULL,
    end_on         DATE NOT NULL,
    length_reason  TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL,
    plan           TEXT NOT NULL DEFAULT '[]',
    version        BIGINT NOT NULL DEFAULT 1,
    updated_by     BIGINT REFERENCES users(id),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX programs_org ON programs(org_id, state);

-- Every saved version of a program, as it was (R5.4: who changed what, when).
CREATE TABLE program_versions (
    program_id  BIGINT NOT NULL REFERENCES programs(id),
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    version     BIGINT NOT NULL,
    snapshot    TEXT NOT NULL,
    changed_by  BIGINT REFERENCES users(id),
    changed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (program_id, version)
);
