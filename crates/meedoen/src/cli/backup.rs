//! `meedoen backup TARGET`: a consistent copy of a live SQLite database via `VACUUM INTO`,
//! which reads one snapshot while the server keeps writing.

use std::path::Path;

use crate::config::Config;
use crate::db::Db;

pub async fn run(config: &Config, to: &Path) -> anyhow::Result<()> {
    if to.exists() {
        anyhow::bail!("{} bestaat al; kies een nieuwe bestandsnaam", to.display());
    }
    let db = Db::connect(&config.database_url).await?;
    let target = to
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("pad is geen geldige tekst"))?;
    match db.sqlite_vacuum_into(target).await {
        Some(done) => {
            done?;
            println!("back-up geschreven naar {}", to.display());
        }
        None => {
            anyhow::bail!(
                "deze database is PostgreSQL: maak een back-up met pg_dump, bijvoorbeeld\n  pg_dump --format=custom --file={} \"$MEEDOEN_DATABASE_URL\"",
                to.display()
            );
        }
    }
    db.close().await;
    Ok(())
}
