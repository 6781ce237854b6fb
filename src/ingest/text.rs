//! Text renderings of packs: tab-separated tables, markdown and inline HTML.

use crate::model::{Layout, Line, Page, Run, SourceKind};

/// Reads a text rendering into a single-page layout, one line per source line.
pub fn read(text: &str) -> Layout {
    let mut page = Page { number: 1, ..Default::default() };
    for (i, raw) in text.lines().enumerate() {
        let n = (i + 1) as u32;
        page.lines.push(Line {
            text: raw.to_string(),
            runs: vec![Run {
                text: raw.to_string(),
                x1: raw.chars().count() as f32,
                top: n as f32,
                bottom: n as f32,
                ..Default::default()
            }],
            source_line: Some(n),
            ..Default::default()
        });
    }
    let mut layout = Layout::new(SourceKind::Text);
    layout.pages.push(page);
    layout
}
