-- A cast writes its choices and counters; each foreign key is a probe (and a KEY SHARE lock
-- on the parent row) per row. The keys to orgs and ballot_settings on ballot_choices, and to
-- orgs on ballot_tallies, go: they only repeated what other keys already cascade. A choice
-- belongs to its ballot (which cascades from its municipality and its ballot settings), and
-- the counters cascade from their ballot settings (which cascade from the municipality). The
-- keys to ballots and ideas stay. SQLite also makes both tables WITHOUT ROWID (its 0018);
-- PostgreSQL has no such distinction.
ALTER TABLE ballot_choices DROP CONSTRAINT ballot_choices_org_id_fkey;
ALTER TABLE ballot_choices DROP CONSTRAINT ballot_choices_component_id_fkey;
ALTER TABLE ballot_tallies DROP CONSTRAINT ballot_tallies_org_id_fkey;
