//! The per-document JSON as `serde_json`'s pretty printer writes it (two spaces a level), byte
//! for byte, but each line break and its indentation written at once rather than one write per
//! level: a document's JSON is mostly deeply nested cells and boxes, so that is most of the writes.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// Levels of indentation written in one piece; deeper ones are written level by level.
const LEVELS: usize = 32;

/// `,\n` and the indentation of [`LEVELS`] levels: a line break is a slice of it.
static BREAK: [u8; 2 + 2 * LEVELS] = {
    let mut b = [b' '; 2 + 2 * LEVELS];
    b[0] = b',';
    b[1] = b'\n';
    b
};

/// `serde_json::ser::PrettyFormatter` with its default indentation, writing fewer pieces.
#[derive(Debug, Default)]
pub struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma when `comma`) and the current indentation.
    fn line<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        let from = usize::from(!comma);
        if self.depth <= LEVELS {
            return w.write_all(&BREAK[from..2 + 2 * self.depth]);
        }
        w.write_all(&BREAK[from..2 + 2 * LEVELS])?;
        for _ in LEVELS..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, mark: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(mark)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, mark: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(mark)
    }
}

impl Formatter for Pretty {
    #[inline]
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    #[inline]
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    #[inline]
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }

    #[inline]
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    #[inline]
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    #[inline]
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    #[inline]
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }

    #[inline]
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    #[inline]
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as pretty-printed JSON (what `serde_json::to_writer_pretty` writes).
pub fn to_writer_pretty<W: Write, T: ?Sized + Serialize>(
    w: W,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(w, Pretty::default()))
}

/// `value` as pretty-printed JSON (what `serde_json::to_vec_pretty` gives).
pub fn to_vec_pretty<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(128);
    to_writer_pretty(&mut out, value)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    fn same(v: &Value) {
        let ours = super::to_vec_pretty(v).unwrap();
        let theirs = serde_json::to_vec_pretty(v).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
    }

    #[test]
    fn same_bytes_as_serde_json_pretty() {
        same(&json!(null));
        same(&json!([]));
        same(&json!({}));
        same(&json!({"a": [], "b": {}, "c": [1, 2.5, "x\n\"y\""], "d": {"e": [{"f": null}]}}));
        same(&json!([[[]], [{}], [[1], {"k": [true, false]}]]));
        // Deeper than the indentation written in one piece.
        let mut deep = json!("bottom");
        for i in 0..(super::LEVELS + 5) {
            deep = if i % 2 == 0 { json!([deep, i]) } else { json!({"level": deep, "n": i}) };
        }
        same(&deep);
    }
}
