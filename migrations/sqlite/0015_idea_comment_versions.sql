-- An idea page's list of comments looks the same to every visitor who is not logged in, so the
-- app keeps it rendered (components/ideas/comment_cache.rs). This counter tells it when the
-- list changed: triggers bump it in the writer's own transaction for every insert, update
-- (likes, edits, moderation, erasure) and delete of a comment, so no code path can forget.
-- No foreign key: an idea being deleted cascades into its comments, whose triggers then touch
-- this row; a left-over row is harmless.
CREATE TABLE idea_comment_versions (
    idea_id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL
);

CREATE TRIGGER idea_comment_versions_ins AFTER INSERT ON idea_comments
BEGIN
    INSERT INTO idea_comment_versions (idea_id, version) VALUES (NEW.idea_id, 1)
        ON CONFLICT (idea_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER idea_comment_versions_upd AFTER UPDATE ON idea_comments
BEGIN
    INSERT INTO idea_comment_versions (idea_id, version) VALUES (OLD.idea_id, 1)
        ON CONFLICT (idea_id) DO UPDATE SET version = version + 1;
    INSERT INTO idea_comment_versions (idea_id, version)
        SELECT NEW.idea_id, 1 WHERE NEW.idea_id IS NOT OLD.idea_id
        ON CONFLICT (idea_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER idea_comment_versions_del AFTER DELETE ON idea_comments
BEGIN
    INSERT INTO idea_comment_versions (idea_id, version) VALUES (OLD.idea_id, 1)
        ON CONFLICT (idea_id) DO UPDATE SET version = version + 1;
END;
