//! Issue 10 from the side of one worker who wants their own proposal
//! through, with the real binary: sock-puppet colleagues, a changed
//! organisation, a policy moved alone, a removed colleague's old key. Each
//! attack is refused with one line and exit 1, writes nothing, and leaves a
//! log that verifies; what two workers do together is logged and listed.

#[path = "support/desk.rs"]
mod desk;

use desk::{Desk, binary::text, pass};
use std::path::Path;
use std::process::{Command, Stdio};
use wijkkaart::store::Store;

/// A stored value: its tree, key and bytes.
type Value = (String, Vec<u8>, Vec<u8>);

/// Everything a refused change could have written: the vault and every
/// stored value of the case data.
fn written(dir: &Path) -> (Vec<u8>, Vec<Value>) {
    let vault = std::fs::read(dir.join("vault.bin")).expect("vault");
    let store = Store::open(dir, false).expect("open");
    let mut values = Vec::new();
    for tree in ["cases", "log", "seal", "meta"] {
        for item in store.tree(tree).expect("tree").iter() {
            let (k, v) = item.expect("read");
            values.push((tree.to_string(), k.to_vec(), v.to_vec()));
        }
    }
    (vault, values)
}

/// Passphrases of these workers, one per line.
fn passes(workers: &[&str]) -> String {
    workers.iter().map(|w| format!("{}\n", pass(w))).collect()
}

fn list(desk: &Desk) -> String {
    text(&desk::binary::run(&desk.dir, &["worker", "list"], "").stdout)
}

fn log_len(dir: &Path) -> usize {
    written(dir).1.iter().filter(|(t, _, _)| t == "log").count()
}

fn verifies(desk: &Desk) {
    assert_eq!(desk.ok_as("piet", &["log", "verify"]), "besluitlog is heel");
}

/// Exit 1, one line containing `why`, nothing written, the log whole.
fn refused(desk: &Desk, args: &[&str], stdin: &str, why: &str) {
    let before = written(&desk.dir);
    let out = desk.run(args, stdin);
    let err = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?} was not refused: {err}"
    );
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(why), "{args:?}: expected '{why}' in '{err}'");
    assert_eq!(written(&desk.dir), before, "{args:?} wrote something");
    verifies(desk);
}

fn add<'a>(id: &'a str, org: &'a str) -> Vec<&'a str> {
    vec!["worker", "add", "--id", id, "--name", id, "--org", org]
}

const TWO: &str = "twee verschillende ingeschreven medewerkers";

#[test]
fn one_worker_cannot_enrol_sock_puppets() {
    let desk = Desk::new();
    // Alone: the passphrase of one enrolled worker is not enough.
    let mut alone = add("anna2", "Ander");
    alone.extend(["--as", "piet"]);
    refused(&desk, &alone, &passes(&["piet"]), TWO);
    // With themselves as the second.
    let mut twice = alone.clone();
    twice.extend(["--with", "piet"]);
    refused(&desk, &twice, &passes(&["piet", "piet"]), TWO);
    // With a colleague whose passphrase they do not know.
    let mut guessed = alone.clone();
    guessed.extend(["--with", "carla"]);
    refused(
        &desk,
        &guessed,
        "piet-geheim\nraden-maar\nanna2-geheim\n",
        "verkeerde wachtwoordzin",
    );
    // With a worker who is not enrolled.
    let mut ghost = alone.clone();
    ghost.extend(["--with", "anna3"]);
    refused(
        &desk,
        &ghost,
        &passes(&["piet"]),
        "anna3 is niet ingeschreven",
    );
    // Without an organisation.
    let mut no_org = add("anna2", "");
    no_org.extend(["--as", "piet", "--with", "carla"]);
    refused(
        &desk,
        &no_org,
        &passes(&["piet", "carla"]),
        "de organisatie ontbreekt",
    );
    let list = list(&desk);
    assert!(!list.contains("anna2"), "{list}");
}

