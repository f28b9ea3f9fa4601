//! The five seed APIs of errspec's design, each error table declared as derived enums in that
//! API's envelope. Every module has a `samples()` with one value per variant; the binaries of
//! the same names print them as HTTP responses.

pub mod aegis;
pub mod ai_guard;
pub mod aisafe;
pub mod aisquare;
pub mod truthvouch;
