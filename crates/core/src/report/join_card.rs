//! The printable join card: how a participant gets from the room to the ballot —
//! the hotspot's Wi-Fi (a QR code phone cameras read, and the name and password
//! typed), the server's address (QR and typed) and the PIN, in large print.

use crate::workshop::Language;
use crate::{Result, locale, qr};

use super::layout::{self, Block};

/// The hotspot the facilitator typed in.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Wifi {
    pub ssid: String,
    pub password: String,
}

pub fn blocks(
    title: &str,
    url: &str,
    pin: &str,
    wifi: Option<&Wifi>,
    language: Language,
) -> Result<Vec<Block>> {
    let t = |key: &str| locale::text(language, key);
    let mut out = vec![
        Block::Title(t("card.title")),
        Block::Paragraph(title.to_string()),
    ];
    if let Some(w) = wifi.filter(|w| !w.ssid.trim().is_empty()) {
        out.push(Block::Heading(locale::format(
            language,
            "card.wifi",
            &[("ssid", w.ssid.trim())],
        )));
        if !w.password.is_empty() {
            out.push(Block::Paragraph(locale::format(
                language,
                "card.password",
                &[("password", &w.password)],
            )));
        }
        out.push(Block::Qr {
            modules: qr::modules(&qr::wifi(w.ssid.trim(), &w.password))?,
            size_mm: 45.0,
        });
    }
    out.push(Block::Heading(t("card.open")));
    out.push(Block::Qr {
        modules: qr::modules(url)?,
        size_mm: 55.0,
    });
    out.push(Block::Paragraph(url.to_string()));
    out.push(Block::Heading(t("card.pin")));
    out.push(Block::Title(pin.to_string()));
    out.push(Block::Paragraph(t("card.no_internet")));
    Ok(out)
}

/// The card as PDF bytes.
pub fn pdf(
    title: &str,
    url: &str,
    pin: &str,
    wifi: Option<&Wifi>,
    language: Language,
    now_unix: i64,
) -> Result<layout::Rendered> {
    super::render_plain(
        locale::text(language, "card.title"),
        &blocks(title, url, pin, wifi, language)?,
        language,
        now_unix,
    )
}
