//! Paged lists as streams of pages and of items, every style messaging APIs use, described
//! as data ([`Paging`], `const`-friendly) so generated code only says where things are:
//!
//! | style | request | next page from |
//! |---|---|---|
//! | [`Paging::offset`] | `offset`/`limit` parameters | offset + page size |
//! | [`Paging::page_number`] | `page`/`size` parameters (Zenvia) | page + 1 |
//! | [`Paging::cursor`] | the cursor parameter (`starting_after`, `after`) | a value in the body (`/next_cursor`, Meta's `/paging/cursors/after`) or a header |
//! | [`Paging::next_url`] | the URL itself | a URL in the body (Twilio's `/meta/next_page_url`, Meta's `/paging/next`) or a header |
//! | [`Paging::link_header`] | the URL itself | `Link: <…>; rel="next"` |
//!
//! Every style stops on an empty page; offset and page number also on a short page and
//! at the total ([`Paging::total`], from the body or a header such as Zenvia's `x-total`);
//! cursors and URLs when there is none, or when one comes back that was already followed;
//! and every style after [`Paging::max_pages`] pages (default [`DEFAULT_MAX_PAGES`]), so a
//! provider that never stops cannot loop a stream forever.
//!
//! A next-page URL is resolved against the base URL and followed only when it is on the
//! base URL's origin (scheme, host, port), with the client's credentials; one on another
//! origin is not requested at all and ends the stream with a [`BuildError`] of kind
//! [`BuildErrorKind::NextPageUrl`] (credentials go only to the provider).

mod locate;
mod offset;

use std::collections::HashSet;

use futures_core::Stream;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use locate::Locator;
pub use offset::paginate;

use super::call::{Call, Decoder, RequestSpec};
use super::client::Inner;
use super::error::{BuildError, BuildErrorKind, Error};

/// The pages a stream fetches at most unless [`Paging::max_pages`] says otherwise.
pub const DEFAULT_MAX_PAGES: u32 = 1000;

/// One page of a list: its items and, when the provider says, the total count.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The total number of items across pages, when the provider gives it.
    pub total: Option<u64>,
}

/// How a list is paged (generated code declares one per list operation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    style: Style,
    total: Option<Locator>,
    max_pages: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Offset {
        offset: &'static str,
        limit: &'static str,
        start: u64,
        size: u64,
    },
    PageNumber {
        page: &'static str,
        size_param: &'static str,
        first: u64,
        size: u64,
    },
    Cursor {
        param: &'static str,
        next: Locator,
    },
    NextUrl {
        next: Locator,
    },
    LinkHeader,
}

