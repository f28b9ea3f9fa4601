//! Generated code is clean: it compiles under `deny(warnings)`, `clippy::pedantic` and
//! `#[no_implicit_prelude]`, for every shape of type and every key of the DSL, and behaves.

#![deny(warnings)]
#![deny(clippy::pedantic)]

// `#[api(crate = ...)]`: cargo refuses one package under two names in one crate's
// dependencies, so the rename is made here, at the crate root, where it joins the extern prelude.
extern crate errspec as errspec_renamed;

use std::time::Duration;

use errspec::{Action, ApiError, Backoff, Catalog, ErrorKind, GrpcCode, Jitter, Retry, Violation};

#[no_implicit_prelude]
mod declared {
    use ::errspec::{ApiError, Violation};
    use ::std::string::String;
    use ::std::time::Duration;
    use ::std::vec::Vec;

    /// A generic enum: a type parameter with bounds, and a lifetime.
    #[derive(::core::fmt::Debug, ::thiserror::Error, ApiError)]
    pub enum Lookup<'a, T: ::core::fmt::Display + ::core::fmt::Debug> {
        /// The named item does not exist.
        #[error("no item named {name}")]
        #[status(404, code = "ITEM_NOT_FOUND")]
        NotFound { name: &'a str },
        #[error("upstream said {0}")]
        #[status(502)]
        Upstream(T),
    }

    /// A struct with named fields.
    #[derive(::core::fmt::Debug, ::thiserror::Error, ApiError)]
    #[error("quota exceeded for {tenant}")]
    #[status(429, code = "QUOTA_EXCEEDED", retry = after(default = "30s"))]
    pub struct QuotaExceeded {
        pub tenant: String,
        #[api(retry_after)]
        pub wait: Duration,
        #[api(header = "X-Quota-Reset")]
        pub reset: u64,
        #[api(expose)]
        pub limit: u32,
    }

    /// A tuple struct.
    #[derive(::core::fmt::Debug, ::thiserror::Error, ApiError)]
    #[error("version conflict on {0}")]
    #[status(409, message = "Version conflict on {0}", title = "Version Conflict")]
    pub struct VersionConflict(pub String);

    /// A unit struct, through the renamed crate.
    #[derive(::core::fmt::Debug, ::thiserror::Error, ::errspec_renamed::ApiError)]
    #[api(crate = ::errspec_renamed)]
    #[error("down for maintenance")]
    #[status(SERVICE_UNAVAILABLE, retry = fixed("30s", attempts = 2))]
    pub struct Maintenance;

    /// A crate-visible enum.
    #[derive(::core::fmt::Debug, ::thiserror::Error, ApiError)]
    #[api(envelope = problem)]
    pub(crate) enum Storage {
        #[error("disk full")]
        #[status(507)]
        DiskFull,
        #[error("record {0} locked")]
        #[status(423, message = "Record {0} is locked")]
        Locked(u64),
    }

    /// A private enum, reachable from outside only as `dyn ApiError` and its table.
    #[derive(::core::fmt::Debug, ::thiserror::Error, ApiError)]
    enum Hidden {
        #[error("secret {0}")]
        #[status(500)]
        Secret(String),
        #[error("teapot")]
        #[status(418)]
        Teapot,
    }

    #[must_use]
    pub fn hidden_secret() -> ::std::boxed::Box<dyn ApiError> {
        ::std::boxed::Box::new(Hidden::Secret(::std::borrow::ToOwned::to_owned("s3cr3t")))
    }

    #[must_use]
    pub fn hidden_teapot() -> ::std::boxed::Box<dyn ApiError> {
        ::std::boxed::Box::new(Hidden::Teapot)
    }

