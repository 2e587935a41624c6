//! Readers for the PETRARCH-2 dictionary formats: actors (with dated roles), agents, and verbs
//! (synonym sets, verb blocks with their forms, and phrase patterns).
//!
//! Conventions shared by all three, as PETRARCH reads them: `#` starts a comment, `<!-- … -->`
//! lines are comments, words of a phrase are joined by `_` or spaces and matched upper-cased,
//! and a phrase that ends with `_` must match whole words; otherwise its last word may be the
//! start of a longer word ("ERIADOR" matches "Eriadorian").

use chrono::NaiveDate;

/// A phrase of dictionary words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Upper-cased words.
    pub words: Vec<String>,
    /// False when the last word may match as a prefix.
    pub exact: bool,
}

impl Phrase {
    /// Parses `ARNOR_`, `CARAS GALADHON`, `U.N._`.
    pub fn parse(s: &str) -> Option<Phrase> {
        let s = s.trim();
        let exact = s.ends_with('_');
        let words: Vec<String> = s
            .split(['_', ' ', '\t'])
            .filter(|w| !w.is_empty())
            .map(|w| w.to_uppercase())
            .collect();
        (!words.is_empty()).then_some(Phrase { words, exact })
    }

    /// True when the phrase matches `tokens` (upper-cased) starting at `at`; returns the length.
    pub fn match_at(&self, tokens: &[String], at: usize) -> Option<usize> {
        self.match_from(tokens, at, 0)
    }

    /// [`Phrase::match_at`] when the first `known` words are known to match already (an index
    /// found the phrase by them).
    pub fn match_from(&self, tokens: &[String], at: usize, known: usize) -> Option<usize> {
        let n = self.words.len();
        if at + n > tokens.len() {
            return None;
        }
        for (k, w) in self.words.iter().enumerate().skip(known) {
            let t = &tokens[at + k];
            let last = k + 1 == n;
            // Most candidates fail here on the first byte: no call to memcmp for those.
            if t.as_bytes().first() != w.as_bytes().first() {
                return None;
            }
            let ok = if last && !self.exact && w.len() >= 4 {
                t.starts_with(w.as_str())
            } else {
                t == w
            };
            if !ok {
                return None;
            }
        }
        Some(n)
    }
}

/// The verb a CAMEO.2.0 pattern line names in its comment (`… [042:043]  # DEPART`): one
/// upper-case word. Descriptive comments (lower case, several words) name none.
fn pattern_verb(raw: &str) -> Option<&str> {
    let comment = raw.split_once('#')?.1.trim();
    let word = comment.split_whitespace().next()?;
    let named = comment.split_whitespace().count() == 1
        && word.bytes().all(|b| b.is_ascii_uppercase() || b == b'_' || b == b'-');
    named.then_some(word)
}

fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or("")
}

fn is_markup(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("<!") || t.starts_with("-->")
}

/// A code valid over a date range (`None` ends are open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// CAMEO actor code; `---` means "no actor" for that period.
    pub code: String,
    /// First day the code applies.
    pub from: Option<NaiveDate>,
    /// Last day the code applies.
    pub until: Option<NaiveDate>,
    /// True when the entry had a date restriction.
    pub dated: bool,
}

/// Parses a PETRARCH date: `YYMMDD` (years < 30 are 20xx) or `YYYYMMDD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = match s.len() {
        6 => {
            let yy: i32 = s[0..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..4], &s[4..6])
        }
        8 => (s[0..4].parse().ok()?, &s[4..6], &s[6..8]),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

