//! Character classes that the stages test on every byte of a page.

/// Whether `c` is alphabetic, as [`char::is_alphabetic`] says, answered
/// from ranges for the scripts news pages carry most besides ASCII (Latin
/// letters with accents, Cyrillic) and for the symbols they are set with
/// (dashes, curly quotes, currency signs, arrows, CJK punctuation).
/// Elsewhere it asks `char::is_alphabetic`, whose Unicode table search costs
/// about 300 instructions a character: on a dump with Russian pages that
/// was 1.5% of a whole run.
///
/// ```
/// use factsift_core::chars::is_alphabetic;
/// assert!(is_alphabetic('é') && is_alphabetic('ж') && is_alphabetic('中'));
/// assert!(!is_alphabetic('’') && !is_alphabetic('—') && !is_alphabetic('×'));
/// ```
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match fast_class(c) {
        Some(Class::Letter) => true,
        Some(Class::Digit | Class::Other) => false,
        None => c.is_alphabetic(),
    }
}

/// Whether `c` is alphanumeric, as [`char::is_alphanumeric`] says, with the
/// fast ranges of [`is_alphabetic`].
///
/// ```
/// use factsift_core::chars::is_alphanumeric;
/// assert!(is_alphanumeric('7') && is_alphanumeric('ß') && is_alphanumeric('²'));
/// assert!(!is_alphanumeric('“') && !is_alphanumeric('-'));
/// ```
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match fast_class(c) {
        Some(Class::Letter | Class::Digit) => true,
        Some(Class::Other) => false,
        None => c.is_alphanumeric(),
    }
}

enum Class {
    Letter,
    Digit,
    Other,
}

/// The class of `c` where a range tells it without Unicode tables.
#[inline]
fn fast_class(c: char) -> Option<Class> {
    Some(match c as u32 {
        0x61..=0x7a | 0x41..=0x5a => Class::Letter,
        0x30..=0x39 => Class::Digit,
        0..=0x7f => Class::Other,
        // Latin-1 letters, Latin Extended-A/B and IPA (less × and ÷).
        0xc0..=0xd6 | 0xd8..=0xf6 | 0xf8..=0x2af => Class::Letter,
        // Cyrillic letters (less the thousands sign and combining marks).
        0x400..=0x481 | 0x48a..=0x52f => Class::Letter,
        // General punctuation (dashes, curly quotes, spaces), currency
        // signs, arrows and math operators, CJK and fullwidth punctuation.
        0x2000..=0x206f | 0x20a0..=0x20cf | 0x2190..=0x23ff | 0x3000..=0x3004 | 0xff01..=0xff0f => {
            Class::Other
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std_on_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
