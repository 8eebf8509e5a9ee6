//! The seam to `factsift-html`: an HTML page to text, layout and metadata.

use factsift_core::{Date, Layout};

/// What ingestion takes from an HTML page.
pub(crate) struct Page {
    pub(crate) title: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) date: Option<Date>,
    pub(crate) text: String,
    pub(crate) layout: Layout,
}

/// Extracts an HTML page.
pub(crate) fn extract(html: &str) -> Page {
    let page = factsift_html::extract(html);
    Page {
        title: page.title,
        url: page.url,
        date: page.date,
        text: page.text,
        layout: page.layout,
    }
}
