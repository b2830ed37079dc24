//! Rows of boxed texts from top to bottom, each titled on the left: the problem tree
//! (effects, the problem, its causes, their roots). An arrow goes up from a row to
//! the one above it, the way causes lead to what they cause.

use super::{Drawing, Faces, Geometry, Ink, Item, PT_PER_MM, Style, TABLE_SIZE};

#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub title: String,
    /// One box per text; a row with none shows only its title.
    pub boxes: Vec<String>,
    /// A heavier, shaded frame: the problem itself.
    pub strong: bool,
    /// An arrow from this row up to the row above.
    pub leads_up: bool,
}

const TITLE_W_MM: f32 = 30.0;
/// Boxes side by side; more wrap to another line of boxes.
const PER_LINE: usize = 3;
const PAD_MM: f32 = 2.0;
const GAP_MM: f32 = 3.0;
/// The space between rows, where the arrows are.
const ARROW_GAP_MM: f32 = 8.0;
const SHADE: Ink = Ink::Grey(0.9);

fn text(x: f32, top: f32, style: Style, text: &str) -> Item {
    Item::Text {
        x,
        baseline: top + style.baseline_offset(),
        style,
        ink: Ink::Grey(0.0),
        text: text.to_string(),
    }
}

/// An upward arrow at `x` from `bottom` to `tip`.
fn arrow(x: f32, bottom: f32, tip: f32) -> Vec<Item> {
    let head = 5.0;
    vec![
        Item::Segment {
            from: (x, bottom),
            to: (x, tip + head),
            thickness: 1.2,
            ink: Ink::Grey(0.0),
            dashed: false,
        },
        Item::Triangle {
            corners: [(x, tip), (x - 3.5, tip + head), (x + 3.5, tip + head)],
            ink: Ink::Grey(0.0),
        },
    ]
}

