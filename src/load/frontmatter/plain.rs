//! What an unquoted YAML scalar is when its type matters: null, a boolean, a number or text,
//! by the YAML 1.2 core schema (the rules serde_norway applied before, kept as they were).

use serde::de::Unexpected;

/// A plain YAML scalar, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Scalar<'t> {
    /// Nothing, `~` or `null`.
    Null,
    /// `true` or `false` (also capitalised or in capitals).
    Bool(bool),
    /// A whole number from 0 up.
    Unsigned(u64),
    /// A negative whole number.
    Signed(i64),
    /// A number with a fraction or an exponent, `.inf` or `.nan`.
    Float(f64),
    /// Anything else.
    Text(&'t str),
}

impl Scalar<'_> {
    /// How serde names the scalar in a type error ("invalid type: string \"yes\", ...").
    pub(super) fn unexpected(&self) -> Unexpected<'_> {
        match *self {
            Scalar::Null => Unexpected::Unit,
            Scalar::Bool(b) => Unexpected::Bool(b),
            Scalar::Unsigned(n) => Unexpected::Unsigned(n),
            Scalar::Signed(n) => Unexpected::Signed(n),
            Scalar::Float(f) => Unexpected::Float(f),
            Scalar::Text(text) => Unexpected::Str(text),
        }
    }
}

/// Types the plain scalar `text`.
pub(super) fn resolve(text: &str) -> Scalar<'_> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
        "true" | "True" | "TRUE" => return Scalar::Bool(true),
        "false" | "False" | "FALSE" => return Scalar::Bool(false),
        _ => {}
    }
    if let Some(n) = integer(text) {
        return n;
    }
    match float(text) {
        Some(f) if !leading_zero(text) => Scalar::Float(f),
        _ => Scalar::Text(text),
    }
}

/// `12`, `-3`, `+7`, `0x1F`, `-0o17`, `0b101`; not `007`, which YAML 1.2 reads as text.
fn integer(text: &str) -> Option<Scalar<'_>> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = [("0x", 16), ("0o", 8), ("0b", 2)]
        .into_iter()
        .find_map(|(prefix, radix)| unsigned.strip_prefix(prefix).map(|d| (radix, d)))
        .unwrap_or((10, unsigned));
    let plain_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_alphanumeric());
    if !plain_digits || (radix == 10 && leading_zero(text)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if !negative {
        return Some(Scalar::Unsigned(magnitude));
    }
    0i64.checked_sub_unsigned(magnitude).map(Scalar::Signed)
}

/// `1.5`, `-2e3`, `.inf`, `-.Inf`, `.nan`; not Rust's own spellings of infinity.
fn float(text: &str) -> Option<f64> {
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    let number = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    number.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Digits after a leading zero (`007`, `-01`): text to YAML 1.2, not a number.
fn leading_zero(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_are_typed_as_yaml_1_2_reads_them() {
        assert_eq!(resolve(""), Scalar::Null);
        assert_eq!(resolve("~"), Scalar::Null);
        assert_eq!(resolve("True"), Scalar::Bool(true));
        assert_eq!(resolve("yes"), Scalar::Text("yes"));
        assert_eq!(resolve("2019"), Scalar::Unsigned(2019));
        assert_eq!(resolve("-3"), Scalar::Signed(-3));
        assert_eq!(resolve("0x1F"), Scalar::Unsigned(31));
        assert_eq!(resolve("-0o17"), Scalar::Signed(-15));
        assert_eq!(resolve("007"), Scalar::Text("007"));
        assert_eq!(resolve("1.5"), Scalar::Float(1.5));
        assert_eq!(resolve("-.inf"), Scalar::Float(f64::NEG_INFINITY));
        assert_eq!(resolve("inf"), Scalar::Text("inf"));
        assert_eq!(resolve("2018-12"), Scalar::Text("2018-12"));
        assert_eq!(resolve("+-1"), Scalar::Text("+-1"));
        assert_eq!(resolve("-9223372036854775808"), Scalar::Signed(i64::MIN));
    }
}
