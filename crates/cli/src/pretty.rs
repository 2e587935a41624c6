//! The readable report printed on a terminal (`--format pretty`).

use std::io::{self, Write};

use newsgraph_core::Doc;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// Writes one article's report.
pub fn render(out: &mut impl Write, doc: &Doc, color: bool) -> io::Result<()> {
    let st = Style { color };
    let a = &doc.article;
    let title = a.title.as_deref().unwrap_or("(untitled)");
    writeln!(
        out,
        "{} {}",
        st.bold(&format!("■ {title}")),
        st.dim(&format!("[{}]", a.id))
    )?;
    let mut meta = vec![format!("date {}", a.date.format("%Y-%m-%d (%A)"))];
    if let Some(s) = &a.source {
        meta.push(format!("source {s}"));
    }
    if let Some(u) = &a.url {
        meta.push(u.clone());
    }
    meta.push(format!(
        "{} paragraphs, {} sentences, {} tokens",
        doc.paragraphs.len(),
        doc.sentences.len(),
        doc.tokens.len()
    ));
    writeln!(out, "  {}", st.dim(&meta.join(" · ")))?;

    writeln!(out, "\n  {}", st.bold("Sentences"))?;
    let width = doc.sentences.len().to_string().len();
    for (i, s) in doc.sentences.iter().enumerate() {
        let text = doc.slice(*s).replace('\n', " ");
        writeln!(out, "  {} {}", st.paint("36", &format!("{:>width$}", i + 1)), text)?;
    }

    if !doc.entities.is_empty() {
        writeln!(out, "\n  {}", st.bold("Entities"))?;
        for e in &doc.entities {
            let mut line = format!("{} {}", st.paint("33", e.etype.as_str()), st.bold(&e.name));
            line.push_str(&st.dim(&format!(" ×{}", e.mentions.len())));
            if let Some(l) = &e.link {
                let mut parts = vec![l.kind.clone()];
                if let Some(c) = &l.country {
                    parts.push(c.clone());
                }
                if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
                    parts.push(format!("{lat:.2},{lon:.2}"));
                }
                line.push_str(&st.dim(&format!("  → {}", parts.join(" "))));
            }
            if !e.titles.is_empty() {
                let titles: Vec<&str> = e.titles.iter().map(|t| doc.slice(*t)).collect();
                line.push_str(&st.dim(&format!("  ({})", titles.join("; "))));
            }
            writeln!(out, "  {line}")?;
        }
    }
    if !doc.timexes.is_empty() {
        writeln!(out, "\n  {}", st.bold("Time"))?;
        for t in &doc.timexes {
            writeln!(
                out,
                "  {} {} → {}",
                st.paint("35", t.ttype.as_str()),
                doc.slice(t.span),
                st.bold(&t.value)
            )?;
        }
    }
    if !doc.quotes.is_empty() {
        writeln!(out, "\n  {}", st.bold("Quotes"))?;
        for q in &doc.quotes {
            let speaker = q.speaker.as_ref().map(|s| {
                let name = s
                    .entity
                    .as_ref()
                    .and_then(|id| doc.entities.iter().find(|e| &e.id == id))
                    .map(|e| e.name.as_str())
                    .unwrap_or_else(|| doc.slice(s.span));
                name.to_string()
            });
            writeln!(
                out,
                "  {} {}: “{}”",
                st.paint("32", &format!("{:?}", q.kind).to_lowercase()),
                st.bold(speaker.as_deref().unwrap_or("?")),
                doc.slice(q.span)
            )?;
        }
    }
    if !doc.amounts.is_empty() {
        writeln!(out, "\n  {}", st.bold("Amounts"))?;
        for am in &doc.amounts {
            let object = am.object.map(|o| format!(" of {}", doc.slice(o))).unwrap_or_default();
            writeln!(
                out,
                "  {} → {} {}{}",
                doc.slice(am.span),
                st.bold(&format_value(am.value)),
                am.unit,
                object
            )?;
        }
    }
    if let Some(t) = &doc.tone {
        writeln!(out, "\n  {}", st.bold("Tone"))?;
        writeln!(
            out,
            "  tone {:+.2}  positive {:.2}%  negative {:.2}%  polarity {:.2}  words {}",
            t.tone, t.positive, t.negative, t.polarity, t.word_count
        )?;
    }
    writeln!(out)?;
    Ok(())
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