    #[must_use]
    pub fn hidden_specs() -> &'static [::errspec::ErrorSpec] {
        <Hidden as ::errspec::Catalog>::specs()
    }

    #[must_use]
    pub fn hidden_kinds() -> usize {
        <HiddenKind as ::errspec::ErrorKind>::ALL.len()
    }

    /// Every key of the DSL, on more than sixty variants.
    #[derive(::core::fmt::Debug, ::thiserror::Error, ApiError)]
    #[api(docs_url = "https://docs.example.com/errors#{code}", kind = EverythingCode)]
    pub enum Everything {
        /// A field is malformed.
        #[error("bad input in {field}")]
        #[status(
            400,
            code = "BAD_INPUT",
            message = "Bad input in {field}",
            title = "Bad Input",
            action = fix_request,
            cause = "A field does not parse",
            resolution = "Fix the field",
            grpc = INVALID_ARGUMENT
        )]
        BadInput { field: String },
        #[error("item {0} is invalid")]
        #[status(400, message = "Item {0} is invalid", retry = never)]
        BadItem(u32),
        #[error("validation failed")]
        #[status(422)]
        Validation {
            #[api(violations)]
            errors: Vec<Violation>,
        },
        #[error("rate limited")]
        #[status(429, code = "RATE_LIMITED", retry = after)]
        RateLimited {
            #[api(retry_after)]
            wait: Duration,
            #[api(header = "X-RateLimit-Reset")]
            reset: u64,
            #[api(expose)]
            limit: u32,
            #[api(expose = "max_tokens")]
            tokens: u64,
        },
        #[error("slow down")]
        #[status(TOO_MANY_REQUESTS, retry = after(default = "60s"), action = back_off)]
        SlowDown,
        #[error("overloaded")]
        #[status(503, retry = backoff)]
        Overloaded,
        #[error("draining")]
        #[status(503, retry = backoff(base = "500ms", max = "8s", attempts = 5, factor = 3, jitter = equal))]
        Draining,
        #[error("flaky")]
        #[status(500, retry = fixed("5s", attempts = 4))]
        Flaky,
        #[error("twitchy")]
        #[status(500, retry = fixed("250ms"))]
        Twitchy,
        #[error("corrupted")]
        #[status(500, retry = never, grpc = DATA_LOSS)]
        Corrupted,
        #[error("blocked by policy")]
        #[status(403, code = "POLICY_BLOCKED")]
        PolicyBlocked {
            #[api(top_level = "governance")]
            rules: Vec<&'static str>,
        },
        /// Cross-tenant access, sent exactly as `NotFound`.
        #[error("belongs to tenant {tenant}")]
        #[status(403, conceal_as = NotFound, cause = "Cross-tenant access")]
        OtherTenant { tenant: u64 },
        #[error("not found")]
        #[status(404, code = "RESOURCE_NOT_FOUND")]
        NotFound,
        #[error("io: {0}")]
        #[status(500, code = "INTERNAL_ERROR", message = "Unexpected server error")]
        Io(#[source] ::std::io::Error),
        #[error("forbidden")]
        #[status(403)]
        Forbidden,
        #[error("unavailable")]
        #[status(503)]
        Unavailable,
        #[error("Unauthenticated")]
        #[status(401, action = reauthenticate, grpc = UNAUTHENTICATED)]
        Unauthenticated,
        #[error("PaymentRequired")]
        #[status(402)]
        PaymentRequired,
        #[error("MethodNotAllowed")]
        #[status(405)]
        MethodNotAllowed,
        #[error("NotAcceptable")]
        #[status(406)]
        NotAcceptable,
        #[error("ProxyAuth")]
        #[status(407)]
        ProxyAuth,
        #[error("RequestTimeout")]
        #[status(408)]
        RequestTimeout,
        #[error("Conflict")]
        #[status(409, action = reconcile, grpc = ABORTED)]
        Conflict,
        #[error("Gone")]
        #[status(410, action = treat_as_absent)]
        Gone,
        #[error("LengthRequired")]
        #[status(411)]
        LengthRequired,
        #[error("PreconditionFailed")]
        #[status(412, grpc = FAILED_PRECONDITION)]
        PreconditionFailed,
        #[error("PayloadTooLarge")]
        #[status(413)]
        PayloadTooLarge,
        #[error("UriTooLong")]
        #[status(414)]
        UriTooLong,
        #[error("UnsupportedMediaType")]
        #[status(415)]
        UnsupportedMediaType,
        #[error("RangeNotSatisfiable")]
        #[status(416, grpc = OUT_OF_RANGE)]
        RangeNotSatisfiable,
        #[error("ExpectationFailed")]
        #[status(417)]
        ExpectationFailed,
        #[error("Teapot")]
        #[status(418)]
        Teapot,
        #[error("Misdirected")]
        #[status(421)]
        Misdirected,
        #[error("Locked")]
        #[status(423)]
        Locked,
        #[error("FailedDependency")]
        #[status(424)]
        FailedDependency,
        #[error("TooEarly")]
        #[status(425)]
        TooEarly,
        #[error("UpgradeRequired")]
        #[status(426)]
        UpgradeRequired,
        #[error("PreconditionRequired")]
        #[status(428)]
        PreconditionRequired,
        #[error("HeadersTooLarge")]
        #[status(431)]
        HeadersTooLarge,
        #[error("LegalReasons")]
        #[status(451, action = change_principal)]
        LegalReasons,
        #[error("EnhanceYourCalm")]
        #[status(420, action = back_off, grpc = RESOURCE_EXHAUSTED)]
        EnhanceYourCalm,
        #[error("ClientClosed")]
        #[status(499, grpc = CANCELLED)]
        ClientClosed,
        #[error("NotImplemented")]
        #[status(501, action = contact_support, grpc = UNIMPLEMENTED)]
        NotImplemented,
        #[error("BadGateway")]
        #[status(502)]
        BadGateway,
        #[error("GatewayTimeout")]
        #[status(504, grpc = DEADLINE_EXCEEDED)]
        GatewayTimeout,
        #[error("HttpVersion")]
        #[status(505)]
        HttpVersion,
        #[error("VariantNegotiates")]
        #[status(506)]
        VariantNegotiates,
        #[error("InsufficientStorage")]
        #[status(507, grpc = RESOURCE_EXHAUSTED)]
        InsufficientStorage,
        #[error("LoopDetected")]
        #[status(508)]
        LoopDetected,
        #[error("NotExtended")]
        #[status(510)]
        NotExtended,
        #[error("NetworkAuth")]
        #[status(511)]
        NetworkAuth,
        #[error("SiteFrozen")]
        #[status(530, grpc = DATA_LOSS)]
        SiteFrozen,
        #[error("NetworkTimeout")]
        #[status(599, action = retry_later, grpc = UNKNOWN)]
        NetworkTimeout,
        #[error("LoginTimeout")]
        #[status(440)]
        LoginTimeout,
        #[error("NoResponse")]
        #[status(444)]
        NoResponse,
        #[error("RetryWith")]
        #[status(449)]
        RetryWith,
        #[error("ClientClosedEarly")]
        #[status(460)]
        ClientClosedEarly,
        #[error("TooManyForwards")]
        #[status(463)]
        TooManyForwards,
        #[error("HeaderTooLarge")]
        #[status(494)]
        HeaderTooLarge,
        #[error("UnknownOrigin")]
        #[status(520, grpc = INTERNAL)]
        UnknownOrigin,
        #[error("OriginDown")]
        #[status(521, grpc = UNAVAILABLE)]
        OriginDown,
        #[error("OriginTimeout")]
        #[status(522)]
        OriginTimeout,
    }

    #[must_use]
    pub fn every_value() -> Vec<Everything> {
        ::std::vec![
            Everything::BadInput {
                field: ::std::borrow::ToOwned::to_owned("name")
            },
            Everything::BadItem(7),
            Everything::Validation {
                errors: ::std::vec![Violation::field("email", "is not an email")],
            },
            Everything::RateLimited {
                wait: Duration::from_secs(60),
                reset: 1_678_886_460,
                limit: 1000,
                tokens: 4096,
            },
            Everything::SlowDown,
            Everything::Overloaded,
            Everything::Draining,
            Everything::Flaky,
            Everything::Twitchy,
            Everything::Corrupted,
            Everything::PolicyBlocked {
                rules: ::std::vec!["no-pii"]
            },
            Everything::OtherTenant { tenant: 42 },
            Everything::NotFound,
            Everything::Io(::std::io::Error::other("disk on fire")),
            Everything::Forbidden,
            Everything::Unavailable,
            Everything::Unauthenticated,
            Everything::PaymentRequired,
            Everything::MethodNotAllowed,
            Everything::NotAcceptable,
            Everything::ProxyAuth,
            Everything::RequestTimeout,
            Everything::Conflict,
            Everything::Gone,
            Everything::LengthRequired,
            Everything::PreconditionFailed,
            Everything::PayloadTooLarge,
            Everything::UriTooLong,
            Everything::UnsupportedMediaType,
            Everything::RangeNotSatisfiable,
            Everything::ExpectationFailed,
            Everything::Teapot,
            Everything::Misdirected,
            Everything::Locked,
            Everything::FailedDependency,
            Everything::TooEarly,
            Everything::UpgradeRequired,
            Everything::PreconditionRequired,
            Everything::HeadersTooLarge,
            Everything::LegalReasons,
            Everything::EnhanceYourCalm,
            Everything::ClientClosed,
            Everything::NotImplemented,
            Everything::BadGateway,
            Everything::GatewayTimeout,
            Everything::HttpVersion,
            Everything::VariantNegotiates,
            Everything::InsufficientStorage,
            Everything::LoopDetected,
            Everything::NotExtended,
            Everything::NetworkAuth,
            Everything::SiteFrozen,
            Everything::NetworkTimeout,
            Everything::LoginTimeout,
            Everything::NoResponse,
            Everything::RetryWith,
            Everything::ClientClosedEarly,
            Everything::TooManyForwards,
            Everything::HeaderTooLarge,
            Everything::UnknownOrigin,
            Everything::OriginDown,
            Everything::OriginTimeout,
        ]
    }
}

