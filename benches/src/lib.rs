//! What the benches share: the seed corpus and the `serde_json::Value` normalizer the classifier is
//! measured against, and the clients the success path is measured through.

pub mod clients;
pub mod corpus;
