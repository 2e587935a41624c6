//! BILOU tags over the four labels, and the transitions that are allowed between them.
//!
//! BILOU (Begin, Inside, Last, Outside, Unit) rather than BIO because the last token of a name and
//! a one-token name look different ("Jinping" vs "Xi" vs "Trump"), and giving them their own tags
//! lets the emission weights say so (Ratinov & Roth 2009 found BILOU better than BIO on CoNLL).

use crate::data::{Label, TokenSpan};

/// Number of tags: `O` plus B, I, L, U for each of the four labels.
pub const N_TAGS: usize = 17;

/// Tag index of `O`.
pub const O: u8 = 0;

/// Position of a tag inside its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Out,
    B,
    I,
    L,
    U,
}

pub(crate) fn tag(label: Label, part: Part) -> u8 {
    let p = match part {
        Part::Out => return O,
        Part::B => 0,
        Part::I => 1,
        Part::L => 2,
        Part::U => 3,
    };
    (1 + label.index() * 4 + p) as u8
}

pub(crate) fn part(tag: u8) -> Part {
    if tag == O {
        return Part::Out;
    }
    match (tag - 1) % 4 {
        0 => Part::B,
        1 => Part::I,
        2 => Part::L,
        _ => Part::U,
    }
}

pub(crate) fn label(tag: u8) -> Option<Label> {
    (tag != O).then(|| Label::ALL[((tag - 1) / 4) as usize])
}

/// Name of a tag, for debugging and error messages.
pub fn tag_name(tag: u8) -> String {
    match label(tag) {
        None => "O".to_string(),
        Some(l) => {
            let p = match part(tag) {
                Part::B => "B",
                Part::I => "I",
                Part::L => "L",
                _ => "U",
            };
            format!("{p}-{l}")
        }
    }
}

/// Whether `cur` may follow `prev` (`None` = sentence start).
pub(crate) fn allowed(prev: Option<u8>, cur: u8) -> bool {
    let open = prev.is_some_and(|p| matches!(part(p), Part::B | Part::I));
    match part(cur) {
        Part::Out | Part::B | Part::U => !open,
        Part::I | Part::L => open && prev.and_then(label) == label(cur),
    }
}

/// Whether a sentence may end on `tag`.
pub(crate) fn may_end(tag: u8) -> bool {
    matches!(part(tag), Part::Out | Part::L | Part::U)
}

/// Tags for `n` tokens with the given spans.
pub(crate) fn encode(n: usize, spans: &[TokenSpan]) -> Vec<u8> {
    let mut tags = vec![O; n];
    for s in spans {
        if s.end > n || s.start >= s.end {
            continue;
        }
        if s.end - s.start == 1 {
            tags[s.start] = tag(s.label, Part::U);
        } else {
            tags[s.start] = tag(s.label, Part::B);
            for t in &mut tags[s.start + 1..s.end - 1] {
                *t = tag(s.label, Part::I);
            }
            tags[s.end - 1] = tag(s.label, Part::L);
        }
    }
    tags
}

/// Spans of a (valid) tag sequence. Invalid sequences are read leniently: a B or I without its L
/// still closes at the next O or start.
pub(crate) fn decode(tags: &[u8]) -> Vec<TokenSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let l = label(t);
        match part(t) {
            Part::Out | Part::B | Part::U => {
                if let Some((s, lab)) = open.take() {
                    out.push(TokenSpan {
                        start: s,
                        end: i,
                        label: lab,
                    });
                }
                if let Some(l) = l {
                    if part(t) == Part::U {
                        out.push(TokenSpan {
                            start: i,
                            end: i + 1,
                            label: l,
                        });
                    } else {
                        open = Some((i, l));
                    }
                }
            }
            Part::I | Part::L => {
                if let Some(l) = l {
                    if !matches!(open, Some((_, lab)) if lab == l) {
                        if let Some((s, lab)) = open.take() {
                            out.push(TokenSpan {
                                start: s,
                                end: i,
                                label: lab,
                            });
                        }
                        open = Some((i, l));
                    }
                    if part(t) == Part::L {
                        if let Some((s, lab)) = open.take() {
                            out.push(TokenSpan {
                                start: s,
                                end: i + 1,
                                label: lab,
                            });
                        }
                    }
                }
            }
        }
    }
    if let Some((s, lab)) = open {
        out.push(TokenSpan {
            start: s,
            end: tags.len(),
            label: lab,
        });
    }
    out
}

/// [`allowed`] for a previous tag, usable in constant tables.
pub(crate) const fn allowed_const(prev: u8, cur: u8) -> bool {
    let open = prev != O && (prev - 1) % 4 <= 1;
    if cur == O || matches!((cur - 1) % 4, 0 | 3) {
        !open
    } else {
        open && (prev - 1) / 4 == (cur - 1) / 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let spans = vec![
            TokenSpan {
                start: 0,
                end: 2,
                label: Label::Per,
            },
            TokenSpan {
                start: 3,
                end: 4,
                label: Label::Loc,
            },
            TokenSpan {
                start: 4,
                end: 7,
                label: Label::Org,
            },
        ];
        let tags = encode(8, &spans);
        let names: Vec<String> = tags.iter().map(|&t| tag_name(t)).collect();
        assert_eq!(names, ["B-PER", "L-PER", "O", "U-LOC", "B-ORG", "I-ORG", "L-ORG", "O"]);
        assert_eq!(decode(&tags), spans);
        for w in tags.windows(2) {
            assert!(allowed(Some(w[0]), w[1]));
        }
    }

    #[test]
    fn transitions_are_constrained() {
        let b_per = tag(Label::Per, Part::B);
        assert!(!allowed(Some(b_per), O));
        assert!(!allowed(Some(b_per), tag(Label::Loc, Part::L)));
        assert!(allowed(Some(b_per), tag(Label::Per, Part::L)));
        assert!(!allowed(None, tag(Label::Per, Part::I)));
        assert!(!may_end(b_per));
        for p in 0..N_TAGS as u8 {
            for c in 0..N_TAGS as u8 {
                assert_eq!(allowed(Some(p), c), allowed_const(p, c), "{p} {c}");
            }
        }
    }
}
