//! What the command-line tests share: running the binary and a fresh school to import into.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

/// `nastavnik --database-url DB ARGS…`.
pub fn nastavnik(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("--database-url")
        .arg(db)
        .args(args)
        .output()
        .expect("run nastavnik")
}

/// `nastavnik` over the SQLite file `db`, with no settings from the environment.
pub fn on_file(db: &Path, args: &[&str]) -> Output {
    let url = format!("sqlite:{}", db.display());
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(["--database-url", url.as_str()])
        .args(args)
        .env_remove("NASTAVNIK_DATABASE_URL")
        .env_remove("NASTAVNIK_CONFIG")
        .output()
        .expect("run nastavnik")
}

/// The standard output of a run that must succeed.
pub fn ok(out: Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A region, its municipality and «МБОУ СОШ № 1» in the SQLite file `db`: the school's number.
pub fn fresh_school(db: &Path) -> String {
    let mut parent = None::<String>;
    for (kind, name) in [
        ("region", "Область"),
        ("municipality", "Город"),
        ("school", "МБОУ СОШ № 1"),
    ] {
        let mut args = vec!["org", "create", "--kind", kind, "--name", name, "--short", name];
        if let Some(p) = &parent {
            args.extend(["--parent", p.as_str()]);
        }
        let out = ok(on_file(db, &args));
        let id: String = out
            .rsplit("№ ")
            .next()
            .unwrap()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        parent = Some(id);
    }
    parent.unwrap()
}
