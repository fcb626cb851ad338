//! `meedoen admin`: create municipalities with host names, and staff accounts.

use clap::Subcommand;

use crate::config::Config;
use crate::db::Db;

#[derive(Subcommand)]
pub enum AdminCmd {
    /// Create a municipality served on the given host names.
    CreateOrg {
        #[arg(long)]
        name: String,
        #[arg(long)]
        slug: String,
        /// Sender address for email, e.g. participatie@enschede.nl
        #[arg(long)]
        email_from: String,
        /// Host name(s), e.g. --host jijmaakt.enschede.nl (repeatable)
        #[arg(long = "host", required = true)]
        hosts: Vec<String>,
    },
    /// Create a staff account (verified) in a municipality.
    CreateStaff {
        /// Slug of the municipality.
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, editor or moderator (repeatable)
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Password; read from MEEDOEN_ADMIN_PASSWORD when omitted.
        #[arg(long, env = "MEEDOEN_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
}

pub async fn run(
    config: &Config,
    cmd: AdminCmd,
    modules: &crate::module::Registry,
) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url).await?;
    crate::db::migrate(&db).await?;
    match cmd {
        AdminCmd::CreateOrg {
            name,
            slug,
            email_from,
            hosts,
        } => {
            let hosts: Vec<&str> = hosts.iter().map(|s| s.as_str()).collect();
            let id = crate::setup::create_org(&db, &name, &slug, &email_from, &hosts).await?;
            println!("gemeente {name} aangemaakt (id {id})");
        }
        AdminCmd::CreateStaff {
            org,
            email,
            name,
            roles,
            password,
        } => {
            if let Some(msg) =
                crate::accounts::password::check_rules(&password, crate::web::i18n::Lang::Nl)
            {
                anyhow::bail!(msg);
            }
            let roles: Vec<&str> = roles
                .iter()
                .map(|r| {
                    modules
                        .role(r)
                        .map(|d| d.key)
                        .ok_or_else(|| anyhow::anyhow!("onbekende rol: {r}"))
                })
                .collect::<anyhow::Result<_>>()?;
            let org_id = crate::setup::org_id_by_slug(&db, &org).await?;
            let id =
                crate::setup::create_user(&db, org_id, &email, &name, &password, &roles).await?;
            println!("account {email} aangemaakt (id {id}); stel bij de eerste keer inloggen tweestapsverificatie in");
        }
    }
    db.close().await;
    Ok(())
}
