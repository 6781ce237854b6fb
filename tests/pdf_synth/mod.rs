//! A tiny PDF writer for tests: pages with hand-written content streams, Helvetica and
//! other fonts, Form XObjects, and a correct cross-reference table.
#![allow(dead_code)]

/// One indirect object's body (without `n 0 obj` / `endobj`).
pub enum Obj {
    Raw(String),
    /// A stream: dictionary entries (without `/Length`) and data.
    Stream(String, Vec<u8>),
}

/// Builds a PDF. Objects 1 and 2 are the catalog and the page tree; pages are added after.
pub struct Pdf {
    objs: Vec<Obj>,
    pages: Vec<usize>,
}

impl Default for Pdf {
    fn default() -> Self {
        Self::new()
    }
}

impl Pdf {
    pub fn new() -> Pdf {
        Pdf { objs: vec![Obj::Raw(String::new()), Obj::Raw(String::new())], pages: Vec::new() }
    }

    /// Adds an object, returning its number.
    pub fn add(&mut self, o: Obj) -> usize {
        self.objs.push(o);
        self.objs.len()
    }

    /// A standard-14 font without widths.
    pub fn helvetica(&mut self, base: &str) -> usize {
        self.add(Obj::Raw(format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>"
        )))
    }

    /// A page with the given content and resources dictionary body.
    pub fn page(&mut self, content: &str, resources: &str, extra: &str) -> usize {
        let c = self.add(Obj::Stream(String::new(), content.as_bytes().to_vec()));
        let p = self.add(Obj::Raw(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << {resources} >> /Contents {c} 0 R {extra} >>"
        )));
        self.pages.push(p);
        p
    }

    /// Registers an already added page object.
    pub fn add_page_ref(&mut self, page: usize) {
        self.pages.push(page);
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.objs[0] = Obj::Raw("<< /Type /Catalog /Pages 2 0 R >>".into());
        let kids: Vec<String> = self.pages.iter().map(|p| format!("{p} 0 R")).collect();
        self.objs[1] = Obj::Raw(format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            self.pages.len()
        ));
        let mut out: Vec<u8> = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in self.objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            match o {
                Obj::Raw(s) => out.extend_from_slice(s.as_bytes()),
                Obj::Stream(d, data) => {
                    out.extend_from_slice(
                        format!("<< {d} /Length {} >>\nstream\n", data.len()).as_bytes(),
                    );
                    out.extend_from_slice(data);
                    out.extend_from_slice(b"\nendstream");
                }
            }
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", self.objs.len() + 1).as_bytes(),
        );
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                self.objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

/// A one-page PDF with Helvetica as /F1 and Helvetica-Bold as /F2.
pub fn one_page(content: &str) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let f2 = pdf.helvetica("Helvetica-Bold");
    pdf.page(content, &format!("/Font << /F1 {f1} 0 R /F2 {f2} 0 R >>"), "");
    pdf.finish()
}
