//! A small pull reader for JSON (RFC 8259), made for error bodies.
//!
//! The classifier wants a dozen fields out of a body of a few hundred bytes and skips the rest.
//! `serde_json`'s deserializer did that through the visitor protocol and cost as much as building a
//! whole `Value` tree; this reader hands out one value at a time, borrows every string without an
//! escape and skips what it is not asked to read without decoding it. The body's UTF-8 is checked
//! once, up front; only in a body that fails the check is each string read checked on its own (a
//! bad one stops the reader), so that a stray byte in a skipped value loses nothing.
//!
//! It is strict where strictness is cheap: the grammar, number syntax, escapes and control
//! characters are checked, so a body it reads to the end is JSON. It is lenient where a strict
//! reader would lose a message: an unpaired surrogate escape (`"\ud800"`) becomes U+FFFD instead of
//! failing the body. Nesting deeper than [`MAX_DEPTH`] stops the reader.

use std::borrow::Cow;

/// Containers nested deeper than this stop the reader (`serde_json`'s default limit).
const MAX_DEPTH: usize = 128;

/// The reader stopped: the body is not JSON from here on, or nests too deep. Whatever was read
/// before stays read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stop;

pub(super) type Result<T> = std::result::Result<T, Stop>;

/// What the next value is, before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Next {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

/// A number's text, checked against the JSON grammar.
#[derive(Debug, Clone, Copy)]
pub(super) struct Number<'a> {
    pub(super) text: &'a str,
    /// No fraction and no exponent.
    pub(super) integer: bool,
}

impl Number<'_> {
    pub(super) fn as_i64(self) -> Option<i64> {
        self.integer.then(|| self.text.parse().ok()).flatten()
    }

    pub(super) fn as_u64(self) -> Option<u64> {
        self.integer.then(|| self.text.parse().ok()).flatten()
    }

    pub(super) fn as_f64(self) -> Option<f64> {
        self.text.parse().ok()
    }
}

