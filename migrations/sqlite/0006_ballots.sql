-- The ballot component (participatory budgeting vote). One settings row per component; the
-- ideas on the ballot are the accepted ideas of the linked ideas component.
--
-- Integrity sits in the database:
-- - one ballot per voter per component: UNIQUE (component_id, voter_key), where voter_key is
--   'u:{user_id}' (verified member), 'c:{code_id}' (voting code), 'p:{random}' (paper ballot),
--   later 'oidc:{sub}', and 'x:{ballot_id}' once the person was erased;
-- - each idea at most once per ballot: PRIMARY KEY (ballot_id, idea_id);
-- - ballot_tallies.votes is kept in the same transaction as the choices (CHECK votes >= 0),
--   so results cost O(ideas).
-- Times are unix seconds (UTC); the staff form reads and shows Europe/Amsterdam local time.

CREATE TABLE ballot_settings (
    component_id BIGINT PRIMARY KEY REFERENCES components(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    ideas_component_id BIGINT REFERENCES idea_settings(component_id) ON DELETE SET NULL,
    ballot_type TEXT NOT NULL DEFAULT 'budget' CHECK (ballot_type IN ('count', 'budget', 'per_area')),
    -- per_area ballots: may a voter vote in one area only, or in every area?
    area_scope TEXT NOT NULL DEFAULT 'all' CHECK (area_scope IN ('one', 'all')),
    min_count BIGINT NOT NULL DEFAULT 1 CHECK (min_count >= 0),
    max_count BIGINT NOT NULL DEFAULT 3 CHECK (max_count >= 0),
    min_budget BIGINT NOT NULL DEFAULT 0 CHECK (min_budget >= 0),
    max_budget BIGINT NOT NULL DEFAULT 0 CHECK (max_budget >= 0),
    winners BIGINT NOT NULL DEFAULT 3 CHECK (winners >= 0),
    opens_at BIGINT,
    closes_at BIGINT,
    allow_members BOOLEAN NOT NULL DEFAULT TRUE,
    allow_codes BOOLEAN NOT NULL DEFAULT FALSE,
    confirm_step BOOLEAN NOT NULL DEFAULT TRUE,
    configured BOOLEAN NOT NULL DEFAULT FALSE,
    results_published_at BIGINT
);

-- per_area ballots: a budget per area; ideas in an area without a row cannot be chosen.
CREATE TABLE ballot_area_rules (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    component_id BIGINT NOT NULL REFERENCES ballot_settings(component_id) ON DELETE CASCADE,
    area_id BIGINT NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
    min_budget BIGINT NOT NULL DEFAULT 0 CHECK (min_budget >= 0),
    max_budget BIGINT NOT NULL CHECK (max_budget >= 0),
    PRIMARY KEY (component_id, area_id)
);

-- Voting codes, stored as SHA-256 hex of the normalised code; the code itself is shown once.
CREATE TABLE ballot_codes (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    component_id BIGINT NOT NULL REFERENCES ballot_settings(component_id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (component_id, code_hash)
);

CREATE TABLE ballots (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    component_id BIGINT NOT NULL REFERENCES ballot_settings(component_id) ON DELETE CASCADE,
    voter_key TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    code_id BIGINT REFERENCES ballot_codes(id) ON DELETE SET NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
    entered_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (component_id, voter_key)
);
CREATE INDEX ballots_user ON ballots (org_id, user_id);
CREATE INDEX ballots_component ON ballots (component_id, channel);

CREATE TABLE ballot_choices (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    component_id BIGINT NOT NULL REFERENCES ballot_settings(component_id) ON DELETE CASCADE,
    ballot_id BIGINT NOT NULL REFERENCES ballots(id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    PRIMARY KEY (ballot_id, idea_id)
);
CREATE INDEX ballot_choices_component ON ballot_choices (component_id, idea_id);

CREATE TABLE ballot_tallies (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    component_id BIGINT NOT NULL REFERENCES ballot_settings(component_id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    votes BIGINT NOT NULL DEFAULT 0 CHECK (votes >= 0),
    PRIMARY KEY (component_id, idea_id)
);
