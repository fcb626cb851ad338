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

-- Only columns that search filters, sorts or lists on: a page view (view_count) must not
-- invalidate every node's facts.
CREATE TRIGGER spaces_search_ins AFTER INSERT ON spaces BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER spaces_search_del AFTER DELETE ON spaces BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER spaces_search_upd AFTER UPDATE ON spaces
WHEN OLD.org_id IS NOT NEW.org_id
    OR OLD.provider_id IS NOT NEW.provider_id
    OR OLD.status IS NOT NEW.status
    OR OLD.name IS NOT NEW.name
    OR OLD.area_id IS NOT NEW.area_id
    OR OLD.max_capacity IS NOT NEW.max_capacity
    OR OLD.kitchen IS NOT NEW.kitchen
    OR OLD.av IS NOT NEW.av
    OR OLD.storage IS NOT NEW.storage
    OR OLD.outdoor IS NOT NEW.outdoor
    OR OLD.parking IS NOT NEW.parking
    OR OLD.wifi IS NOT NEW.wifi
    OR OLD.step_free IS NOT NEW.step_free
    OR OLD.accessible_toilet IS NOT NEW.accessible_toilet
    OR OLD.hearing_loop IS NOT NEW.hearing_loop
    OR OLD.lift IS NOT NEW.lift
    OR OLD.price_type IS NOT NEW.price_type
    OR OLD.reminded_at IS NOT NEW.reminded_at
    OR OLD.updated_at IS NOT NEW.updated_at BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;

-- Only the approval status decides whether a provider's spaces are public.
CREATE TRIGGER space_providers_search_ins AFTER INSERT ON space_providers BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_providers_search_del AFTER DELETE ON space_providers BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_providers_search_upd AFTER UPDATE ON space_providers
WHEN OLD.org_id IS NOT NEW.org_id
    OR OLD.status IS NOT NEW.status BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;

-- Districts group neighbourhoods; names and kinds label the neighbourhood filter.
CREATE TRIGGER areas_search_ins AFTER INSERT ON areas BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER areas_search_del AFTER DELETE ON areas BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER areas_search_upd AFTER UPDATE ON areas
WHEN OLD.org_id IS NOT NEW.org_id
    OR OLD.parent_id IS NOT NEW.parent_id
    OR OLD.kind IS NOT NEW.kind
    OR OLD.name IS NOT NEW.name BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;

-- The activity filter's options.
CREATE TRIGGER space_activities_search_ins AFTER INSERT ON space_activities BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_activities_search_del AFTER DELETE ON space_activities BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_activities_search_upd AFTER UPDATE ON space_activities BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;

CREATE TRIGGER space_activity_links_search_ins AFTER INSERT ON space_activity_links BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_activity_links_search_del AFTER DELETE ON space_activity_links BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_activity_links_search_upd AFTER UPDATE ON space_activity_links BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;

CREATE TRIGGER space_weekly_search_ins AFTER INSERT ON space_weekly BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_weekly_search_del AFTER DELETE ON space_weekly BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_weekly_search_upd AFTER UPDATE ON space_weekly BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;

CREATE TRIGGER space_exceptions_search_ins AFTER INSERT ON space_exceptions BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_exceptions_search_del AFTER DELETE ON space_exceptions BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_exceptions_search_upd AFTER UPDATE ON space_exceptions BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;

CREATE TRIGGER space_bookings_search_ins AFTER INSERT ON space_bookings BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_bookings_search_del AFTER DELETE ON space_bookings BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
CREATE TRIGGER space_bookings_search_upd AFTER UPDATE ON space_bookings BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
