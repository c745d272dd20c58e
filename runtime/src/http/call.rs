//! One call of an operation: what generated methods return. Await it for the typed value,
//! or adjust it first (timeout, deadline, headers, idempotency) and ask for the whole
//! response.

use std::future::IntoFuture;
use std::marker::PhantomData;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use super::client::Inner;
use super::decode::DecodeFailure;
use super::error::{BuildError, BuildErrorKind, Error};
use super::send::{ResponseFuture, SendFuture};

/// Decodes a success body (generated code picks the type and any envelope to unwrap).
pub type Decoder<T> = fn(&[u8]) -> Result<T, DecodeFailure>;

/// The body of a request.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    Empty,
    /// Encoded once; attempts share the bytes.
    Json(Bytes),
    /// `application/x-www-form-urlencoded`, encoded once.
    Form(Bytes),
    #[cfg(feature = "multipart")]
    Multipart(super::multipart::Form),
}

/// A request as an operation describes it, before the client adds its defaults.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub(crate) method: Method,
    /// The path template, for tracing (`/chats/{id}/messages`) and for naming a refused
    /// path parameter.
    pub(crate) template: &'static str,
    /// The path below the base URL, each segment already percent-encoded: encoded once
    /// here, so an attempt only copies it into the URL.
    pub(crate) path: String,
    /// The first segment whose value would change the endpoint. Only its place and value
    /// are kept (a few bytes in every call's future); the parameter's name is looked up in
    /// the template when the error is made.
    pub(crate) marks: Marks,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) body: Result<Body, String>,
}

/// A path segment value that is refused and where it was, and the spec's flags: packed in
/// 8 bytes, since they live in every call's future.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Marks {
    refused_at: u32,
    refused: Option<Refusable>,
    /// Decode a success body as JSON whatever content type it is announced with.
    pub(crate) lenient_content_type: bool,
}

/// The values no encoding keeps from changing the path.
#[derive(Debug, Clone, Copy)]
enum Refusable {
    Empty,
    Dot,
    DotDot,
}

impl Refusable {
    fn of(segment: &str) -> Option<Self> {
        match segment {
            "" => Some(Refusable::Empty),
            "." => Some(Refusable::Dot),
            ".." => Some(Refusable::DotDot),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Refusable::Empty => "",
            Refusable::Dot => ".",
            Refusable::DotDot => "..",
        }
    }
}

impl RequestSpec {
    /// A request for `method` on the path `template` filled with `segments`: one per
    /// non-empty `/`-separated segment of the template, in order (literal segments as they
    /// are, placeholders filled: `&["chats", id, "messages"]` for `/chats/{id}/messages`).
    ///
    /// Each segment is percent-encoded, so a value with `/`, `?`, `#` or `%` stays one
    /// segment. A value that would still change the endpoint, an empty segment, `.` or
    /// `..` (the URL parser resolves dot segments, encoded or not), makes the call fail
    /// before anything is sent, with a [`BuildError`] of kind
    /// [`BuildErrorKind::PathParameter`] naming the template's parameter at that place.
    pub fn new(method: Method, template: &'static str, segments: &[&str]) -> Self {
        let mut path = String::with_capacity(template.len() + 16);
        let mut marks = Marks {
            refused_at: 0,
            refused: None,
            lenient_content_type: false,
        };
        for (index, segment) in segments.iter().enumerate() {
            if marks.refused.is_none() {
                marks.refused = Refusable::of(segment);
                marks.refused_at = u32::try_from(index).unwrap_or(u32::MAX);
            }
            push_segment(&mut path, segment);
        }
        RequestSpec {
            method,
            template,
            path,
            marks,
            query: Vec::new(),
            body: Ok(Body::Empty),
        }
    }

    /// Adds query parameters.
    pub fn query(mut self, pairs: Vec<(&'static str, String)>) -> Self {
        self.query = pairs;
        self
    }

    /// Sets a JSON body.
    pub fn json<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = serde_json::to_vec(body)
            .map(|bytes| Body::Json(bytes.into()))
            .map_err(|e| format!("the body does not encode as JSON: {e}"));
        self
    }

