//! The outbox over a real SMTP server started by the test (a small SMTP sink on a local
//! port), on every backend: approving pairs writes the notices in the approving
//! transaction; the worker sends each exactly once, also when the server is restarted in
//! the middle and when a worker that claimed mails stopped before sending them.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::helpers::{TestApp, each_backend};

/// Messages the sink received, each as its raw text.
#[derive(Clone, Default)]
pub(crate) struct Sink {
    port: u16,
    messages: Arc<Mutex<Vec<String>>>,
}

impl Sink {
    /// An SMTP server on 127.0.0.1 that accepts every message.
    pub(crate) async fn start() -> Sink {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Sink {
            port: listener.local_addr().unwrap().port(),
            ..Default::default()
        };
        let messages = sink.messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let messages = messages.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write.write_all(b"220 sink ESMTP\r\n").await.ok();
                    while let Ok(Some(line)) = lines.next_line().await {
                        let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
                        let answer: &[u8] = match verb.as_str() {
                            "EHLO" | "HELO" => b"250 sink\r\n",
                            "DATA" => {
                                write.write_all(b"354 end with .\r\n").await.ok();
                                let mut text = String::new();
                                while let Ok(Some(l)) = lines.next_line().await {
                                    if l == "." {
                                        break;
                                    }
                                    text.push_str(&l);
                                    text.push('\n');
                                }
                                messages.lock().unwrap().push(text);
                                b"250 queued\r\n"
                            }
                            "QUIT" => {
                                write.write_all(b"221 bye\r\n").await.ok();
                                break;
                            }
                            _ => b"250 OK\r\n",
                        };
                        write.write_all(answer).await.ok();
                    }
                });
            }
        });
        sink
    }

    pub(crate) fn config(&self) -> web::mail::MailConfig {
        web::mail::MailConfig {
            host: "127.0.0.1".into(),
            port: self.port,
            from: "Наставник <nastavnik@school.example>".into(),
            security: web::mail::Security::None,
            username: None,
            password: None,
            poll_seconds: 1,
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.messages.lock().unwrap().len()
    }
}

/// Waits until the outbox of the school has nothing waiting, or fails after 20 s.
pub(crate) async fn drained(t: &TestApp) -> (i64, i64) {
    for _ in 0..200 {
        let counts = t.app.mail_counts(t.school1).await.unwrap();
        if counts.1 == 0 {
            return counts;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{}: the outbox did not drain: {:?}",
        t.backend,
        t.app.mail_counts(t.school1).await
    );
}

#[tokio::test]
async fn approved_pairs_are_told_by_mail_exactly_once_across_a_restart() {
    each_backend(|t| async move {
        let sink = Sink::start().await;
        // Approval writes the notices; no worker runs yet.
        t.app.seed_demo_pairing().await.unwrap();
        let (sent, waiting) = t.app.mail_counts(t.school1).await.unwrap();
        assert_eq!(sent, 0, "{}", t.backend);
        assert!(waiting >= 3, "{}: {waiting} notices", t.backend);

        // A worker claims two and stops before sending them (a crash): they are not lost.
        let lost = t.app.claim_mails("crashed-worker", 2).await.unwrap();
        assert_eq!(lost.len(), 2, "{}", t.backend);
        t.app.clock.set(chrono::Utc::now() + chrono::Duration::minutes(3));

        let worker = web::mail::spawn(t.app.clone(), sink.config()).unwrap();
        let (sent, _) = drained(&t).await;
        worker.abort();
        assert_eq!(sink.count() as i64, sent, "{}", t.backend);
        assert_eq!(sent, waiting, "{}", t.backend);

        // A restarted server's worker sends nothing again.
        let again = t.second_server().await;
        let worker = web::mail::spawn(again.app.clone(), sink.config()).unwrap();
        tokio::time::sleep(Duration::from_millis(1500)).await;
        worker.abort();
        assert_eq!(sink.count() as i64, sent, "{}", t.backend);

        // Every message is in Russian, one per outbox row, with its own Message-ID.
        let messages = sink.messages.lock().unwrap().clone();
        let ids: std::collections::HashSet<String> = messages
            .iter()
            .filter_map(|m| {
                m.lines()
                    .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                    .map(str::to_string)
            })
            .collect();
        assert_eq!(ids.len(), messages.len(), "{}", t.backend);
        assert!(
            messages.iter().any(|m| m.contains("Subject: =?utf-8?")),
            "{}",
            t.backend
        );
        let bodies: Vec<String> = messages.iter().map(|m| body_text(m)).collect();
        for b in &bodies {
            assert!(b.starts_with("Здравствуйте, "), "{}: {b}", t.backend);
            assert!(!b.contains("mail-pair"), "{}: a text key leaked: {b}", t.backend);
        }
        assert!(
            bodies.iter().any(|b| b.contains("Ваш наставник — ")),
            "{}: {bodies:?}",
            t.backend
        );
    })
    .await;
}

/// The body of a raw message as its reader sees it (base64 decoded when so sent).
fn body_text(raw: &str) -> String {
    use base64::Engine;
    let (head, body) = raw.split_once("\n\n").unwrap_or((raw, ""));
    if head.to_ascii_lowercase().contains("content-transfer-encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(joined)
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        body.to_string()
    }
}
