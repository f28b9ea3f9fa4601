//! Pure text helpers: case conversion, durations, message templates, suggestions, JSON.

use std::time::Duration;

/// `RateLimited` -> `RATE_LIMITED`, `HTTPError` -> `HTTP_ERROR`, `Error2Fa` -> `ERROR2_FA`.
pub fn screaming_snake(ident: &str) -> String {
    let chars: Vec<char> = ident.trim_start_matches("r#").chars().collect();
    let mut out = String::with_capacity(chars.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            continue;
        }
        if c.is_uppercase() && i > 0 && !out.ends_with('_') {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_is_lower) {
                out.push('_');
            }
        }
        out.extend(c.to_uppercase());
    }
    out.trim_end_matches('_').to_owned()
}

/// `^[A-Z][A-Z0-9_]*[A-Z0-9]$`, at most 63 characters.
pub fn is_valid_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    (2..=63).contains(&bytes.len())
        && bytes[0].is_ascii_uppercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
        && bytes[bytes.len() - 1] != b'_'
}

/// `"5s"`, `"250ms"`, `"1.5s"`, `"2m"`, `"1h"`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = text.split_at(split);
    let scale_ms: f64 = match unit {
        "ms" => 1.0,
        "s" => 1_000.0,
        "m" => 60_000.0,
        "h" => 3_600_000.0,
        _ => return None,
    };
    if number.is_empty() || number.starts_with('.') || number.ends_with('.') {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let millis = (value * scale_ms).round();
    if !(0.0..=1e15).contains(&millis) || (millis - value * scale_ms).abs() > 1e-6 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some(Duration::from_millis(millis as u64))
}