    /// Sets query parameter `name` to `value`, replacing any it had (paging parameters).
    pub(crate) fn set_query(&mut self, name: &'static str, value: String) {
        self.query.retain(|(n, _)| *n != name);
        self.query.push((name, value));
    }

    /// This request sent to `url` (a next-page URL, already checked to be on the base
    /// URL's origin) instead of its path and query. Stored in `path`, which otherwise
    /// always starts with `/`, so the spec grows by nothing.
    pub(crate) fn at_url(mut self, url: reqwest::Url) -> Self {
        self.path = url.into();
        self.query.clear();
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body (Twilio, Gupshup) from a value that
    /// serializes as an object: each field becomes `name=text`, scalars as text, objects and
    /// arrays as compact JSON (Gupshup's `message` field carries JSON text), `null` fields
    /// left out. Anything but an object makes the call fail before it is sent, with a
    /// [`BuildError`] of kind [`BuildErrorKind::Body`].
    pub fn form<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = super::query::form(body).map(|text| Body::Form(text.into_bytes().into()));
        self
    }

    /// Decodes a success body as JSON whatever its `Content-Type` says (Gupshup answers
    /// JSON as `text/html`). Without this, a success body announced as anything but JSON
    /// is an [`Error::Decode`] naming the content type, which is what an HTML error page
    /// served with 200 should be. A body that then does not parse is still an
    /// `Error::Decode`.
    pub fn lenient_content_type(mut self) -> Self {
        self.marks.lenient_content_type = true;
        self
    }

    /// Sets a multipart body.
    #[cfg(feature = "multipart")]
    pub fn multipart(mut self, form: Result<super::multipart::Form, String>) -> Self {
        self.body = form.map(Body::Multipart);
        self
    }

    /// Whether the request can be built at all: its path and its body. Checked before the
    /// rate limiter and the first attempt, so a bad request waits for nothing and sends
    /// nothing.
    pub(crate) fn check(&self) -> Result<(), BuildError> {
        if let Some(refused) = self.marks.refused {
            let kind = BuildErrorKind::PathParameter {
                name: usize::try_from(self.marks.refused_at)
                    .ok()
                    .and_then(|index| parameter_at(self.template, index)),
                value: refused.as_str(),
            };
            return Err(BuildError::new(kind, String::new()));
        }
        match &self.body {
            Err(message) => Err(BuildError::new(BuildErrorKind::Body, message.clone())),
            Ok(_) => Ok(()),
        }
    }
}

/// The name of the parameter that fills segment `index` of `template` (segments counted
/// as generated code counts them: the non-empty ones). `{id}` gives `id`; a segment that
/// mixes text and placeholders is given whole (`bot{token}`); a literal segment, or none at
/// that place, gives `None`.
fn parameter_at(template: &'static str, index: usize) -> Option<&'static str> {
    let segment = template.split('/').filter(|s| !s.is_empty()).nth(index)?;
    if !segment.contains('{') {
        return None;
    }
    match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        Some(name) if !name.contains(['{', '}']) => Some(name),
        _ => Some(segment),
    }
}

/// Appends `/` and `segment` to `path`, percent-encoding every byte that is not an
/// RFC 3986 `pchar`, and `%` itself, so the URL parser keeps the value as one segment.
/// (`.`, `..` and empty values are refused by [`RequestSpec::new`]: no encoding keeps them
/// from changing the path.)
fn push_segment(path: &mut String, segment: &str) {
    path.push('/');
    encode_segment(path, segment);
}

/// Appends `segment` percent-encoded as [`push_segment`] does, without the `/`.
pub(crate) fn encode_segment(path: &mut String, segment: &str) {
    for &byte in segment.as_bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
            );
        if keep {
            path.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            path.push('%');
            path.push(char::from(HEX[usize::from(byte >> 4)]));
            path.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
}

