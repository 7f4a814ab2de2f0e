//! Case work with the real binary: enrolment, cases, the two-worker rule,
//! each refused action, the decision log, encryption at rest and erasure.

#[path = "support/desk.rs"]
mod desk;

use desk::Desk;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn two_workers_decide_within_budget_and_the_proposal_moves_on() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "250");
    let shown = desk.show(&id);
    assert_eq!(
        (shown["state"].as_str(), shown["revision"].as_u64()),
        (Some("proposed"), Some(1))
    );
    assert_eq!(shown["waiting_for"], serde_json::json!(["co-decider"]));
    assert_eq!(shown["case"], case.as_str());
    assert_eq!(shown["cost"], 25_000, "--json costs are whole cents");
    let waiting = desk.ok_as(
        "carla",
        &["intervention", "list", "--waiting-for-me", "--json"],
    );
    assert!(waiting.contains(&id));
    assert!(
        !desk
            .ok_as("piet", &["intervention", "list", "--waiting-for-me"])
            .contains(&id),
        "not for the proposer"
    );
    desk.ok_as(
        "carla",
        &["intervention", "approve", &id, "--reason", "verstandig"],
    );
    assert_eq!(desk.show(&id)["state"], "approved");
    assert_eq!(desk.show(&id)["waiting_for"], serde_json::json!([]));
    desk.ok_as(
        "piet",
        &[
            "intervention",
            "done",
            &id,
            "--date",
            "2026-11-20",
            "--cost",
            "240",
        ],
    );
    desk.ok_as(
        "piet",
        &[
            "intervention",
            "evaluate",
            &id,
            "--text",
            "Rijbewijs gehaald, werk gevonden",
            "--domain",
            "work-education",
        ],
    );
    assert_eq!(desk.show(&id)["state"], "evaluated");
    let budget = desk.ok_as("piet", &["budget"]);
    assert!(
        budget.contains("€ 500,00") && budget.contains("€ 250,00") && budget.contains("€ 240,00"),
        "{budget}"
    );
    let history = desk.ok_as("piet", &["intervention", "show", &id]);
    assert!(
        history.contains("carla keurt goed v1: verstandig")
            && history.contains("voerde uit 2026-11-20"),
        "{history}"
    );
}

#[test]
fn each_refused_action_exits_1_with_its_own_line_and_writes_nothing() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "800");
    desk.refused(
        "piet",
        &["intervention", "approve", &id],
        "je eigen voorstel",
        &id,
    );
    // A wrong passphrase.
    let before = desk.state(&id);
    let out = desk.run(
        &["intervention", "approve", &id, "--as", "carla"],
        "niet-het-goede\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "verkeerde wachtwoordzin: er is niets gewijzigd"
    );
    assert_eq!(desk.state(&id), before);
    desk.ok_as("carla", &["intervention", "approve", &id]);
    assert_eq!(
        desk.show(&id)["state"],
        "in-review",
        "above € 500 review is required"
    );
    desk.refused(
        "tess",
        &["intervention", "approve", &id],
        "organisatie van de indiener",
        &id,
    );
    desk.refused(
        "carla",
        &["intervention", "approve", &id],
        "andere rol",
        &id,
    );
    // An edit makes carla's verdict stale; a verdict on it is refused.
    desk.ok_as("piet", &["intervention", "edit", &id, "--cost", "450"]);
    let shown = desk.show(&id);
    assert_eq!(
        (shown["revision"].as_u64(), shown["state"].as_str()),
        (Some(2), Some("proposed"))
    );
    assert_eq!(
        desk.ok_as("carla", &["intervention", "list", "--waiting-for-me"])
            .lines()
            .count(),
        1
    );
    desk.refused(
        "tom",
        &["intervention", "edit", &id, "--cost", "1"],
        "alleen de indiener",
        &id,
    );
    desk.ok_as(
        "carla",
        &[
            "intervention",
            "reject",
            &id,
            "--reason",
            "eerst schuldhulp",
        ],
    );
    assert_eq!(desk.show(&id)["state"], "rejected");
    // The proposer disagrees and asks for review; the third decides.
    desk.ok_as(
        "piet",
        &[
            "intervention",
            "review",
            &id,
            "--reason",
            "schuldhulp duurt te lang",
        ],
    );
    assert_eq!(
        desk.show(&id)["waiting_for"],
        serde_json::json!(["independent-third"])
    );
    desk.ok_as(
        "tom",
        &["intervention", "reject", &id, "--reason", "eens met carla"],
    );
    assert_eq!(desk.show(&id)["state"], "rejected");
    desk.refused(
        "piet",
        &["intervention", "review", &id, "--reason", "nogmaals"],
        "al aangevraagd",
        &id,
    );
    // A rejection needs a reason (bad usage).
    let out = desk.as_("carla", &["intervention", "reject", &id]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_stale_revision_is_refused() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "100");
    // Carla judged revision 1; meanwhile piet changed the proposal.
    desk.ok_as(
        "piet",
        &[
            "intervention",
            "edit",
            &id,
            "--title",
            "Rijbewijs deels betalen",
        ],
    );
    assert_eq!(desk.show(&id)["revision"], 2);
    desk.refused(
        "carla",
        &["intervention", "approve", &id, "--revision", "1"],
        "versie 1 is verouderd",
        &id,
    );
    desk.ok_as(
        "carla",
        &["intervention", "approve", &id, "--revision", "2"],
    );
    assert_eq!(desk.show(&id)["co_decider"], "carla");
}

