//! Page layout for printed reports, on top of printpdf's low-level operations.
//!
//! printpdf 0.12 only places glyphs where it is told to, so this module measures text
//! with the embedded font's own advances, wraps it, decides page breaks, and only then
//! emits operations — the page count must be known before any footer is written.

mod bands;
mod scatter;
mod signatures;

use printpdf::{
    Color, DateTime, FontId, Greyscale, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};

pub use bands::Band;
pub use scatter::Scatter;
pub use signatures::Signature;

/// Raw TrueType bytes of the two faces every report uses. Both must cover every
/// character the report prints: characters missing from the font render as empty boxes.
#[derive(Debug, Clone, Copy)]
pub struct Fonts<'a> {
    pub regular: &'a [u8],
    pub bold: &'a [u8],
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Large bold title, normally the first block of the cover page.
    Title(String),
    /// Section heading; it is never left alone at the bottom of a page.
    Heading(String),
    /// Body text wrapped to the text width; `\n` forces a line break.
    Paragraph(String),
    /// `label: value` lines with a bold label column and wrapped values.
    KeyValues(Vec<(String, String)>),
    /// Rows split across pages with the header repeated on every page. `inks`
    /// colours cells' text, row by row and cell by cell; missing entries are black.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
        inks: Vec<Vec<Option<Ink>>>,
    },
    /// Horizontal bars scaled to the largest value. Negative values are written but
    /// drawn without a bar, because a single-sided axis cannot show them honestly.
    BarChart {
        rows: Vec<(String, f64)>,
        unit: String,
    },
    /// A QR code (rows of modules, `true` dark), `size_mm` wide, centred, with its quiet zone.
    Qr {
        modules: Vec<Vec<bool>>,
        size_mm: f32,
    },
    /// Numbered points on two axes with a cut on each, naming four quadrants. It is
    /// one picture: never split across pages.
    Scatter(Scatter),
    /// Rows of boxed texts from top to bottom, each row titled (a problem tree).
    Bands(Vec<Band>),
    /// Lines to sign on, two to a row, each with who signs under it.
    Signatures(Vec<Signature>),
    /// Starts a new page unless the current page is still empty.
    PageBreak,
    /// Vertical space in millimetres; it does not carry over to the next page.
    Spacer(f32),
    /// These blocks on A4 pages turned sideways, for tables too wide for a portrait
    /// page. They start on a new page, and what follows starts on another.
    Landscape(Vec<Block>),
}

/// The colour of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ink {
    /// PDF grey level: 0 is black, 1 is white.
    Grey(f32),
    /// Red, green, blue, each 0–1.
    Rgb(f32, f32, f32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Relative weight: the text width is shared in proportion to these.
    pub width: f32,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

pub type FooterFn = Box<dyn Fn(usize, usize) -> String + Send + Sync>;

pub struct DocumentSpec {
    /// Document title in the PDF metadata (not printed).
    pub title: String,
    pub author: String,
    /// Seconds since 1970 (UTC): the document's creation and modification date. printpdf
    /// 0.12.8 always writes the dates as UTC.
    pub created_unix: i64,
    /// `(page, pages)`, both 1-based, to the footer text centred on every page.
    pub footer: FooterFn,
    pub landscape: bool,
    /// Chart values are written `4,5` (Spanish, Portuguese, French) rather than `4.5`.
    pub decimal_comma: bool,
}

#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("the {face} font could not be parsed: {detail}")]
    FontParse { face: &'static str, detail: String },
    #[error("a table needs at least one column")]
    NoColumns,
    #[error("column {index} has width weight {weight}; weights must be finite and positive")]
    ColumnWidth { index: usize, weight: f32 },
    #[error("table row {row} has {cells} cells but the table has {columns} columns")]
    RowLength {
        row: usize,
        cells: usize,
        columns: usize,
    },
    #[error("bar chart value for {label:?} is not a finite number")]
    NonFiniteValue { label: String },
    #[error("chart point {label:?} is not a finite, non-negative value")]
    ChartPoint { label: String },
    #[error("a QR code needs modules and a positive size, not {0} mm")]
    Qr(f32),
    #[error("spacer of {0} mm is not a finite, non-negative length")]
    Spacer(f32),
    #[error("creation time {0} is outside the dates a PDF can hold")]
    Timestamp(i64),
    #[error("printpdf reported an error while writing the file: {detail}")]
    Pdf { detail: String },
}

const PT_PER_MM: f32 = 72.0 / 25.4;
const A4_SHORT_MM: f32 = 210.0;
const A4_LONG_MM: f32 = 297.0;
const MARGIN_SIDE_MM: f32 = 20.0;
const MARGIN_TOP_MM: f32 = 20.0;
// Leaves room below the text area for the footer line.
const MARGIN_BOTTOM_MM: f32 = 22.0;
const FOOTER_BASELINE_MM: f32 = 12.0;

const LINE_FACTOR: f32 = 1.35;
const TITLE: Style = Style::new(22.0, true);
const HEADING: Style = Style::new(14.0, true);
const BODY: Style = Style::new(10.5, false);
// Tables keep the body size: printed reports are read at arm's length, often by older readers.
const TABLE_SIZE: f32 = BODY.size;
const CHART_SIZE: f32 = 9.0;
const FOOTER: Style = Style::new(8.5, false);

const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.0;
const KV_GAP: f32 = 8.0;
const BAR_GAP: f32 = 6.0;
const BAR_ROW_GAP: f32 = 3.0;
// Paul Tol's "bright blue": distinguishable for all common colour-vision deficiencies
// and a mid grey when printed in black and white, so black text next to it stays legible.
const BAR_FILL: (f32, f32, f32) = (68.0 / 255.0, 119.0 / 255.0, 170.0 / 255.0);

#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    size: f32,
    bold: bool,
}

impl Style {
    const fn new(size: f32, bold: bool) -> Self {
        Self { size, bold }
    }

    fn line_h(self) -> f32 {
        self.size * LINE_FACTOR
    }

    fn with_bold(self, bold: bool) -> Self {
        Self { bold, ..self }
    }

    // Centres the cap height in the line box so table rules sit evenly above and below.
    fn baseline_offset(self) -> f32 {
        (self.line_h() + 0.72 * self.size) / 2.0
    }
}

/// A font as printpdf will encode it: one glyph per `char` through the cmap, no
/// kerning or shaping, so summing hmtx advances reproduces the printed width exactly.
struct Face {
    parsed: ParsedFont,
    units_per_em: f32,
}

impl Face {
    fn parse(bytes: &[u8], face: &'static str) -> Result<Self, LayoutError> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| {
            LayoutError::FontParse {
                face,
                detail: warnings
                    .iter()
                    .map(|w| w.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            }
        })?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(LayoutError::FontParse {
                face,
                detail: "units per em is zero".into(),
            });
        }
        Ok(Self {
            parsed,
            units_per_em,
        })
    }

    fn advance(&self, c: char) -> f32 {
        // Unmapped characters are printed as glyph 0, so they are measured as glyph 0.
        let gid = self.parsed.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}

struct Faces {
    regular: Face,
    bold: Face,
}

