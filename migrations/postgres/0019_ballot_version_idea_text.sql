-- The vote page now shows the ideas on a ballot from memory, kept at the settings' version
-- (ballot/store.rs, `ballot_ideas`), so the version must also move when an idea's title or
-- summary changes; 0017 left text out. Likes and comment counts still leave it alone.
DROP TRIGGER ideas_ballot_version_upd ON ideas;
CREATE CONSTRAINT TRIGGER ideas_ballot_version_upd AFTER UPDATE ON ideas
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.hidden IS DISTINCT FROM NEW.hidden
        OR OLD.cost IS DISTINCT FROM NEW.cost
        OR OLD.area_id IS DISTINCT FROM NEW.area_id
        OR OLD.component_id IS DISTINCT FROM NEW.component_id
        OR OLD.org_id IS DISTINCT FROM NEW.org_id
        OR OLD.title IS DISTINCT FROM NEW.title
        OR OLD.summary IS DISTINCT FROM NEW.summary)
    EXECUTE FUNCTION ideas_ballot_version();