/// Parses the inside of `[CODE]`, `[CODE >D]`, `[CODE <D]`, `[CODE D1-D2]`, `[CODE D1 - D2]`.
fn parse_code_block(inner: &str) -> Option<DatedCode> {
    let inner = inner.trim();
    let (code, rest) = match inner.split_once(char::is_whitespace) {
        Some((c, r)) => (c, r.trim()),
        None => (inner, ""),
    };
    if code.is_empty() {
        return None;
    }
    let code = code.to_uppercase();
    if rest.is_empty() {
        return Some(DatedCode {
            code,
            from: None,
            until: None,
            dated: false,
        });
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let (from, until) = if let Some(d) = rest.strip_prefix('>') {
        (Some(parse_date(d)?), None)
    } else if let Some(d) = rest.strip_prefix('<') {
        // "<D": up to the day before D.
        (None, Some(parse_date(d)?.pred_opt()?))
    } else {
        let (a, b) = rest.split_once('-')?;
        (Some(parse_date(a)?), Some(parse_date(b)?))
    };
    Some(DatedCode {
        code,
        from,
        until,
        dated: true,
    })
}

/// One actor: the phrases that name it and its codes over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Primary phrase first, then synonyms.
    pub phrases: Vec<Phrase>,
    /// Codes in file order.
    pub codes: Vec<DatedCode>,
}

impl Actor {
    /// The code on `date`: the first dated code whose range holds it, else the first undated
    /// one. `None` when nothing applies or the code is `---`.
    pub fn code_on(&self, date: NaiveDate) -> Option<&str> {
        let dated = self
            .codes
            .iter()
            .find(|c| c.dated && c.from.is_none_or(|f| f <= date) && c.until.is_none_or(|u| date <= u));
        let c = dated.or_else(|| self.codes.iter().find(|c| !c.dated))?;
        (c.code != "---" && !c.code.is_empty()).then_some(c.code.as_str())
    }
}

