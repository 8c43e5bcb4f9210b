-- A municipal virtual round (R3.4) is a round of the municipality; sending it gives each
-- mentee's school its part: a round of that school, sent to its head, pointing back here.
ALTER TABLE pairing_rounds ADD COLUMN origin_id BIGINT REFERENCES pairing_rounds(id);
CREATE INDEX pairing_rounds_origin ON pairing_rounds(origin_id);
-- A mentor's pairs whichever school's order made them (loads, the mentor's pages).
CREATE INDEX pairs_mentor ON pairs(mentor_id, state);
