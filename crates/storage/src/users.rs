//! Accounts, their roles in organizations, login throttling state and API tokens.

use chrono::{DateTime, Utc};

use crate::{Db, Result, with_db};

/// An account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    /// Id.
    pub id: i64,
    /// Login name.
    pub login: String,
    /// Name shown in the interface and the audit trail.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// The participant this account belongs to, if any.
    pub person_id: Option<i64>,
    /// Disabled accounts cannot log in and lose their sessions.
    pub active: bool,
    /// Base32 TOTP secret.
    pub totp_secret: Option<String>,
    /// Second factor switched on.
    pub totp_enabled: bool,
    /// Consecutive failed logins.
    pub failed_logins: i64,
    /// Locked until this moment after too many failures.
    pub locked_until: Option<DateTime<Utc>>,
}

/// A role of a user in an organization.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoleRow {
    /// Role code.
    pub role: String,
    /// Organization id.
    pub org_id: i64,
    /// Organization short name.
    pub org_name: String,
    /// Organization kind.
    pub org_kind: String,
}

/// An API token (only its hash is stored).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiTokenRow {
    /// Id.
    pub id: i64,
    /// Owner account.
    pub user_id: i64,
    /// Organization the token acts in.
    pub org_id: i64,
    /// Role the token acts as.
    pub role: String,
    /// Expiry.
    pub expires_at: Option<DateTime<Utc>>,
    /// Revoked tokens are refused.
    pub revoked: bool,
}

const USER_COLS: &str =
    "id, login, display_name, password_hash, person_id, active, totp_secret, totp_enabled, failed_logins, locked_until";

/// Inserts an account.
pub async fn create_user(
    db: &mut impl Db,
    login: &str,
    display_name: &str,
    password_hash: &str,
    person_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO users (login, display_name, password_hash, person_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(login).bind(display_name).bind(password_hash).bind(person_id).bind(now).fetch_one(&mut *c).await?))
}

/// Grants a role in an organization (idempotent).
pub async fn assign_role(db: &mut impl Db, user: i64, role: &str, org: i64) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "INSERT INTO role_assignments (user_id, role, org_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(user).bind(role).bind(org).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// An account by login.
pub async fn find_by_login(db: &mut impl Db, login: &str) -> Result<Option<UserRow>> {
    let sql = format!("SELECT {USER_COLS} FROM users WHERE login = $1");
    Ok(with_db!(db, c => sqlx::query_as(&sql).bind(login).fetch_optional(&mut *c).await?))
}

/// An account by id.
pub async fn get_user(db: &mut impl Db, id: i64) -> Result<Option<UserRow>> {
    let sql = format!("SELECT {USER_COLS} FROM users WHERE id = $1");
    Ok(with_db!(db, c => sqlx::query_as(&sql).bind(id).fetch_optional(&mut *c).await?))
}

/// Roles of an account with their organizations.
pub async fn roles(db: &mut impl Db, user: i64) -> Result<Vec<RoleRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT r.role, r.org_id, o.short_name AS org_name, o.kind AS org_kind FROM role_assignments r \
         JOIN organizations o ON o.id = r.org_id WHERE r.user_id = $1 ORDER BY r.id")
        .bind(user).fetch_all(&mut *c).await?))
}

/// Records a failed login; `locked_until` set when the threshold is reached.
pub async fn record_failure(db: &mut impl Db, user: i64, locked_until: Option<DateTime<Utc>>) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "UPDATE users SET failed_logins = failed_logins + 1, locked_until = COALESCE($2, locked_until) WHERE id = $1")
        .bind(user).bind(locked_until).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Clears the failure counter after a good login.
pub async fn reset_failures(db: &mut impl Db, user: i64) -> Result<()> {
    with_db!(db, c => sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND failed_logins <> 0")
        .bind(user).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Stores a TOTP secret and whether it is in force.
pub async fn set_totp(db: &mut impl Db, user: i64, secret: Option<&str>, enabled: bool) -> Result<()> {
    with_db!(db, c => sqlx::query("UPDATE users SET totp_secret = $2, totp_enabled = $3 WHERE id = $1")
        .bind(user).bind(secret).bind(enabled).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Replaces the password hash.
pub async fn set_password(db: &mut impl Db, user: i64, hash: &str) -> Result<()> {
    with_db!(db, c => sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(user).bind(hash).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Enables or disables an account; disabling ends its sessions and revokes its tokens.
/// `false` if there is no such account.
pub async fn set_active(db: &mut impl Db, user: i64, active: bool) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query("UPDATE users SET active = $2 WHERE id = $1")
        .bind(user).bind(active).execute(&mut *c).await?.rows_affected());
    if !active {
        with_db!(db, c => sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(&mut *c).await?.rows_affected());
        with_db!(db, c => sqlx::query("UPDATE api_tokens SET revoked = TRUE WHERE user_id = $1")
            .bind(user).execute(&mut *c).await?.rows_affected());
    }
    Ok(n == 1)
}

/// Every account with its roles: (id, login, name, active, role, organization short name).
pub async fn list_all(db: &mut impl Db) -> Result<Vec<(i64, String, String, bool, Option<String>, Option<String>)>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT u.id, u.login, u.display_name, u.active, r.role, o.short_name FROM users u \
         LEFT JOIN role_assignments r ON r.user_id = u.id LEFT JOIN organizations o ON o.id = r.org_id ORDER BY u.id, r.id")
        .fetch_all(&mut *c).await?))
}

/// A new API token (its secret is never stored, only the hash).
#[derive(Debug, Clone)]
pub struct NewToken<'a> {
    /// SHA-256 of the secret, hex.
    pub token_hash: &'a str,
    /// Name for people.
    pub name: &'a str,
    /// Owner account.
    pub user_id: i64,
    /// Organization it acts in.
    pub org_id: i64,
    /// Role it acts as.
    pub role: &'a str,
    /// Expiry.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Stores a new API token hash.
pub async fn insert_token(db: &mut impl Db, t: &NewToken<'_>, now: DateTime<Utc>) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO api_tokens (token_hash, name, user_id, org_id, role, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(t.token_hash).bind(t.name).bind(t.user_id).bind(t.org_id).bind(t.role).bind(now).bind(t.expires_at)
        .fetch_one(&mut *c).await?))
}

/// A token by the hash of its secret.
pub async fn find_token(db: &mut impl Db, token_hash: &str) -> Result<Option<ApiTokenRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, user_id, org_id, role, expires_at, revoked FROM api_tokens WHERE token_hash = $1")
        .bind(token_hash).fetch_optional(&mut *c).await?))
}
