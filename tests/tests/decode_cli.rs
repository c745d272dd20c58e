//! `msgen-decode`, run as users run it.

mod common;

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_msgen-decode"))
        .args(args)
        .output()
        .expect("msgen-decode runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn fixture(provider: &str, file: &str) -> String {
    common::fixture_path(provider, file).display().to_string()
}

#[test]
fn lists_every_decodable_payload() {
    let (code, stdout, _) = run(&["--list"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("decode_list", stdout);
    for line in stdout.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        assert_eq!(parts.len(), 3, "{line}");
        assert!(
            ["response", "error", "webhook"].contains(&parts[2]),
            "{line}"
        );
    }
}

#[test]
fn decodes_every_listed_fixture() {
    for provider in common::providers() {
        for fixture in provider
            .manifest
            .fixtures
            .iter()
            .filter(|f| f.kind.as_str() != "request")
        {
            let path = provider.dir.join(&fixture.file).display().to_string();
            let (code, stdout, stderr) =
                run(&[&provider.name, &fixture.of, fixture.kind.as_str(), &path]);
            assert_eq!(code, 0, "{path}: {stdout}{stderr}");
            let printed: serde_json::Value = serde_json::from_str(&stdout).expect("prints JSON");
            let original = common::read_json(&provider.dir.join(&fixture.file));
            let mut normalized = Vec::new();
            common::compare(&original, &printed, "$", &mut normalized)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
}

#[test]
fn a_bad_payload_names_the_failing_path_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("msgen-decode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("bad.json");
    std::fs::write(&file, r#"{"success": true, "data": {"id": "m1", "status": 7, "type": "text", "content": {"text": "x"}}}"#).expect("write");
    let (code, stdout, _) = run(&[
        "interflow",
        "send_message",
        "response",
        &file.display().to_string(),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.contains("data.status"), "{stdout}");
    std::fs::write(&file, "{\"success\": tr").expect("write");
    let (code, stdout, _) = run(&[
        "interflow",
        "send_message",
        "response",
        &file.display().to_string(),
    ]);
    assert_eq!(code, 1, "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_names_list_the_valid_ones_and_exit_2() {
    let file = fixture("interflow", "send_message.response.json");
    let (code, _, stderr) = run(&["nope", "send_message", "response", &file]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("datacrazy, interflow, wegly, ziik"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["interflow", "nope", "response", &file]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("send_message") && stderr.contains("message_status"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["interflow", "send_message", "nope", &file]);
    assert_eq!(code, 2);
    assert!(stderr.contains("response, error"), "{stderr}");
    let (code, _, _) = run(&[]);
    assert_eq!(code, 2);
}
