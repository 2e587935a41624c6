//! One fixture per amount form and per false friend.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on purpose.

use newsgraph_amounts::AmountsComponent;
use newsgraph_core::{Article, Doc, Span};

#[derive(Debug, PartialEq)]
struct A {
    text: String,
    value: f64,
    unit: String,
    object: Option<String>,
    approx: Option<String>,
    range_to: Option<f64>,
    pp: bool,
}

fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article::new(
        text,
        chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap(),
    ));
    // One sentence per line is enough for these fixtures.
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        d.sentences.push(Span::new(pos, pos + line.trim_end().len()));
        pos += line.len();
    }
    d
}

fn amounts(text: &str) -> Vec<A> {
    let d = doc(text);
    AmountsComponent::new()
        .unwrap()
        .extract(&d)
        .into_iter()
        .map(|a| A {
            text: d.slice(a.span).to_string(),
            value: a.value,
            unit: a.unit,
            object: a.object.map(|o| d.slice(o).to_string()),
            approx: a.approx,
            range_to: a.range_to,
            pp: a.percentage_points,
        })
        .collect()
}

fn a(text: &str, value: f64, unit: &str) -> A {
    A {
        text: text.into(),
        value,
        unit: unit.into(),
        object: None,
        approx: None,
        range_to: None,
        pp: false,
    }
}

impl A {
    fn obj(mut self, o: &str) -> A {
        self.object = Some(o.into());
        self
    }
    fn approx(mut self, x: &str) -> A {
        self.approx = Some(x.into());
        self
    }
    fn range(mut self, to: f64) -> A {
        self.range_to = Some(to);
        self
    }
    fn pp(mut self) -> A {
        self.pp = true;
        self
    }
}

#[test]
fn money_with_scale_and_object() {
    assert_eq!(
        amounts("The administration imposed tariffs on $250 billion in trade with China."),
        [a("$250 billion", 250e9, "USD").obj("trade")]
    );
    assert_eq!(
        amounts("Imports were worth US$505 billion."),
        [a("US$505 billion", 505e9, "USD")]
    );
    assert_eq!(amounts("The fund raised €5bn last year."), [a("€5bn", 5e9, "EUR")]);
    assert_eq!(amounts("It paid £3m for the site."), [a("£3m", 3e6, "GBP").obj("site")]);
    assert_eq!(
        amounts("a loan of 500 million yuan"),
        [a("500 million yuan", 500e6, "CNY").obj("loan")]
    );
    assert_eq!(amounts("fined 2 million euros"), [a("2 million euros", 2e6, "EUR")]);
    assert_eq!(
        amounts("a grant of Rs 40 lakh"),
        [a("Rs 40 lakh", 40e5, "INR").obj("grant")]
    );
    assert_eq!(
        amounts("costs 1.2 trillion dollars"),
        [a("1.2 trillion dollars", 1.2e12, "USD")]
    );
}

#[test]
fn percent_forms_and_subject_object() {
    assert_eq!(
        amounts(
            "Chinese year-on-year economic growth declined to 6.5 percent in the three months ending in September."
        ),
        [a("6.5 percent", 6.5, "%").obj("economic growth")]
    );
    assert_eq!(amounts("a 25% tariff"), [a("25%", 25.0, "%").obj("tariff")]);
    assert_eq!(
        amounts("unemployment is 4 per cent"),
        [a("4 per cent", 4.0, "%").obj("unemployment")]
    );
    assert_eq!(
        amounts("Rates rose by 2 percentage points."),
        [a("2 percentage points", 2.0, "%").obj("Rates").pp()]
    );
}

#[test]
fn counts_with_lemma() {
    assert_eq!(
        amounts("according to four people familiar with the matter"),
        [a("four people", 4.0, "people").obj("people")]
    );
    assert_eq!(
        amounts("indicted along with three individuals"),
        [a("three individuals", 3.0, "individual").obj("individuals")]
    );
    assert_eq!(
        amounts("1,200 troops were sent"),
        [a("1,200 troops", 1200.0, "troop").obj("troops")]
    );
    assert_eq!(
        amounts("three senior officials said"),
        [a("three senior officials", 3.0, "official").obj("senior officials")]
    );
    assert_eq!(
        amounts("a dozen companies"),
        [a("a dozen companies", 12.0, "company").obj("companies")]
    );
    assert_eq!(
        amounts("twenty-five countries"),
        [a("twenty-five countries", 25.0, "country").obj("countries")]
    );
}

#[test]
fn approximations() {
    assert_eq!(
        amounts("about $3 billion"),
        [a("$3 billion", 3e9, "USD").approx("about")]
    );
    assert_eq!(
        amounts("more than 200 people"),
        [a("200 people", 200.0, "people").obj("people").approx("more_than")]
    );
    assert_eq!(
        amounts("nearly 40 percent"),
        [a("40 percent", 40.0, "%").approx("less_than")]
    );
    assert_eq!(
        amounts("at least 12 people"),
        [a("12 people", 12.0, "people").obj("people").approx("at_least")]
    );
    assert_eq!(
        amounts("up to $5 million"),
        [a("$5 million", 5e6, "USD").approx("up_to")]
    );
}

