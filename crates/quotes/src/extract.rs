//! Finding quotations, their cues and speakers in one document.

use newsgraph_core::{Doc, MentionKind, Quote, QuoteKind, Span, Speaker};

use crate::cues::{Cue, Cues};
use crate::lex::{scan, Dir, Kind, Tok};
use crate::words::{
    is_in, ADVERBIAL_START, DETERMINERS, FINITE, INTRO, NOT_CLAUSE_START, PP_HEADS, PP_JOIN, PRONOUNS, SKIP_BEFORE_CUE,
    STOP, TITLE_MINOR, TITLE_TRIGGERS,
};

/// Something odd in the text that extraction worked around (unbalanced marks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where (bytes of the document text).
    pub span: Span,
    /// What was odd.
    pub message: String,
}

/// Quotations of one document plus the warnings met on the way.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Quotations in text order (indirect speech after the marked quotes it may contain).
    pub quotes: Vec<Quote>,
    /// Unbalanced or stray quotation marks.
    pub warnings: Vec<Warning>,
}

/// A cue found at a token: (number of tokens, present participle, entry).
type CueHit<'a> = (usize, bool, &'a Cue);

/// One stretch of quoted words between marks, inside one paragraph.
#[derive(Debug, Clone)]
struct Piece {
    /// Token index of the opening mark.
    open: usize,
    /// Token index of the closing mark; `None` when the quote runs to the paragraph end.
    close: Option<usize>,
    /// The words between the marks.
    content: Span,
    /// Continues a quote opened in the previous paragraph.
    continued: bool,
    /// Continues into the next paragraph.
    continues: bool,
}

/// Where an attribution came from.
#[derive(Debug, Clone, Copy)]
struct Attribution {
    cue: Option<Span>,
    speaker: Option<Span>,
}

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Token range of each sentence.
    sent: Vec<(usize, usize)>,
    tok_sent: Vec<usize>,
    /// Token range of each paragraph.
    para: Vec<(usize, usize)>,
    tok_para: Vec<usize>,
    cue: Vec<Option<CueHit<'a>>>,
    in_quote: Vec<bool>,
}

/// Paragraphs of a text without a paragraph layer: runs of non-empty lines.
fn split_lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(Span::new(pos + lead, pos + lead + trimmed.len()));
        }
        pos += line.len();
    }
    out
}