fn bracket_blocks(line: &str) -> (String, Vec<String>) {
    let mut head = String::new();
    let mut blocks = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find('[') {
        head.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => {
                blocks.push(rest[i + 1..i + j].to_string());
                rest = &rest[i + j + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    head.push_str(rest);
    (head, blocks)
}

/// Parses an actor dictionary (`Phoenix.*.actors.txt`, `PETR.Validate.actors.txt`).
///
/// A line without `+` starts an actor (several such lines before any code share it, as in
/// `U.N._` / `UN_SECRETARY_GENERAL`), `+NAME` adds a synonym, and `[CODE …]` — inline or on
/// following indented lines — adds codes.
pub fn parse_actors(text: &str) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    let mut cur: Option<Actor> = None;
    let mut cur_has_codes = false;
    for raw in text.lines() {
        if is_markup(raw) {
            continue;
        }
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let (head, blocks) = bracket_blocks(line);
        let codes: Vec<DatedCode> = blocks.iter().filter_map(|b| parse_code_block(b)).collect();
        let name = head.trim();
        if name.is_empty() {
            if let Some(a) = cur.as_mut() {
                a.codes.extend(codes);
                cur_has_codes = true;
            }
            continue;
        }
        if let Some(syn) = name.strip_prefix('+') {
            if let (Some(a), Some(p)) = (cur.as_mut(), Phrase::parse(syn)) {
                a.phrases.push(p);
                a.codes.extend(codes);
            }
            continue;
        }
        let Some(p) = Phrase::parse(name) else { continue };
        if cur_has_codes || cur.is_none() {
            if let Some(a) = cur.take() {
                out.push(a);
            }
            cur = Some(Actor {
                phrases: vec![p],
                codes: Vec::new(),
            });
        } else if let Some(a) = cur.as_mut() {
            a.phrases.push(p);
        }
        if let Some(a) = cur.as_mut() {
            if !codes.is_empty() {
                a.codes.extend(codes);
            }
        }
        cur_has_codes = cur.as_ref().is_some_and(|a| !a.codes.is_empty());
    }
    if let Some(a) = cur {
        out.push(a);
    }
    out.retain(|a| !a.codes.is_empty());
    out
}

/// An agent: a common noun naming a role, and where its code goes around a country code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The phrase (singular or plural).
    pub phrase: Phrase,
    /// The code without `~`.
    pub code: String,
    /// True for `[~GOV]` (country first: `CHNGOV`), false for `[NGO~]` (`NGOCHN`).
    pub suffix: bool,
}

fn plural(word: &str) -> String {
    let w = word;
    if w.ends_with('Y') && !w.ends_with("AY") && !w.ends_with("EY") && !w.ends_with("OY") {
        format!("{}IES", &w[..w.len() - 1])
    } else if w.ends_with('S') || w.ends_with('X') || w.ends_with("CH") || w.ends_with("SH") {
        format!("{w}ES")
    } else if let Some(stem) = w.strip_suffix("MAN") {
        format!("{stem}MEN")
    } else {
        format!("{w}S")
    }
}

/// Parses an agents dictionary (`Phoenix.agents.txt`, `PETR.Validate.agents.txt`):
/// `NAME {PLURALS} [~CODE]`, `{}` for no plural, `!MACRO! = A, B` substitutions.
pub fn parse_agents(text: &str) -> Vec<Agent> {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    for raw in text.lines() {
        if is_markup(raw) {
            continue;
        }
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') {
            if let Some((name, alts)) = line.split_once('=') {
                let alts = alts
                    .split(',')
                    .map(|a| a.trim().to_uppercase())
                    .filter(|a| !a.is_empty())
                    .collect();
                macros.push((name.trim().to_string(), alts));
                continue;
            }
        }
        let (head, blocks) = bracket_blocks(line);
        let Some(block) = blocks.first() else { continue };
        let block = block.trim();
        let (code, suffix) = if let Some(c) = block.strip_prefix('~') {
            (c.trim().to_string(), true)
        } else if let Some(c) = block.strip_suffix('~') {
            (c.trim().to_string(), false)
        } else {
            (block.to_string(), true)
        };
        if code.is_empty() {
            continue;
        }
        let (name, plurals) = match (head.find('{'), head.find('}')) {
            (Some(a), Some(b)) if a < b => (head[..a].to_string(), Some(head[a + 1..b].to_string())),
            _ => (head.clone(), None),
        };
        let mut names = vec![name.trim().to_string()];
        // Expand macros (each occurrence: one name per alternative).
        for (m, alts) in &macros {
            names = names
                .into_iter()
                .flat_map(|n| {
                    if n.contains(m.as_str()) {
                        alts.iter()
                            .map(|a| n.replace(m.as_str(), &format!("_{a}_")))
                            .collect::<Vec<_>>()
                    } else {
                        vec![n]
                    }
                })
                .collect();
        }
        let mut phrases: Vec<Phrase> = Vec::new();
        for n in &names {
            let Some(p) = Phrase::parse(n) else { continue };
            match &plurals {
                Some(pl) => {
                    for f in pl.split_whitespace() {
                        if let Some(pp) = Phrase::parse(f) {
                            phrases.push(pp);
                        }
                    }
                }
                None => {
                    let mut pl = p.clone();
                    if let Some(last) = pl.words.last_mut() {
                        *last = plural(last);
                    }
                    pl.exact = true;
                    phrases.push(pl);
                }
            }
            phrases.push(p);
        }
        for phrase in phrases {
            out.push(Agent {
                phrase,
                code: code.to_uppercase(),
                suffix,
            });
        }
    }
    out
}

/// One element of a verb pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// A word; `joined` when it must directly follow the previous element (`_`).
    Word {
        /// Upper-cased text.
        text: String,
        /// Whole-word match only (trailing `_`, or short words).
        exact: bool,
        /// Must be adjacent to the previous matched word.
        joined: bool,
        /// Where in the phrase structure it must fall.
        ctx: Ctx,
    },
    /// A synonym set `&NAME`.
    Synset {
        /// Name without `&`.
        name: String,
        /// Must be adjacent to the previous matched word.
        joined: bool,
        /// Where in the phrase structure it must fall.
        ctx: Ctx,
    },
    /// `$`: the source actor is here.
    Source,
    /// `+`: the target actor is here.
    Target,
}

