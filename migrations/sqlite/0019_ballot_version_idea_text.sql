-- The vote page now shows the ideas on a ballot from memory, kept at the settings' version
-- (ballot/store.rs, `ballot_ideas`), so the version must also move when an idea's title or
-- summary changes; 0017 left text out. Likes and comment counts still leave it alone.
DROP TRIGGER ideas_ballot_version_upd;
CREATE TRIGGER ideas_ballot_version_upd AFTER UPDATE ON ideas
WHEN OLD.status IS NOT NEW.status
    OR OLD.hidden IS NOT NEW.hidden
    OR OLD.cost IS NOT NEW.cost
    OR OLD.area_id IS NOT NEW.area_id
    OR OLD.component_id IS NOT NEW.component_id
    OR OLD.org_id IS NOT NEW.org_id
    OR OLD.title IS NOT NEW.title
    OR OLD.summary IS NOT NEW.summary BEGIN
    UPDATE ballot_settings SET version = version + 1
        WHERE ideas_component_id IN (OLD.component_id, NEW.component_id);
END;
