//! The locale files in `assets/locales`, shared with the UI. The core uses them
//! for what it writes itself: the PDF report and the CLI's messages.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::workshop::Language;

const ES: &str = include_str!("../../../assets/locales/es.json");
const EN: &str = include_str!("../../../assets/locales/en.json");
const PT: &str = include_str!("../../../assets/locales/pt.json");
const FR: &str = include_str!("../../../assets/locales/fr.json");

/// Flattened `a.b.c` → text. A file that fails to parse counts as empty, so the
/// fallback chain still gives Spanish; the tests prove every shipped file parses.
fn table(language: Language) -> &'static BTreeMap<String, String> {
    static TABLES: OnceLock<[BTreeMap<String, String>; 4]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| [flatten(ES), flatten(EN), flatten(PT), flatten(FR)]);
    match language {
        Language::Es => &tables[0],
        Language::En => &tables[1],
        Language::Pt => &tables[2],
        Language::Fr => &tables[3],
    }
}

fn flatten(json: &str) -> BTreeMap<String, String> {
    fn walk(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            Value::String(s) => {
                out.insert(prefix.to_string(), s.clone());
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    if let Ok(v) = serde_json::from_str::<Value>(json) {
        walk("", &v, &mut out);
    }
    out
}

/// The text for `key` in `language`, else English, else Spanish, else the key itself
/// (a visible key is easier to report than a blank).
pub fn text(language: Language, key: &str) -> String {
    [language, Language::En, Language::Es]
        .into_iter()
        .find_map(|l| table(l).get(key))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// `text` with `{name}` placeholders filled.
pub fn format(language: Language, key: &str, params: &[(&str, &str)]) -> String {
    let mut s = text(language, key);
    for (name, value) in params {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_file_parses_and_spanish_and_english_are_complete() {
        for json in [ES, EN, PT, FR] {
            assert!(serde_json::from_str::<Value>(json).is_ok());
        }
        let es = table(Language::Es);
        let en = table(Language::En);
        let missing: Vec<_> = es.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "English lacks {missing:?}");
        assert!(es.len() > 50);
    }

    #[test]
    fn placeholders_are_filled() {
        let s = format(
            Language::En,
            "report.page",
            &[("page", "2"), ("pages", "5")],
        );
        assert!(
            s.contains('2') && s.contains('5') && !s.contains('{'),
            "{s}"
        );
    }

    #[test]
    fn an_unknown_key_shows_itself() {
        assert_eq!(text(Language::Fr, "no.such.key"), "no.such.key");
    }
}
