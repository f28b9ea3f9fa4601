//! A pull reader of JSON text, for error bodies.
//!
//! The decoders ask for what they expect where they expect it (an object's members, a string,
//! an integer) and skip the rest, checked but unbuilt; a value kept whole (an extension member)
//! is handed to `serde_json` as the slice it spans. Through `serde`'s visitors the same reading
//! took about twice the instructions on a small body: a decode is a few hundred bytes, and the
//! layers around each value cost more than the value.
//!
//! The reader accepts exactly RFC 8259 JSON, as `serde_json` does: strings with valid escapes
//! (lone surrogates refused) and no control characters, numbers in JSON's grammar, the three
//! literals, and nesting up to 127 levels. It never panics: every slice it takes starts and ends
//! at an ASCII delimiter, so on a char boundary.

use std::borrow::Cow;

use serde_json::Value;

/// The body is not JSON, or not the JSON a reader expected (an object where a string is, a
/// repeated member).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed;

/// What a read returns.
pub(crate) type Read<T> = Result<T, Malformed>;

/// A number read: an integer that fits a `u64`, or the text of any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number<'a> {
    Int(u64),
    Other(&'a str),
}

/// How deep arrays and objects may nest, so a hostile body cannot exhaust the stack: 127, the
/// depth `serde_json` reads (a value the reader accepts is one `serde_json` can build).
const MAX_DEPTH: u32 = 127;

