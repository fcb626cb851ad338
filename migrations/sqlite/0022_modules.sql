-- One shape for every module (issue 17).
--
-- Departments of the municipality: a role assignment may be limited to one (a department
-- owner on the initiatives desk, say).
CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (org_id, slug)
);

-- Roles are data that modules declare (module/access.rs), so the database no longer lists
-- them; an assignment may carry a scope: one area or one department, never both. The
-- unique index reads a missing scope as 0, so "editor everywhere" exists once (a plain
-- UNIQUE would let NULLs repeat).
CREATE TABLE role_assignments (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (length(role) BETWEEN 1 AND 60),
    area_id BIGINT REFERENCES areas(id) ON DELETE CASCADE,
    department_id BIGINT REFERENCES departments(id) ON DELETE CASCADE,
    granted_at BIGINT NOT NULL,
    granted_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    CHECK (area_id IS NULL OR department_id IS NULL)
);
CREATE UNIQUE INDEX role_assignments_unique
    ON role_assignments (user_id, role, COALESCE(area_id, 0), COALESCE(department_id, 0));
CREATE INDEX role_assignments_org ON role_assignments (org_id, role);

INSERT INTO role_assignments (org_id, user_id, role, granted_at)
    SELECT org_id, user_id, role, granted_at FROM roles;
DROP TABLE roles;

-- Modules a municipality switched off, comma-separated keys (read with the municipality
-- on every request, so no extra query).
ALTER TABLE orgs ADD COLUMN modules_off TEXT NOT NULL DEFAULT '';

-- Every workflow step of every module (db/workflow.rs): who moved what from which state to
-- which, when, and why.
CREATE TABLE workflow_history (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    workflow TEXT NOT NULL,
    object_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX workflow_history_object ON workflow_history (org_id, workflow, object_id, id);
