-- A cast writes its choices and counters on SQLite's single writer: every b-tree a row goes
-- into and every foreign-key probe it makes is paid where casts queue. Measured per row of
-- ballot_choices: a rowid table plus its primary-key index, and four parent probes on insert
-- and again on delete (SQLite probes the parent when a child row goes, too).
--
-- - ballot_choices and ballot_tallies become WITHOUT ROWID tables: the primary key is the
--   table, one b-tree instead of two.
-- - The foreign keys to orgs and ballot_settings on ballot_choices, and to orgs on
--   ballot_tallies, go. They only repeated what other keys already cascade: a choice belongs
--   to its ballot (which cascades from its municipality and its ballot settings), and the
--   counters cascade from their ballot settings (which cascade from the municipality). The
--   keys to ballots and ideas stay: they remove choices and counters with their ballot or idea.
--
-- SQLite cannot alter a table's keys, so both tables are rebuilt with their rows.
CREATE TABLE ballot_choices_lean (
    org_id BIGINT NOT NULL,
    component_id BIGINT NOT NULL,
    ballot_id BIGINT NOT NULL REFERENCES ballots(id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    PRIMARY KEY (ballot_id, idea_id)
) WITHOUT ROWID;
INSERT INTO ballot_choices_lean (org_id, component_id, ballot_id, idea_id)
    SELECT org_id, component_id, ballot_id, idea_id FROM ballot_choices;
DROP TABLE ballot_choices;
ALTER TABLE ballot_choices_lean RENAME TO ballot_choices;
CREATE INDEX ballot_choices_component ON ballot_choices (component_id, idea_id);

CREATE TABLE ballot_tallies_lean (
    org_id BIGINT NOT NULL,
    component_id BIGINT NOT NULL REFERENCES ballot_settings(component_id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    shard BIGINT NOT NULL CHECK (shard >= 0),
    votes BIGINT NOT NULL DEFAULT 0 CHECK (votes >= 0),
    PRIMARY KEY (component_id, idea_id, shard)
) WITHOUT ROWID;
INSERT INTO ballot_tallies_lean (org_id, component_id, idea_id, shard, votes)
    SELECT org_id, component_id, idea_id, shard, votes FROM ballot_tallies;
DROP TABLE ballot_tallies;
ALTER TABLE ballot_tallies_lean RENAME TO ballot_tallies;
