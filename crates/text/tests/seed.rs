//! The seed article must segment into exactly its 37 sentences and 25 paragraphs.
//!
//! The article lives in the shared data folder (`NEWSGRAPH_SHARED`), whose text must not be copied
//! into the repository, so the snapshot records each sentence by its code-point span and its first
//! and last few tokens: enough to review every boundary against the article by eye.

use std::path::PathBuf;

fn shared() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

/// The seed text: the file starts ` date 2018-11-02 ` and the text follows the first whitespace
/// after the date.
fn seed_text() -> String {
    let path = shared().join("seed/article.txt");
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (set NEWSGRAPH_SHARED to the shared data folder)",
            path.display()
        )
    });
    let rest = raw
        .trim_start()
        .strip_prefix("date")
        .expect("header starts with `date`")
        .trim_start();
    let date_end = rest.find(char::is_whitespace).expect("a date then whitespace");
    let mut after = rest[date_end..].chars();
    after.next();
    after.as_str().to_string()
}

#[test]
fn seed_article_has_37_sentences_in_25_paragraphs() {
    let text = seed_text();
    assert_eq!(text.chars().count(), 6021, "header stripping");
    let seg = newsgraph_text::segment(&text);
    assert_eq!(seg.paragraphs.len(), 25);
    let cp = |b: usize| text[..b].chars().count();
    let sentences: Vec<String> = seg
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let toks: Vec<&str> = seg
                .tokens
                .iter()
                .zip(&seg.token_sentence)
                .filter(|(_, &k)| k as usize == i)
                .map(|(t, _)| &text[t.span.start..t.span.end])
                .collect();
            let head = toks[..toks.len().min(3)].join(" ");
            let tail = toks[toks.len().saturating_sub(2)..].join(" ");
            format!("{}-{}: {head} … {tail}", cp(s.start), cp(s.end))
        })
        .collect();
    insta::assert_json_snapshot!("seed_sentences", sentences);
    assert_eq!(seg.sentences.len(), 37, "{sentences:#?}");
}