impl Faces {
    fn get(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    fn width(&self, text: &str, style: Style) -> f32 {
        self.get(style.bold).width(text, style.size)
    }

    /// Greedy word wrap. Words wider than `max_w` are broken between characters, since
    /// long identifiers and URLs otherwise run off the page.
    fn wrap(&self, text: &str, style: Style, max_w: f32) -> Vec<String> {
        let face = self.get(style.bold);
        let space_w = face.width(" ", style.size);
        let mut out = Vec::new();
        for hard_line in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in hard_line.split(is_break_space).filter(|w| !w.is_empty()) {
                let word = printable(word);
                let word_w = face.width(&word, style.size);
                if !line.is_empty() && line_w + space_w + word_w <= max_w {
                    line.push(' ');
                    line.push_str(&word);
                    line_w += space_w + word_w;
                    continue;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if word_w <= max_w {
                    line = word;
                    line_w = word_w;
                    continue;
                }
                for c in word.chars() {
                    let c_w = face.advance(c) * style.size;
                    // Never separate a combining mark from its base letter.
                    if !line.is_empty() && line_w + c_w > max_w && !is_combining(c) {
                        out.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += c_w;
                }
            }
            out.push(line);
        }
        out
    }
}

// Non-breaking spaces are deliberately not break opportunities ("10 km").
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' && c != '\u{2007}'
}

// Text pasted from macOS often arrives decomposed ("n" + U+0303 for "ñ").
fn is_combining(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

// Control characters have no glyph and would print as boxes.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

fn format_value(value: f64, unit: &str, decimal_comma: bool) -> String {
    let mut number = format!("{value:.2}");
    if number.contains('.') {
        let trimmed = number.trim_end_matches('0').trim_end_matches('.').len();
        number.truncate(trimmed);
    }
    if number == "-0" {
        number = "0".into();
    }
    if decimal_comma {
        number = number.replace('.', ",");
    }
    if unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

/// Page geometry in points; `y` in layout items grows downwards from the page top.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    decimal_comma: bool,
    page_w: f32,
    page_h: f32,
    left: f32,
    text_w: f32,
    top: f32,
    content_h: f32,
}

impl Geometry {
    fn new(landscape: bool, decimal_comma: bool) -> Self {
        let (w_mm, h_mm) = if landscape {
            (A4_LONG_MM, A4_SHORT_MM)
        } else {
            (A4_SHORT_MM, A4_LONG_MM)
        };
        Self {
            decimal_comma,
            page_w: w_mm * PT_PER_MM,
            page_h: h_mm * PT_PER_MM,
            left: MARGIN_SIDE_MM * PT_PER_MM,
            text_w: (w_mm - 2.0 * MARGIN_SIDE_MM) * PT_PER_MM,
            top: MARGIN_TOP_MM * PT_PER_MM,
            content_h: (h_mm - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * PT_PER_MM,
        }
    }
}

/// `lightness` is the PDF grey level: 0 is black, 1 is white.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Text {
        x: f32,
        baseline: f32,
        style: Style,
        ink: Ink,
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        thickness: f32,
        lightness: f32,
    },
    Bar {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    /// A black square (a QR module).
    Square {
        x: f32,
        y: f32,
        w: f32,
    },
    /// A straight line between any two points (chart axes, cut lines, arrows).
    Segment {
        from: (f32, f32),
        to: (f32, f32),
        thickness: f32,
        ink: Ink,
        dashed: bool,
    },
    /// A filled circle centred on `at`.
    Disc {
        at: (f32, f32),
        r: f32,
        ink: Ink,
    },
    /// A rectangle's outline, filled first when `fill` is given.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        thickness: f32,
        fill: Option<Ink>,
    },
    /// A filled triangle (an arrowhead).
    Triangle {
        corners: [(f32, f32); 3],
        ink: Ink,
    },
}

impl Item {
    /// The item moved right by `dx` and down by `dy`: drawings are prepared with the
    /// text area's top-left corner at (0, 0) and placed once their page is known.
    fn shifted(self, dx: f32, dy: f32) -> Item {
        let p = |(x, y): (f32, f32)| (x + dx, y + dy);
        match self {
            Item::Text {
                x,
                baseline,
                style,
                ink,
                text,
            } => Item::Text {
                x: x + dx,
                baseline: baseline + dy,
                style,
                ink,
                text,
            },
            Item::Rule {
                x1,
                x2,
                y,
                thickness,
                lightness,
            } => Item::Rule {
                x1: x1 + dx,
                x2: x2 + dx,
                y: y + dy,
                thickness,
                lightness,
            },
            Item::Bar { x, y, w, h } => Item::Bar {
                x: x + dx,
                y: y + dy,
                w,
                h,
            },
            Item::Square { x, y, w } => Item::Square {
                x: x + dx,
                y: y + dy,
                w,
            },
            Item::Segment {
                from,
                to,
                thickness,
                ink,
                dashed,
            } => Item::Segment {
                from: p(from),
                to: p(to),
                thickness,
                ink,
                dashed,
            },
            Item::Disc { at, r, ink } => Item::Disc { at: p(at), r, ink },
            Item::Frame {
                x,
                y,
                w,
                h,
                thickness,
                fill,
            } => Item::Frame {
                x: x + dx,
                y: y + dy,
                w,
                h,
                thickness,
                fill,
            },
            Item::Triangle { corners, ink } => Item::Triangle {
                corners: corners.map(p),
                ink,
            },
        }
    }
}

/// Vector graphics and their labels with the text area's top-left at (0, 0), kept
/// together on one page.
#[derive(Debug, Clone)]
struct Drawing {
    items: Vec<Item>,
    height: f32,
}

#[derive(Debug, Clone)]
struct Cell {
    x: f32,
    width: f32,
    align: Align,
    bold: bool,
    ink: Ink,
    lines: Vec<String>,
}

#[derive(Debug, Clone)]
struct Row {
    cells: Vec<Cell>,
}

impl Row {
    fn line_count(&self) -> usize {
        self.cells.iter().map(|c| c.lines.len()).max().unwrap_or(0)
    }
}

#[derive(Debug, Clone)]
struct Grid {
    header: Option<Row>,
    rows: Vec<Row>,
    style: Style,
    pad_y: f32,
    rules: bool,
    after: f32,
}

impl Grid {
    fn lines_h(&self, lines: usize) -> f32 {
        lines as f32 * self.style.line_h() + 2.0 * self.pad_y
    }

    fn header_h(&self) -> f32 {
        self.header
            .as_ref()
            .map_or(0.0, |h| self.lines_h(h.line_count()))
    }
}

#[derive(Debug, Clone)]
struct BarRow {
    label: Vec<String>,
    value: String,
    len: f32,
}

#[derive(Debug, Clone)]
struct Bars {
    rows: Vec<BarRow>,
    bar_x: f32,
    style: Style,
}

impl Bars {
    fn row_h(&self, row: &BarRow) -> f32 {
        row.label.len().max(1) as f32 * self.style.line_h() + BAR_ROW_GAP
    }

