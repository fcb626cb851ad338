-- Makelpunt search now keeps the result rows it shows (name, address, provider, neighbourhood,
-- price and point on the map) in memory with the search facts, so a search reads no rows from
-- the database. The version must therefore also move when any of those display columns
-- changes: the spaces trigger gains address, price_cents, lat and lon, and the providers
-- trigger gains the provider's name. Area names were covered already.
DROP TRIGGER spaces_search_upd ON spaces;
CREATE CONSTRAINT TRIGGER spaces_search_upd AFTER UPDATE ON spaces
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id
        OR OLD.provider_id IS DISTINCT FROM NEW.provider_id
        OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.name IS DISTINCT FROM NEW.name
        OR OLD.address IS DISTINCT FROM NEW.address
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
        OR OLD.price_cents IS DISTINCT FROM NEW.price_cents
        OR OLD.lat IS DISTINCT FROM NEW.lat
        OR OLD.lon IS DISTINCT FROM NEW.lon
        OR OLD.reminded_at IS DISTINCT FROM NEW.reminded_at
        OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
    EXECUTE FUNCTION space_search_bump();

DROP TRIGGER space_providers_search_upd ON space_providers;
CREATE CONSTRAINT TRIGGER space_providers_search_upd AFTER UPDATE ON space_providers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id
        OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION space_search_bump();
