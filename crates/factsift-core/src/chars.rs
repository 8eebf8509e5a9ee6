//! Character classes that the stages test on every byte of a page.

/// Whether `c` is alphabetic, as [`char::is_alphabetic`] says, answered
/// from ranges for the scripts news dumps carry most besides ASCII (Latin
/// letters with accents, Cyrillic) and for general punctuation (curly
/// quotes, dashes). Elsewhere it asks `char::is_alphabetic`, whose Unicode
/// table search costs about 300 instructions a character: on a dump with
/// Russian pages that was 1.5% of a whole run.
///
/// ```
/// use factsift_core::chars::is_alphabetic;
/// assert!(is_alphabetic('é') && is_alphabetic('ж') && is_alphabetic('中'));
/// assert!(!is_alphabetic('’') && !is_alphabetic('—') && !is_alphabetic('×'));
/// ```
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7f}' | '\u{2000}'..='\u{206f}' | '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is alphanumeric, as [`char::is_alphanumeric`] says, with the
/// fast ranges of [`is_alphabetic`] (none of which holds a numeric
/// character) and ASCII digits.
///
/// ```
/// use factsift_core::chars::is_alphanumeric;
/// assert!(is_alphanumeric('7') && is_alphanumeric('ß') && is_alphanumeric('²'));
/// assert!(!is_alphanumeric('“') && !is_alphanumeric('-'));
/// ```
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        '0'..='9' => true,
        '\0'..='\u{7f}'
        | '\u{2000}'..='\u{206f}'
        | '\u{c0}'..='\u{24f}'
        | '\u{400}'..='\u{481}'
        | '\u{48a}'..='\u{52f}' => is_alphabetic(c),
        _ => c.is_alphanumeric(),
    }
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
