//! The `wijkkaart` binary: parse the command line, hand over to the CLI or the interface.

use std::process::ExitCode;
use wijkkaart::cli::{self, Context};

fn main() -> ExitCode {
    let args = match cli::parse_args() {
        Ok(args) => args,
        Err(failure) => return fail(failure),
    };
    let ctx = Context::from_cli(&args);
    let result = match args.command {
        Some(command) => cli::run(command, &ctx),
        // The terminal library's own hook restores the screen before this one speaks.
        None => cli::contain_panics(|| wijkkaart::tui::run(&ctx), ctx.lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => fail(failure),
    }
}

fn fail(failure: cli::Failure) -> ExitCode {
    for line in &failure.lines {
        eprintln!("{}", wijkkaart::text::terminal::safe_output(line));
    }
    ExitCode::from(failure.code)
}
