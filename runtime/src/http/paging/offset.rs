//! Offset pagination driven by a closure that fetches one page: what generated code from
//! before [`Paging`](super::Paging) calls (Datacrazy's `skip`/`take`).

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use super::Page;
use crate::http::Error;

struct State<T, F> {
    offset: u64,
    pages: u32,
    done: bool,
    buffer: VecDeque<T>,
    fetch: F,
}

/// Streams every item of an offset-paginated list: fetches `page_size` items at `offset`,
/// advances the offset by `page_size`, and stops at the total, at a short or empty page,
/// after [`DEFAULT_MAX_PAGES`](super::DEFAULT_MAX_PAGES) pages, or after an error (which
/// is yielded).
pub fn paginate<T, E, F, Fut>(
    start: u64,
    page_size: u64,
    fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>>
where
    F: FnMut(u64, u64) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error<E>>>,
{
    let page_size = page_size.max(1);
    let state = State {
        offset: start,
        pages: 0,
        done: false,
        buffer: VecDeque::new(),
        fetch,
    };
    futures_util::stream::unfold(state, move |mut state| async move {
        loop {
            if let Some(item) = state.buffer.pop_front() {
                return Some((Ok(item), state));
            }
            if state.done {
                return None;
            }
            if state.pages >= super::DEFAULT_MAX_PAGES {
                tracing::warn!(pages = state.pages, "stopped paging at the page cap");
                return None;
            }
            state.pages += 1;
            match (state.fetch)(state.offset, page_size).await {
                Err(error) => {
                    state.done = true;
                    return Some((Err(error), state));
                }
                Ok(page) => {
                    let received = u64::try_from(page.items.len()).unwrap_or(u64::MAX);
                    state.offset = state.offset.saturating_add(page_size);
                    state.done = received < page_size
                        || page.total.is_some_and(|total| state.offset >= total);
                    state.buffer.extend(page.items);
                }
            }
        }
    })
}
