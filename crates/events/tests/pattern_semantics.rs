//! How verb patterns apply, on sentences written for these tests (shipped Phoenix
//! dictionaries): a pattern's target slot must hold an actor, codes outside CAMEO never make
//! events, approval of restored ties is diplomatic cooperation, and meetings are mutual.

#![allow(clippy::unwrap_used)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use newsgraph_events::{EventCoder, EventOptions};

fn coder() -> &'static EventCoder {
    static C: OnceLock<EventCoder> = OnceLock::new();
    C.get_or_init(|| EventCoder::new(&EventOptions::default()).unwrap())
}

fn code(text: &str) -> Vec<String> {
    let date = NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
    let mut v: Vec<String> = coder()
        .code_text(text, date)
        .iter()
        .map(|e| format!("{} {} {}", e.source.code, e.target.code, e.code))
        .collect();
    v.sort();
    v
}

fn has(text: &str, want: &[&str]) {
    let got = code(text);
    for w in want {
        assert!(got.iter().any(|g| g == w), "{text}: want {w}, got {got:?}");
    }
}

fn lacks(text: &str, bad: &[&str]) {
    let got = code(text);
    for b in bad {
        assert!(!got.iter().any(|g| g == b), "{text}: did not want {b}, got {got:?}");
    }
}

/// A TABARI-style pattern "- * ATTACK ON + [112]" (a user dictionary, matched in order)
/// needs an actor after ON; "on Thursday" is none, so the next candidate, the verb's own
/// code (condemn, 111), applies to the attacker.
#[test]
fn target_slot_must_hold_an_actor() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("test.verbs.txt"),
        "--- CONDEMN_TEST [---] ---\nCONDEMN\n- * ATTACK ON + [112]\n",
    )
    .unwrap();
    let coder = EventCoder::new(&EventOptions {
        dictionaries: Some(dir.path().to_path_buf()),
        ..EventOptions::default()
    })
    .unwrap();
    let date = NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
    let code = |t: &str| -> Vec<String> {
        coder
            .code_text(t, date)
            .iter()
            .map(|e| format!("{} {} {}", e.source.code, e.target.code, e.code))
            .collect()
    };
    let got = code("France condemned an attack by Syrian soldiers on Thursday.");
    assert!(got.iter().any(|g| g == "FRA SYRMIL 111"), "{got:?}");
    assert!(!got.iter().any(|g| g.ends_with(" 112")), "{got:?}");
    // With an actor in the slot the pattern applies.
    let got = code("France condemned the attack on Syria.");
    assert!(got.iter().any(|g| g == "FRA SYR 112"), "{got:?}");
}

/// CAMEO.2.0 patterns are phrase-structured: a bare word is the head of the verb's object
/// NP, so "- * SHOW (OF SUPPORT) [051]" does not fire on a show of support inside a PP, and
/// "- * AT [190]" never fires on the preposition "at".
#[test]
fn bare_pattern_words_are_object_heads() {
    lacks(
        "The ambassador of France presented a letter to Spain in a show of support.",
        &["FRAGOV ESP 051"],
    );
    has("France presented a show of support to Spain.", &["FRA ESP 051"]);
    lacks("Russia fired rockets at Ukraine.", &["RUS UKR 190"]);
}

/// Welcoming the resumption of diplomatic ties is diplomatic cooperation (050), one event per
/// partner named after it; welcoming something else stays praise (051).
#[test]
fn approval_of_restored_ties_is_cooperation() {
    has(
        "Spain welcomed the resumption of diplomatic ties with Cuba.",
        &["ESP CUB 050"],
    );
    has(
        "Spain welcomed a restoration of formal diplomatic relations between Cuba and Mexico.",
        &["ESP CUB 050", "ESP MEX 050"],
    );
    has("Spain welcomed the statement by Cuba.", &["ESP CUB 051"]);
    // Resumed talks are not ties.
    lacks("Spain welcomed the resumption of talks with Cuba.", &["ESP CUB 050"]);
}

/// A meeting coded from the verb alone is mutual.
#[test]
fn meetings_are_mutual() {
    has(
        "The Kenyan president met Ugandan officials in Nairobi.",
        &["KENGOV UGA 040", "UGA KENGOV 040"],
    );
}

/// Leaving a place is one-sided: "departed from Y" codes the source's move, not a meeting.
#[test]
fn departing_from_is_one_way() {
    let text = "The Kenyan president departed from Uganda on Friday.";
    has(text, &["KENGOV UGA 040"]);
    lacks(text, &["UGA KENGOV 040"]);
}

fn validate_coder() -> &'static EventCoder {
    static C: OnceLock<EventCoder> = OnceLock::new();
    C.get_or_init(|| {
        EventCoder::new(&EventOptions {
            set: newsgraph_events::DictionarySet::Validate,
            ..EventOptions::default()
        })
        .unwrap()
    })
}

fn code_validate(text: &str) -> Vec<String> {
    let date = NaiveDate::from_ymd_opt(1995, 1, 2).unwrap();
    validate_coder()
        .code_text(text, date)
        .iter()
        .map(|e| format!("{} {} {}", e.source.code, e.target.code, e.code))
        .collect()
}