/// For each token, the index of the span (sorted, disjoint) it starts in, or the next one.
fn assign(toks: &[Tok], spans: &[Span]) -> (Vec<usize>, Vec<(usize, usize)>) {
    let last = spans.len().saturating_sub(1);
    let of: Vec<usize> = toks
        .iter()
        .map(|t| spans.partition_point(|s| s.end <= t.start).min(last))
        .collect();
    let mut ranges = vec![(0usize, 0usize); spans.len().max(1)];
    let mut i = 0;
    for (s, range) in ranges.iter_mut().enumerate() {
        let lo = i;
        while i < of.len() && of[i] == s {
            i += 1;
        }
        *range = (lo, i);
    }
    (of, ranges)
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Doc, cues: &'a Cues) -> Ctx<'a> {
        let text = doc.text();
        let toks = scan(text);
        let paragraphs = if doc.paragraphs.is_empty() {
            split_lines(text)
        } else {
            doc.paragraphs.clone()
        };
        let sentences = if doc.sentences.is_empty() {
            paragraphs.clone()
        } else {
            doc.sentences.clone()
        };
        let (tok_sent, sent) = assign(&toks, &sentences);
        let (tok_para, para) = assign(&toks, &paragraphs);
        let mut ctx = Ctx {
            text,
            cue: vec![None; toks.len()],
            in_quote: vec![false; toks.len()],
            toks,
            sent,
            tok_sent,
            para,
            tok_para,
        };
        ctx.find_cues(cues);
        ctx
    }

    fn find_cues(&mut self, cues: &'a Cues) {
        for i in 0..self.toks.len() {
            if self.toks[i].kind != Kind::Word {
                continue;
            }
            let mut words: [&str; 3] = [""; 3];
            let mut n = 0;
            for (slot, t) in words.iter_mut().zip(&self.toks[i..]) {
                if t.kind != Kind::Word {
                    break;
                }
                *slot = &self.text[t.start..t.end];
                n += 1;
            }
            let Some(hit) = cues.match_at(&words[..n]) else {
                continue;
            };
            if !hit.2.source_after {
                let lo = self.sent_range(i).0;
                // "a call for", "the report", "Trump’s tweet": a determiner or a possessive
                // makes the cue word a noun.
                if i > lo
                    && ((is_in(self.w(i - 1), DETERMINERS) && !self.w(i - 1).eq_ignore_ascii_case("all"))
                        || self.is_possessive(i - 1))
                {
                    continue;
                }
                // "called for", "called off", "asked for": phrasal verbs that are not speech.
                let phrasal = match hit.2.lemma.as_str() {
                    "call" => &["for", "off", "up", "on"][..],
                    "ask" => &["for"][..],
                    _ => &[][..],
                };
                if i + 1 < self.toks.len() && is_in(self.w(i + 1), phrasal) {
                    continue;
                }
                // "The New York Post reports": a capitalized cue word inside a sentence is a name.
                let first_of_sentence = (lo..i).all(|j| !self.is_wordish(j));
                if self.is_cap(i) && !first_of_sentence {
                    continue;
                }
                // "on U.S. demands", "to Trump's calls": a preposition and a name before the
                // cue word make it a noun.
                let plural_like = self.w(i).ends_with('s') && !self.w(i).eq_ignore_ascii_case("says");
                if plural_like
                    && i >= lo + 2
                    && self.is_cap(i - 1)
                    && is_in(
                        self.w(i - 2),
                        &["on", "of", "in", "to", "for", "with", "by", "from", "about", "against"],
                    )
                {
                    continue;
                }
            }
            self.cue[i] = Some(hit);
        }
    }

    fn w(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    fn is_possessive(&self, i: usize) -> bool {
        let w = self.w(i);
        self.is_wordish(i) && (w.ends_with("’s") || w.ends_with("'s") || w.ends_with("s’") || w.ends_with("s'"))
    }

    fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].start, self.toks[b].end)
    }

    fn is_wordish(&self, i: usize) -> bool {
        matches!(self.toks[i].kind, Kind::Word | Kind::Num)
    }

    fn is_cap(&self, i: usize) -> bool {
        self.w(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn is_punct(&self, i: usize, c: &str) -> bool {
        self.toks[i].kind == Kind::Punct && self.w(i) == c
    }

    fn is_mark(&self, i: usize) -> bool {
        matches!(self.toks[i].kind, Kind::Mark(_))
    }

    fn sent_range(&self, i: usize) -> (usize, usize) {
        self.tok_sent
            .get(i)
            .and_then(|&s| self.sent.get(s))
            .copied()
            .unwrap_or((0, self.toks.len()))
    }

    /// A usable cue at token `i`: not inside quoted words.
    fn cue_at(&self, i: usize) -> Option<CueHit<'a>> {
        self.any_cue_at(i).filter(|c| !c.2.content)
    }

    /// Any cue at token `i`, including those that only introduce reported content.
    fn any_cue_at(&self, i: usize) -> Option<CueHit<'a>> {
        if self.in_quote[i] {
            return None;
        }
        self.cue[i]
    }

    fn cue_span(&self, i: usize) -> Option<Span> {
        self.cue[i].map(|(n, _, _)| self.span_of(i, i + n - 1))
    }

    // ---- quotation marks -------------------------------------------------------------------

    fn pair_marks(&mut self, warnings: &mut Vec<Warning>) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut carry = false;
        for p in 0..self.para.len() {
            let (lo, hi) = self.para[p];
            // (token, double) of open marks
            let mut stack: Vec<(usize, bool)> = Vec::new();
            let mut continued_open: Option<usize> = None;
            let mut in_attribute = false;
            for i in lo..hi {
                let Kind::Mark(m) = self.toks[i].kind else { continue };
                // `attr="…"` in leftover markup is not a quotation: skip both its marks.
                if m.double && in_attribute {
                    in_attribute = false;
                    continue;
                }
                if i > 0 && self.toks[i - 1].end == self.toks[i].start && self.is_punct(i - 1, "=") {
                    in_attribute = m.double;
                    continue;
                }
                let doubles_open = stack.iter().any(|s| s.1);
                if m.double {
                    let dir = match m.dir {
                        Dir::Either => {
                            if doubles_open {
                                Dir::Close
                            } else {
                                Dir::Open
                            }
                        }
                        // Straight marks cannot nest: one inside an open quote closes it.
                        Dir::Open if m.straight && doubles_open => Dir::Close,
                        // A straight closing-looking mark with nothing open opens ("(\"Yes").
                        Dir::Close if m.straight && !doubles_open && i + 1 < hi && self.is_wordish(i + 1) => Dir::Open,
                        d => d,
                    };
                    match dir {
                        Dir::Open => {
                            if stack.is_empty() && carry && i == lo {
                                continued_open = Some(i);
                            }
                            stack.push((i, true));
                        }
                        _ => {
                            let Some(pos) = stack.iter().rposition(|s| s.1) else {
                                warnings.push(Warning {
                                    span: self.span_of(i, i),
                                    message: "closing quotation mark without an opening one".into(),
                                });
                                continue;
                            };
                            let (open, _) = stack[pos];
                            stack.truncate(pos);
                            if stack.is_empty() {
                                let content = self.trim(self.toks[open].end, self.toks[i].start);
                                pieces.push(Piece {
                                    open,
                                    close: Some(i),
                                    content,
                                    continued: continued_open == Some(open),
                                    continues: false,
                                });
                            }
                        }
                    }
                } else if doubles_open {
                    // Single marks only matter as quotes inside quotes; elsewhere they are
                    // apostrophes far more often than quotation marks.
                    let top_single = stack.last().is_some_and(|s| !s.1);
                    match m.dir {
                        Dir::Open => stack.push((i, false)),
                        Dir::Close | Dir::Either if top_single => {
                            stack.pop();
                        }
                        _ => {}
                    }
                }
            }
            carry = false;
            if let Some(&(open, _)) = stack.iter().find(|s| s.1) {
                let end = self.toks[hi.saturating_sub(1).max(lo)].end;
                let content = self.trim(self.toks[open].end, end);
                let next_opens = self.para.get(p + 1).is_some_and(|&(nlo, nhi)| {
                    nlo < nhi && matches!(self.toks[nlo].kind, Kind::Mark(m) if m.double && m.dir != Dir::Close)
                });
                if next_opens {
                    carry = true;
                } else {
                    warnings.push(Warning {
                        span: self.span_of(open, open),
                        message: "quotation mark not closed by the end of its paragraph".into(),
                    });
                }
                let words = (open..hi).filter(|&j| self.is_wordish(j)).count();
                if next_opens || words >= 3 {
                    pieces.push(Piece {
                        open,
                        close: None,
                        content,
                        continued: continued_open == Some(open),
                        continues: next_opens,
                    });
                }
            }
        }
        for piece in &pieces {
            let end = piece
                .close
                .unwrap_or_else(|| self.para[self.tok_para[piece.open]].1.saturating_sub(1));
            for q in &mut self.in_quote[piece.open..=end.max(piece.open)] {
                *q = true;
            }
        }
        pieces
    }

    fn trim(&self, start: usize, end: usize) -> Span {
        let s = self.text.get(start..end).unwrap_or("");
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail >= s.len() {
            return Span::new(start, start);
        }
        Span::new(start + lead, end - trail)
    }

    fn last_tok(&self, piece: &Piece) -> usize {
        piece
            .close
            .unwrap_or_else(|| self.para[self.tok_para[piece.open]].1.saturating_sub(1))
    }

    /// Title-case quoted words that are a title or a name, not speech ("the film “13th”",
    /// "CNN's “State of the Union”", Robert C. "Bobby" Scott).
    fn is_title_or_name(&self, piece: &Piece) -> bool {
        let Some(close) = piece.close else { return false };
        let words: Vec<usize> = (piece.open + 1..close).filter(|&j| self.is_wordish(j)).collect();
        let Some(&first) = words.first() else { return true };
        if words.len() > 8 {
            return false;
        }
        let titled = |j: usize| {
            let w = self.w(j);
            w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || is_in(w, TITLE_MINOR)
        };
        let title_case = words.iter().all(|&j| titled(j)) && (self.is_cap(first) || !self.is_wordish(first));
        if !title_case {
            return false;
        }
        // Robert C. "Bobby" Scott: a nickname inside a name (a sentence splitter may have cut
        // after the initial, so look across sentences).
        let p = piece.open.wrapping_sub(1);
        if piece.open > 0
            && self.is_wordish(p)
            && self.is_cap(p)
            && close + 1 < self.toks.len()
            && self.is_wordish(close + 1)
            && self.is_cap(close + 1)
            && words.len() <= 2
        {
            return true;
        }
        let (slo, _) = self.sent_range(piece.open);
        let before: Vec<usize> = (slo..piece.open).rev().filter(|&j| !self.is_mark(j)).take(8).collect();
        let Some(&prev) = before.first() else { return false };
        if before.iter().take(2).any(|&j| is_in(self.w(j), TITLE_TRIGGERS)) || self.is_possessive(prev) {
            return true;
        }
        // A cue in the same clause makes title-case words speech ("said “Never.”", "called the
        // winner “Miss Piggy”"); without one they name something.
        !before.iter().any(|&j| self.cue_at(j).is_some())
    }

    // ---- speakers ----------------------------------------------------------------------------

    fn lower_in(&self, i: usize, list: &[&str]) -> bool {
        is_in(self.w(i), list)
    }

    /// The noun phrase ending at token `end - 1`, read leftwards, not before `lo`.
    fn np_left(&self, end: usize, lo: usize) -> Option<Span> {
        if end <= lo {
            return None;
        }
        let last = end - 1;
        if !self.is_wordish(last) {
            return None;
        }
        if self.lower_in(last, PRONOUNS) {
            return Some(self.span_of(last, last));
        }
        if self.lower_in(last, STOP) || self.cue[last].is_some() {
            return None;
        }
        let mut start = last;
        let mut n = 1;
        while start > lo && n < 10 {
            let j = start - 1;
            if !self.is_wordish(j) {
                break;
            }
            if self.lower_in(j, DETERMINERS) {
                start = j;
                if j >= lo + 2 && self.lower_in(j - 1, PP_JOIN) && self.lower_in(j - 2, PP_HEADS) {
                    start = j - 2;
                    n += 3;
                    continue;
                }
                break;
            }
            if self.lower_in(j, PP_JOIN) && j > lo && self.lower_in(j - 1, PP_HEADS) {
                start = j - 1;
                n += 2;
                continue;
            }
            if self.lower_in(j, STOP) || self.lower_in(j, PRONOUNS) || self.cue[j].is_some() {
                break;
            }
            // "In recent months China": lower-case words before a name are not part of it.
            if self.is_cap(start) && !self.is_cap(j) {
                break;
            }
            start = j;
            n += 1;
        }
        Some(self.span_of(start, last))
    }

    /// The noun phrase starting at token `start`, read rightwards, before `hi`.
    fn np_right(&self, start: usize, hi: usize) -> Option<Span> {
        if start >= hi || !self.is_wordish(start) {
            return None;
        }
        if self.lower_in(start, PRONOUNS) {
            return Some(self.span_of(start, start));
        }
        if self.lower_in(start, STOP) {
            return None;
        }
        let mut end = start;
        let mut k = start + 1;
        while k < hi && k - start < 12 {
            if !self.is_wordish(k) {
                break;
            }
            if self.lower_in(k, STOP) {
                let joins = self.lower_in(k, PP_JOIN)
                    && (self.lower_in(k - 1, PP_HEADS) || self.w(k).eq_ignore_ascii_case("of"))
                    && k + 1 < hi
                    && self.is_wordish(k + 1);
                if !joins {
                    break;
                }
            } else if self.cue[k].is_some() {
                break;
            } else {
                end = k;
            }
            k += 1;
        }
        Some(self.span_of(start, end))
    }

    /// The subject of a sentence whose verb is at `limit`, skipping introductory phrases.
    fn sentence_subject(&self, lo: usize, limit: usize) -> Option<Span> {
        let mut p = lo;
        while p < limit && (!self.is_wordish(p) || self.in_quote[p]) {
            p += 1;
        }
        for _ in 0..4 {
            if p >= limit {
                return None;
            }
            if self.lower_in(p, &["and", "but", "so", "yet", "or"]) {
                p += 1;
                continue;
            }
            let w = self.w(p);
            let adverb = w.len() > 4 && w.ends_with("ly");
            if self.lower_in(p, INTRO) || adverb {
                let comma = (p..limit.min(p + 14)).find(|&j| self.is_punct(j, ","));
                match comma {
                    Some(c) => {
                        p = c + 1;
                        continue;
                    }
                    None => break,
                }
            }
            break;
        }
        if p >= limit || !self.is_wordish(p) {
            return None;
        }
        if self.lower_in(p, PRONOUNS) {
            return Some(self.span_of(p, p));
        }
        let mut end = p;
        let mut k = p + 1;
        while k < limit && k - p < 8 && self.is_wordish(k) {
            let w = self.w(k);
            let lowercase = !self.is_cap(k);
            if self.lower_in(k, STOP) || self.cue[k].is_some() {
                break;
            }
            if lowercase && (w.ends_with("ed") || (w.ends_with('s') && self.is_cap(k - 1))) {
                break;
            }
            end = k;
            k += 1;
        }
        Some(self.span_of(p, end))
    }

    /// The subject NP of the cue verb at `cue_i`, read leftwards.
    fn subject_left(&self, cue_i: usize, lo: usize) -> Option<Span> {
        let mut k = cue_i;
        while k > lo {
            k -= 1;
            match self.toks[k].kind {
                Kind::Word | Kind::Num => {
                    let w = self.w(k);
                    let adverb = w.len() > 4 && w.ends_with("ly") && !self.is_cap(k);
                    if is_in(w, SKIP_BEFORE_CUE) || adverb {
                        continue;
                    }
                    // "Trump said … and said", "took to Twitter to accuse": the sentence's subject.
                    if is_in(w, &["and", "but", "or", "then", "to"]) {
                        return self.sentence_subject(lo, k);
                    }
                    if is_in(w, &["who", "which", "that"]) {
                        let j = if k > lo && self.is_punct(k - 1, ",") { k - 1 } else { k };
                        return self.np_left(j, lo);
                    }
                    return self.np_left(k + 1, lo);
                }
                Kind::Punct if self.w(k) == "," => {
                    // "House Speaker Paul Ryan, R-Wis., said": skip an appositive after a name.
                    let stop = k.saturating_sub(22).max(lo);
                    let mut j = k;
                    while j > stop {
                        j -= 1;
                        if self.is_mark(j) || self.cue[j].is_some() {
                            return None;
                        }
                        if self.is_punct(j, ",") {
                            break;
                        }
                    }
                    if j > lo && self.is_punct(j, ",") && self.is_cap(j - 1) && self.is_wordish(j - 1) {
                        return self.np_left(j, lo);
                    }
                    return None;
                }
                Kind::Punct if self.w(k) == ")" => {
                    while k > lo && !self.is_punct(k, "(") {
                        k -= 1;
                    }
                }
                _ => return None,
            }
        }
        None
    }

    /// Who speaks through the cue at token `i`.
    fn speaker_of(&self, i: usize) -> Option<Span> {
        let (n, participle, cue) = self.cue[i]?;
        let (lo, hi) = self.sent_range(i);
        if cue.source_after {
            return self.np_right(i + n, hi);
        }
        if participle && i > lo && self.is_punct(i - 1, ",") {
            // ", adding that …": the speaker of the clause before, unless that cue sits in a
            // relative clause ("an architect who said …, saying").
            let earlier = (lo..i - 1).rev().find(|&j| {
                self.cue_at(j).is_some_and(|c| !c.1)
                    && !(lo..j)
                        .rev()
                        .find(|&k| !self.lower_in(k, SKIP_BEFORE_CUE))
                        .is_some_and(|k| self.lower_in(k, &["who", "which", "that"]))
            });
            return match earlier {
                Some(j) => self.speaker_of(j),
                None => self.sentence_subject(lo, i - 1),
            };
        }
        if participle {
            // "by announcing", "before asking her": the sentence's subject speaks.
            let prev = (lo..i).rev().find(|&k| !self.lower_in(k, SKIP_BEFORE_CUE));
            let prep = match prev {
                None => true,
                Some(k) => self.lower_in(k, &["by", "before", "after", "while", "when", "without", "in", "of"]),
            };
            if prep {
                return self.sentence_subject(lo, i);
            }
            // "with Chinese state media saying": an NP that looks like one; else the subject.
            let np = self.subject_left(i, lo);
            let looks_np = np.is_some_and(|sp| {
                let k = self.tok_at(sp.start);
                self.is_cap(k)
                    || self.lower_in(k, DETERMINERS)
                    || self.lower_in(k, PRONOUNS)
                    || (k > lo && self.lower_in(k - 1, &["with"]))
            });
            return if looks_np { np } else { self.sentence_subject(lo, i) };
        }
        let prev_closes = i > lo
            && (self.is_mark(i - 1)
                || (self.is_punct(i - 1, ",") && i - 1 > lo && self.is_mark(i - 2))
                || self.is_punct(i - 1, ":"));
        if prev_closes || i == lo {
            if let Some(s) = self.np_right(i + n, hi) {
                return Some(s);
            }
        }
        self.subject_left(i, lo)
    }

    fn tok_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.end <= byte)
    }

    // ---- attribution -------------------------------------------------------------------------

    fn attribution_at(&self, cue_i: usize) -> Attribution {
        Attribution {
            cue: self.cue_span(cue_i),
            speaker: self.speaker_of(cue_i),
        }
    }

    /// A cue right after the closing mark: `“…,” Trump said`, `“…,” said Trump`,
    /// `“…,” Malkia Cyril, the executive director …, told`. A question or exclamation often
    /// ends the sentence at the mark (`“…?” Graham asked.`), so the next sentence is read when
    /// the quote ends its own.
    fn cue_right_adjacent(&self, close: usize) -> Option<usize> {
        let (_, mut hi) = self.sent_range(close);
        let mut k = close + 1;
        if (k..hi).all(|j| !self.is_wordish(j)) {
            let s = self.tok_sent[close];
            let ends_open = close > 0 && ["?", "!", ",", "—", "-"].iter().any(|p| self.is_punct(close - 1, p));
            match self.sent.get(s + 1) {
                Some(&(nlo, nhi)) if ends_open && self.tok_para.get(nlo) == self.tok_para.get(close) => {
                    k = nlo;
                    hi = nhi;
                }
                _ => return None,
            }
        }
        if k < hi && (self.is_punct(k, ",") || self.is_punct(k, "—") || self.is_punct(k, "–")) {
            k += 1;
        }
        let mut j = k;
        let mut words = 0;
        while j < hi && words < 7 {
            if self.cue_at(j).is_some() {
                return Some(j);
            }
            if self.is_punct(j, ",") && j > k && self.is_cap(j - 1) {
                // An appositive after the name: jump to its closing comma.
                let next = (j + 1..hi.min(j + 24)).find(|&x| self.is_punct(x, ",") || self.is_mark(x));
                match next {
                    Some(x) if self.is_punct(x, ",") => {
                        j = x + 1;
                        continue;
                    }
                    _ => return None,
                }
            }
            if self.is_punct(j, "(") {
                // "Rep. Gwen Moore (D-Wis.) said"
                match (j..hi.min(j + 8)).find(|&x| self.is_punct(x, ")")) {
                    Some(x) => {
                        j = x + 1;
                        continue;
                    }
                    None => return None,
                }
            }
            if !self.is_wordish(j) || (self.lower_in(j, STOP) && !self.lower_in(j, SKIP_BEFORE_CUE)) {
                return None;
            }
            words += 1;
            j += 1;
        }
        None
    }

    /// `“…” ― Pamela Padilla`: a dash and a name after the quote (vox pops, epigraphs).
    fn dash_attribution(&self, close: usize) -> Option<Attribution> {
        let k = close + 1;
        let dash = *self.toks.get(k)?;
        if dash.kind != Kind::Punct || !matches!(self.w(k), "―" | "—" | "–" | "-") {
            return None;
        }
        if k + 1 >= self.toks.len() || !self.is_cap(k + 1) || self.tok_para[k + 1] != self.tok_para[close] {
            return None;
        }
        let (_, hi) = self.sent_range(k + 1);
        let hi = hi.max(k + 2);
        let speaker = self.np_right(k + 1, hi)?;
        Some(Attribution {
            cue: Some(Span::new(dash.start, dash.end)),
            speaker: Some(speaker),
        })
    }

    fn cue_left(&self, open: usize) -> Option<usize> {
        let (lo, _) = self.sent_range(open);
        (lo..open)
            .rev()
            .find(|&j| self.cue_at(j).is_some_and(|c| !c.2.weak || open - j <= 8))
    }

    fn cue_right(&self, last: usize) -> Option<usize> {
        let (_, hi) = self.sent_range(last);
        (last + 1..hi).find(|&j| self.cue_at(j).is_some_and(|c| !c.2.weak))
    }

    /// The quote's own sentence(s): a cue before, after or around it.
    fn attribute_in_sentence(&self, open: usize, last: usize) -> Option<Attribution> {
        if let Some(a) = self.dash_attribution(last) {
            return Some(a);
        }
        let comma_before_close = last > open
            && (self.is_punct(last - 1, ",") || (last + 1 < self.toks.len() && self.is_punct(last + 1, ",")));
        let found = if comma_before_close {
            self.cue_right_adjacent(last)
        } else {
            None
        };
        found
            .or_else(|| self.cue_left(open))
            .or_else(|| self.cue_right_adjacent(last))
            .or_else(|| self.cue_right(last))
            .map(|j| self.attribution_at(j))
    }

    /// A speaker introduced in the previous sentence: `Caddell continued:` or `Trump said Friday.`
    fn attribute_previous_sentence(&self, open: usize, need_colon: bool) -> Option<usize> {
        let s = *self.tok_sent.get(open)?;
        if s == 0 || self.sent_range(open).0 != open && !(self.sent_range(open).0..open).all(|j| !self.is_wordish(j)) {
            return None;
        }
        let (plo, phi) = *self.sent.get(s - 1)?;
        if phi <= plo {
            return None;
        }
        let colon = (phi - 1..phi).any(|j| self.is_punct(j, ":"));
        if need_colon && !colon {
            return None;
        }
        if !colon && self.tok_para[plo] != self.tok_para[open] {
            return None;
        }
        (plo..phi)
            .rev()
            .find(|&j| self.cue_at(j).is_some_and(|c| !c.2.weak || colon))
    }

    fn kind_of(&self, piece: &Piece) -> QuoteKind {
        if piece.continued {
            return QuoteKind::Direct;
        }
        let (lo, _) = self.sent_range(piece.open);
        let prev = (lo..piece.open).rev().find(|&j| !self.is_mark(j));
        let starts_upper = self.text[piece.content.start..piece.content.end]
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        match prev {
            None => QuoteKind::Direct,
            Some(p) if self.is_punct(p, ":") || self.is_punct(p, "(") || self.is_punct(p, "—") => QuoteKind::Direct,
            Some(p) if self.is_punct(p, ",") && starts_upper => QuoteKind::Direct,
            Some(p) if self.cue_at(p).is_some() && starts_upper && self.is_clause(piece) => QuoteKind::Direct,
            _ => QuoteKind::Partial,
        }
    }

    fn is_clause(&self, piece: &Piece) -> bool {
        let last = self.last_tok(piece);
        (piece.open + 1..last).filter(|&j| self.is_wordish(j)).count() >= 3
    }
}

