//! HTML pages: the article's main text (via dom_smoothie, a Readability port) plus title,
//! publication date and declared language from the page's metadata.

use crate::date::parse_date;
use crate::error::SourceError;
use crate::Ctx;
use dom_smoothie::{Config, Readability, TextMode};
use hadath_core::{Diagnostic, Document};

/// Meta tags naming a publication date, most specific first; matched case-insensitively
/// against `property`, `name` and `itemprop`.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
];

/// One document from an HTML page: the main content as formatted text (paragraphs separated by
/// blank lines), trimmed. Only UTF-8 pages are read. A page whose main text cannot be found, or
/// whose extracted text is at least 90% link text (a menu), is an error for that file. The date
/// comes from the first [`DATE_META`] tag that parses, else from JSON-LD `datePublished`.
pub(crate) fn html_document(bytes: Vec<u8>, ctx: &Ctx) -> Result<Document, Diagnostic> {
    let html = String::from_utf8(bytes).map_err(|e| {
        SourceError::NotUtf8 {
            offset: e.utf8_error().valid_up_to(),
        }
        .at(&ctx.location)
    })?;
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut page = Readability::new(html, None, Some(config))
        .map_err(|e| Diagnostic::error(&ctx.location, e.to_string()))?;

    let mut meta_date = None;
    'keys: for key in DATE_META {
        for node in page.doc.select("meta[content]").nodes() {
            let named = ["property", "name", "itemprop"]
                .iter()
                .filter_map(|a| node.attr(a))
                .any(|v| v.trim().eq_ignore_ascii_case(key));
            if named {
                if let Some(date) = node.attr("content").and_then(|c| parse_date(&c)) {
                    meta_date = Some(date);
                    break 'keys;
                }
            }
        }
    }
    let canonical = page
        .doc
        .select(r#"link[rel="canonical"][href]"#)
        .attr("href")
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());

    let article = page
        .parse()
        .map_err(|_| SourceError::NoMainText.at(&ctx.location))?;
    let text = article.text_content.trim();
    // When nothing scores as an article, dom_smoothie falls back to whatever text the page has,
    // typically a menu. Text that is (almost) all link text is navigation, not an article.
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    let link_text: usize = page
        .doc
        .select("#readability-page-1 a")
        .nodes()
        .iter()
        .map(|a| letters(&a.text()))
        .sum();
    let all_text = letters(text);
    if all_text == 0 || link_text * 10 >= all_text * 9 {
        return Err(SourceError::NoMainText.at(&ctx.location));
    }
    let nonblank = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let published = meta_date
        .or_else(|| article.published_time.as_deref().and_then(parse_date))
        .or(ctx.options.published);
    Ok(Document {
        id: ctx.stem.clone(),
        text: text.to_string(),
        title: nonblank(Some(article.title.clone())),
        url: nonblank(article.url.clone()).or(canonical),
        published,
        source: nonblank(article.site_name.clone()),
        author: nonblank(article.byline.clone()),
        declared_language: nonblank(article.lang.clone()),
        origin: ctx.origin(None),
    })
}
