//! Every input the fuzzers kept (`fuzz/corpus/<target>/`, minimized with `cargo fuzz cmin`)
//! replays here through the same checks as the fuzz targets, so `cargo test` catches a
//! regression without a fuzzer.

#![allow(missing_docs, clippy::unwrap_used)]

#[allow(
    clippy::all,
    clippy::pedantic,
    clippy::indexing_slicing,
    clippy::unwrap_used,
    unreachable_pub
)]
#[path = "../../../fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let input = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&input));
        assert!(outcome.is_ok(), "{} fails", path.display());
        count += 1;
    }
    count
}

#[test]
fn from_response_corpus() {
    assert!(replay("from_response", harness::from_response) > 0);
}

#[test]
fn headers_corpus() {
    assert!(replay("headers", harness::headers) > 0);
}