/// Finds every quotation in `doc` (which needs sentences; paragraphs are used when present),
/// resolving speakers to entities already in the doc by span overlap.
pub fn extract(doc: &Doc, cues: &Cues) -> Extraction {
    let mut warnings = Vec::new();
    if doc.text().is_empty() {
        return Extraction::default();
    }
    let mut ctx = Ctx::new(doc, cues);
    let pieces = ctx.pair_marks(&mut warnings);
    // Group pieces chained over paragraphs.
    let mut groups: Vec<Vec<&Piece>> = Vec::new();
    for piece in &pieces {
        match groups.last_mut() {
            Some(g) if piece.continued && g.last().is_some_and(|p| p.continues) => g.push(piece),
            _ => groups.push(vec![piece]),
        }
    }
    let mut quotes: Vec<Quote> = Vec::new();
    // The last attributed quote: (paragraph, sentence of its end, speaker).
    let mut last_speaker: Option<(usize, usize, Speaker)> = None;
    for group in groups {
        let (Some(first), Some(last_piece)) = (group.first(), group.last()) else {
            continue;
        };
        if group.len() == 1 && ctx.is_title_or_name(first) {
            continue;
        }
        let kinds: Vec<QuoteKind> = group.iter().map(|p| ctx.kind_of(p)).collect();
        let direct = kinds.contains(&QuoteKind::Direct);
        // Each piece of a multi-paragraph quote may carry the cue; the first found wins.
        let mut attr = group
            .iter()
            .find_map(|p| ctx.attribute_in_sentence(p.open, ctx.last_tok(p)));
        if attr.is_none() {
            if let Some(j) = ctx.attribute_previous_sentence(first.open, true) {
                attr = Some(ctx.attribution_at(j));
            }
        }
        let para = ctx.tok_para[first.open];
        let sent = ctx.tok_sent[first.open];
        if attr.is_none() {
            // A quote continued without a new cue: the same speaker as the quote before it.
            if let Some((lp, ls, sp)) = &last_speaker {
                let para_start = (ctx.para[para].0..first.open).all(|j| !ctx.is_wordish(j));
                if *lp == para || (*lp + 1 == para && para_start && sent <= ls + 2) {
                    attr = Some(Attribution {
                        cue: None,
                        speaker: Some(sp.span),
                    });
                }
            }
        }
        if attr.is_none() && direct {
            if let Some(j) = ctx.attribute_previous_sentence(first.open, false) {
                attr = Some(ctx.attribution_at(j));
            }
        }
        if attr.is_none() && !direct {
            // Quoted words with no one saying them are scare quotes, not quotations.
            continue;
        }
        let attr = attr.unwrap_or(Attribution {
            cue: None,
            speaker: None,
        });
        let speaker = attr.speaker.map(|span| Speaker {
            span,
            entity: resolve_entity(doc, span),
        });
        if let Some(sp) = &speaker {
            let last_tok = ctx.last_tok(last_piece);
            last_speaker = Some((ctx.tok_para[last_tok], ctx.tok_sent[last_tok], sp.clone()));
        }
        for (piece, kind) in group.iter().zip(kinds) {
            if piece.content.is_empty() {
                continue;
            }
            quotes.push(Quote {
                span: piece.content,
                kind,
                speaker: speaker.clone(),
                cue: attr.cue,
                tone: None,
            });
        }
    }
    let indirect = indirect_speech(&ctx, doc, &quotes);
    quotes.extend(indirect);
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    Extraction { quotes, warnings }
}