/// A position in a JSON text.
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Reader {
            text,
            pos: 0,
            depth: 0,
        }
    }

    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// The next byte that is not whitespace, not consumed.
    pub(crate) fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.byte() {
            self.pos += 1;
        }
        self.byte()
    }

    fn eat(&mut self, byte: u8) -> Read<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// Checks that only whitespace is left.
    pub(crate) fn end(&mut self) -> Read<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(Malformed),
        }
    }

    fn enter(&mut self) -> Read<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(Malformed)
        } else {
            Ok(())
        }
    }

    /// Reads an object: `member` is called with each key and must read that member's value.
    pub(crate) fn object(&mut self, mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Read<()>) -> Read<()> {
        self.container(b'{', b'}', |reader| {
            let key = reader.string()?;
            reader.eat(b':')?;
            member(reader, key)
        })
    }

    /// Reads an array: `element` is called for each element and must read it.
    pub(crate) fn array(&mut self, element: impl FnMut(&mut Self) -> Read<()>) -> Read<()> {
        self.container(b'[', b']', element)
    }

    /// Reads what lies between `open` and `close`, separated by commas: `each` reads one.
    fn container(&mut self, open: u8, close: u8, mut each: impl FnMut(&mut Self) -> Read<()>) -> Read<()> {
        self.eat(open)?;
        self.enter()?;
        if self.peek() == Some(close) {
            self.pos += 1;
        } else {
            loop {
                each(self)?;
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(byte) if byte == close => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(Malformed),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads a string: borrowed from the text unless it has escapes.
    pub(crate) fn string(&mut self) -> Read<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.pos;
        self.skip_plain();
        match self.byte() {
            Some(b'"') => {
                let text = &self.text[start..self.pos];
                self.pos += 1;
                Ok(Cow::Borrowed(text))
            }
            Some(b'\\') => self.escaped(start).map(Cow::Owned),
            _ => Err(Malformed),
        }
    }

    /// Moves to the next byte of a string that is not plain text: `"`, `\\`, a control
    /// character, or the end. Eight bytes at a time, as `serde_json` does: the text of an error
    /// body is mostly in its strings.
    fn skip_plain(&mut self) {
        const ONES: u64 = u64::from_ne_bytes([1; 8]);
        const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
        let bytes = self.text.as_bytes();
        while let Some(chunk) = bytes.get(self.pos..self.pos + 8) {
            let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let word = u64::from_le_bytes(chunk);
            // A byte's high bit is set in `found` where it is below 0x20, or (XORed with the
            // quote or the backslash) zero. Only bits after the first true one can be false.
            let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH;
            let found = below(word, 0x20)
                | below(word ^ (ONES * u64::from(b'"')), 1)
                | below(word ^ (ONES * u64::from(b'\\')), 1);
            if found != 0 {
                self.pos += (found.trailing_zeros() / 8) as usize;
                return;
            }
            self.pos += 8;
        }
        while let Some(byte) = self.byte() {
            if byte == b'"' || byte == b'\\' || byte < 0x20 {
                return;
            }
            self.pos += 1;
        }
    }

    /// The rest of a string from its first escape, `start` being where its text began.
    fn escaped(&mut self, start: usize) -> Read<String> {
        let mut out = String::with_capacity(self.pos - start + 16);
        let mut run = start;
        loop {
            match self.byte() {
                Some(b'"') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    let byte = self.byte().ok_or(Malformed)?;
                    self.pos += 1;
                    out.push(match byte {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(Malformed),
                    });
                    run = self.pos;
                }
                Some(0..0x20) | None => return Err(Malformed),
                Some(_) => self.skip_plain(),
            }
        }
    }

    /// The character of a `\u` escape whose `\u` was read; a surrogate pair is two escapes.
    fn unicode_escape(&mut self) -> Read<char> {
        let unit = self.hex4()?;
        let code = match unit {
            0xD800..=0xDBFF => {
                if self.text.as_bytes().get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(Malformed);
                }
                self.pos += 2;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(Malformed);
                }
                0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            }
            _ => unit,
        };
        char::from_u32(code).ok_or(Malformed)
    }

    fn hex4(&mut self) -> Read<u32> {
        let digits = self
            .text
            .as_bytes()
            .get(self.pos..self.pos + 4)
            .ok_or(Malformed)?;
        let mut unit = 0;
        for &digit in digits {
            let value = char::from(digit).to_digit(16).ok_or(Malformed)?;
            unit = unit * 16 + value;
        }
        self.pos += 4;
        Ok(unit)
    }

    /// Reads a number, checked against JSON's grammar: an integer that fits a `u64` as its
    /// value (the one kind of number an envelope reads, computed while it is scanned), any other
    /// as its text.
    pub(crate) fn number(&mut self) -> Read<Number<'a>> {
        self.peek();
        let start = self.pos;
        let negative = self.byte() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let digits = self.pos;
        let mut value = 0u64;
        while let Some(digit @ b'0'..=b'9') = self.byte() {
            value = value.wrapping_mul(10).wrapping_add(u64::from(digit - b'0'));
            self.pos += 1;
        }
        let count = self.pos - digits;
        // At least one digit, and no leading zero.
        if count == 0 || (count > 1 && self.text.as_bytes()[digits] == b'0') {
            return Err(Malformed);
        }
        let mut integer = !negative;
        if self.byte() == Some(b'.') {
            self.pos += 1;
            self.some_digits()?;
            integer = false;
        }
        if let Some(b'e' | b'E') = self.byte() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.byte() {
                self.pos += 1;
            }
            self.some_digits()?;
            integer = false;
        }
        let text = &self.text[start..self.pos];
        Ok(match integer {
            // Up to 19 digits always fit a `u64`, so `value` did not wrap; past that, `parse`
            // checks.
            true if count <= 19 => Number::Int(value),
            true => text.parse().map_or(Number::Other(text), Number::Int),
            false => Number::Other(text),
        })
    }

    fn some_digits(&mut self) -> Read<()> {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.byte() {
            self.pos += 1;
        }
        if self.pos == start { Err(Malformed) } else { Ok(()) }
    }

    fn literal(&mut self, word: &str) -> Read<()> {
        if self
            .text
            .as_bytes()
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()))
        {
            self.pos += word.len();
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// Reads any value without building it.
    pub(crate) fn skip(&mut self) -> Read<()> {
        match self.peek() {
            Some(b'"') => self.string().map(drop),
            Some(b'{') => self.object(|reader, _| reader.skip()),
            Some(b'[') => self.array(Self::skip),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            _ => Err(Malformed),
        }
    }

    /// Reads any value into a `serde_json::Value` (the slice it spans, checked, then built by
    /// `serde_json`).
    pub(crate) fn value(&mut self) -> Read<Value> {
        self.peek();
        let start = self.pos;
        self.skip()?;
        serde_json::from_str(&self.text[start..self.pos]).map_err(|_| Malformed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole text as one value, as `serde_json` would read it.
    fn read(text: &str) -> Read<Value> {
        let mut reader = Reader::new(text);
        let value = reader.value()?;
        reader.end()?;
        Ok(value)
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a":[1,-2,3.5,1e3,-0.0e-2,true,false,null,{}],"b":{"c":"d"},"":[]}"#,
            r#" [ "\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00" , "plain é" ] "#,
            "0",
            "-0",
            "\"\"",
            "[[[[]]]]",
        ] {
            assert_eq!(
                read(text),
                Ok(serde_json::from_str::<Value>(text).unwrap()),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        for text in [
            "",
            " ",
            "{",
            "{\"a\"}",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "01",
            "1.",
            "1e",
            "-",
            "+1",
            ".5",
            "tru",
            "nul",
            "\"a",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "\"\\udc00\"",
            "\"a\u{1}b\"",
            "{\"a\":1}}",
            "{1:2}",
            "[1]x",
        ] {
            assert!(
                serde_json::from_str::<Value>(text).is_err(),
                "serde_json accepts {text:?}"
            );
            assert_eq!(read(text), Err(Malformed), "{text:?}");
        }
    }

    #[test]
    fn strings_end_where_they_end_whatever_their_length() {
        // The scan reads eight bytes at a time: put the quote, an escape, a control character
        // and multi-byte characters at every offset of strings across several words.
        for len in 0..40 {
            let plain = "é".repeat(len % 3) + &"a".repeat(len);
            let text = format!("\"{plain}\"");
            assert_eq!(read(&text), Ok(Value::String(plain.clone())), "{text}");
            for at in (0..=plain.len()).filter(|&at| plain.is_char_boundary(at)) {
                let escaped = format!("\"{}\\\"{}\"", &plain[..at], &plain[at..]);
                assert_eq!(
                    read(&escaped),
                    Ok(serde_json::from_str(&escaped).unwrap()),
                    "{escaped}"
                );
                let control = format!("\"{}\u{1f}{}\"", &plain[..at], &plain[at..]);
                assert_eq!(read(&control), Err(Malformed), "{control:?}");
            }
        }
    }

    #[test]
    fn integers_that_fit_a_u64_are_read_on_the_way() {
        for (text, number) in [
            ("0", Number::Int(0)),
            ("404", Number::Int(404)),
            ("9999999999999999999", Number::Int(9_999_999_999_999_999_999)),
            ("18446744073709551615", Number::Int(u64::MAX)),
            ("18446744073709551616", Number::Other("18446744073709551616")),
            ("-1", Number::Other("-1")),
            ("-0", Number::Other("-0")),
            ("4.0", Number::Other("4.0")),
            ("4e2", Number::Other("4e2")),
        ] {
            assert_eq!(Reader::new(text).number(), Ok(number), "{text}");
        }
        for bad in ["01", "-", "-01", "1.", "1e", "1e+", ".1"] {
            assert_eq!(Reader::new(bad).number(), Err(Malformed), "{bad}");
        }
    }

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let mut reader = Reader::new(r#""plain" "a\nb""#);
        assert!(matches!(reader.string(), Ok(Cow::Borrowed("plain"))));
        assert!(matches!(reader.string(), Ok(Cow::Owned(s)) if s == "a\nb"));
    }

    #[test]
    fn nesting_is_limited() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(read(&deep(127)).is_ok());
        assert_eq!(read(&deep(128)), Err(Malformed));
        assert_eq!(read(&deep(100_000)), Err(Malformed));
    }
}
