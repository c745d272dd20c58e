//! The timestamped `webhook` schemes (MessageBird, Zenvia) against signatures computed with
//! Python's `hmac`, `hashlib` and `base64` on this machine (each command is in the comment
//! above its value). Time is passed in, so the windows are tested to the second without
//! sleeping.

#![cfg(feature = "webhooks")]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use msgen_runtime::webhook::{
    Algorithm, Digest, DigestEncoding, Encoding, HmacScheme, Part, Request, Timestamp, Verifier,
    VerifyError, WebhookSecret,
};

const MESSAGEBIRD: HmacScheme = HmacScheme::new(
    Algorithm::HmacSha256,
    "MessageBird-Signature",
    Encoding::Base64,
)
.signed(
    &[
        Part::Timestamp,
        Part::Url,
        Part::BodyDigest(Digest::Sha256, DigestEncoding::Raw),
    ],
    "\n",
)
.timestamp(Timestamp::unix_seconds("MessageBird-Request-Timestamp"));
const MESSAGEBIRD_LEGACY: HmacScheme = HmacScheme::new(
    Algorithm::HmacSha256,
    "MessageBird-Signature",
    Encoding::Base64,
)
.signed(
    &[
        Part::Timestamp,
        Part::SortedQuery,
        Part::BodyDigest(Digest::Sha256, DigestEncoding::Raw),
    ],
    "\n",
)
.timestamp(Timestamp::unix_seconds("MessageBird-Request-Timestamp"));
const ZENVIA: HmacScheme =
    HmacScheme::new(Algorithm::HmacSha256, "X-API-Signature", Encoding::Base64)
        .signed(
            &[
                Part::Method,
                Part::BodyDigestOrEmpty(Digest::Md5, DigestEncoding::Hex),
                Part::Header("Content-Type"),
                Part::Timestamp,
                Part::Host,
                Part::PathAndQuery,
            ],
            "\n",
        )
        .timestamp(
            Timestamp::http_date("Date")
                .max_age(Duration::from_secs(180))
                .max_ahead(Duration::ZERO),
        );

fn at(unix_seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(unix_seconds)
}

fn post<'a>(url: &'a str, body: &'a [u8]) -> Request<'a> {
    Request::new("POST", url, body)
}

// ---------------------------------------------------------------- MessageBird (Bird)

const MB_URL: &str = "https://domain.com/webhook/bird";
const MB_BODY: &[u8] = br#"{"event":"message.created"}"#;
const MB_TS: u64 = 1_700_000_000;
// python3 -c 'import hmac,hashlib,base64;b=b"{\"event\":\"message.created\"}";
//   m=b"1700000000\nhttps://domain.com/webhook/bird\n"+hashlib.sha256(b).digest();
//   print(base64.b64encode(hmac.new(b"secureSigningKey",m,hashlib.sha256).digest()).decode())'
const MB_SIGNATURE: &str = "c41dOxjTOsA05h0O40GHLQ3tvfRmGfeM2sExuyJlGBc=";

fn mb_verify(url: &str, ts: &str, sig: &str, now: SystemTime) -> Result<(), VerifyError> {
    let verifier = Verifier::new(MESSAGEBIRD, "secureSigningKey");
    let headers = [
        ("MessageBird-Signature", sig),
        ("MessageBird-Request-Timestamp", ts),
    ];
    verifier.verify(&post(url, MB_BODY), headers, now)
}

#[test]
fn messagebird_accepts_a_timestamp_within_the_window_either_way() {
    for now in [
        at(MB_TS),
        at(MB_TS + 300),
        at(MB_TS - 300),
        at(MB_TS) + Duration::from_millis(1),
    ] {
        assert_eq!(mb_verify(MB_URL, "1700000000", MB_SIGNATURE, now), Ok(()));
    }
}