/// One drawing per row, so a tree taller than a page breaks between rows.
pub(super) fn draw(bands: &[Band], faces: &Faces, geo: &Geometry) -> Vec<Drawing> {
    let style = Style::new(TABLE_SIZE, false);
    let bold = style.with_bold(true);
    let lh = style.line_h();
    let (pad, gap) = (PAD_MM * PT_PER_MM, GAP_MM * PT_PER_MM);
    let title_w = TITLE_W_MM * PT_PER_MM;
    let area_x = title_w + gap;
    let area_w = geo.text_w - area_x;
    let arrow_x = area_x + area_w / 2.0;
    bands
        .iter()
        .enumerate()
        .map(|(i, band)| {
            let mut items = Vec::new();
            let mut y = 0.0;
            if i > 0 {
                let space = ARROW_GAP_MM * PT_PER_MM;
                if band.leads_up {
                    items.extend(arrow(arrow_x, space - 1.0, 1.0));
                }
                y = space;
            }
            let title = faces.wrap(&band.title, bold, title_w);
            for (n, line) in title.iter().enumerate() {
                items.push(text(0.0, y + pad + n as f32 * lh, bold, line));
            }
            let per_line = band.boxes.len().clamp(1, PER_LINE);
            let box_w = (area_w - (per_line - 1) as f32 * gap) / per_line as f32;
            let mut bottom = y + 2.0 * pad + title.len() as f32 * lh;
            for (row, chunk) in band.boxes.chunks(PER_LINE).enumerate() {
                if row > 0 {
                    y += gap;
                }
                let wrapped: Vec<Vec<String>> = chunk
                    .iter()
                    .map(|t| faces.wrap(t, style, box_w - 2.0 * pad))
                    .collect();
                let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
                let h = lines as f32 * lh + 2.0 * pad;
                // A short last line of boxes is centred under the full ones.
                let indent = (per_line - chunk.len()) as f32 * (box_w + gap) / 2.0;
                for (k, lines) in wrapped.iter().enumerate() {
                    let x = area_x + indent + k as f32 * (box_w + gap);
                    items.push(Item::Frame {
                        x,
                        y,
                        w: box_w,
                        h,
                        thickness: if band.strong { 1.6 } else { 0.7 },
                        fill: band.strong.then_some(SHADE),
                    });
                    for (n, line) in lines.iter().enumerate() {
                        let centred = x + (box_w - faces.width(line, style)) / 2.0;
                        items.push(text(centred, y + pad + n as f32 * lh, style, line));
                    }
                }
                y += h;
                bottom = bottom.max(y);
            }
            Drawing {
                items,
                height: bottom,
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

    fn band(title: &str, boxes: &[&str], leads_up: bool) -> Band {
        Band {
            title: title.into(),
            boxes: boxes.iter().map(|b| b.to_string()).collect(),
            strong: false,
            leads_up,
        }
    }

    fn frames(d: &Drawing) -> Vec<(f32, f32, f32, f32)> {
        d.items
            .iter()
            .filter_map(|i| match i {
                Item::Frame { x, y, w, h, .. } => Some((*x, *y, *w, *h)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn boxes_share_the_width_beside_the_title_and_stay_inside_it() {
        let geo = Geometry::new(false, false);
        let drawings = draw(
            &[band(
                "Causas",
                &[
                    "Distancia a las postas",
                    "Pocas matronas",
                    "Región de Ñuble",
                ],
                false,
            )],
            &faces(),
            &geo,
        );
        let boxes = frames(&drawings[0]);
        assert_eq!(boxes.len(), 3);
        let title_w = TITLE_W_MM * PT_PER_MM;
        for (x, _, w, _) in &boxes {
            assert!(*x > title_w && x + w <= geo.text_w + 1e-3, "{x} {w}");
        }
        assert!((boxes[0].2 - boxes[2].2).abs() < 1e-3, "equal widths");
        assert!(boxes[0].0 + boxes[0].2 < boxes[1].0, "side by side");
    }

    #[test]
    fn a_fourth_box_starts_a_new_line_centred_under_the_others() {
        let geo = Geometry::new(false, false);
        let drawings = draw(
            &[band("Causas", &["a", "b", "c", "d"], false)],
            &faces(),
            &geo,
        );
        let boxes = frames(&drawings[0]);
        assert_eq!(boxes.len(), 4);
        assert!(boxes[3].1 > boxes[0].1 + boxes[0].3, "below the first line");
        let middle = |b: (f32, f32, f32, f32)| b.0 + b.2 / 2.0;
        assert!((middle(boxes[3]) - middle(boxes[1])).abs() < 1e-3);
        assert!(drawings[0].height >= boxes[3].1 + boxes[3].3);
    }

    #[test]
    fn only_a_row_that_leads_up_gets_an_arrow_and_it_points_up() {
        let geo = Geometry::new(false, false);
        let drawings = draw(
            &[
                band("Efectos", &["Abandono escolar"], false),
                band("Problema", &["Meta 5.B"], true),
                band("Al margen", &["Registro incompleto"], false),
            ],
            &faces(),
            &geo,
        );
        let tips: Vec<Vec<[(f32, f32); 3]>> = drawings
            .iter()
            .map(|d| {
                d.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Triangle { corners, .. } => Some(*corners),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        assert!(tips[0].is_empty() && tips[2].is_empty());
        let [tip, left, right] = tips[1][0];
        assert!(tip.1 < left.1 && tip.1 < right.1, "the tip is on top");
        // The arrow sits in the gap above the row's first box.
        let first_box = frames(&drawings[1])[0];
        assert!(left.1 <= first_box.1);
    }

    #[test]
    fn long_texts_wrap_inside_their_box_and_make_the_row_taller() {
        let geo = Geometry::new(false, false);
        let short = draw(&[band("Causas", &["corta"], false)], &faces(), &geo);
        let long_text =
            "Sistema de información de salud débil: registros incompletos entre comunas \
                         del secano y sin datos por edad ni por territorio"
                .repeat(2);
        let long = draw(&[band("Causas", &[&long_text], false)], &faces(), &geo);
        assert!(long[0].height > short[0].height + 2.0 * TABLE_SIZE);
        let (x, _, w, _) = frames(&long[0])[0];
        for item in &long[0].items {
            if let Item::Text {
                x: tx, text, style, ..
            } = item
                && !style.bold
            {
                assert!(*tx >= x && tx + faces().width(text, *style) <= x + w + 1e-3);
            }
        }
    }
}
