-- Ideas, second part: images (up to five per idea, each with a required text alternative),
-- an optional map point, followers, and realisation updates. Also indexes that keep the
-- idea list's sorts index-backed as a project grows.

ALTER TABLE ideas ADD COLUMN lat REAL;
ALTER TABLE ideas ADD COLUMN lon REAL;

-- Images of an idea, stored through the uploads module. Positions 1..5 are unique per idea,
-- so no sequence of requests can attach a sixth image; an upload belongs to one idea at most.
CREATE TABLE idea_images (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    upload_id BIGINT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    position BIGINT NOT NULL CHECK (position >= 1 AND position <= 5),
    alt TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (idea_id, position),
    UNIQUE (upload_id)
);

-- Members who follow an idea get an email for each realisation update.
CREATE TABLE idea_follows (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    UNIQUE (idea_id, user_id)
);
CREATE INDEX idea_follows_user ON idea_follows (org_id, user_id);

-- Progress of a selected idea while it is being realised.
CREATE TABLE idea_updates (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    status_text TEXT NOT NULL,
    percent BIGINT NOT NULL CHECK (percent >= 0 AND percent <= 100),
    body TEXT NOT NULL,
    upload_id BIGINT REFERENCES uploads(id) ON DELETE SET NULL,
    photo_alt TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX idea_updates_idea ON idea_updates (idea_id, created_at);

-- The list's sorts walk these in order instead of sorting every idea of the component.
CREATE INDEX ideas_list_new ON ideas (component_id, created_at, id);
CREATE INDEX ideas_list_likes ON ideas (component_id, like_count, id);
CREATE INDEX ideas_list_comments ON ideas (component_id, comment_count, id);
