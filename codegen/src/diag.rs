//! Diagnostics: every problem found in the input, with the file, JSON pointer and span it
//! concerns. Stages collect all their diagnostics and the pipeline stops after a stage that
//! reported an error, so emission never runs on invalid input.
//!
//! Rendering is done by `annotate-snippets` (rustc's own renderer), plain text at a fixed
//! width: the output is the same on every machine and terminal, so the bad-input suite can
//! snapshot it and people can paste it into an issue.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::source::{FileId, SourceFile, SourceMap, Span};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation cannot go on.
    Error,
    /// Accepted, but something is lost or suspicious.
    Warning,
}

/// Where in the input a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// JSON pointer of the offending node (`/$defs/Message/properties/id`).
    pub pointer: String,
    /// Byte span of the node.
    pub span: Span,
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one line without a trailing period.
    pub message: String,
    /// Where, when it concerns an input node.
    pub location: Option<Location>,
    /// How to fix it.
    pub help: Option<String>,
    /// The text beside the marked node, instead of its JSON pointer (a syntax error has no
    /// node to name).
    pub label: Option<String>,
}

/// The width diagnostics are laid out in, whatever the terminal: deterministic output.
const WIDTH: usize = 100;

/// A span covering more lines than this is shown by its first line only: the start of a
/// large object says where it is; the rest would bury the message.
const MAX_SHOWN_LINES: usize = 6;

/// A line longer than this (minified JSON) is cut to a window around the span, so one
/// diagnostic on a 10 MB single-line file costs no more than on a small one.
const MAX_LINE_BYTES: usize = 240;

