//! Property tests: the derive never panics, whatever the attributes say, and reports an error
//! exactly when the input breaks a rule.
//!
//! Inputs are built from a list of random choices by a generator that knows, for each choice,
//! whether it makes the input valid, invalid, or (for random token soup) either.

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// What the generator knows about the input it built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Valid,
    Invalid,
    /// Random tokens were inserted: the input may or may not be valid.
    Unknown,
}

struct Gen {
    choices: Vec<u32>,
    next: usize,
    invalid: bool,
    unknown: bool,
    dup_code_used: bool,
    /// Which choices may be faulty: with every choice free, most inputs would hold several
    /// faults, and a rule the derive forgot would hide behind the others.
    mode: Mode,
    /// Choices that could have been faulty so far.
    opportunities: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Clean,
    Fault,
    Free,
}

#[derive(Clone, Copy)]
enum Mode {
    /// Only valid choices.
    Clean,
    /// Only the choice at this opportunity may be faulty.
    SingleFault(usize),
    /// Any choice may be faulty.
    Free,
}

/// 4xx statuses the derive accepts a retry on: `valid::RETRYABLE_4XX`, restated rather than
/// imported so that the oracle does not share the code it checks.
const RETRYABLE_4XX: &[u16] = &[408, 409, 423, 425, 429, 499];

const GARBAGE: &[&str] = &[
    ",",
    "=",
    "(",
    ")",
    "[]",
    "{}",
    "::",
    "#",
    "!",
    "\"x\"",
    "\"\"",
    "\"5x\"",
    "1",
    "0",
    "600",
    "-1",
    "1.5",
    "'a'",
    "b\"x\"",
    "r#type",
    "never",
    "after",
    "backoff",
    "fixed",
    "code",
    "status",
    "expose",
    "header",
    "retry_after",
    "violations",
    "conceal_as",
    "Self",
    "self",
    "_",
    "<",
    ">",
    ";",
    "..",
    "@",
    "$",
    "?",
    "\"{\"",
    "\"{0}\"",
    "\"{x}\"",
    "18446744073709551616",
    "4_04",
    "404u16",
    "1e3",
];

impl Gen {
    fn new(choices: Vec<u32>) -> Self {
        Gen {
            choices,
            next: 0,
            invalid: false,
            unknown: false,
            dup_code_used: false,
            mode: Mode::Free,
            opportunities: 0,
        }
    }

    /// A number in `0..n`; zero once the choices run out, so shrinking simplifies the input.
    fn pick(&mut self, n: usize) -> usize {
        let choice = self.choices.get(self.next).copied().unwrap_or(0);
        self.next += 1;
        usize::try_from(choice).unwrap_or(0) % n
    }

    /// A match arm in `0..n`: one of `valid` for a clean choice, one of the others for the
    /// faulty one.
    fn arm(&mut self, valid: &[usize], n: usize) -> usize {
        self.arm_preferring(valid, &[], n)
    }

    /// As [`Gen::arm`], but a faulty choice takes one of `preferred` when there are any: the
    /// faults that need an earlier choice to pair with would otherwise be rare.
    fn arm_preferring(&mut self, valid: &[usize], preferred: &[usize], n: usize) -> usize {
        let faulty: Vec<usize> = if preferred.is_empty() {
            (0..n).filter(|arm| !valid.contains(arm)).collect()
        } else {
            preferred.to_vec()
        };
        match self.choice() {
            Choice::Clean => valid[self.pick(valid.len())],
            Choice::Fault if !faulty.is_empty() => faulty[self.pick(faulty.len())],
            _ => self.pick(n),
        }
    }

    /// What the next choice that could be faulty must be.
    fn choice(&mut self) -> Choice {
        self.opportunities += 1;
        match self.mode {
            Mode::SingleFault(at) if at + 1 == self.opportunities => Choice::Fault,
            Mode::Clean | Mode::SingleFault(_) => Choice::Clean,
            Mode::Free => Choice::Free,
        }
    }