/// Coordinated agents are separate actors; stacked ones combine.
#[test]
fn coordinated_agents_are_separate_actors() {
    has(
        "French media and government criticized Syria.",
        &["FRAMED SYR 111", "FRAGOV SYR 111"],
    );
    // An agent with its own actor does not reach back across "and".
    has(
        "Spain and the government of France criticized Syria.",
        &["ESP SYR 111", "FRAGOV SYR 111"],
    );
    lacks(
        "Spain and the government of France criticized Syria.",
        &["ESPGOV SYR 111"],
    );
    let got = code_validate("Lawmakers and officials in Rohan condemned Mordor.");
    for w in ["ROHLEG MOR 111", "ROHGOV MOR 111"] {
        assert!(got.iter().any(|g| g == w), "want {w}, got {got:?}");
    }
    assert!(!got.iter().any(|g| g.starts_with("ROHLEGGOV")), "{got:?}");
}

/// With the validation set, CAMEO.2.0 codes every verb it knows; the validation verbs only
/// add the verbs it lacks.
#[test]
fn validation_verbs_only_fill_gaps() {
    // PRESENT is CAMEO's (EXHIBIT, null code), not the validation file's `* CREDENTIALS [032]`.
    let got = code_validate("Rohan presented credentials to Mordor.");
    assert!(!got.iter().any(|g| g.ends_with(" 032")), "{got:?}");
    // DOWNPLAY is only in the validation file.
    let got = code_validate("Rohan downplayed the dispute with Mordor.");
    assert!(got.iter().any(|g| g == "ROH MOR 014"), "{got:?}");
}

/// A participle modifying the object ("the parade supporting Morocco") names the target.
#[test]
fn reduced_relative_names_the_target() {
    has("Spain boycotted the parade supporting Morocco.", &["ESP MAR 163"]);
    has(
        "Spanish soldiers blocked the roads leading into Morocco.",
        &["ESPMIL MAR 144"],
    );
    assert!(code("Spain boycotted the parade on Sunday.").is_empty());
    // An infinitive of purpose after the object: "an agreement … to supply Morocco".
    has(
        "Spain signed an agreement on Monday to supply Morocco with wheat.",
        &["ESP MAR 057"],
    );
}

/// A CAMEO.2.0 pattern whose comment names a verb codes that verb only: "- * (FOR)
/// [042:043] # DEPART" makes "departed for X" a visit, while "left for X" keeps its block's
/// meeting code (040, mutual); "- * MEETING [042:043] # ATTEND" is not "left the meeting".
#[test]
fn patterns_belong_to_the_verb_their_comment_names() {
    has("Spain departed for Morocco on Monday.", &["ESP MAR 042", "MAR ESP 043"]);
    let left = code("Spain left for Morocco on Monday for talks.");
    assert!(
        !left.iter().any(|g| g.ends_with(" 042") || g.ends_with(" 043")),
        "{left:?}"
    );
    assert!(left.iter().any(|g| g == "ESP MAR 040"), "{left:?}");
    // An untagged pattern (a user dictionary's) still applies to every verb of its block.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("test.verbs.txt"),
        "--- PRAISE_TEST [051] ---\nLAUD\nEXTOL\n- * COURAGE [052]\n- * RESTRAINT [053] # LAUD\n",
    )
    .unwrap();
    let coder = EventCoder::new(&EventOptions {
        dictionaries: Some(dir.path().to_path_buf()),
        ..EventOptions::default()
    })
    .unwrap();
    let date = NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
    let code = |t: &str| -> Vec<String> {
        coder
            .code_text(t, date)
            .iter()
            .map(|e| format!("{} {} {}", e.source.code, e.target.code, e.code))
            .collect()
    };
    assert_eq!(code("Spain extolled the courage of Morocco."), ["ESP MAR 052"]);
    assert_eq!(code("Spain lauded the restraint of Morocco."), ["ESP MAR 053"]);
    assert_eq!(code("Spain extolled the restraint of Morocco."), ["ESP MAR 051"]);
}

/// A passive without a `by`-agent takes its source from a `from` phrase right after the verb.
#[test]
fn passive_from_phrase_is_the_source() {
    let got = code_validate("Ithilen's militia was freed from Barad-dur.");
    assert!(got.iter().any(|g| g == "MOR ITH 080"), "{got:?}");
}

/// A dictionary actor the tagger misreads as a conjunction is re-tagged a proper noun, so
/// "Arnor cleric" is a subject (the validation actors are names no training text has).
#[test]
fn dictionary_actors_are_proper_nouns_to_the_tagger() {
    let got = code_validate("Arnor cleric is about to restore full diplomatic ties with Gondor.");
    assert!(got.iter().any(|g| g == "ARNREL GON 050"), "{got:?}");
}

/// A bracketed aside between subject and verb does not hide the subject.
#[test]
fn bracketed_aside_before_the_verb() {
    has(
        "Spain and the European Union (EU) criticized Morocco on Monday.",
        &["ESP MAR 111"],
    );
}
