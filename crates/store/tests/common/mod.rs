//! Small hand-made analysed docs shared by the store tests.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::NaiveDate;
use newsgraph_core::{
    Amount, Article, Doc, Entity, EntityType, Event, EventActor, EventLocation, Link, Mention, MentionKind, Quote,
    QuoteKind, Span, Speaker, Timex, TimexType, Tone,
};

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The byte span of the `nth` occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in {text:?}"))
        .0;
    Span::new(start, start + needle.len())
}

pub struct DocBuilder {
    doc: Doc,
}

impl DocBuilder {
    pub fn new(id: &str, day: &str, source: &str, title: &str, text: &str) -> DocBuilder {
        let mut a = Article::new(text, date(day));
        a.id = id.to_string();
        a.source = Some(source.to_string());
        a.title = Some(title.to_string());
        a.url = Some(format!("https://news.example/{id}"));
        let mut doc = Doc::new(a);
        // One sentence per ". ", enough for quote contexts.
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            doc.sentences.push(Span::new(start, i + 1));
            start = i + 2;
        }
        doc.sentences.push(Span::new(start, text.len()));
        DocBuilder { doc }
    }

    /// An entity with mentions given as (text, occurrence, kind).
    pub fn entity(
        mut self,
        name: &str,
        etype: EntityType,
        link: Option<(u64, &str)>,
        mentions: &[(&str, usize, MentionKind)],
    ) -> DocBuilder {
        let id = format!("E{}", self.doc.entities.len() + 1);
        let text = self.doc.text().to_string();
        self.doc.entities.push(Entity {
            id,
            name: name.to_string(),
            etype,
            mentions: mentions
                .iter()
                .map(|(m, n, kind)| Mention {
                    span: find(&text, m, *n),
                    kind: *kind,
                })
                .collect(),
            link: link.map(|(g, country)| Link {
                geonames_id: Some(g),
                country: Some(country.to_string()),
                lat: None,
                lon: None,
                kind: "country".to_string(),
                name: name.to_string(),
            }),
            titles: Vec::new(),
        });
        self
    }

    pub fn quote(
        mut self,
        quoted: &str,
        kind: QuoteKind,
        speaker: (&str, usize, Option<&str>),
        cue: &str,
    ) -> DocBuilder {
        let text = self.doc.text().to_string();
        self.doc.quotes.push(Quote {
            span: find(&text, quoted, 0),
            kind,
            speaker: Some(Speaker {
                span: find(&text, speaker.0, speaker.1),
                entity: speaker.2.map(str::to_string),
            }),
            cue: Some(find(&text, cue, 0)),
            tone: None,
        });
        self
    }

    pub fn timex(mut self, t: &str, ttype: TimexType, value: &str) -> DocBuilder {
        let span = find(self.doc.text(), t, 0);
        self.doc.timexes.push(Timex {
            span,
            ttype,
            value: value.to_string(),
            modifier: None,
            freq: None,
            quant: None,
        });
        self
    }

    pub fn amount(mut self, t: &str, value: f64, unit: &str) -> DocBuilder {
        let span = find(self.doc.text(), t, 0);
        self.doc.amounts.push(Amount {
            span,
            value,
            unit: unit.to_string(),
            object: None,
            approx: None,
            range_to: None,
            percentage_points: false,
        });
        self
    }

    /// An event: `(code, quad class, goldstein)`, source and target as (CAMEO code, words,
    /// occurrence, local entity), the event date, a location (words, local entity) and the verb.
    #[allow(clippy::too_many_arguments)]
    pub fn event(
        mut self,
        (code, quad_class, goldstein): (&str, u8, f64),
        source: (&str, &str, usize, Option<&str>),
        target: (&str, &str, usize, Option<&str>),
        date: &str,
        location: Option<(&str, &str)>,
        verb: &str,
    ) -> DocBuilder {
        let text = self.doc.text().to_string();
        let actor = |(code, words, nth, entity): (&str, &str, usize, Option<&str>)| EventActor {
            code: code.to_string(),
            entity: entity.map(str::to_string),
            span: find(&text, words, nth),
        };
        let verb = find(&text, verb, 0);
        let sentence = *self
            .doc
            .sentences
            .iter()
            .find(|s| s.start <= verb.start && verb.end <= s.end)
            .unwrap();
        self.doc.events.push(Event {
            code: code.to_string(),
            root: code[..2].to_string(),
            quad_class,
            goldstein,
            source: actor(source),
            target: actor(target),
            date: date.to_string(),
            location: location.map(|(name, entity)| EventLocation {
                name: name.to_string(),
                entity: Some(entity.to_string()),
                span: find(&text, name, 0),
            }),
            sentence,
            verb,
            rule: format!("{code} - {}", &text[verb.start..verb.end].to_uppercase()),
            modality: None,
            confidence: 0.8,
        });
        self
    }

    pub fn tone(mut self, tone: f64) -> DocBuilder {
        self.doc.tone = Some(Tone {
            tone,
            positive: 2.0,
            negative: 2.0 - tone,
            polarity: 4.0 - tone,
            activity_density: 20.0,
            self_group_density: 1.0,
            word_count: 20,
            compound: tone / 10.0,
            sentences: vec![],
        });
        self
    }

    pub fn build(self) -> Doc {
        self.doc
    }
}

