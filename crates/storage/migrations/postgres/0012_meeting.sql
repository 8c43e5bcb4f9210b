-- The group meeting of a round (R4.2): who came, and whom each attendee ranked after it
-- (up to three of the other side, `q_preference`), on their page or from the paper form.
CREATE TABLE pairing_attendance (
    round_id    BIGINT NOT NULL REFERENCES pairing_rounds(id),
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    person_id   BIGINT NOT NULL REFERENCES persons(id),
    PRIMARY KEY (round_id, person_id)
);
CREATE TABLE pairing_ranks (
    round_id    BIGINT NOT NULL REFERENCES pairing_rounds(id),
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    person_id   BIGINT NOT NULL REFERENCES persons(id),
    place       BIGINT NOT NULL CHECK (place BETWEEN 1 AND 3),
    chosen_id   BIGINT NOT NULL REFERENCES persons(id),
    entered_by  BIGINT REFERENCES users(id),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (round_id, person_id, place)
);

-- The mentee's choice (R4.3): the candidates the curator offered a mentee, in the order
-- shown; the one chosen (by the mentee, or a minor's guardian) becomes a pin.
CREATE TABLE pairing_offers (
    round_id    BIGINT NOT NULL REFERENCES pairing_rounds(id),
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    mentee_id   BIGINT NOT NULL REFERENCES persons(id),
    mentor_id   BIGINT NOT NULL REFERENCES persons(id),
    position    BIGINT NOT NULL,
    chosen_at   TIMESTAMPTZ,
    PRIMARY KEY (round_id, mentee_id, mentor_id)
);

-- Mentees of the waiting list who need the support of the school's educational
-- psychologist while they wait (R4.4).
CREATE TABLE pairing_support (
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    person_id   BIGINT NOT NULL REFERENCES persons(id),
    marked_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, person_id)
);