/// The closest candidate within an edit distance that makes a typo plausible.
pub fn did_you_mean<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(input, c), *c))
        .filter(|(d, c)| *d <= c.len().div_ceil(3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The value of a string literal written without escapes, read off its source form: `"text"`,
/// `r"text"` or `r#"text"#`. `None` when the literal has an escape, a carriage return or a
/// suffix, which need the full unescaping.
pub fn plain_string_value(repr: &str) -> Option<&str> {
    let (raw, body) = match repr.strip_prefix('r') {
        Some(rest) => {
            let hashes = rest.len() - rest.trim_start_matches('#').len();
            (true, rest[hashes..].strip_suffix(&rest[..hashes])?)
        }
        None => (false, repr),
    };
    let inner = body.strip_prefix('"')?.strip_suffix('"')?;
    let plain = !inner.contains('\r') && (raw || !inner.contains('\\'));
    plain.then_some(inner)
}

/// A JSON string literal, escaped exactly as the runtime writer escapes.
pub fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A parsed `message = "..."` / `#[error("...")]` template.
pub struct Template {
    /// The format string with positional fields renamed to the bindings (`{0}` -> `{__field0}`).
    pub format: String,
    /// Fields the template reads, in order of first use: named or positional.
    pub fields: Vec<FieldRef>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldRef {
    Named(String),
    Index(usize),
}

impl FieldRef {
    pub fn binding(&self) -> String {
        match self {
            FieldRef::Named(name) => name.clone(),
            FieldRef::Index(index) => format!("__field{index}"),
        }
    }
}

impl Template {
    /// The text the template prints when it reads no field (`{{` unescaped), else `None`.
    pub fn constant_text(&self) -> Option<String> {
        self.fields
            .is_empty()
            .then(|| self.format.replace("{{", "{").replace("}}", "}"))
    }
}

/// Parses `{name}`, `{0}`, `{name:?}`, `{{`, `}}`. Errors name the problem.
pub fn parse_template(text: &str) -> Result<Template, String> {
    let mut format = String::with_capacity(text.len());
    let mut fields = Vec::new();
    let mut rest = text;
    while let Some(pos) = rest.find(['{', '}']) {
        format.push_str(&rest[..pos]);
        let brace = &rest[pos..];
        if brace.starts_with("{{") || brace.starts_with("}}") {
            format.push_str(&brace[..2]);
            rest = &brace[2..];
            continue;
        }
        if brace.starts_with('}') {
            return Err("unmatched `}` in message: write `}}` for a literal brace".into());
        }
        let Some(end) = brace.find('}') else {
            return Err("unclosed `{` in message: write `{{` for a literal brace".into());
        };
        let inner = &brace[1..end];
        let (name, spec) = inner.split_once(':').map_or((inner, None), |(n, s)| (n, Some(s)));
        let name = name.trim();
        let field = if name.is_empty() {
            return Err("`{}` in message: name the field, as in `{limit}` or `{0}`".into());
        } else if let Ok(index) = name.parse::<usize>() {
            FieldRef::Index(index)
        } else if name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            FieldRef::Named(name.to_owned())
        } else {
            return Err(format!(
                "`{{{inner}}}` in message: expected a field name or index"
            ));
        };
        format.push('{');
        format.push_str(&field.binding());
        if let Some(spec) = spec {
            format.push(':');
            format.push_str(spec);
        }
        format.push('}');
        if !fields.contains(&field) {
            fields.push(field);
        }
        rest = &brace[end + 1..];
    }
    format.push_str(rest);
    Ok(Template { format, fields })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screaming_snake_cases() {
        assert_eq!(screaming_snake("RateLimited"), "RATE_LIMITED");
        assert_eq!(screaming_snake("HTTPError"), "HTTP_ERROR");
        assert_eq!(screaming_snake("InvalidApiKey"), "INVALID_API_KEY");
        assert_eq!(screaming_snake("Error2Fa"), "ERROR2_FA");
        assert_eq!(screaming_snake("NotFound"), "NOT_FOUND");
        assert_eq!(screaming_snake("r#Type"), "TYPE");
        assert_eq!(screaming_snake("snake_case_name"), "SNAKE_CASE_NAME");
    }

    #[test]
    fn codes() {
        assert!(is_valid_code("NOT_FOUND"));
        assert!(is_valid_code("E2"));
        assert!(!is_valid_code("not_found"));
        assert!(!is_valid_code("TRAILING_"));
        assert!(!is_valid_code("2FA"));
        assert!(!is_valid_code(&"A".repeat(64)));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5s"), Some(Duration::from_secs(5)));
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h"), Some(Duration::from_secs(3600)));
        for bad in ["5x", "s", "5", "", ".5s", "5.s", "1.0001ms", "-1s"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn templates() {
        let t = parse_template("Rate limit exceeded: {limit} per {0:?} {{x}}").unwrap();
        assert_eq!(t.format, "Rate limit exceeded: {limit} per {__field0:?} {{x}}");
        assert_eq!(t.fields, [FieldRef::Named("limit".into()), FieldRef::Index(0)]);
        assert_eq!(
            parse_template("a {{b}}").unwrap().constant_text().as_deref(),
            Some("a {b}")
        );
        assert!(parse_template("{").is_err());
        assert!(parse_template("}").is_err());
        assert!(parse_template("{}").is_err());
        assert!(parse_template("{a b}").is_err());
    }

    #[test]
    fn plain_string_values() {
        assert_eq!(plain_string_value(r#""a b""#), Some("a b"));
        assert_eq!(plain_string_value(r#"r"a \n b""#), Some(r"a \n b"));
        assert_eq!(plain_string_value(r###"r##"a "# b"##"###), Some(r##"a "# b"##));
        assert_eq!(plain_string_value(r#""""#), Some(""));
        assert_eq!(plain_string_value(r#""a \n b""#), None);
        assert_eq!(plain_string_value(r#""a"suffix"#), None);
        assert_eq!(plain_string_value(r#"r"a"suffix"#), None);
        assert_eq!(plain_string_value("\"a\r\nb\""), None);
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("mesage", &["message", "code"]), Some("message"));
        assert_eq!(did_you_mean("retyr", &["retry", "title"]), Some("retry"));
        assert_eq!(did_you_mean("zzzzzz", &["retry", "title"]), None);
    }
}
