//! Nothing panics, and every layer keeps its invariants, on any input: thousands of strings built
//! deterministically (a fixed-seed LCG) from news-text fragments, tricky punctuation, every kind
//! of whitespace and control, non-Latin scripts, emoji sequences and random code points.

use newsgraph_core::{Span, TokenKind};
use newsgraph_text::{segment, tokenize};

/// Knuth's MMIX LCG: deterministic across platforms and runs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "The",
    "said",
    "U.S.",
    "U.S.-China",
    "Inc.",
    "Nov.",
    "No.",
    "No. 1",
    "a.m.",
    "J.P.",
    "F.",
    "e.g.",
    "etc.",
    "Xi’s",
    "don't",
    "countries’",
    "'s",
    "n't",
    "’",
    "'",
    "\"",
    "“",
    "”",
    "‘",
    "«",
    "»",
    "``",
    "''",
    ".",
    "..",
    "...",
    "…",
    ". . .",
    "?",
    "!",
    "?!",
    ",",
    ";",
    ":",
    "-",
    "--",
    "—",
    "–",
    "(",
    ")",
    "[",
    "]",
    "$",
    "$250",
    "6.5%",
    "1,200",
    "10:30",
    "11/30/2018",
    "2018-11-02",
    ".5",
    "’90s",
    "US$",
    "€",
    "state-owned",
    "http://example.com/a(b)",
    "www.x.y.",
    "me@example.org",
    "@user",
    "#tag",
    "#1",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{0B}",
    "\u{0C}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{A0}",
    "\u{3000}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{200D}",
    "\u{200E}",
    "\u{0}",
    "\u{1}",
    "\u{7F}",
    "\u{9F}",
    "\u{301}",
    "é",
    "e\u{301}",
    "中文",
    "。",
    "！",
    "？",
    "Москва",
    "العربية",
    "؟",
    "हिन्दी",
    "।",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "🇺🇸",
    "🇺",
    "\u{FE0F}",
    "\u{1F3FB}",
    "BEIJING (Reuters) -",
    "”",
    "Trump wrote.",
    "he said",
    "Mr.",
    "St.",
    "a",
    "B",
    "x",
    "1",
    "0",
];

fn random_text(rng: &mut Lcg) -> String {
    let parts = rng.below(40);
    let mut s = String::new();
    for _ in 0..parts {
        match rng.below(10) {
            // A random code point (surrogates excluded by `from_u32`).
            0 => {
                let cp = match rng.below(3) {
                    0 => rng.below(0x80) as u32,
                    1 => rng.below(0x3000) as u32,
                    _ => rng.below(0x11_0000) as u32,
                };
                s.extend(char::from_u32(cp));
            }
            1 => s.push(' '),
            _ => s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]),
        }
        if rng.below(3) == 0 {
            s.push(' ');
        }
    }
    s
}

fn on_boundaries(text: &str, s: Span) -> bool {
    s.start < s.end && text.get(s.start..s.end).is_some()
}

fn ordered(spans: impl Iterator<Item = Span>) -> bool {
    let mut prev_end = 0;
    for s in spans {
        if s.start < prev_end {
            return false;
        }
        prev_end = s.end;
    }
    true
}

/// Characters the segmenter may leave outside every token.
fn is_skippable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2065}'..='\u{206F}' | '\u{FEFF}' | '\u{180E}')
}

