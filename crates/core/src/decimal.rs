//! Numbers as people type them: `12,5` in Spanish, Portuguese and French, `12.5` in
//! English, thousands marks in either (`1.234,5`, `1,234.5`), and the spellings of
//! "not available" that statistical tables use.

use serde::{Deserialize, Serialize};

/// A typed cell of the diagnostic.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Entry {
    /// Not available: the source has no figure for that year. Never read as zero.
    NotAvailable,
    Number(f64),
}

fn is_not_available(folded: &str) -> bool {
    matches!(
        folded,
        "nd" | "n/d"
            | "n.d."
            | "na"
            | "n/a"
            | "n.a."
            | "..."
            | ".."
            | "-"
            | "—"
            | "–"
            | "s/d"
            | "sin dato"
            | "sin datos"
            | "no disponible"
            | "not available"
            | "nao disponivel"
            | "non disponible"
            | "nd."
    )
}

/// `Ok(None)` for an empty cell; `Err(())` when the text is not a number.
#[allow(clippy::result_unit_err)]
pub fn parse(text: &str) -> Result<Option<Entry>, ()> {
    if is_not_available(&crate::spreadsheet::fold(text)) {
        return Ok(Some(Entry::NotAvailable));
    }
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '%'))
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let normalized = match (t.rfind(','), t.rfind('.')) {
        // Both marks: the last one is the decimal mark, the other groups thousands.
        (Some(c), Some(d)) if c > d => t.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => t.replace(',', ""),
        (Some(_), None) if t.matches(',').count() == 1 => t.replace(',', "."),
        (Some(_), None) => return Err(()),
        _ => t,
    };
    if !normalized
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return Err(());
    }
    match normalized.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(Entry::Number(v))),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Result<Option<Entry>, ()> {
        parse(text)
    }

    #[test]
    fn decimal_comma_and_point_read_the_same() {
        assert_eq!(n("12,5"), Ok(Some(Entry::Number(12.5))));
        assert_eq!(n("12.5"), Ok(Some(Entry::Number(12.5))));
        assert_eq!(n(" 7 "), Ok(Some(Entry::Number(7.0))));
        assert_eq!(n("-0,25"), Ok(Some(Entry::Number(-0.25))));
    }

    #[test]
    fn thousands_marks_are_read_by_which_mark_comes_last() {
        assert_eq!(n("1.234,5"), Ok(Some(Entry::Number(1234.5))));
        assert_eq!(n("1,234.5"), Ok(Some(Entry::Number(1234.5))));
        assert_eq!(n("1 234,5"), Ok(Some(Entry::Number(1234.5))));
    }

    #[test]
    fn not_available_is_a_state_and_empty_is_nothing() {
        assert_eq!(n("n/d"), Ok(Some(Entry::NotAvailable)));
        assert_eq!(n("..."), Ok(Some(Entry::NotAvailable)));
        assert_eq!(n("Sin dato"), Ok(Some(Entry::NotAvailable)));
        assert_eq!(n(""), Ok(None));
    }

    #[test]
    fn words_and_broken_numbers_are_refused() {
        assert_eq!(n("doce"), Err(()));
        assert_eq!(n("1,2,3"), Err(()));
        assert_eq!(n("NaN"), Err(()));
        assert_eq!(n("inf"), Err(()));
        assert_eq!(n("1e999"), Err(()));
    }
}
