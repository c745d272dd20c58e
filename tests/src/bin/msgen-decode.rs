//! `msgen-decode`: checks whether the generated SDK still reads a payload.
//!
//! `msgen-decode --list` prints every decodable payload as `<provider> <id> <kind>`.
//! `msgen-decode <provider> <id> <kind> <file>` prints the re-encoded JSON and exits 0, or
//! prints the decode error with the JSON path of the failing field and exits 1. An unknown
//! provider, id or kind exits 2 with the valid choices.

use std::process::ExitCode;

use msgen_tests::registry::{self, Payload};

const USAGE: &str = "usage: msgen-decode --list | msgen-decode <provider> <id> <kind> <file>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let payloads = registry::decodable();
    match args.as_slice() {
        [flag] if flag == "--list" => {
            for p in &payloads {
                println!("{} {} {}", p.provider, p.of, p.kind);
            }
            ExitCode::SUCCESS
        }
        [provider, of, kind, file] => decode(&payloads, provider, of, kind, file),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn decode(payloads: &[&Payload], provider: &str, of: &str, kind: &str, file: &str) -> ExitCode {
    let Some(payload) = select(payloads, provider, of, kind) else {
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read `{file}`: {e}");
            return ExitCode::from(2);
        }
    };
    match (payload.round_trip)(&bytes) {
        Ok(value) => {
            match serde_json::to_string_pretty(&value) {
                Ok(text) => println!("{text}"),
                Err(e) => {
                    eprintln!("error: cannot print the re-encoded value: {e}");
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!(
                "error: `{file}` does not decode as {} {} {} ({}): {e}",
                payload.provider, payload.of, payload.kind, payload.type_name
            );
            ExitCode::from(1)
        }
    }
}

/// The payload named on the command line, or a message listing the valid choices.
fn select<'a>(
    payloads: &[&'a Payload],
    provider: &str,
    of: &str,
    kind: &str,
) -> Option<&'a Payload> {
    let mut providers: Vec<&str> = payloads.iter().map(|p| p.provider).collect();
    providers.dedup();
    if !providers.contains(&provider) {
        eprintln!(
            "error: unknown provider `{provider}`; valid providers: {}",
            providers.join(", ")
        );
        return None;
    }
    let mut ids: Vec<&str> = payloads
        .iter()
        .filter(|p| p.provider == provider)
        .map(|p| p.of)
        .collect();
    ids.dedup();
    if !ids.contains(&of) {
        eprintln!(
            "error: unknown id `{of}` for {provider}; valid ids: {}",
            ids.join(", ")
        );
        return None;
    }
    let kinds: Vec<&str> = payloads
        .iter()
        .filter(|p| p.provider == provider && p.of == of)
        .map(|p| p.kind)
        .collect();
    match payloads
        .iter()
        .find(|p| p.provider == provider && p.of == of && p.kind == kind)
    {
        Some(payload) => Some(payload),
        None => {
            eprintln!(
                "error: unknown kind `{kind}` for {provider} {of}; valid kinds: {}",
                kinds.join(", ")
            );
            None
        }
    }
}
