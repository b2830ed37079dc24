//! Pages, fonts and lines for printed documents, on top of printpdf's drawing
//! operations. It knows nothing of workshops: the report module hands it blocks.
//!
//! Layout is done first, into positioned items per page; only then are the items
//! turned into PDF operations, so every footer can say "page N of M".

use printpdf::{
    Color, FontId, Line, LinePoint, OffsetDateTime, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("the font could not be read")]
    Font,
}

pub struct Fonts<'a> {
    pub regular: &'a [u8],
    pub bold: &'a [u8],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Clone, Debug)]
pub struct Column {
    pub title: String,
    /// Relative: the columns share the text width in proportion to their weights.
    pub width: f32,
    pub align: Align,
}

#[derive(Clone, Debug)]
pub enum Block {
    Title(String),
    /// Kept on the same page as the block after it.
    Heading(String),
    Paragraph(String),
    /// Label and value lines; the labels in bold.
    KeyValues(Vec<(String, String)>),
    /// Rows continue across pages with the header repeated.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// Horizontal bars with their value written beside each.
    BarChart {
        rows: Vec<(String, f64)>,
        unit: String,
    },
    PageBreak,
    /// Vertical space, in millimetres.
    Spacer(f32),
}

pub struct DocumentSpec {
    pub title: String,
    pub author: String,
    /// Seconds since 1970 (UTC): the document's creation and modification date.
    pub created_unix: i64,
    /// The footer of page `page` of `pages`.
    pub footer: Box<dyn Fn(usize, usize) -> String>,
    pub landscape: bool,
}

pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

const MM: f32 = 72.0 / 25.4;
const A4: (f32, f32) = (210.0 * MM, 297.0 * MM);
const MARGIN: f32 = 20.0 * MM;
const FOOTER_Y: f32 = 10.0 * MM;
const BODY: f32 = 10.5;
const SMALL: f32 = 9.0;
const LEADING: f32 = 1.35;
const CELL_PAD: f32 = 3.0;
const INK: (f32, f32, f32) = (0.1, 0.1, 0.1);
const RULE: (f32, f32, f32) = (0.55, 0.55, 0.55);
/// A blue that stays distinct in every common colour-vision deficiency and in grey.
const BAR: (f32, f32, f32) = (0.0, 0.45, 0.70);

/// Glyph advances of one font, for measuring text before placing it.
struct Metrics {
    font: ParsedFont,
    units_per_em: f32,
}

impl Metrics {
    fn new(bytes: &[u8]) -> Result<Metrics, LayoutError> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(LayoutError::Font)?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Ok(Metrics { font, units_per_em })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.font
                    .lookup_glyph_index(c as u32)
                    .map(|g| u32::from(self.font.get_horizontal_advance(g)))
                    .unwrap_or(self.units_per_em as u32 / 2)
            })
            .sum();
        units as f32 * size / self.units_per_em
    }

    /// Greedy line breaking at spaces; a word wider than the line is cut.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.width(&piece, size) > width && piece.chars().count() > 1 {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

/// Something placed on a page; `y` is measured down from the top edge.
enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        thickness: f32,
    },
    Bar {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
}

struct Layout<'m> {
    regular: &'m Metrics,
    bold: &'m Metrics,
    pages: Vec<Vec<Item>>,
    y: f32,
    width: f32,
    height: f32,
}

