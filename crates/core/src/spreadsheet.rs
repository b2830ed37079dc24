//! CSV files as spreadsheets save them: UTF-8 with or without a byte-order mark,
//! `;` in Spanish, Portuguese and French locales (where `,` is the decimal mark),
//! headers typed by people in any of the four languages.

use std::path::Path;

use crate::{Error, Result};

/// Reads the file's text: UTF-8 with or without a byte-order mark.
pub fn text(bytes: &[u8]) -> Result<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| Error::CsvHeader {
        detail: "the file is not UTF-8 text (save it as “CSV UTF-8”)".into(),
    })
}

/// Spreadsheets in Spanish locales write `;` because `,` is their decimal mark.
pub fn delimiter(header: &str) -> u8 {
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// A reader over the text with the delimiter its header line uses; fields trimmed,
/// rows of any length (a short row is reported by the caller, not a parse error).
pub fn reader(text: &str) -> csv::Reader<&[u8]> {
    let header_line = text.lines().next().unwrap_or_default();
    csv::ReaderBuilder::new()
        .delimiter(delimiter(header_line))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

/// The header's columns as `from_header` names them (`None`: a column to ignore);
/// a column named twice is refused, since either copy could be the one meant.
pub fn columns<C: Copy + PartialEq>(
    reader: &mut csv::Reader<&[u8]>,
    from_header: impl Fn(&str) -> Option<C>,
) -> Result<Vec<Option<C>>> {
    let headers = reader.headers().map_err(|e| Error::CsvHeader {
        detail: e.to_string(),
    })?;
    let mut columns = Vec::new();
    for h in headers.iter() {
        match from_header(h) {
            Some(c) if columns.contains(&Some(c)) => {
                return Err(Error::CsvHeader {
                    detail: format!("the column {h:?} appears twice"),
                });
            }
            c => columns.push(c),
        }
    }
    Ok(columns)
}

/// Lowercase without accents, for matching words typed by people.
pub fn fold(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '_' => ' ',
            c => c,
        })
        .collect::<String>()
        .replace("  ", " ")
}

/// The file's bytes, refusing one above `limit` before reading it.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path.display(), e))?
        .len();
    if size > limit {
        return Err(Error::CsvHeader {
            detail: format!("the file is too large ({size} bytes; the limit is {limit})"),
        });
    }
    std::fs::read(path).map_err(|e| Error::io(path.display(), e))
}

/// The line of a record in the file (the header is line 1).
pub fn line_of(record: &std::result::Result<csv::StringRecord, csv::Error>, index: usize) -> u64 {
    record
        .as_ref()
        .ok()
        .and_then(|r| r.position().map(|p| p.line()))
        .unwrap_or(index as u64 + 2)
}
