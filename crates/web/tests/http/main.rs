//! HTTP tests: the real server on a random port over a real database (SQLite always,
//! PostgreSQL when `NASTAVNIK_TEST_DATABASE_URL` is set). One binary, link once.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod api;
mod audit;
mod auth;
mod bases;
mod browser;
mod browser_bases;
mod browser_family;
mod browser_layout;
mod browser_pairing;
mod consent_rule;
mod consents;
mod duties;
mod entry;
mod family;
mod helpers;
mod hostile;
mod hostile_input;
mod import;
mod jobs;
mod mail;
mod pairing;
mod pairing_link;
mod pairing_meeting;
mod pairing_municipal;
mod pairing_races;
mod pairing_taken;
mod participants;
mod program_store;
mod routes;
mod searches;
mod tenancy;
mod throttle;
mod tokens;
mod visible;
