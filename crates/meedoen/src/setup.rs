//! Creating municipalities and staff accounts: shared by the `admin` and `demo` commands and
//! by the tests.

use crate::args;
use crate::db::{now, Db};

/// Creates a municipality with its host names. Returns its id.
pub async fn create_org(
    db: &Db,
    name: &str,
    slug: &str,
    email_from: &str,
    hosts: &[&str],
) -> anyhow::Result<i64> {
    let mut tx = db.begin().await?;
    let id: i64 = tx
        .write_scalar(
            "INSERT INTO orgs (name, slug, email_from, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            args![name, slug, email_from, now()],
        )
        .await?;
    for h in hosts {
        tx.run(
            "INSERT INTO org_hosts (host, org_id) VALUES ($1, $2)",
            args![h.to_ascii_lowercase(), id],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Creates a verified account, optionally with roles for the whole municipality (keys such as
/// `admin`, `editor`; the caller checks them against the registry). Returns its id.
pub async fn create_user(
    db: &Db,
    org_id: i64,
    email: &str,
    name: &str,
    password: &str,
    roles: &[&str],
) -> anyhow::Result<i64> {
    let hash = crate::accounts::password::hash(password)?;
    let t = now();
    let mut tx = db.begin().await?;
    let id: i64 = tx
        .write_scalar(
            "INSERT INTO users (org_id, email, display_name, password_hash, email_verified_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            args![org_id, email.trim().to_lowercase(), name, hash, t],
        )
        .await?;
    for r in roles {
        tx.run(
            "INSERT INTO role_assignments (org_id, user_id, role, granted_at) VALUES ($1, $2, $3, $4)",
            args![org_id, id, *r, t],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The id of the municipality with this slug.
pub async fn org_id_by_slug(db: &Db, slug: &str) -> anyhow::Result<i64> {
    db.scalar::<i64>("SELECT id FROM orgs WHERE slug = $1", args![slug])
        .await?
        .ok_or_else(|| anyhow::anyhow!("geen gemeente met slug {slug}"))
}

/// Gives `user_id` the role `role`, limited to an area or a department when given.
pub async fn assign_role(
    db: &Db,
    org_id: i64,
    user_id: i64,
    role: &str,
    scope: crate::module::Scope,
) -> anyhow::Result<()> {
    use crate::module::Scope;
    let (area, department) = match scope {
        Scope::All => (None, None),
        Scope::Area(a) => (Some(a), None),
        Scope::Department(d) => (None, Some(d)),
    };
    db.exec(
        "INSERT INTO role_assignments (org_id, user_id, role, area_id, department_id, granted_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        args![org_id, user_id, role, area, department, now()],
    )
    .await?;
    Ok(())
}
