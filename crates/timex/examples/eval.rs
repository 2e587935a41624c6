//! TempEval-3 evaluation on a TimeML folder, writing the system JSONL for score_timex.py:
//! `cargo run --release -p newsgraph-timex --example eval -- GOLD_DIR [OUT.jsonl] [N_ERRORS]`
//! (with `TIMEX_EVAL_JSON=1`: the metrics as one JSON object, named as score_timex.py --json names them)
use newsgraph_timex::eval::{eval_dir_with_output, to_jsonl, EvalOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(gold) = args.get(1) else {
        eprintln!("usage: eval GOLD_DIR [OUT.jsonl] [N_ERRORS]");
        std::process::exit(2);
    };
    let max_errors = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(0);
    let opts = EvalOptions {
        max_errors,
        ..EvalOptions::default()
    };
    let (report, out) = eval_dir_with_output(std::path::Path::new(gold), &opts).unwrap_or_else(|e| panic!("{e}"));
    if let Some(path) = args.get(2) {
        std::fs::write(path, to_jsonl(&out)).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    if std::env::var_os("TIMEX_EVAL_JSON").is_some() {
        let mut r = report.clone();
        r.errors.clear();
        println!("{}", serde_json::to_string(&r).unwrap_or_default());
        return;
    }
    println!("{report}");
    for e in &report.errors {
        println!("{}\t{}\t{}\t|\t{}", e.kind, e.doc, e.gold, e.system);
    }
}
