//! Output of JSON Lines records without copying them into a buffer first.
//!
//! ```ignore
//! #[path = "common/lines.rs"]
//! mod lines;
//! ```

use std::io::{self, IoSlice, Write};

/// Records waiting to be written with one `write_vectored` call (each
/// record and its newline a slice of the call). A `BufWriter` copied every
/// byte of the output once more, on the writer thread, while the workers it
/// shares the cores with waited.
pub struct Gather {
    out: Box<dyn Write + Send>,
    records: Vec<String>,
    bytes: usize,
}

impl Gather {
    /// Records written at most in one call (two slices each, within the
    /// usual 1,024 of `IOV_MAX`).
    const RECORDS: usize = 256;
    /// Bytes after which the records waiting are written.
    const BYTES: usize = 1 << 18;

    pub fn new(out: Box<dyn Write + Send>) -> Gather {
        Gather {
            out,
            records: Vec::with_capacity(Self::RECORDS),
            bytes: 0,
        }
    }

    /// Adds a record (a line without its newline), written soon.
    pub fn push(&mut self, json: String) -> io::Result<()> {
        self.bytes += json.len() + 1;
        self.records.push(json);
        if self.records.len() >= Self::RECORDS || self.bytes >= Self::BYTES {
            self.write()?;
        }
        Ok(())
    }

    /// Writes every record waiting, each followed by a newline.
    fn write(&mut self) -> io::Result<()> {
        let mut slices: Vec<IoSlice<'_>> = Vec::with_capacity(2 * self.records.len());
        for r in &self.records {
            slices.push(IoSlice::new(r.as_bytes()));
            slices.push(IoSlice::new(b"\n"));
        }
        let mut rest = &mut slices[..];
        while !rest.is_empty() {
            match self.out.write_vectored(rest) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => IoSlice::advance_slices(&mut rest, n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.records.clear();
        self.bytes = 0;
        Ok(())
    }

    /// Writes every record waiting and flushes the output.
    pub fn flush(&mut self) -> io::Result<()> {
        self.write()?;
        self.out.flush()
    }
}