use declared::{
    Everything, EverythingCode, Lookup, LookupKind, Maintenance, MaintenanceKind, QuotaExceeded,
    QuotaExceededKind, Storage, StorageKind, VersionConflict, VersionConflictKind, every_value,
};

fn body(error: &dyn ApiError) -> serde_json::Value {
    serde_json::from_slice(error.to_response().body()).expect("the body is JSON")
}

#[test]
fn generic_enum() {
    let missing: Lookup<'_, String> = Lookup::NotFound { name: "widget" };
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.code(), "ITEM_NOT_FOUND");
    assert_eq!(missing.kind(), LookupKind::NotFound);
    assert_eq!(missing.public_message(), "no item named widget");
    assert_eq!(body(&missing)["detail"], "no item named widget");

    let upstream: Lookup<'_, u16> = Lookup::Upstream(418);
    assert_eq!(upstream.status(), 502);
    assert_eq!(upstream.code(), "UPSTREAM");
    assert_eq!(upstream.retry(), Retry::Backoff(Backoff::STANDARD));
    // A 5xx sends its reason phrase, not `Display`.
    assert_eq!(upstream.public_message(), "Bad Gateway");
    assert_eq!(LookupKind::ALL, &[LookupKind::NotFound, LookupKind::Upstream]);
    assert_eq!(<Lookup<'_, u16> as Catalog>::specs().len(), 2);
}

