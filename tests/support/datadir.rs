//! What the data-dir tests share (crash, store, golden, restore): running the real
//! binary on a data dir in English, copying a data dir, and whether strace can trace.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `wijkkaart --data-dir DIR ARGS...`, in English, without a terminal.
#[allow(dead_code)]
pub fn wk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wijkkaart"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("WIJKKAART_LANG", "en")
        .env_remove("WIJKKAART_DATA_DIR")
        .env_remove("WIJKKAART_NO_DEFAULT_MAP")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// (Not every test file copies data dirs.)
#[allow(dead_code)]
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for item in std::fs::read_dir(from).expect("read dir") {
        let item = item.expect("item");
        let target = to.join(item.file_name());
        if item.path().is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), &target).expect("copy");
        }
    }
}

/// Whether strace can trace here; says so on stdout when it cannot, and the
/// caller skips (`.ci/run` installs it).
#[allow(dead_code)]
pub fn strace_works() -> bool {
    let ok = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        println!("skipped: strace is missing or cannot trace here (.ci/run installs it)");
    }
    ok
}

/// A tmpfs mounted for a test; unmounted when dropped, also when the test fails.
pub struct Tmpfs(std::path::PathBuf);

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Mounts a tmpfs of `size` (e.g. "64k") on `at`; `None` where this machine
/// does not allow it (not root, no mount namespace): the caller skips.
#[allow(dead_code)]
pub fn mount_tmpfs(at: &Path, size: &str) -> Option<Tmpfs> {
    std::fs::create_dir_all(at).expect("mkdir");
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        .then(|| Tmpfs(at.to_path_buf()))
}

/// Fills the file system of `path` so that about `free` bytes stay free.
#[allow(dead_code)]
pub fn fill(path: &Path, free: u64) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).expect("filler");
    let chunk = vec![0u8; 64 * 1024];
    let mut written = 0u64;
    loop {
        match file.write(&chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => written += n as u64,
        }
    }
    let _ = file.sync_all();
    file.set_len(written.saturating_sub(free))
        .expect("truncate");
    file.sync_all().expect("sync");
}

/// Runs the binary with `stdin` (passphrases, one a line) and waits out the
/// lock of a process that is still on its way out.
#[allow(dead_code)]
pub fn with_stdin(dir: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_wijkkaart"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("WIJKKAART_LANG", "en")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin");
    }
    let out = child.wait_with_output().expect("ends");
    if String::from_utf8_lossy(&out.stderr).contains("already open") {
        std::thread::sleep(std::time::Duration::from_millis(100));
        return with_stdin(dir, args, stdin);
    }
    out
}
