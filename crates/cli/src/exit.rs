//! Exit codes, as documented in `--help`.

use std::process::ExitCode;

/// The process outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// Everything was read and analysed.
    Ok,
    /// Some records were skipped (bad input or a component error); the rest were processed.
    Skipped,
    /// Usage error, or an input or output could not be opened or read.
    Fatal,
}

impl From<Code> for ExitCode {
    fn from(c: Code) -> ExitCode {
        match c {
            Code::Ok => ExitCode::SUCCESS,
            Code::Skipped => ExitCode::from(1),
            Code::Fatal => ExitCode::from(2),
        }
    }
}

/// True when the error is a closed stdout (`newsgraph analyze … | head`): exit quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let kind = e
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            // serde_json wraps the write error of `to_writer` in its own type.
            .or_else(|| {
                e.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes as one line, `outer: cause: root`, each cause said once. Library
/// errors often put their source into their own message as well as exposing it as the source
/// (so that `to_string()` alone is complete, as the API's JSON errors need); printing the chain
/// as is would then repeat the root cause.
pub fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Like `#[error("opening store: {0}")] Store(#[from] StoreError)`.
    #[derive(Debug)]
    struct Embeds(std::io::Error);

    impl std::fmt::Display for Embeds {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "opening store: {}", self.0)
        }
    }

    impl std::error::Error for Embeds {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_cause_already_in_the_message_is_said_once() {
        let root = std::io::Error::other("no manifest.json");
        let err = anyhow::Error::new(Embeds(root)).context("serving store /x");
        assert_eq!(message(&err), "serving store /x: opening store: no manifest.json");
    }

    #[test]
    fn distinct_causes_are_all_kept() {
        let err = anyhow::Error::new(std::io::Error::other("disk full"))
            .context("writing batch 3")
            .context("ingest");
        assert_eq!(message(&err), "ingest: writing batch 3: disk full");
    }
}
