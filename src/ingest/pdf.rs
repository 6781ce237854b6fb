//! PDF input: the `agendapack-pdf` reader (a positioned content-stream interpreter on lopdf),
//! its errors as the pipeline's typed [`DocError`]s, and the publisher's page stamps ("Page N",
//! "Agenda Item N", blank pages) found on the pages it read ([`super::stamps`]).

pub use agendapack_pdf::{Limits, geometry, images, page_count, rulings, strike};

use crate::error::DocError;
use crate::model::Layout;

/// Reads a PDF into a layout, with the stamps of each page.
///
/// Errors: [`DocError::NotPdf`] without a `%PDF-` header, [`DocError::Encrypted`] when a user
/// password is needed, [`DocError::DamagedPdf`] when the file cannot be repaired or not one of
/// its pages can be read, [`DocError::Limit`] when a stream or a page exceeds the [`Limits`].
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Layout, DocError> {
    let mut layout = agendapack_pdf::read(bytes, limits)?;
    for page in &mut layout.pages {
        page.stamps = super::stamps::find(page);
    }
    Ok(layout)
}
