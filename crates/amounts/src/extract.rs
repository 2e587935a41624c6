//! Finding amounts in one document.

use newsgraph_core::{Amount, Doc, Span};

use crate::scan::{scan, Tok, K};
use crate::vocab::{Entry, Vocabulary};

const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("dozen", 12.0),
];

/// Words that end a counted-noun search: function words and common verbs.
const NOT_NOUN: &[&str] = &[
    "below", "above", "rather", "because", "ago", "apiece", "each", "alone", "instead", "a", "an", "the", "and", "or",
    "but", "to", "in", "on", "at", "by", "for", "with", "from", "into", "than", "as", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "will", "would", "could", "can", "said", "says", "percent", "that", "which", "who",
    "this", "these", "those", "it", "its", "their", "his", "her", "per", "more", "less", "each", "other", "others",
    "out", "up", "down", "off", "over", "under", "about", "after", "before", "if", "so", "not", "no", "all", "also",
    "among", "during", "since", "until", "through", "while", "when", "where", "we", "they", "he", "she", "you", "i",
    "them", "there", "here", "votes", "vote", "points",
];

/// Adjectives skipped before the counted noun ("four *senior* officials").
fn adjective_like(w: &str) -> bool {
    const ADJ: &[&str] = &[
        "single",
        "recent",
        "female",
        "male",
        "main",
        "only",
        "same",
        "certain",
        "particular",
        "several",
        "new",
        "senior",
        "former",
        "other",
        "additional",
        "major",
        "small",
        "large",
        "big",
        "key",
        "top",
        "young",
        "old",
        "local",
        "foreign",
        "american",
        "chinese",
        "more",
        "unarmed",
        "armed",
        "civilian",
        "separate",
        "different",
        "individual",
        "suspected",
        "wounded",
        "injured",
        "dead",
        "full",
        "low",
        "high",
    ];
    ADJ.contains(&w)
        || [
            "al", "ive", "ous", "ic", "ful", "ern", "ior", "ary", "ian", "ese", "ish", "less",
        ]
        .iter()
        .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
}

/// Verbs that link a measured subject to a percent ("growth *declined* to 6.5 percent").
fn change_verb(w: &str) -> bool {
    const V: &[&str] = &[
        "rose",
        "fell",
        "grew",
        "declined",
        "was",
        "were",
        "is",
        "are",
        "stood",
        "reached",
        "hit",
        "jumped",
        "dropped",
        "slipped",
        "climbed",
        "increased",
        "decreased",
        "expanded",
        "contracted",
        "slowed",
        "accelerated",
        "gained",
        "lost",
        "edged",
        "surged",
        "plunged",
        "tumbled",
        "soared",
        "rises",
        "falls",
        "grows",
        "declines",
        "rise",
        "fall",
        "grow",
        "decline",
        "be",
        "been",
        "remained",
        "remains",
        "sank",
        "eased",
        "cut",
        "raised",
        "lowered",
        "shrank",
        "shrunk",
        "dipped",
        "advanced",
        "averaged",
    ];
    V.contains(&w)
}

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    vocab: &'a Vocabulary,
    /// Per token: index of its sentence.
    tok_sent: Vec<usize>,
    sent: Vec<(usize, usize)>,
}

