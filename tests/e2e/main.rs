//! End-to-end tests: reprieve's middleware and tower layer against real HTTP servers on 127.0.0.1.
//!
//! One binary; wiremock scripts the server, and a `RecordingSleeper` stands in for the timer so
//! that no test waits. Each test asserts how many times the server saw the request and what the
//! middleware waited.

#![allow(missing_docs)] // tests document themselves through their names
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)] // a failing test should fail loudly

mod faults;
mod layer;
mod limits;
mod middleware;
mod routes;
mod support;
mod telemetry;
