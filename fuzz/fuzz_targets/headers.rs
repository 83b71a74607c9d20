//! The rate-limit header parsers on arbitrary values.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::headers(data));