#[test]
fn named_struct() {
    let error = QuotaExceeded {
        tenant: "acme".into(),
        wait: Duration::from_secs(17),
        reset: 99,
        limit: 5,
    };
    assert_eq!(error.status(), 429);
    assert_eq!(error.kind(), QuotaExceededKind::QuotaExceeded);
    let fallback = Backoff {
        base: Duration::from_secs(30),
        factor: 1,
        max_delay: Duration::from_secs(30),
        attempts: 3,
        jitter: Jitter::None,
    };
    assert_eq!(error.retry(), Retry::After { fallback });
    assert_eq!(error.retry_after(), Some(Duration::from_secs(17)));
    let response = error.to_response();
    assert_eq!(response.headers()["retry-after"], "17");
    assert_eq!(response.headers()["x-quota-reset"], "99");
    let body = body(&error);
    assert_eq!(body["code"], "QUOTA_EXCEEDED");
    assert_eq!(body["limit"], 5);
    assert_eq!(body["detail"], "quota exceeded for acme");
    assert!(body.get("tenant").is_none(), "unmarked fields stay private");
    assert_eq!(
        QuotaExceeded::specs()[0].headers,
        &["Retry-After", "X-Quota-Reset"]
    );
}

#[test]
fn tuple_struct() {
    let error = VersionConflict("doc-1".into());
    assert_eq!(error.status(), 409);
    assert_eq!(error.code(), "VERSION_CONFLICT");
    assert_eq!(error.action(), Action::Reconcile);
    assert_eq!(error.public_message(), "Version conflict on doc-1");
    let body = body(&error);
    assert_eq!(body["title"], "Version Conflict");
    assert_eq!(body["detail"], "Version conflict on doc-1");
    assert_eq!(
        "VERSION_CONFLICT".parse(),
        Ok(VersionConflictKind::VersionConflict)
    );
}

#[test]
fn unit_struct_through_renamed_crate() {
    let error = Maintenance;
    assert_eq!(error.status(), 503);
    assert_eq!(
        error.retry(),
        Retry::Fixed {
            delay: Duration::from_secs(30),
            attempts: 2
        }
    );
    assert_eq!(error.kind(), MaintenanceKind::Maintenance);
    assert_eq!(MaintenanceKind::Maintenance.as_str(), "MAINTENANCE");
    let response = error.to_response();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    assert_eq!(body(&error)["detail"], "Service Unavailable");
}