impl<'m> Layout<'m> {
    fn metrics(&self, face: Face) -> &'m Metrics {
        match face {
            Face::Regular => self.regular,
            Face::Bold => self.bold,
        }
    }

    fn text_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        self.height - MARGIN
    }

    fn page(&mut self) -> &mut Vec<Item> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `needed` points still fit on this one.
    fn ensure(&mut self, needed: f32) {
        if self.y + needed > self.bottom() && self.y > MARGIN {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, size: f32, face: Face, text: String) {
        let y = self.y + size;
        self.page().push(Item::Text {
            x,
            y,
            size,
            face,
            text,
        });
    }

    fn lines(&mut self, text: &str, size: f32, face: Face) {
        let lh = size * LEADING;
        for line in self.metrics(face).wrap(text, size, self.text_width()) {
            self.ensure(lh);
            self.text(MARGIN, size, face, line);
            self.y += lh;
        }
    }

    /// The height the next block needs at least, so a heading is not left alone.
    fn first_height(&self, block: Option<&Block>) -> f32 {
        let lh = BODY * LEADING;
        match block {
            Some(Block::Table { .. }) => 2.0 * (lh + 2.0 * CELL_PAD),
            Some(Block::BarChart { .. }) => 2.0 * 16.0,
            Some(Block::Paragraph(_) | Block::KeyValues(_)) => 2.0 * lh,
            _ => 0.0,
        }
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
            Block::Title(t) => {
                self.lines(t, 20.0, Face::Bold);
                self.y += 8.0;
            }
            Block::Heading(t) => {
                let lh = 14.0 * LEADING;
                let lines = self.bold.wrap(t, 14.0, self.text_width()).len() as f32;
                self.ensure(10.0 + lines * lh + 4.0 + self.first_height(next));
                if self.y > MARGIN {
                    self.y += 10.0;
                }
                self.lines(t, 14.0, Face::Bold);
                self.y += 4.0;
            }
            Block::Paragraph(t) => {
                self.lines(t, BODY, Face::Regular);
                self.y += 6.0;
            }
            Block::KeyValues(pairs) => self.key_values(pairs),
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::BarChart { rows, unit } => self.bars(rows, unit),
            Block::PageBreak => {
                if self.pages.last().is_some_and(|p| !p.is_empty()) {
                    self.new_page();
                }
            }
            Block::Spacer(mm) => self.y += mm * MM,
        }
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        let lh = BODY * LEADING;
        let label_w = pairs
            .iter()
            .map(|(k, _)| self.bold.width(&format!("{k}:"), BODY))
            .fold(0.0, f32::max)
            .min(self.text_width() * 0.35);
        let value_x = MARGIN + label_w + 8.0;
        let value_w = self.text_width() - label_w - 8.0;
        for (k, v) in pairs {
            let labels = self.bold.wrap(&format!("{k}:"), BODY, label_w);
            let values = self.regular.wrap(v, BODY, value_w);
            let n = labels.len().max(values.len());
            for i in 0..n {
                self.ensure(lh);
                if let Some(l) = labels.get(i) {
                    self.text(MARGIN, BODY, Face::Bold, l.clone());
                }
                if let Some(l) = values.get(i) {
                    self.text(value_x, BODY, Face::Regular, l.clone());
                }
                self.y += lh;
            }
            self.y += 2.0;
        }
        self.y += 4.0;
    }

    fn row(&mut self, cells: &[Vec<String>], xs: &[(f32, f32, Align)], size: f32, face: Face) {
        let lh = size * LEADING;
        let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for (lines, &(x, w, align)) in cells.iter().zip(xs) {
            let y0 = self.y;
            for line in lines {
                let x = match align {
                    Align::Left => x + CELL_PAD,
                    Align::Right => x + w - CELL_PAD - self.metrics(face).width(line, size),
                };
                self.y += CELL_PAD;
                self.text(x, size, face, line.clone());
                self.y += lh - CELL_PAD;
            }
            self.y = y0;
        }
        self.y += n as f32 * lh + CELL_PAD;
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let total: f32 = columns.iter().map(|c| c.width.max(0.1)).sum();
        let mut x = MARGIN;
        let xs: Vec<(f32, f32, Align)> = columns
            .iter()
            .map(|c| {
                let w = self.text_width() * c.width.max(0.1) / total;
                let out = (x, w, c.align);
                x += w;
                out
            })
            .collect();
        let wrap = |m: &Metrics, cells: &[String], size: f32| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&xs)
                .map(|(c, &(_, w, _))| m.wrap(c, size, w - 2.0 * CELL_PAD))
                .collect()
        };
        let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let header = wrap(self.bold, &titles, SMALL);
        let height = |cells: &[Vec<String>], size: f32| {
            cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * size * LEADING + CELL_PAD
        };
        let header_h = height(&header, SMALL);
        let rows: Vec<Vec<Vec<String>>> =
            rows.iter().map(|r| wrap(self.regular, r, BODY)).collect();
        let first_h = rows.first().map(|r| height(r, BODY)).unwrap_or(0.0);
        self.ensure(header_h + first_h + 2.0);
        let right = MARGIN + self.text_width();
        let draw_header = |me: &mut Layout<'_>| {
            me.row(&header, &xs, SMALL, Face::Bold);
            let y = me.y;
            me.page().push(Item::Rule {
                x1: MARGIN,
                x2: right,
                y,
                thickness: 0.8,
            });
        };
        draw_header(self);
        for cells in &rows {
            let h = height(cells, BODY);
            if self.y + h > self.bottom() {
                self.new_page();
                draw_header(self);
            }
            self.row(cells, &xs, BODY, Face::Regular);
            let y = self.y;
            self.page().push(Item::Rule {
                x1: MARGIN,
                x2: right,
                y,
                thickness: 0.25,
            });
        }
        self.y += 8.0;
    }

    fn bars(&mut self, rows: &[(String, f64)], unit: &str) {
        const ROW: f32 = 16.0;
        const BAR_H: f32 = 10.0;
        let label_w = self.text_width() * 0.35;
        let max = rows.iter().map(|r| r.1).fold(0.0, f64::max);
        let value_room = 50.0;
        let bar_x = MARGIN + label_w + 6.0;
        let bar_room = self.text_width() - label_w - 6.0 - value_room;
        for (label, value) in rows {
            self.ensure(ROW);
            let label = self
                .regular
                .wrap(label, SMALL, label_w)
                .into_iter()
                .next()
                .unwrap_or_default();
            self.y += 2.0;
            self.text(MARGIN, SMALL, Face::Regular, label);
            let w = if max > 0.0 {
                (value / max) as f32 * bar_room
            } else {
                0.0
            };
            let y = self.y;
            if w > 0.0 {
                self.page().push(Item::Bar {
                    x: bar_x,
                    y,
                    width: w,
                    height: BAR_H,
                });
            }
            let shown = if value.fract() == 0.0 {
                format!("{value:.0}")
            } else {
                format!("{value:.1}")
            };
            let shown = if unit.is_empty() {
                shown
            } else {
                format!("{shown} {unit}")
            };
            self.text(bar_x + w + 4.0, SMALL, Face::Bold, shown);
            self.y += ROW - 2.0;
        }
        self.y += 8.0;
    }
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