/// Where a pattern word must fall in the phrase structure after the verb. PETRARCH-2's
/// CAMEO.2.0 patterns annotate it (`- * TIES`, `- * {DIPLOMATIC TIES}`, `- * (WITH +)`): a bare
/// word is the head noun of an object NP, `{A B}` an NP holding A with head B, `(P X)` a PP
/// with preposition P whose NP has head X. Dictionaries without such annotations (the
/// TABARI-era validation file, the project supplement) match words in order anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Anywhere, in order (TABARI-style).
    Any,
    /// The head (last word) of an NP that is no preposition's object.
    Head,
    /// Inside an NP.
    Np,
    /// A preposition.
    Prep,
    /// The head of an NP (a preposition's object allowed).
    PpHead,
}

/// A phrase pattern of a verb block: words before and after the verb (`*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Elements before the verb, in text order.
    pub pre: Vec<Elem>,
    /// Elements after the verb, in text order.
    pub post: Vec<Elem>,
    /// Event code (`---` for none).
    pub code: String,
    /// Code of the reverse event, for `[a:b]`.
    pub reverse: Option<String>,
    /// The verb of its block the pattern was written for (index into the block's verbs), when
    /// its comment names one: CAMEO.2.0 ends each pattern line with the verb it belongs to
    /// (`- * MEETING [042:043] # ATTEND`, `- * (FOR) [042:043] # DEPART`). Such a pattern
    /// codes only that verb: "attended a meeting" is a visit, "left the meeting" is not, and
    /// "left for Minas Tirith" is not "departed for". `None`: every verb of the block.
    pub verb: Option<usize>,
    /// The pattern line as written, for `rule` in event records.
    pub text: String,
}

/// A verb form of a block: the verb word and particles that must follow it (`CALL_OFF`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForm {
    /// Upper-cased inflected verb.
    pub verb: String,
    /// Upper-cased particles that follow.
    pub particles: Vec<String>,
    /// Index of the verb (lemma) within its block.
    pub lemma: usize,
}

/// A verb of a block with its own default code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    /// The base form as written (`ACCUSE`, `CALL_OFF`).
    pub base: String,
    /// Its code, overriding the block's.
    pub code: Option<(String, Option<String>)>,
}

/// A verb block (`--- NAME [code] ---`): verbs that share patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// Block name.
    pub name: String,
    /// Default code and reverse code.
    pub code: (String, Option<String>),
    /// The verbs.
    pub verbs: Vec<Verb>,
    /// Patterns, in file order.
    pub patterns: Vec<Pattern>,
}

/// A parsed verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDict {
    /// Synonym sets: name → member phrases (members may name other sets with `&`).
    pub synsets: NameMap<Vec<Vec<Elem>>>,
    /// Blocks.
    pub blocks: Vec<VerbBlock>,
    /// Verb form (upper-case) → (block, form).
    pub forms: NameMap<Vec<(usize, VerbForm)>>,
    /// First bytes a member of each synonym set can start with (all, when a member starts with
    /// another set): a cheap test before trying every member.
    pub initials: NameMap<[bool; 256]>,
}

/// Maps from upper-case words or set names, looked up for every verb and at every position a
/// pattern may match: hashed with FNV, where an ordered map compared names over a dozen times
/// per look-up. Nothing iterates them in an order that reaches the output.
pub type NameMap<V> = std::collections::HashMap<String, V, newsgraph_core::fnv::FnvBuild>;

impl VerbDict {
    /// Recomputes [`VerbDict::initials`] after the sets changed.
    pub fn index_synsets(&mut self) {
        let mut out = NameMap::default();
        for (name, members) in &self.synsets {
            let mut set = [false; 256];
            for m in members {
                match m.first() {
                    Some(Elem::Word { text, .. }) => {
                        if let Some(&b) = text.as_bytes().first() {
                            set[b as usize] = true;
                        }
                    }
                    _ => set = [true; 256],
                }
            }
            out.insert(name.clone(), set);
        }
        self.initials = out;
    }
}

