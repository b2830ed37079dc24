//! QR codes for joining: the server's URL (the PIN pre-filled) and the hotspot's
//! Wi-Fi credentials, drawn on the projector and printed on the join card.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::{Error, Result};

fn code(text: &str) -> Result<QrCode> {
    // Medium correction: still readable from a projected, slightly blurred image.
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| {
        Error::InvalidInput {
            detail: format!("no QR code for this text: {e}"),
        }
    })
}

/// An SVG image of the code, black on white with its quiet zone.
pub fn svg(text: &str) -> Result<String> {
    Ok(code(text)?
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

/// The modules, row by row (`true` is dark), without the quiet zone: for drawing in a PDF.
pub fn modules(text: &str) -> Result<Vec<Vec<bool>>> {
    let code = code(text)?;
    let width = code.width();
    let colors = code.to_colors();
    Ok(colors
        .chunks(width)
        .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
        .collect())
}

/// The text phones read to join a Wi-Fi network (WPA; the same format every
/// phone camera understands). Special characters are escaped as the format asks.
pub fn wifi(ssid: &str, password: &str) -> String {
    let escape = |s: &str| {
        s.chars()
            .flat_map(|c| match c {
                '\\' | ';' | ',' | ':' | '"' => vec!['\\', c],
                c => vec![c],
            })
            .collect::<String>()
    };
    if password.is_empty() {
        format!("WIFI:T:nopass;S:{};;", escape(ssid))
    } else {
        format!("WIFI:T:WPA;S:{};P:{};;", escape(ssid), escape(password))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_becomes_a_square_code_and_an_svg() {
        let m = modules("http://192.168.137.1:8080/?pin=482913").unwrap();
        assert!(m.len() >= 21 && m.iter().all(|r| r.len() == m.len()));
        // Finder pattern: the top-left corner is dark.
        assert!(m[0][0]);
        assert!(
            svg("http://192.168.137.1:8080/")
                .unwrap()
                .starts_with("<?xml")
        );
    }

    #[test]
    fn wifi_credentials_are_escaped() {
        assert_eq!(
            wifi("Taller;Ñuble", "a:b"),
            "WIFI:T:WPA;S:Taller\\;Ñuble;P:a\\:b;;"
        );
        assert_eq!(wifi("Municipio", ""), "WIFI:T:nopass;S:Municipio;;");
    }
}
