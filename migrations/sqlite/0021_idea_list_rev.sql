-- The idea list keeps its cards rendered (components/ideas/render_cache.rs) and checks them
-- against each view's page read narrowly: id, like count, comment count and this revision per
-- card. The revision moves on every change to what a card shows besides its two counts: the
-- idea's own columns, its first image (idea_images, and the stored file of the upload behind
-- it) and its area's name. Triggers move it in the writer's own transaction, so no code path can forget; likes
-- and comments leave it alone (their counts are read directly), so they add no write.
ALTER TABLE ideas ADD COLUMN list_rev BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER ideas_list_rev AFTER UPDATE OF title, summary, status, hidden, cost, area_id ON ideas
WHEN OLD.title IS NOT NEW.title
    OR OLD.summary IS NOT NEW.summary
    OR OLD.status IS NOT NEW.status
    OR OLD.hidden IS NOT NEW.hidden
    OR OLD.cost IS NOT NEW.cost
    OR OLD.area_id IS NOT NEW.area_id BEGIN
    UPDATE ideas SET list_rev = list_rev + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER idea_images_list_rev_ins AFTER INSERT ON idea_images BEGIN
    UPDATE ideas SET list_rev = list_rev + 1 WHERE id = NEW.idea_id;
END;

CREATE TRIGGER idea_images_list_rev_upd AFTER UPDATE ON idea_images BEGIN
    UPDATE ideas SET list_rev = list_rev + 1 WHERE id IN (OLD.idea_id, NEW.idea_id);
END;

CREATE TRIGGER idea_images_list_rev_del AFTER DELETE ON idea_images BEGIN
    UPDATE ideas SET list_rev = list_rev + 1 WHERE id = OLD.idea_id;
END;

CREATE TRIGGER areas_list_rev AFTER UPDATE OF name ON areas
WHEN OLD.name IS NOT NEW.name BEGIN
    UPDATE ideas SET list_rev = list_rev + 1 WHERE area_id = NEW.id;
END;

CREATE TRIGGER uploads_list_rev AFTER UPDATE OF storage_key ON uploads
WHEN OLD.storage_key IS NOT NEW.storage_key BEGIN
    UPDATE ideas SET list_rev = list_rev + 1
        WHERE id IN (SELECT idea_id FROM idea_images WHERE upload_id = NEW.id);
END;
