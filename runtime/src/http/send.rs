//! Sending a call: the attempt loop as a hand-written future.
//!
//! Why not an `async fn`: its state machine nests every layer (send → attempts → reqwest's
//! future → the body) and came to about 2 KB, which `IntoFuture` then had to box because an
//! `async fn`'s type cannot be named. Allocating and copying that block on every call, and
//! touching its cold memory on every poll, was most of the client's overhead over raw
//! reqwest (the instruction counts were equal; the data-cache misses were not). This future
//! is a few hundred bytes, lives wherever the caller awaits it, and the happy path allocates
//! nothing of its own; waits (rate limit, backoff) box their timer only when they happen.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde::de::DeserializeOwned;

use super::call::Call;
use super::envelope::Inspected;
use super::error::{DecodeError, Error, StatusError, TransportError, TransportErrorKind, snippet};
use super::response::Response;
use super::retry::{retry_after, retryable_failure, retryable_status};

/// reqwest's response future, named through its `tower` service implementation
/// (`Client::execute` returns an unnameable `impl Future`).
type Pending = <reqwest::Client as tower_service::Service<reqwest::Request>>::Future;

/// Where a call is.
enum State {
    /// About to start an attempt (first poll, or after a wait).
    Start,
    /// Waiting for the rate limiter or a backoff; then `Start` again.
    Waiting(Pin<Box<tokio::time::Sleep>>),
    /// The request is out; waiting for the status and headers.
    Sending {
        pending: Pending,
        span: tracing::Span,
        sent: Instant,
    },
    /// Reading the body.
    Reading {
        status: StatusCode,
        headers: HeaderMap,
        body: reqwest::Body,
        collected: Collected,
        span: tracing::Span,
        sent: Instant,
    },
    /// The output was returned.
    Done,
}

/// The body read so far: a one-frame body (the usual case) is kept without a copy.
enum Collected {
    Empty,
    One(Bytes),
    Many(Vec<u8>),
}

impl Collected {
    fn push(&mut self, data: Bytes) {
        *self = match std::mem::replace(self, Collected::Empty) {
            Collected::Empty => Collected::One(data),
            Collected::One(first) => Collected::Many([&first[..], &data[..]].concat()),
            Collected::Many(mut all) => {
                all.extend_from_slice(&data);
                Collected::Many(all)
            }
        };
    }

    fn into_bytes(self) -> Bytes {
        match self {
            Collected::Empty => Bytes::new(),
            Collected::One(bytes) => bytes,
            Collected::Many(all) => all.into(),
        }
    }
}

/// The future of [`Call::send_with_response`]: the typed value with the status, headers and
/// raw body. Attempts are retried as the client's [`RetryPolicy`](super::RetryPolicy) says,
/// within the call's [deadline](Call::deadline).
#[must_use = "futures do nothing unless polled"]
pub struct ResponseFuture<'a, T, E> {
    call: Call<'a, T, E>,
    state: State,
    attempt: u32,
    /// The running attempt's time limit is what is left before the call's deadline, so
    /// its timeout is the deadline passing.
    deadline_bound: bool,
    /// When the call was first polled: the start of the deadline and of `max_elapsed`.
    started: Option<Instant>,
}

impl<'a, T, E> ResponseFuture<'a, T, E> {
    pub(crate) fn new(call: Call<'a, T, E>) -> Self {
        ResponseFuture {
            call,
            state: State::Start,
            attempt: 0,
            deadline_bound: false,
            started: None,
        }
    }
}