fn check(text: &str) {
    let seg = segment(text);
    let ctx = || format!("{text:?}");
    // Paragraphs: valid, ordered, trimmed.
    assert!(ordered(seg.paragraphs.iter().copied()), "{}", ctx());
    for p in &seg.paragraphs {
        assert!(on_boundaries(text, *p), "{}", ctx());
        let s = &text[p.start..p.end];
        assert!(
            !s.starts_with(is_skippable) && !s.ends_with(is_skippable),
            "untrimmed {s:?} in {}",
            ctx()
        );
    }
    // Sentences: valid, ordered, each inside one paragraph, each paragraph has one.
    assert!(ordered(seg.sentences.iter().copied()), "{}", ctx());
    for s in &seg.sentences {
        assert!(on_boundaries(text, *s), "{}", ctx());
        assert_eq!(seg.paragraphs.iter().filter(|p| p.contains(*s)).count(), 1, "{}", ctx());
    }
    for p in &seg.paragraphs {
        assert!(
            seg.sentences.iter().any(|s| p.contains(*s)),
            "empty paragraph in {}",
            ctx()
        );
    }
    // Tokens: valid, ordered, inside their sentence, which they span exactly.
    assert_eq!(seg.tokens.len(), seg.token_sentence.len());
    assert!(ordered(seg.tokens.iter().map(|t| t.span)), "{}", ctx());
    assert!(seg.token_sentence.windows(2).all(|w| w[0] <= w[1] && w[1] <= w[0] + 1));
    for (t, &k) in seg.tokens.iter().zip(&seg.token_sentence) {
        assert!(on_boundaries(text, t.span), "{}", ctx());
        let s = seg.sentences[k as usize];
        assert!(s.contains(t.span), "{}", ctx());
        assert!(
            !text[t.span.start..t.span.end].contains(char::is_whitespace),
            "{}",
            ctx()
        );
    }
    for (i, s) in seg.sentences.iter().enumerate() {
        let toks: Vec<_> = seg
            .tokens
            .iter()
            .zip(&seg.token_sentence)
            .filter(|(_, &k)| k as usize == i)
            .collect();
        assert!(!toks.is_empty(), "{}", ctx());
        assert_eq!(toks[0].0.span.start, s.start, "{}", ctx());
        assert_eq!(toks[toks.len() - 1].0.span.end, s.end, "{}", ctx());
    }
    // Nothing but space is dropped.
    let mut covered = 0;
    for t in &seg.tokens {
        let gap = &text[covered..t.span.start];
        assert!(gap.chars().all(is_skippable), "lost {gap:?} in {}", ctx());
        covered = t.span.end;
    }
    assert!(
        text[covered..].chars().all(is_skippable),
        "lost text at the end of {}",
        ctx()
    );
    // Kinds agree with the characters.
    for t in &seg.tokens {
        let s = &text[t.span.start..t.span.end];
        if t.kind == TokenKind::Number {
            assert!(s.contains(|c: char| c.is_ascii_digit()), "{s:?} in {}", ctx());
        }
    }
}

#[test]
fn generated_strings_keep_every_invariant() {
    let mut rng = Lcg(0x5eed_2018_1102);
    for _ in 0..20_000 {
        let text = random_text(&mut rng);
        check(&text);
    }
}

#[test]
fn edge_inputs_keep_every_invariant() {
    for text in [
        "",
        " ",
        "\n\n\n",
        "\u{0}",
        "\u{FEFF}",
        "\u{200D}",
        "\u{301}",
        ".",
        "...",
        "'",
        "\"",
        "“",
        "”",
        "’s",
        "n't",
        "-",
        "—",
        "$",
        "U.S.",
        "U.S",
        "Inc.",
        "No.",
        "No. ",
        "a.",
        "A.",
        "http://",
        "www.",
        "https://x",
        "@",
        "#",
        "..5",
        "'9",
        "’90",
        "🇺🇸🇺",
        "\u{200D}\u{200D}",
        "😀\u{200D}",
        "\r\n\r\n",
        "“.” A said.",
        ". A",
        "\" . \" A",
        "x\u{2029}y",
        "中文。中文！",
        "x\u{0}y\u{7F}z",
    ] {
        check(text);
    }
}

#[test]
fn long_degenerate_inputs_finish() {
    // Linear-time guards: each of these once risked a quadratic rescan.
    for unit in [
        "A.” Trump said, ",
        "“a.” B ",
        ".",
        "'",
        "-",
        "—",
        "a",
        "U.S.",
        "“",
        "\n",
        " ",
        "x.y",
        "$",
    ] {
        let text = unit.repeat(200_000 / unit.len());
        check(&text);
    }
}

#[test]
fn tokenize_any_region_stays_inside_it() {
    let mut rng = Lcg(42);
    for _ in 0..5_000 {
        let text = random_text(&mut rng);
        let a = rng.below(text.len() + 3);
        let b = rng.below(text.len() + 3);
        let mut out = Vec::new();
        tokenize(&text, Span::new(a, b), &mut out);
        for t in &out {
            assert!(on_boundaries(&text, t.span), "{text:?} {a}..{b}");
            assert!(t.span.start >= a && t.span.end <= b, "{text:?} {a}..{b}");
        }
        assert!(ordered(out.iter().map(|t| t.span)));
    }
}
