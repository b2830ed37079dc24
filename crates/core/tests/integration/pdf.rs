//! PDFs read back the way a person would see them: poppler's pdftotext for the
//! words, pdftoppm for page images kept under target/report-pages.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn pdftotext(path: &Path, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .expect("poppler-utils is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// White space as pdftotext gives it back, in any of its kinds, as single spaces.
pub fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where page images are kept for a person to look at.
pub fn pages_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-pages");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A page as a PNG in `target/report-pages`, and the share of its pixels that are
/// dark (in greyscale, from a second, PGM rendering).
pub fn save_page(path: &Path, page: usize, name: &str) -> (PathBuf, f64) {
    let out = pages_dir().join(name);
    let n = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-singlefile", "-f", &n, "-l", &n])
        .arg(path)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let png = out.with_extension("png");
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");

    let dir = tempfile::tempdir().unwrap();
    let grey = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", "40", "-singlefile", "-f", &n, "-l", &n])
        .arg(path)
        .arg(&grey)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(grey.with_extension("pgm")).unwrap();
    // "P5\n<w> <h>\n255\n" then one byte per pixel.
    let header: Vec<&[u8]> = bytes
        .split(|b| b.is_ascii_whitespace())
        .filter(|f| !f.is_empty())
        .take(3)
        .collect();
    assert_eq!(header[0], b"P5");
    let (w, h): (usize, usize) = (
        std::str::from_utf8(header[1]).unwrap().parse().unwrap(),
        std::str::from_utf8(header[2]).unwrap().parse().unwrap(),
    );
    let pixels = &bytes[bytes.len() - w * h..];
    let inked = pixels.iter().filter(|&&p| p < 128).count();
    (png, inked as f64 / (w * h) as f64)
}
