//! Fingerprints: the one hash every stage uses to tell whether something changed.
//!
//! Resolve keys each document's analysis by a fingerprint of its file, render keys each
//! page by a fingerprint of what it shows, write skips a file whose bytes hash as they did,
//! and the link check keeps ids as fingerprints. All of them hash with [`Hasher`]: ahash,
//! fast on whole files, with fixed keys so that equal inputs give equal fingerprints from
//! one rebuild to the next (they never leave the process, so nothing needs them to be
//! stable across versions, and nobody can choose inputs to collide in a map).
//!
//! One other hash lives here, for people rather than the build: the SHA-256 of an original
//! ([`sha256_hex`]), which `dossier import` records and the load checks.

use std::hash::{BuildHasher, Hash, Hasher as _};

use serde::Serialize;

/// SHA-256 of `bytes` in lowercase hexadecimal, as `sha256sum` prints it: what `dossier
/// import` records of an original and what the build checks it against. (A checksum for
/// people, unlike the fingerprints, which never leave the process.)
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(bytes);
    digest
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// The hasher of every fingerprint.
pub(crate) type Hasher = ahash::AHasher;

/// A fresh hasher with the fixed keys.
pub(crate) fn hasher() -> Hasher {
    ahash::RandomState::with_seeds(1, 2, 3, 4).build_hasher()
}

/// The fingerprint of `value`.
pub(crate) fn of(value: &(impl Hash + ?Sized)) -> u64 {
    let mut h = hasher();
    value.hash(&mut h);
    h.finish()
}

/// The fingerprint of `bytes` as written to a file.
pub(crate) fn of_bytes(bytes: &[u8]) -> u64 {
    let mut h = hasher();
    h.write(bytes);
    h.finish()
}

/// The fingerprint of a sequence of fingerprints, in order.
pub(crate) fn combine(parts: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = hasher();
    for part in parts {
        h.write_u64(part);
    }
    h.finish()
}

/// The fingerprint of `value` as it serialises (as JSON, written straight into the hasher):
/// for views whose `Serialize` is exactly what a page shows of them.
pub(crate) fn of_serialized<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut writer = HashWriter(hasher());
    // Writing into a hasher cannot fail; a value that cannot serialise hashes as what was written.
    let _ = serde_json::to_writer(&mut writer, value);
    writer.0.finish()
}

struct HashWriter(Hasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_inputs_give_equal_fingerprints_and_others_differ() {
        assert_eq!(of("a page"), of("a page"));
        assert_ne!(of("a page"), of("a page."));
        assert_eq!(of_bytes(b"x"), of_bytes(b"x"));
        assert_ne!(combine([1, 2]), combine([2, 1]));
        assert_eq!(of_serialized(&["a", "b"]), of_serialized(&vec!["a", "b"]));
    }
}