impl Paging {
    const fn new(style: Style) -> Self {
        Paging {
            style,
            total: None,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// `offset` and `limit` query parameters, `size` items a page, from offset 0
    /// ([`start`](Paging::start) changes it).
    pub const fn offset(offset: &'static str, limit: &'static str, size: u64) -> Self {
        Paging::new(Style::Offset {
            offset,
            limit,
            start: 0,
            size: if size == 0 { 1 } else { size },
        })
    }

    /// `page` and `size` query parameters, `size` items a page, from page 1
    /// ([`start`](Paging::start) changes it).
    pub const fn page_number(page: &'static str, size_param: &'static str, size: u64) -> Self {
        Paging::new(Style::PageNumber {
            page,
            size_param,
            first: 1,
            size: if size == 0 { 1 } else { size },
        })
    }

    /// The cursor read at `next` after each page, sent back as query parameter `param`.
    pub const fn cursor(param: &'static str, next: Locator) -> Self {
        Paging::new(Style::Cursor { param, next })
    }

    /// The next page's URL read at `next`: absolute, or relative to the base URL.
    pub const fn next_url(next: Locator) -> Self {
        Paging::new(Style::NextUrl { next })
    }

    /// The next page's URL from the `Link` header's `rel="next"` (RFC 8288).
    pub const fn link_header() -> Self {
        Paging::new(Style::LinkHeader)
    }

    /// The first offset or page number (the user's own `skip`, or a provider counting pages
    /// from 0); other styles ignore it.
    pub const fn start(mut self, start: u64) -> Self {
        match &mut self.style {
            Style::Offset { start: s, .. } => *s = start,
            Style::PageNumber { first, .. } => *first = start,
            _ => {}
        }
        self
    }

    /// Where the total number of items is (a number or numeric text).
    pub const fn total(mut self, total: Locator) -> Self {
        self.total = Some(total);
        self
    }

    /// At most this many pages (at least 1); the stream then ends, with a warning in the
    /// trace.
    pub const fn max_pages(mut self, pages: u32) -> Self {
        self.max_pages = if pages == 0 { 1 } else { pages };
        self
    }

    fn reads_body(&self) -> bool {
        matches!(self.total, Some(Locator::Body(_)))
            || matches!(
                self.style,
                Style::Cursor {
                    next: Locator::Body(_),
                    ..
                } | Style::NextUrl {
                    next: Locator::Body(_)
                }
            )
    }
}

/// Where a stream is.
struct Pager<'a, T, E> {
    inner: &'a Inner,
    /// The request of the next page; `None` once the list has ended.
    next: Option<RequestSpec>,
    /// An error found while working out the next page, yielded after the page.
    failed: Option<Error<E>>,
    items: Decoder<Vec<T>>,
    paging: Paging,
    fetched: u32,
    /// The offset or the page number of `next`.
    position: u64,
    /// Cursors and URLs already followed.
    seen: HashSet<String>,
}

/// Streams the pages of a list: `spec` is the first page's request (its own query kept;
/// the paging parameters set on it), `items` reads a page's items.
pub(crate) fn pages<'a, T: 'a, E: DeserializeOwned + 'a>(
    inner: &'a Inner,
    spec: RequestSpec,
    items: Decoder<Vec<T>>,
    paging: Paging,
) -> impl Stream<Item = Result<Page<T>, Error<E>>> + 'a {
    let mut spec = spec;
    let position = match paging.style {
        Style::Offset {
            offset,
            limit,
            start,
            size,
        } => {
            spec.set_query(offset, start.to_string());
            spec.set_query(limit, size.to_string());
            start
        }
        Style::PageNumber {
            page,
            size_param,
            first,
            size,
        } => {
            spec.set_query(page, first.to_string());
            spec.set_query(size_param, size.to_string());
            first
        }
        _ => 0,
    };
    let pager = Pager {
        inner,
        next: Some(spec),
        failed: None,
        items,
        paging,
        fetched: 0,
        position,
        seen: HashSet::new(),
    };
    futures_util::stream::unfold(pager, |mut pager| async move {
        if let Some(error) = pager.failed.take() {
            return Some((Err(error), pager));
        }
        let spec = pager.next.take()?;
        if pager.fetched >= pager.paging.max_pages {
            tracing::warn!(
                provider = pager.inner.provider,
                path = spec.template,
                pages = pager.fetched,
                "stopped paging at the page cap"
            );
            return None;
        }
        pager.fetched += 1;
        let call: Call<'_, Vec<T>, E> = Call::new(pager.inner, spec.clone(), pager.items);
        let response = match call.send_with_response().await {
            Ok(response) => response,
            Err(error) => return Some((Err(error), pager)),
        };
        if response.value.is_empty() {
            return None;
        }
        let body = if pager.paging.reads_body() {
            serde_json::from_slice::<Value>(&response.raw).ok()
        } else {
            None
        };
        let found = Found {
            body: body.as_ref(),
            headers: &response.headers,
        };
        let total = pager
            .paging
            .total
            .and_then(|at| found.text(at))
            .and_then(|text| text.trim().parse::<u64>().ok());
        let received = u64::try_from(response.value.len()).unwrap_or(u64::MAX);
        match pager.advance(spec, &found, total, received) {
            Ok(next) => pager.next = next,
            Err(error) => pager.failed = Some(Error::Build(error)),
        }
        Some((
            Ok(Page {
                items: response.value,
                total,
            }),
            pager,
        ))
    })
}