use EntityType::{Location, Person};
use MentionKind::{Name, Pronoun};

/// Three articles about trade talks, plus two duplicates (same text and date under another id;
/// same id with other text).
pub fn corpus() -> Vec<Doc> {
    let t1 = "U.S. President Donald Trump said on Friday he would meet Chinese President Xi Jinping in Buenos Aires. \"We are close to a deal,\" Trump said. Tariffs on $250 billion of goods remain.";
    let d1 = DocBuilder::new("a1", "2018-11-02", "Reuters", "Trump and Xi to meet at G20", t1)
        .entity("U.S.", Location, Some((6252001, "US")), &[("U.S.", 0, Name)])
        .entity(
            "Donald Trump",
            Person,
            None,
            &[("Donald Trump", 0, Name), ("he", 0, Pronoun), ("Trump", 1, Name)],
        )
        .entity("Xi Jinping", Person, None, &[("Xi Jinping", 0, Name)])
        .entity(
            "Buenos Aires",
            Location,
            Some((3435910, "AR")),
            &[("Buenos Aires", 0, Name)],
        )
        .quote(
            "We are close to a deal,",
            QuoteKind::Direct,
            ("Trump", 1, Some("E2")),
            "said",
        )
        .timex("Friday", TimexType::Date, "2018-11-02")
        .amount("$250 billion", 250e9, "USD")
        .event(
            ("036", 1, 4.0),
            ("USAGOV", "Donald Trump", 0, Some("E2")),
            ("CHNGOV", "Xi Jinping", 0, Some("E3")),
            "2018-11-02",
            Some(("Buenos Aires", "E4")),
            "meet",
        )
        .tone(-1.5)
        .build();
    let t2 = "Xi Jinping called for dialogue with the United States. Xi said trade frictions should be resolved through talks.";
    let d2 = DocBuilder::new("a2", "2018-11-15", "Xinhua", "China urges dialogue", t2)
        .entity("Xi Jinping", Person, None, &[("Xi Jinping", 0, Name), ("Xi", 1, Name)])
        .entity(
            "United States",
            Location,
            Some((6252001, "US")),
            &[("United States", 0, Name)],
        )
        .quote(
            "trade frictions should be resolved through talks",
            QuoteKind::Indirect,
            ("Xi", 1, Some("E1")),
            "said",
        )
        .tone(1.0)
        .build();
    let t3 = "Donald Trump and Xi Jinping agreed a 90-day truce in Buenos Aires on Saturday. Markets rose.";
    let d3 = DocBuilder::new("a3", "2018-12-01", "Reuters", "Trump and Xi agree trade truce", t3)
        .entity("Donald Trump", Person, None, &[("Donald Trump", 0, Name)])
        .entity("Xi Jinping", Person, None, &[("Xi Jinping", 0, Name)])
        .entity(
            "Buenos Aires",
            Location,
            Some((3435910, "AR")),
            &[("Buenos Aires", 0, Name)],
        )
        .timex("90-day", TimexType::Duration, "P90D")
        .timex("Saturday", TimexType::Date, "2018-12-01")
        .event(
            ("0871", 2, 9.0),
            ("USAGOV", "Donald Trump", 0, Some("E1")),
            ("CHNGOV", "Xi Jinping", 0, Some("E2")),
            "2018-12-01",
            Some(("Buenos Aires", "E3")),
            "agreed",
        )
        .event(
            ("0871", 2, 9.0),
            ("CHNGOV", "Xi Jinping", 0, Some("E2")),
            ("USAGOV", "Donald Trump", 0, Some("E1")),
            "2018-12",
            None,
            "agreed",
        )
        .tone(2.5)
        .build();
    let mut copy = d1.clone();
    copy.article.id = "a1-copy".to_string();
    let mut same_id = d3.clone();
    same_id.article.text.push_str(" Updated.");
    vec![d1, d2, copy, d3, same_id]
}

/// `n` generated articles over a few entities, for volume and crash tests.
pub fn generated(n: usize) -> Vec<Doc> {
    let people = ["Ana Lopez", "Ben Okafor", "Chen Wei", "Dara Singh", "Eli Novak"];
    (0..n)
        .map(|i| {
            let p = people[i % people.len()];
            let q = people[(i * 7 + 3) % people.len()];
            let text = format!("{p} met {q} in round {i} of the talks. \"Progress was made in round {i},\" {p} said.");
            let day = date("2019-01-01") + chrono::Duration::days((i % 90) as i64);
            let mut b = DocBuilder::new(
                &format!("g{i:04}"),
                &day.to_string(),
                "Wire",
                &format!("Round {i}"),
                &text,
            )
            .entity(p, Person, None, &[(p, 0, Name), (p, 1, Name)]);
            if q != p {
                b = b.entity(q, Person, None, &[(q, 0, Name)]);
            }
            b.quote(
                &format!("Progress was made in round {i},"),
                QuoteKind::Direct,
                (p, 1, Some("E1")),
                "said",
            )
            .build()
        })
        .collect()
}
