-- Who answered an entry's questionnaire: the participant or the guardian of a minor (the
-- entry's page says which; the link that was used is closed with the others).
ALTER TABLE base_entries ADD COLUMN answered_by INTEGER REFERENCES persons(id);
