//! `reprieve`: explain and classify captured payment-API error responses.
//!
//! ```text
//! reprieve explain [FILE|-] [--method METHOD] [--idempotency-key] [--json]
//! reprieve classify < responses.jsonl > verdicts.jsonl
//! ```
//!
//! Exit codes: 0 when the input was read (whatever the verdict), 1 when it could not be read or is
//! not an HTTP response, 2 for a usage error.

mod classify;
mod explain;
mod raw;
mod report;

use std::io::{self, Write};
use std::process::ExitCode;

const USAGE: &str = "\
reprieve: explain and classify captured payment-API error responses

usage:
  reprieve explain [FILE|-] [--method METHOD] [--idempotency-key] [--json]
      Read one raw HTTP response as `curl -si` prints it (status line, headers, blank line,
      body; CRLF or LF) from FILE or standard input, and say what it means: the envelope, kind,
      code, message, request id, param, rate-limit state, and whether reprieve's default policy
      would retry it for a request with METHOD (default GET), with or without an Idempotency-Key.
      --json prints the same as one JSON object.

  reprieve classify
      Read JSON Lines in the fixture format (id, method, idempotency_key, status, headers, body)
      on standard input and write one JSON object per line: id, kind, code, message, request_id,
      param, format, retry, retry_after_ms. A malformed line gives {\"id\": null, \"error\": ..}
      and the run goes on.

exit codes:
  0  the input was read (whatever the verdict)
  1  the input could not be read, or is not an HTTP response
  2  usage error
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = args
        .split_first()
        .map_or((None, &[][..]), |(c, r)| (Some(c.as_str()), r));
    if asks_for_help(&args) {
        return write_or_fail(&mut io::stdout().lock(), USAGE);
    }
    let result = match command {
        Some("classify") if rest.is_empty() => {
            classify::run(io::stdin().lock(), io::stdout().lock())
        }
        Some("classify") => Err(Failure::Usage(format!(
            "classify takes no arguments, found `{}`",
            rest.join(" ")
        ))),
        Some("explain") => explain::Options::parse(rest).and_then(|options| explain::run(&options)),
        Some(other) => Err(Failure::Usage(format!(
            "unknown command `{other}`: expected explain or classify"
        ))),
        None => Err(Failure::Usage(
            "missing command: expected explain or classify".to_owned(),
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            let _ = writeln!(io::stderr().lock(), "reprieve: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            let _ = writeln!(io::stderr().lock(), "reprieve: {message}");
            ExitCode::from(1)
        }
    }
}

/// Whether the command line asks for the usage: `help`, or `-h` or `--help` anywhere, as in
/// `reprieve explain --help`.
fn asks_for_help(args: &[String]) -> bool {
    args.first().is_some_and(|command| command == "help")
        || args.iter().any(|arg| arg == "-h" || arg == "--help")
}

fn write_or_fail(out: &mut impl Write, text: &str) -> ExitCode {
    match out.write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    }
}

/// Why a command failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The command line is wrong (exit 2).
    Usage(String),
    /// The input could not be read or understood (exit 1).
    Input(String),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Self::Input(format!("i/o error: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn help_is_asked_for_before_or_after_the_command() {
        for line in [
            "help",
            "--help",
            "-h",
            "explain --help",
            "classify -h",
            "explain x.txt -h",
        ] {
            assert!(asks_for_help(&args(line)), "{line}");
        }
        for line in [
            "",
            "explain",
            "explain help.txt",
            "explain --json",
            "classify",
        ] {
            assert!(!asks_for_help(&args(line)), "{line}");
        }
    }
}
