//! Matching rules over sentences, choosing among overlapping matches, and normalizing the winners.

use chrono::{Datelike, Duration, NaiveDate};
use newsgraph_core::{Span, Timex, TimexType};

use crate::calendar::{add_months, containing, dct_unit, expand_year2, nth_weekday, quarter_of, shift, Cal, Season};
use crate::lexicon::{Build, Lexicon, Rule};
use crate::tense::{tense_at, Tense};
use crate::Options;

/// One rule match before selection.
struct Cand {
    rule: usize,
    span: Span,
    sent: usize,
    caps: Vec<Option<(usize, usize)>>,
}

/// Sentences an anchored expression may look back over for its anchor.
const ANCHOR_SENTENCES: usize = 3;

struct Ctx<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    dct: NaiveDate,
    sentences: &'a [Span],
    /// The last date mentioned, with its sentence index.
    anchor: Option<(Cal, usize)>,
    /// The last quarter mentioned, with its sentence index and whether it was spoken of as
    /// past (results reported for it).
    quarter_anchor: Option<(Cal, usize, bool)>,
    /// The sentence of the last six- or nine-month total ("the first nine months"), when it
    /// came after the last quarter named.
    months_period: Option<usize>,
}

struct M<'a> {
    c: &'a Cand,
    rule: &'a Rule,
    text: &'a str,
}

impl<'a> M<'a> {
    fn span(&self, name: &str) -> Option<Span> {
        let i = *self.rule.groups.get(name)?;
        self.c.caps.get(i).copied().flatten().map(|(s, e)| Span::new(s, e))
    }
    fn get(&self, name: &str) -> Option<&'a str> {
        self.span(name).map(|s| &self.text[s.start..s.end])
    }
}

