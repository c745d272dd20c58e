//! Rustdoc from `title` and `description`, made safe for rustdoc: code blocks without a
//! language are marked `text` so they never become doctests.

use crate::json::{Node, Value};

/// Rustdoc lines for a schema: its title, then its description, then notes on `default`
/// and `deprecated`. Text is kept as written (Portuguese included).
pub fn docs_of(node: &Node) -> Vec<String> {
    let mut lines = Vec::new();
    let text = |key: &str| {
        node.get(key)
            .and_then(Node::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if let Some(title) = text("title") {
        lines.extend(title.lines().map(str::to_string));
    }
    if let Some(description) = text("description") {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(sanitize(description));
    }
    if let Some(default) = node.get("default") {
        push_paragraph(&mut lines, format!("Default: `{}`.", default.to_json()));
    }
    // Most schemas use none of the listed keywords: one pass over the node's own keys
    // settles that before the lists are walked in their (documented) order.
    let mentions = |list: &[&str]| {
        node.members()
            .is_some_and(|members| members.iter().any(|m| list.contains(&m.key.as_str())))
    };
    let mut unenforced = Vec::new();
    if mentions(super::keywords::NOT_ENFORCED) {
        unenforced.extend(
            super::keywords::NOT_ENFORCED
                .iter()
                .filter(|k| node.get(k).is_some())
                .map(|k| format!("`{k}`")),
        );
    }
    if !unenforced.is_empty() {
        push_paragraph(
            &mut lines,
            format!(
                "The schema also says {}, which this type does not check.",
                unenforced.join(", ")
            ),
        );
    }
    let mut constraints = Vec::new();
    if mentions(super::keywords::VALIDATION_ONLY) {
        constraints.extend(
            super::keywords::VALIDATION_ONLY
                .iter()
                .filter_map(|k| node.get(k).map(|v| (k, v)))
                .filter(|(k, _)| !super::keywords::shapes_integer(k, node))
                .map(|(k, v)| format!("`{k}: {}`", v.to_json())),
        );
    }
    if !constraints.is_empty() {
        push_paragraph(
            &mut lines,
            format!(
                "Constraints not checked by this type: {}.",
                constraints.join(", ")
            ),
        );
    }
    if node
        .get("deprecated")
        .is_some_and(|d| matches!(d.value, Value::Bool(true)))
    {
        push_paragraph(&mut lines, "Deprecated.".to_string());
    }
    lines
}

fn push_paragraph(lines: &mut Vec<String>, text: String) {
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(text);
}

/// Splits a description into lines, marks bare code fences as `text` and keeps indented
/// lines from turning into (compiled) indented code blocks.
fn sanitize(description: &str) -> Vec<String> {
    let mut in_fence = false;
    description
        .lines()
        .map(|line| {
            let line = line.trim_end_matches('\r').trim_end();
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                let language = trimmed.trim_start_matches('`').trim();
                if opening && (language.is_empty() || language == "rust") {
                    return "```text".to_string();
                }
                return trimmed.to_string();
            }
            if in_fence {
                return line.to_string();
            }
            let indent = line.len() - trimmed.len();
            if indent >= 4 {
                format!("   {trimmed}")
            } else {
                line.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_never_become_doctests() {
        let lines = sanitize("Exemplo:\n```\nlet x = 1;\n```\n\n    indented code\r\nfim");
        assert_eq!(
            lines,
            [
                "Exemplo:",
                "```text",
                "let x = 1;",
                "```",
                "",
                "   indented code",
                "fim"
            ]
        );
    }
}
