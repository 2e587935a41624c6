//! The tantivy index of articles: its schema and how to open it.

use std::path::Path;

use tantivy::schema::{
    Field, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING, TEXT,
};
use tantivy::Index;

use crate::error::{io_err, Result};

/// The index's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub content_id: Field,
    pub title: Field,
    pub text: Field,
    pub source: Field,
    pub date: Field,
    pub entity: Field,
    pub entity_name: Field,
    pub tone: Field,
    pub batch: Field,
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("content_id", STRING);
    b.add_text_field("title", TEXT | STORED);
    b.add_text_field("text", TEXT | STORED);
    // Raw tokenizer: a source is filtered and counted as one exact value.
    b.add_text_field("source", STRING | STORED | FAST);
    b.add_i64_field("date", INDEXED | STORED | FAST);
    b.add_text_field(
        "entity",
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer("raw"))
            .set_fast("raw"),
    );
    b.add_text_field("entity_name", TEXT);
    b.add_f64_field("tone", NumericOptions::default() | STORED | FAST);
    b.add_u64_field("batch", INDEXED | STORED | FAST);
    b.build()
}

pub(crate) fn fields(index: &Index) -> Result<Fields> {
    let s = index.schema();
    let f = |n: &str| s.get_field(n).map_err(crate::StoreError::Index);
    Ok(Fields {
        id: f("id")?,
        content_id: f("content_id")?,
        title: f("title")?,
        text: f("text")?,
        source: f("source")?,
        date: f("date")?,
        entity: f("entity")?,
        entity_name: f("entity_name")?,
        tone: f("tone")?,
        batch: f("batch")?,
    })
}

/// Opens the index under `dir/index`, creating it when `create` is set and it is absent.
pub(crate) fn open(dir: &Path, create: bool) -> Result<Index> {
    let path = dir.join("index");
    if path.join("meta.json").exists() {
        return Ok(Index::open_in_dir(&path)?);
    }
    if !create {
        return Err(crate::StoreError::Corrupt {
            path,
            message: "the search index is missing".into(),
        });
    }
    std::fs::create_dir_all(&path).map_err(io_err("creating", &path))?;
    Ok(Index::create_in_dir(&path, schema())?)
}
