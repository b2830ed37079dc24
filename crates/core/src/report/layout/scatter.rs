//! The scatter chart: numbered points on two axes that start at 0, a dashed cut on
//! each axis, and the four quadrants the cuts make, named in their corners. The
//! Vester matrix is read this way (passive sum across, active sum up).

use super::{
    BAR_FILL, CHART_SIZE, Drawing, Faces, Geometry, Ink, Item, LayoutError, PT_PER_MM, Style,
    format_value,
};

#[derive(Debug, Clone, PartialEq)]
pub struct Scatter {
    /// What each axis measures, written at its far end.
    pub x_title: String,
    pub y_title: String,
    /// Where the cut lines cross each axis.
    pub x_cut: f64,
    pub y_cut: f64,
    /// The quadrants' names: top left, top right, bottom left, bottom right.
    pub corners: [String; 4],
    /// `(label, x, y)`, values 0 or more. Points at the same place share one dot.
    pub points: Vec<(String, f64, f64)>,
}

const PLOT_W_MM: f32 = 130.0;
const PLOT_H_MM: f32 = 90.0;
const DOT_R: f32 = 3.2;
const TICK: f32 = 2.5;
const INSET: f32 = 4.0;
const AXIS_INK: Ink = Ink::Grey(0.0);
const GRID_INK: Ink = Ink::Grey(0.85);
const CUT_INK: Ink = Ink::Grey(0.35);
const NAME_INK: Ink = Ink::Grey(0.3);

/// A round top for an axis and its step: the first multiple of a whole 1-2-5 step
/// above `largest` that takes at most ten steps, so every tick is a round number
/// and the highest point stays clear of the plot's edge. The values are sums and
/// counts, so steps are whole numbers.
pub(super) fn axis_top(largest: f64) -> (f64, f64) {
    if !largest.is_finite() || largest <= 0.0 {
        return (1.0, 1.0);
    }
    let mut magnitude = 1.0;
    loop {
        for base in [1.0, 2.0, 5.0] {
            let step = base * magnitude;
            let top = ((largest / step).floor() + 1.0) * step;
            if top / step <= 10.0 {
                return (top, step);
            }
        }
        magnitude *= 10.0;
    }
}

/// The plot area in points, with y growing downwards as on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Plot {
    pub left: f32,
    pub top: f32,
    pub w: f32,
    pub h: f32,
    pub x_top: f64,
    pub y_top: f64,
}

impl Plot {
    /// Where the value pair `(x, y)` is drawn: (0, 0) is the bottom-left corner.
    pub fn at(&self, x: f64, y: f64) -> (f32, f32) {
        (
            self.left + (x / self.x_top) as f32 * self.w,
            self.top + self.h - (y / self.y_top) as f32 * self.h,
        )
    }
}

/// Points at the same place as one, their labels joined in input order: two causes
/// with the same sums would otherwise print one number over the other.
pub(super) fn merged(points: &[(String, f64, f64)]) -> Vec<(String, f64, f64)> {
    let mut out: Vec<(String, f64, f64)> = Vec::new();
    for (label, x, y) in points {
        match out.iter_mut().find(|(_, a, b)| a == x && b == y) {
            Some((joined, _, _)) => {
                joined.push_str(", ");
                joined.push_str(label);
            }
            None => out.push((label.clone(), *x, *y)),
        }
    }
    out
}

fn check(label: &str, v: f64) -> Result<(), LayoutError> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(LayoutError::ChartPoint {
            label: label.to_string(),
        })
    }
}

fn text(x: f32, top: f32, style: Style, ink: Ink, text: &str) -> Item {
    Item::Text {
        x,
        baseline: top + style.baseline_offset(),
        style,
        ink,
        text: text.to_string(),
    }
}

fn segment(from: (f32, f32), to: (f32, f32), thickness: f32, ink: Ink, dashed: bool) -> Item {
    Item::Segment {
        from,
        to,
        thickness,
        ink,
        dashed,
    }
}

