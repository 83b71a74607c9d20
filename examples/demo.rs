//! The demo: see the README.
fn main() {}