    fn height(&self) -> f32 {
        self.rows.iter().map(|r| self.row_h(r)).sum()
    }
}

#[derive(Debug, Clone)]
enum Prepared {
    Text {
        lines: Vec<String>,
        style: Style,
        before: f32,
        after: f32,
        keep_with_next: bool,
    },
    Grid(Grid),
    Qr {
        modules: Vec<Vec<bool>>,
        size: f32,
    },
    Bars(Bars),
    /// Drawings that share a page when they fit on one (the rows of a tree), then
    /// the space after them.
    Drawings(Vec<Drawing>, f32),
    PageBreak,
    Space(f32),
}

fn prepare(block: &Block, faces: &Faces, geo: &Geometry) -> Result<Prepared, LayoutError> {
    let text =
        |s: &str, style: Style, before: f32, after: f32, keep_with_next: bool| Prepared::Text {
            lines: faces.wrap(s, style, geo.text_w),
            style,
            before,
            after,
            keep_with_next,
        };
    Ok(match block {
        Block::Title(s) => text(s, TITLE, 0.0, 8.0 * PT_PER_MM, true),
        Block::Heading(s) => text(s, HEADING, 5.0 * PT_PER_MM, 2.0 * PT_PER_MM, true),
        Block::Paragraph(s) => text(s, BODY, 0.0, 3.0 * PT_PER_MM, false),
        Block::KeyValues(pairs) => Prepared::Grid(prepare_key_values(pairs, faces, geo)),
        Block::Table {
            columns,
            rows,
            inks,
        } => Prepared::Grid(prepare_table(columns, rows, inks, faces, geo)?),
        Block::BarChart { rows, unit } => Prepared::Bars(prepare_bars(rows, unit, faces, geo)?),
        Block::Qr { modules, size_mm } => {
            if !size_mm.is_finite() || *size_mm <= 0.0 || modules.is_empty() {
                return Err(LayoutError::Qr(*size_mm));
            }
            Prepared::Qr {
                modules: modules.clone(),
                size: (size_mm * PT_PER_MM).min(geo.text_w),
            }
        }
        Block::Scatter(chart) => {
            Prepared::Drawings(vec![scatter::draw(chart, faces, geo)?], 4.0 * PT_PER_MM)
        }
        Block::Bands(bands) => Prepared::Drawings(bands::draw(bands, faces, geo), 4.0 * PT_PER_MM),
        Block::Signatures(list) => {
            Prepared::Drawings(signatures::draw(list, faces, geo), 2.0 * PT_PER_MM)
        }
        Block::PageBreak => Prepared::PageBreak,
        Block::Spacer(mm) => {
            if !mm.is_finite() || *mm < 0.0 {
                return Err(LayoutError::Spacer(*mm));
            }
            Prepared::Space(mm * PT_PER_MM)
        }
        // `sections` lifts these out before anything is prepared.
        Block::Landscape(_) => Prepared::PageBreak,
    })
}

/// Runs of blocks that share an orientation (`true` is landscape), in reading
/// order; a landscape block inside another is already sideways.
fn sections(blocks: &[Block], landscape: bool) -> Vec<(bool, Vec<&Block>)> {
    fn walk<'b>(blocks: &'b [Block], landscape: bool, out: &mut Vec<(bool, Vec<&'b Block>)>) {
        for b in blocks {
            if let Block::Landscape(inner) = b {
                walk(inner, true, out);
                continue;
            }
            match out.last_mut() {
                Some((l, run)) if *l == landscape => run.push(b),
                _ => out.push((landscape, vec![b])),
            }
        }
    }
    let mut out = Vec::new();
    walk(blocks, landscape, &mut out);
    out
}

fn prepare_key_values(pairs: &[(String, String)], faces: &Faces, geo: &Geometry) -> Grid {
    let style = BODY;
    let labels: Vec<String> = pairs.iter().map(|(k, _)| format!("{k}:")).collect();
    let widest = labels
        .iter()
        .map(|l| faces.width(l, style.with_bold(true)))
        .fold(0.0, f32::max);
    let label_w = widest.min(geo.text_w * 0.4);
    let value_x = label_w + KV_GAP;
    let value_w = geo.text_w - value_x;
    let rows = labels
        .iter()
        .zip(pairs)
        .map(|(label, (_, value))| Row {
            cells: vec![
                Cell {
                    x: 0.0,
                    width: label_w,
                    align: Align::Left,
                    bold: true,
                    ink: Ink::Grey(0.0),
                    lines: faces.wrap(label, style.with_bold(true), label_w),
                },
                Cell {
                    x: value_x,
                    width: value_w,
                    align: Align::Left,
                    bold: false,
                    ink: Ink::Grey(0.0),
                    lines: faces.wrap(value, style, value_w),
                },
            ],
        })
        .collect();
    Grid {
        header: None,
        rows,
        style,
        pad_y: 0.5,
        rules: false,
        after: 3.0 * PT_PER_MM,
    }
}

fn prepare_table(
    columns: &[Column],
    rows: &[Vec<String>],
    inks: &[Vec<Option<Ink>>],
    faces: &Faces,
    geo: &Geometry,
) -> Result<Grid, LayoutError> {
    if columns.is_empty() {
        return Err(LayoutError::NoColumns);
    }
    if let Some((index, c)) = columns
        .iter()
        .enumerate()
        .find(|(_, c)| !c.width.is_finite() || c.width <= 0.0)
    {
        return Err(LayoutError::ColumnWidth {
            index,
            weight: c.width,
        });
    }
    if let Some((row, r)) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() != columns.len())
    {
        return Err(LayoutError::RowLength {
            row,
            cells: r.len(),
            columns: columns.len(),
        });
    }
    let total: f32 = columns.iter().map(|c| c.width).sum();
    let mut spans = Vec::with_capacity(columns.len());
    let mut x = 0.0;
    for c in columns {
        let w = geo.text_w * c.width / total;
        spans.push((x, w));
        x += w;
    }
    let style = Style::new(TABLE_SIZE, false);
    let make_row =
        |texts: &mut dyn Iterator<Item = &String>, inks: &[Option<Ink>], bold: bool| Row {
            cells: texts
                .zip(columns.iter().zip(&spans))
                .enumerate()
                .map(|(i, (t, (c, &(x, w))))| {
                    let inner = (w - 2.0 * CELL_PAD_X).max(1.0);
                    Cell {
                        x: x + CELL_PAD_X,
                        width: inner,
                        align: c.align,
                        bold,
                        ink: inks.get(i).copied().flatten().unwrap_or(Ink::Grey(0.0)),
                        lines: faces.wrap(t, style.with_bold(bold), inner),
                    }
                })
                .collect(),
        };
    let header = make_row(&mut columns.iter().map(|c| &c.title), &[], true);
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, r)| make_row(&mut r.iter(), inks.get(i).map_or(&[], Vec::as_slice), false))
        .collect();
    Ok(Grid {
        header: Some(header),
        rows,
        style,
        pad_y: CELL_PAD_Y,
        rules: true,
        after: 4.0 * PT_PER_MM,
    })
}

fn prepare_bars(
    rows: &[(String, f64)],
    unit: &str,
    faces: &Faces,
    geo: &Geometry,
) -> Result<Bars, LayoutError> {
    if let Some((label, _)) = rows.iter().find(|(_, v)| !v.is_finite()) {
        return Err(LayoutError::NonFiniteValue {
            label: label.clone(),
        });
    }
    let style = Style::new(CHART_SIZE, false);
    let widest_label = rows
        .iter()
        .map(|(l, _)| faces.width(l, style))
        .fold(0.0, f32::max);
    let label_w = widest_label.min(geo.text_w * 0.35);
    let values: Vec<String> = rows
        .iter()
        .map(|(_, v)| format_value(*v, unit, geo.decimal_comma))
        .collect();
    let widest_value = values
        .iter()
        .map(|v| faces.width(v, style))
        .fold(0.0, f32::max);
    let bar_x = label_w + BAR_GAP;
    // The value is written after the bar, so the longest bar leaves room for the widest value.
    let bar_max = (geo.text_w - bar_x - BAR_GAP - widest_value).max(0.0);
    let max = rows.iter().map(|(_, v)| *v).fold(0.0, f64::max);
    let rows = rows
        .iter()
        .zip(values)
        .map(|((label, v), value)| BarRow {
            label: faces.wrap(label, style, label_w.max(1.0)),
            value,
            len: if max > 0.0 && *v > 0.0 {
                (v / max) as f32 * bar_max
            } else {
                0.0
            },
        })
        .collect();
    Ok(Bars { rows, bar_x, style })
}

/// How much of what follows a heading must share its page, so the heading never ends
/// a page on its own.
fn lead_height(rest: &[Prepared]) -> f32 {
    match rest.first() {
        Some(Prepared::Text {
            lines,
            style,
            after,
            keep_with_next,
            ..
        }) => {
            if *keep_with_next {
                lines.len() as f32 * style.line_h() + after + lead_height(&rest[1..])
            } else {
                // Two lines, so the paragraph does not start with a lone orphan line.
                lines.len().min(2) as f32 * style.line_h()
            }
        }
        Some(Prepared::Grid(g)) => {
            g.header_h() + g.rows.first().map_or(0.0, |r| g.lines_h(r.line_count()))
        }
        Some(Prepared::Bars(b)) => b.height(),
        // Drawings that fit on one page move to the next page together, so the
        // heading must go with all of them.
        Some(Prepared::Drawings(d, _)) => d.iter().map(|d| d.height).sum(),
        Some(Prepared::Qr { size, .. }) => *size,
        Some(Prepared::PageBreak | Prepared::Space(_)) | None => 0.0,
    }
}