#[test]
fn two_workers_enrol_and_the_list_says_who_vouched() {
    let desk = Desk::new();
    let mut args = add("vera", "GGD");
    args.extend(["--as", "piet", "--with", "carla"]);
    let out = desk.run(&args, "piet-geheim\ncarla-geheim\nvera-geheim\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list = list(&desk);
    let vera = list
        .lines()
        .find(|l| l.starts_with("vera"))
        .expect("listed");
    assert!(
        vera.starts_with("vera\tvera\tGGD\tingeschreven door piet en carla op 20"),
        "{vera}"
    );
    let piet = list.lines().find(|l| l.starts_with("piet")).expect("piet");
    assert!(piet.contains("ingeschreven door piet op"), "{piet}");
    let carla = list
        .lines()
        .find(|l| l.starts_with("carla"))
        .expect("carla");
    assert!(
        carla.contains("ingeschreven door piet en carla op"),
        "{carla}"
    );
    verifies(&desk);
}

#[test]
fn a_third_whom_proposer_and_co_decider_enrolled_or_reorganised_cannot_decide() {
    let desk = Desk::new();
    let mut args = add("vera", "GGD");
    args.extend(["--as", "piet", "--with", "carla"]);
    desk.ok(&args, "piet-geheim\ncarla-geheim\nvera-geheim\n");
    let case = desk.new_case();
    let id = desk.propose(&case, "9000");
    desk.ok_as("carla", &["intervention", "approve", &id]);
    let vouched = "samen ingeschreven of van organisatie veranderd";
    refused(
        &desk,
        &["intervention", "approve", &id, "--as", "vera"],
        "vera-geheim\n",
        vouched,
    );
    // tom, re-organised by piet and carla together, is barred the same way.
    desk.ok(
        &[
            "worker",
            "edit",
            "tom",
            "--org",
            "Buurtteam",
            "--as",
            "piet",
            "--with",
            "carla",
        ],
        &passes(&["piet", "carla"]),
    );
    refused(
        &desk,
        &["intervention", "approve", &id, "--as", "tom"],
        &passes(&["tom"]),
        vouched,
    );
    let list = list(&desk);
    let tom = list.lines().find(|l| l.starts_with("tom")).expect("tom");
    assert!(
        tom.contains("Buurtteam") && tom.contains("organisatie gewijzigd door piet en carla"),
        "{tom}"
    );
    verifies(&desk);
}

#[test]
fn a_worker_record_changes_only_by_two() {
    let desk = Desk::new();
    refused(
        &desk,
        &["worker", "edit", "tess", "--org", "Politie", "--as", "tess"],
        &passes(&["tess"]),
        TWO,
    );
    refused(
        &desk,
        &[
            "worker", "edit", "tess", "--org", "", "--as", "tess", "--with", "piet",
        ],
        &passes(&["tess", "piet"]),
        "de organisatie ontbreekt",
    );
    refused(
        &desk,
        &["worker", "remove", "carla", "--as", "piet"],
        &passes(&["piet"]),
        TWO,
    );
}

#[test]
fn a_policy_changes_only_by_two_and_is_logged() {
    let desk = Desk::new();
    refused(
        &desk,
        &["settings", "--lock-minutes", "60", "--as", "piet"],
        &passes(&["piet"]),
        "twee medewerkers",
    );
    refused(
        &desk,
        &["budget", "--set", "100000", "--as", "piet"],
        &passes(&["piet"]),
        "twee medewerkers",
    );
    refused(
        &desk,
        &[
            "budget", "--set", "100000", "--as", "piet", "--with", "tess",
        ],
        &passes(&["piet", "tess"]),
        "verschillende organisaties",
    );
    let before = log_len(&desk.dir);
    let set = desk.ok(
        &[
            "settings",
            "--lock-minutes",
            "3",
            "--as",
            "piet",
            "--with",
            "tess",
        ],
        &passes(&["piet", "tess"]),
    );
    assert_eq!(set, "lock-minutes = 3");
    // Two log records: the change and the second worker's agreement.
    assert_eq!(log_len(&desk.dir), before + 2);
    verifies(&desk);
}

#[test]
fn removal_rekeys_so_the_old_slot_opens_nothing_written_after() {
    use wijkkaart::cases::{stored, vault::Vault};
    let desk = Desk::new();
    let case = desk.new_case();
    desk.ok_as("piet", &["case", "note", &case, "--text", "Voor tom"]);
    let old = tempfile::tempdir().expect("tmp");
    std::fs::copy(desk.dir.join("vault.bin"), old.path().join("vault.bin")).expect("copy");
    let out = desk.ok(
        &["worker", "remove", "tom", "--as", "piet", "--with", "carla"],
        &passes(&["piet", "carla"]),
    );
    assert!(out.starts_with("tom uitgeschreven"), "{out}");
    desk.ok_as("carla", &["case", "note", &case, "--text", "Na tom"]);
    verifies(&desk);
    // tom is gone from the list and cannot unlock.
    assert!(!list(&desk).contains("tom"));
    let tom = desk.as_("tom", &["case", "list"]);
    assert_eq!(tom.status.code(), Some(1));
    // tom's old slot, kept aside, still unwraps the old data key, but that
    // key opens neither the new vault's case keys nor the case as it is now.
    let old_vault = Vault::open(old.path()).expect("old vault");
    let old_key = old_vault.unlock("tom", "tom-geheim").expect("old slot");
    let old_case_key = old_vault
        .case_key(&case, &old_key)
        .expect("opens")
        .expect("there");
    let now = Vault::open(&desk.dir).expect("vault");
    assert!(now.case_key(&case, &old_key).is_err());
    let store = Store::open(&desk.dir, false).expect("open");
    let blob = store
        .tree("cases")
        .expect("cases")
        .get(case.as_bytes())
        .expect("read")
        .expect("there");
    assert!(stored::open_case(&old_case_key, &case, &blob).is_err());
    drop(store);
    // The others still read everything, old notes and new.
    let shown = desk.ok_as("tess", &["case", "show", &case, "--json"]);
    assert!(
        shown.contains("Voor tom") && shown.contains("Na tom"),
        "{shown}"
    );
}

#[test]
fn the_last_worker_is_never_removed_and_nobody_removes_alone() {
    let desk = Desk::new();
    for (gone, a, b) in [
        ("tom", "piet", "carla"),
        ("tess", "piet", "carla"),
        ("carla", "piet", "carla"),
    ] {
        desk.ok(
            &["worker", "remove", gone, "--as", a, "--with", b],
            &passes(&[a, b]),
        );
    }
    // piet is alone now: nobody to vouch with.
    refused(
        &desk,
        &["worker", "remove", "piet", "--as", "piet"],
        &passes(&["piet"]),
        TWO,
    );
    // With one worker enrolled, that one and the newcomer enrol together.
    let mut args = add("vera", "GGD");
    args.extend(["--as", "piet"]);
    desk.ok(&args, "piet-geheim\nvera-geheim\n");
    verifies(&desk);
}

/// Rewrites vault.bin with `f` applied to its body and a fresh checksum,
/// as someone who knows the format would.
fn edit_vault(dir: &Path, f: impl FnOnce(&mut Vec<u8>)) {
    use sha2::{Digest, Sha256};
    let path = dir.join("vault.bin");
    let mut bytes = std::fs::read(&path).expect("vault");
    bytes.truncate(bytes.len() - 32);
    f(&mut bytes);
    let sum = Sha256::digest(&bytes);
    bytes.extend_from_slice(&sum);
    std::fs::write(&path, bytes).expect("write");
}

fn replace_once(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("found");
    bytes[at..at + from.len()].copy_from_slice(to);
}

#[test]
fn a_worker_organisation_edited_by_hand_is_found_and_named() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "9000");
    desk.ok_as("carla", &["intervention", "approve", &id]);
    // tess, of piet's organisation, is made "Politie" by hand to act as third.
    edit_vault(&desk.dir, |b| {
        // tess's organisation is the second "Welzijn Zuid" in the file.
        let first = b
            .windows(12)
            .position(|w| w == b"Welzijn Zuid")
            .expect("piet");
        let second = first
            + 1
            + b[first + 1..]
                .windows(12)
                .position(|w| w == b"Welzijn Zuid")
                .expect("tess");
        b[second..second + 12].copy_from_slice(b"Politie Zuid");
    });
    let named = "de gegevens van medewerker tess in vault.bin zijn met de hand gewijzigd";
    let out = desk.as_("tess", &["intervention", "approve", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with(named),
        "{}",
        text(&out.stderr)
    );
    let verify = desk.as_("piet", &["log", "verify"]);
    assert_eq!(verify.status.code(), Some(1));
    assert!(
        text(&verify.stderr).starts_with(named),
        "{}",
        text(&verify.stderr)
    );
    let shown = desk.as_("piet", &["case", "list"]);
    assert_eq!(shown.status.code(), Some(1), "named on unlock");
    assert!(text(&shown.stderr).starts_with(named));
}

