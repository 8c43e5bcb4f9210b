-- A teacher-mentor's consent to the added duties of mentoring (TEMPLATES.md §8.11: the
-- order of pairs needs it, 004 §3.5). Not a personal-data consent: a separate record, given
-- on a date and withdrawn on a date, kept as history.
CREATE TABLE duty_consents (
    id            BIGSERIAL PRIMARY KEY,
    org_id        BIGINT NOT NULL REFERENCES organizations(id),
    person_id     BIGINT NOT NULL REFERENCES persons(id),
    given_on      DATE NOT NULL,
    withdrawn_on  DATE,
    recorded_by   BIGINT REFERENCES users(id),
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX duty_consents_person ON duty_consents(org_id, person_id);
