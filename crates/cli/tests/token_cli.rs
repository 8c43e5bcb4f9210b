//! `nastavnik token list|revoke` and `nastavnik user remove-role` at the command line.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Output;

mod common;

use common::nastavnik;

fn stdout(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The first number of the line of `listing` that contains `needle`.
fn number_on(listing: &str, needle: &str) -> String {
    listing
        .lines()
        .find(|l| l.contains(needle))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("«{needle}» in {listing}"))
        .to_string()
}

#[test]
fn tokens_are_listed_and_revoked_and_a_role_removed_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("nastavnik-token-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite:{}", dir.join("n.db").display());
    assert!(nastavnik(&db, &["demo"]).status.success());
    let orgs = stdout(&nastavnik(&db, &["org", "list"]));
    let school = number_on(&orgs, "МБОУ СОШ № 17");
    let users = stdout(&nastavnik(&db, &["user", "list"]));
    let curator = number_on(&users, " curator ");
    let none = nastavnik(&db, &["token", "list", "--login", "curator"]);
    assert!(stdout(&none).contains("нет API-токенов"), "{}", stdout(&none));
    let issued = nastavnik(
        &db,
        &[
            "user", "token", "--id", &curator, "--role", "curator", "--org", &school, "--name", "sync",
        ],
    );
    assert!(issued.status.success(), "{}", stdout(&issued));
    let list = stdout(&nastavnik(&db, &["token", "list", "--login", "curator"]));
    assert!(
        list.contains("sync") && list.contains("куратор") && !list.contains("отозван"),
        "{list}"
    );
    let id = number_on(&list, "sync");
    let revoked = nastavnik(&db, &["token", "revoke", "--id", &id]);
    assert!(revoked.status.success(), "{}", stdout(&revoked));
    let list = stdout(&nastavnik(&db, &["token", "list", "--login", "curator"]));
    assert!(list.contains("отозван"), "{list}");
    assert!(!nastavnik(&db, &["token", "revoke", "--id", "999999"]).status.success());

    let args = [
        "user",
        "remove-role",
        "--login",
        "head",
        "--role",
        "head",
        "--org",
        &school,
    ];
    let removed = nastavnik(&db, &args);
    assert!(removed.status.success(), "{}", stdout(&removed));
    let again = nastavnik(&db, &args);
    assert!(!again.status.success(), "the role is gone: {}", stdout(&again));
    std::fs::remove_dir_all(&dir).ok();
}
