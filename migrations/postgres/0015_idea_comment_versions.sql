-- An idea page's list of comments looks the same to every visitor who is not logged in, so the
-- app keeps it rendered (components/ideas/comment_cache.rs). This counter tells it when the
-- list changed: a trigger bumps it in the writer's own transaction for every insert, update
-- (likes, edits, moderation, erasure) and delete of a comment, so no code path can forget.
-- No foreign key: an idea being deleted cascades into its comments, whose trigger then touches
-- this row; a left-over row is harmless.
CREATE TABLE idea_comment_versions (
    idea_id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL
);

CREATE FUNCTION idea_comment_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
        INSERT INTO idea_comment_versions (idea_id, version) VALUES (OLD.idea_id, 1)
            ON CONFLICT (idea_id) DO UPDATE SET version = idea_comment_versions.version + 1;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.idea_id IS DISTINCT FROM OLD.idea_id) THEN
        INSERT INTO idea_comment_versions (idea_id, version) VALUES (NEW.idea_id, 1)
            ON CONFLICT (idea_id) DO UPDATE SET version = idea_comment_versions.version + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER idea_comment_versions_bump AFTER INSERT OR UPDATE OR DELETE ON idea_comments
    FOR EACH ROW EXECUTE FUNCTION idea_comment_versions_bump();