    fn clean(&mut self) -> bool {
        matches!(self.choice(), Choice::Clean)
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.pick(one_in) == 0
    }

    /// One of `options`, each with whether it is valid.
    fn one(&mut self, options: &[(&str, bool)]) -> String {
        let wanted = match self.choice() {
            Choice::Clean => Some(true),
            Choice::Fault => Some(false),
            Choice::Free => None,
        };
        let filtered: Vec<(&str, bool)> = options
            .iter()
            .copied()
            .filter(|(_, ok)| wanted.is_none_or(|w| w == *ok))
            .collect();
        let options = if filtered.is_empty() {
            options
        } else {
            &filtered[..]
        };
        let (text, ok) = options[self.pick(options.len())];
        self.invalid |= !ok;
        text.to_owned()
    }

    fn garbage(&mut self) -> String {
        self.unknown = true;
        let count = 1 + self.pick(4);
        (0..count)
            .map(|_| GARBAGE[self.pick(GARBAGE.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn verdict(&self) -> Verdict {
        if self.unknown {
            Verdict::Unknown
        } else if self.invalid {
            Verdict::Invalid
        } else {
            Verdict::Valid
        }
    }

    fn input(&mut self) -> String {
        self.mode = match self.pick(4) {
            0 => Mode::Clean,
            1 => Mode::Free,
            _ => Mode::SingleFault(self.pick(30)),
        };
        let is_struct = self.chance(4);
        let mut out = String::new();
        if self.chance(2) {
            out.push_str("/// Errors of a service.\n");
        }
        let type_keys = self.type_keys();
        if !type_keys.is_empty() {
            writeln!(out, "#[api({})]", type_keys.join(", ")).unwrap();
        }
        let generics = ["", "<T>", "<'a, T: Clone + 'a>", "<const N: usize>"][self.pick(4)];
        if is_struct {
            let (attrs, fields) = self.variant("Failure", 0, false);
            write!(out, "{attrs}pub struct Failure{generics} {fields}").unwrap();
            if !fields.ends_with('}') {
                out.push(';');
            }
        } else {
            let count = self.pick(6);
            let mut variants = Vec::new();
            let mut concealing = false;
            for i in 0..count {
                if self.chance(6) {
                    concealing = true;
                    variants.push(self.concealed(i));
                } else {
                    let (attrs, fields) = self.variant(&format!("V{i}"), i, true);
                    variants.push(format!("{attrs}V{i} {fields}"));
                }
            }
            if concealing {
                variants.push("#[error(\"not found\")] #[status(404)] Target".to_owned());
                variants.push("#[error(\"loaded\")] #[status(410)] Loaded { id: u64 }".to_owned());
            }
            write!(
                out,
                "pub(crate) enum Failure{generics} {{ {} }}",
                variants.join(",\n")
            )
            .unwrap();
        }
        out
    }

    fn type_keys(&mut self) -> Vec<String> {
        let mut keys = Vec::new();
        for _ in 0..self.pick(4) {
            let key = match self.arm(&[0, 1, 2, 3, 6], 7) {
                0 => self.one(&[
                    ("envelope = problem", true),
                    ("envelope = detail", true),
                    ("envelope = code_message", true),
                    ("envelope = nested", true),
                    ("envelope = google", true),
                    ("envelope = my::Envelope", true),
                    ("envelope = nestd", false),
                    ("envelope = \"problem\"", false),
                ]),
                1 => self.one(&[
                    ("docs_url = \"https://docs.example.com/errors#{code}\"", true),
                    ("docs_url = \"a b\"", false),
                    ("docs_url = \"\"", false),
                    ("docs_url = 1", false),
                ]),
                2 => self.one(&[("kind = Kinds", true), ("kind = \"Kinds\"", false)]),
                3 => self.one(&[
                    ("crate = ::errspec", true),
                    ("crate = my_errspec", true),
                    ("crate = \"errspec\"", false),
                ]),
                4 => self.one(&[("envelop = problem", false), ("colour = 1", false)]),
                5 => self.garbage(),
                _ => continue,
            };
            // A key given twice is an error.
            if keys
                .iter()
                .any(|k: &String| k.split(' ').next() == key.split(' ').next())
            {
                self.invalid = true;
            }
            keys.push(key);
        }
        keys
    }

    /// The attributes and the fields (`{ .. }`, `( .. )` or nothing) of one variant.
    fn variant(&mut self, name: &str, index: usize, in_enum: bool) -> (String, String) {
        let mut attrs = String::new();
        if self.chance(2) {
            attrs.push_str("/// What went wrong.\n");
        }
        attrs.push_str(["#[error(\"failed\")] ", "#[error(\"{0:?}\")] ", ""][self.pick(3)]);
        let (fields, named, arity) = self.fields();
        let status = self.status();
        let keys = self.status_keys(name, index, status.1, named, arity);
        match self.arm(&[3], 12) {
            0 => self.invalid = true, // no #[status] at all
            1 => {
                self.invalid = true;
                attrs.push_str("#[status] ");
            }
            2 if !in_enum => {
                self.invalid = true;
                attrs.push_str("#[status(404, conceal_as = Other)] ");
            }
            _ => {
                let mut args = vec![status.0];
                args.extend(keys);
                write!(attrs, "#[status({})] ", args.join(", ")).unwrap();
            }
        }
        (attrs, fields)
    }

    /// The status token and the value when valid.
    fn status(&mut self) -> (String, Option<u16>) {
        match self.arm(&[1, 3, 5], 8) {
            0 => {
                self.invalid = true;
                let code = [0, 99, 200, 302, 399, 600, 999, 65535][self.pick(8)];
                (code.to_string(), None)
            }
            1 => {
                let (name, code) = [
                    ("NOT_FOUND", 404),
                    ("TOO_MANY_REQUESTS", 429),
                    ("BAD_GATEWAY", 502),
                ][self.pick(3)];
                (name.to_owned(), Some(code))
            }
            2 => {
                self.invalid = true;
                (
                    ["\"404\"", "NOT_FUND", "404u8", "4.0"][self.pick(4)].to_owned(),
                    None,
                )
            }
            3 | 4 => {
                let code = u16::try_from(400 + self.pick(200)).unwrap_or(400);
                (code.to_string(), Some(code))
            }
            _ => {
                // The statuses the rules single out.
                let code = [
                    400, 401, 403, 404, 408, 409, 410, 422, 423, 425, 429, 499, 500, 501, 502, 503, 504, 599,
                ][self.pick(18)];
                (code.to_string(), Some(code))
            }
        }
    }

    fn status_keys(
        &mut self,
        name: &str,
        index: usize,
        status: Option<u16>,
        named: bool,
        arity: usize,
    ) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        if self.chance(2) {
            keys.push(self.code_key(name, index));
        }
        for _ in 0..self.pick(5) {
            let key = match self.arm(&[0, 1, 2, 3, 4, 5, 6, 9], 11) {
                0 => self.code_key(name, index),
                1 => match self.arm(&[0, 1, 3], 5) {
                    0 if named && arity > 0 => "message = \"{f0} failed\"".to_owned(),
                    1 if !named && arity > 0 => "message = \"{0} failed\"".to_owned(),
                    2 => self.one(&[("message = \"{nope}\"", false), ("message = \"{\"", false)]),
                    _ => "message = \"Failed {{x}}\"".to_owned(),
                },
                2 => "title = \"A title\"".to_owned(),
                3 => {
                    let options = [
                        ("retry = never", true, true),
                        ("retry = after", false, true),
                        ("retry = after(default = \"60s\")", false, true),
                        ("retry = backoff", false, true),
                        (
                            "retry = backoff(base = \"1s\", max = \"20s\", attempts = 3)",
                            false,
                            true,
                        ),
                        ("retry = backoff(jitter = equal, factor = 3)", false, true),
                        ("retry = fixed(\"5s\", attempts = 3)", false, true),
                        ("retry = fixed(\"250ms\")", false, true),
                        ("retry = fixed(\"5x\")", false, false),
                        ("retry = fixed", false, false),
                        ("retry = never(1)", false, false),
                        ("retry = bakoff", false, false),
                        ("retry = backoff(base = \"1s\" attempts = 3)", false, false),
                        ("retry = after(default = 60)", false, false),
                        ("retry = fixed(\"5s\", attempts = 0)", false, false),
                    ];
                    let retryable = status.is_none_or(|s| s >= 500 || RETRYABLE_4XX.contains(&s));
                    let choice = self.choice();
                    let allowed: Vec<_> = options
                        .into_iter()
                        .filter(|(_, is_never, ok)| {
                            let fine = *ok && (*is_never || retryable);
                            match choice {
                                Choice::Clean => fine,
                                Choice::Fault => !fine,
                                Choice::Free => true,
                            }
                        })
                        .collect();
                    let (text, is_never, ok) = allowed[self.pick(allowed.len())];
                    self.invalid |= !ok;
                    if ok && !is_never && status.is_some_and(|s| s < 500 && !RETRYABLE_4XX.contains(&s)) {
                        self.invalid = true;
                    }
                    text.to_owned()
                }
                4 => self.one(&[
                    ("action = back_off", true),
                    ("action = contact_support", true),
                    ("action = retry_latr", false),
                    ("action = \"back_off\"", false),
                ]),
                5 => self.one(&[
                    ("grpc = UNAVAILABLE", true),
                    ("grpc = NOT_FOUND", true),
                    ("grpc = NOPE", false),
                ]),
                6 => self.one(&[("cause = \"A cause\"", true), ("resolution = \"Fix it\"", true)]),
                7 => self.one(&[("mesage = \"x\"", false), ("colour = red", false)]),
                8 => self.garbage(),
                _ => continue,
            };
            if keys.iter().any(|k| k.split(' ').next() == key.split(' ').next()) {
                self.invalid = true;
            }
            keys.push(key);
        }
        keys
    }

    /// `code = "..."`: its own, a shared one, or a malformed one.
    fn code_key(&mut self, name: &str, index: usize) -> String {
        match self.arm(if self.dup_code_used { &[2] } else { &[1, 2] }, 4) {
            0 => {
                self.invalid = true;
                format!("code = \"{}\"", name.to_ascii_lowercase())
            }
            1 => {
                self.invalid |= self.dup_code_used;
                self.dup_code_used = true;
                "code = \"DUPLICATE\"".to_owned()
            }
            _ => format!("code = \"CODE_{index}\""),
        }
    }

    /// Fields: the token text, whether they are named, and how many.
    fn fields(&mut self) -> (String, bool, usize) {
        let style = self.pick(3);
        if style == 0 {
            return (String::new(), false, 0);
        }
        let named = style == 2;
        let count = self.pick(5);
        let mut seen_retry_after = false;
        let mut seen_violations = false;
        let mut seen_governance = false;
        let mut seen_header = false;
        let mut fields = Vec::new();
        for j in 0..count {
            let mut attrs = String::new();
            let mut ty = "u64";
            let source = self.chance(6);
            if source {
                attrs.push_str("#[source] ");
                ty = "std::io::Error";
            }
            let mut valid_arms = vec![1, 8];
            for (arm, allowed) in [
                (0, named),
                (2, !seen_header),
                (3, !seen_retry_after),
                (4, !seen_violations && !source),
                (5, !seen_governance && !source),
            ] {
                if allowed {
                    valid_arms.push(arm);
                }
            }
            if source {
                // A source field may only carry `retry_after` (never sent as a member).
                valid_arms.retain(|arm| [3, 8].contains(arm));
            }
            // A second header, retry_after, violations or governance field in this variant.
            let repeats: Vec<usize> = [
                (2, seen_header),
                (3, seen_retry_after),
                (4, seen_violations),
                (5, seen_governance),
            ]
            .into_iter()
            .filter_map(|(arm, seen)| seen.then_some(arm))
            .collect();
            let key = match self.arm_preferring(&valid_arms, &repeats, 9) {
                0 if named => Some("expose".to_owned()),
                0 => Some(self.one(&[("expose", false)])),
                1 => Some(format!("expose = \"m{j}\"")),
                2 => {
                    let key = self.one(&[
                        ("header = \"X-Field\"", true),
                        ("header = \"bad name\"", false),
                        ("header = \"content-type\"", false),
                    ]);
                    // The same header twice in one variant is an error.
                    self.invalid |= seen_header && key.contains("X-Field");
                    seen_header |= key.contains("X-Field");
                    Some(key)
                }
                3 => {
                    ty = "std::time::Duration";
                    self.invalid |= seen_retry_after;
                    seen_retry_after = true;
                    Some("retry_after".to_owned())
                }
                4 => {
                    ty = "Vec<errspec::Violation>";
                    self.invalid |= seen_violations;
                    seen_violations = true;
                    Some("violations".to_owned())
                }
                5 => {
                    let key = self.one(&[("top_level = \"governance\"", true), ("top_level = \"\"", false)]);
                    self.invalid |= seen_governance && key.contains("governance");
                    seen_governance |= key.contains("governance");
                    Some(key)
                }
                6 => Some(self.one(&[("expos", false), ("header", false)])),
                7 => Some(self.garbage()),
                _ => None,
            };
            if let Some(key) = key {
                // Everything but `retry_after` is sent, which a source field never is.
                if source && !key.starts_with("retry_after") && !self.unknown {
                    self.invalid = true;
                }
                write!(attrs, "#[api({key})] ").unwrap();
            }
            fields.push(if named {
                format!("{attrs}f{j}: {ty}")
            } else {
                format!("{attrs}{ty}")
            });
        }
        let text = if named {
            format!("{{ {} }}", fields.join(", "))
        } else {
            format!("({})", fields.join(", "))
        };
        (text, named, count)
    }

    /// A variant sent as `Target`, or a broken attempt at one.
    fn concealed(&mut self, index: usize) -> String {
        let name = format!("V{index}");
        let target = self.one(&[
            ("Target", true),
            ("Target", true),
            ("Targt", false),
            // A variant with fields cannot be a wire form for another.
            ("Loaded", false),
        ]);
        let target = if !self.clean() && self.chance(8) {
            self.invalid = true;
            name.clone()
        } else {
            target
        };
        let extra = self.one(&[
            ("", true),
            (", cause = \"Cross-tenant\"", true),
            (", code = \"HIDDEN\"", false),
            (", retry = never", false),
        ]);
        let fields = self.one(&[
            ("", true),
            ("{ tenant: u64 }", true),
            ("{ #[api(expose)] tenant: u64 }", false),
        ]);
        format!("#[error(\"hidden\")] #[status(403, conceal_as = {target}{extra})] {name} {fields}")
    }
}

fn contains_compile_error(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(ident) => ident == "compile_error",
        proc_macro2::TokenTree::Group(group) => contains_compile_error(&group.stream()),
        _ => false,
    })
}

/// Derives `source` and checks the output against what the generator knows.
fn check(source: &str, verdict: Verdict) -> Result<(), TestCaseError> {
    let Ok(input) = syn::parse_str::<syn::DeriveInput>(source) else {
        // Only token soup can make the item itself unparsable, and rustc rejects it before
        // the derive runs.
        prop_assert_eq!(
            verdict,
            Verdict::Unknown,
            "generated input does not parse:\n{}",
            source
        );
        return Ok(());
    };
    let output = crate::expand::derive(&input);
    // The output is well-formed token text: it survives printing and lexing again.
    let printed = output.to_string();
    let relexed = printed.parse::<TokenStream>();
    prop_assert!(relexed.is_ok(), "output does not lex:\n{}", printed);
    let has_error = contains_compile_error(&output);
    match verdict {
        Verdict::Valid => prop_assert!(
            !has_error,
            "valid input was rejected:\n{}\n=> {}",
            source,
            printed
        ),
        Verdict::Invalid => prop_assert!(has_error, "invalid input was accepted:\n{}", source),
        Verdict::Unknown => {}
    }
    // Every error is spanned to something the user wrote and is a `compile_error!` call, and
    // the derive still emits its impls so that code using the type does not cascade.
    if has_error && !matches!(input.data, syn::Data::Union(_)) {
        prop_assert!(printed.contains("Catalog"), "no fallback impls:\n{}", printed);
    }
    Ok(())
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(4096))]

    #[test]
    fn derive_never_panics_and_reports_exactly_the_invalid(
        choices in prop::collection::vec(any::<u32>(), 0..400)
    ) {
        let mut generator = Gen::new(choices);
        let source = generator.input();
        check(&source, generator.verdict())?;
    }
}