#[test]
fn ranges() {
    assert_eq!(
        amounts("$3 billion to $5 billion"),
        [a("$3 billion to $5 billion", 3e9, "USD").range(5e9)]
    );
    assert_eq!(
        amounts("$3 to $5 billion"),
        [a("$3 to $5 billion", 3e9, "USD").range(5e9)]
    );
    assert_eq!(
        amounts("between 3 and 5 percent"),
        [a("3 and 5 percent", 3.0, "%").range(5.0)]
    );
}

#[test]
fn false_friends_are_not_amounts() {
    for text in [
        "at the Group of 20 summit",
        "the G20 summit in Argentina",
        "from Nov. 30 to Dec. 1",
        "promised in 2013 to give",
        "the 1996 pageant winner",
        "at 4:30 p.m. on Friday",
        "at 10 a.m.",
        "the 16th annual meeting",
        "in the 1990s",
        "in the three months ending in September",
        "call 555-1234 now",
        "won the game 2-1",
        "a 52-year-old man",
        "a Boeing 737 jet",
        "one of the biggest",
        "it is No. 1",
        "the first time",
        "weighs 236 pounds",
    ] {
        let got = amounts(text);
        let bad: Vec<_> = got.iter().filter(|x| x.unit != "pound").collect();
        assert!(bad.is_empty(), "{text}: {got:?}");
    }
    // Pounds without "£" or "sterling" are a weight: a count of pounds, not money.
    assert_eq!(amounts("weighs 236 pounds")[0].unit, "pound");
}

/// Generated strings of digits, signs and words: nothing panics, spans are valid slices.
#[test]
fn generated_texts_never_panic() {
    const PIECES: &[&str] = &[
        "$",
        "€",
        "£",
        "US$",
        "1",
        "0",
        "9",
        ",",
        ".",
        "-",
        ":",
        "/",
        " ",
        "billion",
        "bn",
        "m",
        "k",
        "percent",
        "%",
        "to",
        "and",
        "between",
        "about",
        "more than",
        "people",
        "Nov.",
        "2018",
        "99999999999999999999999",
        "1e308",
        "é",
        "日本",
        "th",
        "s",
        "per cent",
        "a",
        "dozen",
        "twenty-",
        "one",
        "\n",
        "points",
    ];
    let c = AmountsComponent::new().unwrap();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..5000 {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        for _ in 0..(seed % 30) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            if seed & 1 == 0 {
                text.push(' ');
            }
        }
        let d = doc(&text);
        for am in c.extract(&d) {
            assert!(text.get(am.span.start..am.span.end).is_some(), "{text:?}");
            if let Some(o) = am.object {
                assert!(text.get(o.start..o.end).is_some(), "{text:?}");
            }
        }
    }
}

/// The seed article's amounts (the shared seed; CI has it).
#[test]
fn seed_article_amounts() {
    let shared = std::env::var_os("NEWSGRAPH_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let raw = std::fs::read_to_string(shared.join("seed/article.txt")).expect("seed article");
    let text = raw.trim_start().strip_prefix("date 2018-11-02 ").expect("seed header");
    let mut d = Doc::new(Article::new(
        text,
        chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap(),
    ));
    // Sentences at ". " are enough here: no amount spans a sentence boundary.
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        d.sentences.push(Span::new(start, i + 1));
        start = i + 2;
    }
    d.sentences.push(Span::new(start, text.len()));
    let got: Vec<(String, f64, String, Option<String>)> = AmountsComponent::new()
        .unwrap()
        .extract(&d)
        .into_iter()
        .map(|a| {
            (
                d.slice(a.span).to_string(),
                a.value,
                a.unit,
                a.object.map(|o| d.slice(o).to_string()),
            )
        })
        .collect();
    let want: Vec<(String, f64, String, Option<String>)> = vec![
        ("four people".into(), 4.0, "people".into(), Some("people".into())),
        ("6.5 percent".into(), 6.5, "%".into(), Some("economic growth".into())),
        ("$250 billion".into(), 250e9, "USD".into(), Some("trade".into())),
        ("$505 billion".into(), 505e9, "USD".into(), None),
        ("One person".into(), 1.0, "person".into(), Some("person".into())),
        (
            "three individuals".into(),
            3.0,
            "individual".into(),
            Some("individuals".into()),
        ),
    ];
    assert_eq!(got, want);
}

/// Regressions found on news text: modifiers before the counted noun, times after money.
#[test]
fn counted_noun_after_modifiers_and_no_time_objects() {
    assert_eq!(
        amounts("the deployment of four rotating battalion-sized units")[0].unit,
        "unit"
    );
    assert_eq!(amounts("there had been 3,210 shooting victims")[0].unit, "victim");
    // "two largest" counts emitters, not "largest"
    assert_eq!(amounts("led by the two largest emitters")[0].unit, "emitter");
    // an adjective, a participle or a conjunction after the number is not what it counts
    assert!(amounts("heard by 10 judges rather than 11 because the chief judge")
        .iter()
        .all(|a| a.unit == "judge"));
    // "in a single year" says when, not what
    assert_eq!(amounts("lost nearly $916 million in a single year")[0].object, None);
    // a year followed by "to" is not the start of a range
    let got = amounts("cut emissions by 2030 to 32 percent below 2005 levels");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].value, got[0].range_to), (32.0, None));
}