#[test]
fn crate_visible_and_private_enums() {
    assert_eq!(Storage::DiskFull.status(), 507);
    assert_eq!(Storage::Locked(3).public_message(), "Record 3 is locked");
    assert_eq!(Storage::Locked(3).kind(), StorageKind::Locked);
    assert_eq!(StorageKind::ALL.len(), 2);

    let secret = declared::hidden_secret();
    assert_eq!(secret.status(), 500);
    assert_eq!(secret.code(), "SECRET");
    assert!(!String::from_utf8_lossy(secret.to_response().body()).contains("s3cr3t"));
    let teapot = declared::hidden_teapot();
    assert_eq!(teapot.status(), 418);
    assert_eq!(body(&*teapot)["detail"], "teapot");
    assert_eq!(declared::hidden_specs().len(), 2);
    assert_eq!(declared::hidden_kinds(), 2);
}

#[test]
fn every_variant_renders_as_its_spec_says() {
    let values = every_value();
    assert!(values.len() >= 60);
    // One value per variant, in declaration order.
    assert_eq!(values.len(), Everything::specs().len());
    for (value, spec) in values.iter().zip(Everything::specs()) {
        let sent = value.spec();
        assert_eq!(sent.code, value.kind().as_str(), "{}", spec.variant);
        assert_eq!(value.kind().spec(), sent);
        assert_eq!(sent.code.parse::<EverythingCode>(), Ok(value.kind()));
        let response = value.to_response();
        assert_eq!(response.status(), sent.status, "{}", spec.variant);
        let body = body(value);
        assert_eq!(body["status"], sent.status.as_u16());
        assert_eq!(body["code"], sent.code);
        assert_eq!(body["title"], sent.title);
        assert_eq!(
            body["type"],
            format!("https://docs.example.com/errors#{}", sent.code)
        );
    }
    // The same through `Box<dyn ApiError>`.
    let boxed: Vec<Box<dyn ApiError>> = every_value()
        .into_iter()
        .map(|value| Box::new(value) as Box<dyn ApiError>)
        .collect();
    for (value, boxed) in values.iter().zip(&boxed) {
        assert_eq!(boxed.code(), value.code());
        assert_eq!(boxed.retry(), value.retry());
        assert_eq!(boxed.to_response().body(), value.to_response().body());
    }
    // Concealed variants have no kind of their own.
    assert_eq!(EverythingCode::ALL.len(), Everything::specs().len() - 1);
    assert!("OTHER_TENANT".parse::<EverythingCode>().is_err());
}