#[test]
fn a_flipped_byte_in_a_worker_record_is_found_and_named() {
    let desk = Desk::new();
    // A name changed by hand, checksum made anew: the record is not believed.
    edit_vault(&desk.dir, |b| {
        replace_once(b, b"\x05carla\x05carla", b"\x05carla\x05darla")
    });
    let verify = desk.as_("piet", &["log", "verify"]);
    assert_eq!(verify.status.code(), Some(1));
    assert_eq!(
        text(&verify.stderr),
        "de gegevens van medewerker carla in vault.bin zijn met de hand gewijzigd, toegevoegd of verwijderd: ze worden niet geloofd; zet een reservekopie terug met `wijkkaart restore`"
    );
    // A flipped byte without a new checksum is damage to the file.
    let path = desk.dir.join("vault.bin");
    let mut bytes = std::fs::read(&path).expect("vault");
    let at = bytes.len() / 2;
    bytes[at] ^= 1;
    std::fs::write(&path, bytes).expect("write");
    let out = desk.as_("piet", &["log", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("vault.bin is beschadigd"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn log_verify_without_a_terminal_checks_what_needs_no_passphrase_and_says_how_to_give_one() {
    let desk = Desk::new();
    let out = Command::new("setsid")
        .arg(env!("CARGO_BIN_EXE_wijkkaart"))
        .arg("--data-dir")
        .arg(&desk.dir)
        .args(["log", "verify"])
        .stdin(Stdio::null())
        .output();
    let Ok(out) = out else { return };
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("besluitlog is heel voor zover zonder wachtwoordzin te zien: ")
            && said.ends_with("dat doet `wijkkaart log verify --as MEDEWERKER` (zonder terminal met --passphrase-stdin)\n"),
        "{said}"
    );
    assert!(out.stderr.is_empty());
}
