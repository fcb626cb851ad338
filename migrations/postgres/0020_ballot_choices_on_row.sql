-- A ballot's choices live on its own row: `ballots.choices` is the chosen idea ids, ascending,
-- comma-separated ('' for none). `prev_choices` holds what they were before the latest change.
-- See the SQLite migration of the same number for why. Here it also takes two statements
-- (delete and insert of choice rows, each a round trip) out of every changed cast and one out
-- of every first cast.
ALTER TABLE ballots ADD COLUMN choices TEXT NOT NULL DEFAULT '';
ALTER TABLE ballots ADD COLUMN prev_choices TEXT;
UPDATE ballots b SET choices = c.list
    FROM (SELECT ballot_id, string_agg(CAST(idea_id AS TEXT), ',' ORDER BY idea_id) AS list
          FROM ballot_choices GROUP BY ballot_id) c
    WHERE c.ballot_id = b.id;
DROP TABLE ballot_choices;
