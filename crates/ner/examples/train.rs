//! Trains the NER model and prints dev scores per epoch:
//!
//! ```text
//! cargo run --release -p newsgraph-ner --example train -- TRAIN DEV OUT [EPOCHS] [SEED]
//! ```

use std::path::PathBuf;

use newsgraph_ner::{evaluate_conll, read_conll, Model, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err("usage: train TRAIN DEV OUT [EPOCHS] [SEED]".into());
    }
    let mut opts = TrainOptions::default();
    if let Some(e) = args.get(3) {
        // One number sets both passes; without it the library defaults apply.
        opts.epochs = e.parse()?;
        opts.first_pass_epochs = opts.epochs;
    }
    if let Some(s) = args.get(4) {
        opts.seed = s.parse()?;
    }
    if let Ok(f) = std::env::var("NER_FOLDS") {
        opts.folds = f.parse()?;
    }
    // Unlabelled text for the distributional features, colon-separated paths.
    if let Ok(u) = std::env::var("NER_UNLABELLED") {
        opts.unlabelled = u.split(':').filter(|p| !p.is_empty()).map(PathBuf::from).collect();
    }
    let out = PathBuf::from(&args[2]);
    let model = newsgraph_ner::train_files(args[0].as_ref(), Some(args[1].as_ref()), &out, &opts, |p| {
        let f1 = p.dev_f1.map_or("-".to_string(), |f| format!("{:.2}", 100.0 * f));
        eprintln!("{:?} epoch {:>2}: dev F1 {f1}", p.stage, p.epoch);
    })?;
    let size = std::fs::metadata(&out)?.len();
    eprintln!(
        "wrote {} ({} bytes, {} features)",
        out.display(),
        size,
        model.n_features()
    );
    let reloaded = Model::load(&out)?;
    let dev = read_conll(args[1].as_ref())?;
    print!("{}", evaluate_conll(&reloaded, &dev));
    Ok(())
}
