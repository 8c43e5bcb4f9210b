//! API tokens and roles: a token carries no more rights than its account holds at the
//! moment of the request; taking a role away or changing the password ends tokens and sessions.

use chrono::Duration;
use domain::{AuditEvent, Permission, Role};
use rand::RngCore;
use storage::repo::{sessions, users};
use storage::{TokenListRow, UserRow};

use super::token_hash;
use crate::{Actor, App, AppError, Result};

/// How stale a token's «last used» may get before a request writes it again.
const LAST_USED_STEP: Duration = Duration::hours(1);

impl App {
    /// Issues an API token for a role the account holds; returns the secret (shown once).
    pub async fn issue_token(&self, user_id: i64, role: Role, org: i64, name: &str) -> Result<String> {
        let mut tx = self.store.begin().await?;
        let holds = users::roles(&mut tx, user_id)
            .await?
            .iter()
            .any(|r| r.role == role.code() && r.org_id == org);
        if !holds {
            return Err(AppError::Forbidden);
        }
        let mut raw = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut raw);
        let secret = format!("nst_{}", hex::encode(raw));
        let hash = token_hash(&secret);
        let token = users::NewToken {
            token_hash: &hash,
            name,
            user_id,
            org_id: org,
            role: role.code(),
            expires_at: None,
        };
        users::insert_token(&mut tx, &token, self.now()).await?;
        tx.commit().await?;
        Ok(secret)
    }

    /// Resolves a bearer token to (account, role, organization): only while the token is
    /// live, the account active and the account still holds that role in that organization.
    pub async fn token_actor(&self, secret: &str) -> Result<Option<(UserRow, Role, i64)>> {
        let now = self.now();
        let mut conn = self.store.read().await?;
        let Some(t) = users::find_token(&mut conn, &token_hash(secret)).await? else {
            return Ok(None);
        };
        if t.revoked || t.expires_at.is_some_and(|e| e <= now) {
            return Ok(None);
        }
        let Some(user) = users::get_user(&mut conn, t.user_id).await?.filter(|u| u.active) else {
            return Ok(None);
        };
        let holds = users::roles(&mut conn, user.id)
            .await?
            .iter()
            .any(|r| r.role == t.role && r.org_id == t.org_id);
        drop(conn);
        let Some(role) = Role::from_code(&t.role).filter(|_| holds) else {
            return Ok(None);
        };
        if t.last_used_at.is_none_or(|at| now - at >= LAST_USED_STEP) {
            let mut tx = self.store.begin().await?;
            users::touch_token(&mut tx, t.id, now).await?;
            tx.commit().await?;
        }
        Ok(Some((user, role, t.org_id)))
    }

    /// The API tokens of an account, newest first (revoked ones too).
    pub async fn tokens_of(&self, user_id: i64) -> Result<Vec<TokenListRow>> {
        let mut conn = self.store.read().await?;
        Ok(users::tokens_of(&mut conn, user_id).await?)
    }

    /// An account by login with its API tokens (for the operator).
    pub async fn tokens_of_login(&self, login: &str) -> Result<(UserRow, Vec<TokenListRow>)> {
        let mut conn = self.store.read().await?;
        let user = users::find_by_login(&mut conn, &login.trim().to_lowercase())
            .await?
            .ok_or(AppError::NotFound)?;
        let tokens = users::tokens_of(&mut conn, user.id).await?;
        Ok((user, tokens))
    }

    /// Revokes a token: an account its own ones, the operator at the command line any;
    /// audited. Another account's token is [`AppError::NotFound`].
    pub async fn revoke_token(&self, actor: &Actor, id: i64) -> Result<()> {
        let mut tx = self.store.begin().await?;
        let token = users::get_token(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        if actor.user_id.is_some_and(|me| me != token.user_id) {
            return Err(AppError::NotFound);
        }
        if users::revoke_token(&mut tx, id).await? {
            let actor = match actor.user_id {
                Some(_) => actor.clone(),
                None => Actor::operator(token.org_id),
            };
            self.audit(&mut tx, &actor, None, AuditEvent::TokenRevoke(id)).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes a role in an organization away from an account: its sessions and API tokens
    /// end at once (it logs in again with the roles it has left); audited.
    pub async fn remove_role(&self, actor: &Actor, user_id: i64, role: Role, org: i64) -> Result<()> {
        actor.require(Permission::ManageUsers)?;
        let mut tx = self.store.begin().await?;
        if !users::remove_role(&mut tx, user_id, role.code(), org).await? {
            return Err(AppError::NotFound);
        }
        sessions::delete_for_user(&mut tx, user_id).await?;
        users::revoke_tokens(&mut tx, user_id).await?;
        let at = Actor {
            org_id: org,
            ..actor.clone()
        };
        self.audit(&mut tx, &at, None, AuditEvent::RoleRemove { user: user_id, role })
            .await?;
        tx.commit().await?;
        self.users.forget(&user_id);
        Ok(())
    }

    /// An account's id by login (for the operator).
    pub async fn user_id_by_login(&self, login: &str) -> Result<i64> {
        let mut conn = self.store.read().await?;
        users::find_by_login(&mut conn, &login.trim().to_lowercase())
            .await?
            .map(|u| u.id)
            .ok_or(AppError::NotFound)
    }
}
