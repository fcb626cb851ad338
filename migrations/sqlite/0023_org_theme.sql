-- A municipality's theme is its design-token file (issue 18): the tokens, a logo and a
-- favicon, set by staff at /beheer/instellingen/thema or with `meedoen admin theme`.
--
-- theme_version goes up with every change to the theme, so /thema.css?v=… can be cached
-- for a year and still change the moment the theme does. Both columns are read with the
-- municipality on every request (no extra query); logo_upload_id was already there.
ALTER TABLE orgs ADD COLUMN theme_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN favicon_upload_id BIGINT REFERENCES uploads(id) ON DELETE SET NULL;

-- The token file as it was given (validated by web::theme::parse_tokens), and as served:
-- one `:root { … }` block (web::theme::render_css). One row per municipality at most; no
-- row is our default theme.
CREATE TABLE org_themes (
    org_id BIGINT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    source_css TEXT NOT NULL,
    css TEXT NOT NULL,
    token_count BIGINT NOT NULL CHECK (token_count >= 0),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL
);

-- A theme shown with "Voorbeeld bekijken" before it is saved: the preview page links its
-- stylesheet by a random key. Rows older than a day are removed when the next preview is made.
CREATE TABLE theme_previews (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    preview_key TEXT NOT NULL UNIQUE,
    css TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX theme_previews_created ON theme_previews (created_at);
