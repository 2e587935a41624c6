//! Tags a file: `cargo run -p newsgraph-timex --example tag -- FILE YYYY-MM-DD` (a `date … ` header
//! line as in shared/seed/article.txt is read when no date is given).
use chrono::NaiveDate;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: tag FILE [YYYY-MM-DD]");
        std::process::exit(2);
    };
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (dct, text) = match args.get(2) {
        Some(d) => (NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date"), raw.as_str()),
        None => {
            let rest = raw
                .trim_start()
                .strip_prefix("date ")
                .expect("a `date YYYY-MM-DD ` header");
            (
                NaiveDate::parse_from_str(&rest[..10], "%Y-%m-%d").expect("date"),
                &rest[11..],
            )
        }
    };
    for t in newsgraph_timex::annotate(text, dct, &[]) {
        println!(
            "{}\t{}\t{}\t{:?}\t{:?}",
            &text[t.span.start..t.span.end],
            t.ttype.as_str(),
            t.value,
            t.modifier,
            t.quant
        );
    }
}
