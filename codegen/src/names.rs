//! Every Rust name the generator makes comes from here: types, fields, variants and methods,
//! made ASCII, case-converted with `heck`, kept clear of keywords and std prelude names, and
//! made unique per scope in a deterministic way.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords, strict and reserved, through edition 2024 (`gen` included).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names that generated code uses unqualified (the std prelude), plus `Self`: a schema
/// type with one of these names gets a suffix so the generated code keeps meaning what it says.
const RESERVED_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Drop",
    "Eq",
    "Err",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Words for names made only of symbols (`+` → `plus`), so `+1`/`-1` stay distinguishable.
const SYMBOL_WORDS: &[(char, &str)] = &[
    ('+', "plus"),
    ('-', "minus"),
    ('*', "star"),
    ('/', "slash"),
    ('\\', "backslash"),
    ('@', "at"),
    ('#', "hash"),
    ('$', "dollar"),
    ('%', "percent"),
    ('&', "and"),
    ('|', "pipe"),
    ('=', "eq"),
    ('<', "lt"),
    ('>', "gt"),
    ('!', "bang"),
    ('?', "question"),
    ('.', "dot"),
    (',', "comma"),
    (':', "colon"),
    (';', "semicolon"),
    ('~', "tilde"),
    ('^', "caret"),
    ('_', "underscore"),
    (' ', "space"),
];

/// Transliterates to ASCII and, when nothing alphanumeric is left, spells symbols as words.
fn ascii_words(raw: &str) -> String {
    let ascii = deunicode::deunicode(raw);
    if ascii.chars().any(|c| c.is_ascii_alphanumeric()) {
        // A sign before a number carries meaning (`+1` vs `-1`): spell it.
        return match ascii.strip_prefix('+').or_else(|| ascii.strip_prefix('-')) {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => {
                let sign = if ascii.starts_with('+') {
                    "plus"
                } else {
                    "minus"
                };
                format!("{sign} {rest}")
            }
            _ => ascii,
        };
    }
    let words: Vec<&str> = raw
        .chars()
        .filter_map(|c| SYMBOL_WORDS.iter().find(|(s, _)| *s == c).map(|(_, w)| *w))
        .collect();
    words.join(" ")
}

/// A type name (`UpperCamelCase`) for a schema name; never empty, never reserved.
pub fn type_name(raw: &str) -> String {
    let mut name = upper_camel(raw);
    if name.is_empty() {
        name = "Type".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'T');
    }
    if RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Type");
    }
    name
}

/// An enum variant name for a wire value; never empty.
pub fn variant_name(raw: &str) -> String {
    let mut name = upper_camel(raw);
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push_str("Value");
    }
    name
}

/// A field or method name (`snake_case`) for a wire name; keywords get a trailing `_`.
pub fn field_name(raw: &str) -> String {
    let mut name = snake(raw);
    if name.is_empty() {
        name = "field".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// `raw` in UpperCamelCase, as heck makes it of [`ascii_words`]. Most names in a schema are
/// one ASCII word (`count`, `T12`, `alpha`), which only needs its first letter raised; heck
/// would go through `fmt` for every word, which showed in profiles of large schemas.
/// `shortcuts_agree_with_heck` holds both shortcuts to heck's output.
fn upper_camel(raw: &str) -> String {
    let mut bytes = raw.bytes();
    let one_word = bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if one_word {
        let mut name = raw.to_string();
        name[..1].make_ascii_uppercase();
        return name;
    }
    ascii_words(raw).to_upper_camel_case()
}

/// `raw` in snake_case, as heck makes it of [`ascii_words`]; already snake_case ASCII
/// (`id`, `next_page`) is kept as it is.
fn snake(raw: &str) -> String {
    let already = raw.starts_with(|c: char| c.is_ascii_lowercase())
        && !raw.ends_with('_')
        && !raw.contains("__")
        && raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if already {
        return raw.to_string();
    }
    ascii_words(raw).to_snake_case()
}

/// A serde `rename_all` rule, applied exactly as serde applies it (`serde_derive`'s
/// `RenameRule::apply_to_field` to snake_case fields, `apply_to_variant` to PascalCase
/// variants), so a struct or enum can say once what most of its renames would say one by
/// one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameRule {
    /// `createdAt`
    Camel,
    /// `CreatedAt`
    Pascal,
    /// `CREATED_AT`
    ScreamingSnake,
    /// `created-at`
    Kebab,
    /// `createdat` (variants)
    Lower,
    /// `created_at` (variants)
    Snake,
}

impl RenameRule {
    /// The rules worth trying on fields, in the order ties are broken (`snake_case` and
    /// `lowercase` would leave snake_case fields as they are).
    const FIELDS: [RenameRule; 4] = [
        RenameRule::Camel,
        RenameRule::Pascal,
        RenameRule::ScreamingSnake,
        RenameRule::Kebab,
    ];

    /// The rules worth trying on variants (`PascalCase` would leave them as they are).
    const VARIANTS: [RenameRule; 5] = [
        RenameRule::Snake,
        RenameRule::Lower,
        RenameRule::Camel,
        RenameRule::ScreamingSnake,
        RenameRule::Kebab,
    ];

    /// The rule as `#[serde(rename_all = "…")]` spells it.
    pub fn serde_name(self) -> &'static str {
        match self {
            RenameRule::Camel => "camelCase",
            RenameRule::Pascal => "PascalCase",
            RenameRule::ScreamingSnake => "SCREAMING_SNAKE_CASE",
            RenameRule::Kebab => "kebab-case",
            RenameRule::Lower => "lowercase",
            RenameRule::Snake => "snake_case",
        }
    }

    /// The wire name serde gives the Rust field `field` under this rule.
    pub fn apply(self, field: &str) -> String {
        match self {
            RenameRule::Pascal => pascal_field(field),
            RenameRule::Camel => lower_first(pascal_field(field)),
            RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::Lower | RenameRule::Snake => field.to_string(),
        }
    }

    /// The wire name serde gives the Rust variant `variant` under this rule.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_string(),
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Camel => lower_first(variant.to_string()),
            RenameRule::Snake => snake_variant(variant),
            RenameRule::ScreamingSnake => snake_variant(variant).to_ascii_uppercase(),
            RenameRule::Kebab => snake_variant(variant).replace('_', "-"),
        }
    }

    /// The field rule that saves attributes for `fields` (Rust name, wire name), if any.
    pub fn best_for<'a>(fields: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Option<Self> {
        best(&RenameRule::FIELDS, RenameRule::apply, fields)
    }

    /// The variant rule that saves attributes for `variants` (Rust name, wire name), if any.
    pub fn best_for_variants<'a>(
        variants: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Option<Self> {
        best(
            &RenameRule::VARIANTS,
            RenameRule::apply_to_variant,
            variants,
        )
    }
}

