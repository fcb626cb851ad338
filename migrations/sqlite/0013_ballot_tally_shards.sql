-- Ballot counters with a shard column, the same table as on PostgreSQL.
--
-- On PostgreSQL a cast keeps its counter rows locked until its commit is durable, so with one
-- row per idea concurrent voters of the same idea queued on that row; there a ballot now moves
-- the row of shard `ballot_id % 32` only (ballot::store::TALLY_SHARDS). SQLite has a single
-- writer and nothing to spread, so it keeps one row per idea: every ballot uses shard 0
-- (ballot::store::tally_shards). Readers sum over the shards on both backends.
--
-- SQLite cannot change a primary key, so the table is rebuilt and the counters are copied
-- into shard 0.
CREATE TABLE ballot_tallies_sharded (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    component_id BIGINT NOT NULL REFERENCES ballot_settings(component_id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    shard BIGINT NOT NULL CHECK (shard >= 0),
    votes BIGINT NOT NULL DEFAULT 0 CHECK (votes >= 0),
    PRIMARY KEY (component_id, idea_id, shard)
);
INSERT INTO ballot_tallies_sharded (org_id, component_id, idea_id, shard, votes)
    SELECT org_id, component_id, idea_id, 0, votes FROM ballot_tallies;
DROP TABLE ballot_tallies;
ALTER TABLE ballot_tallies_sharded RENAME TO ballot_tallies;
