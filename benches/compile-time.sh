#!/usr/bin/env bash
# Compile-time cost of errspec: times the build of a generated crate whose N-variant error enum
# derives `ApiError`, next to the same enum with thiserror only and hand-written `status()`,
# `code()` and response rendering (serde_json envelope struct + http::Response).
#
# Usage: benches/compile-time.sh [VARIANTS] [RUNS]     (defaults: 200 variants, 5 runs)
#   FULL=1 benches/compile-time.sh ...   also times a from-scratch build, dependencies included.
#
# Dependencies are built once first; each timed run then rebuilds only the generated crate
# (`cargo clean -p`), in the dev profile, which is the cost a developer pays per edit.
# Uses hyperfine when installed (apt-get install hyperfine), else /usr/bin/time.
set -euo pipefail

variants=${1:-200}
runs=${2:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${COMPILE_TIME_DIR:-${TMPDIR:-/tmp}/errspec-compile-time}
statuses=(400 401 403 404 409 410 422 429 500 502 503 504)
consts=(BAD_REQUEST UNAUTHORIZED FORBIDDEN NOT_FOUND CONFLICT GONE UNPROCESSABLE_ENTITY
    TOO_MANY_REQUESTS INTERNAL_SERVER_ERROR BAD_GATEWAY SERVICE_UNAVAILABLE GATEWAY_TIMEOUT)

rm -rf "$work"
mkdir -p "$work/with-errspec/src" "$work/hand-written/src"
cat >"$work/Cargo.toml" <<EOF
[workspace]
resolver = "3"
members = ["with-errspec", "hand-written"]
EOF

cat >"$work/with-errspec/Cargo.toml" <<EOF
[package]
name = "with-errspec"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
errspec = { path = "$repo/runtime" }
thiserror = "2"
EOF

cat >"$work/hand-written/Cargo.toml" <<EOF
[package]
name = "hand-written"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
http = "1"
serde = { version = "1", features = ["derive"] }
serde_json = "1"
thiserror = "2"
EOF

# The enum: every fifth variant has no field, an interpolated field, a `Retry-After`, ...
{
    echo '//! Generated.'
    echo 'use std::time::Duration;'
    echo '#[derive(Debug, thiserror::Error, errspec::ApiError)]'
    echo '#[api(envelope = nested)]'
    echo 'pub enum Big {'
    for ((i = 0; i < variants; i++)); do
        s=${statuses[$((i % 12))]}
        case $((i % 3)) in
        0) echo "    #[error(\"Thing $i failed\")] #[status($s, code = \"THING_$i\")] V$i," ;;
        1) echo "    #[error(\"Limit {limit} exceeded for $i\")] #[status($s, code = \"LIMIT_$i\")] V$i { limit: u32 }," ;;
        2) echo "    #[error(\"Throttled $i\")] #[status($s, code = \"THROTTLED_$i\")] V$i { #[api(retry_after)] wait: Duration }," ;;
        esac
    done
    echo '}'
} >"$work/with-errspec/src/lib.rs"

{
    echo '//! Generated.'
    echo 'use std::time::Duration;'
    echo 'use http::{HeaderValue, Response, StatusCode};'
    echo '#[derive(Debug, thiserror::Error)]'
    echo 'pub enum Big {'
    for ((i = 0; i < variants; i++)); do
        case $((i % 3)) in
        0) echo "    #[error(\"Thing $i failed\")] V$i," ;;
        1) echo "    #[error(\"Limit {limit} exceeded for $i\")] V$i { limit: u32 }," ;;
        2) echo "    #[error(\"Throttled $i\")] V$i { wait: Duration }," ;;
        esac
    done
    echo '}'
    echo '#[derive(serde::Serialize)] struct Body<'"'"'a> { error: Inner<'"'"'a> }'
    echo '#[derive(serde::Serialize)] #[serde(rename_all = "camelCase")] struct Inner<'"'"'a> { code: &'"'"'a str, message: &'"'"'a str, status_code: u16 }'
    echo 'impl Big {'
    echo '    pub fn status(&self) -> StatusCode { match self {'
    for ((i = 0; i < variants; i++)); do echo "        Big::V$i { .. } => StatusCode::${consts[$((i % 12))]},"; done
    echo '    } }'
    echo '    pub fn code(&self) -> &'"'"'static str { match self {'
    for ((i = 0; i < variants; i++)); do
        case $((i % 3)) in 0) c="THING_$i" ;; 1) c="LIMIT_$i" ;; 2) c="THROTTLED_$i" ;; esac
        echo "        Big::V$i { .. } => \"$c\","
    done
    echo '    } }'
    echo '    pub fn retry_after(&self) -> Option<Duration> { match self {'
    for ((i = 2; i < variants; i += 3)); do echo "        Big::V$i { wait } => Some(*wait),"; done
    echo '        _ => None,'
    echo '    } }'
    echo '    pub fn to_response(&self) -> Response<Vec<u8>> {'
    echo '        let message = if self.status().is_server_error() { self.status().canonical_reason().unwrap_or_default().to_owned() } else { self.to_string() };'
    echo '        let body = serde_json::to_vec(&Body { error: Inner { code: self.code(), message: &message, status_code: self.status().as_u16() } }).unwrap_or_default();'
    echo '        let mut response = Response::new(body);'
    echo '        *response.status_mut() = self.status();'
    echo '        response.headers_mut().insert(http::header::CONTENT_TYPE, HeaderValue::from_static("application/json"));'
    echo '        if let Some(wait) = self.retry_after() { response.headers_mut().insert(http::header::RETRY_AFTER, HeaderValue::from(wait.as_secs())); }'
    echo '        response'
    echo '    }'
    echo '}'
} >"$work/hand-written/src/lib.rs"

cd "$work"
export CARGO_TARGET_DIR="$work/target"
echo "== $variants variants, $(nproc) cores, $(rustc --version)"
echo "== building dependencies once"
cargo build -q -p with-errspec -p hand-written

if command -v hyperfine >/dev/null; then
    hyperfine --runs "$runs" --warmup 1 \
        --prepare 'cargo clean -q -p with-errspec -p hand-written' \
        -n hand-written 'cargo build -q -p hand-written' \
        -n errspec 'cargo build -q -p with-errspec'
    if [[ ${FULL:-0} == 1 ]]; then
        hyperfine --runs 2 --prepare 'cargo clean -q' \
            -n 'hand-written, from scratch' 'cargo build -q -p hand-written' \
            -n 'errspec, from scratch' 'cargo build -q -p with-errspec'
    fi
else
    for crate in hand-written with-errspec; do
        for ((r = 0; r < runs; r++)); do
            cargo clean -q -p with-errspec -p hand-written
            /usr/bin/time -f "$crate %e s" cargo build -q -p "$crate"
        done
    done
fi
