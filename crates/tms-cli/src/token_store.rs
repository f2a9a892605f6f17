//! Session tokens kept between invocations: one file per (vendor, server URL, user) in the
//! user's cache directory (or `TMS_CACHE_DIR`), written atomically with mode 0600.
//!
//! The file name is a hash of the key; the file repeats the URL and user so a collision (or a
//! file copied by hand) is never used for another server. A file that does not parse is
//! treated as absent and replaced on the next write.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use memoq_api::SavedToken;
use serde::{Deserialize, Serialize};

/// The environment variable that overrides the cache directory.
pub const CACHE_DIR_ENV: &str = "TMS_CACHE_DIR";

/// Whose token an entry holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// `memoq` or `memsource`.
    pub vendor: &'static str,
    /// The normalized base URL.
    pub url: String,
    /// The user name.
    pub user: String,
}

/// The file's contents; `token` is written only here.
#[derive(Serialize, Deserialize)]
struct Entry {
    vendor: String,
    url: String,
    user: String,
    token: String,
    /// Seconds since the Unix epoch, when the token's end is known.
    expires_at: Option<u64>,
}

/// The token files of one cache directory.
#[derive(Debug, Clone)]
pub struct TokenStore {
    dir: PathBuf,
}

impl TokenStore {
    /// The store in `TMS_CACHE_DIR`, or in `tms/` under the user's cache directory; `None` when
    /// there is neither.
    pub fn from_env() -> Option<Self> {
        let dir = match std::env::var_os(CACHE_DIR_ENV) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => dirs::cache_dir()?.join("tms"),
        };
        Some(Self { dir })
    }

    /// The store in `dir`.
    #[cfg(test)]
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The file of `key`.
    pub fn path(&self, key: &Key) -> PathBuf {
        let material = format!("{}\n{}\n{}", key.vendor, key.url, key.user);
        self.dir
            .join(format!("{}-{:016x}.json", key.vendor, fnv1a(&material)))
    }

    /// The saved token of `key`, if a readable entry for exactly this key is there.
    pub fn load(&self, key: &Key) -> Option<SavedToken> {
        let text = fs::read(self.path(key)).ok()?;
        let entry: Entry = match serde_json::from_slice(&text) {
            Ok(entry) => entry,
            Err(_) => {
                tracing::debug!("ignoring an unreadable token cache file");
                return None;
            }
        };
        if entry.vendor != key.vendor || entry.url != key.url || entry.user != key.user {
            return None;
        }
        Some(SavedToken {
            token: entry.token.into(),
            expires_at: entry
                .expires_at
                .map(|secs| UNIX_EPOCH + Duration::from_secs(secs)),
        })
    }

    /// Writes the entry of `key` (temporary file, then rename; mode 0600 on unix).
    ///
    /// # Errors
    /// The directory or file cannot be written.
    pub fn save(&self, key: &Key, saved: &SavedToken) -> std::io::Result<()> {
        create_private_dir(&self.dir)?;
        let entry = Entry {
            vendor: key.vendor.to_owned(),
            url: key.url.clone(),
            user: key.user.clone(),
            token: saved.token.expose().to_owned(),
            expires_at: saved
                .expires_at
                .and_then(|at| at.duration_since(UNIX_EPOCH).ok())
                .map(|d| d.as_secs()),
        };
        let body = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        let path = self.path(key);
        let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
        let written = write_private(&tmp, &body).and_then(|()| fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written
    }

    /// Deletes the entry of `key`; returns whether there was one.
    ///
    /// # Errors
    /// The file exists but cannot be deleted.
    pub fn remove(&self, key: &Key) -> std::io::Result<bool> {
        match fs::remove_file(self.path(key)) {
            Ok(()) => Ok(true),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(err) => Err(err),
        }
    }
}

/// A 64-bit FNV-1a hash: stable across builds and platforms (std's hasher is not promised to
/// be), and enough for a file name whose contents are checked anyway.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn write_private(path: &Path, body: &[u8]) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(body)?;
    file.sync_all()
}

/// Whether two saved tokens are the same (to skip a needless write).
pub fn same(a: &SavedToken, b: &SavedToken) -> bool {
    let secs = |t: &SavedToken| {
        t.expires_at
            .and_then(|at| at.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map(|d| d.as_secs())
    };
    a.token == b.token && secs(a) == secs(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(user: &str) -> Key {
        Key {
            vendor: "memoq",
            url: "http://127.0.0.1:1/memoqserverhttpapi/v1".into(),
            user: user.into(),
        }
    }

    #[test]
    fn an_entry_round_trips_and_is_private() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = TokenStore::in_dir(dir.path().join("nested"));
        let at = UNIX_EPOCH + Duration::from_secs(4_000_000_000);
        let saved = SavedToken {
            token: "tok".into(),
            expires_at: Some(at),
        };
        store.save(&key("pm"), &saved).expect("written");
        assert_eq!(store.load(&key("pm")), Some(saved));
        assert_eq!(store.load(&key("other")), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(store.path(&key("pm")))
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(store.remove(&key("pm")).expect("removed"));
        assert!(!store.remove(&key("pm")).expect("nothing left"));
    }

    #[test]
    fn a_corrupt_or_foreign_file_is_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = TokenStore::in_dir(dir.path());
        fs::write(store.path(&key("pm")), b"{not json").expect("written");
        assert_eq!(store.load(&key("pm")), None);
        // An entry for another user under this key's name is not used.
        let other = r#"{"vendor":"memoq","url":"x","user":"eve","token":"t","expires_at":null}"#;
        fs::write(store.path(&key("pm")), other).expect("written");
        assert_eq!(store.load(&key("pm")), None);
    }
}
