//! Internal crate: see Cargo.toml.
