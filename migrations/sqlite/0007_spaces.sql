-- Makelpunt: providers of social spaces, their spaces (layouts, facilities, activities,
-- weekly availability and date exceptions) and enquiries with a message thread.
-- Full-text search: SQLite uses the FTS5 table `spaces_fts` (rowid = spaces.id), kept in
-- sync by the application in the same transaction as the change; PostgreSQL uses the
-- generated column `spaces.search_tsv`.

CREATE TABLE space_providers (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('sportclub', 'buurthuis', 'speeltuinvereniging', 'school', 'kerk', 'anders')),
    contact_email TEXT NOT NULL,
    contact_phone TEXT NOT NULL DEFAULT '',
    may_share BOOLEAN NOT NULL CHECK (may_share = TRUE),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decision_reason TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (org_id, name)
);
CREATE INDEX space_providers_status ON space_providers (org_id, status);

CREATE TABLE space_provider_members (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    provider_id BIGINT NOT NULL REFERENCES space_providers(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (provider_id, user_id)
);
CREATE INDEX space_provider_members_user ON space_provider_members (org_id, user_id);

CREATE TABLE space_activities (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE spaces (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    provider_id BIGINT NOT NULL REFERENCES space_providers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    area_id BIGINT REFERENCES areas(id) ON DELETE SET NULL,
    max_capacity BIGINT NOT NULL DEFAULT 0 CHECK (max_capacity >= 0),
    area_m2 BIGINT CHECK (area_m2 IS NULL OR area_m2 >= 0),
    kitchen BOOLEAN NOT NULL DEFAULT FALSE,
    av BOOLEAN NOT NULL DEFAULT FALSE,
    storage BOOLEAN NOT NULL DEFAULT FALSE,
    outdoor BOOLEAN NOT NULL DEFAULT FALSE,
    parking BOOLEAN NOT NULL DEFAULT FALSE,
    wifi BOOLEAN NOT NULL DEFAULT FALSE,
    step_free BOOLEAN NOT NULL DEFAULT FALSE,
    accessible_toilet BOOLEAN NOT NULL DEFAULT FALSE,
    hearing_loop BOOLEAN NOT NULL DEFAULT FALSE,
    lift BOOLEAN NOT NULL DEFAULT FALSE,
    price_type TEXT NOT NULL DEFAULT 'free' CHECK (price_type IN ('free', 'cost', 'request', 'amount')),
    price_cents BIGINT CHECK (price_cents IS NULL OR price_cents >= 0),
    house_rules TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    -- set when staff unpublish a listing; cleared when the provider publishes it again
    unpublished_reason TEXT NOT NULL DEFAULT '',
    -- freshness: the provider last confirmed the listing at confirmed_at; a reminder went out
    -- at reminded_at (NULL when none is pending). Two weeks after a reminder the listing
    -- drops out of search until it is confirmed.
    confirmed_at BIGINT NOT NULL DEFAULT 0,
    -- public page views by people outside the provider
    view_count BIGINT NOT NULL DEFAULT 0 CHECK (view_count >= 0),
    reminded_at BIGINT,
    -- activity names, denormalised for full-text search
    activities_text TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX spaces_org ON spaces (org_id, status, provider_id);
CREATE INDEX spaces_provider ON spaces (provider_id);
CREATE INDEX spaces_freshness ON spaces (status, confirmed_at);

CREATE VIRTUAL TABLE spaces_fts USING fts5 (name, description, activities, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE space_layouts (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    space_id BIGINT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    layout TEXT NOT NULL CHECK (layout IN ('seated', 'standing', 'tables')),
    capacity BIGINT NOT NULL CHECK (capacity > 0),
    PRIMARY KEY (space_id, layout)
);

CREATE TABLE space_activity_links (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    space_id BIGINT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    activity_id BIGINT NOT NULL REFERENCES space_activities(id) ON DELETE CASCADE,
    PRIMARY KEY (space_id, activity_id)
);
CREATE INDEX space_activity_links_activity ON space_activity_links (activity_id);

-- weekday 0 = Monday .. 6 = Sunday
CREATE TABLE space_weekly (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    space_id BIGINT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    weekday BIGINT NOT NULL CHECK (weekday >= 0 AND weekday <= 6),
    part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon', 'evening')),
    PRIMARY KEY (space_id, weekday, part)
);

CREATE TABLE space_exceptions (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    space_id BIGINT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon', 'evening')),
    kind TEXT NOT NULL CHECK (kind IN ('closed', 'extra')),
    PRIMARY KEY (space_id, on_date, part)
);
CREATE INDEX space_exceptions_date ON space_exceptions (org_id, on_date);

CREATE TABLE space_enquiries (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    space_id BIGINT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    sender_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    activity TEXT NOT NULL,
    on_date TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon', 'evening')),
    people BIGINT NOT NULL CHECK (people > 0),
    state TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'answered', 'agreed', 'declined', 'withdrawn', 'cancelled')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX space_enquiries_space ON space_enquiries (org_id, space_id, state);
CREATE INDEX space_enquiries_sender ON space_enquiries (org_id, sender_id);

CREATE TABLE space_enquiry_messages (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    enquiry_id BIGINT NOT NULL REFERENCES space_enquiries(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    from_provider BOOLEAN NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX space_enquiry_messages_enquiry ON space_enquiry_messages (enquiry_id, created_at);

-- An agreed enquiry blocks its part of the day: one booking per space, date and part, so
-- two parallel agreements for the same slot leave only one.
CREATE TABLE space_bookings (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    space_id BIGINT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon', 'evening')),
    enquiry_id BIGINT NOT NULL REFERENCES space_enquiries(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (space_id, on_date, part)
);
CREATE INDEX space_bookings_date ON space_bookings (org_id, on_date);

-- A provider member invites a colleague by email; the invite is claimed when a member with
-- that (verified) address opens the Makelpunt provider page.
CREATE TABLE space_provider_invites (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    provider_id BIGINT NOT NULL REFERENCES space_providers(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    accepted_at BIGINT,
    UNIQUE (provider_id, email)
);
CREATE INDEX space_provider_invites_email ON space_provider_invites (org_id, email);

-- Photos of a space (images stored through the uploads module), with a required text
-- alternative.
CREATE TABLE space_photos (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    space_id BIGINT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    upload_id BIGINT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    alt TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX space_photos_space ON space_photos (space_id, id);
