//! The outbox's sending worker: claims due mails (`App::claim_mails`), words them from the
//! locale files (`mail-{kind}-subject`, `mail-{kind}-body`) and sends them over SMTP with
//! lettre. Each mail carries a Message-ID made of its outbox id, so a receiver can tell a
//! repeat; a sent mail is marked in the database before the next is taken.

use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;

use crate::i18n::L;

/// How the SMTP server is reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain SMTP (a relay on the same host or in the school's network).
    None,
    /// STARTTLS on the submission port (587).
    #[default]
    Starttls,
    /// TLS from the start (465).
    Tls,
}

/// The `[smtp]` section of the settings file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// Server host.
    pub host: String,
    /// Port (587 for STARTTLS, 465 for TLS, 25 for a plain relay).
    pub port: u16,
    /// The sender: «Наставник МБОУ СОШ № 17 <nastavnik@school17.ru>».
    pub from: String,
    /// Plain, STARTTLS or TLS.
    #[serde(default)]
    pub security: Security,
    /// Login, when the server asks for one.
    #[serde(default)]
    pub username: Option<String>,
    /// Password.
    #[serde(default)]
    pub password: Option<String>,
    /// Seconds between looks at the outbox when it is empty.
    #[serde(default = "default_poll")]
    pub poll_seconds: u64,
}

fn default_poll() -> u64 {
    5
}

/// Why the worker cannot start.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The sender address does not parse.
    #[error("адрес отправителя «{0}» не разобран: укажите его как «Имя <адрес@домен>»")]
    From(String),
    /// The transport cannot be built.
    #[error("почтовый сервер {0}: {1}")]
    Transport(String, String),
}

/// Starts the worker; it runs until the runtime stops or the handle is aborted.
pub fn spawn(app: app::App, cfg: MailConfig) -> Result<tokio::task::JoinHandle<()>, MailError> {
    let from: Mailbox = cfg.from.parse().map_err(|_| MailError::From(cfg.from.clone()))?;
    let transport_err = |e: lettre::transport::smtp::Error| MailError::Transport(cfg.host.clone(), e.to_string());
    let builder = match cfg.security {
        Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host),
        Security::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.host).map_err(transport_err)?,
        Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.host).map_err(transport_err)?,
    };
    let mut builder = builder.port(cfg.port).timeout(Some(Duration::from_secs(30)));
    if let (Some(user), Some(password)) = (&cfg.username, &cfg.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    let transport = builder.build();
    // One worker id per process start: a claim of a process that stopped is recognised
    // as stale by its age, never confused with this one's.
    let worker = format!("{}-{}", std::process::id(), rand::random::<u64>());
    let poll = Duration::from_secs(cfg.poll_seconds.max(1));
    Ok(tokio::spawn(async move {
        loop {
            let sent = match app.claim_mails(&worker, 20).await {
                Ok(mails) => send_all(&app, &transport, &from, &worker, mails).await,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox not read");
                    0
                }
            };
            if sent == 0 {
                tokio::time::sleep(poll).await;
            }
        }
    }))
}

async fn send_all(
    app: &app::App,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    worker: &str,
    mails: Vec<storage::repo::outbox::Mail>,
) -> usize {
    let count = mails.len();
    for mail in mails {
        let outcome = match compose(from, &mail) {
            Ok(message) => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        let recorded = match outcome {
            Ok(()) => app.mail_sent(mail.id, worker).await.map(|_| ()),
            Err(error) => {
                // The address stays out of the log (personal data); the outbox row keeps the error.
                tracing::warn!(mail = mail.id, kind = %mail.kind, "mail not sent");
                app.mail_failed(&mail, worker, &error).await
            }
        };
        if let Err(e) = recorded {
            tracing::warn!(mail = mail.id, error = %e, "outbox not updated");
        }
    }
    count
}

/// The message of an outbox row, worded from the locale files.
fn compose(from: &Mailbox, mail: &storage::repo::outbox::Mail) -> Result<Message, String> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|_| "адрес получателя не разобран".to_string())?;
    let args: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&mail.args).map_err(|e| e.to_string())?;
    let args: Vec<(&str, String)> = args
        .iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.as_str(), text)
        })
        .collect();
    let subject = L.args(&format!("mail-{}-subject", mail.kind), &args);
    let body = L.args(&format!("mail-{}-body", mail.kind), &args);
    let domain = from.email.domain().to_string();
    Message::builder()
        .from(from.clone())
        .to(to)
        .message_id(Some(format!("<outbox-{}@{domain}>", mail.id)))
        .subject(one_line(&subject))
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

/// A subject is one line, whatever a name in it holds (no header can be injected).
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}
