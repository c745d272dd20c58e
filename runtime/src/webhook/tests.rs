//! Unit tests of the helpers behind the public API; the schemes themselves are tested
//! against independently computed signatures in `runtime/tests/webhooks.rs`.

use super::VerifyError;
use super::message::{query_of, split_url};
use super::verify::Found;

#[test]
fn split_url_takes_host_and_rest_without_user_info_or_fragment() {
    assert_eq!(
        split_url("https://api.zenvia.com/v2/files?limit=5#top"),
        Ok(("api.zenvia.com", "/v2/files?limit=5"))
    );
    assert_eq!(
        split_url("https://u:p@example.com:8443?a=1"),
        Ok(("example.com:8443", "?a=1"))
    );
    assert_eq!(split_url("https://example.com"), Ok(("example.com", "")));
    assert_eq!(split_url("/relative/path"), Err(VerifyError::InvalidUrl));
    assert_eq!(split_url("https:///no-host"), Err(VerifyError::InvalidUrl));
}

#[test]
fn query_of_stops_at_the_fragment() {
    assert_eq!(query_of("https://e.com/p?b=2&a=1#frag"), "b=2&a=1");
    assert_eq!(query_of("https://e.com/p#frag?not=query"), "");
    assert_eq!(query_of("https://e.com/p"), "");
}

#[test]
fn found_matches_names_without_case_and_flags_duplicates() {
    let found = Found::scan(
        [
            ("x-sig", "one"),
            ("X-Other", "x"),
            ("X-TS", "1"),
            ("x-ts", "2"),
        ],
        &["X-Sig", "X-Ts", "X-Absent"],
    );
    assert_eq!(found.value("X-SIG"), Ok(Some(&b"one"[..])));
    assert_eq!(found.value("X-Absent"), Ok(None));
    assert_eq!(
        found.value("X-Ts"),
        Err(VerifyError::DuplicateHeader { header: "X-Ts" })
    );
}
