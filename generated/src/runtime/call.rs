//! One call of an operation: what generated methods return. Await it for the typed value,
//! or adjust it first (timeout, headers, idempotency) and ask for the whole response.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use super::client::Inner;
use super::error::{BuildError, DecodeError, Error, StatusError, TransportError, snippet};
use super::response::Response;
use super::retry::{retry_after, retryable_status};

/// Decodes a success body (generated code picks the type and any envelope to unwrap).
pub type Decoder<T> = fn(&[u8]) -> Result<T, DecodeFailure>;

/// Why a body did not decode: the JSON path of the failing value and serde's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    path: String,
    message: String,
}

impl DecodeFailure {
    /// JSON path of the failing value (`data.status`); `.` for the whole body.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for DecodeFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot decode at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeFailure {}

/// The body of a request.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    Empty,
    /// Encoded once; attempts share the bytes.
    Json(Bytes),
    #[cfg(feature = "multipart")]
    Multipart(super::multipart::Form),
}

/// A request as an operation describes it, before the client adds its defaults.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub(crate) method: Method,
    /// The path template, for tracing (`/chats/{id}/messages`).
    pub(crate) template: &'static str,
    /// Path segments, already filled in (encoded when the URL is built).
    pub(crate) segments: Vec<String>,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) body: Result<Body, String>,
}

impl RequestSpec {
    /// A request for `method` on the path `template` filled with `segments`.
    pub fn new(method: Method, template: &'static str, segments: Vec<String>) -> Self {
        RequestSpec {
            method,
            template,
            segments,
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

    /// Sets a multipart body.
    #[cfg(feature = "multipart")]
    pub fn multipart(mut self, form: Result<super::multipart::Form, String>) -> Self {
        self.body = form.map(Body::Multipart);
        self
    }
}

/// A pending call returning `T`, failing with the provider's error body `E`.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T, E> {
    inner: &'a Inner,
    spec: RequestSpec,
    decode: Decoder<T>,
    timeout: Option<Option<Duration>>,
    headers: Vec<(String, String)>,
    idempotent: bool,
    error: PhantomData<fn() -> E>,
}

impl<'a, T, E> Call<'a, T, E>
where
    T: Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    /// A call (generated code builds these).
    pub(crate) fn new(inner: &'a Inner, spec: RequestSpec, decode: Decoder<T>) -> Self {
        Call {
            inner,
            spec,
            decode,
            timeout: None,
            headers: Vec::new(),
            idempotent: false,
            error: PhantomData,
        }
    }

