//! Doc lines wrapped to a readable width, so no generated `///` line runs past about 100
//! columns: descriptions from the docs often come as one long paragraph.
//!
//! Only prose is wrapped. Code fences, tables, headings, quotes and indented code are left
//! as they are; a list item's continuation lines are indented under its text; a line is
//! never broken where the next line would start a Markdown block (`- `, `#`, `1.`), which
//! would change what the text renders as.

use std::borrow::Cow;

/// Text width of a doc line, before `/// ` and the item's indentation.
const WIDTH: usize = 90;

/// `lines`, each too-long prose line broken at spaces; borrowed when nothing is too long.
pub fn wrap(lines: &[String]) -> Cow<'_, [String]> {
    if lines.iter().all(|line| line.chars().count() <= WIDTH) {
        return Cow::Borrowed(lines);
    }
    let mut out = Vec::with_capacity(lines.len() + 4);
    let mut in_fence = false;
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence || trimmed.starts_with("```") || !is_prose(line) {
            out.push(line.clone());
            continue;
        }
        wrap_line(line, &mut out);
    }
    Cow::Owned(out)
}

/// Whether a line is a paragraph or list item (not a table row, heading, quote or code).
fn is_prose(line: &str) -> bool {
    !(line.starts_with("    ")
        || line.starts_with('\t')
        || matches!(line.trim_start().chars().next(), Some('|' | '#' | '>')))
}

fn wrap_line(line: &str, out: &mut Vec<String>) {
    if line.chars().count() <= WIDTH {
        out.push(line.to_string());
        return;
    }
    let indent = line.len() - line.trim_start().len();
    let continuation = " ".repeat(indent + list_marker_width(line.trim_start()));
    let mut current = line[..indent].to_string();
    let mut width = indent;
    let mut first_word = true;
    for word in line.split_whitespace() {
        let word_width = word.chars().count();
        let fits = width + 1 + word_width <= WIDTH;
        if first_word || fits || starts_block(word) {
            if !first_word {
                current.push(' ');
                width += 1;
            }
            current.push_str(word);
            width += word_width;
            first_word = false;
            continue;
        }
        out.push(std::mem::take(&mut current));
        current.push_str(&continuation);
        current.push_str(word);
        width = continuation.len() + word_width;
    }
    out.push(current);
}

/// The width of a list marker and its space (`- `, `* `, `12. `), or 0.
fn list_marker_width(text: &str) -> usize {
    if text.starts_with("- ") || text.starts_with("* ") || text.starts_with("+ ") {
        return 2;
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    }
}

/// Whether a word at the start of a line would make it a Markdown block.
fn starts_block(word: &str) -> bool {
    matches!(word, "-" | "*" | "+" | ">" | "|" | "```")
        || word.starts_with('#')
        || word.starts_with('|')
        || (word.ends_with('.') && word[..word.len() - 1].bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(lines: &[&str]) -> Vec<String> {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        wrap(&lines).into_owned()
    }

    #[test]
    fn short_lines_are_borrowed() {
        let lines = vec!["A short line.".to_string()];
        assert!(matches!(wrap(&lines), Cow::Borrowed(_)));
    }

    #[test]
    fn prose_breaks_at_spaces_within_the_width() {
        let long = "palavra ".repeat(30);
        let out = wrapped(&[long.trim_end()]);
        assert!(out.len() > 1);
        assert!(out.iter().all(|l| l.chars().count() <= WIDTH), "{out:?}");
        assert_eq!(out.join(" "), long.trim_end());
    }

    #[test]
    fn list_items_continue_under_their_text() {
        let item = format!("- `id`: {}", "ID da conversa ".repeat(10).trim_end());
        let out = wrapped(&[&item]);
        assert!(out.len() > 1, "{out:?}");
        for line in &out[1..] {
            assert!(
                line.starts_with("  ") && !line.starts_with("   "),
                "{out:?}"
            );
        }
    }

    #[test]
    fn code_tables_and_headings_stay_whole() {
        let long = "x ".repeat(60);
        let fence = ["```text", long.as_str(), "```"];
        assert_eq!(wrapped(&fence), fence);
        let table = format!("| {long} |");
        assert_eq!(wrapped(&[&table]), std::slice::from_ref(&table));
        let heading = format!("# {long}");
        assert_eq!(wrapped(&[&heading]), std::slice::from_ref(&heading));
    }

    #[test]
    fn no_line_starts_a_markdown_block() {
        let text = format!("{} - not a list, and 2. not a number", "a".repeat(85));
        let out = wrapped(&[&text]);
        for line in &out[1..] {
            assert!(
                !starts_block(line.split(' ').next().unwrap_or("")),
                "{out:?}"
            );
        }
    }
}
