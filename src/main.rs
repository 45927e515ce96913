use std::process::ExitCode;

fn main() -> ExitCode {
    tasks::run(std::env::args_os())
}
