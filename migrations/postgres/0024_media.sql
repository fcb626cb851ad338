-- Pictures (issue 18): a project's cover gets the text alternative its uploader gives, as
-- idea images and space photos have; and Makelpunt search shows each space's first photo on
-- its result card, kept in memory with the search facts (spaces/facts.rs), so adding or
-- removing a photo moves the search version like every other column a card shows (deferred
-- to the commit, as the other search triggers, see 0012).
ALTER TABLE projects ADD COLUMN cover_alt TEXT NOT NULL DEFAULT '';

CREATE CONSTRAINT TRIGGER space_photos_search AFTER INSERT OR UPDATE OR DELETE ON space_photos
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION space_search_bump();
