//! A laptop for the case-work tests of the real binary: four enrolled
//! workers, their passphrases, and asserts for a refused action.
#![allow(dead_code)] // each test file uses its own part

#[path = "binary.rs"]
pub mod binary;

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

/// A laptop with four enrolled workers: piet and tess of one organisation,
/// carla and tom of others.
pub struct Desk {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

pub const PASS: [(&str, &str, &str); 4] = [
    ("piet", "Welzijn Zuid", "piet-geheim"),
    ("carla", "Wijkteam", "carla-geheim"),
    ("tess", "Welzijn Zuid", "tess-geheim"),
    ("tom", "Politie", "tom-geheim"),
];

pub fn pass(worker: &str) -> &'static str {
    PASS.iter()
        .find(|p| p.0 == worker)
        .map(|p| p.2)
        .expect("known worker")
}

impl Desk {
    pub fn new() -> Desk {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("data");
        let desk = Desk { _tmp: tmp, dir };
        let init = Command::new(env!("CARGO_BIN_EXE_wijkkaart"))
            .arg("--data-dir")
            .arg(&desk.dir)
            .args([
                "init",
                "--id",
                "piet",
                "--name",
                "Piet",
                "--org",
                "Welzijn Zuid",
            ])
            .output()
            .expect("init runs");
        assert!(init.status.success());
        desk.ok(
            &[
                "worker",
                "add",
                "--id",
                "piet",
                "--name",
                "Piet",
                "--org",
                "Welzijn Zuid",
            ],
            "piet-geheim\n",
        );
        // carla is vouched for by piet alone (one worker enrolled), tess by
        // piet and carla, tom by carla and tess (so tom can be the third on
        // piet's proposals).
        let vouchers = [("piet", ""), ("piet", "carla"), ("carla", "tess")];
        for ((id, org, p), (a, b)) in PASS[1..].iter().zip(vouchers) {
            let mut args = vec!["worker", "add", "--id", id, "--name", id, "--org", org];
            let stdin = if b.is_empty() {
                format!("{}\n{p}\n", pass(a))
            } else {
                args.extend(["--as", a, "--with", b]);
                format!("{}\n{}\n{p}\n", pass(a), pass(b))
            };
            desk.ok(&args, &stdin);
        }
        desk
    }

    /// Runs the binary with passphrases on stdin.
    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut all = args.to_vec();
        all.push("--passphrase-stdin");
        binary::run(&self.dir, &all, stdin)
    }

    pub fn ok(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Acts as `worker` (their passphrase on stdin).
    pub fn as_(&self, worker: &str, args: &[&str]) -> Output {
        let mut all = args.to_vec();
        all.extend(["--as", worker]);
        self.run(&all, &format!("{}\n", pass(worker)))
    }

    pub fn ok_as(&self, worker: &str, args: &[&str]) -> String {
        let out = self.as_(worker, args);
        assert!(
            out.status.success(),
            "{worker} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// A refused action: exit 1, one line containing `why`, and nothing written.
    pub fn refused(&self, worker: &str, args: &[&str], why: &str, intervention: &str) {
        let before = self.state(intervention);
        let out = self.as_(worker, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} was not refused: {err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains(why), "{args:?}: expected '{why}' in '{err}'");
        assert_eq!(self.state(intervention), before, "{args:?} wrote something");
    }

    pub fn show(&self, intervention: &str) -> Value {
        serde_json::from_str(&self.ok_as("piet", &["intervention", "show", intervention, "--json"]))
            .expect("JSON")
    }

    /// Everything an action could have changed: the intervention and the log.
    pub fn state(&self, intervention: &str) -> (Value, String, Vec<u8>) {
        (
            self.show(intervention),
            self.ok_as("piet", &["log", "verify"]),
            std::fs::read(self.dir.join("vault.bin")).unwrap_or_default(),
        )
    }

    pub fn new_case(&self) -> String {
        self.ok_as(
            "piet",
            &[
                "case",
                "new",
                "--label",
                "Fam. K., Moerwijk",
                "--area",
                "Moerwijk",
            ],
        )
    }

    pub fn propose(&self, case: &str, cost: &str) -> String {
        self.ok_as(
            "piet",
            &[
                "intervention",
                "propose",
                case,
                "--title",
                "Rijbewijs betalen",
                "--description",
                "Rijlessen voorschieten; wijkt af van de bijstandsregels",
                "--cost",
                cost,
                "--domain",
                "work-education",
            ],
        )
    }
}
