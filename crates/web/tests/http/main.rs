//! HTTP tests: the real server on a random port over a real database (SQLite always,
//! PostgreSQL when `NASTAVNIK_TEST_DATABASE_URL` is set). One binary, link once.

mod auth;
mod bases;
mod browser;
mod browser_bases;
mod consents;
mod entry;
mod helpers;
mod import;
mod participants;
mod routes;
mod tenancy;