/// Runs all rules over `text` and returns normalized timexes in text order.
pub(crate) fn tag(
    lex: &Lexicon,
    text: &str,
    dct: NaiveDate,
    sentences: &[Span],
    opts: &Options,
) -> Vec<(Timex, &'static str)> {
    let mut cands = Vec::new();
    // Each rule scans the whole text once (one lazy-DFA pass), rather than every sentence
    // separately: far fewer searches. A match must lie inside one sentence.
    let mut present: Vec<Option<bool>> = vec![None; lex.needs.len()];
    for (ri, rule) in lex.rules.iter().enumerate() {
        if let Some(opt) = &rule.def.option {
            if opt == "ages" && !opts.ages {
                continue;
            }
        }
        if let Some(ni) = rule.needs {
            let hit = *present[ni].get_or_insert_with(|| lex.needs[ni].is_match(text));
            if !hit {
                continue;
            }
        }
        for caps in rule.regex.captures_iter(text) {
            let Some(m0) = caps.get(0) else { continue };
            let si = sentences.partition_point(|s| s.end <= m0.start());
            let Some(sp) = sentences.get(si) else { continue };
            if m0.start() < sp.start || m0.end() > sp.end {
                continue;
            }
            let caps: Vec<Option<(usize, usize)>> = caps.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect();
            let (start, end) = match rule.extent_group.and_then(|g| caps.get(g).copied().flatten()) {
                Some(x) => x,
                None => (m0.start(), m0.end()),
            };
            if start >= end || rejected(rule, text, start, end) || title_case(lex, text, sp.start, start, end) {
                continue;
            }
            cands.push(Cand {
                rule: ri,
                span: Span::new(start, end),
                sent: si,
                caps,
            });
        }
    }
    // Longest match first, then the higher priority, then the earlier rule.
    cands.sort_by(|a, b| {
        let (ra, rb) = (&lex.rules[a.rule], &lex.rules[b.rule]);
        b.span
            .len()
            .cmp(&a.span.len())
            .then(rb.def.priority.cmp(&ra.def.priority))
            .then(ra.index.cmp(&rb.index))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut chosen: Vec<Cand> = Vec::new();
    for c in cands {
        if chosen.iter().all(|k| !k.span.overlaps(c.span)) {
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|c| c.span.start);
    let mut ctx = Ctx {
        lex,
        text,
        dct,
        sentences,
        anchor: None,
        quarter_anchor: None,
        months_period: None,
    };
    let mut out = Vec::new();
    for c in &chosen {
        let rule = &lex.rules[c.rule];
        let m = M { c, rule, text };
        // Only dates named outright become anchors: one computed from an anchor ("a year
        // earlier") must not become the base of the next, or shifts would compound.
        // "the latest quarter" names the quarter under discussion without shifting it.
        let unshifted_ref = rule.build == Build::QuarterRef
            && m.get("yback").is_none()
            && matches!(
                m.get("which").map(crate::lexicon::key).as_deref(),
                None | Some("the" | "this" | "latest" | "current" | "recent" | "most recent")
            );
        // "the previous Friday" is counted from the anchor: it must not become the next one.
        let anaphoric_day = m
            .get("shift")
            .map(crate::lexicon::key)
            .is_some_and(|k| matches!(k.as_str(), "previous" | "preceding" | "following"))
            && m.get("weekday").is_some();
        let explicit = (matches!(rule.build, Build::Calendar | Build::YearRange | Build::DayRange)
            && m.get("yago").is_none()
            && !anaphoric_day)
            || unshifted_ref;
        for (t, cal) in normalize(&mut ctx, &m) {
            // "In the first nine months, net was …, compared with … in the 1988 period": after a
            // half or nine-month total, year-back comparisons are about a year, not the quarter
            // discussed before it.
            if rule.build == Build::Duration && matches!(t.value.as_str(), "P6M" | "P9M") {
                ctx.quarter_anchor = None;
                if matches!(ctx.anchor, Some((Cal::Quarter(..), _))) {
                    ctx.anchor = None;
                }
                ctx.months_period = Some(c.sent);
            }
            if let (Some(cal), true) = (cal, explicit) {
                if matches!(cal, Cal::Quarter(..)) {
                    let past = sentence_tense(&ctx, &m) == Tense::Past;
                    ctx.quarter_anchor = Some((cal, c.sent, past));
                    ctx.months_period = None;
                }
                ctx.anchor = Some((cal, c.sent));
            }
            out.push((t, lex.rules[c.rule].id));
        }
    }
    out.sort_by_key(|(t, _)| (t.span.start, t.span.end));
    out
}

fn head_lower(s: &str, n: usize) -> String {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_lowercase()
}

fn tail_lower(s: &str, n: usize) -> String {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    s[start..].to_lowercase()
}

const AMOUNT_WORDS: &[&str] = &[
    "cents", "dollars", "percent", "times", "once", "twice", "million", "billion", "yen", "pounds", "euros", "hours",
];

fn rejected(rule: &Rule, text: &str, start: usize, end: usize) -> bool {
    if !rule.reject_after.is_empty() {
        let after = head_lower(&text[end..], 16);
        if rule.reject_after.iter().any(|r| after.starts_with(r.as_str())) {
            return true;
        }
    }
    if !rule.reject_before.is_empty() {
        let before = tail_lower(&text[..start], 8);
        if rule.reject_before.iter().any(|r| before.ends_with(r.as_str())) {
            return true;
        }
    }
    if rule.def.require_before_digit && !text[start..end].to_ascii_lowercase().starts_with("per") {
        let before = text[..start].trim_end();
        let word_start = before.rfind(char::is_whitespace).map_or(0, |p| p + 1);
        let word = before[word_start..].to_ascii_lowercase();
        let ok = word.chars().any(|c| c.is_ascii_digit() || c == '%') || AMOUNT_WORDS.contains(&word.as_str());
        if !ok {
            return true;
        }
    }
    false
}

/// A capitalised common word in mid-sentence starts a title or name, not a time: ABC's "This
/// Week", "60 Minutes", "High Noon". Months, weekdays, holidays and zones are capitalised anyway
/// and are exempt, as is anything at the start of its sentence (after quotes or brackets).
fn title_case(lex: &Lexicon, text: &str, sent_start: usize, start: usize, end: usize) -> bool {
    let Some(word) = text[start..end]
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .find(|w| w.chars().any(char::is_alphabetic))
    else {
        return false;
    };
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    if !first_upper || word.chars().any(|c| c.is_ascii_digit()) || lex.proper_words.contains(word) {
        return false;
    }
    // All capitals are an acronym or a shouted headline, not a title.
    if word.chars().all(|c| !c.is_lowercase()) {
        return false;
    }
    let raw = text[sent_start..start].trim_end();
    let before = raw.trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘`([".contains(c));
    // A quotation opened after a comma starts a sentence of its own (He said, "Last year we
    // lost money."); a title follows a word (ABC's "This Week").
    let quoted = before.len() < raw.len() && before.ends_with(',');
    // After a full stop the sentence splitter may have kept an abbreviation ("Co. Recently, …")
    // as the end of the previous sentence: treat it as a sentence start too.
    !before.is_empty() && !quoted && !before.ends_with([':', '—', '-', ';', '.', '!', '?'])
}

type Out = Vec<(Timex, Option<Cal>)>;

fn timex(span: Span, ttype: TimexType, value: String, modifier: Option<String>) -> Timex {
    Timex {
        span,
        ttype,
        value,
        modifier,
        freq: None,
        quant: None,
    }
}

fn normalize(ctx: &mut Ctx<'_>, m: &M<'_>) -> Out {
    let rule = m.rule;
    let span = m.c.span;
    let one = |v: Option<(String, Option<Cal>, Option<String>)>| -> Out {
        match v {
            Some((value, cal, modifier)) => vec![(timex(span, rule.ttype, value, modifier), cal)],
            None => Vec::new(),
        }
    };
    match rule.build {
        Build::Calendar => {
            let mut r = calendar(ctx, m);
            // "the week of March 6": the week holding the date.
            if m.get("weekof").is_some() {
                r = r.and_then(|(c, _, md)| Some((containing(c, "W")?, None, md)));
            }
            one(r.map(|(c, v, md)| (v.unwrap_or_else(|| c.to_string()), Some(c), md)))
        }
        Build::YearRange => year_range(ctx, m),
        Build::DayRange => day_range(ctx, m),
        Build::QuarterRef => one(quarter_ref(ctx, m).map(|c| (c.to_string(), Some(c), None))),
        Build::PodToday => {
            let pod = match m.get("pod") {
                Some(p) => ctx.lex.lookup("POD", p).map(str::to_string),
                None => m.get("tonight").map(|_| "NI".to_string()),
            };
            let day = if m.get("last").is_some() {
                ctx.dct.pred_opt()
            } else {
                Some(ctx.dct)
            };
            one(pod.zip(day).map(|(p, d)| (format!("{}T{p}", Cal::Day(d)), None, None)))
        }
        Build::Shift => {
            let s = m.get("shift").and_then(|s| ctx.lex.lookup("SHIFT", s)).unwrap_or("0");
            let n: i64 = s.trim_start_matches('+').parse().unwrap_or(0);
            let unit = m.get("unit").and_then(|u| ctx.lex.lookup("UNIT_SING", u));
            let md = premod(ctx, m);
            // "from $3 million last year" right after a quarter's figure: that quarter a year back.
            if unit == Some("Y") && n == -1 && md.is_none() {
                if let Some(q) = recent_quarter(ctx, m, 0).and_then(|q| shift(q, "Y", -1)) {
                    return one(Some((q.to_string(), Some(q), None)));
                }
            }
            if unit == Some("WE") && m.get("shift").is_none() {
                return one(weekend(ctx, m).map(|c| (c.to_string(), Some(c), md)));
            }
            one(unit
                .and_then(|u| dct_unit(ctx.dct, u, n))
                .map(|c| (c.to_string(), Some(c), md)))
        }
        Build::Ago | Build::FromNow => {
            let sign = if rule.build == Build::Ago { -1 } else { 1 };
            one(ago(ctx, m, sign))
        }
        Build::Anchored => one(anchored(ctx, m).map(|c| (c.to_string(), Some(c), None))),
        Build::That => one(that_unit(ctx, m).map(|c| (c.to_string(), Some(c), None))),
        Build::YearAdj => one(year_back(ctx, m, "Y", -1).map(|c| (c.to_string(), Some(c), None))),
        Build::QuarterYear => {
            let y = explicit_year(ctx, m);
            // "the 1988 period" right after a nine-month total is that total's year.
            if let (Some(y), Some(s)) = (y, ctx.months_period) {
                if m.c.sent.saturating_sub(s) <= ANCHOR_SENTENCES {
                    return one(Some((Cal::Year(y).to_string(), Some(Cal::Year(y)), None)));
                }
            }
            let q = recent_quarter(ctx, m, ANCHOR_SENTENCES)
                .or_else(|| shift(Cal::Quarter(quarter_of(ctx.dct).0, quarter_of(ctx.dct).1), "Q", -1));
            match (y, q) {
                (Some(y), Some(Cal::Quarter(_, q))) => {
                    one(Some((Cal::Quarter(y, q).to_string(), Some(Cal::Quarter(y, q)), None)))
                }
                _ => Vec::new(),
            }
        }
        Build::Duration => {
            // "the two-year deal": a hyphenated adjective leaves the article to its noun.
            let (Some(num), Some(unit)) = (m.span("num"), m.span("unit")) else {
                return one(duration(ctx, m).map(|(v, md)| (v, None, md)));
            };
            // "a quarter of the market", "three-quarters of its food": fractions.
            if m.text[unit.start..unit.end].to_ascii_lowercase().starts_with("quarter")
                && m.text[span.end..]
                    .strip_prefix(" of ")
                    .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_digit()))
            {
                return Vec::new();
            }
            let lead = crate::lexicon::key(&m.text[span.start..num.start]);
            if lead == "the" && m.text[num.end..unit.start].contains('-') {
                return match duration(ctx, m) {
                    Some((v, md)) => vec![(timex(Span::new(num.start, span.end), rule.ttype, v, md), None)],
                    None => Vec::new(),
                };
            }
            one(duration(ctx, m).map(|(v, md)| (v, None, md)))
        }
        Build::VagueRef => {
            let v = if m.get("past").is_some() {
                "PAST_REF"
            } else {
                "FUTURE_REF"
            };
            one(Some((v.to_string(), None, None)))
        }
        Build::Fixed => {
            if rule.def.not_in_past && sentence_tense(ctx, m) == Tense::Past {
                return Vec::new();
            }
            one(rule.def.value.clone().map(|v| (v, None, None)))
        }
        Build::AnchoredPod => {
            // Only a day named just before gives "in the morning" a day; the DCT would be a guess.
            let pod = m.get("pod").and_then(|p| ctx.lex.lookup("POD", p));
            match (ctx.anchor, pod) {
                (Some((a @ Cal::Day(_), s)), Some(p)) if m.c.sent.saturating_sub(s) <= 1 => {
                    one(Some((format!("{a}T{p}"), None, None)))
                }
                _ => Vec::new(),
            }
        }
        Build::Clock => one(clock(ctx, m).map(|(v, md)| (v, None, md))),
        Build::Set => match set(ctx, m) {
            Some((value, freq)) => {
                let mut t = timex(span, rule.ttype, value, None);
                t.freq = freq.or_else(|| rule.def.freq.clone());
                t.quant = rule.def.quant.clone();
                vec![(t, None)]
            }
            None => Vec::new(),
        },
    }
}

fn sentence_tense(ctx: &Ctx<'_>, m: &M<'_>) -> Tense {
    let Some(sp) = ctx.sentences.get(m.c.sent) else {
        return Tense::None;
    };
    let s = &ctx.text[sp.start..sp.end];
    tense_at(ctx.lex, s, m.c.span.start - sp.start, m.c.span.end - sp.start)
}

fn premod(ctx: &Ctx<'_>, m: &M<'_>) -> Option<String> {
    let p = m.get("premod")?;
    let p = p.trim_end_matches(|c: char| c == '-' || c.is_whitespace());
    ctx.lex
        .lookup("PREMOD", p)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn parse_int(ctx: &Ctx<'_>, s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(n) = s.parse::<i64>() {
        return Some(n);
    }
    let k = crate::lexicon::key(s);
    if k == "a" || k == "an" {
        return Some(1);
    }
    if let Some(v) = ctx.lex.lookup("NUMWORD", &k) {
        return v.parse().ok();
    }
    let mut total = 0i64;
    for part in k.split([' ', '-']).filter(|p| !p.is_empty()) {
        total += ctx.lex.lookup("NUMWORD", part)?.parse::<i64>().ok()?;
    }
    Some(total)
}

/// Resolves an underspecified date among candidate occurrences by their signed distance `d` from
/// the DCT. `shift` −1/+1 takes the nearest strictly before/after. Otherwise each candidate costs
/// |d|, plus `penalty` when it lies on the side the clause's tense rules out, or — with no tense
/// cue at all — plus `none_bias` when it lies in the future (news reports what happened more
/// often than what will); the cheapest wins, ties going to the past.
fn pick<T: Copy>(cands: &[(i64, T)], tense: Tense, shift: Option<i64>, penalty: i64, none_bias: i64) -> Option<T> {
    match shift {
        Some(-1) => {
            return cands
                .iter()
                .filter(|(d, _)| *d < 0)
                .max_by_key(|(d, _)| *d)
                .map(|x| x.1)
        }
        Some(1) => {
            return cands
                .iter()
                .filter(|(d, _)| *d > 0)
                .min_by_key(|(d, _)| *d)
                .map(|x| x.1)
        }
        _ => {}
    }
    let cost = |d: i64| -> i64 {
        let extra = match tense {
            Tense::Past if d > 0 => penalty,
            Tense::Future if d < 0 => penalty,
            Tense::None if d > 0 => none_bias,
            _ => 0,
        };
        d.abs().saturating_add(extra)
    };
    cands.iter().min_by_key(|(d, _)| (cost(*d), *d > 0)).map(|x| x.1)
}

/// Tense decides weekdays outright.
const STRICT: i64 = i64::MAX / 4;
/// A bare month with no tense cue is taken in the past unless the coming one is at least this
/// many months nearer ("rose to a high in June from $29.75 in March", written in October: the
/// March just gone; "orders for November", written in October: the coming one).
const MONTH_NONE_BIAS: i64 = 6;

/// A month-day date on the wrong side of the DCT for its tense costs this many days more.
const DAY_PENALTY: i64 = 183;

type CalOut = (Cal, Option<String>, Option<String>);

fn explicit_year(ctx: &Ctx<'_>, m: &M<'_>) -> Option<i32> {
    for g in ["year", "year_b"] {
        if let Some(y) = m.get(g) {
            let n: i32 = y.trim_start_matches('\'').parse().ok()?;
            return Some(if y.trim_start_matches('\'').len() == 2 {
                expand_year2(n, ctx.dct)
            } else {
                n
            });
        }
    }
    if let Some(w) = m.get("year_words").or_else(|| m.get("year_words_b")) {
        return year_from_words(ctx, w);
    }
    if let Some(y) = m.get("year2") {
        return Some(expand_year2(y.parse().ok()?, ctx.dct));
    }
    for g in ["yshift", "yshift_b"] {
        if let Some(s) = m.get(g) {
            let n: i32 = ctx.lex.lookup("SHIFT", s)?.trim_start_matches('+').parse().ok()?;
            return Some(ctx.dct.year() + n);
        }
    }
    if m.get("the_year").is_some() {
        return Some(ctx.dct.year());
    }
    None
}

/// "nineteen ninety-six" → 1996, "two thousand" → 2000, "two thousand and one" → 2001.
fn year_from_words(ctx: &Ctx<'_>, w: &str) -> Option<i32> {
    let k = crate::lexicon::key(w).replace('-', " ");
    if let Some(rest) = k.strip_prefix("two thousand") {
        let rest = rest.trim().trim_start_matches("and").trim();
        let n = if rest.is_empty() { 0 } else { parse_int(ctx, rest)? };
        return Some(2000 + n as i32);
    }
    let (first, rest) = k.split_once(' ')?;
    let c = parse_int(ctx, first)?;
    let n = parse_int(ctx, rest)?;
    ((10..=20).contains(&c) && (10..100).contains(&n)).then_some((c * 100 + n) as i32)
}

fn shift_of(ctx: &Ctx<'_>, m: &M<'_>) -> Option<i64> {
    let s = m.get("shift")?;
    ctx.lex.lookup("SHIFT", s)?.trim_start_matches('+').parse().ok()
}

fn ordinal(ctx: &Ctx<'_>, s: &str) -> Option<u32> {
    s.parse().ok().or_else(|| ctx.lex.lookup("ORDINAL", s)?.parse().ok())
}

fn calendar(ctx: &Ctx<'_>, m: &M<'_>) -> Option<CalOut> {
    let lex = ctx.lex;
    let dct = ctx.dct;
    let md = premod(ctx, m);
    let year = explicit_year(ctx, m);
    let pod = m.get("pod").and_then(|p| lex.lookup("POD", p));
    let with_pod = |c: Cal| -> Option<String> { pod.map(|p| format!("{c}T{p}")) };
    if let Some(off) = m.get("deictic").and_then(|d| lex.lookup("DEICTIC", d)) {
        let mut off: i64 = off.trim_start_matches('+').parse().ok()?;
        match m.get("before").map(str::to_ascii_lowercase).as_deref() {
            Some("before") => off -= 1,
            Some("after") => off += 1,
            _ => {}
        }
        let c = Cal::Day(dct.checked_add_signed(Duration::days(off))?);
        return Some((c, with_pod(c), md));
    }
    if let Some(d) = m.get("decade") {
        let y: i32 = d.parse().ok()?;
        return Some((Cal::Decade(y / 10), None, md));
    }
    if let Some(d) = m.get("decade2") {
        let y = expand_year2(d.parse().ok()?, dct);
        return Some((Cal::Decade(y / 10), None, md));
    }
    if let Some(w) = m.get("decade_words") {
        let tens: i32 = lex.lookup("DECADE_WORD", w)?.parse().ok()?;
        let century = match m.get("century_words").map(crate::lexicon::key).as_deref() {
            Some("eighteen") => 18,
            Some("nineteen") => 19,
            Some("twenty") => 20,
            // The latest such decade begun by the DCT: "the nineties" in 1998 or 2018 is 199.
            _ => {
                let c = dct.year().div_euclid(100);
                if c * 100 + tens * 10 > dct.year() {
                    c - 1
                } else {
                    c
                }
            }
        };
        return Some((Cal::Decade(century * 10 + tens), None, md));
    }
    if let Some(c) = m.get("century") {
        let n: i32 = c.parse().ok()?;
        if !(1..=21).contains(&n) {
            return None;
        }
        return Some((Cal::Century(n - 1), None, md));
    }
    if let Some(q) = m.get("quarter").or_else(|| m.get("quarter_b")) {
        let q = ordinal(ctx, q)?;
        if !(1..=4).contains(&q) {
            return None;
        }
        if let Some(y) = year {
            return Some((Cal::Quarter(y, q), None, md));
        }
        if m.get("yago").is_some() {
            let base = recent_quarter(ctx, m, ANCHOR_SENTENCES)
                .and_then(|c| if let Cal::Quarter(y, _) = c { Some(y) } else { None })
                .unwrap_or(dct.year());
            return Some((Cal::Quarter(base - 1, q), None, md));
        }
        let cands: Vec<(i64, Cal)> = (dct.year() - 1..=dct.year() + 1)
            .filter_map(|y| {
                let start = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
                let (ny, nm) = add_months(y, (q - 1) * 3 + 1, 3);
                let end = NaiveDate::from_ymd_opt(ny, nm, 1)? - Duration::days(1);
                // Distance 0 while the quarter is under way.
                let d = if end < dct {
                    (end - dct).num_days()
                } else if start > dct {
                    (start - dct).num_days()
                } else {
                    0
                };
                Some((d, Cal::Quarter(y, q)))
            })
            .collect();
        // A quarter named without a year is the latest one begun by the DCT whatever the tense:
        // "expects to report a third-quarter loss" is about the quarter just ended.
        return pick(&cands, Tense::Past, None, STRICT, STRICT).map(|c| (c, None, md));
    }
    if let Some(h) = m.get("half") {
        let h = match crate::lexicon::key(h).as_str() {
            // "the last half" alone may be the half-year just gone; only "the last half of
            // 1989" (of a year) is surely the second.
            "last" | "latter" if year.is_none() || !m.text[m.c.span.start..m.c.span.end].contains(" of ") => {
                return None
            }
            "last" | "latter" => 2,
            _ => ordinal(ctx, h)?,
        };
        let y = year.unwrap_or(dct.year());
        return Some((Cal::Half(y, h), None, md));
    }
    if let Some(s) = m.get("season") {
        let s = Season::parse(lex.lookup("SEASON", s)?)?;
        if let Some(y) = year {
            return Some((Cal::Season(y, s), None, md));
        }
        let (dy, ds) = Season::of(dct);
        let cur = i64::from(dy) * 4 + ds as i64;
        let cands: Vec<(i64, Cal)> = (dy - 1..=dy + 1)
            .map(|y| (i64::from(y) * 4 + s as i64 - cur, Cal::Season(y, s)))
            .collect();
        let sh = shift_of(ctx, m);
        if sh == Some(0) {
            return Some((Cal::Season(dy, s), None, md));
        }
        return pick(&cands, sentence_tense(ctx, m), sh, STRICT, 0).map(|c| (c, None, md));
    }
    if let Some(h) = m.get("holiday") {
        let spec = lex.lookup("HOLIDAY", h)?;
        let date_in = |y: i32| -> Option<NaiveDate> {
            let parts: Vec<u32> = spec.split('-').filter_map(|p| p.parse().ok()).collect();
            match parts.as_slice() {
                [mm, dd] => NaiveDate::from_ymd_opt(y, *mm, *dd),
                [n, wd, mm] => nth_weekday(y, *mm, *wd, *n),
                _ => None,
            }
        };
        if let Some(y) = year {
            return date_in(y).map(|d| (Cal::Day(d), None, md));
        }
        let cands: Vec<(i64, Cal)> = (dct.year() - 1..=dct.year() + 1)
            .filter_map(|y| date_in(y).map(|d| ((d - dct).num_days(), Cal::Day(d))))
            .collect();
        return pick(&cands, sentence_tense(ctx, m), shift_of(ctx, m), DAY_PENALTY, 0).map(|c| (c, None, md));
    }
    let month: Option<u32> = match (m.get("month"), m.get("month_num")) {
        (Some(w), _) => lex.lookup("MONTH", w).or_else(|| lex.lookup("MONTHX", w))?.parse().ok(),
        (None, Some(n)) => n.parse().ok(),
        _ => None,
    };
    if let Some(mo) = month {
        if !(1..=12).contains(&mo) {
            return None;
        }
        let day: Option<u32> = match m.get("day") {
            Some(d) => Some(d.parse().ok()?),
            None => None,
        };
        if let Some(y) = year {
            return match day {
                Some(d) => NaiveDate::from_ymd_opt(y, mo, d).map(|d| (Cal::Day(d), None, md)),
                None => Some((Cal::Month(y, mo), None, md)),
            };
        }
        let sh = shift_of(ctx, m);
        if sh == Some(0) {
            return match day {
                Some(d) => NaiveDate::from_ymd_opt(dct.year(), mo, d).map(|d| (Cal::Day(d), None, md)),
                None => Some((Cal::Month(dct.year(), mo), None, md)),
            };
        }
        let cands: Vec<(i64, Cal)> = (dct.year() - 1..=dct.year() + 1)
            .filter_map(|y| match day {
                Some(d) => {
                    let date = NaiveDate::from_ymd_opt(y, mo, d)?;
                    Some(((date - dct).num_days(), Cal::Day(date)))
                }
                None => Some((
                    (i64::from(y) * 12 + i64::from(mo)) - (i64::from(dct.year()) * 12 + i64::from(dct.month())),
                    Cal::Month(y, mo),
                )),
            })
            .collect();
        // A bare month follows the tense outright: "collapsed in December" is never next month.
        let (penalty, bias) = if day.is_some() {
            (DAY_PENALTY, 0)
        } else {
            (STRICT, MONTH_NONE_BIAS)
        };
        return pick(&cands, sentence_tense(ctx, m), sh, penalty, bias).map(|c| (c, None, md));
    }
    if let Some(w) = m.get("weekday") {
        let wd: i64 = lex.lookup("WEEKDAY", w)?.parse().ok()?;
        let dw = i64::from(dct.weekday().number_from_monday());
        let cands: Vec<(i64, Cal)> = (-7..=7)
            .filter(|k: &i64| (dw + k - 1).rem_euclid(7) + 1 == wd)
            .filter_map(|k| Some((k, Cal::Day(dct.checked_add_signed(Duration::days(k))?))))
            .collect();
        let sh = shift_of(ctx, m);
        // "the previous Friday", "the following Monday" count from the day under discussion
        // (the last one named nearby), where "last Friday" and "next Monday" count from the DCT.
        let anaphoric = m
            .get("shift")
            .map(crate::lexicon::key)
            .is_some_and(|k| matches!(k.as_str(), "previous" | "preceding" | "following"));
        if let (true, Some((Cal::Day(a), s)), Some(n)) = (anaphoric, ctx.anchor, sh) {
            if m.c.sent.saturating_sub(s) <= ANCHOR_SENTENCES {
                let aw = i64::from(a.weekday().number_from_monday());
                let k = if n < 0 {
                    -((aw - wd - 1).rem_euclid(7) + 1)
                } else {
                    (wd - aw - 1).rem_euclid(7) + 1
                };
                let c = Cal::Day(a.checked_add_signed(Duration::days(k))?);
                return Some((c, with_pod(c), md));
            }
        }
        let c = if sh == Some(0) {
            Some(Cal::Day(dct.checked_add_signed(Duration::days(wd - dw))?))
        } else {
            // With no cue a bare weekday is taken as past: in TimeBank 282 of 297 are on or before
            // the DCT. A possessive one ("get around Wednesday's ruling") names an event that
            // has taken place, whatever the tense of the clause (all 21 in TimeBank do).
            let tense = if possessive_follows(ctx.text, m.c.span.end) {
                Tense::Past
            } else {
                sentence_tense(ctx, m)
            };
            pick(&cands, tense, sh, STRICT, STRICT)
        }?;
        return Some((c, with_pod(c), md));
    }
    year.map(|y| (Cal::Year(y), None, md))
}

/// Whether the text at `at` is a possessive 's (straight or curly), optionally after a part of
/// day ("Saturday night's debate" is matched as "Saturday night").
fn possessive_follows(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    rest.starts_with("'s") || rest.starts_with("’s")
}

/// "the weekend": the coming one in a future clause, else the latest begun.
fn weekend(ctx: &Ctx<'_>, m: &M<'_>) -> Option<Cal> {
    let dw = i64::from(ctx.dct.weekday().number_from_monday());
    let n = match sentence_tense(ctx, m) {
        Tense::Future => 0,
        _ if dw >= 6 => 0,
        _ => -1,
    };
    dct_unit(ctx.dct, "WE", n)
}

fn year_range(ctx: &Ctx<'_>, m: &M<'_>) -> Out {
    let (Some(sa), Some(sb)) = (m.span("a"), m.span("b")) else {
        return Vec::new();
    };
    let Ok(a) = m.text[sa.start..sa.end].parse::<i32>() else {
        return Vec::new();
    };
    let bt = &m.text[sb.start..sb.end];
    let Ok(mut b) = bt.parse::<i32>() else {
        return Vec::new();
    };
    if bt.len() == 2 {
        b += a - a.rem_euclid(100);
        if b < a {
            b += 100;
        }
    }
    if b <= a || b - a > 200 {
        return Vec::new();
    }
    let _ = ctx;
    vec![
        (
            timex(sa, TimexType::Date, Cal::Year(a).to_string(), None),
            Some(Cal::Year(a)),
        ),
        (
            timex(sb, TimexType::Date, Cal::Year(b).to_string(), None),
            Some(Cal::Year(b)),
        ),
    ]
}

fn day_range(ctx: &Ctx<'_>, m: &M<'_>) -> Out {
    let (Some(sm), Some(sa), Some(sb)) = (m.span("month"), m.span("a"), m.span("b")) else {
        return Vec::new();
    };
    let mw = &m.text[sm.start..sm.end];
    let Some(mo) = ctx
        .lex
        .lookup("MONTH", mw)
        .or_else(|| ctx.lex.lookup("MONTHX", mw))
        .and_then(|v| v.parse::<u32>().ok())
    else {
        return Vec::new();
    };
    let (Ok(a), Ok(b)) = (
        m.text[sa.start..sa.end].parse::<u32>(),
        m.text[sb.start..sb.end].parse::<u32>(),
    ) else {
        return Vec::new();
    };
    if b <= a {
        return Vec::new();
    }
    let year = match explicit_year(ctx, m) {
        Some(y) => y,
        None => {
            let cands: Vec<(i64, i32)> = (ctx.dct.year() - 1..=ctx.dct.year() + 1)
                .filter_map(|y| Some(((NaiveDate::from_ymd_opt(y, mo, a)? - ctx.dct).num_days(), y)))
                .collect();
            match pick(&cands, sentence_tense(ctx, m), None, DAY_PENALTY, 0) {
                Some(y) => y,
                None => return Vec::new(),
            }
        }
    };
    let (Some(da), Some(db)) = (
        NaiveDate::from_ymd_opt(year, mo, a),
        NaiveDate::from_ymd_opt(year, mo, b),
    ) else {
        return Vec::new();
    };
    vec![
        (
            timex(
                Span::new(sm.start, sa.end),
                TimexType::Date,
                Cal::Day(da).to_string(),
                None,
            ),
            Some(Cal::Day(da)),
        ),
        (
            timex(sb, TimexType::Date, Cal::Day(db).to_string(), None),
            Some(Cal::Day(db)),
        ),
    ]
}

fn quarter_ref(ctx: &Ctx<'_>, m: &M<'_>) -> Option<Cal> {
    let which = m.get("which").unwrap_or("the").to_ascii_lowercase();
    let which: String = which.split_whitespace().collect::<Vec<_>>().join(" ");
    let (dy, dq) = quarter_of(ctx.dct);
    let current = Cal::Quarter(dy, dq);
    let last_done = shift(current, "Q", -1)?;
    let reported = recent_quarter(ctx, m, ANCHOR_SENTENCES).unwrap_or(last_done);
    if m.get("yback").is_some() {
        return shift(reported, "Y", -1);
    }
    Some(match which.as_str() {
        "current" | "this" => current,
        // Results are reported for quarters already over: a quarter still under way or ahead
        // that was mentioned last ("a fourth-quarter charge") is not "the latest quarter".
        "latest" | "recent" | "most recent" => {
            let reported_past = ctx.quarter_anchor.is_some_and(|a| a.2);
            if quarter_key(reported) > quarter_key(last_done) && !reported_past {
                last_done
            } else {
                reported
            }
        }
        "the" => reported,
        "last" | "past" => last_done,
        "previous" | "prior" => shift(reported, "Q", -1)?,
        // year-ago, year-earlier, comparable, same: the reported quarter a year before.
        _ => shift(reported, "Y", -1)?,
    })
}

/// Orders quarters in time; other granularities sort first.
fn quarter_key(c: Cal) -> (i32, u32) {
    match c {
        Cal::Quarter(y, q) => (y, q),
        _ => (i32::MIN, 0),
    }
}

/// The last quarter mentioned at most `window` sentences back.
fn recent_quarter(ctx: &Ctx<'_>, m: &M<'_>, window: usize) -> Option<Cal> {
    let (q, s, _) = ctx.quarter_anchor?;
    (m.c.sent.saturating_sub(s) <= window).then_some(q)
}

fn qmod(ctx: &Ctx<'_>, m: &M<'_>) -> Option<String> {
    let q = m.get("qmod")?;
    ctx.lex.lookup("QMOD", q).map(str::to_string).or_else(|| {
        let k = crate::lexicon::key(q);
        (k.starts_with("about") || k.starts_with("around") || k.starts_with("approx")).then(|| "APPROX".to_string())
    })
}

fn ago(ctx: &Ctx<'_>, m: &M<'_>, sign: i64) -> Option<(String, Option<Cal>, Option<String>)> {
    let md = qmod(ctx, m).map(|q| match (q.as_str(), sign) {
        ("MORE_THAN", -1) => "BEFORE".to_string(),
        ("LESS_THAN", -1) => "AFTER".to_string(),
        _ => q,
    });
    if m.get("vague").is_some() {
        return Some((if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string(), None, md));
    }
    let n = parse_int(ctx, m.get("num")?)?;
    let unit = ctx.lex.lookup("UNIT", m.get("unit")?)?;
    // "a year ago" next to a quarter in the same sentence compares quarters (earnings news).
    if sign < 0 && unit == "Y" {
        if let Some(q) = recent_quarter(ctx, m, ANCHOR_SENTENCES) {
            let c = shift(q, "Y", -n)?;
            return Some((c.to_string(), Some(c), md));
        }
    }
    let c = match unit {
        // "a decade ago" is a year, not a decade.
        "DE" => Cal::Year(ctx.dct.year() - 10 * n as i32),
        "CE" => Cal::Year(ctx.dct.year() - 100 * n as i32),
        _ => dct_unit(ctx.dct, unit, sign * n)?,
    };
    Some((c.to_string(), Some(c), md))
}

fn anchored(ctx: &Ctx<'_>, m: &M<'_>) -> Option<Cal> {
    let dir = m.get("dir").or_else(|| m.get("dir_b"))?.to_ascii_lowercase();
    let sign = match dir.as_str() {
        "later" | "next" | "following" | "after" => 1,
        _ => -1,
    };
    let n = match m.get("num") {
        Some(s) => parse_int(ctx, s)?,
        None => 1,
    };
    let unit_word = m.get("unit").or_else(|| m.get("unit_b"))?;
    let unit = ctx.lex.lookup("UNIT", unit_word)?;
    // "On May 22, 1995, ... and the following year", "two years later": counted from the named
    // day's year. Earnings comparisons ("a year earlier" after a quarter) keep to the quarter.
    if unit == "Y" && recent_quarter(ctx, m, ANCHOR_SENTENCES).is_none() {
        if let Some((Cal::Day(a), s)) = ctx.anchor {
            if m.c.sent.saturating_sub(s) <= ANCHOR_SENTENCES {
                return Some(Cal::Year(a.year() + (sign * n) as i32));
            }
        }
    }
    year_back(ctx, m, unit, sign * n)
}

/// "that year", "the same day": the unit holding the date named last, nearby.
fn that_unit(ctx: &Ctx<'_>, m: &M<'_>) -> Option<Cal> {
    let unit = ctx.lex.lookup("UNIT_SING", m.get("unit")?)?;
    let anchor = if unit == "Q" {
        ctx.quarter_anchor.map(|(c, s, _)| (c, s))
    } else {
        ctx.anchor
    };
    let (a, s) = anchor?;
    if m.c.sent.saturating_sub(s) > ANCHOR_SENTENCES {
        return None;
    }
    containing(a, unit)
}

/// `n` units from the anchor: a quarter in earnings talk ("a year earlier" after "the third
/// quarter"), else the last date mentioned nearby when the unit is no coarser than a month
/// ("On March 3 … two days later"), else the DCT.
fn year_back(ctx: &Ctx<'_>, m: &M<'_>, unit: &str, n: i64) -> Option<Cal> {
    if unit == "Y" {
        if let Some(q) = recent_quarter(ctx, m, ANCHOR_SENTENCES) {
            return shift(q, "Y", n);
        }
    }
    if let Some((a, s)) = ctx.anchor {
        let fine = matches!(unit, "D" | "W" | "M") || !matches!(a, Cal::Day(_));
        if fine && m.c.sent.saturating_sub(s) <= ANCHOR_SENTENCES {
            if let Some(c) = shift(a, unit, n) {
                return Some(c);
            }
        }
    }
    dct_unit(ctx.dct, unit, n)
}

fn duration(ctx: &Ctx<'_>, m: &M<'_>) -> Option<(String, Option<String>)> {
    let unit = ctx.lex.lookup("UNIT", m.get("unit")?)?;
    let num_text = m.get("num");
    let n: String = if m.get("vague").is_some() || num_text.is_none() {
        "X".to_string()
    } else {
        let t = num_text?;
        let k = crate::lexicon::key(t);
        // "a second summit": an ordinal, not one second.
        if unit == "TS" && (k == "a" || k == "an") {
            return None;
        }
        if let Some(whole) = t.strip_suffix("1/2") {
            format!("{}", whole.trim().parse::<f64>().ok()? + 0.5)
        } else if t.contains('.') {
            let f: f64 = t.parse().ok()?;
            format!("{f}")
        } else {
            parse_int(ctx, t)?.to_string()
        }
    };
    let whole = crate::lexicon::key(&m.text[m.c.span.start..m.c.span.end]);
    let n = if whole.contains("and a half") && n != "X" {
        n.parse::<f64>().map(|f| format!("{}", f + 0.5)).unwrap_or(n)
    } else {
        n
    };
    if let Some(v) = n.parse::<f64>().ok().and_then(|f| split_fraction(f, unit)) {
        return Some((v, qmod(ctx, m)));
    }
    let v = match unit {
        "TS" => format!("PT{n}S"),
        "TM" => format!("PT{n}M"),
        "TH" => format!("PT{n}H"),
        "W2" => match n.parse::<f64>() {
            Ok(f) => format!("P{}W", f * 2.0),
            Err(_) => "PXW".to_string(),
        },
        // ISO 8601 has no decade or century designator: count years.
        "DE" | "CE" => {
            let k = if unit == "DE" { 10.0 } else { 100.0 };
            match n.parse::<f64>() {
                Ok(f) => format!("P{}Y", f * k),
                Err(_) => format!("PX{unit}"),
            }
        }
        // Quarters are written as months (P3Q → P9M), as TimeML values use ISO 8601 designators.
        "Q" => match n.parse::<f64>() {
            Ok(f) => format!("P{}M", f * 3.0),
            Err(_) => "PXM".to_string(),
        },
        u => format!("P{n}{u}"),
    };
    Some((v, qmod(ctx, m)))
}

/// A fractional amount written with the next smaller unit, as ISO 8601 durations are:
/// 2.5 years → P2Y6M, 5.5 hours → PT5H30M, 1.5 minutes → PT1M30S. `None` for whole numbers and
/// fractions the smaller unit does not divide evenly.
fn split_fraction(f: f64, unit: &str) -> Option<String> {
    let whole = f.trunc();
    if whole == f || !(0.0..1e6).contains(&f) {
        return None;
    }
    let (per, big, small, time) = match unit {
        "Y" => (12.0, "Y", "M", false),
        "W" => (7.0, "W", "D", false),
        "D" => (24.0, "D", "H", true),
        "TH" => (60.0, "H", "M", true),
        "TM" => (60.0, "M", "S", true),
        _ => return None,
    };
    let rest = (f - whole) * per;
    if (rest - rest.round()).abs() > 1e-9 {
        return None;
    }
    let (w, r) = (whole as i64, rest.round() as i64);
    Some(match (unit, w) {
        ("D", 0) => format!("PT{r}H"),
        ("D", _) => format!("P{w}DT{r}H"),
        (_, 0) if time => format!("PT{r}{small}"),
        (_, 0) => format!("P{r}{small}"),
        _ if time => format!("PT{w}{big}{r}{small}"),
        _ => format!("P{w}{big}{r}{small}"),
    })
}

fn clock(ctx: &Ctx<'_>, m: &M<'_>) -> Option<(String, Option<String>)> {
    let (h, min) = if let Some(named) = m.get("named") {
        if named.eq_ignore_ascii_case("noon") {
            (12, 0)
        } else {
            (24, 0)
        }
    } else {
        let mut h: u32 = m.get("hour")?.parse().ok()?;
        let min: u32 = match m.get("minute") {
            Some(s) => s.parse().ok()?,
            None => 0,
        };
        let ampm = m
            .get("ampm")
            .map(|ap| ap.to_ascii_lowercase().starts_with('p'))
            .or_else(|| {
                // "4 in the morning", "9 in the evening".
                m.get("pod_ampm").map(|p| !p.eq_ignore_ascii_case("morning"))
            });
        if let Some(pm) = ampm {
            if h > 12 || h == 0 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        }
        (h, min)
    };
    let day = if m.get("weekday").is_some() || m.get("deictic").is_some() || m.get("month").is_some() {
        calendar(ctx, m).map(|(c, _, _)| c)?
    } else {
        // "shot at 10 p.m." right after the day of the shooting was named: that day.
        match ctx.anchor {
            Some((a @ Cal::Day(_), s)) if m.c.sent.saturating_sub(s) <= 1 => a,
            _ => Cal::Day(ctx.dct),
        }
    };
    Some((format!("{day}T{h:02}:{min:02}"), qmod(ctx, m)))
}

fn set(ctx: &Ctx<'_>, m: &M<'_>) -> Option<(String, Option<String>)> {
    let lex = ctx.lex;
    if let Some(a) = m.get("adverb") {
        let v = match crate::lexicon::key(a).as_str() {
            "daily" => "P1D",
            "weekly" | "week-on-week" => "P1W",
            "monthly" | "month-on-month" => "P1M",
            "hourly" => "PT1H",
            "nightly" => "XXXX-XX-XXTNI",
            _ => "P1Y",
        };
        return Some((v.to_string(), None));
    }
    if let Some(w) = m.get("weekday").or_else(|| m.get("weekday_b")) {
        let wd = lex.lookup("WEEKDAY", w).or_else(|| lex.lookup("WEEKDAYS", w))?;
        let pod = m
            .get("pod")
            .or_else(|| m.get("pod_b"))
            .and_then(|p| lex.lookup("POD", p.trim_end_matches('s')));
        return Some((
            match pod {
                Some(p) => format!("XXXX-WXX-{wd}T{p}"),
                None => format!("XXXX-WXX-{wd}"),
            },
            None,
        ));
    }
    if let Some(p) = m.get("pod") {
        return Some((format!("XXXX-XX-XXT{}", lex.lookup("POD", p)?), None));
    }
    if let Some(mw) = m.get("month") {
        let mo: u32 = lex.lookup("MONTH", mw)?.parse().ok()?;
        return Some((format!("XXXX-{mo:02}"), None));
    }
    let unit_word = m.get("unit")?;
    if unit_word.eq_ignore_ascii_case("season") {
        return Some(("P3M".to_string(), None));
    }
    let unit = lex
        .lookup("UNIT_SING", unit_word)
        .or_else(|| lex.lookup("UNIT_PLURAL", unit_word))
        .or_else(|| lex.lookup("UNIT", unit_word))?;
    let n = match m.get("num") {
        Some(s) if s.eq_ignore_ascii_case("other") => 2,
        Some(s) => parse_int(ctx, s)?,
        None => 1,
    };
    let value = match unit {
        "TS" => format!("PT{n}S"),
        "TM" => format!("PT{n}M"),
        "TH" => format!("PT{n}H"),
        "WE" => "XXXX-WXX-WE".to_string(),
        u => format!("P{n}{u}"),
    };
    let freq = m.get("freq").and_then(|f| {
        let k = crate::lexicon::key(f);
        match k.as_str() {
            "once" => Some("1X".to_string()),
            "twice" => Some("2X".to_string()),
            "thrice" => Some("3X".to_string()),
            _ => parse_int(ctx, k.trim_end_matches("times").trim()).map(|n| format!("{n}X")),
        }
    });
    Some((value, freq))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_follows_tense_and_shift() {
        let c = [(-6, 'a'), (0, 'b'), (6, 'c')];
        assert_eq!(pick(&c, Tense::Past, None, STRICT, 0), Some('b'));
        assert_eq!(pick(&c, Tense::Future, None, STRICT, 0), Some('b'));
        assert_eq!(pick(&c, Tense::None, None, STRICT, 0), Some('b'));
        assert_eq!(pick(&c, Tense::None, Some(-1), STRICT, 0), Some('a'));
        assert_eq!(pick(&c, Tense::None, Some(1), STRICT, 0), Some('c'));
        let tie = [(-6, 'a'), (6, 'c')];
        assert_eq!(pick(&tie, Tense::None, None, STRICT, 0), Some('a'));
        let far = [(-300, 'a'), (20, 'c')];
        assert_eq!(pick(&far, Tense::Past, None, DAY_PENALTY, 0), Some('c'));
        assert_eq!(pick(&far, Tense::Past, None, STRICT, 0), Some('a'));
        let wk = [(-4, 'a'), (3, 'c')];
        assert_eq!(pick(&wk, Tense::None, None, STRICT, STRICT), Some('a'));
        // A mild bias: the past wins unless the future is much nearer.
        let near = [(-9, 'a'), (3, 'c')];
        assert_eq!(pick(&near, Tense::None, None, STRICT, 6), Some('a'));
        assert_eq!(pick(&near, Tense::None, None, STRICT, 5), Some('c'));
    }
}
