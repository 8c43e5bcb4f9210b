//! Passwords (argon2id), logins with their throttle, TOTP; API tokens and roles in `tokens`.

mod throttle;
mod tokens;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use domain::{Role, Violation};
use sha2::{Digest, Sha256};
use storage::repo::users;
use storage::{RoleRow, UserRow};
use totp_rs::{Algorithm, Secret, TOTP};

use crate::{App, AppError, Result};

/// Shortest accepted password.
pub const MIN_PASSWORD_LEN: usize = 8;

/// Hashes a password with Argon2id off the async threads.
pub async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(e.to_string()))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Verifies a password against a PHC string off the async threads.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the login is unknown, so timing does not reveal accounts.
static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

async fn dummy_hash() -> Result<String> {
    if let Some(h) = DUMMY_HASH.get() {
        return Ok(h.clone());
    }
    let h = hash_password("nastavnik-dummy".into()).await?;
    Ok(DUMMY_HASH.get_or_init(|| h).clone())
}

/// What a good password check leads to.
#[derive(Debug, Clone)]
pub struct LoginOk {
    /// The account.
    pub user: UserRow,
    /// Its roles.
    pub roles: Vec<RoleRow>,
    /// A TOTP code must be entered next.
    pub needs_totp: bool,
    /// The account must set up TOTP before going on.
    pub must_enroll_totp: bool,
}

impl App {
    /// Checks login and password from a client address. Failures slow further attempts of
    /// this login from this address (and, more loosely, from any address) — see
    /// [`domain::throttle`]; an unknown login is answered and counted exactly like a known one.
    pub async fn login(&self, login: &str, password: &str, address: &str) -> Result<LoginOk> {
        // Logins are case-insensitive: «Curator» is «curator».
        let login = login.trim().to_lowercase();
        let key = throttle::login_key(&login);
        self.check_throttle(&key, address).await?;
        let mut conn = self.store.read().await?;
        let user = users::find_by_login(&mut conn, &login).await?.filter(|u| u.active);
        drop(conn);
        let good = match &user {
            Some(u) => verify_password(password.to_string(), u.password_hash.clone()).await,
            None => {
                verify_password(password.to_string(), dummy_hash().await?).await;
                false
            }
        };
        let Some(user) = user.filter(|_| good) else {
            self.count_failure(&key, address).await?;
            return Err(AppError::BadCredentials);
        };
        let mut conn = self.store.read().await?;
        let roles = users::roles(&mut conn, user.id).await?;
        drop(conn);
        if !user.totp_enabled {
            // With TOTP on, only the right code clears the counter (else a known password
            // would reset the count of code guesses).
            self.count_success(&key, address).await?;
        }
        let required = roles
            .iter()
            .filter_map(|r| Role::from_code(&r.role))
            .any(|r| r == Role::Admin || (self.settings.totp_required_for_managers && r.totp_required_by_setting()));
        Ok(LoginOk {
            needs_totp: user.totp_enabled,
            must_enroll_totp: required && !user.totp_enabled,
            user,
            roles,
        })
    }

    /// Checks a TOTP code of an account with TOTP on; failures count like wrong passwords.
    pub async fn verify_totp(&self, user_id: i64, code: &str, address: &str) -> Result<()> {
        let mut conn = self.store.read().await?;
        let user = users::get_user(&mut conn, user_id).await?.ok_or(AppError::NotFound)?;
        drop(conn);
        let key = throttle::login_key(&user.login);
        self.check_throttle(&key, address).await?;
        let ok = user
            .totp_secret
            .as_deref()
            .and_then(|s| totp_for(s, &user.login).ok())
            .is_some_and(|t| t.check_current(&digits(code)).unwrap_or(false));
        if ok {
            return self.count_success(&key, address).await;
        }
        self.count_failure(&key, address).await?;
        Err(AppError::BadTotp)
    }

    /// Starts TOTP enrollment: a new secret and its `otpauth://` URL (not yet in force).
    pub async fn begin_totp(&self, user_id: i64) -> Result<(String, String)> {
        let mut tx = self.store.begin().await?;
        let user = users::get_user(&mut tx, user_id).await?.ok_or(AppError::NotFound)?;
        if user.totp_enabled {
            // Re-enrolling would switch the second factor off until confirmed.
            return Err(AppError::Forbidden);
        }
        // Keep a pending secret so a typo does not invalidate what the user already scanned.
        let secret = match user.totp_secret {
            Some(s) => s,
            None => Secret::generate_secret().to_encoded().to_string(),
        };
        let url = totp_for(&secret, &user.login)?.get_url();
        users::set_totp(&mut tx, user_id, Some(&secret), false).await?;
        tx.commit().await?;
        Ok((secret, url))
    }

