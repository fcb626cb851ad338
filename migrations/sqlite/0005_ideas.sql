-- The ideas component: settings per component, ideas with statuses and official answers,
-- co-authors, likes, threaded comments (3 levels) with likes, and flags for moderation.
-- Counters (like_count, comment_count, flag_count) change in the same transaction as the
-- rows they count; UNIQUE constraints keep one like / one flag per member per item.

CREATE TABLE idea_settings (
    component_id BIGINT PRIMARY KEY REFERENCES components(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    opens_on TEXT NOT NULL DEFAULT '',
    closes_on TEXT NOT NULL DEFAULT '',
    comments_open BOOLEAN NOT NULL DEFAULT TRUE,
    title_min BIGINT NOT NULL DEFAULT 10,
    title_max BIGINT NOT NULL DEFAULT 50,
    summary_min BIGINT NOT NULL DEFAULT 20,
    summary_max BIGINT NOT NULL DEFAULT 140,
    description_min BIGINT NOT NULL DEFAULT 140,
    description_max BIGINT NOT NULL DEFAULT 5000,
    flag_threshold BIGINT NOT NULL DEFAULT 3 CHECK (flag_threshold >= 1),
    configured BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE ideas (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    component_id BIGINT NOT NULL REFERENCES idea_settings(component_id) ON DELETE CASCADE,
    -- NULL once the author erased their account: the idea and its counts stay
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    cost BIGINT NOT NULL DEFAULT 0 CHECK (cost >= 0),
    area_id BIGINT REFERENCES areas(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'merged', 'redirected', 'rejected', 'selected', 'realised')),
    answer TEXT NOT NULL DEFAULT '',
    redirect_to TEXT NOT NULL DEFAULT '',
    merged_into_id BIGINT REFERENCES ideas(id) ON DELETE SET NULL,
    like_count BIGINT NOT NULL DEFAULT 0 CHECK (like_count >= 0),
    comment_count BIGINT NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
    flag_count BIGINT NOT NULL DEFAULT 0 CHECK (flag_count >= 0),
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT
);
CREATE INDEX ideas_component ON ideas (component_id, status, created_at);
CREATE INDEX ideas_user ON ideas (org_id, user_id);
CREATE INDEX ideas_flagged ON ideas (org_id, flag_count);

CREATE TABLE idea_themes (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    theme_id BIGINT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    PRIMARY KEY (idea_id, theme_id)
);
CREATE INDEX idea_themes_theme ON idea_themes (theme_id, idea_id);

-- The author and, after merges, the authors of the ideas merged into this one.
CREATE TABLE idea_authors (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (idea_id, user_id)
);
CREATE INDEX idea_authors_user ON idea_authors (user_id);

CREATE TABLE idea_likes (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (idea_id, user_id)
);
CREATE INDEX idea_likes_user ON idea_likes (org_id, user_id);

CREATE TABLE idea_comments (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES idea_comments(id) ON DELETE CASCADE,
    -- 0 for a reaction on the idea, 1 and 2 for replies: three levels at most
    depth BIGINT NOT NULL DEFAULT 0 CHECK (depth >= 0 AND depth <= 2),
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL DEFAULT 'neutral' CHECK (stance IN ('for', 'against', 'neutral')),
    body TEXT NOT NULL,
    like_count BIGINT NOT NULL DEFAULT 0 CHECK (like_count >= 0),
    flag_count BIGINT NOT NULL DEFAULT 0 CHECK (flag_count >= 0),
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX idea_comments_idea ON idea_comments (idea_id, created_at);
CREATE INDEX idea_comments_user ON idea_comments (org_id, user_id);
CREATE INDEX idea_comments_flagged ON idea_comments (org_id, flag_count);

CREATE TABLE idea_comment_likes (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    comment_id BIGINT NOT NULL REFERENCES idea_comments(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (comment_id, user_id)
);
CREATE INDEX idea_comment_likes_user ON idea_comment_likes (org_id, user_id);

-- A member's report about an idea or a comment. `resolved` turns TRUE when a moderator decided.
CREATE TABLE idea_flags (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    target_type TEXT NOT NULL CHECK (target_type IN ('idea', 'comment')),
    target_id BIGINT NOT NULL,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    resolved BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    UNIQUE (target_type, target_id, user_id)
);
CREATE INDEX idea_flags_open ON idea_flags (org_id, resolved, target_type, target_id);
