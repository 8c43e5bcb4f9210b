//! The benchmark file formats of FORMAT.md: instances in, solutions out.

mod error;
mod lines;
mod read;
mod write;

pub use error::{ErrorKind, FormatError};
pub use read::read_instance;
pub use write::{write_instance, write_solution};
