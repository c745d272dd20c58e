//! The `webhook` module against signatures computed apart from it: RFC 4231 / RFC 2202
//! vectors for the HMACs, Twilio's own published examples, and for the rest Python's `hmac`,
//! `hashlib` and `base64` on this machine (each command is in the comment above its value).
//! The timestamped schemes are in `webhooks_timestamps.rs`.

#![cfg(feature = "webhooks")]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use msgen_runtime::webhook::{
    Algorithm, Encoding, Handshake, HmacScheme, Part, Refusal, Request, SignatureProblem,
    TokenScheme, Verifier, VerifyError, WebhookSecret,
};

const META: HmacScheme =
    HmacScheme::new(Algorithm::HmacSha256, "X-Hub-Signature-256", Encoding::Hex).prefix("sha256=");
const TWILIO_FORM: HmacScheme =
    HmacScheme::new(Algorithm::HmacSha1, "X-Twilio-Signature", Encoding::Base64)
        .signed(&[Part::Url, Part::SortedForm], "");
const TWILIO_JSON: HmacScheme =
    HmacScheme::new(Algorithm::HmacSha1, "X-Twilio-Signature", Encoding::Base64)
        .signed(&[Part::Url], "")
        .body_sha256_param("bodySHA256");
const TELEGRAM: TokenScheme = TokenScheme::new("X-Telegram-Bot-Api-Secret-Token");

fn at(unix_seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(unix_seconds)
}

/// Any time: for schemes without a timestamp.
fn now() -> SystemTime {
    at(1_700_000_000)
}

fn post<'a>(url: &'a str, body: &'a [u8]) -> Request<'a> {
    Request::new("POST", url, body)
}

// ---------------------------------------------------------------- the HMAC primitives

/// A scheme that signs the body and writes the MAC in hex, so that the RFCs' (key, data,
/// MAC) triples go straight through the public API.
fn raw(algorithm: Algorithm) -> HmacScheme {
    HmacScheme::new(algorithm, "X-Mac", Encoding::Hex)
}

fn check_vector(algorithm: Algorithm, key: &[u8], data: &[u8], mac_hex: &str) {
    let verifier = Verifier::new(raw(algorithm), key);
    let request = post("https://example.com/", data);
    assert_eq!(
        verifier.verify(&request, [("X-Mac", mac_hex)], now()),
        Ok(())
    );
    let signed = raw(algorithm).sign(&WebhookSecret::new(key), &request, [("a", "b")]);
    assert_eq!(signed.as_deref(), Ok(mac_hex));
}

const LARGE_KEY_DATA: &[u8] = b"Test Using Larger Than Block-Size Key - Hash Key First";

#[test]
fn hmac_sha256_matches_rfc_4231() {
    // Test cases 1, 2 and 6 of RFC 4231 §4 (short key, short key and data, key longer than
    // the block).
    let sha256 = Algorithm::HmacSha256;
    let case1 = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
    check_vector(sha256, &[0x0b; 20], b"Hi There", case1);
    let case2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    check_vector(sha256, b"Jefe", b"what do ya want for nothing?", case2);
    let case6 = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54";
    check_vector(sha256, &[0xaa; 131], LARGE_KEY_DATA, case6);
}

#[test]
fn hmac_sha1_matches_rfc_2202() {
    // Test cases 1, 2 and 6 of RFC 2202 §3.
    let sha1 = Algorithm::HmacSha1;
    check_vector(
        sha1,
        &[0x0b; 20],
        b"Hi There",
        "b617318655057264e28bc0b6fb378c8ef146be00",
    );
    let case2 = "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";
    check_vector(sha1, b"Jefe", b"what do ya want for nothing?", case2);
    let case6 = "aa4ae5e15272d00e95705637ce8a3b55ed402112";
    check_vector(sha1, &[0xaa; 80], LARGE_KEY_DATA, case6);
}

