//! `actix_web::ResponseError` for derived types: the same status, headers and body as
//! `ApiError::to_response`, through a real actix service.

use std::time::Duration;

use actix_web::test as actix_test;
use actix_web::{App, HttpResponse, ResponseError, web};
use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum PayError {
    #[error("Rate limit exceeded: {limit} requests per minute")]
    #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
    RateLimited {
        limit: u32,
        #[api(retry_after)]
        retry_after: Duration,
        #[api(header = "X-RateLimit-Reset")]
        reset: u64,
    },

    #[error("ledger unreachable for merchant m_991")]
    #[status(503, code = "LEDGER_UNAVAILABLE")]
    Ledger(#[source] std::io::Error),
}

fn rate_limited() -> PayError {
    PayError::RateLimited {
        limit: 100,
        retry_after: Duration::from_millis(1500),
        reset: 1_678_886_460,
    }
}

async fn pay(path: web::Path<String>) -> Result<HttpResponse, PayError> {
    match path.as_str() {
        "limited" => Err(rate_limited()),
        "ledger" => Err(PayError::Ledger(std::io::Error::other(
            "connect refused 10.0.0.7",
        ))),
        _ => Ok(HttpResponse::Ok().body("paid")),
    }
}

async fn call(uri: &str) -> (u16, actix_web::http::header::HeaderMap, String) {
    let app = actix_test::init_service(App::new().route("/pay/{what}", web::post().to(pay))).await;
    let response =
        actix_test::call_service(&app, actix_test::TestRequest::post().uri(uri).to_request()).await;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = actix_test::read_body(response).await;
    (status, headers, String::from_utf8(body.to_vec()).unwrap())
}

#[actix_web::test]
async fn a_derived_error_answers_as_rendered() {
    let (status, headers, body) = call("/pay/limited").await;
    let expected = rate_limited().to_response();
    assert_eq!(status, 429);
    assert_eq!(body.as_bytes(), expected.body().as_slice());
    assert_eq!(headers.get("content-type").unwrap(), "application/problem+json");
    assert_eq!(headers.get("retry-after").unwrap(), "2");
    assert_eq!(headers.get("x-ratelimit-reset").unwrap(), "1678886460");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["code"], "RATE_LIMIT_EXCEEDED");
    assert_eq!(json["detail"], "Rate limit exceeded: 100 requests per minute");
}

#[actix_web::test]
async fn a_5xx_sends_neither_display_nor_source() {
    let (status, headers, body) = call("/pay/ledger").await;
    assert_eq!(status, 503);
    assert_eq!(headers.get("content-type").unwrap(), "application/problem+json");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["code"], "LEDGER_UNAVAILABLE");
    assert_eq!(json["detail"], "Service Unavailable");
    assert!(!body.contains("m_991") && !body.contains("10.0.0.7"), "{body}");
}

#[actix_web::test]
async fn success_is_untouched() {
    let (status, _, body) = call("/pay/ok").await;
    assert_eq!((status, body.as_str()), (200, "paid"));
}

#[test]
fn status_code_is_the_spec_status() {
    assert_eq!(ResponseError::status_code(&rate_limited()).as_u16(), 429);
    let ledger = PayError::Ledger(std::io::Error::other("x"));
    assert_eq!(ResponseError::status_code(&ledger).as_u16(), 503);
}