/// A pending call returning `T`, failing with the provider's error body `E`.
///
/// Two time limits apply: the [`timeout`](Call::timeout) of each attempt (default: the
/// client's, 30 s unless set), and the [`deadline`](Call::deadline) of the whole call,
/// every attempt, backoff and rate-limit wait included (default: the client's, none unless
/// set). Retries follow the client's [`RetryPolicy`](super::RetryPolicy).
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T, E> {
    pub(crate) inner: &'a Inner,
    pub(crate) spec: RequestSpec,
    pub(crate) decode: Decoder<T>,
    /// `None`: the client's. Kept apart from the client's so `Some(None)` can lift a limit.
    timeout: Option<Option<Duration>>,
    deadline: Option<Option<Duration>>,
    headers: Vec<(String, String)>,
    /// `None`: decided by the method and the policy.
    idempotent: Option<bool>,
    error: PhantomData<fn() -> E>,
}

impl<'a, T, E> Call<'a, T, E> {
    /// A call (generated code builds these, through `Client::call`).
    pub(crate) fn new(inner: &'a Inner, spec: RequestSpec, decode: Decoder<T>) -> Self {
        Call {
            inner,
            spec,
            decode,
            timeout: None,
            deadline: None,
            headers: Vec::new(),
            idempotent: None,
            error: PhantomData,
        }
    }

