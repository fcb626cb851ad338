-- A ballot's choices live on its own row: `ballots.choices` is the chosen idea ids, ascending,
-- comma-separated ('' for none). `prev_choices` holds what they were before the latest change.
--
-- Why: on SQLite every write waits for the single writer, and the choices were two b-trees
-- (the table and its index by idea) with a foreign-key probe to the ballot and to the idea
-- per row, inserted on every cast and deleted on every change. A cast now writes the ballot
-- row and the counters only. The upsert learns the old choices in the same statement:
-- `DO UPDATE SET prev_choices = ballots.choices, choices = excluded.choices ... RETURNING
-- prev_choices` (SET is evaluated against the old row on both backends).
--
-- Nothing reads choices per idea: results come from ballot_tallies. An idea that is removed
-- (which cascades its counters) may still be named in a ballot's text; readers keep only ideas
-- that exist (ballot/store.rs).
ALTER TABLE ballots ADD COLUMN choices TEXT NOT NULL DEFAULT '';
ALTER TABLE ballots ADD COLUMN prev_choices TEXT;
UPDATE ballots SET choices = COALESCE((
    SELECT group_concat(idea_id, ',') FROM (
        SELECT idea_id FROM ballot_choices WHERE ballot_id = ballots.id ORDER BY idea_id
    )
), '');
DROP TABLE ballot_choices;
