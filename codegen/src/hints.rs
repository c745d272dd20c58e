//! Hints for diagnostics: the known name closest to a misspelled one ("did you mean"), and
//! lists of the names that would have been accepted. Every stage gives hints, so this
//! module depends on nothing: a stage never imports a later one to borrow its helpers.

/// The candidate closest to a misspelled name, when it is close enough to be what was meant:
/// one edit for short names, up to a third of the name (at least two) for longer ones.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|known| (edit_distance(wanted, known), known))
        .filter(|(distance, known)| {
            let len = known.chars().count().max(wanted.chars().count());
            let allowed = if len >= 4 { (len / 3).max(2) } else { 1 };
            *distance > 0 && *distance <= allowed
        })
        .min()
        .map(|(_, known)| known)
}

/// `did you mean `x`?` for the closest candidate, when one is close enough.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wanted, candidates).map(|known| format!("did you mean `{known}`?"))
}

/// The names as a list for a hint: `` `a`, `b`, `c` ``.
pub fn listed<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        // `diagonal` is the previous row's value at `j`; `row[j + 1]` still holds the previous
        // row's value at `j + 1` until it is overwritten.
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("requried", "required"), 2);
        assert_eq!(edit_distance("Mesage", "Message"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn closest_allows_more_edits_for_longer_names() {
        assert_eq!(closest("skipp", ["skip", "take"]), Some("skip"));
        assert_eq!(closest("ab", ["xy", "ac"]), Some("ac"));
        assert_eq!(closest("ab", ["xy"]), None);
        // The same name is no hint.
        assert_eq!(closest("skip", ["skip"]), None);
    }

    #[test]
    fn lists_and_suggestions() {
        assert_eq!(listed(["a", "b"]), "`a`, `b`");
        assert_eq!(
            did_you_mean("tak", ["take"]).as_deref(),
            Some("did you mean `take`?")
        );
    }
}