// ---------------------------------------------------------------- Meta (WhatsApp Cloud API)

const META_BODY: &[u8] = br#"{"object":"whatsapp_business_account","entry":[]}"#;
// python3 -c 'import hmac,hashlib;print(hmac.new(b"app-secret-123",
//   b"{\"object\":\"whatsapp_business_account\",\"entry\":[]}",hashlib.sha256).hexdigest())'
const META_SIGNATURE: &str =
    "sha256=20e391a99a86fc5adf7e3a453236d20c906360291977896cf2f671e03bb95703";

fn meta() -> Verifier {
    Verifier::new(META, "app-secret-123")
}

fn meta_verify(body: &[u8], headers: &[(&str, &str)]) -> Result<(), VerifyError> {
    let request = post("https://example.com/whatsapp", body);
    meta().verify(&request, headers.iter().copied(), now())
}

#[test]
fn meta_accepts_its_signature_whatever_the_header_case_and_hex_case() {
    assert_eq!(
        meta_verify(META_BODY, &[("X-Hub-Signature-256", META_SIGNATURE)]),
        Ok(())
    );
    assert_eq!(
        meta_verify(META_BODY, &[("x-hub-signature-256", META_SIGNATURE)]),
        Ok(())
    );
    let upper = format!(
        "sha256={}",
        META_SIGNATURE["sha256=".len()..].to_uppercase()
    );
    assert_eq!(
        meta_verify(META_BODY, &[("X-Hub-Signature-256", &upper)]),
        Ok(())
    );
    // The SDK helper's own example (hexdocs WhatsApp.Webhook.compute_signature("test", "secret")).
    let sdk = "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914";
    let request = post("https://example.com/whatsapp", b"test");
    let headers = [("X-Hub-Signature-256", sdk)];
    assert_eq!(
        Verifier::new(META, "secret").verify(&request, headers, now()),
        Ok(())
    );
}

#[test]
fn meta_refuses_a_wrong_secret_an_altered_body_or_an_altered_signature() {
    let mismatch = Err(VerifyError::Mismatch {
        header: "X-Hub-Signature-256",
    });
    let request = post("https://example.com/whatsapp", META_BODY);
    let headers = [("X-Hub-Signature-256", META_SIGNATURE)];
    let wrong_secret = Verifier::new(META, "app-secret-124");
    assert_eq!(wrong_secret.verify(&request, headers, now()), mismatch);

    let mut altered = META_BODY.to_vec();
    altered[10] ^= 0x01;
    assert_eq!(
        meta_verify(&altered, &[("X-Hub-Signature-256", META_SIGNATURE)]),
        mismatch
    );
    let mut longer = META_BODY.to_vec();
    longer.push(b' ');
    assert_eq!(
        meta_verify(&longer, &[("X-Hub-Signature-256", META_SIGNATURE)]),
        mismatch
    );

    let flipped = META_SIGNATURE.replace("20e391", "20e390");
    assert_eq!(
        meta_verify(META_BODY, &[("X-Hub-Signature-256", &flipped)]),
        mismatch
    );
}

#[test]
fn meta_refuses_missing_duplicate_and_malformed_headers() {
    let header = "X-Hub-Signature-256";
    assert_eq!(
        meta_verify(META_BODY, &[("X-Hub-Signature", META_SIGNATURE)]),
        Err(VerifyError::MissingHeader { header })
    );
    assert_eq!(
        meta_verify(
            META_BODY,
            &[(header, META_SIGNATURE), (header, META_SIGNATURE)]
        ),
        Err(VerifyError::DuplicateHeader { header })
    );
    let malformed = |problem| Err(VerifyError::MalformedSignature { header, problem });
    let bare = &META_SIGNATURE["sha256=".len()..];
    let wrong_prefix = SignatureProblem::WrongPrefix("sha256=");
    assert_eq!(
        meta_verify(META_BODY, &[(header, bare)]),
        malformed(wrong_prefix)
    );
    let sha1 = format!("sha1={bare}");
    assert_eq!(
        meta_verify(META_BODY, &[(header, &sha1)]),
        malformed(wrong_prefix)
    );
    assert_eq!(
        meta_verify(META_BODY, &[(header, "sha256=zz")]),
        malformed(SignatureProblem::NotHex)
    );
    let short = SignatureProblem::WrongLength {
        actual: 2,
        expected: 32,
    };
    assert_eq!(
        meta_verify(META_BODY, &[(header, "sha256=abcd")]),
        malformed(short)
    );
    assert_eq!(
        meta_verify(META_BODY, &[(header, "")]),
        malformed(wrong_prefix)
    );
}

