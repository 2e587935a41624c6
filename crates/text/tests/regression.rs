//! One test per bug found, named after what broke. Most were found by comparing with CoNLL-2003
//! gold sentences (`examples/conll_eval.rs`).

fn sentences(text: &str) -> Vec<&str> {
    newsgraph_text::segment(text)
        .sentences
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect()
}

fn tokens(text: &str) -> Vec<&str> {
    newsgraph_text::segment(text)
        .tokens
        .iter()
        .map(|t| &text[t.span.start..t.span.end])
        .collect()
}

#[test]
fn abbreviation_before_a_closing_bracket_keeps_the_sentence() {
    // "(U.S.)" counted as sentence punctuation plus a closing bracket, so a number after it split.
    assert_eq!(
        sentences("1. Mark Crear (U.S.) 13.26 seconds"),
        ["1. Mark Crear (U.S.) 13.26 seconds"]
    );
    assert_eq!(
        sentences("Alan John Percivale (A.J.P.) Taylor died."),
        ["Alan John Percivale (A.J.P.) Taylor died."]
    );
}

#[test]
fn list_number_opening_a_paragraph_is_one_token_and_no_sentence() {
    // "4. Brigita Bokovec" became the sentence "4." and the sentence "Brigita Bokovec ...".
    assert_eq!(
        sentences("4. Brigita Bokovec (Slovenia) 12.92"),
        ["4. Brigita Bokovec (Slovenia) 12.92"]
    );
    assert_eq!(tokens("4. Brigita")[0], "4.");
    // Only at the start of a paragraph: elsewhere the period ends a sentence.
    assert_eq!(
        sentences("It ranked No. 4. Then it fell."),
        ["It ranked No. 4.", "Then it fell."]
    );
}

#[test]
fn spaced_straight_quote_at_a_line_end_closes() {
    // Detokenized text puts a space before a closing quote; the lone quote became a sentence.
    assert_eq!(
        sentences("I played very well tonight. \"\nNext."),
        ["I played very well tonight. \"", "Next."]
    );
}

#[test]
fn ellipsis_opening_a_quote_does_not_end_a_sentence() {
    // `"...I request` split after the ellipsis: a terminator with no word before it.
    assert_eq!(
        sentences("\"...I request it,\" he said."),
        ["\"...I request it,\" he said."]
    );
}

#[test]
fn initial_before_a_name_that_is_a_function_word_does_not_split() {
    // "Such" was a sentence starter, so "P. Such" split after the initial.
    assert_eq!(
        sentences("G. Hamilton 61; P. Such 8-118."),
        ["G. Hamilton 61; P. Such 8-118."]
    );
}

#[test]
fn signs_stay_with_their_numbers() {
    // "+44" came out as "+" "44".
    assert_eq!(
        tokens("London +44 171, down -0.5, 1-6"),
        ["London", "+44", "171", ",", "down", "-0.5", ",", "1-6"]
    );
}
