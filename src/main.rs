//! The `poa` binary: everything is in the library's `cli` module.

fn main() -> std::process::ExitCode {
    poa::cli::run()
}
