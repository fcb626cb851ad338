//! Demo content (to be completed by the demo loader).

use crate::config::Config;

pub async fn load_if_empty(config: &Config) -> anyhow::Result<()> {
    let db = crate::db::Db::connect(&config.database_url).await?;
    crate::db::migrate(&db).await?;
    db.close().await;
    Ok(())
}