#[test]
fn sign_gives_the_header_value_a_provider_sends() {
    let request = post("https://example.com/whatsapp", META_BODY);
    let secret = WebhookSecret::new("app-secret-123");
    let no_headers: [(&str, &str); 0] = [];
    assert_eq!(
        META.sign(&secret, &request, no_headers).as_deref(),
        Ok(META_SIGNATURE)
    );
}

// ---------------------------------------------------------------- Twilio

// Twilio's documented example ("Validating Signatures from Twilio"): auth token 12345, this
// URL and these parameters give 0/KCTR6DLpKmkAf8muzZqo1nDgQ=. Recomputed with
// python3 -c 'import hmac,hashlib,base64;p={"CallSid":"CA1234567890ABCDE",
//   "Caller":"+12349013030","Digits":"1234","From":"+12349013030","To":"+18005551212"};
//   s="https://mycompany.com/myapp.php?foo=1&bar=2"+"".join(k+p[k] for k in sorted(p));
//   print(base64.b64encode(hmac.new(b"12345",s.encode(),hashlib.sha1).digest()).decode())'
const TWILIO_URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
const TWILIO_SIGNATURE: &str = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
/// The same parameters out of order and form-encoded, as a POST carries them.
const TWILIO_FORM_BODY: &[u8] = b"To=%2B18005551212&CallSid=CA1234567890ABCDE&Digits=1234\
    &From=%2B12349013030&Caller=%2B12349013030";

fn twilio_verify(scheme: HmacScheme, url: &str, body: &[u8], sig: &str) -> Result<(), VerifyError> {
    let verifier = Verifier::new(scheme, "12345");
    verifier.verify(&post(url, body), [("X-Twilio-Signature", sig)], now())
}

#[test]
fn twilio_form_signature_covers_the_url_and_the_sorted_parameters() {
    assert_eq!(
        twilio_verify(TWILIO_FORM, TWILIO_URL, TWILIO_FORM_BODY, TWILIO_SIGNATURE),
        Ok(())
    );
    // Padding is optional on the way in.
    let unpadded = TWILIO_SIGNATURE.trim_end_matches('=');
    assert_eq!(
        twilio_verify(TWILIO_FORM, TWILIO_URL, TWILIO_FORM_BODY, unpadded),
        Ok(())
    );

    let mismatch = Err(VerifyError::Mismatch {
        header: "X-Twilio-Signature",
    });
    let other_value = b"To=%2B18005551213&CallSid=CA1234567890ABCDE&Digits=1234\
        &From=%2B12349013030&Caller=%2B12349013030";
    assert_eq!(
        twilio_verify(TWILIO_FORM, TWILIO_URL, other_value, TWILIO_SIGNATURE),
        mismatch
    );
    let extra = [TWILIO_FORM_BODY, b"&Extra=1"].concat();
    assert_eq!(
        twilio_verify(TWILIO_FORM, TWILIO_URL, &extra, TWILIO_SIGNATURE),
        mismatch
    );
    let other_url = "https://mycompany.com/myapp.php?foo=1&bar=3";
    assert_eq!(
        twilio_verify(TWILIO_FORM, other_url, TWILIO_FORM_BODY, TWILIO_SIGNATURE),
        mismatch
    );
    let verifier = Verifier::new(TWILIO_FORM, "54321");
    let headers = [("X-Twilio-Signature", TWILIO_SIGNATURE)];
    let request = post(TWILIO_URL, TWILIO_FORM_BODY);
    assert_eq!(verifier.verify(&request, headers, now()), mismatch);
    let not_base64 = SignatureProblem::NotBase64;
    assert_eq!(
        twilio_verify(
            TWILIO_FORM,
            TWILIO_URL,
            TWILIO_FORM_BODY,
            "0/KCTR6DLpKm*kAf8muzZqo1nDgQ="
        ),
        Err(VerifyError::MalformedSignature {
            header: "X-Twilio-Signature",
            problem: not_base64
        })
    );
}