/// Streams every item of a list, page by page (see [`pages`]).
pub(crate) fn items<'a, T: 'a, E: DeserializeOwned + 'a>(
    inner: &'a Inner,
    spec: RequestSpec,
    decode: Decoder<Vec<T>>,
    paging: Paging,
) -> impl Stream<Item = Result<T, Error<E>>> + 'a {
    use futures_util::StreamExt as _;
    pages(inner, spec, decode, paging).flat_map(|page| {
        let items: Vec<Result<T, Error<E>>> = match page {
            Ok(page) => page.items.into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        futures_util::stream::iter(items)
    })
}

/// A page's body (parsed only when a locator reads it) and headers.
struct Found<'r> {
    body: Option<&'r Value>,
    headers: &'r HeaderMap,
}

impl Found<'_> {
    fn text(&self, at: Locator) -> Option<String> {
        at.read(self.body, self.headers)
    }
}

impl<T, E> Pager<'_, T, E> {
    /// The request of the page after this one, or `None` when the list has ended.
    fn advance(
        &mut self,
        mut spec: RequestSpec,
        found: &Found<'_>,
        total: Option<u64>,
        received: u64,
    ) -> Result<Option<RequestSpec>, BuildError> {
        match self.paging.style {
            Style::Offset { offset, size, .. } => {
                self.position = self.position.saturating_add(size);
                if received < size || total.is_some_and(|t| self.position >= t) {
                    return Ok(None);
                }
                spec.set_query(offset, self.position.to_string());
            }
            Style::PageNumber {
                page, first, size, ..
            } => {
                self.position = self.position.saturating_add(1);
                let seen = (self.position - first).saturating_mul(size);
                if received < size || total.is_some_and(|t| seen >= t) {
                    return Ok(None);
                }
                spec.set_query(page, self.position.to_string());
            }
            Style::Cursor { param, next } => {
                let Some(cursor) = found.text(next).filter(|c| !c.is_empty()) else {
                    return Ok(None);
                };
                if !self.seen.insert(cursor.clone()) {
                    return Ok(None);
                }
                spec.set_query(param, cursor);
            }
            Style::NextUrl { next } => {
                let Some(url) = found.text(next).filter(|u| !u.is_empty()) else {
                    return Ok(None);
                };
                return self.follow(spec, &url);
            }
            Style::LinkHeader => {
                let Some(url) = locate::link_next(found.headers) else {
                    return Ok(None);
                };
                return self.follow(spec, &url);
            }
        }
        Ok(Some(spec))
    }

    /// `spec` sent to `url` instead, when it is on the base URL's origin and not followed
    /// before.
    fn follow(&mut self, spec: RequestSpec, url: &str) -> Result<Option<RequestSpec>, BuildError> {
        let base = &self.inner.base_url;
        // Relative to the base URL as a directory, so `messages?page=2` stays under its path.
        let resolved = if base.path().ends_with('/') {
            base.join(url)
        } else {
            let mut dir = base.clone();
            dir.set_path(&[base.path(), "/"].concat());
            dir.join(url)
        };
        // The URL is never put in the message: it may carry a token (Meta's `access_token`).
        let resolved = resolved.map_err(|_| {
            BuildError::new(
                BuildErrorKind::NextPageUrl,
                "the next page's URL is not a valid URL",
            )
        })?;
        if resolved.origin() != base.origin() {
            return Err(BuildError::new(
                BuildErrorKind::NextPageUrl,
                "the next page's URL is on another origin than the base URL: not followed, so that credentials go only to the provider",
            ));
        }
        if !self.seen.insert(resolved.as_str().to_owned()) {
            return Ok(None);
        }
        Ok(Some(spec.at_url(resolved)))
    }
}