    /// Finishes enrollment once the user proves the authenticator shows the right code.
    pub async fn confirm_totp(&self, user_id: i64, code: &str) -> Result<()> {
        let mut tx = self.store.begin().await?;
        let user = users::get_user(&mut tx, user_id).await?.ok_or(AppError::NotFound)?;
        let secret = user
            .totp_secret
            .ok_or_else(|| Violation::new("code", "err-totp-not-started"))?;
        if !totp_for(&secret, &user.login)?
            .check_current(&digits(code))
            .unwrap_or(false)
        {
            return Err(Violation::new("code", "err-totp-code").into());
        }
        users::set_totp(&mut tx, user_id, Some(&secret), true).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The account and roles behind a live session (inactive accounts have none).
    pub async fn session_user(&self, user_id: i64) -> Result<Option<(UserRow, Vec<RoleRow>)>> {
        if let Some(hit) = self.users.get(&user_id) {
            return Ok(Some(hit));
        }
        let mut conn = self.store.read().await?;
        let Some(user) = users::get_user(&mut conn, user_id).await?.filter(|u| u.active) else {
            return Ok(None);
        };
        let roles = users::roles(&mut conn, user_id).await?;
        self.users.put(user_id, (user.clone(), roles.clone()));
        Ok(Some((user, roles)))
    }

    /// Creates an account with one role; the password is hashed here.
    pub async fn create_user(
        &self,
        login: &str,
        display_name: &str,
        password: &str,
        role: Role,
        org: i64,
    ) -> Result<i64> {
        let login = login.trim().to_lowercase();
        let login = login.as_str();
        if login.is_empty()
            || login.len() > 64
            || !login.chars().all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
        {
            return Err(Violation::new("login", "err-login").into());
        }
        if password.chars().count() < MIN_PASSWORD_LEN && password != "demo" {
            return Err(Violation::new("password", "err-password-short")
                .arg("min", MIN_PASSWORD_LEN)
                .into());
        }
        let mut tx = self.store.begin().await?;
        let org_row = storage::repo::orgs::get_org(&mut tx, org)
            .await?
            .ok_or_else(|| Violation::new("org", "err-unknown-org"))?;
        let kind = org_row.kind;
        if !role.org_kinds().contains(&kind) {
            return Err(Violation::new("role", "err-role-org-kind").into());
        }
        let hash = hash_password(password.to_string()).await?;
        let id = match users::create_user(&mut tx, login, display_name.trim(), &hash, None, self.now()).await {
            Err(storage::StorageError::Duplicate { .. }) => {
                return Err(Violation::new("login", "err-login-taken").into());
            }
            other => other?,
        };
        users::assign_role(&mut tx, id, role.code(), org).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes one's own password after checking the current one; other sessions and every
    /// API token of the account end.
    pub async fn change_password(
        &self,
        user_id: i64,
        current: &str,
        new: &str,
        repeat: &str,
        keep_session: &str,
    ) -> Result<()> {
        let mut conn = self.store.read().await?;
        let user = users::get_user(&mut conn, user_id).await?.ok_or(AppError::NotFound)?;
        drop(conn);
        if !verify_password(current.to_string(), user.password_hash.clone()).await {
            return Err(Violation::new("current_password", "err-password-wrong").into());
        }
        if new.chars().count() < MIN_PASSWORD_LEN {
            return Err(Violation::new("new_password", "err-password-short")
                .arg("min", MIN_PASSWORD_LEN)
                .into());
        }
        if new != repeat {
            return Err(Violation::new("repeat_password", "err-password-mismatch").into());
        }
        let hash = hash_password(new.to_string()).await?;
        let mut tx = self.store.begin().await?;
        users::set_password(&mut tx, user_id, &hash).await?;
        storage::repo::sessions::delete_for_user_except(&mut tx, user_id, keep_session).await?;
        users::revoke_tokens(&mut tx, user_id).await?;
        tx.commit().await?;
        self.users.forget(&user_id);
        Ok(())
    }

    /// Every account with its roles, for the operator.
    pub async fn list_users(&self) -> Result<Vec<(i64, String, String, bool, Option<String>, Option<String>)>> {
        let mut conn = self.store.read().await?;
        Ok(users::list_all(&mut conn).await?)
    }

    /// Enables or disables an account; disabling ends its sessions and tokens at once.
    pub async fn set_user_active(&self, user_id: i64, active: bool) -> Result<()> {
        let mut tx = self.store.begin().await?;
        if !users::set_active(&mut tx, user_id, active).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        self.users.forget(&user_id);
        Ok(())
    }
}

/// «123 456» as authenticator apps show it → «123456».
fn digits(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect()
}

/// The stored form of a secret token (API tokens, questionnaire links).
pub(crate) fn token_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn totp_for(secret: &str, login: &str) -> Result<TOTP> {
    let bytes = Secret::Encoded(secret.to_string())
        .to_bytes()
        .map_err(|e| AppError::Internal(format!("{e:?}")))?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some("Наставник".to_string()),
        login.to_string(),
    )
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// The current code for a secret (tests and the demo).
pub fn totp_code(secret: &str) -> Result<String> {
    totp_for(secret, "x")?
        .generate_current()
        .map_err(|e| AppError::Internal(e.to_string()))
}
