-- Makelpunt search keeps each municipality's search facts in memory (spaces/facts.rs) and
-- reloads them when this version moves. Triggers on every table search reads from bump the
-- version inside the writer's own transaction, so no code path can forget to invalidate,
-- and a reader that sees the new data also sees the new version.
--
-- No foreign key to orgs: deleting a municipality cascades into spaces, whose triggers would
-- then write a row for the municipality being deleted. A left-over row is harmless.
CREATE TABLE space_search_versions (
    org_id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0
);

-- One function for every feeding table: each has org_id. An update that moves a row to
-- another municipality (none does today) bumps both.
--
-- The triggers are deferred to the commit: the version row is one hot row per municipality,
-- and locking it at a transaction's first write made two agreements that book overlapping
-- dates deadlock (each holding a booking the other waits for, one waiting for the version
-- row). Taken at commit, after every other lock, it cannot be part of a cycle, and it is
-- still moved in the writer's own transaction.
CREATE FUNCTION space_search_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
            ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.org_id IS DISTINCT FROM NEW.org_id) THEN
        INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
            ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    END IF;
    RETURN NULL;
END
$$;

-- Only columns that search filters, sorts or lists on: a page view (view_count) must not
-- invalidate every node's facts.
CREATE CONSTRAINT TRIGGER spaces_search_ins_del AFTER INSERT OR DELETE ON spaces
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION space_search_bump();
CREATE CONSTRAINT TRIGGER spaces_search_upd AFTER UPDATE ON spaces
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id
        OR OLD.provider_id IS DISTINCT FROM NEW.provider_id
        OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.name IS DISTINCT FROM NEW.name
        OR OLD.area_id IS DISTINCT FROM NEW.area_id
        OR OLD.max_capacity IS DISTINCT FROM NEW.max_capacity
        OR OLD.kitchen IS DISTINCT FROM NEW.kitchen
        OR OLD.av IS DISTINCT FROM NEW.av
        OR OLD.storage IS DISTINCT FROM NEW.storage
        OR OLD.outdoor IS DISTINCT FROM NEW.outdoor
        OR OLD.parking IS DISTINCT FROM NEW.parking
        OR OLD.wifi IS DISTINCT FROM NEW.wifi
        OR OLD.step_free IS DISTINCT FROM NEW.step_free
        OR OLD.accessible_toilet IS DISTINCT FROM NEW.accessible_toilet
        OR OLD.hearing_loop IS DISTINCT FROM NEW.hearing_loop
        OR OLD.lift IS DISTINCT FROM NEW.lift
        OR OLD.price_type IS DISTINCT FROM NEW.price_type
        OR OLD.reminded_at IS DISTINCT FROM NEW.reminded_at
        OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
    EXECUTE FUNCTION space_search_bump();

-- Only the approval status decides whether a provider's spaces are public.
CREATE CONSTRAINT TRIGGER space_providers_search_ins_del AFTER INSERT OR DELETE ON space_providers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION space_search_bump();
CREATE CONSTRAINT TRIGGER space_providers_search_upd AFTER UPDATE ON space_providers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id
        OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION space_search_bump();

-- Districts group neighbourhoods; names and kinds label the neighbourhood filter.
CREATE CONSTRAINT TRIGGER areas_search_ins_del AFTER INSERT OR DELETE ON areas
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION space_search_bump();
CREATE CONSTRAINT TRIGGER areas_search_upd AFTER UPDATE ON areas
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id
        OR OLD.parent_id IS DISTINCT FROM NEW.parent_id
        OR OLD.kind IS DISTINCT FROM NEW.kind
        OR OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION space_search_bump();

-- The activity filter's options.
CREATE CONSTRAINT TRIGGER space_activities_search_ins_del AFTER INSERT OR DELETE ON space_activities
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION space_search_bump();
CREATE CONSTRAINT TRIGGER space_activities_search_upd AFTER UPDATE ON space_activities
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION space_search_bump();

CREATE CONSTRAINT TRIGGER space_activity_links_search_ins_del AFTER INSERT OR DELETE ON space_activity_links
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION space_search_bump();
CREATE CONSTRAINT TRIGGER space_activity_links_search_upd AFTER UPDATE ON space_activity_links
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION space_search_bump();

CREATE CONSTRAINT TRIGGER space_weekly_search_ins_del AFTER INSERT OR DELETE ON space_weekly
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION space_search_bump();
CREATE CONSTRAINT TRIGGER space_weekly_search_upd AFTER UPDATE ON space_weekly
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION space_search_bump();

CREATE CONSTRAINT TRIGGER space_exceptions_search_ins_del AFTER INSERT OR DELETE ON space_exceptions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION space_search_bump();
CREATE CONSTRAINT TRIGGER space_exceptions_search_upd AFTER UPDATE ON space_exceptions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION space_search_bump();

CREATE CONSTRAINT TRIGGER space_bookings_search_ins_del AFTER INSERT OR DELETE ON space_bookings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION space_search_bump();
CREATE CONSTRAINT TRIGGER space_bookings_search_upd AFTER UPDATE ON space_bookings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION space_search_bump();
