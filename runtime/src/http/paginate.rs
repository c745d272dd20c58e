//! Offset pagination as a `Stream` of items.

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use super::Error;

/// One page of a list: its items and, when the provider says, the total count.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The total number of items across pages.
    pub total: Option<u64>,
}

struct State<T, F> {
    offset: u64,
    done: bool,
    buffer: VecDeque<T>,
    fetch: F,
}

/// Streams every item of an offset-paginated list: fetches `page_size` items at `offset`,
/// advances the offset by `page_size`, and stops at the total, at a short or empty page, or
/// after an error (which is yielded).
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