/// Reported speech without quotation marks: `Xi said the situation …`, `…, the people said`,
/// `according to four people …`.
fn indirect_speech(ctx: &Ctx<'_>, doc: &Doc, marked: &[Quote]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    for i in 0..ctx.toks.len() {
        let Some((n, participle, cue)) = ctx.any_cue_at(i) else {
            continue;
        };
        // Weak cues ("attacked X for …", "cited …", "urged …") also carry reported content
        // when what follows them is not already a marked quote.
        if !cue.indirect && !cue.weak {
            continue;
        }
        let (lo, hi) = ctx.sent_range(i);
        // Sentence end without its final punctuation and closing marks.
        let mut end = hi;
        while end > lo && !ctx.is_wordish(end - 1) && !ctx.is_mark(end - 1) {
            end -= 1;
        }
        let mut start = lo;
        while start < end && !ctx.is_wordish(start) && !ctx.is_mark(start) {
            start += 1;
        }
        let content: Option<(usize, usize)> = if cue.source_after {
            if i == start {
                // "According to X, CLAUSE."
                (i..end).find(|&j| ctx.is_punct(j, ",")).map(|c| (c + 1, end))
            } else {
                let stop = if i > lo && ctx.is_punct(i - 1, ",") { i - 1 } else { i };
                Some((start, stop))
            }
        } else {
            let after = i + n;
            // The cue's own clause ends at the next comma ("…, the people said, adding that …").
            let tail_end = (after..end).find(|&j| ctx.is_punct(j, ",")).unwrap_or(end);
            // "said (on Thursday) that CLAUSE", "told reporters that CLAUSE"; a "that" after a
            // verb belongs to the reported clause ("said officials have video that shows").
            let that = (after..end.min(after + 7))
                .take_while(|&j| ctx.is_wordish(j) && !ctx.lower_in(j, FINITE))
                .find(|&j| ctx.w(j).eq_ignore_ascii_case("that"));
            // The subject NP of the cue starts after a comma: "CLAUSE, X said …".
            let subj_comma = (lo..i).rev().take(12).find(|&j| ctx.is_punct(j, ",") || ctx.is_mark(j));
            let comma_before = subj_comma.filter(|&c| ctx.is_punct(c, ",") && c > start);
            let inverted = i > lo && ctx.is_punct(i - 1, ",");
            // "he said, “They want …”": a direct quote follows; it is not indirect speech.
            let quote_follows = (after..end.min(after + 2)).any(|j| ctx.is_mark(j));
            // Pattern "CLAUSE, X said" needs X to be the whole stretch between comma and cue.
            let subject_follows_comma = comma_before.is_some_and(|c| {
                ctx.subject_left(i, lo)
                    .is_some_and(|sp| ctx.toks[c + 1].start == sp.start)
            });
            if quote_follows {
                None
            } else if let Some(t) = that {
                Some((t + 1, end))
            } else if inverted && !participle && i - 1 > start {
                // "CLAUSE, said Mr. Barrett, the lawyer for …"
                Some((start, i - 1))
            } else if !participle
                && !cue.content
                && subject_follows_comma
                && tail_end + 1 < end
                && !ctx.is_mark(tail_end + 1)
                && ctx.cue_at(tail_end + 1).is_none()
                && ctx.is_punct(tail_end, ",")
                && tail_end - after <= 6
                && (after..tail_end).all(|j| !ctx.is_mark(j))
            {
                // "Back in Virginia, Mr. Clarke said, he decided …": the cue is parenthetical
                // and the reported clause is the whole sentence around it.
                Some((start, end))
            } else if !participle
                && !cue.content
                && subject_follows_comma
                && tail_end - after <= 8
                && (after..tail_end).all(|j| !ctx.is_mark(j))
                && (after == tail_end || ctx.lower_in(after, ADVERBIAL_START))
            {
                // "CLAUSE, the people said (in a statement)."
                match comma_before {
                    Some(c) if i - c <= 10 => Some((start, c)),
                    _ => None,
                }
            } else if after < end
                && ctx.is_wordish(after)
                && (!ctx.lower_in(after, NOT_CLAUSE_START)
                    || (cue.content
                        && ctx.lower_in(after, &["to"])
                        && after + 1 < end
                        && ctx.toks[after + 1].kind == Kind::Word
                        && !ctx.is_cap(after + 1)))
            {
                // "Xi said the situation … has undergone …", "told his advisers to …"
                Some((after, end))
            } else {
                None
            }
        };
        let Some((a, b)) = content else { continue };
        // Content ends before a trailing attribution of its own ("…, according to four people",
        // "…, the people said"), which belongs to another reported clause.
        let b = (a..b)
            .find(|&j| {
                j > a
                    && ctx.is_punct(j, ",")
                    && ((j + 1 != i && ctx.cue_at(j + 1).is_some())
                        || (j + 1..b.min(j + 6)).take_while(|&k| ctx.is_wordish(k)).any(|k| {
                            k != i
                                && ctx.cue_at(k).is_some_and(|c| !c.1)
                                && ctx
                                    .subject_left(k, lo)
                                    .is_some_and(|sp| sp.start == ctx.toks[j + 1].start)
                        }))
            })
            .unwrap_or(b);
        if b <= a || (a..b).filter(|&j| ctx.is_wordish(j)).count() < 3 {
            continue;
        }
        let span = ctx.trim(ctx.toks[a].start, ctx.toks[b - 1].end);
        let span = strip_marks(doc.text(), span);
        // Content that is one marked quote is that quote, not indirect speech.
        if marked
            .iter()
            .any(|q| q.span.contains(span) || span.len() <= q.span.len() + 4 && q.span.overlaps(span))
        {
            continue;
        }
        if out.iter().any(|q: &Quote| q.span == span) {
            continue;
        }
        let speaker = ctx.speaker_of(i).map(|s| Speaker {
            span: s,
            entity: resolve_entity(doc, s),
        });
        out.push(Quote {
            span,
            kind: QuoteKind::Indirect,
            speaker,
            cue: ctx.cue_span(i),
            tone: None,
        });
    }
    out
}

