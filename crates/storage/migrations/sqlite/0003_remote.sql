-- Ready for remote (online or mixed) mentoring, from the questionnaire: the municipal base
-- finds mentors in other schools for virtual mentoring by it.
ALTER TABLE base_entries ADD COLUMN remote BOOLEAN NOT NULL DEFAULT FALSE;