#[test]
fn every_key_of_the_dsl() {
    let specs = Everything::specs();
    let bad = Everything::BadInput { field: "name".into() };
    assert_eq!(bad.code(), "BAD_INPUT");
    assert_eq!(bad.public_message(), "Bad input in name");
    assert_eq!(bad.action(), Action::FixRequest);
    let spec = bad.spec();
    assert_eq!(spec.title, "Bad Input");
    assert_eq!(spec.cause, Some("A field does not parse"));
    assert_eq!(spec.resolution, Some("Fix the field"));
    assert_eq!(spec.grpc, GrpcCode::InvalidArgument);
    assert_eq!(spec.message, "Bad input in {field}");
    assert_eq!(spec.doc, "A field is malformed.");
    assert_eq!(Everything::BadItem(7).public_message(), "Item 7 is invalid");

    let invalid = Everything::Validation {
        errors: vec![Violation::field("email", "is not an email")],
    };
    let errors = &body(&invalid)["errors"];
    assert_eq!(errors[0]["detail"], "is not an email");
    assert!(
        errors[0]["pointer"].as_str().unwrap().ends_with("/email"),
        "{errors}"
    );

    let limited = every_value().swap_remove(3);
    assert_eq!(limited.code(), "RATE_LIMITED");
    assert_eq!(
        limited.retry(),
        Retry::After {
            fallback: Backoff::STANDARD
        }
    );
    let response = limited.to_response();
    assert_eq!(response.headers()["retry-after"], "60");
    assert_eq!(response.headers()["x-ratelimit-reset"], "1678886460");
    let members = body(&limited);
    assert_eq!(members["limit"], 1000);
    assert_eq!(members["max_tokens"], 4096);
    assert_eq!(limited.spec().exposed, &["limit", "max_tokens"]);

    let blocked = Everything::PolicyBlocked {
        rules: vec!["no-pii"],
    };
    assert_eq!(body(&blocked)["governance"], serde_json::json!(["no-pii"]));

    // conceal_as: the same bytes, the same kind, the same headers as the target.
    let concealed = Everything::OtherTenant { tenant: 42 };
    assert_eq!(concealed.kind(), EverythingCode::NotFound);
    assert_eq!(concealed.status(), 404);
    let (hidden, shown) = (concealed.to_response(), Everything::NotFound.to_response());
    assert_eq!(hidden.headers(), shown.headers());
    assert_eq!(hidden.body(), shown.body());
    let own = specs.iter().find(|s| s.variant == "OtherTenant").unwrap();
    assert_eq!(own.conceal_as, Some("NotFound"));
    assert_eq!(own.cause, Some("Cross-tenant access"));

    let io = Everything::Io(std::io::Error::other("disk on fire"));
    assert_eq!(io.code(), "INTERNAL_ERROR");
    assert_eq!(io.public_message(), "Unexpected server error");
    assert!(!String::from_utf8_lossy(io.to_response().body()).contains("fire"));

    // Defaults by status.
    assert_eq!(Everything::Forbidden.action(), Action::ChangePrincipal);
    assert_eq!(Everything::Unauthenticated.action(), Action::Reauthenticate);
    assert_eq!(
        Everything::RequestTimeout.retry(),
        Retry::Backoff(Backoff::STANDARD)
    );
    assert_eq!(Everything::NotImplemented.retry(), Retry::Never);
    assert_eq!(Everything::NotImplemented.action(), Action::ContactSupport);
    assert_eq!(Everything::Unavailable.spec().grpc, GrpcCode::Unavailable);
    assert_eq!(Everything::EnhanceYourCalm.spec().title, "Client Error");
    assert_eq!(Everything::SiteFrozen.spec().title, "Server Error");
}

#[test]
fn kind_enum() {
    assert_eq!("RATE_LIMITED".parse(), Ok(EverythingCode::RateLimited));
    let unknown = "NOPE".parse::<EverythingCode>().unwrap_err();
    assert_eq!(unknown.code, "NOPE");
    assert_eq!(unknown.kind, "EverythingCode");
    assert_eq!(
        EverythingCode::from_code("NOT_IMPLEMENTED"),
        Some(EverythingCode::NotImplemented)
    );
    assert_eq!(EverythingCode::RateLimited.status(), 429);
    assert_eq!(
        EverythingCode::Overloaded.retry(),
        Retry::Backoff(Backoff::STANDARD)
    );
    assert_eq!(EverythingCode::ALL[0], EverythingCode::BadInput);
    assert_eq!(EverythingCode::NotFound.to_string(), "RESOURCE_NOT_FOUND");
    for kind in EverythingCode::ALL {
        assert_eq!(kind.as_str().parse::<EverythingCode>(), Ok(*kind));
    }
}

#[test]
fn every_retry_form() {
    assert_eq!(Everything::SlowDown.status(), 429);
    assert_eq!(Everything::SlowDown.action(), Action::BackOff);
    assert_eq!(
        Everything::SlowDown.retry(),
        Retry::After {
            fallback: Backoff {
                base: Duration::from_secs(60),
                factor: 1,
                max_delay: Duration::from_secs(60),
                attempts: 3,
                jitter: Jitter::None,
            }
        }
    );
    assert_eq!(Everything::Overloaded.retry(), Retry::Backoff(Backoff::STANDARD));
    assert_eq!(
        Everything::Draining.retry(),
        Retry::Backoff(Backoff {
            base: Duration::from_millis(500),
            factor: 3,
            max_delay: Duration::from_secs(8),
            attempts: 5,
            jitter: Jitter::Equal,
        })
    );
    assert_eq!(
        Everything::Flaky.retry(),
        Retry::Fixed {
            delay: Duration::from_secs(5),
            attempts: 4
        }
    );
    assert_eq!(
        Everything::Twitchy.retry(),
        Retry::Fixed {
            delay: Duration::from_millis(250),
            attempts: 3
        }
    );
    assert_eq!(Everything::Corrupted.retry(), Retry::Never);
    assert_eq!(Everything::Corrupted.spec().grpc, GrpcCode::DataLoss);
}