// `Error<E>` is what the future returns; these helpers hand it straight to `poll`, once per
// call, so boxing it would only add an allocation to the error path.
#[allow(clippy::result_large_err)]
impl<T, E: DeserializeOwned> ResponseFuture<'_, T, E> {
    /// Starts an attempt, or a wait when the rate limiter says so.
    fn start(&mut self) -> Result<State, Error<E>> {
        self.call.spec.check().map_err(Error::Build)?;
        let remaining = self.remaining();
        if remaining.is_some_and(|left| left.is_zero()) {
            return Err(self.deadline_passed());
        }
        let inner = self.call.inner;
        if let Some(wait) = inner.limiter.as_ref().and_then(|l| l.try_take()) {
            // A wait that cannot end before the deadline would only delay the same error.
            if remaining.is_some_and(|left| wait >= left) {
                return Err(self.deadline_passed());
            }
            return Ok(State::Waiting(Box::pin(tokio::time::sleep(wait))));
        }
        // The deadline is enforced by reqwest's own timer: the attempt gets whichever is
        // shorter, its timeout or the time left. No timer of ours runs beside it, so the
        // deadline costs nothing while it is not near.
        let timeout = self.call.attempt_timeout();
        let timeout = match remaining {
            Some(left) if timeout.is_none_or(|t| left <= t) => {
                self.deadline_bound = true;
                Some(left)
            }
            _ => {
                self.deadline_bound = false;
                timeout
            }
        };
        self.attempt += 1;
        let request = self.call.request(timeout).map_err(Error::Build)?;
        let span = tracing::info_span!(
            "msgen.request",
            provider = inner.provider,
            method = %self.call.spec.method,
            path = self.call.spec.template,
            attempt = self.attempt,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let sent = Instant::now();
        let pending = {
            let _entered = span.enter();
            tower_service::Service::call(&mut &inner.http, request)
        };
        Ok(State::Sending {
            pending,
            span,
            sent,
        })
    }

    /// The end of an attempt that got a response: the value, or a wait before the next
    /// attempt, or the error.
    fn finish(
        &mut self,
        status: StatusCode,
        headers: HeaderMap,
        raw: Bytes,
        span: &tracing::Span,
    ) -> Result<Result<Response<T>, Duration>, Error<E>> {
        span.record("status", status.as_u16());
        // Only a provider with an envelope pays for reading the body twice.
        let seen = match &self.call.inner.envelope {
            Some(envelope) => envelope.inspect(status, &raw),
            None => Inspected::default(),
        };
        if status.is_success() && seen.failed.is_none() {
            return self.decode(status, headers, raw).map(Ok);
        }
        let status = seen.failed.unwrap_or(status);
        let body_retry_after = seen.retry_after;
        if retryable_status(status, self.call.may_repeat()) {
            // `max_backoff` caps the policy's own waits, not the provider's `Retry-After`:
            // that one is honoured when it fits within `max_elapsed` and the deadline.
            let wait = self
                .call
                .inner
                .retry
                .backoff(self.attempt)
                .max(retry_after(&headers).unwrap_or_default())
                .max(body_retry_after.unwrap_or_default());
            if self.may_retry(wait) {
                return Ok(Err(wait));
            }
        }
        Err(Error::Status(StatusError {
            status,
            body: serde_json::from_slice::<E>(&raw).ok(),
            headers,
            raw,
            attempts: self.attempt,
            body_retry_after,
        }))
    }

    /// The end of an attempt that failed in transport, before the response head or (with
    /// `in_body`) while reading the body: a wait, or the error.
    fn failed(&mut self, source: reqwest::Error, in_body: bool) -> Result<Duration, Error<E>> {
        let kind = if self.deadline_bound && source.is_timeout() {
            TransportErrorKind::Deadline
        } else if source.is_connect() {
            TransportErrorKind::Connect
        } else if source.is_timeout() {
            TransportErrorKind::Timeout
        } else if in_body {
            TransportErrorKind::Body
        } else if source.is_request() {
            TransportErrorKind::Reset
        } else {
            TransportErrorKind::Other
        };
        if retryable_failure(kind, self.call.may_repeat()) {
            let wait = self.call.inner.retry.backoff(self.attempt);
            if self.may_retry(wait) {
                return Ok(wait);
            }
        }
        Err(Error::Transport(TransportError::new(
            kind,
            self.attempt,
            Some(source),
        )))
    }

    /// The error of a deadline that passed while no attempt was running.
    fn deadline_passed(&self) -> Error<E> {
        Error::Transport(TransportError::new(
            TransportErrorKind::Deadline,
            self.attempt,
            None,
        ))
    }

    /// Checks the content type and decodes a success body.
    fn decode(
        &self,
        status: StatusCode,
        headers: HeaderMap,
        raw: Bytes,
    ) -> Result<Response<T>, Error<E>> {
        // An empty body has nothing to mislabel (a 204, a 202 with `text/plain`); an
        // operation may accept JSON under any label (`lenient_content_type`).
        if !raw.is_empty()
            && !self.call.spec.marks.lenient_content_type
            && let Some(kind) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
            && !kind.contains("json")
        {
            return Err(Error::Decode(DecodeError {
                status,
                path: ".".into(),
                message: format!("expected a JSON body, got content type `{kind}`"),
                snippet: snippet(&raw),
                attempts: self.attempt,
            }));
        }
        match (self.call.decode)(&raw) {
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
                attempts: self.attempt,
            })),
        }
    }

    /// Time since the call was first polled.
    fn elapsed(&self) -> Duration {
        self.started.map_or(Duration::ZERO, |s| s.elapsed())
    }

    /// Time left before the call's deadline, if it has one.
    fn remaining(&self) -> Option<Duration> {
        let deadline = self.call.deadline_limit()?;
        Some(deadline.saturating_sub(self.elapsed()))
    }

    /// Whether another attempt may follow a wait of `wait`: attempts remain, and it would
    /// start within `max_elapsed` and before the deadline.
    fn may_retry(&self, wait: Duration) -> bool {
        let policy = &self.call.inner.retry;
        let resume = self.elapsed().saturating_add(wait);
        self.attempt < policy.max_attempts
            && resume <= policy.max_elapsed
            && self.call.deadline_limit().is_none_or(|d| resume < d)
    }
}

