-- Makelpunt search now keeps the result rows it shows (name, address, provider, neighbourhood,
-- price and point on the map) in memory with the search facts, so a search reads no rows from
-- the database. The version must therefore also move when any of those display columns
-- changes: the spaces trigger gains address, price_cents, lat and lon, and the providers
-- trigger gains the provider's name. Area names were covered already.
DROP TRIGGER spaces_search_upd;
CREATE TRIGGER spaces_search_upd AFTER UPDATE ON spaces
WHEN OLD.org_id IS NOT NEW.org_id
    OR OLD.provider_id IS NOT NEW.provider_id
    OR OLD.status IS NOT NEW.status
    OR OLD.name IS NOT NEW.name
    OR OLD.address IS NOT NEW.address
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
    OR OLD.price_cents IS NOT NEW.price_cents
    OR OLD.lat IS NOT NEW.lat
    OR OLD.lon IS NOT NEW.lon
    OR OLD.reminded_at IS NOT NEW.reminded_at
    OR OLD.updated_at IS NOT NEW.updated_at BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;

DROP TRIGGER space_providers_search_upd;
CREATE TRIGGER space_providers_search_upd AFTER UPDATE ON space_providers
WHEN OLD.org_id IS NOT NEW.org_id
    OR OLD.status IS NOT NEW.status
    OR OLD.name IS NOT NEW.name BEGIN
    INSERT INTO space_search_versions (org_id, version) VALUES (NEW.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
    INSERT INTO space_search_versions (org_id, version) VALUES (OLD.org_id, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = space_search_versions.version + 1;
END;
