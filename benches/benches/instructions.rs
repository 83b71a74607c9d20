//! The classifier and the success path, counted in instructions: unlike times, the counts do not
//! drift with the machine's load, so they compare runs made on different days.
//!
//! Each measurement runs a loop under `valgrind --tool=callgrind` twice, at two lengths; the
//! difference, divided by the iterations between them, is the cost of one iteration with the
//! start-up (parsing the corpus, building the runtime, the first connection) cancelled out. The
//! success path counts user-space instructions only: the loopback server's as well as the client's,
//! the same for every client. Skipped, with a note, where valgrind is not installed.
//!
//! `cargo bench -p reprieve-benches --bench instructions`

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::print_stdout,
    clippy::cast_precision_loss
)]

use std::hint::black_box;
use std::path::Path;
use std::process::Command;

use reprieve_benches::clients::{self, PAYMENT};
use reprieve_benches::corpus::{Case, seed_cases, value_normalize};
use reprieve_core::ApiError;

/// Passes over the cases of a classifier run, short and long.
const PASSES: (u64, u64) = (50, 150);
/// GETs of a success-path run, short and long.
const GETS: (u64, u64) = (100, 600);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|arg| arg == "--run") {
        return run(&args[at + 1..]);
    }
    // `cargo bench -- <filter>` passes the filter to every bench: run only when it names this one.
    if args
        .iter()
        .any(|arg| !arg.starts_with('-') && !"instructions".contains(arg.as_str()))
    {
        return;
    }
    if Command::new("valgrind").arg("--version").output().is_err() {
        println!("valgrind is not installed: instruction counts skipped");
        return;
    }
    let exe = std::env::current_exe().unwrap();
    classify_table(&exe);
    success_path_table(&exe);
}

/// One loop, as the child process under callgrind runs it.
fn run(args: &[String]) {
    match args {
        [what, api, normalizer, passes] if what == "classify" => {
            let cases = cases_of(api);
            let passes: u64 = passes.parse().unwrap();
            // One loop per normalizer, so that the loop counted holds nothing else.
            if normalizer == "reprieve" {
                for _ in 0..passes {
                    for case in &cases {
                        black_box(ApiError::from_response(
                            case.status,
                            &case.headers,
                            black_box(&case.body),
                        ));
                    }
                }
            } else {
                for _ in 0..passes {
                    for case in &cases {
                        black_box(value_normalize(black_box(&case.body)));
                    }
                }
            }
        }
        [what, client, gets] if what == "get" => {
            let gets: u64 = gets.parse().unwrap();
            let client = clients::all().swap_remove(client.parse().unwrap()).1;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let address =
                    reprieve_tests::serve(|_| async { reprieve_tests::json(200, PAYMENT) }).await;
                let url = format!("http://{address}/v1/payments/pay_1");
                for _ in 0..gets {
                    client.get(&url).await;
                }
            });
        }
        _ => panic!("unknown run: {args:?}"),
    }
}

/// The seed cases of `api`, or all of them.
fn cases_of(api: &str) -> Vec<Case> {
    let mut cases = seed_cases();
    cases.retain(|case| api == "all" || case.api == api);
    cases
}

fn classify_table(exe: &Path) {
    let mut apis: Vec<String> = seed_cases().into_iter().map(|case| case.api).collect();
    apis.sort();
    apis.dedup();
    apis.push("all".to_owned());
    println!(
        "\ninstructions per classification (callgrind, {} passes over the cases less {}):",
        PASSES.1, PASSES.0
    );
    println!(
        "  {:<10} {:>9} {:>18} {:>12}",
        "api", "reprieve", "serde_json::Value", "ratio"
    );
    for api in &apis {
        let cases = cases_of(api).len() as f64;
        let per_case = |normalizer: &str| {
            let count = |passes: u64| {
                let args = ["classify", api, normalizer, &passes.to_string()].map(str::to_owned);
                instructions(exe, &args)
            };
            (count(PASSES.1) - count(PASSES.0)) as f64 / ((PASSES.1 - PASSES.0) as f64 * cases)
        };
        let (reprieve, value) = (per_case("reprieve"), per_case("value"));
        println!(
            "  {api:<10} {reprieve:>9.0} {value:>18.0} {:>11.2}×",
            value / reprieve
        );
    }
}

fn success_path_table(exe: &Path) {
    println!(
        "\nuser-space instructions per loopback GET (callgrind, {} GETs less {}):",
        GETS.1, GETS.0
    );
    let mut bare = None;
    for (index, (name, _)) in clients::all().iter().enumerate() {
        let count = |gets: u64| {
            let args = ["get".to_owned(), index.to_string(), gets.to_string()];
            instructions(exe, &args)
        };
        let per_get = (count(GETS.1) - count(GETS.0)) as f64 / (GETS.1 - GETS.0) as f64;
        let over = bare.map_or_else(String::new, |bare| format!(" {:+9.0}", per_get - bare));
        bare.get_or_insert(per_get);
        println!("  {name:<28} {per_get:>9.0}{over}");
    }
}

/// The instructions a run of this bench with `args` executes, as callgrind counts them.
fn instructions(exe: &Path, args: &[String]) -> i64 {
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .arg("--run")
        .args(args)
        .output()
        .expect("valgrind runs");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?} failed:\n{report}");
    report
        .lines()
        .find_map(|line| {
            let (_, count) = line.split_once("refs:")?;
            count.trim().replace(',', "").parse().ok()
        })
        .unwrap_or_else(|| panic!("no instruction count in callgrind's report:\n{report}"))
}
