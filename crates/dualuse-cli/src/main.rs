//! `dualuse`: screen goods descriptions against the dual-use export
//! control lists from the command line.

use std::process::ExitCode;

use clap::Parser;

mod app;
mod explain;
mod flags;
mod input;
mod lists;
mod parquet_io;
mod screen;

fn main() -> ExitCode {
    let cli = flags::Cli::parse();
    match app::run(cli) {
        Ok(status) => status.into(),
        // `dualuse screen big.csv | head` closes stdout early: the reader
        // got what it asked for, so this is a success, not an error.
        Err(e) if app::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            app::error(&e);
            ExitCode::from(2)
        }
    }
}
