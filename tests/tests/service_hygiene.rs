//! The framework impls the derive emits (axum, actix-web, tonic) compile in a crate with no
//! prelude, under `deny(warnings)` and `clippy::pedantic`, for plain and generic types.

#![no_implicit_prelude]
#![deny(warnings, clippy::pedantic)]

extern crate actix_web;
extern crate axum;
extern crate errspec;
extern crate std;
extern crate thiserror;
extern crate tonic;

use std::fmt::Debug;
use std::string::String;

#[derive(Debug, thiserror::Error, errspec::ApiError)]
enum Plain {
    #[error("gone")]
    #[status(410)]
    Gone,
    #[error("broken: {0}")]
    #[status(500)]
    Broken(String),
}

#[derive(Debug, thiserror::Error, errspec::ApiError)]
enum Generic<T: Debug + 'static> {
    #[error("conflict on {0:?}")]
    #[status(409)]
    Conflict(T),
}

#[test]
fn every_framework_sees_the_same_status() {
    use actix_web::ResponseError as _;
    use axum::response::IntoResponse as _;
    use std::convert::From as _;

    let axum_status = Plain::Gone.into_response().status().as_u16();
    let actix_status = Plain::Gone.status_code().as_u16();
    let grpc = tonic::Status::from(Plain::Broken(String::from("secret")));
    std::assert_eq!((axum_status, actix_status), (410, 410));
    std::assert_eq!(
        (grpc.code(), grpc.message()),
        (tonic::Code::Internal, "Internal Server Error")
    );

    let conflict = Generic::Conflict(7_u8);
    std::assert_eq!(conflict.status_code().as_u16(), 409);
    std::assert_eq!(tonic::Status::from(conflict).code(), tonic::Code::Aborted);
    std::assert_eq!(Generic::Conflict(1_u8).into_response().status().as_u16(), 409);
}
