//! `ApiError::from_response` on arbitrary status, headers and body.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::from_response(data));
