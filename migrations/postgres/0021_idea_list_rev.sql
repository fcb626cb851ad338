-- The idea list keeps its cards rendered (components/ideas/render_cache.rs) and checks them
-- against each view's page read narrowly: id, like count, comment count and this revision per
-- card. The revision moves on every change to what a card shows besides its two counts: the
-- idea's own columns, its first image (idea_images, and the stored file of the upload behind
-- it) and its area's name. Triggers move it in the writer's own transaction, so no code path can forget; likes
-- and comments leave it alone (their counts are read directly), so they add no write and no
-- lock: the revision lives on the idea's own row, which those changes update anyway.
ALTER TABLE ideas ADD COLUMN list_rev BIGINT NOT NULL DEFAULT 0;

-- On the row being updated: no second write.
CREATE FUNCTION ideas_list_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.list_rev := OLD.list_rev + 1;
    RETURN NEW;
END
$$;
CREATE TRIGGER ideas_list_rev BEFORE UPDATE ON ideas FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title
        OR OLD.summary IS DISTINCT FROM NEW.summary
        OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.hidden IS DISTINCT FROM NEW.hidden
        OR OLD.cost IS DISTINCT FROM NEW.cost
        OR OLD.area_id IS DISTINCT FROM NEW.area_id)
    EXECUTE FUNCTION ideas_list_rev();

CREATE FUNCTION idea_images_list_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        UPDATE ideas SET list_rev = list_rev + 1 WHERE id = NEW.idea_id;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.idea_id IS DISTINCT FROM NEW.idea_id) THEN
        UPDATE ideas SET list_rev = list_rev + 1 WHERE id = OLD.idea_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER idea_images_list_rev AFTER INSERT OR UPDATE OR DELETE ON idea_images
    FOR EACH ROW EXECUTE FUNCTION idea_images_list_rev();

CREATE FUNCTION areas_list_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ideas SET list_rev = list_rev + 1 WHERE area_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER areas_list_rev AFTER UPDATE ON areas FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION areas_list_rev();

CREATE FUNCTION uploads_list_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ideas SET list_rev = list_rev + 1
        WHERE id IN (SELECT idea_id FROM idea_images WHERE upload_id = NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER uploads_list_rev AFTER UPDATE ON uploads FOR EACH ROW
    WHEN (OLD.storage_key IS DISTINCT FROM NEW.storage_key)
    EXECUTE FUNCTION uploads_list_rev();