fn record_latency(span: &tracing::Span, sent: Instant) {
    let latency = u64::try_from(sent.elapsed().as_millis()).unwrap_or(u64::MAX);
    span.record("latency_ms", latency);
}

/// A wait before the next attempt, announced in the attempt's span.
fn backoff(span: &tracing::Span, wait: Duration) -> State {
    let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
    tracing::debug!(parent: span, wait_ms, "retrying");
    State::Waiting(Box::pin(tokio::time::sleep(wait)))
}

impl<T, E: DeserializeOwned> Future for ResponseFuture<'_, T, E> {
    type Output = Result<Response<T>, Error<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Every field is `Unpin` (reqwest's future and body are boxed inside, timers are
        // boxed here), so the state can be matched and replaced freely.
        let this = self.get_mut();
        this.started.get_or_insert_with(Instant::now);
        loop {
            match &mut this.state {
                State::Start => match this.start() {
                    Ok(next) => this.state = next,
                    Err(error) => {
                        this.state = State::Done;
                        return Poll::Ready(Err(error));
                    }
                },
                State::Waiting(sleep) => {
                    ready!(sleep.as_mut().poll(cx));
                    this.state = State::Start;
                }
                State::Sending {
                    pending,
                    span,
                    sent,
                } => {
                    let outcome = {
                        let _entered = span.enter();
                        ready!(Pin::new(pending).poll(cx))
                    };
                    let (span, sent) = (span.clone(), *sent);
                    match outcome {
                        Ok(mut response) => {
                            let status = response.status();
                            let headers = std::mem::take(response.headers_mut());
                            this.state = State::Reading {
                                status,
                                headers,
                                body: reqwest::Body::from(response),
                                collected: Collected::Empty,
                                span,
                                sent,
                            };
                        }
                        Err(source) => {
                            record_latency(&span, sent);
                            match this.failed(source, false) {
                                Ok(wait) => this.state = backoff(&span, wait),
                                Err(error) => {
                                    this.state = State::Done;
                                    return Poll::Ready(Err(error));
                                }
                            }
                        }
                    }
                }
                State::Reading {
                    body,
                    collected,
                    span,
                    sent,
                    ..
                } => {
                    let frame = {
                        let _entered = span.enter();
                        ready!(http_body::Body::poll_frame(Pin::new(body), cx))
                    };
                    match frame {
                        Some(Ok(frame)) => {
                            // Trailers, if any, are not part of the body.
                            if let Ok(data) = frame.into_data() {
                                collected.push(data);
                            }
                            continue;
                        }
                        Some(Err(source)) => {
                            let span = span.clone();
                            record_latency(&span, *sent);
                            match this.failed(source, true) {
                                Ok(wait) => this.state = backoff(&span, wait),
                                Err(error) => {
                                    this.state = State::Done;
                                    return Poll::Ready(Err(error));
                                }
                            }
                        }
                        None => {
                            let State::Reading {
                                status,
                                headers,
                                collected,
                                span,
                                sent,
                                ..
                            } = std::mem::replace(&mut this.state, State::Done)
                            else {
                                unreachable!("matched `Reading` above");
                            };
                            record_latency(&span, sent);
                            match this.finish(status, headers, collected.into_bytes(), &span) {
                                Ok(Ok(response)) => return Poll::Ready(Ok(response)),
                                Ok(Err(wait)) => this.state = backoff(&span, wait),
                                Err(error) => return Poll::Ready(Err(error)),
                            }
                        }
                    }
                }
                State::Done => panic!("a call's future was polled after it completed"),
            }
        }
    }
}

/// The future of awaiting a [`Call`] (or [`Call::send`]): the typed value alone.
#[must_use = "futures do nothing unless polled"]
pub struct SendFuture<'a, T, E>(ResponseFuture<'a, T, E>);

impl<'a, T, E> SendFuture<'a, T, E> {
    pub(crate) fn new(call: Call<'a, T, E>) -> Self {
        SendFuture(ResponseFuture::new(call))
    }
}

impl<T, E: DeserializeOwned> Future for SendFuture<'_, T, E> {
    type Output = Result<T, Error<E>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match ready!(Pin::new(&mut self.0).poll(cx)) {
            Ok(response) => Poll::Ready(Ok(response.value)),
            Err(error) => Poll::Ready(Err(error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_future_stays_small() {
        // 456 bytes before the deadline (16) and the refused path segment (8) were added;
        // the state machine must not creep back towards the ~2 KB `async fn` it replaced.
        let size = std::mem::size_of::<SendFuture<'static, serde_json::Value, serde_json::Value>>();
        assert!(size <= 480, "{size} bytes");
    }
}