/// The rule of `rules` that spells the most of `names` (Rust, wire) when it saves
/// attributes: with the rule, one `rename_all` plus a `rename` for each name it misses;
/// without, a `rename` for each name that differs. Ties go to the earlier rule.
fn best<'a>(
    rules: &[RenameRule],
    apply: fn(RenameRule, &str) -> String,
    names: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Option<RenameRule> {
    let without = names.clone().filter(|(rust, wire)| rust != wire).count();
    rules
        .iter()
        .map(|&rule| {
            let misses = names
                .clone()
                .filter(|(rust, wire)| apply(rule, rust) != *wire)
                .count();
            (misses + 1, rule)
        })
        .filter(|(cost, _)| *cost < without)
        .min_by_key(|(cost, _)| *cost)
        .map(|(_, rule)| rule)
}

fn lower_first(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => text,
    }
}

/// serde's snake_case of a variant: `_` before every upper-case letter but the first.
fn snake_variant(variant: &str) -> String {
    let mut out = String::with_capacity(variant.len() + 4);
    for (i, ch) in variant.char_indices() {
        if i > 0 && ch.is_uppercase() {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

/// serde's PascalCase of a field: drop each `_` and upper-case the character after it.
fn pascal_field(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// Hands out unique names within one scope (a module's types, a struct's fields, an enum's
/// variants). The first claimant keeps the name; later ones get `2`, `3`, … (or `_2` for
/// snake_case names), so the result depends only on the order of claims.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where some names are already taken.
    pub fn with_reserved(names: &[&str]) -> Scope {
        Scope {
            taken: names.iter().map(|n| n.to_string()).collect(),
        }
    }

    /// Claims `base`, or the first free numbered form of it.
    pub fn claim(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        // `foo_bar` → `foo_bar_2`, `FooBar` → `FooBar2`, `type_` → `type_2`.
        let separator = if base.contains(|c: char| c.is_ascii_uppercase()) || base.ends_with('_') {
            ""
        } else {
            "_"
        };
        let name = (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| !self.taken.contains(candidate))
            .unwrap_or_default();
        self.taken.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules agree with serde's own `rename_all` on awkward field names: each struct is
    /// serialized by serde and its keys compared with `RenameRule::apply`.
    #[test]
    fn rename_rules_spell_fields_as_serde_does() {
        macro_rules! check {
            ($rule:expr, $serde:literal) => {{
                #[allow(non_snake_case)]
                #[derive(serde::Serialize, Default)]
                #[serde(rename_all = $serde)]
                struct Fields {
                    created_at: u8,
                    type_: u8,
                    id_2: u8,
                    x_1_y: u8,
                    _1st: u8,
                    url: u8,
                    a__b: u8,
                    ação: u8,
                }
                let names = [
                    "created_at",
                    "type_",
                    "id_2",
                    "x_1_y",
                    "_1st",
                    "url",
                    "a__b",
                    "ação",
                ];
                let value = serde_json::to_value(Fields::default()).expect("serializes");
                let mut keys: Vec<&str> = value
                    .as_object()
                    .expect("an object")
                    .keys()
                    .map(String::as_str)
                    .collect();
                keys.sort();
                let mut ours: Vec<String> = names.iter().map(|n| $rule.apply(n)).collect();
                ours.sort();
                assert_eq!(keys, ours, "{}", $serde);
                assert_eq!($rule.serde_name(), $serde);
            }};
        }
        check!(RenameRule::Camel, "camelCase");
        check!(RenameRule::Pascal, "PascalCase");
        check!(RenameRule::ScreamingSnake, "SCREAMING_SNAKE_CASE");
        check!(RenameRule::Kebab, "kebab-case");
    }

    /// The same for variants, against serde's own `rename_all` on an enum.
    #[test]
    fn variant_rules_spell_variants_as_serde_does() {
        macro_rules! check {
            ($rule:expr, $serde:literal) => {{
                #[derive(serde::Serialize)]
                #[serde(rename_all = $serde)]
                enum Variants {
                    Text,
                    MessageStatusUpdated,
                    V1,
                    HTTPError,
                    Ação,
                }
                let all = [
                    (Variants::Text, "Text"),
                    (Variants::MessageStatusUpdated, "MessageStatusUpdated"),
                    (Variants::V1, "V1"),
                    (Variants::HTTPError, "HTTPError"),
                    (Variants::Ação, "Ação"),
                ];
                for (variant, name) in all {
                    let wire = serde_json::to_value(variant).expect("serializes");
                    assert_eq!(wire, $rule.apply_to_variant(name), "{} {name}", $serde);
                }
            }};
        }
        check!(RenameRule::Snake, "snake_case");
        check!(RenameRule::Lower, "lowercase");
        check!(RenameRule::Camel, "camelCase");
        check!(RenameRule::Pascal, "PascalCase");
        check!(RenameRule::ScreamingSnake, "SCREAMING_SNAKE_CASE");
        check!(RenameRule::Kebab, "kebab-case");
    }

    #[test]
    fn a_rename_rule_is_chosen_only_when_it_saves_attributes() {
        let camel = [
            ("created_at", "createdAt"),
            ("id", "id"),
            ("is_read", "isRead"),
        ];
        assert_eq!(
            RenameRule::best_for(camel.into_iter()),
            Some(RenameRule::Camel)
        );
        // One rename: `rename_all` would cost as much.
        let one = [("created_at", "createdAt"), ("id", "id")];
        assert_eq!(RenameRule::best_for(one.into_iter()), None);
        // Mostly snake_case on the wire: the rule would need more renames than it saves.
        let mixed = [("a_b", "a_b"), ("c_d", "c_d"), ("e_f", "eF"), ("g_h", "gH")];
        assert_eq!(RenameRule::best_for(mixed.into_iter()), None);
    }

    #[test]
    fn type_names() {
        let cases = [
            ("message", "Message"),
            ("user-info", "UserInfo"),
            ("SendMessageRequest", "SendMessageRequest"),
            ("descrição", "Descricao"),
            ("1st", "T1st"),
            ("Option", "OptionType"),
            ("Self", "SelfType"),
            ("+", "Plus"),
            ("", "Type"),
        ];
        for (raw, expected) in cases {
            assert_eq!(type_name(raw), expected, "for {raw:?}");
        }
    }

    #[test]
    fn field_names() {
        let cases = [
            ("createdAt", "created_at"),
            ("type", "type_"),
            ("gen", "gen_"),
            ("self", "self_"),
            ("erroCode", "erro_code"),
            ("2fa", "_2fa"),
            ("número", "numero"),
            ("$", "dollar"),
            ("@id", "id"),
            ("-", "minus"),
            ("", "field"),
        ];
        for (raw, expected) in cases {
            assert_eq!(field_name(raw), expected, "for {raw:?}");
        }
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("sent", "Sent"),
            ("IN_PROGRESS", "InProgress"),
            ("message.status_updated", "MessageStatusUpdated"),
            ("24h", "V24h"),
            ("+1", "Plus1"),
            ("-1", "Minus1"),
            ("-", "Minus"),
        ];
        for (raw, expected) in cases {
            assert_eq!(variant_name(raw), expected, "for {raw:?}");
        }
    }

    #[test]
    fn shortcuts_agree_with_heck() {
        // Every string of up to 5 characters over letters of both cases, a digit and two
        // separators: the shortcuts must give exactly what heck gives.
        let alphabet = ['a', 'b', 'Z', '1', '_', '-'];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(last.iter().cloned());
        }
        for raw in &strings {
            let words = ascii_words(raw);
            assert_eq!(upper_camel(raw), words.to_upper_camel_case(), "for {raw:?}");
            assert_eq!(snake(raw), words.to_snake_case(), "for {raw:?}");
        }
    }

    #[test]
    fn scope_numbers_collisions_in_claim_order() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar_2");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar_3");
        assert_eq!(scope.claim("FooBar".into()), "FooBar");
        assert_eq!(scope.claim("FooBar".into()), "FooBar2");
        assert_eq!(scope.claim("self_".into()), "self_");
        assert_eq!(scope.claim("self_".into()), "self_2");
    }
}
