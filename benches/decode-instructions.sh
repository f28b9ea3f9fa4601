#!/usr/bin/env bash
# Instructions per decode, errspec vs the hand-written serde_json struct, for every envelope and
# scenario of the decode bench: callgrind counts of `examples/decode_loop.rs` with N decodes minus
# the same with none, divided by N. Independent of the machine's load.
#
# Usage: benches/decode-instructions.sh [N] [ENVELOPE...]     (N defaults to 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
shift || true
envelopes=("${@:-problem detail code_message nested google}")
target=${CARGO_TARGET_DIR:-target}
cargo build --quiet --release -p errspec-benches --example decode_loop
bin=$target/release/examples/decode_loop

count() { # ENVELOPE SCENARIO DECODER N -> instructions
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

printf '%-14s %-22s %10s %10s %7s\n' envelope scenario errspec serde_json ratio
for envelope in ${envelopes[*]}; do
  for scenario in constant interpolated+headers 422x5; do
    row=()
    for decoder in errspec serde_json; do
      full=$(count "$envelope" "$scenario" "$decoder" "$n")
      none=$(count "$envelope" "$scenario" "$decoder" 0)
      row+=($(((full - none) / n)))
    done
    ratio=$(awk "BEGIN { printf \"%.2f\", ${row[0]} / ${row[1]} }")
    printf '%-14s %-22s %10s %10s %6sx\n' "$envelope" "$scenario" "${row[0]}" "${row[1]}" "$ratio"
  done
done
