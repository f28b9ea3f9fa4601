//! Integration tests of errspec live in `tests/`.
