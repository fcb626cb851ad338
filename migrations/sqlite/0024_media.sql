-- Pictures (issue 18): a project's cover gets the text alternative its uploader gives, as
-- idea images and space photos have; and Makelpunt search shows each space's first photo on
-- its result card, kept in memory with the search facts (spaces/facts.rs), so adding or
-- removing a photo moves the search version like every other column a card shows.
ALTER TABLE projects ADD COLUMN cover_alt TEXT NOT NULL DEFAULT '';

CREATE TRIGGER space_photos_search_ins AFTER INSERT ON space_photos BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_photos_search_del AFTER DELETE ON space_photos BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_photos_search_upd AFTER UPDATE ON space_photos BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