pub(super) fn draw(chart: &Scatter, faces: &Faces, geo: &Geometry) -> Result<Drawing, LayoutError> {
    for (label, x, y) in &chart.points {
        check(label, *x)?;
        check(label, *y)?;
    }
    check("x cut", chart.x_cut)?;
    check("y cut", chart.y_cut)?;
    let style = Style::new(CHART_SIZE, false);
    let bold = style.with_bold(true);
    let lh = style.line_h();
    let x_most = chart.points.iter().map(|p| p.1).fold(chart.x_cut, f64::max);
    let y_most = chart.points.iter().map(|p| p.2).fold(chart.y_cut, f64::max);
    let (x_top, x_step) = axis_top(x_most);
    let (y_top, y_step) = axis_top(y_most);
    let value = |v: f64| format_value(v, "", geo.decimal_comma);
    let y_ticks: Vec<f64> = (0..=(y_top / y_step).round() as u32)
        .map(|k| f64::from(k) * y_step)
        .collect();
    let x_ticks: Vec<f64> = (0..=(x_top / x_step).round() as u32)
        .map(|k| f64::from(k) * x_step)
        .collect();
    let tick_w = y_ticks
        .iter()
        .map(|v| faces.width(&value(*v), style))
        .fold(0.0, f32::max)
        + TICK
        + 3.0;
    // Room on the right for the horizontal cut's value.
    let cut_w = faces.width(&value(chart.y_cut), style) + 4.0;
    let w = (PLOT_W_MM * PT_PER_MM).min(geo.text_w - tick_w - cut_w);
    let h = PLOT_H_MM * PT_PER_MM;
    let plot = Plot {
        left: ((geo.text_w - w - tick_w - cut_w) / 2.0).max(0.0) + tick_w,
        // The vertical axis's title, then the vertical cut's value, above the plot.
        top: 2.0 * lh + 1.0 * PT_PER_MM,
        w,
        h,
        x_top,
        y_top,
    };
    let (left, top, right, bottom) = (plot.left, plot.top, plot.left + w, plot.top + h);
    let mut items = Vec::new();

    // Faint lines at the ticks, then the axes over them.
    for v in &y_ticks {
        let (_, y) = plot.at(0.0, *v);
        if *v > 0.0 {
            items.push(segment((left, y), (right, y), 0.3, GRID_INK, false));
        }
        items.push(segment((left - TICK, y), (left, y), 0.6, AXIS_INK, false));
        let label = value(*v);
        let x = left - TICK - 2.0 - faces.width(&label, style);
        items.push(text(x, y - lh / 2.0, style, AXIS_INK, &label));
    }
    for v in &x_ticks {
        let (x, _) = plot.at(*v, 0.0);
        if *v > 0.0 {
            items.push(segment((x, top), (x, bottom), 0.3, GRID_INK, false));
        }
        items.push(segment(
            (x, bottom),
            (x, bottom + TICK),
            0.6,
            AXIS_INK,
            false,
        ));
        let label = value(*v);
        let x = x - faces.width(&label, style) / 2.0;
        items.push(text(x, bottom + TICK + 1.0, style, AXIS_INK, &label));
    }
    items.push(segment((left, top), (left, bottom), 0.8, AXIS_INK, false));
    items.push(segment(
        (left, bottom),
        (right, bottom),
        0.8,
        AXIS_INK,
        false,
    ));

    // The cuts, with their values outside the plot so no point hides them.
    let (cut_x, cut_y) = plot.at(chart.x_cut, chart.y_cut);
    items.push(segment((cut_x, top), (cut_x, bottom), 1.0, CUT_INK, true));
    items.push(segment((left, cut_y), (right, cut_y), 1.0, CUT_INK, true));
    let label = value(chart.x_cut);
    let x = cut_x - faces.width(&label, style) / 2.0;
    items.push(text(x, top - lh, style, CUT_INK, &label));
    items.push(text(
        right + 3.0,
        cut_y - lh / 2.0,
        style,
        CUT_INK,
        &value(chart.y_cut),
    ));

    // The quadrants' names in the plot's corners.
    let [top_left, top_right, bottom_left, bottom_right] = &chart.corners;
    let right_of = |name: &str| right - INSET - faces.width(name, bold);
    for (name, x, y) in [
        (top_left, left + INSET, top + INSET),
        (top_right, right_of(top_right), top + INSET),
        (bottom_left, left + INSET, bottom - INSET - lh),
        (bottom_right, right_of(bottom_right), bottom - INSET - lh),
    ] {
        items.push(text(x, y, bold, NAME_INK, name));
    }

    let (r, g, b) = BAR_FILL;
    for (label, x, y) in merged(&chart.points) {
        let at = plot.at(x, y);
        items.push(Item::Disc {
            at,
            r: DOT_R,
            ink: Ink::Rgb(r, g, b),
        });
        // The label goes right of its dot, or left of it at the plot's right edge.
        let label_w = faces.width(&label, bold);
        let x = if at.0 + DOT_R + 2.0 + label_w <= geo.text_w {
            at.0 + DOT_R + 2.0
        } else {
            at.0 - DOT_R - 2.0 - label_w
        };
        items.push(text(x, at.1 - lh / 2.0, bold, AXIS_INK, &label));
    }

    // Axis titles: the vertical one above its axis, the horizontal one below its end.
    items.push(text(
        (left - tick_w).max(0.0),
        0.0,
        bold,
        AXIS_INK,
        &format!("↑ {}", chart.y_title),
    ));
    let x_title = format!("{} →", chart.x_title);
    let below = bottom + TICK + 1.0 + lh;
    items.push(text(
        (right - faces.width(&x_title, bold)).max(0.0),
        below,
        bold,
        AXIS_INK,
        &x_title,
    ));
    Ok(Drawing {
        items,
        height: below + lh,
    })
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

    fn plot() -> Plot {
        Plot {
            left: 50.0,
            top: 20.0,
            w: 300.0,
            h: 200.0,
            x_top: 15.0,
            y_top: 10.0,
        }
    }

    fn close(a: (f32, f32), b: (f32, f32)) -> bool {
        (a.0 - b.0).abs() < 1e-3 && (a.1 - b.1).abs() < 1e-3
    }

    #[test]
    fn axes_end_on_a_round_number_above_the_largest_value() {
        assert_eq!(axis_top(0.0), (1.0, 1.0));
        assert_eq!(axis_top(0.4), (1.0, 1.0));
        assert_eq!(axis_top(7.0), (8.0, 1.0));
        assert_eq!(axis_top(9.0), (10.0, 1.0));
        assert_eq!(axis_top(10.0), (12.0, 2.0));
        assert_eq!(axis_top(11.0), (12.0, 2.0));
        assert_eq!(axis_top(15.0), (16.0, 2.0));
        assert_eq!(axis_top(27.0), (30.0, 5.0));
        assert_eq!(axis_top(640.0), (700.0, 100.0));
        assert_eq!(axis_top(f64::INFINITY), (1.0, 1.0));
    }

    #[test]
    fn zero_is_the_bottom_left_corner_and_the_tops_the_top_right() {
        let p = plot();
        assert!(close(p.at(0.0, 0.0), (50.0, 220.0)));
        assert!(close(p.at(15.0, 10.0), (350.0, 20.0)));
    }

    #[test]
    fn values_are_placed_in_proportion_and_up_means_more() {
        let p = plot();
        // Passive 6 of 15 across, active 9 of 10 up.
        assert!(close(p.at(6.0, 9.0), (50.0 + 120.0, 220.0 - 180.0)));
        let (_, low) = p.at(0.0, 2.0);
        let (_, high) = p.at(0.0, 8.0);
        assert!(high < low, "a larger value is drawn higher on the page");
    }

    #[test]
    fn points_at_the_same_place_share_a_dot() {
        let points = vec![
            ("1".to_string(), 5.0, 9.0),
            ("2".to_string(), 3.0, 3.0),
            ("3".to_string(), 5.0, 9.0),
        ];
        assert_eq!(
            merged(&points),
            vec![("1, 3".to_string(), 5.0, 9.0), ("2".to_string(), 3.0, 3.0)]
        );
    }

    fn chart(points: Vec<(String, f64, f64)>) -> Scatter {
        Scatter {
            x_title: "Pasiva".into(),
            y_title: "Activa".into(),
            x_cut: 6.5,
            y_cut: 6.5,
            corners: [
                "Activas".into(),
                "Críticas".into(),
                "Indiferentes".into(),
                "Pasivas".into(),
            ],
            points,
        }
    }

    #[test]
    fn every_dot_sits_at_its_values_inside_the_text_area() {
        let geo = Geometry::new(false, true);
        let points = vec![
            ("1".to_string(), 1.0, 9.0),
            ("2".to_string(), 11.0, 7.0),
            ("3".to_string(), 0.0, 0.0),
            ("4".to_string(), 11.0, 7.0),
        ];
        let drawing = draw(&chart(points), &faces(), &geo).unwrap();
        let dots: Vec<(f32, f32)> = drawing
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Disc { at, .. } => Some(*at),
                _ => None,
            })
            .collect();
        assert_eq!(dots.len(), 3, "two causes share a place");
        // 1 is high and left, 2 low and right, 3 at the origin.
        assert!(dots[0].0 < dots[1].0 && dots[0].1 < dots[1].1);
        assert!(dots[2].0 < dots[0].0 && dots[2].1 > dots[1].1);
        for item in &drawing.items {
            let xs: Vec<f32> = match item {
                Item::Disc { at, r, .. } => vec![at.0 - r, at.0 + r],
                Item::Segment { from, to, .. } => vec![from.0, to.0],
                Item::Text { x, .. } => vec![*x],
                _ => Vec::new(),
            };
            for x in xs {
                assert!((0.0..=geo.text_w).contains(&x), "{item:?}");
            }
        }
        let texts: Vec<&str> = drawing
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for expected in ["2, 4", "Críticas", "6,5", "↑ Activa", "Pasiva →", "12"] {
            assert!(texts.contains(&expected), "{expected:?} in {texts:?}");
        }
    }

    #[test]
    fn the_cuts_cross_where_the_threshold_is() {
        let geo = Geometry::new(false, false);
        let drawing = draw(&chart(vec![("1".into(), 12.0, 12.0)]), &faces(), &geo).unwrap();
        let dashed: Vec<((f32, f32), (f32, f32))> = drawing
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Segment {
                    from,
                    to,
                    dashed: true,
                    ..
                } => Some((*from, *to)),
                _ => None,
            })
            .collect();
        let [(v_from, v_to), (h_from, h_to)] = dashed[..] else {
            panic!("two cut lines: {dashed:?}")
        };
        // Axes run to 14 in steps of 2: the cut at 6.5 is 6.5/14 of the way.
        let across = (v_from.0 - h_from.0) / (h_to.0 - h_from.0);
        let up = (v_to.1 - h_from.1) / (v_to.1 - v_from.1);
        assert!((across - 6.5 / 14.0).abs() < 1e-4, "{across}");
        assert!((up - 6.5 / 14.0).abs() < 1e-4, "{up}");
    }

    #[test]
    fn a_negative_or_missing_value_is_refused() {
        let geo = Geometry::new(false, false);
        let bad = chart(vec![("7".into(), -1.0, 2.0)]);
        assert!(matches!(
            draw(&bad, &faces(), &geo),
            Err(LayoutError::ChartPoint { label }) if label == "7"
        ));
        let nan = chart(vec![("8".into(), 1.0, f64::NAN)]);
        assert!(draw(&nan, &faces(), &geo).is_err());
    }
}
