-- Core schema: municipalities, areas, accounts, sessions, tokens, rate counters, outbox,
-- audit log, uploads, projects and the component registry, and the poll component.
-- Timestamps are BIGINT seconds since the Unix epoch on both backends.

CREATE TABLE orgs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    default_lang TEXT NOT NULL DEFAULT 'nl' CHECK (default_lang IN ('nl', 'en')),
    email_from TEXT NOT NULL,
    primary_color TEXT NOT NULL DEFAULT '#c4001a',
    secondary_color TEXT NOT NULL DEFAULT '#1d3b6e',
    font TEXT NOT NULL DEFAULT 'system-ui, sans-serif',
    logo_upload_id BIGINT,
    privacy_md TEXT NOT NULL DEFAULT '',
    accessibility_md TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE org_hosts (
    host TEXT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE
);

CREATE TABLE areas (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES areas(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('district', 'neighbourhood')),
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    geojson TEXT,
    UNIQUE (org_id, slug)
);
CREATE INDEX areas_org ON areas (org_id, parent_id);

CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    UNIQUE (org_id, slug)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email TEXT,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    email_verified_at BIGINT,
    notify_pref TEXT NOT NULL DEFAULT 'immediate' CHECK (notify_pref IN ('immediate', 'digest', 'off')),
    lang TEXT,
    totp_secret TEXT,
    totp_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT,
    UNIQUE (org_id, email)
);

CREATE TABLE roles (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'moderator')),
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, role)
);
CREATE INDEX roles_org ON roles (org_id);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    second_factor_ok BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'magic_link', 'reset_password', 'change_email')),
    payload TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id);

-- Fixed-window counters for throttling (failed logins per account and per IP, mail sends).
CREATE TABLE rate_counters (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'held')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_org ON outbox (org_id, id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT,
    detail TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_org ON audit_log (org_id, id);

CREATE TABLE uploads (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    owner_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    storage_key TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body_md TEXT NOT NULL DEFAULT '',
    cover_upload_id BIGINT REFERENCES uploads(id) ON DELETE SET NULL,
    area_id BIGINT REFERENCES areas(id) ON DELETE SET NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (org_id, slug)
);
CREATE INDEX projects_org_status ON projects (org_id, status, updated_at);

CREATE TABLE project_themes (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    theme_id BIGINT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, theme_id)
);

CREATE TABLE phases (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX phases_project ON phases (project_id, starts_on);

CREATE TABLE project_updates (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL,
    published_at BIGINT NOT NULL
);
CREATE INDEX updates_project ON project_updates (project_id, published_at);

-- A participation component placed in a project (poll, ideas, ...). `kind` names the
-- component in the registry; its own tables hang off components.id.
CREATE TABLE components (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX components_project ON components (project_id, position);

CREATE TABLE polls (
    component_id BIGINT PRIMARY KEY REFERENCES components(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    is_open BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE poll_choices (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    component_id BIGINT NOT NULL REFERENCES polls(component_id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    position BIGINT NOT NULL,
    -- kept in the same transaction as the answer insert, so results cost O(choices)
    answers BIGINT NOT NULL DEFAULT 0 CHECK (answers >= 0)
);
CREATE INDEX poll_choices_component ON poll_choices (component_id, position);

CREATE TABLE poll_answers (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    component_id BIGINT NOT NULL REFERENCES polls(component_id) ON DELETE CASCADE,
    choice_id BIGINT NOT NULL REFERENCES poll_choices(id) ON DELETE CASCADE,
    -- NULL after the member deleted their account: the answer still counts, the person is gone
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (component_id, user_id)
);
