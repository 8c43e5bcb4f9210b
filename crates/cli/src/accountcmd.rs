//! `nastavnik user …` and `nastavnik token …`: accounts, their roles and API tokens.

use std::io::IsTerminal;

use anyhow::{Context, bail};
use app::{Actor, App};
use clap::Subcommand;
use domain::Role;

use crate::explain;

#[derive(Subcommand)]
pub(crate) enum UserCommand {
    /// Создать учётную запись с ролью в организации; пароль — из `NASTAVNIK_PASSWORD`
    /// или с клавиатуры, никогда не в аргументах.
    Create {
        /// Логин.
        #[arg(long)]
        login: String,
        /// ФИО для интерфейса.
        #[arg(long)]
        name: String,
        /// Роль: admin, head, curator, coordinator, mentor_council, mentor, mentee, guardian,
        /// municipal_methodist, municipal_tutor, class_teacher, psychologist, social_worker, school_sysadmin.
        #[arg(long)]
        role: String,
        /// Номер организации (см. `nastavnik org list`).
        #[arg(long)]
        org: i64,
    },
    /// Список учётных записей с ролями.
    List,
    /// Отключить учётную запись: её сеансы и API-токены завершаются сразу.
    Disable {
        /// Номер учётной записи.
        #[arg(long)]
        id: i64,
    },
    /// Снять роль в организации: сеансы и API-токены учётной записи завершаются сразу.
    RemoveRole {
        /// Логин.
        #[arg(long)]
        login: String,
        /// Роль (см. `nastavnik user list`).
        #[arg(long)]
        role: String,
        /// Номер организации.
        #[arg(long)]
        org: i64,
    },
    /// Выдать API-токен для роли учётной записи в организации (показывается один раз).
    Token {
        /// Номер учётной записи.
        #[arg(long)]
        id: i64,
        /// Роль.
        #[arg(long)]
        role: String,
        /// Номер организации.
        #[arg(long)]
        org: i64,
        /// Название токена.
        #[arg(long, default_value = "api")]
        name: String,
    },
}

#[derive(Subcommand)]
pub(crate) enum TokenCommand {
    /// API-токены учётной записи: номер, название, роль, выдан, последнее использование.
    List {
        /// Логин.
        #[arg(long)]
        login: String,
    },
    /// Отозвать API-токен (запись в журнале действий).
    Revoke {
        /// Номер токена (см. `nastavnik token list`).
        #[arg(long)]
        id: i64,
    },
}

fn read_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("NASTAVNIK_PASSWORD") {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!("нет терминала для ввода пароля: задайте его в переменной окружения NASTAVNIK_PASSWORD");
    }
    let p = rpassword::prompt_password("Пароль: ")?;
    let again = rpassword::prompt_password("Повторите пароль: ")?;
    if p != again {
        bail!("пароли не совпадают");
    }
    Ok(p)
}

pub(crate) fn parse_role(code: &str) -> anyhow::Result<Role> {
    Role::from_code(code).with_context(|| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
        format!("неизвестная роль «{code}»; допустимые: {}", all.join(", "))
    })
}

pub(crate) async fn user(app: &App, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Create { login, name, role, org } => {
            let role = parse_role(&role)?;
            let password = read_password()?;
            let id = app
                .create_user(&login, &name, &password, role, org)
                .await
                .map_err(explain)?;
            println!("Учётная запись {login} создана (№ {id}).");
        }
        UserCommand::List => {
            for (id, login, name, active, role, org) in app.list_users().await.map_err(explain)? {
                let state = if active { "" } else { " (отключена)" };
                let role = role.map(|r| web::i18n::L.t(&format!("role-{r}"))).unwrap_or_default();
                println!(
                    "{id:>6}  {login:<16} {name:<36} {role} — {}{state}",
                    org.unwrap_or_default()
                );
            }
        }
        UserCommand::Disable { id } => {
            app.set_user_active(id, false).await.map_err(explain)?;
            println!("Учётная запись № {id} отключена, её сеансы и токены завершены.");
        }
        UserCommand::RemoveRole { login, role, org } => {
            let role = parse_role(&role)?;
            let id = app.user_id_by_login(&login).await.map_err(explain)?;
            app.remove_role(&Actor::operator(org), id, role, org)
                .await
                .map_err(explain)?;
            println!("Роль снята с учётной записи {login}; её сеансы и API-токены завершены.");
        }
        UserCommand::Token { id, role, org, name } => {
            let token = app
                .issue_token(id, parse_role(&role)?, org, &name)
                .await
                .map_err(explain)?;
            println!("{token}");
            eprintln!("Токен показан один раз: сохраните его в надёжном месте.");
        }
    }
    Ok(())
}

pub(crate) async fn token(app: &App, cmd: TokenCommand) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::List { login } => {
            let (_, tokens) = app.tokens_of_login(&login).await.map_err(explain)?;
            if tokens.is_empty() {
                println!("У учётной записи {login} нет API-токенов.");
            }
            let day = |t: chrono::DateTime<chrono::Utc>| t.format("%d.%m.%Y %H:%M UTC").to_string();
            for t in tokens {
                let state = if t.revoked { " (отозван)" } else { "" };
                println!(
                    "{:>6}  {:<16} {} — {}  выдан {}  использован {}{state}",
                    t.id,
                    t.name,
                    web::i18n::L.t(&format!("role-{}", t.role)),
                    t.org_name,
                    day(t.created_at),
                    t.last_used_at.map_or_else(|| "—".to_string(), day),
                );
            }
        }
        TokenCommand::Revoke { id } => {
            app.revoke_token(&Actor::operator(0), id).await.map_err(explain)?;
            println!("API-токен № {id} отозван.");
        }
    }
    Ok(())
}
