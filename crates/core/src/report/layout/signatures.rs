//! Signature lines: room to sign above a line, and under it who signs (name in
//! bold, then their institution or role), two to a row. A row is one drawing, so
//! a signature is never split from its caption by a page break.

use super::{Drawing, Faces, Geometry, Ink, Item, PT_PER_MM, Style, TABLE_SIZE};

#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub name: String,
    /// Printed under the name: the institution, or the person's role.
    pub detail: String,
}

const PER_ROW: usize = 2;
/// Room for a handwritten signature above the line.
const SIGN_H_MM: f32 = 20.0;
const GAP_MM: f32 = 12.0;
const CAPTION_GAP_MM: f32 = 1.5;
/// Below each row, before the next row's room to sign.
const ROW_GAP_MM: f32 = 4.0;

fn text(x: f32, top: f32, style: Style, text: &str) -> Item {
    Item::Text {
        x,
        baseline: top + style.baseline_offset(),
        style,
        ink: Ink::Grey(0.0),
        text: text.to_string(),
    }
}

pub(super) fn draw(signatures: &[Signature], faces: &Faces, geo: &Geometry) -> Vec<Drawing> {
    let style = Style::new(TABLE_SIZE, false);
    let bold = style.with_bold(true);
    let lh = style.line_h();
    let gap = GAP_MM * PT_PER_MM;
    let w = (geo.text_w - (PER_ROW - 1) as f32 * gap) / PER_ROW as f32;
    let line_y = SIGN_H_MM * PT_PER_MM;
    signatures
        .chunks(PER_ROW)
        .map(|row| {
            let mut items = Vec::new();
            let mut bottom = line_y;
            for (k, s) in row.iter().enumerate() {
                let x = k as f32 * (w + gap);
                items.push(Item::Segment {
                    from: (x, line_y),
                    to: (x + w, line_y),
                    thickness: 0.8,
                    ink: Ink::Grey(0.0),
                    dashed: false,
                });
                let mut y = line_y + CAPTION_GAP_MM * PT_PER_MM;
                for line in faces.wrap(&s.name, bold, w) {
                    items.push(text(x, y, bold, &line));
                    y += lh;
                }
                if !s.detail.trim().is_empty() {
                    for line in faces.wrap(&s.detail, style, w) {
                        items.push(text(x, y, style, &line));
                        y += lh;
                    }
                }
                bottom = bottom.max(y);
            }
            Drawing {
                items,
                height: bottom + ROW_GAP_MM * PT_PER_MM,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Face;
    use super::*;

    fn faces() -> Faces {
        let regular = include_bytes!("../../../../../assets/fonts/DejaVuSans.ttf");
        let bold = include_bytes!("../../../../../assets/fonts/DejaVuSans-Bold.ttf");
        Faces {
            regular: Face::parse(regular, "regular").unwrap(),
            bold: Face::parse(bold, "bold").unwrap(),
        }
    }

    fn signature(name: &str, detail: &str) -> Signature {
        Signature {
            name: name.into(),
            detail: detail.into(),
        }
    }

    fn lines(d: &Drawing) -> Vec<((f32, f32), (f32, f32))> {
        d.items
            .iter()
            .filter_map(|i| match i {
                Item::Segment { from, to, .. } => Some((*from, *to)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn signatures_go_two_to_a_row_each_with_its_line_inside_the_text_width() {
        let geo = Geometry::new(false, false);
        let rows = draw(
            &[
                signature("Begoña Núñez", "Municipalidad de Quirihue"),
                signature("José Muñoz", "SECPLAN"),
                signature("Marcela Tapia", "Facilitadora"),
            ],
            &faces(),
            &geo,
        );
        assert_eq!(rows.len(), 2);
        let first = lines(&rows[0]);
        assert_eq!(first.len(), 2);
        assert!(first[0].1.0 < first[1].0.0, "side by side, apart");
        assert!(first[1].1.0 <= geo.text_w + 1e-3);
        assert_eq!(lines(&rows[1]).len(), 1);
    }

    #[test]
    fn the_caption_sits_under_the_line_and_a_long_one_makes_the_row_taller() {
        let geo = Geometry::new(false, false);
        let short = draw(&[signature("Ana", "ILPES")], &faces(), &geo);
        let long_detail = "Asociación de Municipios del Valle del Itata, Región de Ñuble".repeat(3);
        let long = draw(&[signature("Ana", &long_detail)], &faces(), &geo);
        assert!(long[0].height > short[0].height + TABLE_SIZE);
        let line_y = lines(&short[0])[0].0.1;
        for item in &short[0].items {
            if let Item::Text { baseline, .. } = item {
                assert!(*baseline > line_y);
            }
        }
    }
}