impl Diagnostic {
    /// An error at a location.
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location,
            help: None,
            label: None,
        }
    }

    /// A warning at a location.
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            location,
            help: None,
            label: None,
        }
    }

    /// Replaces the JSON pointer beside the marked text.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic rustc style: the message, `--> file:line:column`, the source
    /// lines with the node marked and labelled with its JSON pointer, then the hint.
    pub fn render(&self, sources: &SourceMap) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_title(level.primary_title(self.message.as_str()));
        let excerpt = self
            .location
            .as_ref()
            .map(|loc| Excerpt::new(sources.file(loc.file), loc, self.label.as_deref()));
        if let Some(excerpt) = &excerpt {
            // The origin carries line and column computed here (the shown text may be a
            // window cut out of a long line, where the renderer's own count would be off).
            group = group.element(
                Origin::path(excerpt.path.as_str())
                    .line(excerpt.line)
                    .char_column(excerpt.column),
            );
            if let Some(text) = &excerpt.text {
                group = group.element(snippet(text, excerpt));
            }
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let renderer = Renderer::plain().term_width(WIDTH);
        let rendered = renderer.render(&[group]);
        let mut out = String::with_capacity(rendered.len() + 1);
        for line in rendered.lines() {
            // A snippet without a path of its own still gets an empty `:::` origin line.
            if line.trim() != ":::" {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

fn snippet<'a>(
    text: &'a str,
    excerpt: &'a Excerpt,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    Snippet::source(text)
        .line_start(excerpt.line)
        .fold(true)
        .annotation(
            AnnotationKind::Primary
                .span(excerpt.marked.clone())
                .label(excerpt.label.as_str()),
        )
}

/// The part of a file a diagnostic shows.
struct Excerpt {
    path: String,
    line: usize,
    column: usize,
    /// The shown lines (`None` for an empty file).
    text: Option<String>,
    /// The marked bytes within `text`.
    marked: std::ops::Range<usize>,
    /// `#/json/pointer` of the node.
    label: String,
}

impl Excerpt {
    fn new(file: &SourceFile, loc: &Location, label: Option<&str>) -> Excerpt {
        let len = file.text.len();
        // Spans come from the parser, but a bad one must never make rendering panic.
        let start = floor_boundary(&file.text, (loc.span.start as usize).min(len));
        let end = ceil_boundary(&file.text, (loc.span.end as usize).clamp(start, len));
        let (line, column) = file.line_col(start as u32);
        let label = label.map_or_else(|| format!("#{}", loc.pointer), str::to_string);
        let path = file.display_path.clone();
        let line_start = file.line_start(line);
        let first_line_end = file.text[line_start..]
            .find('\n')
            .map_or(len, |i| line_start + i);
        let (last_line, _) = file.line_col(end.saturating_sub(1).max(start) as u32);
        // The shown text ends at the end of the last marked line, or of the first line when
        // the node spans too many.
        let (shown_end, end) = if last_line - line < MAX_SHOWN_LINES {
            let last_start = file.line_start(last_line);
            let last_end = file.text[last_start..]
                .find('\n')
                .map_or(len, |i| last_start + i);
            (last_end, end)
        } else {
            (first_line_end, end.min(first_line_end))
        };
        if len == 0 {
            return Excerpt {
                path,
                line,
                column,
                text: None,
                marked: 0..0,
                label,
            };
        }
        let mut text_start = line_start;
        let mut text_end = shown_end;
        let mut prefix = "";
        let mut suffix = "";
        if text_end - text_start > MAX_LINE_BYTES && last_line == line {
            // Cut a window around the marked bytes, on character boundaries.
            let from = floor_boundary(&file.text, start.saturating_sub(MAX_LINE_BYTES / 3));
            let to = ceil_boundary(&file.text, (start + MAX_LINE_BYTES).min(text_end));
            if from > text_start {
                prefix = "...";
                text_start = from;
            }
            if to < text_end {
                suffix = "...";
                text_end = to;
            }
        }
        let end = end.min(text_end);
        let text = format!(
            "{prefix}{}{suffix}",
            file.text[text_start..text_end].trim_end_matches('\r')
        );
        let offset = prefix.len();
        let marked_start = offset + (start - text_start);
        let marked_end = (offset + (end - text_start)).min(text.len());
        // An empty span (the end of a truncated file) still gets one marked column.
        let marked = if marked_end > marked_start {
            marked_start..marked_end
        } else {
            let next = text[marked_start.min(text.len())..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            marked_start..(marked_start + next).min(text.len())
        };
        Excerpt {
            path,
            line,
            column,
            text: Some(text),
            marked,
            label,
        }
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Collects diagnostics across a stage.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records an error at a location.
    pub fn error(&mut self, location: Option<Location>, message: impl Into<String>) {
        self.push(Diagnostic::error(location, message));
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// All diagnostics without duplicates, errors first, then by file path, position and
    /// message: the order does not depend on which stage or file found them first.
    pub fn into_sorted(mut self, sources: &SourceMap) -> Vec<Diagnostic> {
        let key = |d: &Diagnostic| {
            let place = d.location.as_ref().map(|loc| {
                (
                    sources.file(loc.file).display_path.clone(),
                    loc.span.start,
                    loc.pointer.clone(),
                )
            });
            (d.severity, place, d.message.clone())
        };
        self.items.sort_by_cached_key(key);
        self.items.dedup();
        self.items
    }

    /// The diagnostics in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Appends everything another collector holds.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Number of errors and of warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        (errors, self.items.len() - errors)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn render(text: &str, span: std::ops::Range<usize>, help: Option<&str>) -> String {
        let mut sources = SourceMap::default();
        let file = sources.add("schemas/x/types.json".into(), PathBuf::new(), text.into());
        let mut d = Diagnostic::error(
            Some(Location {
                file,
                pointer: "/a".into(),
                span: Span::new(span),
            }),
            "something is wrong",
        );
        if let Some(help) = help {
            d = d.with_help(help);
        }
        d.render(&sources)
    }

    #[test]
    fn marks_the_node_and_names_file_line_column_and_pointer() {
        let out = render("{\n  \"a\": 12\n}\n", 9..11, Some("try 13"));
        assert!(out.contains("--> schemas/x/types.json:2:8"), "{out}");
        assert!(out.contains("^^ #/a"), "{out}");
        assert!(out.contains("help: try 13"), "{out}");
    }

    #[test]
    fn long_lines_are_windowed_and_keep_the_column() {
        let text = format!("[{}\"x\"]", "1,".repeat(100_000));
        let at = text.len() - 4;
        let out = render(&text, at..at + 3, None);
        assert!(out.len() < 2_000, "{}", out.len());
        assert!(out.contains(&format!(":1:{}", at + 1)), "{out}");
        assert!(out.contains("^^^"), "{out}");
    }

    #[test]
    fn empty_files_and_empty_spans_render() {
        assert!(render("", 0..0, None).contains(":1:1"));
        assert!(render("{\"a\": ", 6..6, None).contains(":1:7"));
    }
}
