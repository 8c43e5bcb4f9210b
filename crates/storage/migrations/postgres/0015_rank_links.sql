-- Personal links serve two purposes: a mentee's choice of mentor ('choice') and an
-- attendee's ranking after the group meeting ('rank', R4.2).
ALTER TABLE choice_links ADD COLUMN purpose TEXT NOT NULL DEFAULT 'choice';
