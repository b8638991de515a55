//! Dispatch to the commands, and what a run ends with.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::flags::{Cli, Command, ListsCommand};

/// How a command that ran to the end finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// It ran; whatever it found is in its output. Exit 0.
    Done,
    /// A row reached the `--fail-on` lane. Exit 1.
    Flagged,
    /// It ran and found errors it has already reported (problems in a
    /// control list). Exit 2.
    Failed,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        match s {
            Status::Done => ExitCode::SUCCESS,
            Status::Flagged => ExitCode::from(1),
            Status::Failed => ExitCode::from(2),
        }
    }
}

/// Runs the command the flags name.
pub fn run(cli: Cli) -> anyhow::Result<Status> {
    match cli.command {
        Command::Screen(args) => crate::screen::run(&args),
        Command::Explain(args) => crate::explain::run(&args),
        Command::Lists(ListsCommand::Check(args)) => {
            crate::lists::check(&args)
        }
        Command::Lists(ListsCommand::Stats(args)) => {
            crate::lists::stats(&args)
        }
    }
}

/// Whether the error is stdout's reader having gone away.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Reports an error on stderr.
pub fn error(e: &anyhow::Error) {
    // Nothing to do if stderr itself is gone.
    let _ = writeln!(io::stderr(), "dualuse: error: {e:#}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_found_in_the_chain() {
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        let e = anyhow::Error::from(pipe).context("writing output");
        assert!(is_broken_pipe(&e));
        let other = io::Error::from(io::ErrorKind::NotFound);
        assert!(!is_broken_pipe(&anyhow::Error::from(other)));
        assert!(!is_broken_pipe(&anyhow::anyhow!("bad")));
    }
}