proptest! {
    #![proptest_config(config(2048))]

    /// Token soup inside each attribute the derive reads.
    #[test]
    fn derive_never_panics_on_token_soup(
        status in prop::collection::vec(0..GARBAGE.len(), 0..12),
        field in prop::collection::vec(0..GARBAGE.len(), 0..8),
        ty in prop::collection::vec(0..GARBAGE.len(), 0..8),
    ) {
        let soup = |picks: &[usize]| picks.iter().map(|i| GARBAGE[*i]).collect::<Vec<_>>().join(" ");
        let source = format!(
            "#[api({})] enum E {{ #[status({})] A {{ #[api({})] f: u64 }}, #[status(404)] B }}",
            soup(&ty),
            soup(&status),
            soup(&field),
        );
        check(&source, Verdict::Unknown)?;
    }
}

#[test]
fn union_is_an_error_without_fallback() {
    let input = syn::parse_str::<syn::DeriveInput>("union U { a: u32 }").unwrap();
    assert!(contains_compile_error(&crate::expand::derive(&input)));
}

#[test]
fn crate_path_replaces_every_errspec_path() {
    let input = syn::parse_str::<syn::DeriveInput>(
        "#[api(crate = renamed)] enum E { #[status(429)] Throttled { #[api(retry_after)] w: std::time::Duration } }",
    )
    .unwrap();
    let output = crate::expand::derive(&input).to_string();
    assert!(
        !contains_compile_error(&crate::expand::derive(&input)),
        "{output}"
    );
    assert!(!output.contains(":: errspec"), "{output}");
    assert!(output.contains("renamed :: __private"), "{output}");
}

proptest! {
    #![proptest_config(config(4096))]

    /// The derive's fast string literals are the tokens `Literal::string` makes, for any text:
    /// ASCII with quotes, backslashes and control characters, and beyond.
    #[test]
    fn string_literal_is_literal_string(
        text in prop::string::string_regex("[ -~\"\\\\\\n\\r\\t\\x00-\\x1f\\x7f'é€🦀\u{301}]{0,40}").unwrap()
    ) {
        prop_assert_eq!(
            crate::expand::string_literal(&text).to_string(),
            proc_macro2::Literal::string(&text).to_string()
        );
    }
}

proptest! {
    #![proptest_config(config(4096))]

    /// The derive's JSON fragment literals are the JSON escaping of the text, as a literal.
    #[test]
    fn json_literal_is_json_string_literal(
        text in prop::string::string_regex("[ -~\"\\\\\\n\\r\\t\\x00-\\x1f\\x7f'é€🦀]{0,40}").unwrap()
    ) {
        prop_assert_eq!(
            crate::expand::json_literal(&text).to_string(),
            proc_macro2::Literal::string(&serde_json::to_string(&text).unwrap()).to_string()
        );
    }
}