struct Flow {
    geo: Geometry,
    pages: Vec<Vec<Item>>,
    /// Distance below the top margin on the current page.
    y: f32,
}

impl Flow {
    fn new(geo: Geometry) -> Self {
        Self {
            geo,
            pages: vec![Vec::new()],
            y: 0.0,
        }
    }

    fn at_top(&self) -> bool {
        self.y <= f32::EPSILON
    }

    fn remaining(&self) -> f32 {
        self.geo.content_h - self.y
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = 0.0;
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    fn break_unless_fits(&mut self, height: f32) {
        if height > self.remaining() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, style: Style, text: &str) {
        self.inked_text(x, top, style, Ink::Grey(0.0), text);
    }

    fn inked_text(&mut self, x: f32, top: f32, style: Style, ink: Ink, text: &str) {
        if text.is_empty() {
            return;
        }
        self.push(Item::Text {
            x: self.geo.left + x,
            baseline: self.geo.top + top + style.baseline_offset(),
            style,
            ink,
            text: text.to_owned(),
        });
    }

    fn rule(&mut self, y: f32, thickness: f32, lightness: f32) {
        self.push(Item::Rule {
            x1: self.geo.left,
            x2: self.geo.left + self.geo.text_w,
            y: self.geo.top + y,
            thickness,
            lightness,
        });
    }

    fn place(&mut self, blocks: &[Prepared], faces: &Faces) {
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Prepared::Text {
                    lines,
                    style,
                    before,
                    after,
                    keep_with_next,
                } => {
                    let lh = style.line_h();
                    if *keep_with_next {
                        let own = before + lines.len() as f32 * lh + after;
                        self.break_unless_fits(own + lead_height(&blocks[i + 1..]));
                    }
                    if !self.at_top() {
                        self.y += before;
                    }
                    for line in lines {
                        self.break_unless_fits(lh);
                        self.text(0.0, self.y, *style, line);
                        self.y += lh;
                    }
                    self.y += after;
                }
                Prepared::Grid(grid) => self.place_grid(grid, faces),
                Prepared::Bars(bars) => self.place_bars(bars),
                Prepared::Drawings(drawings, after) => self.place_drawings(drawings, *after),
                Prepared::Qr { modules, size } => self.place_qr(modules, *size),
                Prepared::PageBreak => {
                    if !self.at_top() {
                        self.new_page();
                    }
                }
                Prepared::Space(h) => {
                    if *h >= self.remaining() {
                        self.new_page();
                    } else {
                        self.y += h;
                    }
                }
            }
        }
    }

    fn place_row(&mut self, grid: &Grid, row: &Row, from: usize, to: usize, faces: &Faces) {
        let lh = grid.style.line_h();
        for cell in &row.cells {
            let style = grid.style.with_bold(cell.bold);
            let end = to.min(cell.lines.len());
            for (n, line) in cell
                .lines
                .iter()
                .enumerate()
                .take(end)
                .filter(|(n, _)| *n >= from)
            {
                let top = self.y + grid.pad_y + (n - from) as f32 * lh;
                let x = match cell.align {
                    Align::Left => cell.x,
                    Align::Right => cell.x + cell.width - faces.width(line, style),
                };
                self.inked_text(x, top, style, cell.ink, line);
            }
        }
        self.y += grid.lines_h(to - from);
    }

    fn place_header(&mut self, grid: &Grid, faces: &Faces) {
        if let Some(header) = &grid.header {
            self.rule(self.y, 0.8, 0.0);
            self.place_row(grid, header, 0, header.line_count(), faces);
            self.rule(self.y, 0.6, 0.0);
        }
    }

    fn place_grid(&mut self, grid: &Grid, faces: &Faces) {
        let lead = grid.header_h()
            + grid
                .rows
                .first()
                .map_or(0.0, |r| grid.lines_h(r.line_count()));
        self.break_unless_fits(lead);
        self.place_header(grid, faces);
        let lh = grid.style.line_h();
        let mut fresh = false;
        for row in &grid.rows {
            let total = row.line_count();
            let mut from = 0;
            loop {
                let need = grid.lines_h(total - from);
                if need <= self.remaining() + 0.01 {
                    self.place_row(grid, row, from, total, faces);
                    break;
                }
                // A row is moved whole to the next page when it fits there; only a row
                // taller than a page is split between its lines.
                if need > self.geo.content_h - grid.header_h() {
                    let mut fits = ((self.remaining() - 2.0 * grid.pad_y) / lh).floor() as usize;
                    if fresh {
                        // Guarantees progress even when a huge header leaves no room.
                        fits = fits.max(1);
                    }
                    if fits > 0 {
                        let to = (from + fits).min(total);
                        self.place_row(grid, row, from, to, faces);
                        from = to;
                        if from >= total {
                            break;
                        }
                    }
                }
                self.new_page();
                self.place_header(grid, faces);
                fresh = true;
            }
            fresh = false;
            if grid.rules {
                self.rule(self.y, 0.3, 0.75);
            }
        }
        self.y += grid.after;
    }

    fn place_qr(&mut self, modules: &[Vec<bool>], size: f32) {
        // Four modules of white around the code, as readers expect.
        let quiet = 4.0;
        let n = modules.len() as f32 + 2.0 * quiet;
        let module = size / n;
        self.break_unless_fits(size);
        let left = self.geo.left + (self.geo.text_w - size) / 2.0;
        let top = self.geo.top + self.y;
        for (r, row) in modules.iter().enumerate() {
            for (c, dark) in row.iter().enumerate() {
                if *dark {
                    self.push(Item::Square {
                        x: left + (c as f32 + quiet) * module,
                        y: top + (r as f32 + quiet) * module,
                        w: module,
                    });
                }
            }
        }
        self.y += size + 2.0 * PT_PER_MM;
    }

    fn place_drawings(&mut self, drawings: &[Drawing], after: f32) {
        // Like a chart, drawings that fit on one page are not split between pages.
        let total: f32 = drawings.iter().map(|d| d.height).sum();
        if total <= self.geo.content_h {
            self.break_unless_fits(total);
        }
        for d in drawings {
            self.break_unless_fits(d.height);
            let (dx, dy) = (self.geo.left, self.geo.top + self.y);
            for item in &d.items {
                self.push(item.clone().shifted(dx, dy));
            }
            self.y += d.height;
        }
        self.y += after;
    }

    fn place_bars(&mut self, bars: &Bars) {
        // A chart is read as one picture: it moves whole to the next page when it fits
        // there, and only a chart longer than a page is split between bars.
        let total = bars.height();
        if total <= self.geo.content_h {
            self.break_unless_fits(total);
        }
        let lh = bars.style.line_h();
        for row in &bars.rows {
            let h = bars.row_h(row);
            self.break_unless_fits(h);
            let top = self.y + BAR_ROW_GAP / 2.0;
            for (n, line) in row.label.iter().enumerate() {
                self.text(0.0, top + n as f32 * lh, bars.style, line);
            }
            let bar_h = lh * 0.8;
            self.push(Item::Bar {
                x: self.geo.left + bars.bar_x,
                y: self.geo.top + top + (lh - bar_h) / 2.0,
                w: row.len,
                h: bar_h,
            });
            let value_x = bars.bar_x + row.len + BAR_GAP / 2.0;
            self.text(value_x, top, bars.style, &row.value);
            self.y += h;
        }
        self.y += 4.0 * PT_PER_MM;
    }
}

