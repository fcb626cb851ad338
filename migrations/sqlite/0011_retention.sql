-- Retention per municipality (AVG): how many days after a project ends its voters are
-- anonymised (ballots and poll answers lose the link to the person; their content and the
-- tallies stay), and how long counters derived from IP addresses are kept. OpenStad's
-- default is 60 days. A municipality without a row uses the defaults.
CREATE TABLE org_retention (
    org_id BIGINT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    voter_days BIGINT NOT NULL DEFAULT 60 CHECK (voter_days >= 0 AND voter_days <= 3650),
    ip_days BIGINT NOT NULL DEFAULT 60 CHECK (ip_days >= 0 AND ip_days <= 3650),
    updated_at BIGINT NOT NULL
);

-- Projects whose voters were anonymised, and when: the job does each project once.
CREATE TABLE retention_runs (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    anonymised_at BIGINT NOT NULL,
    rows_changed BIGINT NOT NULL,
    PRIMARY KEY (project_id)
);
