use std::process::ExitCode;

/// Reading a large plan allocates many small strings; mimalloc handles that
/// in a fraction of the time the system allocator takes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tasks::run(std::env::args_os())
}
