-- Ballot counters split into shards (ballot::store::TALLY_SHARDS = 32 rows per idea at most).
--
-- A cast keeps its counter rows locked until its commit is durable, so with one row per idea
-- concurrent voters of the same idea queued on that row, each until the previous one's commit
-- was flushed. A ballot now adds to, and on a change takes back from, the row of shard
-- `ballot_id % 32` only, so CHECK (votes >= 0) holds per row; readers sum over the shards.
--
-- The counters are rebuilt from the stored choices (they are equal: both move in the same
-- transaction), each ballot's votes in its own shard: a ballot cast before this migration and
-- changed after it must find its votes where it takes them back. The result equals SQLite's
-- rebuilt table. The lock keeps casts of nodes still running from adding choices while the
-- counters are rebuilt from them.
LOCK TABLE ballot_tallies, ballot_choices IN EXCLUSIVE MODE;
ALTER TABLE ballot_tallies DROP CONSTRAINT ballot_tallies_pkey;
ALTER TABLE ballot_tallies ADD COLUMN shard BIGINT NOT NULL DEFAULT 0 CHECK (shard >= 0);
ALTER TABLE ballot_tallies ALTER COLUMN shard DROP DEFAULT;
DELETE FROM ballot_tallies;
INSERT INTO ballot_tallies (org_id, component_id, idea_id, shard, votes)
    SELECT org_id, component_id, idea_id, ballot_id % 32, COUNT(*) FROM ballot_choices
    GROUP BY org_id, component_id, idea_id, ballot_id % 32;
ALTER TABLE ballot_tallies ADD PRIMARY KEY (component_id, idea_id, shard);