    /// The time limit of each attempt of this call, instead of the client's; `None` lets an
    /// attempt wait forever (the deadline, if any, still applies). An attempt that runs out
    /// fails with a [`TransportError`](super::TransportError) of kind `Timeout`, retried
    /// only when the call may be repeated (see [`RetryPolicy`](super::RetryPolicy)).
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = Some(timeout.into());
        self
    }

    /// The time limit of the whole call, instead of the client's; `None` removes it.
    ///
    /// It counts from the first poll of the call's future and covers every attempt, every
    /// backoff and every rate-limit wait. An attempt still running when it comes is cut
    /// short; a backoff that would end after it is not started (the last failure is
    /// returned, as when attempts run out); a rate-limit wait that would end after it is
    /// not started either. When the deadline ends the call, the error is a
    /// [`TransportError`](super::TransportError) of kind `Deadline`
    /// ([`is_deadline`](super::TransportError::is_deadline) and
    /// [`is_timeout`](super::TransportError::is_timeout) are true), with the attempts made.
    pub fn deadline(mut self, deadline: impl Into<Option<Duration>>) -> Self {
        self.deadline = Some(deadline.into());
        self
    }

    /// A header for this call only.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Declares whether repeating this call can create a duplicate. `true`: timeouts, lost
    /// connections, cut-off bodies, 408 and 5xx are retried too (as for GET); `false`: they
    /// are not, even for an idempotent method or a policy that
    /// [retries non-idempotent calls](super::RetryPolicy::retry_non_idempotent). Unset,
    /// GET, HEAD, PUT, DELETE and OPTIONS may be repeated and POST and PATCH may not,
    /// unless the policy says otherwise.
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = Some(yes);
        self
    }

    /// Sends the call and returns the typed value (what awaiting the call does).
    pub fn send(self) -> SendFuture<'a, T, E> {
        SendFuture::new(self)
    }

    /// Sends the call and returns the typed value with the status, headers and raw body.
    pub fn send_with_response(self) -> ResponseFuture<'a, T, E> {
        ResponseFuture::new(self)
    }

    /// Whether this call may be sent again after it may have reached the provider.
    pub(crate) fn may_repeat(&self) -> bool {
        self.idempotent.unwrap_or_else(|| {
            self.inner.retry.retry_non_idempotent || is_idempotent(&self.spec.method)
        })
    }

    /// The time limit of each attempt.
    pub(crate) fn attempt_timeout(&self) -> Option<Duration> {
        self.timeout.unwrap_or(self.inner.timeout)
    }

    /// The time limit of the whole call.
    pub(crate) fn deadline_limit(&self) -> Option<Duration> {
        self.deadline.unwrap_or(self.inner.deadline)
    }

    /// The request of one attempt, with this time limit: URL, client and call headers, body.
    ///
    /// Built straight into a `reqwest::Request` (no `RequestBuilder`, which would merge the
    /// default headers into the request one by one): the client's headers, with `Accept`
    /// and the JSON `Content-Type` already in, are cloned whole.
    pub(crate) fn request(
        &self,
        timeout: Option<Duration>,
    ) -> Result<reqwest::Request, BuildError> {
        let inner = self.inner;
        if !self.spec.path.is_empty() && !self.spec.path.starts_with('/') {
            return self.request_to_url(timeout);
        }
        let mut url = inner.base_url.clone();
        // Only a provider with a credential in the path pays for rebuilding it.
        let filled;
        let path = if inner.placed.path.is_empty() {
            self.spec.path.as_str()
        } else {
            filled = fill_path(self.spec.template, &self.spec.path, &inner.placed.path);
            filled.as_str()
        };
        if inner.base_path.is_empty() {
            url.set_path(path);
        } else {
            url.set_path(&[inner.base_path.as_str(), path].concat());
        }
        if !self.spec.query.is_empty() || !inner.placed.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            pairs.extend_pairs(self.spec.query.iter().map(|(k, v)| (*k, v.as_str())));
            pairs.extend_pairs(inner.placed.query.iter().map(|(k, v)| (*k, v.expose())));
        }
        let mut request = reqwest::Request::new(self.spec.method.clone(), url);
        match &self.spec.body {
            Err(message) => return Err(BuildError::new(BuildErrorKind::Body, message.clone())),
            Ok(Body::Empty) => *request.headers_mut() = inner.headers.clone(),
            Ok(Body::Json(bytes)) => {
                *request.headers_mut() = inner.json_headers.clone();
                *request.body_mut() = Some(bytes.clone().into());
            }
            Ok(Body::Form(bytes)) => {
                *request.headers_mut() = inner.headers.clone();
                request.headers_mut().insert(
                    reqwest::header::CONTENT_TYPE,
                    HeaderValue::from_static("application/x-www-form-urlencoded"),
                );
                *request.body_mut() = Some(bytes.clone().into());
            }
            #[cfg(feature = "multipart")]
            Ok(Body::Multipart(form)) => {
                *request.headers_mut() = inner.headers.clone();
                // The builder sets the boundary's content type and the length.
                request = reqwest::RequestBuilder::from_parts(inner.http.clone(), request)
                    .multipart(form.to_reqwest()?)
                    .build()
                    .map_err(|e| {
                        BuildError::new(BuildErrorKind::Body, "invalid multipart request")
                            .caused_by(e.without_url())
                    })?;
            }
        }
        for (name, value) in &self.headers {
            let name = HeaderName::try_from(name.as_str()).map_err(|e| {
                BuildError::new(
                    BuildErrorKind::Header,
                    format!("invalid header name `{name}`"),
                )
                .caused_by(e)
            })?;
            // The value is never put in the message: it may be a token.
            let value = HeaderValue::from_str(value).map_err(|_| {
                BuildError::new(
                    BuildErrorKind::Header,
                    format!("invalid value for header `{name}`"),
                )
            })?;
            request.headers_mut().insert(name, value);
        }
        *request.timeout_mut() = timeout;
        Ok(request)
    }

    /// The request of an attempt at a next-page URL (see [`RequestSpec::at_url`]): the
    /// client's headers, and its query credentials unless the URL already has them. Path
    /// credentials are not filled: the provider wrote the URL.
    fn request_to_url(&self, timeout: Option<Duration>) -> Result<reqwest::Request, BuildError> {
        let inner = self.inner;
        let mut url = reqwest::Url::parse(&self.spec.path).map_err(|_| {
            BuildError::new(
                BuildErrorKind::NextPageUrl,
                "the next page's URL is not a valid URL",
            )
        })?;
        let missing: Vec<_> = inner
            .placed
            .query
            .iter()
            .filter(|(name, _)| !url.query_pairs().any(|(n, _)| n == *name))
            .collect();
        if !missing.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(missing.iter().map(|(k, v)| (*k, v.expose())));
        }
        let mut request = reqwest::Request::new(self.spec.method.clone(), url);
        *request.headers_mut() = inner.headers.clone();
        *request.timeout_mut() = timeout;
        Ok(request)
    }
}

