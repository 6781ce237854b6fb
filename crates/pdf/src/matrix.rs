//! Affine matrices in PDF's row-vector convention: `[a b c d e f]`, `p' = p × M`.

pub(crate) type Matrix = [f32; 6];

pub(crate) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m1 × m2`: apply `m1`, then `m2`.
pub(crate) fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

pub(crate) fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// The factor by which the matrix scales lengths (geometric mean of its axes).
pub(crate) fn scale(m: &Matrix) -> f32 {
    (m[0] * m[3] - m[1] * m[2]).abs().sqrt()
}

pub(crate) fn is_finite(m: &Matrix) -> bool {
    m.iter().all(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiplies_in_pdf_order() {
        let t = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        let s = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        // translate then scale
        assert_eq!(apply(&mul(&t, &s), 1.0, 1.0), (22.0, 42.0));
        assert_eq!(apply(&mul(&s, &t), 1.0, 1.0), (12.0, 22.0));
        assert_eq!(scale(&s), 2.0);
    }
}
