-- A ballot is validated outside its write transaction; inside it the cast only checks that
-- `ballot_settings.version` is still the version it validated against (ballot/store.rs,
-- `cast`). Triggers move the version on every change that can alter a validation outcome,
-- inside the changing transaction, so no code path can forget it: the settings row itself,
-- its area rules, and the ideas of the linked ideas component (the columns the ballot reads:
-- status, hidden, cost, area, and where it belongs).
ALTER TABLE ballot_settings ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- How often a voter's ballot was replaced (0 = cast once). A first ballot has no old choices
-- to take out and no counters to move back, so the cast skips those statements.
ALTER TABLE ballots ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

-- Any update of the settings row, except the version bump itself: no extra lock, the row is
-- already being updated.
CREATE FUNCTION ballot_settings_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;
CREATE TRIGGER ballot_settings_version BEFORE UPDATE ON ballot_settings
    FOR EACH ROW WHEN (NEW.version = OLD.version) EXECUTE FUNCTION ballot_settings_version();

-- Area rules and ideas bump the settings row of their ballot. Deferred to the commit, like the
-- Makelpunt version (0012): the row lock on the settings row is then the transaction's last
-- lock and cannot be part of a deadlock cycle.
CREATE FUNCTION ballot_area_rules_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        UPDATE ballot_settings SET version = version + 1 WHERE component_id = NEW.component_id;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.component_id IS DISTINCT FROM NEW.component_id) THEN
        UPDATE ballot_settings SET version = version + 1 WHERE component_id = OLD.component_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER ballot_area_rules_version AFTER INSERT OR UPDATE OR DELETE
    ON ballot_area_rules DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ballot_area_rules_version();

CREATE FUNCTION ideas_ballot_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        UPDATE ballot_settings SET version = version + 1
            WHERE ideas_component_id = NEW.component_id;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.component_id IS DISTINCT FROM NEW.component_id) THEN
        UPDATE ballot_settings SET version = version + 1
            WHERE ideas_component_id = OLD.component_id;
    END IF;
    RETURN NULL;
END
$$;
-- Ideas: only the columns a ballot reads. Likes and comment counts must not move it.
CREATE CONSTRAINT TRIGGER ideas_ballot_version_ins_del AFTER INSERT OR DELETE ON ideas
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ideas_ballot_version();
CREATE CONSTRAINT TRIGGER ideas_ballot_version_upd AFTER UPDATE ON ideas
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.hidden IS DISTINCT FROM NEW.hidden
        OR OLD.cost IS DISTINCT FROM NEW.cost
        OR OLD.area_id IS DISTINCT FROM NEW.area_id
        OR OLD.component_id IS DISTINCT FROM NEW.component_id
        OR OLD.org_id IS DISTINCT FROM NEW.org_id)
    EXECUTE FUNCTION ideas_ballot_version();