fn emit(items: &[Item], height: f32, regular: &FontId, bold: &FontId) -> Vec<Op> {
    let mut ops = Vec::new();
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                size,
                face,
                text,
            } => {
                let font = match face {
                    Face::Regular => regular.clone(),
                    Face::Bold => bold.clone(),
                };
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFillColor { col: rgb(INK) },
                    Op::SetFont {
                        font: PdfFontHandle::External(font),
                        size: Pt(*size),
                    },
                    Op::SetTextCursor {
                        pos: Point {
                            x: Pt(*x),
                            y: Pt(height - y),
                        },
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(text.clone())],
                    },
                    Op::EndTextSection,
                ]);
            }
            Item::Rule {
                x1,
                x2,
                y,
                thickness,
            } => {
                let point = |x: f32| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(height - y),
                    },
                    bezier: false,
                };
                ops.extend([
                    Op::SetOutlineColor { col: rgb(RULE) },
                    Op::SetOutlineThickness { pt: Pt(*thickness) },
                    Op::DrawLine {
                        line: Line {
                            points: vec![point(*x1), point(*x2)],
                            is_closed: false,
                        },
                    },
                ]);
            }
            Item::Bar {
                x,
                y,
                width,
                height: h,
            } => {
                ops.extend([
                    Op::SetFillColor { col: rgb(BAR) },
                    Op::DrawRectangle {
                        rectangle: Rect {
                            mode: Some(PaintMode::Fill),
                            ..Rect::from_xywh(Pt(*x), Pt(height - y - h), Pt(*width), Pt(*h))
                        },
                    },
                ]);
            }
        }
    }
    ops
}

pub fn render(
    spec: &DocumentSpec,
    blocks: &[Block],
    fonts: &Fonts<'_>,
) -> Result<Rendered, LayoutError> {
    let regular = Metrics::new(fonts.regular)?;
    let bold = Metrics::new(fonts.bold)?;
    let (width, height) = if spec.landscape { (A4.1, A4.0) } else { A4 };
    let mut layout = Layout {
        regular: &regular,
        bold: &bold,
        pages: Vec::new(),
        y: MARGIN,
        width,
        height,
    };
    for (i, block) in blocks.iter().enumerate() {
        layout.block(block, blocks.get(i + 1));
    }
    let mut pages = layout.pages;
    if pages.last().is_some_and(Vec::is_empty) && pages.len() > 1 {
        pages.pop();
    }
    if pages.is_empty() {
        pages.push(Vec::new());
    }

    let mut doc = PdfDocument::new(&spec.title);
    doc.metadata.info.author = spec.author.clone();
    if let Ok(date) = OffsetDateTime::from_unix_timestamp(spec.created_unix) {
        doc.metadata.info.creation_date = date;
        doc.metadata.info.modification_date = date;
        doc.metadata.info.metadata_date = date;
    }
    let regular_id = doc.add_font(&regular.font);
    let bold_id = doc.add_font(&bold.font);
    let total = pages.len();
    let pdf_pages = pages
        .into_iter()
        .enumerate()
        .map(|(i, mut items)| {
            let footer = (spec.footer)(i + 1, total);
            let x = (width - regular.width(&footer, SMALL)) / 2.0;
            items.push(Item::Text {
                x,
                y: height - FOOTER_Y,
                size: SMALL,
                face: Face::Regular,
                text: footer,
            });
            PdfPage::new(
                printpdf::Mm(width / MM),
                printpdf::Mm(height / MM),
                emit(&items, height, &regular_id, &bold_id),
            )
        })
        .collect();
    let bytes = doc
        .with_pages(pdf_pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new());
    Ok(Rendered {
        bytes,
        pages: total,
    })
}