fn parse_event_code(s: &str) -> (String, Option<String>) {
    let s = s.trim();
    match s.split_once(':') {
        Some((a, b)) => {
            let a = if a.trim().is_empty() { "---" } else { a.trim() };
            let b = b.trim();
            (a.to_string(), (!b.is_empty() && b != "---").then(|| b.to_string()))
        }
        None => (s.to_string(), None),
    }
}

fn regular_forms(base: &str) -> Vec<String> {
    let b = base;
    let mut v = vec![b.to_string()];
    let vowel = |c: char| "AEIOU".contains(c);
    if let Some(stem) = b.strip_suffix('E') {
        v.push(format!("{b}S"));
        v.push(format!("{b}D"));
        v.push(format!("{stem}ING"));
    } else if b.ends_with('Y') && b.len() > 1 && !vowel(b.chars().rev().nth(1).unwrap_or('A')) {
        let stem = &b[..b.len() - 1];
        v.push(format!("{stem}IES"));
        v.push(format!("{stem}IED"));
        v.push(format!("{b}ING"));
    } else if b.ends_with('S') || b.ends_with('X') || b.ends_with('Z') || b.ends_with("CH") || b.ends_with("SH") {
        v.push(format!("{b}ES"));
        v.push(format!("{b}ED"));
        v.push(format!("{b}ING"));
    } else {
        v.push(format!("{b}S"));
        v.push(format!("{b}ED"));
        v.push(format!("{b}ING"));
        let cs: Vec<char> = b.chars().collect();
        let n = cs.len();
        if n >= 3 && !vowel(cs[n - 1]) && vowel(cs[n - 2]) && !vowel(cs[n - 3]) && !"WXY".contains(cs[n - 1]) {
            v.push(format!("{b}{}ED", cs[n - 1]));
            v.push(format!("{b}{}ING", cs[n - 1]));
        }
    }
    v
}

fn split_multi(form: &str) -> (String, Vec<String>) {
    let form = form.trim().trim_start_matches('+');
    let words: Vec<&str> = form.split('_').filter(|w| !w.is_empty()).collect();
    // "KLM_NOP_+RST": the word with '+' is the verb; otherwise the first word.
    let vi = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
    let verb = words
        .get(vi)
        .map_or(String::new(), |w| w.trim_start_matches('+').to_uppercase());
    let particles = words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != vi)
        .map(|(_, w)| w.to_uppercase())
        .collect();
    (verb, particles)
}