/// `path` (the spec's encoded segments) with each segment whose template segment holds a
/// path credential's placeholder replaced by that template segment, filled. Whatever
/// generated code passed for such a segment is ignored, so a user's value that happens to
/// read `{token}` is never replaced by the credential.
fn fill_path(template: &str, path: &str, credentials: &[(&'static str, super::Secret)]) -> String {
    let mut out = String::with_capacity(path.len() + 64);
    let mut templates = template.split('/').filter(|s| !s.is_empty());
    // Encoded segments hold no `/`, so splitting finds them again.
    for segment in path.split('/').skip(1) {
        out.push('/');
        match templates
            .next()
            .and_then(|t| super::auth::fill_segment(t, credentials))
        {
            Some(filled) => out.push_str(&filled),
            None => out.push_str(segment),
        }
    }
    out
}

/// The methods RFC 9110 defines as idempotent (PATCH and POST are not).
fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

impl<'a, T, E> IntoFuture for Call<'a, T, E>
where
    E: DeserializeOwned,
{
    type Output = Result<T, Error<E>>;
    type IntoFuture = SendFuture<'a, T, E>;

    fn into_future(self) -> Self::IntoFuture {
        SendFuture::new(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded_one_by_one() {
        let spec = RequestSpec::new(
            Method::GET,
            "/chats/{id}",
            &["chats", "a/b c%d", "é?#", "x:y@z+1", "%2e%2E", "..."],
        );
        assert_eq!(
            spec.path,
            "/chats/a%2Fb%20c%25d/%C3%A9%3F%23/x:y@z+1/%252e%252E/..."
        );
        assert!(spec.check().is_ok(), "encoded dots are plain text");
    }

    fn refusal(template: &'static str, segments: &[&str]) -> BuildErrorKind {
        RequestSpec::new(Method::POST, template, segments)
            .check()
            .expect_err("refused")
            .kind
    }

    #[test]
    fn values_that_would_change_the_endpoint_are_refused_by_name() {
        let template = "/api/v1/conversations/{id}/messages";
        for value in ["", ".", ".."] {
            assert_eq!(
                refusal(template, &["api", "v1", "conversations", value, "messages"]),
                BuildErrorKind::PathParameter {
                    name: Some("id"),
                    value,
                }
            );
        }
        // A segment mixing text and a placeholder is checked as a whole: `bot` is fine,
        // and when the whole is refused the segment is named as written.
        let spec = RequestSpec::new(Method::GET, "/bot{token}/getMe", &["bot", "getMe"]);
        assert!(spec.check().is_ok());
        assert_eq!(
            refusal("/files/{name}.{ext}", &["files", "."]),
            BuildErrorKind::PathParameter {
                name: Some("{name}.{ext}"),
                value: ".",
            }
        );
        // Segments that do not line up with the template are still refused, unnamed.
        assert_eq!(
            refusal("/a", &["a", ".."]),
            BuildErrorKind::PathParameter {
                name: None,
                value: "..",
            }
        );
    }

    #[test]
    fn a_refused_path_parameter_names_it_and_its_value_only() {
        let error = RequestSpec::new(Method::POST, "/c/{id}/m", &["c", "", "m"])
            .check()
            .expect_err("refused");
        assert_eq!(
            error.to_string(),
            "cannot build the request: path parameter `id` is empty, which would change the endpoint"
        );
        let error = RequestSpec::new(Method::POST, "/c/{id}/m", &["c", "..", "m"])
            .check()
            .expect_err("refused");
        assert_eq!(
            error.to_string(),
            "cannot build the request: path parameter `id` is `..`, which would change the endpoint"
        );
    }
}
