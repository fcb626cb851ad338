-- Ballots, second step (issue 3).
--
-- Per-area ballots: each area's rule is a budget (min_budget..max_budget euros, as before) or
-- a count (min_count..max_count ideas, with `winners` ideas selected in that area).
ALTER TABLE ballot_area_rules ADD COLUMN rule_kind TEXT NOT NULL DEFAULT 'budget' CHECK (rule_kind IN ('budget', 'count'));
ALTER TABLE ballot_area_rules ADD COLUMN min_count BIGINT NOT NULL DEFAULT 0 CHECK (min_count >= 0);
ALTER TABLE ballot_area_rules ADD COLUMN max_count BIGINT NOT NULL DEFAULT 0 CHECK (max_count >= 0);
ALTER TABLE ballot_area_rules ADD COLUMN winners BIGINT NOT NULL DEFAULT 0 CHECK (winners >= 0);

-- Who may vote: an optional minimum age. Members declare their birth date (YYYY-MM-DD) when
-- they first vote on such a ballot; it is kept on their ballot row only, is part of the data
-- download, and is erased with the account.
ALTER TABLE ballot_settings ADD COLUMN min_age BIGINT CHECK (min_age IS NULL OR (min_age >= 0 AND min_age <= 130));
ALTER TABLE ballots ADD COLUMN birth_date TEXT;

-- Budgeting flow: a phase may be a step of participatory budgeting, and a project remembers
-- its current phase, which staff move or `projects::schedule::advance_due` moves when the
-- next phase's start date arrives (conditional UPDATE on the old value: idempotent and safe
-- to run concurrently).
ALTER TABLE phases ADD COLUMN step TEXT NOT NULL DEFAULT '' CHECK (step IN ('', 'submission', 'check', 'voting', 'counting', 'result', 'realisation'));
ALTER TABLE projects ADD COLUMN current_phase_id BIGINT REFERENCES phases(id) ON DELETE SET NULL;