/// Reads JSON values from a body, one at a time.
#[derive(Debug)]
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    /// The same, when they are UTF-8 throughout.
    text: Option<&'a str>,
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `body`, past a UTF-8 byte order mark.
    pub(super) fn new(body: &'a [u8]) -> Self {
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        Self {
            bytes: body,
            text: std::str::from_utf8(body).ok(),
            pos: 0,
            depth: 0,
        }
    }

    /// Whether only whitespace is left.
    pub(super) fn at_end(&mut self) -> bool {
        self.skip_whitespace();
        self.pos >= self.bytes.len()
    }

    /// The kind of the next value, without reading it.
    pub(super) fn peek(&mut self) -> Result<Next> {
        self.skip_whitespace();
        Ok(match self.byte().ok_or(Stop)? {
            b'{' => Next::Object,
            b'[' => Next::Array,
            b'"' => Next::String,
            b'-' | b'0'..=b'9' => Next::Number,
            b't' | b'f' => Next::Bool,
            b'n' => Next::Null,
            _ => return Err(Stop),
        })
    }

    /// Reads an object, calling `each` with the reader and every key (unescaped);
    /// `each` must read or skip the key's value.
    pub(super) fn object(
        &mut self,
        mut each: impl FnMut(&mut Self, Cow<'a, str>) -> Result<()>,
    ) -> Result<()> {
        self.open(b'{')?;
        if self.close_if(b'}') {
            return Ok(());
        }
        loop {
            self.skip_whitespace();
            let key = self.raw_string()?;
            self.colon()?;
            each(self, key)?;
            if !self.comma_or_close(b'}')? {
                return Ok(());
            }
        }
    }

    /// Reads an array, calling `each` with the reader and every element's index; `each` must read
    /// or skip the element.
    pub(super) fn array(
        &mut self,
        mut each: impl FnMut(&mut Self, usize) -> Result<()>,
    ) -> Result<()> {
        self.open(b'[')?;
        if self.close_if(b']') {
            return Ok(());
        }
        let mut index = 0;
        loop {
            each(self, index)?;
            index += 1;
            if !self.comma_or_close(b']')? {
                return Ok(());
            }
        }
    }

    /// Whether the next value is a list whose first element is an object, without reading it.
    pub(super) fn starts_list_of_objects(&mut self) -> bool {
        self.skip_whitespace();
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let mut after = rest.iter().skip(1).filter(|b| !b.is_ascii_whitespace());
        rest.first() == Some(&b'[') && after.next() == Some(&b'{')
    }

    /// Reads a string, borrowed from the body when it has no escapes.
    pub(super) fn string(&mut self) -> Result<Cow<'a, str>> {
        self.skip_whitespace();
        self.raw_string()
    }

    /// Reads a number.
    pub(super) fn number(&mut self) -> Result<Number<'a>> {
        self.skip_whitespace();
        let start = self.pos;
        self.eat(b'-');
        match self.byte() {
            // A leading zero stands alone: `01` is not a number.
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.byte(), Some(b'0'..=b'9')) {
                    return Err(Stop);
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Stop),
        }
        let mut integer = true;
        if self.eat(b'.') {
            integer = false;
            self.some_digits()?;
        }
        if self.eat(b'e') || self.eat(b'E') {
            integer = false;
            let _ = self.eat(b'+') || self.eat(b'-');
            self.some_digits()?;
        }
        let text = self.slice(start)?;
        Ok(Number { text, integer })
    }

    /// Reads `true`, `false` or `null` (as `None`).
    pub(super) fn literal(&mut self) -> Result<Option<bool>> {
        self.skip_whitespace();
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let (value, len) = if rest.starts_with(b"true") {
            (Some(true), 4)
        } else if rest.starts_with(b"false") {
            (Some(false), 5)
        } else if rest.starts_with(b"null") {
            (None, 4)
        } else {
            return Err(Stop);
        };
        self.pos += len;
        Ok(value)
    }

    /// Skips the next value, checking its grammar.
    pub(super) fn skip(&mut self) -> Result<()> {
        match self.peek()? {
            Next::Object => self.object(|reader, _| reader.skip()),
            Next::Array => self.array(|reader, _| reader.skip()),
            Next::String => self.skip_string(),
            Next::Number => self.number().map(drop),
            Next::Bool | Next::Null => self.literal().map(drop),
        }
    }

    /// Skips the next value and returns its text, or `None` for `null`.
    pub(super) fn raw(&mut self) -> Result<Option<&'a str>> {
        if self.peek()? == Next::Null {
            return self.literal().map(|_| None);
        }
        let start = self.pos;
        self.skip()?;
        self.slice(start).map(Some)
    }

    /// Reads the next value with `read`, and returns its text beside what `read` made of it: one
    /// pass where [`raw`](Self::raw) and a second reader would take two.
    pub(super) fn with_raw<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<(T, &'a str)> {
        let start = self.mark()?;
        let value = read(self)?;
        Ok((value, self.slice(start)?))
    }

    /// Where the next value starts, for [`slice`](Self::slice) to take its text once it is read,
    /// where only some reads need it: the text of a body that was not checked for UTF-8 as a
    /// whole is checked as it is taken.
    pub(super) fn mark(&mut self) -> Result<usize> {
        self.peek()?;
        Ok(self.pos)
    }

    // -----------------------------------------------------------------------------------------

    /// The text from `start` to the current position, which both lie next to ASCII delimiters.
    pub(super) fn slice(&self, start: usize) -> Result<&'a str> {
        match self.text {
            Some(text) => text.get(start..self.pos).ok_or(Stop),
            None => {
                std::str::from_utf8(self.bytes.get(start..self.pos).ok_or(Stop)?).map_err(|_| Stop)
            }
        }
    }

    fn byte(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.byte() == Some(byte);
        self.pos += usize::from(matched);
        matched
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.byte() {
            self.pos += 1;
        }
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.byte() {
            self.pos += 1;
        }
    }

    fn some_digits(&mut self) -> Result<()> {
        let start = self.pos;
        self.digits();
        if self.pos == start { Err(Stop) } else { Ok(()) }
    }

    fn open(&mut self, bracket: u8) -> Result<()> {
        self.skip_whitespace();
        if !self.eat(bracket) || self.depth >= MAX_DEPTH {
            return Err(Stop);
        }
        self.depth += 1;
        Ok(())
    }

    fn close_if(&mut self, bracket: u8) -> bool {
        self.skip_whitespace();
        let closed = self.eat(bracket);
        self.depth -= usize::from(closed);
        closed
    }

    /// After a member or element: `true` on a comma, `false` on the closing bracket.
    fn comma_or_close(&mut self, bracket: u8) -> Result<bool> {
        self.skip_whitespace();
        if self.eat(b',') {
            return Ok(true);
        }
        if self.close_if(bracket) {
            return Ok(false);
        }
        Err(Stop)
    }

    fn colon(&mut self) -> Result<()> {
        self.skip_whitespace();
        if self.eat(b':') { Ok(()) } else { Err(Stop) }
    }

    /// Moves past the bytes a string may hold unescaped.
    fn plain_run(&mut self) {
        self.pos += self.bytes.get(self.pos..).map_or(0, plain_len);
    }

    /// Reads a string, borrowed when it has no escapes.
    fn raw_string(&mut self) -> Result<Cow<'a, str>> {
        if !self.eat(b'"') {
            return Err(Stop);
        }
        let start = self.pos;
        self.plain_run();
        let run = self.slice(start)?;
        match self.byte() {
            Some(b'"') => {
                self.pos += 1;
                return Ok(Cow::Borrowed(run));
            }
            Some(b'\\') => {}
            _ => return Err(Stop),
        }
        let mut owned = String::from(run);
        loop {
            match self.byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    owned.push(self.unescape()?);
                }
                _ => return Err(Stop),
            }
            let start = self.pos;
            self.plain_run();
            owned.push_str(self.slice(start)?);
        }
    }

    fn skip_string(&mut self) -> Result<()> {
        if !self.eat(b'"') {
            return Err(Stop);
        }
        loop {
            self.plain_run();
            match self.byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.byte() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1;
                        }
                        Some(b'u') => {
                            self.pos += 1;
                            self.hex4()?;
                        }
                        _ => return Err(Stop),
                    }
                }
                _ => return Err(Stop),
            }
        }
    }

    /// The character an escape stands for (after the backslash).
    fn unescape(&mut self) -> Result<char> {
        let byte = self.byte().ok_or(Stop)?;
        self.pos += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => return Err(Stop),
        })
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining a surrogate pair. An unpaired
    /// surrogate is U+FFFD.
    fn unicode_escape(&mut self) -> Result<char> {
        let unit = self.hex4()?;
        if !(0xD800..0xDC00).contains(&unit) {
            return Ok(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(b"\\u") {
            let resume = self.pos;
            self.pos += 2;
            let low = self.hex4()?;
            if (0xDC00..0xE000).contains(&low) {
                let code = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            // Not a low surrogate: it is a character of its own, read next.
            self.pos = resume;
        }
        Ok(char::REPLACEMENT_CHARACTER)
    }

    fn hex4(&mut self) -> Result<u16> {
        let digits = self.bytes.get(self.pos..self.pos + 4).ok_or(Stop)?;
        let mut unit = 0u16;
        for &digit in digits {
            let value = match digit {
                b'0'..=b'9' => digit - b'0',
                b'a'..=b'f' => digit - b'a' + 10,
                b'A'..=b'F' => digit - b'A' + 10,
                _ => return Err(Stop),
            };
            unit = unit << 4 | u16::from(value);
        }
        self.pos += 4;
        Ok(unit)
    }
}

/// How many leading bytes of `bytes` a string may hold as they are: up to the first quote,
/// backslash or control character.
///
/// Eight bytes at a time: a byte equal to `c` is a zero byte of `word ^ (c * ONES)`, and the lowest
/// byte flagged by `(v - ONES) & !v & HIGH` is the first zero byte of `v` (a borrow can only flag
/// bytes above it). Bytes below 0x20 are found the same way with `0x20 * ONES` as the subtrahend.
fn plain_len(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let first_flag = |flags: u64| flags.trailing_zeros() as usize / 8;
    let mut chunks = bytes.chunks_exact(8);
    let mut len = 0;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk).map(u64::from_le_bytes) else {
            break;
        };
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let flags = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | word.wrapping_sub(ONES * 0x20) & !word)
            & HIGH;
        if flags != 0 {
            return len + first_flag(flags);
        }
        len += 8;
    }
    let rest = chunks.remainder();
    len + rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skips one value and says whether the whole input was that value.
    fn valid(input: &str) -> bool {
        let mut reader = Reader::new(input.as_bytes());
        reader.skip().is_ok() && reader.at_end()
    }

    #[test]
    fn sees_a_list_of_objects_without_reading_it() {
        for (input, expected) in [
            ("[{}]", true),
            (" [ \n {\"a\": 1}]", true),
            ("[]", false),
            ("[\"a\", {}]", false),
            ("{}", false),
            ("[", false),
        ] {
            let mut reader = Reader::new(input.as_bytes());
            assert_eq!(reader.starts_list_of_objects(), expected, "{input}");
            assert!(
                reader.skip().is_ok() || input == "[",
                "{input} was consumed"
            );
        }
    }

    #[test]
    fn agrees_with_serde_json_on_what_is_json() {
        let cases = [
            r#"{"a": [1, -2.5e+3, 0, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9"], "b": {}}"#,
            "[]",
            " { } ",
            "-0",
            "1E5",
            r#""\ud83d\ude00""#,
            "{",
            "[1,]",
            r#"{"a" 1}"#,
            r#"{"a":1,}"#,
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "tru",
            "nul",
            r#""\x""#,
            r#""\u12""#,
            "\"a\u{1}b\"",
            "\"open",
            "[1 2]",
            "{} {}",
            "{1: 2}",
        ];
        for case in cases {
            let serde = serde_json::from_str::<serde::de::IgnoredAny>(case).is_ok();
            assert_eq!(valid(case), serde, "{case}");
        }
    }

    #[test]
    fn strings_borrow_unless_escaped_and_decode_escapes() {
        let mut reader = Reader::new(br#"["plain", "caf\u00e9 \"q\" \ud83d\ude00"]"#);
        let mut seen = Vec::new();
        reader
            .array(|reader, _| {
                seen.push(reader.string()?);
                Ok(())
            })
            .unwrap();
        assert!(matches!(seen[0], Cow::Borrowed("plain")));
        assert_eq!(seen[1], "café \"q\" 😀");
        assert!(matches!(seen[1], Cow::Owned(_)));
    }

    #[test]
    fn an_unpaired_surrogate_is_a_replacement_character() {
        for (input, expected) in [
            (r#""a\ud800b""#, "a\u{FFFD}b"),
            (r#""\udc00""#, "\u{FFFD}"),
            (r#""\ud800\u0041""#, "\u{FFFD}A"),
            (r#""\ud800""#, "\u{FFFD}"),
        ] {
            let mut reader = Reader::new(input.as_bytes());
            assert_eq!(reader.string().unwrap(), expected, "{input}");
            assert!(reader.at_end());
        }
    }

    #[test]
    fn keys_with_escapes_are_decoded_before_matching() {
        let mut reader = Reader::new(br#"{"mess\u0061ge": "hi", "other": [1, {"x": null}]}"#);
        let mut message = None;
        reader
            .object(|reader, key| {
                if key == "message" {
                    message = Some(reader.string()?);
                    Ok(())
                } else {
                    reader.skip()
                }
            })
            .unwrap();
        assert_eq!(message.as_deref(), Some("hi"));
        assert!(reader.at_end());
    }

    #[test]
    fn numbers_keep_their_text_and_say_whether_they_are_integers() {
        let mut reader = Reader::new(b"[42, -7, 1.5, 1e3, 18446744073709551616]");
        let mut numbers = Vec::new();
        reader
            .array(|reader, _| {
                numbers.push(reader.number()?);
                Ok(())
            })
            .unwrap();
        assert_eq!(numbers[0].as_i64(), Some(42));
        assert_eq!(numbers[1].as_u64(), None);
        assert_eq!(numbers[1].as_i64(), Some(-7));
        assert_eq!(numbers[2].as_i64(), None);
        assert_eq!(numbers[2].as_f64(), Some(1.5));
        assert!(!numbers[3].integer);
        assert_eq!(numbers[4].as_u64(), None);
        assert_eq!(numbers[4].text, "18446744073709551616");
    }

    #[test]
    fn raw_values_are_their_text_and_null_is_none() {
        let mut reader = Reader::new(br#"{"d": [{"field": "x"}], "n": null}"#);
        let mut raws = Vec::new();
        reader
            .object(|reader, _| {
                raws.push(reader.raw()?);
                Ok(())
            })
            .unwrap();
        assert_eq!(raws, [Some(r#"[{"field": "x"}]"#), None]);
    }

    #[test]
    fn nesting_past_the_limit_stops_the_reader() {
        let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(valid(&at_limit));
        let past = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(!valid(&past));
    }

    #[test]
    fn a_bad_byte_stops_the_reader_only_in_a_string_it_reads() {
        let mut reader =
            Reader::new(b"{\"a\": \"ok\", \"skip\": \"\xff\", \"b\": \"\xfe\", \"c\": 1}");
        let mut read = Vec::new();
        let outcome = reader.object(|reader, key| {
            if key == "skip" {
                return reader.skip();
            }
            read.push(reader.string()?);
            Ok(())
        });
        assert_eq!(outcome, Err(Stop));
        assert_eq!(read, ["ok"]);
    }

    #[test]
    fn plain_runs_end_at_the_first_quote_backslash_or_control_byte() {
        let naive = |bytes: &[u8]| {
            bytes
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(bytes.len())
        };
        let specials = [b'"', b'\\', 0x00, 0x1f, b'\n'];
        let fillers = [
            b'a',
            b' ',
            0x20,
            0x7f,
            0x80,
            0xff,
            b'!',
            b'#',
            b'[',
            b'\\' + 1,
        ];
        for len in 0..20 {
            for at in 0..=len {
                for special in specials {
                    for filler in fillers {
                        let mut bytes = vec![filler; len];
                        if at < len {
                            bytes[at] = special;
                        }
                        assert_eq!(plain_len(&bytes), naive(&bytes), "{bytes:?}");
                        // A second special past the first changes nothing.
                        if at + 1 < len {
                            bytes[at + 1] = b'"';
                            assert_eq!(plain_len(&bytes), naive(&bytes), "{bytes:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let mut reader = Reader::new(b"\xEF\xBB\xBF{}");
        assert!(reader.skip().is_ok() && reader.at_end());
    }
}
