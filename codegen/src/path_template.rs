//! Path templates (`/chats/{id}/messages`), parsed once: the manifest rules check their
//! placeholders against the path parameters, lowering orders the parameters by them, and
//! the client model fills their segments, so no later stage reads the template text again.

/// A parsed path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    /// The template as written (`/chats/{id}/messages`), for docs and tracing.
    pub text: String,
    /// The segments between `/`s, empty ones dropped (the runtime joins them with `/`).
    pub segments: Vec<Vec<Piece>>,
}

/// A piece of one path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text sent as it is written.
    Literal(String),
    /// A `{name}` placeholder, filled from the path parameter `name`.
    Param(String),
}

impl PathTemplate {
    /// Parses `text`; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<PathTemplate, String> {
        if !text.starts_with('/') {
            return Err(format!("path `{text}` must start with `/`"));
        }
        let mut segments = Vec::new();
        for segment in text.split('/').filter(|s| !s.is_empty()) {
            segments.push(pieces(segment).map_err(|what| format!("{what} in path `{text}`"))?);
        }
        Ok(PathTemplate {
            text: text.to_string(),
            segments,
        })
    }

    /// The placeholder names, in the order they appear, each once.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for piece in self.segments.iter().flatten() {
            if let Piece::Param(name) = piece
                && !names.contains(&name.as_str())
            {
                names.push(name);
            }
        }
        names
    }
}

/// The pieces of one segment (a placeholder cannot span a `/`: the split comes first).
fn pieces(segment: &str) -> Result<Vec<Piece>, &'static str> {
    let mut out = Vec::new();
    let mut rest = segment;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("unmatched `}`");
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("unclosed `{`")?;
        let name = &after[..close];
        if name.is_empty() || name.contains('{') {
            return Err("bad placeholder");
        }
        if open > 0 {
            out.push(Piece::Literal(rest[..open].to_string()));
        }
        out.push(Piece::Param(name.to_string()));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Literal(rest.to_string()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Result<Vec<String>, String> {
        PathTemplate::parse(text).map(|t| t.placeholders().into_iter().map(String::from).collect())
    }

    #[test]
    fn placeholders() {
        assert_eq!(names("/chats/{id}/messages").unwrap(), ["id"]);
        assert_eq!(names("/a/{x}/{y}/{x}").unwrap(), ["x", "y"]);
        assert!(names("/a/{x").is_err());
        assert!(names("/a/x}").is_err());
        assert!(names("a/{x}").is_err());
        assert!(names("/a/{}").is_err());
        // A placeholder cannot hold a `/`: it would be two segments.
        assert!(names("/a/{x/y}").is_err());
    }

    #[test]
    fn segments_split_literals_and_placeholders() {
        let template = PathTemplate::parse("/v1//files/{id}.json/").unwrap();
        assert_eq!(
            template.segments,
            [
                vec![Piece::Literal("v1".into())],
                vec![Piece::Literal("files".into())],
                vec![Piece::Param("id".into()), Piece::Literal(".json".into())],
            ]
        );
    }
}