    /// The time limit of each attempt of this call, instead of the client's.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = Some(timeout.into());
        self
    }

    /// A header for this call only.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Declares that repeating this call cannot create a duplicate, so timeouts, 408 and 5xx
    /// are retried too.
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }

    /// Sends the call and returns the typed value.
    pub async fn send(self) -> Result<T, Error<E>> {
        self.send_with_response().await.map(Response::into_inner)
    }

    /// Sends the call and returns the typed value with the status, headers and raw body.
    pub async fn send_with_response(self) -> Result<Response<T>, Error<E>> {
        let (status, headers, raw) = self.execute().await?;
        if let Some(kind) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
            && !kind.contains("json")
        {
            return Err(Error::Decode(DecodeError {
                status,
                path: ".".into(),
                message: format!("expected a JSON body, got content type `{kind}`"),
                snippet: snippet(&raw),
            }));
        }
        match (self.decode)(&raw) {
            Ok(value) => Ok(Response {
                value,
                status,
                headers,
                raw,
            }),
            Err(failure) => Err(Error::Decode(DecodeError {
                status,
                path: failure.path,
                message: failure.message,
                snippet: snippet(&raw),
            })),
        }
    }

    /// Sends attempts until one succeeds or the retry policy gives up.
    async fn execute(&self) -> Result<(StatusCode, HeaderMap, Bytes), Error<E>> {
        let policy = &self.inner.retry;
        let started = Instant::now();
        let may_repeat =
            self.idempotent || policy.retry_non_idempotent || is_idempotent(&self.spec.method);
        let mut attempt = 0;
        loop {
            attempt += 1;
            if let Some(limiter) = &self.inner.limiter {
                limiter.acquire().await;
            }
            let request = self.request().map_err(Error::Build)?;
            let span = tracing::info_span!(
                "msgen.request",
                provider = self.inner.provider,
                method = %self.spec.method,
                path = self.spec.template,
                attempt,
                status = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            );
            let sent = Instant::now();
            let outcome = async {
                let mut response = self.inner.http.execute(request).await?;
                let status = response.status();
                let headers = std::mem::take(response.headers_mut());
                let body = response.bytes().await?;
                Ok::<_, reqwest::Error>((status, headers, body))
            }
            .instrument(span.clone())
            .await;
            let latency = u64::try_from(sent.elapsed().as_millis()).unwrap_or(u64::MAX);
            span.record("latency_ms", latency);
            let wait = match outcome {
                Ok((status, headers, body)) => {
                    span.record("status", status.as_u16());
                    if status.is_success() {
                        return Ok((status, headers, body));
                    }
                    let unprocessed = status == StatusCode::TOO_MANY_REQUESTS;
                    let retry = retryable_status(status) && (may_repeat || unprocessed);
                    let wait = retry.then(|| {
                        policy
                            .backoff(attempt)
                            .max(retry_after(&headers).unwrap_or_default())
                    });
                    match wait {
                        Some(wait) if self.may_retry(attempt, started, wait) => wait,
                        _ => {
                            let parsed = serde_json::from_slice::<E>(&body).ok();
                            return Err(Error::Status(StatusError {
                                status,
                                headers,
                                body: parsed,
                                raw: body,
                                attempts: attempt,
                            }));
                        }
                    }
                }
                Err(source) => {
                    // A refused connection cannot have reached the provider; anything later may have.
                    let retry = source.is_connect()
                        || (may_repeat && (source.is_timeout() || source.is_request()));
                    let wait = policy.backoff(attempt);
                    if !(retry && self.may_retry(attempt, started, wait)) {
                        return Err(Error::Transport(TransportError {
                            source,
                            attempts: attempt,
                        }));
                    }
                    wait
                }
            };
            tracing::debug!(parent: &span, wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX), "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    fn may_retry(&self, attempt: u32, started: Instant, wait: Duration) -> bool {
        let policy = &self.inner.retry;
        attempt < policy.max_attempts
            && wait <= policy.max_backoff.max(policy.initial_backoff)
            && started.elapsed() + wait <= policy.max_elapsed
    }

    /// The request of one attempt: URL, client and call headers, body.
    fn request(&self) -> Result<reqwest::Request, BuildError> {
        let mut url = self.inner.base_url.clone();
        {
            let mut path = url
                .path_segments_mut()
                .map_err(|()| BuildError::new("the base URL cannot have a path"))?;
            path.pop_if_empty();
            for segment in &self.spec.segments {
                path.push(segment);
            }
        }
        if !self.spec.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.spec.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let mut headers = self.inner.headers.clone();
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        for (name, value) in &self.headers {
            let name = HeaderName::try_from(name.as_str())
                .map_err(|e| BuildError::with_source(format!("invalid header name `{name}`"), e))?;
            let value = HeaderValue::from_str(value)
                .map_err(|_| BuildError::new(format!("invalid value for header `{name}`")))?;
            headers.insert(name, value);
        }
        let mut builder = self
            .inner
            .http
            .request(self.spec.method.clone(), url)
            .headers(headers);
        match &self.spec.body {
            Err(message) => return Err(BuildError::new(message.clone())),
            Ok(Body::Empty) => {}
            Ok(Body::Json(bytes)) => {
                builder = builder
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .body(bytes.clone());
            }
            #[cfg(feature = "multipart")]
            Ok(Body::Multipart(form)) => builder = builder.multipart(form.to_reqwest()?),
        }
        if let Some(timeout) = self.timeout.unwrap_or(self.inner.timeout) {
            builder = builder.timeout(timeout);
        }
        builder
            .build()
            .map_err(|e| BuildError::with_source("invalid request", e))
    }
}

impl<'a, T, E> IntoFuture for Call<'a, T, E>
where
    T: Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    type Output = Result<T, Error<E>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

/// Decodes a body as `T`, keeping the JSON path of a failure. The path is tracked only on
/// a second pass after a failure, so a good body decodes at plain serde speed.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeFailure> {
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| DecodeFailure {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })?;
    deserializer.end().map_err(|e| DecodeFailure {
        path: ".".into(),
        message: e.to_string(),
    })?;
    Ok(value)
}