/// Splits a pattern into elements before and after `*`. With `structured`, each word also
/// gets its [`Ctx`] from the brackets around it (post-verb side only: the subject side stays
/// in-order matching).
fn parse_pattern_elems(s: &str, structured: bool) -> (Vec<Elem>, Vec<Elem>, bool) {
    // Word parts with their bracket group: (text, joined, exact marker, group, kind, first in
    // group). kind: 0 none, 1 braces, 2 parentheses, 3 braces inside parentheses.
    struct Part {
        text: String,
        joined: bool,
        exact_marker: bool,
        group: usize,
        kind: u8,
        first: bool,
    }
    let mut parts_out: Vec<Part> = Vec::new();
    let (mut paren, mut brace) = (false, false);
    let mut group = 0usize;
    let mut group_started = false;
    let mut spaced = String::new();
    for c in s.chars() {
        if matches!(c, '(' | ')' | '{' | '}') {
            spaced.push(' ');
            spaced.push(c);
            spaced.push(' ');
        } else {
            spaced.push(c);
        }
    }
    for tok in spaced.split_whitespace() {
        match tok {
            "(" => {
                paren = true;
                group += 1;
                group_started = false;
                continue;
            }
            ")" => {
                paren = false;
                group += 1;
                continue;
            }
            "{" => {
                brace = true;
                if !paren {
                    group += 1;
                    group_started = false;
                }
                continue;
            }
            "}" => {
                brace = false;
                if !paren {
                    group += 1;
                }
                continue;
            }
            _ => {}
        }
        // "IN_*", "*_OUT", "FAILED_TO_*": '_' joins words, '*' may sit inside. Joined bare
        // words ("&TIETYPES_MEMOS") are one noun phrase.
        let parts: Vec<&str> = tok.split('_').collect();
        if !paren && !brace {
            group += 1;
        }
        for (k, part) in parts.iter().enumerate() {
            if part.is_empty() {
                continue;
            }
            let kind = match (paren, brace) {
                (false, false) => 0,
                (false, true) => 1,
                (true, false) => 2,
                (true, true) => 3,
            };
            let is_word = !matches!(*part, "*" | "$" | "+" | "%" | "^");
            let first = is_word && !group_started;
            if is_word && kind != 0 {
                group_started = true;
            }
            let g = group;
            parts_out.push(Part {
                text: part.to_string(),
                joined: k > 0,
                exact_marker: k + 1 < parts.len() && parts[k + 1].is_empty(),
                group: g,
                kind,
                first,
            });
        }
    }
    let last_word_of_group = |i: usize| {
        let g = parts_out[i].group;
        !parts_out[i + 1..]
            .iter()
            .any(|p| p.group == g && !matches!(p.text.as_str(), "*" | "$" | "+" | "%" | "^"))
    };
    let mut pre = Vec::new();
    let mut post = Vec::new();
    let mut seen_star = false;
    for (i, p) in parts_out.iter().enumerate() {
        let ctx = if !structured || !seen_star {
            Ctx::Any
        } else {
            match p.kind {
                2 if p.first => Ctx::Prep,
                2 | 3 if last_word_of_group(i) => Ctx::PpHead,
                0 | 1 if last_word_of_group(i) => Ctx::Head,
                _ => Ctx::Np,
            }
        };
        match p.text.as_str() {
            "*" => seen_star = true,
            "$" => side_push(&mut pre, &mut post, seen_star, Elem::Source),
            "+" => side_push(&mut pre, &mut post, seen_star, Elem::Target),
            "%" | "^" => {}
            t if t.starts_with('&') => side_push(
                &mut pre,
                &mut post,
                seen_star,
                Elem::Synset {
                    name: t.trim_start_matches('&').to_uppercase(),
                    joined: p.joined,
                    ctx,
                },
            ),
            t => {
                let text = t.trim_start_matches('+').to_uppercase();
                let exact = p.exact_marker || text.len() <= 3;
                side_push(
                    &mut pre,
                    &mut post,
                    seen_star,
                    Elem::Word {
                        text,
                        exact,
                        joined: p.joined,
                        ctx,
                    },
                )
            }
        }
    }
    (pre, post, seen_star)
}

fn side_push(pre: &mut Vec<Elem>, post: &mut Vec<Elem>, seen_star: bool, e: Elem) {
    if seen_star {
        post.push(e)
    } else {
        pre.push(e)
    }
}