/// Trims quotation marks and commas at the edges of a content span.
fn strip_marks(text: &str, span: Span) -> Span {
    let s = text.get(span.start..span.end).unwrap_or("");
    let junk: &[char] = &['"', '“', '”', ',', ' ', '\u{a0}', '—'];
    let t = s.trim_start_matches(junk);
    let start = span.start + (s.len() - t.len());
    let t2 = t.trim_end_matches(|c: char| junk.contains(&c) || c == '.');
    Span::new(start, start + t2.len())
}

/// The entity whose mention overlaps the speaker span most (names before pronouns on ties).
fn resolve_entity(doc: &Doc, span: Span) -> Option<String> {
    let mut best: Option<(usize, u8, &str)> = None;
    for e in &doc.entities {
        for m in &e.mentions {
            if !m.span.overlaps(span) {
                continue;
            }
            // "Chinese state media", "American officials": a nationality that only modifies the
            // speaker's noun is not the speaker.
            if e.etype == newsgraph_core::EntityType::Nationality && m.span != span {
                continue;
            }
            let ov = m.span.end.min(span.end) - m.span.start.max(span.start);
            let rank = match m.kind {
                MentionKind::Name => 2,
                MentionKind::Nominal => 1,
                MentionKind::Pronoun => 0,
            };
            let better = match best {
                None => true,
                Some((bo, br, _)) => (ov, rank) > (bo, br),
            };
            if better {
                best = Some((ov, rank, &e.id));
            }
        }
    }
    best.map(|b| b.2.to_string())
}
