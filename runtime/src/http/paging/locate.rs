//! Reading a page's next cursor, next URL or total: from the body at a JSON pointer, from
//! a header, or from the `Link` header.

use reqwest::header::{HeaderMap, LINK};
use serde_json::Value;

/// Where a value is in a page's response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locator {
    /// In the JSON body, at this JSON pointer (RFC 6901: `/meta/next_page_url`,
    /// `/paging/cursors/after`). A string is taken as it is, a number as its text; `null`,
    /// absent or anything else is no value.
    Body(&'static str),
    /// In this response header (`x-total`, `x-next-cursor`).
    Header(&'static str),
}

impl Locator {
    /// The value's text, if there is one.
    pub(crate) fn read(self, body: Option<&Value>, headers: &HeaderMap) -> Option<String> {
        match self {
            Locator::Body(pointer) => match body?.pointer(pointer)? {
                Value::String(text) => Some(text.clone()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            },
            Locator::Header(name) => headers.get(name)?.to_str().ok().map(str::to_owned),
        }
    }
}

/// The target of the `rel="next"` link in the `Link` headers (RFC 8288), if any.
pub(crate) fn link_next(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(links)
        .find(|(_, params)| is_next(params))
        .map(|(target, _)| target.to_owned())
}

/// The `(target, parameters)` of each link in one header value. A target is between `<`
/// and `>`, so a comma inside it does not split it.
fn links(value: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = value;
    std::iter::from_fn(move || {
        let start = rest.find('<')?;
        let end = start + rest[start..].find('>')?;
        let target = &rest[start + 1..end];
        let after = &rest[end + 1..];
        // The parameters run to the next link, which starts with `<`.
        let params_end = after.find('<').unwrap_or(after.len());
        let params = &after[..params_end];
        rest = &after[params_end..];
        Some((target, params))
    })
}

/// Whether a link's parameters hold `rel="next"` (or `rel=next`, or `next` among several
/// space-separated relations).
fn is_next(params: &str) -> bool {
    params.split(';').any(|param| {
        let Some((name, value)) = param.split_once('=') else {
            return false;
        };
        name.trim().eq_ignore_ascii_case("rel")
            && value
                .trim()
                .trim_matches('"')
                .split_ascii_whitespace()
                .any(|rel| rel.eq_ignore_ascii_case("next"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_next_link() {
        let mut headers = HeaderMap::new();
        headers.append(
            LINK,
            r#"<https://a.test/x?page=1,2>; rel="prev", <https://a.test/x?page=3>; rel="next last""#
                .parse()
                .expect("header"),
        );
        assert_eq!(
            link_next(&headers).as_deref(),
            Some("https://a.test/x?page=3")
        );
        let mut headers = HeaderMap::new();
        headers.append(LINK, "</y>; rel=prev".parse().expect("header"));
        headers.append(LINK, "</z>; title=\"n\"; rel=next".parse().expect("header"));
        assert_eq!(link_next(&headers).as_deref(), Some("/z"));
        headers.remove(LINK);
        headers.append(LINK, "garbage <unclosed".parse().expect("header"));
        assert_eq!(link_next(&headers), None);
    }

    #[test]
    fn reads_the_body_and_headers() {
        let body = serde_json::json!({"paging": {"cursors": {"after": "QVFI"}}, "n": 7, "z": null});
        let mut headers = HeaderMap::new();
        headers.insert("x-total", "42".parse().expect("header"));
        let read = |at: Locator| at.read(Some(&body), &headers);
        assert_eq!(
            read(Locator::Body("/paging/cursors/after")).as_deref(),
            Some("QVFI")
        );
        assert_eq!(read(Locator::Body("/n")).as_deref(), Some("7"));
        assert_eq!(read(Locator::Body("/z")), None);
        assert_eq!(read(Locator::Body("/missing")), None);
        assert_eq!(read(Locator::Header("x-total")).as_deref(), Some("42"));
    }
}
