//! Scores event coding on the PETRARCH unit-test records and prints the errors:
//! `cargo run --release -p newsgraph-events --example eval_unittest [-- --errors]`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let gold = newsgraph_events::shared_dir().join("data/events/validation/unittest2_gold.jsonl");
    let r = newsgraph_events::eval_events(&gold)?;
    if std::env::args().any(|a| a == "--errors") {
        for (id, missed, spurious) in &r.errors {
            println!("{id}\tmissed {missed:?}\tspurious {spurious:?}");
        }
    }
    print!("{r}");
    Ok(())
}