// Twilio's JSON case, from twilio-python's test suite: the body's SHA-256 in the URL, the
// URL signed. python3 -c 'import hashlib;print(hashlib.sha256(
//   b"{\"property\": \"value\", \"boolean\": true}").hexdigest())' and
// python3 -c 'import hmac,hashlib,base64;u="https://mycompany.com/myapp.php?foo=1&bar=2"
//   "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
//   print(base64.b64encode(hmac.new(b"12345",u.encode(),hashlib.sha1).digest()).decode())'
const TWILIO_JSON_BODY: &[u8] = br#"{"property": "value", "boolean": true}"#;
const TWILIO_JSON_URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2\
    &bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
const TWILIO_JSON_SIGNATURE: &str = "a9nBmqA0ju/hNViExpshrM61xv4=";

#[test]
fn twilio_json_signature_covers_the_url_and_its_body_digest_the_body() {
    let verify = |url, body| twilio_verify(TWILIO_JSON, url, body, TWILIO_JSON_SIGNATURE);
    assert_eq!(verify(TWILIO_JSON_URL, TWILIO_JSON_BODY), Ok(()));
    let altered = br#"{"property": "value", "boolean": false}"#;
    let name = "bodySHA256";
    assert_eq!(
        verify(TWILIO_JSON_URL, altered),
        Err(VerifyError::BodyDigestMismatch { name })
    );
    // Without the parameter the URL's signature differs too; the signature is checked first.
    let mismatch = Err(VerifyError::Mismatch {
        header: "X-Twilio-Signature",
    });
    assert_eq!(verify(TWILIO_URL, TWILIO_JSON_BODY), mismatch);
    // python3 -c 'import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b"12345",
    //   b"https://mycompany.com/myapp.php?foo=1&bar=2",hashlib.sha1).digest()).decode())'
    let url_only = "zYQTYrRWXE7LtzbG4PfP7/bkkGo=";
    assert_eq!(
        twilio_verify(TWILIO_JSON, TWILIO_URL, TWILIO_JSON_BODY, url_only),
        Err(VerifyError::MissingParameter { name })
    );
}

// ---------------------------------------------------------------- Telegram

#[test]
fn telegram_token_must_equal_the_configured_one() {
    let verifier = Verifier::new(TELEGRAM, "My_Secret-Token_123");
    let request = post("https://example.com/telegram", b"{\"update_id\":1}");
    let header = "X-Telegram-Bot-Api-Secret-Token";
    assert_eq!(
        verifier.verify(&request, [(header, "My_Secret-Token_123")], now()),
        Ok(())
    );
    for wrong in [
        "My_Secret-Token_124",
        "My_Secret-Token_12",
        "My_Secret-Token_1234",
        "",
    ] {
        let result = verifier.verify(&request, [(header, wrong)], now());
        assert_eq!(result, Err(VerifyError::Mismatch { header }), "{wrong:?}");
    }
    let other: [(&str, &str); 1] = [("X-Other", "My_Secret-Token_123")];
    assert_eq!(
        verifier.verify(&request, other, now()),
        Err(VerifyError::MissingHeader { header })
    );
}

