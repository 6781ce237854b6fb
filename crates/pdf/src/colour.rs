//! Fill colours: the current non-stroking colour as RGB, when its colour space is one whose
//! components say the colour (DeviceGray, DeviceRGB, DeviceCMYK, CalGray, CalRGB, and ICC-based
//! spaces of 1, 3 or 4 components). Indexed, Separation, DeviceN, Lab and pattern colours are
//! unknown (`None`): their components are not a colour without more work than a layout fact is
//! worth.

use lopdf::{Dictionary, Document, Object};

use super::document::{deref, get, get_dict};
use super::lexer::Operand;

/// Deepest chain of colour spaces followed (an ICC space's `/Alternate`).
const MAX_SPACE_DEPTH: usize = 4;

/// A colour space, as far as turning its components into RGB goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Space {
    Gray,
    Rgb,
    Cmyk,
    Other,
}

impl Space {
    /// The space a `cs` operand names: a device space, or an entry of the resources'
    /// `/ColorSpace` dictionary.
    pub(crate) fn named(doc: &Document, res: Option<&Dictionary>, name: &[u8]) -> Space {
        if let Some(s) = device(name) {
            return s;
        }
        res.and_then(|r| get_dict(doc, r, b"ColorSpace"))
            .and_then(|d| d.get(name).ok())
            .map_or(Space::Other, |o| of(doc, o, 0))
    }

    /// The colour a space starts with after `cs`: black, for the spaces known here.
    pub(crate) fn initial(self) -> Option<[u8; 3]> {
        (self != Space::Other).then_some([0, 0, 0])
    }

    /// The RGB colour of the components `ops` in this space.
    fn rgb(self, ops: &[Operand]) -> Option<[u8; 3]> {
        let n = match self {
            Space::Gray => 1,
            Space::Rgb => 3,
            Space::Cmyk => 4,
            Space::Other => return None,
        };
        // `scn` may end with a pattern name; the components are the numbers before it.
        let mut v = [0.0f32; 4];
        let mut len = 0;
        for x in ops.iter().map_while(Operand::num) {
            if len == 4 {
                return None;
            }
            v[len] = x.clamp(0.0, 1.0);
            len += 1;
        }
        if len != n {
            return None;
        }
        let byte = |x: f32| (x * 255.0).round() as u8;
        Some(match self {
            Space::Gray => [byte(v[0]); 3],
            Space::Rgb => [byte(v[0]), byte(v[1]), byte(v[2])],
            _ => {
                let k = 1.0 - v[3];
                [byte((1.0 - v[0]) * k), byte((1.0 - v[1]) * k), byte((1.0 - v[2]) * k)]
            }
        })
    }
}

fn device(name: &[u8]) -> Option<Space> {
    match name {
        b"DeviceGray" | b"G" | b"CalGray" => Some(Space::Gray),
        b"DeviceRGB" | b"RGB" | b"CalRGB" => Some(Space::Rgb),
        b"DeviceCMYK" | b"CMYK" => Some(Space::Cmyk),
        _ => None,
    }
}

fn of(doc: &Document, obj: &Object, depth: usize) -> Space {
    match deref(doc, obj) {
        Object::Name(n) => device(n).unwrap_or(Space::Other),
        Object::Array(a) => {
            let family = a.first().and_then(|o| deref(doc, o).as_name().ok());
            match family {
                Some(b"CalGray") => Space::Gray,
                Some(b"CalRGB") => Space::Rgb,
                Some(b"ICCBased") => {
                    let Some(Object::Stream(s)) = a.get(1).map(|o| deref(doc, o)) else {
                        return Space::Other;
                    };
                    match get(doc, &s.dict, b"N").and_then(|n| n.as_i64().ok()) {
                        Some(1) => Space::Gray,
                        Some(3) => Space::Rgb,
                        Some(4) => Space::Cmyk,
                        _ => match get(doc, &s.dict, b"Alternate") {
                            Some(alt) if depth < MAX_SPACE_DEPTH => of(doc, alt, depth + 1),
                            _ => Space::Other,
                        },
                    }
                }
                _ => Space::Other,
            }
        }
        _ => Space::Other,
    }
}

/// How many components a sample of an image in this colour space has (3 when the space cannot
/// be read): what the size of an image's samples is estimated from.
pub(crate) fn components(doc: &Document, obj: &Object) -> usize {
    match deref(doc, obj) {
        Object::Name(n) => match device(n) {
            Some(Space::Gray) => 1,
            Some(Space::Cmyk) => 4,
            _ => 3,
        },
        Object::Array(a) => {
            let family = a.first().and_then(|o| deref(doc, o).as_name().ok());
            match family {
                Some(b"Indexed" | b"I" | b"Separation" | b"CalGray") => 1,
                Some(b"DeviceN") => {
                    a.get(1).and_then(|o| deref(doc, o).as_array().ok()).map_or(3, Vec::len)
                }
                _ => match of(doc, obj, 0) {
                    Space::Gray => 1,
                    Space::Cmyk => 4,
                    _ => 3,
                },
            }
        }
        _ => 3,
    }
}

/// The fill colour after a colour operator (`g`, `rg`, `k`, `sc`, `scn`), updating the fill
/// space for the operators that set it implicitly.
pub(crate) fn set_fill(op: &[u8], ops: &[Operand], space: &mut Space) -> Option<[u8; 3]> {
    match op {
        b"g" => *space = Space::Gray,
        b"rg" => *space = Space::Rgb,
        b"k" => *space = Space::Cmyk,
        _ => {}
    }
    space.rgb(ops)
}

/// `#rrggbb`.
pub(crate) fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(v: &[f32]) -> Vec<Operand<'static>> {
        v.iter().map(|x| Operand::Num(*x)).collect()
    }

    #[test]
    fn device_colours_to_rgb() {
        let mut s = Space::Other;
        assert_eq!(set_fill(b"rg", &nums(&[0.851, 0.882, 0.949]), &mut s), Some([217, 225, 242]));
        assert_eq!(s, Space::Rgb);
        assert_eq!(set_fill(b"g", &nums(&[0.5]), &mut s), Some([128, 128, 128]));
        assert_eq!(set_fill(b"k", &nums(&[0.0, 0.0, 1.0, 0.0]), &mut s), Some([255, 255, 0]));
        // `sc` reads its components in the current space (CMYK after `k`).
        assert_eq!(set_fill(b"sc", &nums(&[0.0, 0.0, 0.0, 1.0]), &mut s), Some([0, 0, 0]));
        assert_eq!(set_fill(b"sc", &nums(&[0.2]), &mut s), None, "wrong component count");
        let mut other = Space::Other;
        assert_eq!(set_fill(b"scn", &nums(&[0.2]), &mut other), None);
        assert_eq!(hex([217, 225, 242]), "#d9e1f2");
    }
}