fn colour(lightness: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: lightness.clamp(0.0, 1.0),
        icc_profile: None,
    })
}

fn ink_colour(ink: Ink) -> Color {
    match ink {
        Ink::Grey(l) => colour(l),
        Ink::Rgb(r, g, b) => Color::Rgb(Rgb {
            r: r.clamp(0.0, 1.0),
            g: g.clamp(0.0, 1.0),
            b: b.clamp(0.0, 1.0),
            icc_profile: None,
        }),
    }
}

fn fill_with(ops: &mut Vec<Op>, ink: Ink) {
    ops.push(Op::SetFillColor {
        col: ink_colour(ink),
    });
}

fn shape(points: Vec<LinePoint>, mode: PaintMode) -> Polygon {
    Polygon {
        rings: vec![PolygonRing { points }],
        mode,
        winding_order: WindingOrder::NonZero,
    }
}

/// A circle as four cubic Bézier quarters (PDF has no circle operator): points in
/// layout coordinates, each marked when it is a control point.
fn circle((cx, cy): (f32, f32), r: f32) -> Vec<((f32, f32), bool)> {
    // The control distance that makes a quarter Bézier closest to a quarter circle.
    let k = 0.552_284_8 * r;
    vec![
        ((cx + r, cy), false),
        ((cx + r, cy + k), true),
        ((cx + k, cy + r), true),
        ((cx, cy + r), false),
        ((cx - k, cy + r), true),
        ((cx - r, cy + k), true),
        ((cx - r, cy), false),
        ((cx - r, cy - k), true),
        ((cx - k, cy - r), true),
        ((cx, cy - r), false),
        ((cx + k, cy - r), true),
        ((cx + r, cy - k), true),
        ((cx + r, cy), false),
    ]
}

fn page_ops(items: &[Item], page_h: f32, regular: &FontId, bold: &FontId) -> Vec<Op> {
    let mut ops = Vec::new();
    // Layout y grows down from the page top; PDF y grows up from the bottom.
    let corner = |(x, y): (f32, f32), bezier: bool| LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(page_h - y),
        },
        bezier,
    };
    let mut bar_fill_set = false;
    let mut black_fill_set = false;
    for item in items {
        match item {
            Item::Rule {
                x1,
                x2,
                y,
                thickness,
                lightness,
            } => {
                ops.push(Op::SetOutlineColor {
                    col: colour(*lightness),
                });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                let point = |x: f32| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(page_h - y),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1), point(*x2)],
                        is_closed: false,
                    },
                });
            }
            Item::Square { x, y, w } => {
                if bar_fill_set {
                    ops.push(Op::SetFillColor { col: colour(0.0) });
                    bar_fill_set = false;
                    black_fill_set = true;
                } else if !black_fill_set {
                    ops.push(Op::SetFillColor { col: colour(0.0) });
                    black_fill_set = true;
                }
                // A hair wider than the module, so neighbours print without seams.
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        mode: Some(PaintMode::Fill),
                        ..Rect::from_xywh(
                            Pt(*x),
                            Pt(page_h - y - w - 0.05),
                            Pt(*w + 0.05),
                            Pt(*w + 0.05),
                        )
                    },
                });
            }
            Item::Bar { x, y, w, h } if *w > 0.0 => {
                if !bar_fill_set {
                    let (r, g, b) = BAR_FILL;
                    ops.push(Op::SetFillColor {
                        col: Color::Rgb(Rgb {
                            r,
                            g,
                            b,
                            icc_profile: None,
                        }),
                    });
                    bar_fill_set = true;
                    black_fill_set = false;
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        mode: Some(PaintMode::Fill),
                        ..Rect::from_xywh(Pt(*x), Pt(page_h - y - h), Pt(*w), Pt(*h))
                    },
                });
            }
            Item::Segment {
                from,
                to,
                thickness,
                ink,
                dashed,
            } => {
                ops.push(Op::SetOutlineColor {
                    col: ink_colour(*ink),
                });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                if *dashed {
                    ops.push(Op::SetLineDashPattern {
                        dash: LineDashPattern::new(0.0, &[4.0, 3.0]),
                    });
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![corner(*from, false), corner(*to, false)],
                        is_closed: false,
                    },
                });
                if *dashed {
                    ops.push(Op::SetLineDashPattern {
                        dash: LineDashPattern::solid(),
                    });
                }
            }
            Item::Disc { at, r, ink } => {
                fill_with(&mut ops, *ink);
                (bar_fill_set, black_fill_set) = (false, false);
                let points = circle(*at, *r)
                    .into_iter()
                    .map(|(p, bezier)| corner(p, bezier))
                    .collect();
                ops.push(Op::DrawPolygon {
                    polygon: shape(points, PaintMode::Fill),
                });
            }
            Item::Triangle { corners, ink } => {
                fill_with(&mut ops, *ink);
                (bar_fill_set, black_fill_set) = (false, false);
                let points = corners.iter().map(|c| corner(*c, false)).collect();
                ops.push(Op::DrawPolygon {
                    polygon: shape(points, PaintMode::Fill),
                });
            }
            Item::Frame {
                x,
                y,
                w,
                h,
                thickness,
                fill,
            } => {
                let rect = Rect::from_xywh(Pt(*x), Pt(page_h - y - h), Pt(*w), Pt(*h));
                if let Some(ink) = fill {
                    fill_with(&mut ops, *ink);
                    (bar_fill_set, black_fill_set) = (false, false);
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            mode: Some(PaintMode::Fill),
                            ..rect.clone()
                        },
                    });
                }
                ops.push(Op::SetOutlineColor { col: colour(0.0) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        mode: Some(PaintMode::Stroke),
                        ..rect
                    },
                });
            }
            Item::Bar { .. } | Item::Text { .. } => {}
        }
    }

    ops.push(Op::StartTextSection);
    let mut font: Option<Style> = None;
    let mut fill: Option<Ink> = None;
    for item in items {
        let Item::Text {
            x,
            baseline,
            style,
            ink,
            text,
        } = item
        else {
            continue;
        };
        if font != Some(*style) {
            let id = if style.bold { bold } else { regular };
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(id.clone()),
                size: Pt(style.size),
            });
            font = Some(*style);
        }
        if fill != Some(*ink) {
            ops.push(Op::SetFillColor {
                col: ink_colour(*ink),
            });
            fill = Some(*ink);
        }
        // Tm is absolute; Td (SetTextCursor) would be relative to the previous line.
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(*x), Pt(page_h - baseline)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.clone())],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

fn to_pdf_date(unix: i64) -> Result<DateTime, LayoutError> {
    // PDF dates have four-digit years.
    const YEAR_10000: i64 = 253_402_300_800;
    if !(0..YEAR_10000).contains(&unix) {
        return Err(LayoutError::Timestamp(unix));
    }
    DateTime::from_unix_timestamp(unix).map_err(|_| LayoutError::Timestamp(unix))
}

