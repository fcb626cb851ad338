//! Password hashing (argon2id) and the password rules.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

pub const MIN_LEN: usize = 12;

/// A short list of passwords people pick that pass a length check anyway.
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "password1234",
    "wachtwoord12",
    "wachtwoord123",
    "wachtwoord1234",
    "qwertyuiopas",
    "qwerty123456",
    "welkom123456",
    "welkomwelkom",
    "passwordpassword",
    "000000000000",
    "111111111111",
    "abcdefghijkl",
    "iloveyou1234",
    "letmein12345",
    "enschede1234",
    "zomer2024zomer",
    "voetbal12345",
    "geheimgeheim",
    "wachtwoordwachtwoord",
    "administrator",
    "aaaaaaaaaaaa",
];

/// Returns a Dutch (B1) message when the password is not acceptable.
pub fn check_rules(pw: &str, lang: crate::web::i18n::Lang) -> Option<String> {
    if pw.chars().count() < MIN_LEN {
        return Some(crate::web::i18n::t_args(
            lang,
            "error-password-short",
            &[("min", MIN_LEN.to_string())],
        ));
    }
    let lower = pw.to_lowercase();
    if COMMON.contains(&lower.as_str()) || lower.chars().all(|c| lower.starts_with(c)) {
        return Some(crate::web::i18n::t(lang, "error-password-common"));
    }
    None
}

pub fn hash(pw: &str) -> anyhow::Result<String> {
    let mut salt_bytes = [0u8; 16];
    rand::TryRngCore::try_fill_bytes(&mut rand::rngs::OsRng, &mut salt_bytes)
        .map_err(|e| anyhow::anyhow!("random: {e}"))?;
    Ok(Argon2::default()
        .hash_password_with_salt(pw.as_bytes(), &salt_bytes)
        .map_err(|e| anyhow::anyhow!("hash: {e}"))?
        .to_string())
}

pub fn verify(pw: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|h| Argon2::default().verify_password(pw.as_bytes(), &h).is_ok())
}

/// A hash to verify against when the account does not exist, so both paths take equally long.
pub fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash("dummy-password-for-timing").unwrap_or_default())
}
