//! Every envelope, both ways: what a derived error renders, `decode` reads back. One error type
//! per envelope, stamped out by `envelope_suite!`, with the same variants and the same checks:
//! round trips of any text (proptest), concealment, header safety and 5xx privacy.

use std::borrow::Cow;
use std::time::Duration;

use errspec::envelope::Decoded;
use errspec::{RenderIssue, RenderReport, Segment, Source, Violation};
use proptest::prelude::*;

/// Marks data that must never reach the wire.
const SECRET: &str = "SECRET-7f3a";

/// A private failure whose `Display` holds the secret.
#[derive(Debug, thiserror::Error)]
#[error("connection to db failed: password={0}")]
pub struct Leak(String);

/// What an envelope has a place for: anything else reads back as `None` / lost by design.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Status,
    Code,
    RequestId,
    /// The message is sent beside violations (FastAPI's list replaces it).
    MessageWithViolations,
    /// Violations keep their source (FastAPI `loc`).
    Source,
    /// Violations keep their kind (FastAPI `type`, Google `reason`).
    Kind,
}

struct Carries(&'static [Slot]);

impl Carries {
    fn has(&self, slot: Slot) -> bool {
        self.0.contains(&slot)
    }
}

/// Compares `decoded` with what `sent` must read back as, given what the envelope `carries`.
fn assert_reads_back(
    carries: &Carries,
    decoded: &Decoded,
    status: u16,
    code: &str,
    message: Option<&str>,
    violations: &[Violation],
    request_id: Option<&str>,
) {
    assert_eq!(
        decoded.status,
        carries.has(Slot::Status).then_some(status),
        "status"
    );
    assert_eq!(
        decoded.code.as_deref(),
        carries.has(Slot::Code).then_some(code),
        "code"
    );
    assert_eq!(decoded.message.as_deref(), message, "message");
    assert_eq!(
        decoded.request_id.as_deref(),
        request_id.filter(|_| carries.has(Slot::RequestId)),
        "request id"
    );
    let expected: Vec<Violation> = violations
        .iter()
        .map(|v| Violation {
            source: v.source.filter(|_| carries.has(Slot::Source)),
            path: v.path.clone(),
            message: v.message.clone(),
            kind: if carries.has(Slot::Kind) {
                v.kind.clone()
            } else {
                Cow::Borrowed("")
            },
        })
        .collect();
    assert_eq!(decoded.violations, expected, "violations");
}

/// A member name: a field identifier, never a FastAPI source name (a `loc` starting with
/// `body` means the body).
fn key() -> impl Strategy<Value = Segment> {
    "[a-z_][a-z0-9_]{0,7}"
        .prop_filter("not a source name", |k| Source::from_name(k).is_none())
        .prop_map(Segment::from)
}

fn violation() -> impl Strategy<Value = Violation> {
    (
        proptest::option::of(proptest::sample::select(Source::ALL.to_vec())),
        proptest::collection::vec(prop_oneof![key(), (0usize..10_000).prop_map(Segment::from)], 0..5),
        any::<String>(),
        prop_oneof![Just(String::new()), any::<String>()],
    )
        .prop_map(|(source, path, message, kind)| Violation {
            source,
            path,
            message: message.into(),
            kind: kind.into(),
        })
}

macro_rules! envelope_suite {
    ($module:ident, $envelope:tt, $carries:expr) => {
        mod $module {
            use super::*;
            use errspec::envelope::{Envelope, decode};
            use errspec::{ApiError, Catalog, RenderContext};

            #[derive(Debug, thiserror::Error, errspec::ApiError)]
            #[api(envelope = $envelope)]
            pub enum Error {
                #[error("Resource not found")]
                #[status(404)]
                NotFound,

                #[error("{text}")]
                #[status(400)]
                Text { text: String },

                #[error("Validation failed")]
                #[status(422)]
                Invalid {
                    #[api(violations)]
                    fields: Vec<Violation>,
                },

                #[error("Slow down: {limit} per minute")]
                #[status(429, retry = after)]
                Limited {
                    #[api(expose)]
                    limit: u32,
                    #[api(retry_after)]
                    wait: Duration,
                    #[api(header = "X-RateLimit-Reset")]
                    reset: String,
                },

                #[error("Request blocked")]
                #[status(403)]
                Blocked {
                    #[api(top_level = "governance")]
                    report: serde_json::Value,
                },

                #[error("engine failed for {private}")]
                #[status(500)]
                Internal {
                    private: String,
                    #[source]
                    source: Leak,
                },

                #[error("belongs to {owner}")]
                #[status(403, conceal_as = NotFound)]
                OtherTenant { owner: String },
            }

            const CARRIES: Carries = $carries;

            fn read(response: &http::Response<Vec<u8>>) -> Decoded {
                let content_type = response.headers()["content-type"].to_str().unwrap();
                assert_eq!(content_type, <<Error as Catalog>::Envelope as Envelope>::CONTENT_TYPE);
                serde_json::from_slice::<serde_json::Value>(response.body()).expect("the body is valid JSON");
                let decoded = decode(Some(content_type), response.body()).expect("decode reads the body");
                assert_eq!(decoded.envelope, stringify!($envelope));
                // The envelope's own reader agrees with detection.
                let own = <<Error as Catalog>::Envelope as Envelope>::decode(Some(content_type), response.body());
                assert_eq!(own.as_ref(), Some(&decoded));
                decoded
            }

            proptest! {
                #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

                #[test]
                fn any_text_reads_back(
                    text in any::<String>(),
                    fields in proptest::collection::vec(violation(), 0..4),
                    request_id in proptest::option::of(any::<String>()),
                ) {
                    let mut ctx = RenderContext::new();
                    if let Some(id) = &request_id {
                        ctx = ctx.with_request_id(id);
                    }
                    let error = Error::Text { text: text.clone() };
                    let decoded = read(&error.to_response_with(&ctx));
                    assert_reads_back(&CARRIES, &decoded, 400, "TEXT", Some(&text), &[], request_id.as_deref());

                    let error = Error::Invalid { fields: fields.clone() };
                    let decoded = read(&error.to_response_with(&ctx));
                    let message = CARRIES.has(Slot::MessageWithViolations).then_some("Validation failed");
                    assert_reads_back(&CARRIES, &decoded, 422, "INVALID", message, &fields, request_id.as_deref());
                }
            }

            #[test]
            fn concealed_variants_render_exactly_as_their_target() {
                for ctx in [RenderContext::new(), RenderContext::new().with_request_id("req_1").with_instance("/x/1")] {
                    let hidden = Error::OtherTenant { owner: SECRET.into() }.to_response_with(&ctx);
                    let plain = Error::NotFound.to_response_with(&ctx);
                    assert_eq!(hidden.status(), plain.status());
                    assert_eq!(hidden.headers(), plain.headers());
                    assert_eq!(hidden.body(), plain.body());
                    assert!(hidden.extensions().get::<RenderReport>().is_none());
                }
                assert_eq!(Error::OtherTenant { owner: String::new() }.kind(), ErrorKind::NotFound);
            }

            #[test]
            fn headers_with_control_characters_are_dropped_and_reported() {
                for bad in ["1\r\nSet-Cookie: a=b", "1\n", "1\0", "\t1", "1\u{7f}", "\r"] {
                    let error = Error::Limited { limit: 5, wait: Duration::from_millis(1500), reset: bad.into() };
                    let request_id = format!("req{bad}");
                    let response = error.to_response_with(&RenderContext::new().with_request_id(&request_id));
                    assert_eq!(response.status(), 429);
                    assert!(response.headers().get("x-ratelimit-reset").is_none());
                    assert!(response.headers().get("x-request-id").is_none());
                    // The rest of the response is intact; Retry-After rounds up.
                    assert_eq!(response.headers()["retry-after"], "2");
                    let report = response.extensions().get::<RenderReport>().expect("issues are reported");
                    assert_eq!(
                        report.0,
                        [
                            RenderIssue::HeaderDropped { name: http::HeaderName::from_static("x-ratelimit-reset") },
                            RenderIssue::HeaderDropped { name: errspec::X_REQUEST_ID },
                        ]
                    );
                    for (_, value) in response.headers() {
                        assert!(!value.as_bytes().iter().any(u8::is_ascii_control), "{value:?}");
                    }
                    // The body still names the request, escaped, where the envelope has a place.
                    let decoded = read(&response);
                    assert_eq!(decoded.request_id.as_deref(), Some(&*request_id).filter(|_| CARRIES.has(Slot::RequestId)));
                }
                let fine = Error::Limited { limit: 5, wait: Duration::from_secs(60), reset: "1678886460".into() }
                    .to_response_with(&RenderContext::new().with_request_id("req_ok"));
                assert_eq!(fine.headers()["x-ratelimit-reset"], "1678886460");
                assert_eq!(fine.headers()["x-request-id"], "req_ok");
                assert!(fine.extensions().get::<RenderReport>().is_none());
            }

            #[test]
            fn exposed_and_top_level_members_read_back() {
                let limited = Error::Limited { limit: 1000, wait: Duration::from_secs(60), reset: "0".into() };
                let decoded = read(&limited.to_response());
                // Google's metadata is a map of strings.
                let limit = if stringify!($envelope) == "google" { serde_json::json!("1000") } else { serde_json::json!(1000) };
                assert_eq!(decoded.members.get("limit"), Some(&limit));
                let delay = (stringify!($envelope) == "google").then_some(Duration::from_secs(60));
                assert_eq!(decoded.retry_delay, delay);

                let report = serde_json::json!({"verdict": "blocked", "policy_id": "policy_123"});
                let decoded = read(&Error::Blocked { report: report.clone() }.to_response());
                assert_eq!(decoded.members.get("governance"), Some(&report));
                assert_eq!(decoded.message.as_deref(), Some("Request blocked"));
            }

            #[test]
            fn server_errors_never_send_display_source_or_private_fields() {
                let error = Error::Internal { private: SECRET.into(), source: Leak(SECRET.into()) };
                assert!(error.to_string().contains(SECRET));
                assert!(std::error::Error::source(&error).unwrap().to_string().contains(SECRET));
                for ctx in [RenderContext::new(), RenderContext::new().with_request_id("req_1").with_instance("/x")] {
                    let response = error.to_response_with(&ctx);
                    assert_eq!(response.status(), 500);
                    assert!(!String::from_utf8_lossy(response.body()).contains(SECRET));
                    for (name, value) in response.headers() {
                        assert!(!String::from_utf8_lossy(value.as_bytes()).contains(SECRET), "{name}");
                    }
                    assert_eq!(read(&response).message.as_deref(), Some("Internal Server Error"));
                }
            }
        }
    };
}

envelope_suite!(
    problem,
    problem,
    Carries(&[
        Slot::Status,
        Slot::Code,
        Slot::RequestId,
        Slot::MessageWithViolations
    ])
);

envelope_suite!(detail, detail, Carries(&[Slot::Source, Slot::Kind]));

envelope_suite!(
    code_message,
    code_message,
    Carries(&[Slot::Status, Slot::MessageWithViolations])
);

envelope_suite!(
    nested,
    nested,
    Carries(&[
        Slot::Status,
        Slot::Code,
        Slot::RequestId,
        Slot::MessageWithViolations
    ])
);

envelope_suite!(
    google,
    google,
    Carries(&[
        Slot::Status,
        Slot::Code,
        Slot::RequestId,
        Slot::MessageWithViolations,
        Slot::Kind
    ])
);
