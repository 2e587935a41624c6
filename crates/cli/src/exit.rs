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
