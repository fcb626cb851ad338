-- A ballot is validated on the request's read snapshot, outside the single writer; inside the
-- write transaction the cast only checks that `ballot_settings.version` is still the version
-- it validated against (ballot/store.rs, `cast`). Triggers move the version on every change
-- that can alter a validation outcome, inside the changing transaction, so no code path can
-- forget it: the settings row itself, its area rules, and the ideas of the linked ideas
-- component (the columns the ballot reads: status, hidden, cost, area, and where it belongs).
ALTER TABLE ballot_settings ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- How often a voter's ballot was replaced (0 = cast once). A first ballot has no old choices
-- to take out and no counters to move back, so the cast skips those statements.
ALTER TABLE ballots ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

-- Any update of the settings row, except the version bump itself.
CREATE TRIGGER ballot_settings_version AFTER UPDATE ON ballot_settings
WHEN NEW.version = OLD.version BEGIN
    UPDATE ballot_settings SET version = OLD.version + 1 WHERE component_id = NEW.component_id;
END;

CREATE TRIGGER ballot_area_rules_version_ins AFTER INSERT ON ballot_area_rules BEGIN
    UPDATE ballot_settings SET version = version + 1 WHERE component_id = NEW.component_id;
END;
CREATE TRIGGER ballot_area_rules_version_upd AFTER UPDATE ON ballot_area_rules BEGIN
    UPDATE ballot_settings SET version = version + 1
        WHERE component_id IN (OLD.component_id, NEW.component_id);
END;
CREATE TRIGGER ballot_area_rules_version_del AFTER DELETE ON ballot_area_rules BEGIN
    UPDATE ballot_settings SET version = version + 1 WHERE component_id = OLD.component_id;
END;

-- Ideas: only the columns a ballot reads. Likes and comment counts must not move it.
CREATE TRIGGER ideas_ballot_version_ins AFTER INSERT ON ideas BEGIN
    UPDATE ballot_settings SET version = version + 1 WHERE ideas_component_id = NEW.component_id;
END;
CREATE TRIGGER ideas_ballot_version_upd AFTER UPDATE ON ideas
WHEN OLD.status IS NOT NEW.status
    OR OLD.hidden IS NOT NEW.hidden
    OR OLD.cost IS NOT NEW.cost
    OR OLD.area_id IS NOT NEW.area_id
    OR OLD.component_id IS NOT NEW.component_id
    OR OLD.org_id IS NOT NEW.org_id BEGIN
    UPDATE ballot_settings SET version = version + 1
        WHERE ideas_component_id IN (OLD.component_id, NEW.component_id);
END;
CREATE TRIGGER ideas_ballot_version_del AFTER DELETE ON ideas BEGIN
    UPDATE ballot_settings SET version = version + 1 WHERE ideas_component_id = OLD.component_id;
END;