#[test]
fn a_bsn_is_refused_in_a_label_and_flagged_in_a_note() {
    let desk = Desk::new();
    let before = desk.ok_as("piet", &["case", "list", "--json"]);
    let out = desk.as_("piet", &["case", "new", "--label", "Jansen 111222333"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bevat een BSN") && err.trim().lines().count() == 1,
        "{err}"
    );
    assert_eq!(desk.ok_as("piet", &["case", "list", "--json"]), before);
    let case = desk.new_case();
    let out = desk.as_(
        "piet",
        &[
            "case",
            "note",
            &case,
            "--text",
            "Noemde nummer 111222333 aan de telefoon",
        ],
    );
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains(&format!("wijkkaart case redact {case} --note 1"))
    );
    let shown: Value =
        serde_json::from_str(&desk.ok_as("piet", &["case", "show", &case, "--json"]))
            .expect("JSON");
    assert_eq!(shown["notes"][0]["possible_bsn"], true);
    desk.ok_as("piet", &["case", "redact", &case, "--note", "1"]);
    let shown: Value =
        serde_json::from_str(&desk.ok_as("piet", &["case", "show", &case, "--json"]))
            .expect("JSON");
    assert_eq!(
        shown["notes"][0]["text"],
        "Noemde nummer ********* aan de telefoon"
    );
}

