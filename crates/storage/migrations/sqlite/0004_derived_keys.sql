-- PostgreSQL's 0004 drops the foreign keys of derived copies of the school's region (see
-- there). SQLite checks a foreign key with an index lookup that costs next to nothing, and
-- dropping one means rebuilding the table: its keys stay. This file keeps the numbering of
-- the two backends' migrations in step.
SELECT 1;
