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
    /// Last request made with it (to the hour).
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A token as its owner's list shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenListRow {
    /// Id.
    pub id: i64,
    /// Name for people.
    pub name: String,
    /// Role it acts as.
    pub role: String,
    /// Organization it acts in.
    pub org_id: i64,
    /// Organization short name.
    pub org_name: String,
    /// Issued.
    pub created_at: DateTime<Utc>,
    /// Expiry.
    pub expires_at: Option<DateTime<Utc>>,
    /// Last request made with it (to the hour).
    pub last_used_at: Option<DateTime<Utc>>,
    /// Revoked.
    pub revoked: bool,
}

const USER_COLS: &str = "id, login, display_name, password_hash, person_id, active, totp_secret, totp_enabled";

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

/// The display name of the first active account holding `role` in `org` (who an order names
/// as the school's curator when a municipal methodist made the proposal).
pub async fn first_holder(db: &mut impl Db, org: i64, role: &str) -> Result<Option<String>> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "SELECT u.display_name FROM role_assignments r JOIN users u ON u.id = r.user_id \
         WHERE r.org_id = $1 AND r.role = $2 AND u.active = TRUE ORDER BY r.id LIMIT 1")
        .bind(org).bind(role).fetch_optional(&mut *c).await?))
}

/// Takes a role in an organization away; `false` if the account did not hold it.
pub async fn remove_role(db: &mut impl Db, user: i64, role: &str, org: i64) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query("DELETE FROM role_assignments WHERE user_id = $1 AND role = $2 AND org_id = $3")
        .bind(user).bind(role).bind(org).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
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
        crate::sessions::delete_for_user(db, user).await?;
        revoke_tokens(db, user).await?;
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
        "SELECT id, user_id, org_id, role, expires_at, revoked, last_used_at FROM api_tokens WHERE token_hash = $1")
        .bind(token_hash).fetch_optional(&mut *c).await?))
}

/// A token by id.
pub async fn get_token(db: &mut impl Db, id: i64) -> Result<Option<ApiTokenRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, user_id, org_id, role, expires_at, revoked, last_used_at FROM api_tokens WHERE id = $1")
        .bind(id).fetch_optional(&mut *c).await?))
}

/// The tokens of an account, newest first.
pub async fn tokens_of(db: &mut impl Db, user: i64) -> Result<Vec<TokenListRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT t.id, t.name, t.role, t.org_id, o.short_name AS org_name, t.created_at, t.expires_at, t.last_used_at, t.revoked \
         FROM api_tokens t JOIN organizations o ON o.id = t.org_id WHERE t.user_id = $1 ORDER BY t.id DESC")
        .bind(user).fetch_all(&mut *c).await?))
}

/// Revokes one token; `false` if there is no such token or it was revoked already.
pub async fn revoke_token(db: &mut impl Db, id: i64) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query("UPDATE api_tokens SET revoked = TRUE WHERE id = $1 AND NOT revoked")
        .bind(id).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Revokes every token of an account; returns how many were live.
pub async fn revoke_tokens(db: &mut impl Db, user: i64) -> Result<u64> {
    Ok(
        with_db!(db, c => sqlx::query("UPDATE api_tokens SET revoked = TRUE WHERE user_id = $1 AND NOT revoked")
        .bind(user).execute(&mut *c).await?.rows_affected()),
    )
}

/// Notes that a token was used now.
pub async fn touch_token(db: &mut impl Db, id: i64, now: DateTime<Utc>) -> Result<()> {
    with_db!(db, c => sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
        .bind(id).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(())
}
