-- Makelpunt, part two: a point on the map per space; enquiries with several dates; and
-- enquiries from people without an account. Such an enquiry is `held` (invisible to the
-- provider) until the sender verifies their address through a single-use link (the `tokens`
-- table, purpose verify_email, payload `space-enquiry:<id>`). After that the sender reads and
-- answers the thread through secret links; only the SHA-256 of each link key is stored in
-- `space_guest_keys` (every mail to the sender carries a fresh key).

ALTER TABLE spaces ADD COLUMN lat DOUBLE PRECISION;
ALTER TABLE spaces ADD COLUMN lon DOUBLE PRECISION;

ALTER TABLE space_enquiries ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE space_enquiries ADD COLUMN guest BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE space_enquiries ADD COLUMN guest_name TEXT NOT NULL DEFAULT '';

-- Every date (and part of day) an enquiry asks for; the first one is also in
-- space_enquiries.on_date/part. Agreeing books all of them in one transaction.
CREATE TABLE space_enquiry_dates (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    enquiry_id BIGINT NOT NULL REFERENCES space_enquiries(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon', 'evening')),
    PRIMARY KEY (enquiry_id, on_date, part)
);
INSERT INTO space_enquiry_dates (org_id, enquiry_id, on_date, part)
    SELECT org_id, id, on_date, part FROM space_enquiries;

CREATE TABLE space_guest_keys (
    hash TEXT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    enquiry_id BIGINT NOT NULL REFERENCES space_enquiries(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE INDEX space_guest_keys_enquiry ON space_guest_keys (enquiry_id);

-- Search by weekday and part of day.
CREATE INDEX space_weekly_slot ON space_weekly (org_id, weekday, part);
