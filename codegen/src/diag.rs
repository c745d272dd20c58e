//! Diagnostics: every problem found in the input, with the file, JSON pointer and span it
//! concerns. Stages collect all their diagnostics and the pipeline stops after a stage that
//! reported an error, so emission never runs on invalid input.

use std::fmt::Write as _;

use crate::source::{FileId, SourceMap, Span};

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
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location,
            help: None,
        }
    }

    /// A warning at a location.
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            location,
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic with the source line it points at, rustc style.
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}: {}", self.message);
        if let Some(loc) = &self.location {
            let file = sources.file(loc.file);
            let (line, col) = file.line_col(loc.span.start);
            let pointer = if loc.pointer.is_empty() {
                "#"
            } else {
                loc.pointer.as_str()
            };
            let _ = writeln!(
                out,
                "  --> {}:{line}:{col} (at {pointer})",
                file.display_path
            );
            let text = file.line_text(line);
            let gutter = line.to_string().len();
            let (end_line, end_col) = file.line_col(loc.span.end.max(loc.span.start + 1) - 1);
            let width = if end_line == line {
                end_col + 1 - col
            } else {
                1
            };
            let _ = writeln!(out, "{:gutter$} |", "");
            let _ = writeln!(out, "{line} | {text}");
            let _ = writeln!(
                out,
                "{:gutter$} | {}{}",
                "",
                " ".repeat(col - 1),
                "^".repeat(width.max(1))
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
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

    /// All diagnostics, sorted by severity, file and position, without duplicates.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (a.severity, &a.location, &a.message).cmp(&(b.severity, &b.location, &b.message))
        });
        self.items.dedup();
        self.items
    }

    /// Appends everything another collector holds.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}
