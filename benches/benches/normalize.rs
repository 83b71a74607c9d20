//! Classifier throughput (built in the benches issue).
fn main() {}