#[test]
fn the_complete_picture_and_the_referral_slip() {
    let desk = Desk::new();
    let case = desk.new_case();
    desk.ok_as(
        "piet",
        &[
            "case", "score", &case, "--domain", "finances", "--score", "2",
        ],
    );
    desk.ok_as(
        "piet",
        &[
            "case", "score", &case, "--domain", "finances", "--score", "3",
        ],
    );
    desk.ok_as(
        "piet",
        &[
            "case",
            "note",
            &case,
            "--text",
            "Aangemeld bij Leergeld voor schoolspullen",
            "--domain",
            "parenting",
            "--refer",
            "leergeld-den-haag",
        ],
    );
    let text = desk.ok_as("piet", &["case", "show", &case]);
    let finances = text
        .lines()
        .find(|l| l.contains("Financiën"))
        .expect("finances row");
    // 2 then 3 on the same day is a correction, not a rise (issue 12).
    assert!(
        finances.contains(" 3") && !finances.contains('↑'),
        "{finances}"
    );
    assert!(
        text.lines()
            .find(|l| l.contains("Opvoeding"))
            .is_some_and(|l| l.contains("•1"))
    );
    let slip = desk.ok_as("piet", &["case", "slip", &case]);
    assert!(
        slip.starts_with("Mijn verwijzingen")
            && slip.contains("Stichting Leergeld Den Haag")
            && slip.contains("Waarvoor: Geldzaken"),
        "{slip}"
    );
    assert!(!slip.contains("Fam. K."), "the slip carries no case label");
    let out = desk.as_(
        "piet",
        &[
            "case", "score", &case, "--domain", "finances", "--score", "7",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = desk.as_(
        "piet",
        &[
            "case",
            "note",
            &case,
            "--text",
            "x",
            "--refer",
            "bestaat-niet",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn nothing_of_a_case_is_on_disk_in_the_clear() {
    let desk = Desk::new();
    let case = desk.new_case();
    desk.ok_as(
        "piet",
        &[
            "case",
            "note",
            &case,
            "--text",
            "Zorgen over de buurman met de scooter",
        ],
    );
    let id = desk.propose(&case, "300");
    desk.ok_as(
        "carla",
        &[
            "intervention",
            "reject",
            &id,
            "--reason",
            "Liever via de voedselbankroute",
        ],
    );
    let secrets = [
        "Fam. K.",
        "buurman met de scooter",
        "Rijbewijs betalen",
        "Rijlessen voorschieten",
        "voedselbankroute",
        "piet-geheim",
    ];
    for file in files_under(&desk.dir) {
        let bytes = std::fs::read(&file).expect("read");
        for secret in secrets {
            assert!(
                !contains(&bytes, secret.as_bytes()),
                "'{secret}' in the clear in {}",
                file.display()
            );
        }
    }
}

#[test]
fn a_tampered_log_record_is_found() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "100");
    desk.ok_as("carla", &["intervention", "approve", &id]);
    desk.ok_as(
        "piet",
        &[
            "intervention",
            "done",
            &id,
            "--date",
            "2026-11-21",
            "--cost",
            "100",
        ],
    );
    assert_eq!(desk.ok_as("piet", &["log", "verify"]), "besluitlog is heel");
    {
        let store = wijkkaart::store::Store::open(&desk.dir, false).expect("open");
        let log = store.tree("log").expect("log tree");
        let key = 2u64.to_be_bytes();
        let mut value = log.get(key).expect("read").expect("record 2").to_vec();
        let last = value.len() - 1;
        value[last] ^= 0x01;
        log.insert(key, value).expect("tamper");
        store.flush().expect("flush");
    }
    let out = desk.as_("piet", &["log", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "besluitlog is gebroken bij record 2"
    );
}

#[test]
fn erasure_shreds_the_case_key_so_leftovers_never_decrypt() {
    use wijkkaart::cases::vault::Vault;
    let desk = Desk::new();
    let case = desk.new_case();
    desk.ok_as(
        "piet",
        &[
            "case",
            "note",
            &case,
            "--text",
            "Wil dat alles over haar verdwijnt",
        ],
    );
    let id = desk.propose(&case, "50");
    // What an attacker with the disk and a valid passphrase could keep: the old blob and wrapped key.
    let (blob, wrapped) = {
        let store = wijkkaart::store::Store::open(&desk.dir, false).expect("open");
        let blob = store
            .tree("cases")
            .expect("cases")
            .get(case.as_bytes())
            .expect("read")
            .expect("case stored")
            .to_vec();
        let wrapped = Vault::open(&desk.dir)
            .expect("vault")
            .wrapped_case_key(&case)
            .expect("case key");
        (blob, wrapped)
    };
    desk.ok_as("tom", &["case", "erase", &case, "--yes"]);
    // The case is gone for everyone, and the chain still verifies, with the erasure on record.
    let out = desk.as_("piet", &["case", "show", &case]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("onbekende casus"));
    assert_eq!(
        desk.as_("piet", &["intervention", "show", &id])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(desk.ok_as("piet", &["log", "verify"]), "besluitlog is heel");
    // The wrapped key is in no file of the data dir any more.
    for file in files_under(&desk.dir) {
        let bytes = std::fs::read(&file).expect("read");
        assert!(
            !contains(&bytes, &wrapped),
            "the case key survives in {}",
            file.display()
        );
    }
    // With a valid passphrase the data key opens, but no key for the case exists.
    let vault = Vault::open(&desk.dir).expect("vault");
    let data_key = vault
        .unlock("piet", "piet-geheim")
        .expect("valid passphrase");
    assert!(vault.case_key(&case, &data_key).expect("whole").is_none());
    // And the old blob does not open with the data key either.
    assert!(wijkkaart::cases::stored::open_case(&data_key, &case, &blob).is_err());
}

#[test]
fn case_commands_need_an_enrolled_worker() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("d");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_wijkkaart"))
            .arg("--data-dir")
            .arg(&dir)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("runs")
    };
    let init = run(&["init", "--id", "anna", "--name", "Anna"]);
    assert!(init.status.success());
    assert!(
        String::from_utf8_lossy(&init.stdout).contains("wijkkaart worker add --id anna"),
        "init says how to enrol"
    );
    // The idle lock is a decision of two workers.
    let settings = run(&["settings", "--lock-minutes", "3"]);
    assert_eq!(settings.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&settings.stdout).trim(), "");
    assert_eq!(
        String::from_utf8_lossy(&run(&["settings"]).stdout).trim(),
        "lock-minutes = 5"
    );
    assert_eq!(
        run(&["settings", "--lock-minutes", "0"]).status.code(),
        Some(2)
    );
    let out = run(&["case", "list", "--passphrase-stdin"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("worker add --id anna"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
