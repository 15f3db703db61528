//! Passwords are kept only as Argon2id hashes (PHC strings with their own salt and parameters).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::{AppError, AppResult};

pub fn hash(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Password(e.to_string()))
}

/// What an account keeps instead of a hash when no password opens it (one opened by a signature,
/// until its holder sets one): no password matches it.
pub const NONE: &str = "!";

/// Whether a password opens the account with this stored hash.
pub fn is_set(stored: &str) -> bool {
    PasswordHash::new(stored).is_ok()
}

/// True when `password` matches the stored hash; a malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("Қызмет-2026").unwrap();
        let b = hash("Қызмет-2026").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("Қызмет-2026", &a));
        assert!(!verify("қызмет-2026", &a));
        assert!(!verify("Қызмет-2026", "not a hash"));
        assert!(is_set(&a) && !is_set(NONE));
    }
}