/// Parses a verb dictionary (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`).
pub fn parse_verbs(text: &str) -> VerbDict {
    let mut d = VerbDict::default();
    // (block, a verb form as written) → the verb's index in its block, for pattern comments.
    let mut written: std::collections::HashMap<(usize, String), usize> = std::collections::HashMap::new();
    // PETRARCH-2 dictionaries annotate phrase structure in their patterns; TABARI-era ones
    // never do.
    let structured = text.lines().any(|l| {
        l.trim_start().starts_with('-')
            && !l.trim_start().starts_with("---")
            && l.split('#').next().is_some_and(|p| p.contains('(') || p.contains('{'))
    });
    let mut synset: Option<String> = None;
    let mut block: Option<usize> = None;
    for raw in text.lines() {
        if is_markup(raw) {
            continue;
        }
        if raw.starts_with('~') || raw.contains("TRANSFORMATIONS") {
            // PETRARCH's clause transformations are not used: reported speech is handled by
            // the syntax analyses instead.
            if raw.contains("TRANSFORMATIONS") {
                block = None;
                synset = None;
            }
            continue;
        }
        let line = strip_comment(raw);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(name) = t.strip_prefix('&') {
            let name = name.trim().trim_end_matches('_').to_uppercase();
            d.synsets.entry(name.clone()).or_default();
            synset = Some(name);
            block = None;
            continue;
        }
        if t.starts_with("---") {
            let inner = t.trim_matches('-').trim();
            let (head, blocks) = bracket_blocks(inner);
            let code = blocks
                .first()
                .map_or(("---".to_string(), None), |c| parse_event_code(c));
            d.blocks.push(VerbBlock {
                name: head.trim().to_string(),
                code,
                verbs: Vec::new(),
                patterns: Vec::new(),
            });
            block = Some(d.blocks.len() - 1);
            synset = None;
            continue;
        }
        if let Some(pat) = t.strip_prefix('-') {
            let Some(bi) = block else { continue };
            let (head, blocks) = bracket_blocks(pat);
            let Some(code) = blocks.first() else { continue };
            let (pre, post, has_star) = parse_pattern_elems(&head, structured);
            if !has_star {
                continue;
            }
            let (code, reverse) = parse_event_code(code);
            let text = format!("{} - {}", d.blocks[bi].name, head.trim());
            let verb = pattern_verb(raw).and_then(|w| written.get(&(bi, w.to_string())).copied());
            d.blocks[bi].patterns.push(Pattern {
                pre,
                post,
                code,
                reverse,
                verb,
                text,
            });
            continue;
        }
        if let Some(member) = t.strip_prefix('+') {
            if let Some(name) = &synset {
                if block.is_none() {
                    let (elems, _, _) = parse_pattern_elems(&member.replace('*', ""), false);
                    let mut elems = elems;
                    // Members are one phrase: later words follow directly.
                    for (k, e) in elems.iter_mut().enumerate() {
                        match e {
                            Elem::Word { joined, .. } | Elem::Synset { joined, .. } => *joined = k > 0,
                            _ => {}
                        }
                    }
                    if member.trim().ends_with('_') {
                        if let Some(Elem::Word { exact, .. }) = elems.last_mut() {
                            *exact = true;
                        }
                    }
                    if !elems.is_empty() {
                        d.synsets.entry(name.clone()).or_default().push(elems);
                    }
                    continue;
                }
            }
        }
        // A verb line: FORM [code] {forms}.
        let Some(bi) = block else { continue };
        let (head, blocks) = bracket_blocks(t);
        let (base_part, explicit) = match (head.find('{'), head.find('}')) {
            (Some(a), Some(b)) if a < b => (head[..a].trim().to_string(), Some(head[a + 1..b].to_string())),
            _ => (head.trim().to_string(), None),
        };
        if base_part.is_empty() || base_part.contains(' ') {
            continue;
        }
        let code = blocks.first().map(|c| parse_event_code(c));
        let lemma = d.blocks[bi].verbs.len();
        d.blocks[bi].verbs.push(Verb {
            base: base_part.clone(),
            code,
        });
        let (verb, particles) = split_multi(&base_part);
        let mut forms: Vec<(String, Vec<String>)> = Vec::new();
        match &explicit {
            Some(ex) if !ex.trim().is_empty() => {
                forms.push((verb.clone(), particles.clone()));
                for f in ex.split_whitespace() {
                    forms.push(split_multi(f));
                }
                // Regular forms too where the explicit list is partial (only -ING given…).
                for f in regular_forms(&verb) {
                    forms.push((f, particles.clone()));
                }
            }
            Some(_) => forms.push((verb.clone(), particles.clone())),
            None => {
                for f in regular_forms(&verb) {
                    forms.push((f, particles.clone()));
                }
            }
        }
        written.insert((bi, base_part.clone()), lemma);
        for f in explicit.iter().flat_map(|ex| ex.split_whitespace()) {
            written.insert((bi, f.to_string()), lemma);
        }
        forms.sort();
        forms.dedup();
        for (v, p) in &forms {
            let joined = std::iter::once(v.as_str())
                .chain(p.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("_");
            written.entry((bi, joined)).or_insert(lemma);
        }
        for (v, p) in forms {
            if v.is_empty() {
                continue;
            }
            d.forms.entry(v.clone()).or_default().push((
                bi,
                VerbForm {
                    verb: v,
                    particles: p,
                    lemma,
                },
            ));
        }
    }
    d.index_synsets();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_codes_pick_first_matching_range() {
        let a = parse_actors(
            "SAM [HOB]\n\t[HOBCIV <20080120]\n\t[ORCHOB 20100109-20100112]\n\t[HOBMIL 20080120-20121109]\n",
        );
        assert_eq!(a.len(), 1);
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(a[0].code_on(d(2007, 1, 1)), Some("HOBCIV"));
        assert_eq!(a[0].code_on(d(2010, 1, 10)), Some("ORCHOB"));
        assert_eq!(a[0].code_on(d(2011, 1, 1)), Some("HOBMIL"));
        assert_eq!(a[0].code_on(d(2015, 1, 1)), Some("HOB"));
    }

    #[test]
    fn synonyms_and_shared_codes() {
        let a = parse_actors("U.N._\nUN_SECRETARY_GENERAL\n+UNSG\n\t[IGOUNO]\nCHINA_ [CHN]\n+BEIJING\n");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].phrases.len(), 3);
        assert_eq!(a[1].phrases[1].words, ["BEIJING"]);
    }

    #[test]
    fn agents_plurals_and_macros() {
        let g = parse_agents("!P! = MAN, MEN\nPOLICE {} [~COP]\nPRESIDENT [~GOV]\nCONGRESS!P! [~LEG]\nMSF {} [NGO~]\n");
        let names: Vec<String> = g.iter().map(|a| a.phrase.words.join(" ")).collect();
        assert!(names.contains(&"PRESIDENTS".to_string()));
        assert!(names.contains(&"CONGRESS MEN".to_string()));
        assert!(!g.iter().find(|a| a.code == "NGO").unwrap().suffix);
    }

    #[test]
    fn structured_patterns_annotate_phrase_roles() {
        let d = parse_verbs(
            "--- CONDEMN [111] ---\nCONDEMN\n- * {SUICIDE ATTACK} (IN ^) [111]\n- * (FOR {&MILITARY INCURSION}) [111]\n- * TIES [050]\n",
        );
        let ctxs = |i: usize| -> Vec<Ctx> {
            d.blocks[0].patterns[i]
                .post
                .iter()
                .filter_map(|e| match e {
                    Elem::Word { ctx, .. } | Elem::Synset { ctx, .. } => Some(*ctx),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(ctxs(0), [Ctx::Np, Ctx::Head, Ctx::Prep]);
        assert_eq!(ctxs(1), [Ctx::Prep, Ctx::Np, Ctx::PpHead]);
        assert_eq!(ctxs(2), [Ctx::Head]);
        // A dictionary without brackets in its patterns matches in order.
        let linear = parse_verbs("--- WARN [130] ---\nWARN\n- * THEIR ABOUT + [162]\n");
        assert!(linear.blocks[0].patterns[0]
            .post
            .iter()
            .all(|e| !matches!(e, Elem::Word { ctx, .. } if *ctx != Ctx::Any)));
    }

    #[test]
    fn verb_blocks_forms_and_patterns() {
        let d = parse_verbs(
            "&TIES\n+TIES\n+RELATIONS\n\n--- RESTORE [---] ---\nRESTORE\n- * DIPLOMATIC &TIES [050]\n- * (WITH +) [041:041]\n--- BLAME [112] ---\nACCUSE [112]\nINDICT [173]\n+CALL_OFF {+CALLED_OFF}\n",
        );
        assert_eq!(d.blocks.len(), 2);
        assert!(d.forms.contains_key("RESTORED"));
        assert!(d.forms.contains_key("ACCUSING"));
        assert_eq!(d.forms["CALLED"][0].1.particles, ["OFF"]);
        let p = &d.blocks[0].patterns[1];
        assert_eq!(p.reverse.as_deref(), Some("041"));
        assert_eq!(p.post.len(), 2);
        assert_eq!(d.synsets["TIES"].len(), 2);
    }
}