/// Lays out `blocks` on A4 pages and serialises the PDF with subset fonts.
pub fn render(
    spec: &DocumentSpec,
    blocks: &[Block],
    fonts: &Fonts,
) -> Result<Rendered, LayoutError> {
    let created = to_pdf_date(spec.created_unix)?;
    let faces = Faces {
        regular: Face::parse(fonts.regular, "regular")?,
        bold: Face::parse(fonts.bold, "bold")?,
    };
    let mut pages: Vec<(Geometry, Vec<Item>)> = Vec::new();
    for (landscape, run) in sections(blocks, spec.landscape) {
        let geo = Geometry::new(landscape, spec.decimal_comma);
        let prepared = run
            .iter()
            .map(|b| prepare(b, &faces, &geo))
            .collect::<Result<Vec<_>, _>>()?;
        let mut flow = Flow::new(geo);
        flow.place(&prepared, &faces);
        // A trailing page break or spacer can leave an empty last page; nobody wants to print it.
        let mut run_pages = flow.pages;
        while run_pages.last().is_some_and(Vec::is_empty) {
            run_pages.pop();
        }
        pages.extend(run_pages.into_iter().map(|items| (geo, items)));
    }
    if pages.is_empty() {
        pages.push((
            Geometry::new(spec.landscape, spec.decimal_comma),
            Vec::new(),
        ));
    }

    let page_count = pages.len();
    let mut doc = PdfDocument::new(&spec.title);
    doc.metadata.info.author = spec.author.clone();
    doc.metadata.info.creation_date = created;
    doc.metadata.info.modification_date = created;
    doc.metadata.info.metadata_date = created;
    let regular_id = doc.add_font(&faces.regular.parsed);
    let bold_id = doc.add_font(&faces.bold.parsed);

    let pdf_pages = pages
        .iter_mut()
        .enumerate()
        .map(|(i, (geo, items))| {
            let footer_y = geo.page_h - FOOTER_BASELINE_MM * PT_PER_MM;
            let text = printable(&(spec.footer)(i + 1, page_count));
            let w = faces.width(&text, FOOTER);
            items.push(Item::Text {
                x: (geo.page_w - w) / 2.0,
                baseline: footer_y,
                style: FOOTER,
                ink: Ink::Grey(0.4),
                text,
            });
            PdfPage::new(
                Mm(geo.page_w / PT_PER_MM),
                Mm(geo.page_h / PT_PER_MM),
                page_ops(items, geo.page_h, &regular_id, &bold_id),
            )
        })
        .collect();
    let mut warnings = Vec::new();
    let bytes = doc
        .with_pages(pdf_pages)
        .save(&PdfSaveOptions::default(), &mut warnings);
    // printpdf still returns bytes when it reports an error (text outside BT/ET, colours
    // out of range); such a file looks fine in tests yet prints blank, so refuse it.
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(LayoutError::Pdf {
            detail: w.msg.clone(),
        });
    }
    Ok(Rendered {
        bytes,
        pages: page_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    const REGULAR: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/fonts/DejaVuSans.ttf"
    ));
    const BOLD: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/fonts/DejaVuSans-Bold.ttf"
    ));

    fn fonts() -> Fonts<'static> {
        Fonts {
            regular: REGULAR,
            bold: BOLD,
        }
    }

    fn spec() -> DocumentSpec {
        DocumentSpec {
            title: "Informe — Región de Ñuble".into(),
            author: "Begoña Núñez".into(),
            // 2024-05-17T10:30:00Z
            created_unix: 1_715_941_800,
            footer: Box::new(|page, pages| format!("Page {page} of {pages}")),
            landscape: false,
            decimal_comma: false,
        }
    }

    fn faces() -> Faces {
        Faces {
            regular: Face::parse(REGULAR, "regular").unwrap(),
            bold: Face::parse(BOLD, "bold").unwrap(),
        }
    }

    fn render_to_file(name: &str, spec: &DocumentSpec, blocks: &[Block]) -> (Rendered, PathBuf) {
        let rendered = render(spec, blocks, &fonts()).unwrap();
        let dir = std::env::temp_dir().join("cabildo-layout-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, &rendered.bytes).unwrap();
        (rendered, path)
    }

    fn run(program: &str, args: &[&str]) -> String {
        let out = Command::new(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{program} must be installed (poppler-utils): {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn text_of(path: &Path) -> String {
        run("pdftotext", &[path.to_str().unwrap(), "-"])
    }

    fn page_text(path: &Path, page: usize) -> String {
        let p = page.to_string();
        run(
            "pdftotext",
            &["-layout", "-f", &p, "-l", &p, path.to_str().unwrap(), "-"],
        )
    }

    /// `(word, x_min, x_max)` for every word `pdftotext -bbox` finds.
    fn word_boxes(path: &Path) -> Vec<(String, f32, f32)> {
        let html = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
        let attr = |line: &str, name: &str| -> f32 {
            let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            let len = line[start..].find('"').unwrap();
            line[start..start + len].parse().unwrap()
        };
        html.lines()
            .filter(|l| l.trim_start().starts_with("<word "))
            .map(|l| {
                let word = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_string();
                (word, attr(l, "xMin"), attr(l, "xMax"))
            })
            .collect()
    }

    fn words(count: usize) -> String {
        const VOCAB: [&str; 12] = [
            "municipio",
            "región",
            "presupuesto",
            "Ñuble",
            "participación",
            "vecinos",
            "São",
            "Paulo",
            "año",
            "obras",
            "públicas",
            "y",
        ];
        (0..count)
            .map(|i| VOCAB[(i * 7 + i / 3) % VOCAB.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn municipal_table(rows: usize) -> Block {
        Block::Table {
            columns: vec![
                Column {
                    title: "Municipio".into(),
                    width: 3.0,
                    align: Align::Left,
                },
                Column {
                    title: "Región".into(),
                    width: 3.0,
                    align: Align::Left,
                },
                Column {
                    title: "Habitantes".into(),
                    width: 2.0,
                    align: Align::Right,
                },
            ],
            rows: (1..=rows)
                .map(|i| {
                    vec![
                        format!("Comuna {i}"),
                        if i % 3 == 0 {
                            "Región de Ñuble con un nombre largo que se parte en dos líneas".into()
                        } else {
                            "Región de Ñuble".into()
                        },
                        (i * 1_379).to_string(),
                    ]
                })
                .collect(),
            inks: Vec::new(),
        }
    }

    fn report_blocks() -> Vec<Block> {
        vec![
            Block::Title("Informe municipal — Región de Ñuble".into()),
            Block::KeyValues(vec![
                ("Responsable".into(), "Begoña Núñez".into()),
                ("Periodo".into(), "Enero – Marzo 2024".into()),
            ]),
            Block::Heading("Resumen".into()),
            Block::Paragraph(words(250)),
            Block::Heading("Habitantes por comuna".into()),
            municipal_table(60),
            Block::Heading("Participación".into()),
            Block::BarChart {
                rows: vec![
                    ("Chillán".into(), 1234.5),
                    ("São Paulo".into(), 980.0),
                    ("Haïti".into(), 310.25),
                ],
                unit: "votos".into(),
            },
        ]
    }

    #[test]
    fn accented_text_is_extracted_exactly() {
        let samples = [
            "Región de Ñuble",
            "São Paulo",
            "Haïti",
            "Begoña Núñez",
            "Œuvre",
            "–",
            "“quotes”",
        ];
        let blocks = vec![
            Block::Title("Región de Ñuble".into()),
            Block::Heading("São Paulo".into()),
            Block::Paragraph(samples.join(" ")),
            Block::KeyValues(vec![("Haïti".into(), "Begoña Núñez".into())]),
            Block::Table {
                columns: vec![Column {
                    title: "Œuvre".into(),
                    width: 1.0,
                    align: Align::Left,
                }],
                rows: vec![vec!["“quotes” – Œuvre".into()]],
                inks: Vec::new(),
            },
        ];
        let (_, path) = render_to_file("accents", &spec(), &blocks);
        let text = text_of(&path);
        for sample in samples {
            assert!(text.contains(sample), "{sample:?} missing from {text:?}");
        }
        assert!(text.contains("Región de Ñuble São Paulo Haïti Begoña Núñez Œuvre – “quotes”"));
        let info = run("pdfinfo", &[path.to_str().unwrap()]);
        assert!(info.contains("Informe — Región de Ñuble"), "{info}");
        assert!(info.contains("Begoña Núñez"), "{info}");
    }

    #[test]
    fn fonts_are_embedded_as_subsets_and_a_three_page_report_stays_small() {
        let (rendered, path) = render_to_file("report", &spec(), &report_blocks());
        assert_eq!(rendered.pages, 3);
        let listing = run("pdffonts", &[path.to_str().unwrap()]);
        // Past the two header lines of the listing (column names, then dashes).
        let fonts: Vec<&str> = listing
            .lines()
            .filter(|l| !l.starts_with("name") && !l.starts_with("---"))
            .collect();
        assert_eq!(fonts.len(), 2, "{listing}");
        for font in fonts {
            let cols: Vec<&str> = font.split_whitespace().collect();
            // name type encoding emb sub uni object ID; the name carries the subset tag.
            assert!(cols[0].contains("+DejaVuSans"), "{listing}");
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{listing}");
        }
        assert!(
            rendered.bytes.len() < 120_000,
            "{} bytes",
            rendered.bytes.len()
        );
    }

    #[test]
    fn a_long_table_repeats_its_header_and_every_page_has_the_right_footer() {
        let blocks = vec![Block::Heading("Habitantes".into()), municipal_table(120)];
        let (rendered, path) = render_to_file("table", &spec(), &blocks);
        assert!(rendered.pages >= 3, "{} pages", rendered.pages);
        let info = run("pdfinfo", &[path.to_str().unwrap()]);
        assert!(info.contains(&format!("Pages:           {}", rendered.pages)));
        let mut all = String::new();
        for page in 1..=rendered.pages {
            let text = page_text(&path, page);
            for header in ["Municipio", "Región", "Habitantes"] {
                assert!(text.contains(header), "page {page} lacks {header}: {text}");
            }
            let footer = format!("Page {page} of {}", rendered.pages);
            assert!(text.contains(&footer), "page {page} lacks {footer:?}");
            all.push_str(&text);
        }
        for i in [1, 59, 60, 61, 119, 120] {
            assert!(all.contains(&format!("Comuna {i} ")), "row {i} missing");
            assert!(
                all.contains(&(i * 1_379).to_string()),
                "row {i} value missing"
            );
        }
    }

    #[test]
    fn a_two_thousand_word_paragraph_wraps_inside_the_text_width() {
        let text = words(2_000);
        let faces = faces();
        let geo = Geometry::new(false, false);
        let lines = faces.wrap(&text, BODY, geo.text_w);
        assert!(lines.len() > 100, "{} lines", lines.len());
        for line in &lines {
            assert!(faces.width(line, BODY) <= geo.text_w + 1e-3, "{line}");
        }
        assert_eq!(lines.join(" "), text);

        let (rendered, path) =
            render_to_file("paragraph", &spec(), &[Block::Paragraph(text.clone())]);
        assert!(rendered.pages > 1);
        let boxes = word_boxes(&path);
        assert!(boxes.len() >= 2_000);
        for (word, x_min, x_max) in boxes {
            assert!(x_min >= geo.left - 0.5, "{word} starts at {x_min}");
            assert!(
                x_max <= geo.left + geo.text_w + 0.5,
                "{word} ends at {x_max}"
            );
        }
    }

    #[test]
    fn words_longer_than_a_line_are_broken_without_losing_characters() {
        let faces = faces();
        let word = "Ñ".repeat(40) + &"e\u{301}".repeat(100);
        let lines = faces.wrap(&word, BODY, 100.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.concat(), word);
        for line in &lines {
            assert!(faces.width(line, BODY) <= 100.0 + 1e-3);
            assert!(
                !line.starts_with('\u{301}'),
                "combining mark split from its letter"
            );
        }
    }

    #[test]
    fn a_heading_at_the_bottom_of_a_page_moves_to_the_next_page_with_its_block() {
        let geo = Geometry::new(false, false);
        let heading_h = 5.0 * PT_PER_MM + HEADING.line_h() + 2.0 * PT_PER_MM;
        let body_lh = BODY.line_h();
        let layout = |room_left: f32, name: &str| {
            let spacer_mm = (geo.content_h - room_left) / PT_PER_MM;
            let blocks = vec![
                Block::Paragraph("Introducción".into()),
                Block::Spacer(spacer_mm - BODY.line_h() / PT_PER_MM),
                Block::Heading("Resultados por comuna".into()),
                Block::Paragraph(words(200)),
            ];
            render_to_file(name, &spec(), &blocks)
        };
        // Room for the heading and half a line: the heading alone would have fitted.
        let (rendered, path) = layout(heading_h + body_lh / 2.0, "heading-moves");
        assert_eq!(rendered.pages, 2);
        assert!(!page_text(&path, 1).contains("Resultados"));
        let second = page_text(&path, 2);
        let first_line = second.lines().find(|l| !l.trim().is_empty()).unwrap();
        assert_eq!(first_line.trim(), "Resultados por comuna");
        assert!(second.contains(&words(5)));

        // With room for three lines below it, the heading stays where it is.
        let (_, path) = layout(heading_h + 3.2 * body_lh, "heading-stays");
        let first = page_text(&path, 1);
        assert!(first.contains("Resultados por comuna"));
        assert!(first.contains(&words(5)));
    }

    #[test]
    fn bar_chart_values_and_labels_appear_as_text() {
        let blocks = vec![
            Block::Heading("Participación".into()),
            Block::BarChart {
                rows: vec![
                    ("Región de Ñuble".into(), 1234.5),
                    ("São Paulo".into(), 980.0),
                    ("Haïti".into(), 0.25),
                    ("Saldo".into(), -3.0),
                ],
                unit: "votos".into(),
            },
        ];
        let (_, path) = render_to_file("bars", &spec(), &blocks);
        let text = page_text(&path, 1);
        for expected in [
            "Región de Ñuble",
            "São Paulo",
            "Haïti",
            "1234.5 votos",
            "980 votos",
            "0.25 votos",
            "-3 votos",
        ] {
            assert!(text.contains(expected), "{expected:?} missing: {text}");
        }
    }

    #[test]
    fn a_bar_chart_that_fits_on_a_page_is_never_split() {
        let geo = Geometry::new(false, false);
        let row_h = Style::new(CHART_SIZE, false).line_h() + BAR_ROW_GAP;
        let blocks = vec![
            Block::Spacer((geo.content_h - 2.5 * row_h) / PT_PER_MM),
            Block::BarChart {
                rows: (1..=6)
                    .map(|i| (format!("Comuna {i}"), f64::from(i)))
                    .collect(),
                unit: String::new(),
            },
        ];
        let (rendered, path) = render_to_file("bars-moved", &spec(), &blocks);
        assert_eq!(rendered.pages, 2);
        assert!(!page_text(&path, 1).contains("Comuna"));
        let second = page_text(&path, 2);
        for i in 1..=6 {
            assert!(second.contains(&format!("Comuna {i}")));
        }
    }

    #[test]
    fn a_scatter_and_a_tree_are_drawn_with_their_labels_as_text() {
        let blocks = vec![
            Block::Heading("Gráfico".into()),
            Block::Scatter(Scatter {
                x_title: "Pasiva".into(),
                y_title: "Activa".into(),
                x_cut: 2.5,
                y_cut: 2.5,
                corners: [
                    "Activas".into(),
                    "Críticas".into(),
                    "Indiferentes".into(),
                    "Pasivas".into(),
                ],
                points: vec![("1".into(), 1.0, 4.0), ("2".into(), 4.0, 1.0)],
            }),
            Block::Bands(vec![
                Band {
                    title: "Efectos".into(),
                    boxes: vec!["Migración a São Paulo".into()],
                    strong: false,
                    leads_up: false,
                },
                Band {
                    title: "Problema".into(),
                    boxes: vec!["Región de Ñuble".into()],
                    strong: true,
                    leads_up: true,
                },
            ]),
        ];
        let (rendered, path) = render_to_file("drawings", &spec(), &blocks);
        assert_eq!(rendered.pages, 1, "both fit on one page");
        let text = page_text(&path, 1);
        for expected in [
            "↑ Activa",
            "Pasiva →",
            "Críticas",
            "2.5",
            "Migración a São Paulo",
            "Región de Ñuble",
            "Problema",
        ] {
            assert!(text.contains(expected), "{expected:?} missing: {text}");
        }
    }

    #[test]
    fn numeric_columns_are_right_aligned() {
        let blocks = vec![Block::Table {
            columns: vec![
                Column {
                    title: "Comuna".into(),
                    width: 2.0,
                    align: Align::Left,
                },
                Column {
                    title: "Total".into(),
                    width: 1.0,
                    align: Align::Right,
                },
            ],
            rows: vec![
                vec!["Chillán".into(), "7".into()],
                vec!["Quirihue".into(), "123456".into()],
                vec!["Yungay".into(), "42".into()],
            ],
            inks: Vec::new(),
        }];
        let (_, path) = render_to_file("align", &spec(), &blocks);
        let boxes = word_boxes(&path);
        let right_edges: Vec<f32> = ["Total", "7", "123456", "42"]
            .iter()
            .map(|w| boxes.iter().find(|b| b.0 == *w).unwrap().2)
            .collect();
        let geo = Geometry::new(false, false);
        for edge in right_edges {
            assert!(
                (edge - (geo.left + geo.text_w - CELL_PAD_X)).abs() < 0.5,
                "{edge}"
            );
        }
    }

    #[test]
    fn a_table_cell_taller_than_a_page_is_split_across_pages() {
        let blocks = vec![Block::Table {
            columns: vec![
                Column {
                    title: "Acta".into(),
                    width: 1.0,
                    align: Align::Left,
                },
                Column {
                    title: "Texto".into(),
                    width: 1.0,
                    align: Align::Left,
                },
            ],
            rows: vec![
                vec!["1".into(), "corta".into()],
                vec!["2".into(), words(1_500) + " FIN"],
            ],
            inks: Vec::new(),
        }];
        let (rendered, path) = render_to_file("tall-cell", &spec(), &blocks);
        assert!(rendered.pages >= 3);
        let last = page_text(&path, rendered.pages);
        assert!(last.contains("FIN"));
        assert!(last.contains("Acta"));
    }

    #[test]
    fn page_breaks_never_produce_blank_pages() {
        let blocks = vec![
            Block::PageBreak,
            Block::Paragraph("uno".into()),
            Block::PageBreak,
            Block::PageBreak,
            Block::Paragraph("dos".into()),
            Block::Spacer(500.0),
            Block::PageBreak,
        ];
        let rendered = render(&spec(), &blocks, &fonts()).unwrap();
        assert_eq!(rendered.pages, 2);
    }

    #[test]
    fn an_empty_document_has_one_page_with_its_footer() {
        let (rendered, path) = render_to_file("empty", &spec(), &[]);
        assert_eq!(rendered.pages, 1);
        assert!(page_text(&path, 1).contains("Page 1 of 1"));
    }

    #[test]
    fn landscape_pages_are_a4_turned_sideways() {
        let spec = DocumentSpec {
            landscape: true,
            decimal_comma: false,
            ..spec()
        };
        let (_, path) = render_to_file("landscape", &spec, &[municipal_table(5)]);
        let info = run("pdfinfo", &[path.to_str().unwrap()]);
        assert!(
            info.contains("Page size:       841.89 x 595.276 pts (A4)"),
            "{info}"
        );
    }

    #[test]
    fn a_landscape_section_turns_only_its_own_pages_and_the_footer_counts_them_all() {
        let (rendered, path) = render_to_file(
            "landscape-section",
            &spec(),
            &[
                Block::Paragraph("before".into()),
                Block::Landscape(vec![municipal_table(5)]),
                Block::Paragraph("after".into()),
            ],
        );
        assert_eq!(rendered.pages, 3);
        let file = path.to_str().unwrap();
        let info = run("pdfinfo", &["-f", "1", "-l", "3", file]);
        let sizes: Vec<&str> = info
            .lines()
            .filter(|l| l.starts_with("Page") && l.contains("size:"))
            .map(|l| l.split("size:").nth(1).unwrap_or_default().trim())
            .collect();
        assert_eq!(
            sizes,
            [
                "595.276 x 841.89 pts (A4)",
                "841.89 x 595.276 pts (A4)",
                "595.276 x 841.89 pts (A4)"
            ],
            "{info}"
        );
        assert!(run("pdftotext", &["-f", "2", "-l", "2", file, "-"]).contains("Page 2 of 3"));
    }

    #[test]
    fn the_creation_date_comes_from_the_spec() {
        let (_, path) = render_to_file("dates", &spec(), &[Block::Paragraph("x".into())]);
        let info = run("pdfinfo", &["-isodates", path.to_str().unwrap()]);
        assert!(
            info.contains("2024-05-17T10:30:00Z")
                && info
                    .lines()
                    .any(|l| l.starts_with("CreationDate:") && l.ends_with("2024-05-17T10:30:00Z")),
            "{info}"
        );
        assert!(
            info.lines()
                .any(|l| l.starts_with("ModDate:") && l.ends_with("2024-05-17T10:30:00Z")),
            "{info}"
        );
    }

    #[test]
    fn invalid_input_is_reported_as_errors() {
        let garbage = Fonts {
            regular: b"definitely not a font",
            bold: BOLD,
        };
        assert!(matches!(
            render(&spec(), &[], &garbage),
            Err(LayoutError::FontParse {
                face: "regular",
                ..
            })
        ));
        let ragged = Block::Table {
            columns: vec![Column {
                title: "A".into(),
                width: 1.0,
                align: Align::Left,
            }],
            rows: vec![vec!["1".into()], vec!["1".into(), "2".into()]],
            inks: Vec::new(),
        };
        assert!(matches!(
            render(&spec(), &[ragged], &fonts()),
            Err(LayoutError::RowLength {
                row: 1,
                cells: 2,
                columns: 1
            })
        ));
        let nan = Block::BarChart {
            rows: vec![("x".into(), f64::NAN)],
            unit: String::new(),
        };
        assert!(matches!(
            render(&spec(), &[nan], &fonts()),
            Err(LayoutError::NonFiniteValue { .. })
        ));
        let bad_date = DocumentSpec {
            created_unix: -1,
            ..spec()
        };
        assert!(matches!(
            render(&bad_date, &[], &fonts()),
            Err(LayoutError::Timestamp(_))
        ));
    }

    // pdftotext extracts white text as happily as black, so the colour needs its own check.
    #[test]
    fn body_text_is_black_and_the_footer_grey() {
        let item = |lightness| Item::Text {
            x: 0.0,
            baseline: 0.0,
            style: BODY,
            ink: Ink::Grey(lightness),
            text: "x".into(),
        };
        let regular = FontId("R".into());
        let bold = FontId("B".into());
        let fills: Vec<f32> = page_ops(&[item(0.0), item(0.4)], 800.0, &regular, &bold)
            .into_iter()
            .filter_map(|op| match op {
                Op::SetFillColor {
                    col: Color::Greyscale(g),
                } => Some(g.percent),
                _ => None,
            })
            .collect();
        assert_eq!(fills, vec![0.0, 0.4]);
    }

    #[test]
    fn bar_values_are_formatted_without_trailing_zeros() {
        assert_eq!(format_value(1234.5, "votos", false), "1234.5 votos");
        assert_eq!(format_value(980.0, "", false), "980");
        assert_eq!(format_value(-0.001, "%", false), "0 %");
        assert_eq!(format_value(0.126, "%", false), "0.13 %");
        assert_eq!(format_value(4.57, "", true), "4,57");
    }
}