// ---------------------------------------------------------------- Meta's handshake

#[test]
fn handshake_echoes_the_challenge_only_for_the_right_mode_and_token() {
    let token = WebhookSecret::new("meatyhamhock");
    let query = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";
    assert_eq!(
        Handshake::HUB.answer(&token, query).as_deref(),
        Ok("1158201444")
    );
    // Parameters are percent-decoded before comparing and echoing.
    let encoded = "hub.verify_token=meaty%68amhock&hub.mode=subscribe&hub.challenge=a%20b";
    assert_eq!(Handshake::HUB.answer(&token, encoded).as_deref(), Ok("a b"));

    let refused = |refusal| Err(VerifyError::HandshakeRefused(refusal));
    let wrong_token = "hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhocks";
    assert_eq!(
        Handshake::HUB.answer(&token, wrong_token),
        refused(Refusal::WrongToken)
    );
    let wrong_mode = "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock";
    assert_eq!(
        Handshake::HUB.answer(&token, wrong_mode),
        refused(Refusal::WrongMode)
    );
    let no_challenge = "hub.mode=subscribe&hub.verify_token=meatyhamhock";
    let missing = Refusal::MissingParameter("hub.challenge");
    assert_eq!(
        Handshake::HUB.answer(&token, no_challenge),
        refused(missing)
    );
    let empty_challenge = "hub.mode=subscribe&hub.challenge=&hub.verify_token=meatyhamhock";
    assert_eq!(
        Handshake::HUB.answer(&token, empty_challenge),
        refused(missing)
    );
    let twice =
        "hub.mode=subscribe&hub.challenge=1&hub.verify_token=x&hub.verify_token=meatyhamhock";
    let duplicate = Refusal::DuplicateParameter("hub.verify_token");
    assert_eq!(Handshake::HUB.answer(&token, twice), refused(duplicate));
    assert_eq!(
        Handshake::HUB.answer(&token, ""),
        refused(Refusal::MissingParameter("hub.mode"))
    );
}

// ---------------------------------------------------------------- secrets stay secret

#[test]
fn debug_never_shows_the_secret() {
    let secret = "app-secret-123";
    let shown = format!("{:?} {:?}", meta(), WebhookSecret::new(secret));
    assert!(!shown.contains(secret), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
    let token = format!("{:?}", Verifier::new(TELEGRAM, "My_Secret-Token_123"));
    assert!(!token.contains("My_Secret"), "{token}");
}

#[test]
fn errors_say_what_failed_once_and_hold_no_secret_or_expected_signature() {
    let expected_hex = &META_SIGNATURE["sha256=".len()..];
    let forged = "sha256=0000000000000000000000000000000000000000000000000000000000000000";
    let errors = [
        meta_verify(META_BODY, &[("X-Hub-Signature-256", forged)]),
        meta_verify(META_BODY, &[]),
        meta_verify(META_BODY, &[("X-Hub-Signature-256", "sha256=abcd")]),
        twilio_verify(
            TWILIO_FORM,
            TWILIO_URL,
            TWILIO_FORM_BODY,
            "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ),
    ];
    let messages: Vec<String> = errors
        .iter()
        .map(|e| e.as_ref().unwrap_err().to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "webhook `X-Hub-Signature-256` header does not match the request (wrong secret or altered request)",
            "webhook request has no `X-Hub-Signature-256` header",
            "webhook signature header `X-Hub-Signature-256` decodes to 2 bytes, not 32",
            "webhook `X-Twilio-Signature` header does not match the request (wrong secret or altered request)",
        ]
    );
    for (error, message) in errors.iter().zip(&messages) {
        let debug = format!("{error:?}");
        for leak in ["app-secret-123", expected_hex, "12345", TWILIO_SIGNATURE] {
            assert!(!message.contains(leak) && !debug.contains(leak), "{debug}");
        }
    }
}