impl<'a> Ctx<'a> {
    fn w(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    fn lower(&self, i: usize) -> String {
        self.w(i).to_lowercase()
    }

    /// Longest vocabulary match starting at `i` (within the sentence): (tokens, entries).
    fn vocab_at(&self, i: usize) -> Option<(usize, &'a [Entry])> {
        let (_, hi) = self.sent_range(i);
        let mut key = String::new();
        let mut best = None;
        for n in 0..self.vocab.longest() {
            let j = i + n;
            if j >= hi {
                break;
            }
            if n > 0 {
                key.push(' ');
            }
            key.push_str(&self.lower(j));
            let e = self.vocab.get(&key);
            if !e.is_empty() {
                best = Some((n + 1, e));
            }
        }
        best
    }

    fn sent_range(&self, i: usize) -> (usize, usize) {
        self.tok_sent
            .get(i)
            .and_then(|&s| self.sent.get(s))
            .copied()
            .unwrap_or((0, self.toks.len()))
    }

    fn is_cap(&self, i: usize) -> bool {
        self.w(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn is_lower_word(&self, i: usize) -> bool {
        self.toks[i].kind == K::Word && self.w(i).chars().all(|c| c.is_lowercase() || c == '-' || c == '\'')
    }

    /// A number written in words starting at `i`: (value, end token).
    fn number_words(&self, i: usize, hi: usize) -> Option<(f64, usize)> {
        let mut j = i;
        let mut total = 0.0;
        let mut current: Option<f64> = None;
        // "a dozen", "a hundred", "a million"
        if matches!(self.lower(i).as_str(), "a" | "an") && i + 1 < hi {
            let next = self.lower(i + 1);
            let v = match next.as_str() {
                "dozen" => Some(12.0),
                "hundred" => Some(100.0),
                "thousand" | "million" | "billion" | "trillion" => Some(1.0),
                _ => None,
            }?;
            if v == 1.0 {
                return Some((1.0, i + 1));
            }
            current = Some(v);
            j = i + 2;
        }
        while j < hi && self.toks[j].kind == K::Word {
            let w = self.lower(j);
            let parts: Vec<&str> = w.split('-').collect();
            let mut v = 0.0;
            let mut ok = !parts.is_empty();
            for p in &parts {
                match UNITS.iter().find(|(n, _)| n == p) {
                    Some((_, x)) => v += x,
                    None => ok = false,
                }
            }
            if ok {
                current = Some(current.unwrap_or(0.0) + v);
                j += 1;
                continue;
            }
            if w == "hundred" {
                if let Some(c) = current {
                    current = Some(c.max(1.0) * 100.0);
                    j += 1;
                    continue;
                }
            }
            if w == "and" && current.is_some() && j + 1 < hi {
                let next = self.lower(j + 1);
                if UNITS
                    .iter()
                    .any(|(n, _)| next.split('-').all(|p| *n == p || UNITS.iter().any(|(m, _)| *m == p)))
                {
                    j += 1;
                    continue;
                }
            }
            break;
        }
        total += current?;
        Some((total, j))
    }

    fn numeric(&self, i: usize) -> Option<f64> {
        let s = self.w(i);
        if s.contains(['-', ':', '/']) {
            return None;
        }
        s.replace(',', "").parse().ok()
    }

    /// A number at `i`: (value, end, written with digits).
    fn number_at(&self, i: usize, hi: usize) -> Option<(f64, usize, bool)> {
        match self.toks[i].kind {
            K::Num => self.numeric(i).map(|v| (v, i + 1, true)),
            K::Word => self.number_words(i, hi).map(|(v, e)| (v, e, false)),
            _ => None,
        }
    }

    fn scale_at(&self, i: usize, hi: usize, money: bool) -> Option<(f64, usize)> {
        if i >= hi {
            return None;
        }
        let (n, entries) = self.vocab_at(i)?;
        entries.iter().find_map(|e| match e {
            // A bare "m" is metres unless money or glued to the number.
            Entry::Scale(f) if self.lower(i) != "m" || money || self.toks[i].attached => Some((*f, i + n)),
            _ => None,
        })
    }

    fn currency_before(&self, i: usize, lo: usize) -> Option<(String, usize)> {
        if i <= lo {
            return None;
        }
        let j = i - 1;
        let (_, entries) = self.vocab_at(j)?;
        entries.iter().find_map(|e| match e {
            Entry::CurrencyBefore(code) => Some((code.clone(), j)),
            _ => None,
        })
    }

    fn month_before(&self, i: usize, lo: usize) -> bool {
        i > lo
            && self
                .vocab_at(i - 1)
                .is_some_and(|(n, e)| n == 1 && e.contains(&Entry::Month))
    }

    fn approx_before(&self, start: usize, lo: usize) -> Option<(String, usize)> {
        let mut best = None;
        for n in 1..=3 {
            if start < lo + n {
                break;
            }
            let j = start - n;
            if let Some((len, entries)) = self.vocab_at(j) {
                if len == n {
                    if let Some(Entry::Approx(a)) = entries.iter().find(|e| matches!(e, Entry::Approx(_))) {
                        best = Some((a.clone(), j));
                    }
                }
            }
        }
        best
    }

    /// Lowercase words after `i` naming what is measured ("in trade", "of GDP").
    fn np_right(&self, i: usize, hi: usize) -> Option<Span> {
        let mut j = i;
        while j < hi && matches!(self.lower(j).as_str(), "the" | "a" | "an") {
            j += 1;
        }
        let start = j;
        let mut end = None;
        while j < hi && j < start + 3 && self.toks[j].kind == K::Word {
            let w = self.lower(j);
            if NOT_NOUN.contains(&w.as_str())
                || (end.is_none() && !noun_like(&w) && !adjective_like(&w))
                || self
                    .vocab_at(j)
                    .is_some_and(|(_, e)| e.iter().any(|x| matches!(x, Entry::Month)))
            {
                break;
            }
            // "in a single year": a time, not what is measured.
            if TIME_NOUNS.contains(&w.as_str()) {
                return None;
            }
            end = Some(j);
            j += 1;
        }
        end.map(|e| Span::new(self.toks[start].start, self.toks[e].end))
    }

    /// The subject NP of the clause before a percent: "economic growth declined to 6.5 percent".
    fn subject_left(&self, i: usize, lo: usize) -> Option<Span> {
        let mut j = i;
        // skip prepositions and approximations
        while j > lo
            && matches!(
                self.lower(j - 1).as_str(),
                "to" | "by" | "at" | "from" | "of" | "about" | "nearly" | "around" | "than" | "more" | "less" | "just"
            )
        {
            j -= 1;
        }
        let mut verbs = 0;
        while j > lo && self.is_lower_word(j - 1) && change_verb(&self.lower(j - 1)) && verbs < 3 {
            j -= 1;
            verbs += 1;
        }
        if verbs == 0 {
            return None;
        }
        let end = j;
        let mut start = j;
        while start > lo && end - start < 3 {
            let k = start - 1;
            // A capitalized word only at the sentence start ("Rates rose …").
            let wordish = self.is_lower_word(k) || (k == lo && self.toks[k].kind == K::Word);
            if !wordish || self.w(k).contains('-') || NOT_NOUN.contains(&self.lower(k).as_str()) {
                break;
            }
            start = k;
        }
        (start < end).then(|| Span::new(self.toks[start].start, self.toks[end - 1].end))
    }

    fn lemma(w: &str) -> String {
        let w = w.to_lowercase();
        let irregular = [
            ("people", "people"),
            ("men", "man"),
            ("women", "woman"),
            ("children", "child"),
            ("police", "police"),
        ];
        if let Some((_, l)) = irregular.iter().find(|(p, _)| *p == w) {
            return l.to_string();
        }
        if let Some(stem) = w.strip_suffix("ies") {
            if stem.len() > 1 {
                return format!("{stem}y");
            }
        }
        for suf in ["sses", "xes", "ches", "shes"] {
            if w.ends_with(suf) {
                return w[..w.len() - 2].to_string();
            }
        }
        if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") && w.len() > 3 {
            return w[..w.len() - 1].to_string();
        }
        w
    }
}

/// Amounts of `doc`, in text order.
pub fn extract(doc: &Doc, vocab: &Vocabulary) -> Vec<Amount> {
    let text = doc.text();
    let toks = scan(text);
    let sentences: Vec<Span> = if doc.sentences.is_empty() {
        vec![Span::new(0, text.len())]
    } else {
        doc.sentences.clone()
    };
    let last = sentences.len().saturating_sub(1);
    let tok_sent: Vec<usize> = toks
        .iter()
        .map(|t| sentences.partition_point(|s| s.end <= t.start).min(last))
        .collect();
    let mut sent = vec![(0usize, 0usize); sentences.len().max(1)];
    let mut k = 0;
    for (s, r) in sent.iter_mut().enumerate() {
        let lo = k;
        while k < tok_sent.len() && tok_sent[k] == s {
            k += 1;
        }
        *r = (lo, k);
    }
    let ctx = Ctx {
        text,
        toks,
        vocab,
        tok_sent,
        sent,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < ctx.toks.len() {
        match find_at(&ctx, i) {
            Some((amount, next)) => {
                out.push(amount);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// An amount whose number starts at token `i`, and the token after it.
fn find_at(ctx: &Ctx<'_>, i: usize) -> Option<(Amount, usize)> {
    // Cheap test first: almost every token is neither digits nor a number word.
    let could_be_number = match ctx.toks[i].kind {
        K::Num => true,
        K::Word => {
            let w = ctx.w(i);
            let first = w.split('-').next().unwrap_or(w);
            w.eq_ignore_ascii_case("a")
                || w.eq_ignore_ascii_case("an")
                || UNITS.iter().any(|(n, _)| n.eq_ignore_ascii_case(first))
        }
        _ => false,
    };
    if !could_be_number {
        return None;
    }
    let (lo, hi) = ctx.sent_range(i);
    let (mut value, mut j, digits) = ctx.number_at(i, hi)?;
    // False friends around the number.
    if ctx.month_before(i, lo)
        || (j < hi
            && ctx
                .vocab_at(j)
                .is_some_and(|(n, e)| n == 1 && e.contains(&Entry::Month)))
    {
        return None; // "Nov. 30", "30 November": a date
    }
    if digits
        && i + 1 < hi
        && ctx.toks[i + 1].attached
        && matches!(ctx.lower(i + 1).as_str(), "st" | "nd" | "rd" | "th" | "s")
    {
        return None; // "16th", "1990s"
    }
    let currency = ctx.currency_before(i, lo);
    if i > lo && currency.is_none() {
        let p = i - 1;
        let prev = ctx.w(p);
        let named = ctx.toks[p].kind == K::Word
            && ctx.is_cap(p)
            && ctx.approx_before(i, lo).is_none()
            && ctx.currency_before(i, lo).is_none();
        // "Boeing 737", "Section 230", "No. 1", "#1", "Group of 20"
        if named || prev == "#" || (prev.eq_ignore_ascii_case("of") && p > lo && ctx.is_cap(p - 1)) {
            return None;
        }
    }
    let raw = ctx.w(i);
    let year = digits && raw.len() == 4 && !raw.contains([',', '.']) && (1000.0..=2100.0).contains(&value);
    let money = currency.is_some();
    let mut scale = 1.0;
    if let Some((f, e)) = ctx.scale_at(j, hi, money) {
        scale = f;
        j = e;
    }
    value *= scale;
    // Unit after the number; for "between 3 and 5 percent" after the second number.
    let mut unit: Option<String> = currency.as_ref().map(|c| c.0.clone());
    let mut percentage_points = false;
    let mut counted: Option<(usize, usize)> = None;
    let mut early_range: Option<(f64, usize)> = None;
    if unit.is_none() && !year && j + 1 < hi && is_connector(ctx, j, i, lo) {
        if let Some((v2, mut e2, _)) = ctx.number_at(j + 1, hi) {
            let mut s2 = 1.0;
            if let Some((f, e)) = ctx.scale_at(e2, hi, false) {
                s2 = f;
                e2 = e;
            }
            if let Some((u, pp, e)) = unit_after(ctx, e2, lo, hi)? {
                unit = Some(u);
                percentage_points = pp;
                if scale == 1.0 && s2 != 1.0 {
                    value *= s2;
                }
                early_range = Some((v2 * s2, e));
                j = e;
            }
        }
    }
    if unit.is_none() {
        if let Some((u, pp, e)) = unit_after(ctx, j, lo, hi)? {
            unit = Some(u);
            percentage_points = pp;
            j = e;
        }
    }
    if year && unit.is_none() {
        return None; // "in 2013", "the 1996 pageant"
    }
    if unit.is_none() {
        // A counted noun, possibly after modifiers: "four people", "three senior officials",
        // "four rotating battalion-sized units", "3,210 shooting victims". More than one thing
        // is counted with a plural noun, so modifiers are skipped up to the first plural.
        let plural_count = value > 1.0;
        let mut found = None;
        for k in j..hi.min(j + 4) {
            if !ctx.is_lower_word(k) {
                break;
            }
            let w = ctx.lower(k);
            let not_counted = ctx
                .vocab_at(k)
                .is_some_and(|(_, e)| e.iter().any(|x| matches!(x, Entry::NotCounted | Entry::Month)));
            if NOT_NOUN.contains(&w.as_str()) || not_counted || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
                break;
            }
            if noun_like(&w) && (!plural_count || plural(&w)) {
                found = Some(k);
                break;
            }
            if !plural_count && !adjective_like(&w) {
                break;
            }
        }
        if let Some(k) = found {
            unit = Some(Ctx::lemma(&ctx.lower(k)));
            counted = Some((j, k));
            j = k + 1;
        }
    }
    let unit = unit?;
    // Ranges: "$3 billion to $5 billion", "between 3 and 5 percent", "3 to 5 percent".
    let mut range_to = early_range.map(|r| r.0);
    let start_tok = currency.as_ref().map_or(i, |c| c.1);
    let between = start_tok > lo && ctx.lower(start_tok - 1) == "between";
    let mut end_tok = j;
    let connector = if counted.is_none() && early_range.is_none() && j < hi {
        Some(ctx.lower(j))
    } else {
        None
    };
    if let Some(conn) = connector {
        if conn == "to" || conn == "-" || conn == "–" || (conn == "and" && between) {
            let mut k = j + 1;
            if k < hi && ctx.currency_before(k + 1, lo).is_some() && ctx.toks[k].kind == K::Sym {
                k += 1;
            }
            if k < hi {
                if let Some((v2, mut e2, _)) = ctx.number_at(k, hi) {
                    let mut s2 = 1.0;
                    if let Some((f, e)) = ctx.scale_at(e2, hi, money) {
                        s2 = f;
                        e2 = e;
                    }
                    if let Some((n, entries)) = ctx.vocab_at(e2) {
                        if entries
                            .iter()
                            .any(|x| matches!(x, Entry::Percent(Some(_)) | Entry::CurrencyAfter(_)))
                        {
                            e2 += n;
                        }
                    }
                    range_to = Some(v2 * s2);
                    if scale == 1.0 && s2 != 1.0 {
                        value *= s2;
                    }
                    end_tok = e2;
                }
            }
        }
    }
    let approx = ctx.approx_before(start_tok, lo).map(|a| a.0);
    let span = Span::new(ctx.toks[start_tok].start, ctx.toks[end_tok - 1].end);
    let object = match counted {
        Some((a, b)) => Some(Span::new(ctx.toks[a].start, ctx.toks[b].end)),
        None => {
            let after = end_tok;
            let next = if after < hi { ctx.lower(after) } else { String::new() };
            let right = if matches!(next.as_str(), "of") || (unit != "%" && matches!(next.as_str(), "in" | "for")) {
                ctx.np_right(after + 1, hi)
            } else if next == "worth" && after + 1 < hi && ctx.lower(after + 1) == "of" {
                ctx.np_right(after + 2, hi)
            } else if unit == "%" && after < hi && ctx.is_lower_word(after) {
                ctx.np_right(after, hi)
            } else {
                None
            };
            right.or_else(|| {
                let left_start = approx_start(ctx, start_tok, lo);
                if unit == "%" {
                    ctx.subject_left(left_start, lo)
                } else if left_start >= lo + 2
                    && matches!(ctx.lower(left_start - 1).as_str(), "on" | "of")
                    && ctx.is_lower_word(left_start - 2)
                {
                    Some(Span::new(ctx.toks[left_start - 2].start, ctx.toks[left_start - 2].end))
                } else {
                    None
                }
            })
        }
    };
    // Huge digit strings overflow to infinity, which JSON cannot carry.
    if !value.is_finite() || range_to.is_some_and(|r| !r.is_finite()) {
        return None;
    }
    let amount = Amount {
        span,
        value,
        unit,
        object,
        approx,
        range_to,
        percentage_points,
    };
    Some((amount, end_tok))
}

fn approx_start(ctx: &Ctx<'_>, start: usize, lo: usize) -> usize {
    ctx.approx_before(start, lo).map_or(start, |a| a.1)
}

/// "to", "-", "–", or "and" after "between": a range continues.
fn is_connector(ctx: &Ctx<'_>, j: usize, start: usize, lo: usize) -> bool {
    let w = ctx.lower(j);
    w == "to" || w == "-" || w == "–" || (w == "and" && start > lo && ctx.lower(start - 1) == "between")
}

/// A currency word or percent at `j`: Ok(None) when there is none, Err(()) when the noun at `j`
/// makes the number something other than an amount ("six months").
fn unit_after(ctx: &Ctx<'_>, j: usize, lo: usize, hi: usize) -> Option<Option<(String, bool, usize)>> {
    if j >= hi {
        return Some(None);
    }
    let Some((n, entries)) = ctx.vocab_at(j) else {
        return Some(None);
    };
    for e in entries {
        match e {
            Entry::CurrencyAfter(code) => return Some(Some((code.clone(), false, j + n))),
            Entry::Percent(pp) => {
                let sentence = &ctx.text[ctx.toks[lo].start..ctx.toks[hi - 1].end];
                let pp = match pp {
                    Some(p) => Some(*p),
                    None => (sentence.contains("percent") || sentence.contains('%')).then_some(true),
                };
                return Some(pp.map(|p| ("%".to_string(), p, j + n)));
            }
            Entry::NotCounted => return None,
            _ => {}
        }
    }
    Some(None)
}

/// Nouns of time: "in a single year" says when, not what is measured.
const TIME_NOUNS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "quarter", "quarters", "decade", "decades",
    "period", "time", "hour", "hours",
];

/// A word that can head a counted noun phrase: not a participle, adverb or superlative.
fn noun_like(w: &str) -> bool {
    let plural_ing = w.ends_with("ings"); // "buildings", "meetings"
    let adverb_or_superlative = w.ends_with("ly") || w.ends_with("est");
    let participle = (w.ends_with("ed") && !w.ends_with("eed")) || (w.ends_with("ing") && !plural_ing);
    !adverb_or_superlative && !participle && !adjective_like(w)
}

/// A plural noun, regular or irregular.
fn plural(w: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "people",
        "police",
        "children",
        "men",
        "women",
        "staff",
        "personnel",
        "cattle",
        "feet",
        "teeth",
        "mice",
    ];
    IRREGULAR.contains(&w) || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is"))
}
