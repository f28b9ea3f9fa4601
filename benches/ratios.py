#!/usr/bin/env python3
"""Prints every criterion group of the last run as ratios against its baseline.

Usage: benches/ratios.py [CRITERION_DIR] [PREFIX...]
  CRITERION_DIR defaults to $CARGO_TARGET_DIR/criterion (else target/criterion); PREFIXes
  (render, decode, status, ...) select groups. The baseline of a group is its `serde_json` or
  `hand-written` bench; a ratio below 1 means errspec took less time. Times are criterion's
  median estimates of the last run.
"""
import json
import os
import sys
from pathlib import Path

BASELINES = ("serde_json", "hand-written")


def main():
    args = sys.argv[1:]
    root = Path(args.pop(0)) if args and Path(args[0]).is_dir() else (
        Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "criterion")
    groups = {}
    for meta in sorted(root.glob("**/new/benchmark.json")):
        info = json.loads(meta.read_text())
        median = json.loads((meta.parent / "estimates.json").read_text())["median"]["point_estimate"]
        name = "/".join(filter(None, (info["function_id"], info["value_str"])))
        groups.setdefault(info["group_id"], {})[name] = median
    for group, times in groups.items():
        if args and not any(group.startswith(prefix) for prefix in args):
            continue
        base = next((times[b] for b in BASELINES if b in times), None)
        cells = []
        for name, ns in times.items():
            ratio = f" = {ns / base:.2f}x" if base and name not in BASELINES else ""
            # Expansion benches: `derive/1000` is 1,000 variants.
            size = name.rsplit("/", 1)[-1]
            if size.isdigit():
                ratio = f" = {ns / int(size) / 1000:.1f} µs per variant"
            cells.append(f"{name} {format_ns(ns)}{ratio}")
        print(f"{group:40} " + " | ".join(cells))


def format_ns(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.1f} ns"


if __name__ == "__main__":
    main()
