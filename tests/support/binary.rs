//! Running the real binary on a data dir, as a colleague's script would:
//! standard input piped in, the interface language left at its default.
#![allow(dead_code)] // each test file uses its own part

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `wijkkaart --data-dir DIR ARGS` with `stdin` on standard input.
pub fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    run_under(&[], dir, args, stdin)
}

/// The same, under another program such as `strace` (its arguments first).
pub fn run_under(prefix: &[&str], dir: &Path, args: &[&str], stdin: &str) -> Output {
    let bin = env!("CARGO_BIN_EXE_wijkkaart");
    let mut command = match prefix.split_first() {
        Some((program, rest)) => {
            let mut c = Command::new(program);
            c.args(rest).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    let mut child = command
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("WIJKKAART_LANG")
        .env_remove("WIJKKAART_DATA_DIR")
        .env_remove("WIJKKAART_NO_DEFAULT_MAP")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // A command refused before it reads its passphrase closes the pipe early.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("output")
}

/// Output as trimmed text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_string()
}

/// A new data dir without the built-in map, with two enrolled workers:
/// piet (Welzijn, passphrase `piet-geheim`, the laptop's worker) and carla
/// (Wijkteam, `carla-geheim`).
pub fn piet_and_carla(dir: &Path) {
    let steps: [(&[&str], &str); 3] = [
        (
            &["--no-default-map", "init", "--id", "piet", "--name", "Piet"],
            "",
        ),
        (
            &[
                "worker", "add", "--id", "piet", "--name", "Piet", "--org", "Welzijn",
            ],
            "piet-geheim\n",
        ),
        (
            &[
                "worker", "add", "--id", "carla", "--name", "Carla", "--org", "Wijkteam",
            ],
            "piet-geheim\ncarla-geheim\n",
        ),
    ];
    for (i, (args, stdin)) in steps.into_iter().enumerate() {
        let mut all = args.to_vec();
        if i > 0 {
            all.push("--passphrase-stdin");
        }
        let out = run(dir, &all, stdin);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
}

/// `intervention propose CASE` with a title, a fixed description and a cost.
pub fn propose<'a>(case: &'a str, title: &'a str, cost: &'a str) -> Vec<&'a str> {
    let description = "Wijkt af van de regels, voor werk";
    vec![
        "intervention",
        "propose",
        case,
        "--title",
        title,
        "--description",
        description,
        "--cost",
        cost,
    ]
}

/// `wijkkaart ARGS --as WORKER --passphrase-stdin`, the worker's passphrase
/// being `<worker>-geheim`: exit code, stdout, stderr.
pub fn as_(dir: &Path, worker: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = args.to_vec();
    all.extend(["--as", worker, "--passphrase-stdin"]);
    let out = run(dir, &all, &format!("{worker}-geheim\n"));
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// `log verify` as piet: the exit code, and stdout when whole, else stderr.
pub fn verify(dir: &Path) -> (Option<i32>, String) {
    let (code, out, err) = as_(dir, "piet", &["log", "verify"]);
    (code, if code == Some(0) { out } else { err })
}
