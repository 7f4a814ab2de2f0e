//! Files of the data dir: written whole or not at all, and readable by their owner only.

use std::fs::File;
use std::io::Write;
use std::path::Path;

/// Creates a folder (and its parents) that only its owner may enter.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens (creating if needed, never truncating) a file only its owner may read.
pub fn open_private(path: &Path) -> std::io::Result<File> {
    let mut options = File::options();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Writes a file that only its owner may read (data-dir files), whole or
/// not at all: see [`write_atomically`].
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_whole(path, bytes, 0o600)
}

/// Writes a file so that a reader at any moment sees the old or the new
/// contents, never half: a new temp file beside it, whose name starts with a
/// dot, ends in `.tmp` and cannot be guessed, created exclusively and so
/// never through a link someone planted; synced, then renamed over `path`
/// (replacing a link there, never following it), and the folder synced. On
/// failure the temp file is removed. Readable by others (a shared folder's
/// colleagues, a file to hand on), as a new file usually is.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_whole(path, bytes, 0o644)
}

/// [`write_private`] of what `fill` writes to the temp file (a writer of
/// its own: nothing need be in memory whole).
pub fn write_private_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_whole_with(path, 0o600, fill)
}

fn write_whole(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    write_whole_with(path, mode, |file| file.write_all(bytes))
}

fn write_whole_with(
    path: &Path,
    mode: u32,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(12)
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    fill(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Makes a rename or a removal in a folder durable.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Whether a name in the data dir is one of ours (a data dir given by hand
/// may sit among other files, which are left alone).
fn ours(name: &str) -> bool {
    matches!(
        name,
        "db" | "backups"
            | "index.bin"
            | "vault.bin"
            | "wijkkaart.lock"
            | "db.restoring"
            | "db.replaced"
    ) || name.starts_with("damaged-")
}

/// Gives the data dir and every folder of ours in it mode 0700 and every
/// file 0600, where they are not so already (sled creates its files with the
/// umask's mode).
pub fn make_private(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let own = std::fs::Permissions::from_mode(0o700);
        if std::fs::metadata(dir)?.permissions().mode() & 0o777 != 0o700 {
            std::fs::set_permissions(dir, own)?;
        }
        let mut stack: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .filter(|e| ours(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect();
        while let Some(path) = stack.pop() {
            let meta = std::fs::symlink_metadata(&path)?;
            if meta.file_type().is_symlink() {
                continue;
            }
            let wanted = if meta.is_dir() { 0o700 } else { 0o600 };
            if meta.permissions().mode() & 0o777 != wanted {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(wanted))?;
            }
            if meta.is_dir() {
                for item in std::fs::read_dir(&path)? {
                    stack.push(item?.path());
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
