-- The consent rule (storage::consent_rule) sums up the processing consents of a school's
-- people in one pass: it reads them by school.
CREATE INDEX consents_org ON consents(org_id, kind, person_id);

-- Guardians named in an imported list come without a birth date. Two of them with the
-- same name are the same person only when a contact agrees (the import decides), so the
-- name key is unique only together with a known birth date.
DROP INDEX persons_identity;
CREATE UNIQUE INDEX persons_identity ON persons(org_id, search_key, birth_date) WHERE birth_date_known;
CREATE INDEX persons_name ON persons(org_id, search_key);