#[test]
fn messagebird_refuses_stale_and_future_timestamps_with_the_skew() {
    let header = "MessageBird-Request-Timestamp";
    let five_minutes = Duration::from_secs(300);
    assert_eq!(
        mb_verify(MB_URL, "1700000000", MB_SIGNATURE, at(MB_TS + 301)),
        Err(VerifyError::Stale {
            header,
            age: Duration::from_secs(301),
            max_age: five_minutes
        })
    );
    assert_eq!(
        mb_verify(MB_URL, "1700000000", MB_SIGNATURE, at(MB_TS - 301)),
        Err(VerifyError::FromTheFuture {
            header,
            ahead: Duration::from_secs(301),
            max_ahead: five_minutes
        })
    );
}

#[test]
fn messagebird_signs_the_timestamp_url_and_body() {
    let mismatch = Err(VerifyError::Mismatch {
        header: "MessageBird-Signature",
    });
    assert_eq!(
        mb_verify(MB_URL, "1700000001", MB_SIGNATURE, at(MB_TS)),
        mismatch
    );
    let other_url = "https://domain.com/webhook/bird2";
    assert_eq!(
        mb_verify(other_url, "1700000000", MB_SIGNATURE, at(MB_TS)),
        mismatch
    );
    let verifier = Verifier::new(MESSAGEBIRD, "secureSigningKey");
    let headers = [
        ("MessageBird-Signature", MB_SIGNATURE),
        ("MessageBird-Request-Timestamp", "1700000000"),
    ];
    let altered = post(MB_URL, br#"{"event":"message.createe"}"#);
    assert_eq!(verifier.verify(&altered, headers, at(MB_TS)), mismatch);
}

#[test]
fn messagebird_refuses_missing_and_malformed_timestamps() {
    let header = "MessageBird-Request-Timestamp";
    let verifier = Verifier::new(MESSAGEBIRD, "secureSigningKey");
    let headers = [("MessageBird-Signature", MB_SIGNATURE)];
    let request = post(MB_URL, MB_BODY);
    assert_eq!(
        verifier.verify(&request, headers, at(MB_TS)),
        Err(VerifyError::MissingHeader { header })
    );
    // Signed with these malformed timestamps (as the command above, with b"+1700000000" and
    // b"1700000000.5"), so the signature passes and the parser is what refuses.
    for (ts, sig) in [
        (
            "+1700000000",
            "oPMYjHOd36oTsPpX9VhjVU2YM+5nKRLrloT++Li1/Nc=",
        ),
        (
            "1700000000.5",
            "aOuIwo3X2FPhGkt/jKluyNKhWfn3+Jk6Vu2QuKRhhLM=",
        ),
    ] {
        assert_eq!(
            mb_verify(MB_URL, ts, sig, at(MB_TS)),
            Err(VerifyError::MalformedTimestamp { header })
        );
    }
}

#[test]
fn messagebird_legacy_signs_the_sorted_query() {
    // python3 -c 'import hmac,hashlib,base64;b=b"{\"event\":\"message.created\"}";
    //   m=b"1700000000\na=1&a-b=3&b=2\n"+hashlib.sha256(b).digest();
    //   print(base64.b64encode(hmac.new(b"secureSigningKey",m,hashlib.sha256).digest()).decode())'
    let sig = "mHQrDP1ykbijixaeRojQkWR/1/qEtIfN+VQUKnm1Z3g=";
    let verifier = Verifier::new(MESSAGEBIRD_LEGACY, "secureSigningKey");
    let headers = [
        ("MessageBird-Signature", sig),
        ("MessageBird-Request-Timestamp", "1700000000"),
    ];
    let request = post("https://example.com/hook?b=2&a=1&a-b=3#ignored", MB_BODY);
    assert_eq!(verifier.verify(&request, headers, at(MB_TS)), Ok(()));
    let reordered = post("https://other.example/hook?a-b=3&b=2&a=1", MB_BODY);
    assert_eq!(verifier.verify(&reordered, headers, at(MB_TS)), Ok(()));
    let changed = post("https://example.com/hook?b=2&a=1&a-b=4", MB_BODY);
    let mismatch = Err(VerifyError::Mismatch {
        header: "MessageBird-Signature",
    });
    assert_eq!(verifier.verify(&changed, headers, at(MB_TS)), mismatch);
}

// ---------------------------------------------------------------- Zenvia (request signatures)

const ZENVIA_DATE: &str = "Sun, 12 Feb 2023 07:40:32 GMT";
const ZENVIA_DATE_UNIX: u64 = 1_676_187_632;

#[test]
fn zenvia_signs_six_lines_with_the_date_at_most_three_minutes_old() {
    // python3 -c 'import hmac,hashlib,base64;b=b"{\"from\":\"sender\",\"to\":\"recipient\"}";
    //   s="\n".join(["POST",hashlib.md5(b).hexdigest(),"application/json",
    //   "Sun, 12 Feb 2023 07:40:32 GMT","api.zenvia.com","/v2/channels/whatsapp/messages"]);
    //   print(base64.b64encode(hmac.new(b"token-secret",s.encode(),hashlib.sha256).digest()).decode())'
    let sig = "mFa+MgLqbNo9ogwpDIxGtntn1oh2m7BanU8iLTHRocw=";
    let verifier = Verifier::new(ZENVIA, "token-secret");
    let url = "https://api.zenvia.com/v2/channels/whatsapp/messages";
    let request = post(url, br#"{"from":"sender","to":"recipient"}"#);
    let headers = [
        ("Content-Type", "application/json"),
        ("Date", ZENVIA_DATE),
        ("X-API-Signature", sig),
    ];
    assert_eq!(
        verifier.verify(&request, headers, at(ZENVIA_DATE_UNIX + 180)),
        Ok(())
    );
    let header = "Date";
    assert_eq!(
        verifier.verify(&request, headers, at(ZENVIA_DATE_UNIX + 181)),
        Err(VerifyError::Stale {
            header,
            age: Duration::from_secs(181),
            max_age: Duration::from_secs(180)
        })
    );
    assert_eq!(
        verifier.verify(&request, headers, at(ZENVIA_DATE_UNIX - 1)),
        Err(VerifyError::FromTheFuture {
            header,
            ahead: Duration::from_secs(1),
            max_ahead: Duration::ZERO
        })
    );
    let text_plain = [
        ("Content-Type", "text/plain"),
        ("Date", ZENVIA_DATE),
        ("X-API-Signature", sig),
    ];
    let mismatch = Err(VerifyError::Mismatch {
        header: "X-API-Signature",
    });
    assert_eq!(
        verifier.verify(&request, text_plain, at(ZENVIA_DATE_UNIX)),
        mismatch
    );
}

#[test]
fn zenvia_leaves_the_digest_and_content_type_lines_empty_without_a_body() {
    // python3 -c 'import hmac,hashlib,base64;s="\n".join(["GET","","",
    //   "Sun, 12 Feb 2023 07:40:32 GMT","api.zenvia.com","/v2/files?limit=5"]);
    //   print(base64.b64encode(hmac.new(b"token-secret",s.encode(),hashlib.sha256).digest()).decode())'
    let sig = "BAjvYat0gSa0euJbtVsffrq3LYzTrur554ILXGm0++w=";
    let verifier = Verifier::new(ZENVIA, "token-secret");
    let request = Request::new("GET", "https://api.zenvia.com/v2/files?limit=5", b"");
    let headers = [("Date", ZENVIA_DATE), ("X-API-Signature", sig)];
    assert_eq!(
        verifier.verify(&request, headers, at(ZENVIA_DATE_UNIX)),
        Ok(())
    );
    let secret = WebhookSecret::new("token-secret");
    assert_eq!(ZENVIA.sign(&secret, &request, headers).as_deref(), Ok(sig));
    let relative = Request::new("GET", "/v2/files?limit=5", b"");
    assert_eq!(
        verifier.verify(&relative, headers, at(ZENVIA_DATE_UNIX)),
        Err(VerifyError::InvalidUrl)
    );
}

#[test]
fn a_stale_timestamp_says_how_old_it_is_once() {
    let error = mb_verify(MB_URL, "1700000000", MB_SIGNATURE, at(MB_TS + 301)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "webhook timestamp `MessageBird-Request-Timestamp` is 301s old, more than the 300s allowed"
    );
    assert!(!format!("{error:?}").contains("secureSigningKey"));
}
