//! One JSONL record: `{"id", "text" or "html", "date"?, "url"?, "title"?}`.

use crate::{SkipReason, Warning};
use factsift_core::Date;
use serde::Deserialize;
use serde_json::Value;

/// The fields of a record as they came; other fields are ignored.
#[derive(Deserialize)]
struct RawRecord {
    id: Option<Value>,
    text: Option<Value>,
    html: Option<Value>,
    date: Option<Value>,
    url: Option<Value>,
    title: Option<Value>,
}

/// The body of a record.
#[derive(Debug, PartialEq)]
pub(crate) enum Body {
    /// A text page, in the text page format.
    Text(String),
    /// An HTML page.
    Html(String),
}

/// A checked record.
#[derive(Debug, PartialEq)]
pub(crate) struct Record {
    pub(crate) id: String,
    pub(crate) body: Body,
    pub(crate) date: Option<Date>,
    pub(crate) url: Option<String>,
    pub(crate) title: Option<String>,
}

/// A record that cannot be read: its id when known, and why.
pub(crate) type RecordError = (Option<String>, SkipReason);

/// Parses and checks one JSONL line (not blank).
///
/// `id` is a non-empty string or an integer; `text`, `html`, `url` and
/// `title` are strings; `date` is a string starting with a valid
/// `YYYY-MM-DD` (an ISO 8601 timestamp is fine). `null` and `""` count as
/// absent for the optional fields. With both `text` and `html`, the HTML is
/// used and a warning says so.
pub(crate) fn parse(line: &str, warnings: &mut Vec<Warning>) -> Result<Record, RecordError> {
    let raw: RawRecord = serde_json::from_str(line).map_err(|e| (None, not_a_record(line, e)))?;
    let id = match raw.id {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
        None | Some(Value::String(_)) => return Err((None, SkipReason::MissingId)),
        Some(_) => {
            return Err((
                None,
                SkipReason::WrongType {
                    field: "id",
                    expected: "a string or an integer",
                },
            ));
        }
    };
    let fail = |reason| Err((Some(id.clone()), reason));
    let text = match string_field("text", raw.text) {
        Ok(v) => v,
        Err(reason) => return fail(reason),
    };
    let html = match string_field("html", raw.html) {
        Ok(v) => v,
        Err(reason) => return fail(reason),
    };
    let url = match string_field("url", raw.url) {
        Ok(v) => v.filter(|s| !s.is_empty()),
        Err(reason) => return fail(reason),
    };
    let title = match string_field("title", raw.title) {
        Ok(v) => v.filter(|s| !s.is_empty()),
        Err(reason) => return fail(reason),
    };
    let date = match string_field("date", raw.date) {
        Ok(None) => None,
        Ok(Some(s)) if s.trim().is_empty() => None,
        Ok(Some(s)) => match Date::parse_prefix(&s) {
            Some(date) => Some(date),
            None => return fail(SkipReason::BadDate { value: s }),
        },
        Err(reason) => return fail(reason),
    };
    let body = match (text, html) {
        (Some(_), Some(html)) => {
            warnings.push(Warning::TextAndHtml);
            Body::Html(html)
        }
        (None, Some(html)) => Body::Html(html),
        (Some(text), None) => Body::Text(text),
        (None, None) => return fail(SkipReason::MissingText),
    };
    Ok(Record {
        id,
        body,
        date,
        url,
        title,
    })
}

/// Why a line is not a record: JSON of another shape is named as such,
/// rather than in the words of the deserializer's internal types.
fn not_a_record(line: &str, error: serde_json::Error) -> SkipReason {
    if error.classify() != serde_json::error::Category::Data {
        return SkipReason::MalformedJson(error);
    }
    let found = match line.trim_start().as_bytes().first() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'{') => return SkipReason::MalformedJson(error),
        _ => "a number",
    };
    SkipReason::NotAnObject { found }
}

fn string_field(field: &'static str, value: Option<Value>) -> Result<Option<String>, SkipReason> {
    match value {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(SkipReason::WrongType {
            field,
            expected: "a string",
        }),
    }
}
