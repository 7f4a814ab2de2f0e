//! Attacks on the rule from the command line, as a worker who wants their
//! own proposal through (issue 10): each is refused with one line, writes
//! nothing, and leaves a log that verifies.

#[path = "support/desk.rs"]
mod desk;

use desk::Desk;

/// What any command could have changed: every intervention and the log.
fn everything(desk: &Desk) -> (String, String) {
    (
        desk.ok_as("piet", &["intervention", "list", "--json"]),
        desk.ok_as("piet", &["log", "verify"]),
    )
}

#[test]
fn an_amount_is_exactly_what_the_spec_writes() {
    let desk = Desk::new();
    let case = desk.new_case();
    for (typed, cents) in [("1250", 125_000), ("1250,5", 125_050), ("1250.50", 125_050)] {
        let id = desk.propose(&case, typed);
        assert_eq!(
            desk.show(&id)["cost"],
            cents,
            "{typed}: --json cost in cents"
        );
    }
}

#[test]
fn a_thousands_separator_a_sign_or_nothing_is_refused_with_its_reason() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "450");
    for (typed, why) in [
        ("1.250", "duizendtallen"),
        ("0.500", "duizendtallen"),
        ("-5", "+ of -"),
        ("+5", "+ of -"),
        ("", "ontbreekt"),
        ("12,3456", "één of twee cijfers"),
        ("1234567890", "hoogstens"),
        ("€ 12", "alleen cijfers"),
    ] {
        let before = everything(&desk);
        // `--cost=-5`: with a space, clap itself takes `-5` for a flag.
        let cost = format!("--cost={typed}");
        for args in [
            &[
                "intervention",
                "propose",
                &case,
                "--title",
                "T",
                "--description",
                "D",
                &cost,
            ][..],
            &["intervention", "edit", &id, &cost][..],
            &["intervention", "done", &id, "--date", "2026-01-02", &cost][..],
        ] {
            let out = desk.as_("piet", args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
            assert!(err.contains(why), "{typed:?}: expected '{why}' in '{err}'");
            assert!(out.stdout.is_empty(), "{args:?} printed an id");
        }
        assert_eq!(everything(&desk), before, "{typed:?} wrote something");
    }
}

#[test]
fn a_bsn_in_any_written_form_is_refused_in_a_label_and_flagged_in_a_note() {
    let desk = Desk::new();
    let case = desk.new_case();
    let forms = [
        "123456782",
        "1234.56.782",
        "123 456 782",
        "123-456-782",
        "12345672",
    ];
    for form in forms {
        let before = desk.ok_as("piet", &["case", "list", "--json"]);
        let label = format!("Fam. A. {form}");
        let out = desk.as_("piet", &["case", "new", "--label", &label]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{form}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains("BSN"), "{form}: {err}");
        assert_eq!(desk.ok_as("piet", &["case", "list", "--json"]), before);

        let text = format!("moeder noemde {form} aan de telefoon");
        let out = desk.as_("piet", &["case", "note", &case, "--text", &text]);
        assert!(out.status.success(), "{form}: a note is kept, flagged");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("BSN"),
            "{form}"
        );
    }
    let shown: serde_json::Value =
        serde_json::from_str(&desk.ok_as("piet", &["case", "show", &case, "--json"]))
            .expect("JSON");
    let notes = shown["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), forms.len());
    assert!(notes.iter().all(|n| n["possible_bsn"] == true), "{notes:?}");
}

#[test]
fn phone_numbers_postcodes_ibans_dates_and_amounts_are_no_bsn() {
    let desk = Desk::new();
    // 12345672 passes the eleven-test as 012345672: as a mobile number it is none.
    let plain = [
        "06-12345672",
        "0612345672",
        "2525 AB 12",
        "NL91ABNA0417164300",
        "12-03-2024",
        "2024-03-12",
        "€ 1.234,56",
    ];
    for text in plain {
        let case = desk.ok_as(
            "piet",
            &["case", "new", "--label", &format!("Fam. B. {text}")],
        );
        let out = desk.as_("piet", &["case", "note", &case, "--text", text]);
        assert!(out.status.success());
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("BSN"),
            "{text}"
        );
        let shown: serde_json::Value =
            serde_json::from_str(&desk.ok_as("piet", &["case", "show", &case, "--json"]))
                .expect("JSON");
        assert_eq!(shown["notes"][0]["possible_bsn"], false, "{text}");
    }
}

#[test]
fn a_review_request_outlives_an_edit() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "300");
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
    desk.ok_as(
        "piet",
        &["intervention", "review", &id, "--reason", "duurt te lang"],
    );
    desk.ok_as(
        "piet",
        &[
            "intervention",
            "edit",
            &id,
            "--description",
            "Anders gezegd",
        ],
    );
    // tess, of piet's own organisation, approves revision 2 as co-decider:
    // the request stands, so the third must still decide.
    desk.ok_as("tess", &["intervention", "approve", &id]);
    let shown = desk.show(&id);
    assert_eq!(shown["state"], "in-review", "{shown}");
    assert_eq!(shown["review_requested"], true);
    assert_eq!(
        shown["waiting_for"],
        serde_json::json!(["independent-third"])
    );
    desk.refused(
        "piet",
        &["intervention", "review", &id, "--reason", "nog eens"],
        "al aangevraagd",
        &id,
    );
    desk.ok_as("tom", &["intervention", "approve", &id]);
    assert_eq!(desk.show(&id)["state"], "approved");
    assert_eq!(desk.show(&id)["independent_third"], "tom");
}

#[test]
fn a_third_who_declares_a_bond_is_refused_and_another_third_decides() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "800");
    desk.ok_as("carla", &["intervention", "approve", &id]);
    assert_eq!(desk.show(&id)["state"], "in-review");
    desk.refused(
        "tom",
        &["intervention", "approve", &id, "--bond"],
        "persoonlijke band",
        &id,
    );
    desk.ok_as("tom", &["intervention", "approve", &id]);
    assert_eq!(desk.show(&id)["state"], "approved");
}

#[test]
fn a_declared_bond_holds_for_every_later_revision() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.ok_as(
        "piet",
        &[
            "intervention",
            "propose",
            &case,
            "--title",
            "Schuld",
            "--description",
            "Kleine schuld overnemen",
            "--cost",
            "100",
            "--bond",
        ],
    );
    desk.ok_as("piet", &["intervention", "edit", &id, "--cost", "90"]);
    desk.ok_as("carla", &["intervention", "approve", &id]);
    assert_eq!(
        desk.show(&id)["state"],
        "in-review",
        "a bond of revision 1 requires the third on revision 2"
    );
    // The same for a bond declared by the co-decider.
    let id = desk.propose(&case, "100");
    desk.ok_as("carla", &["intervention", "approve", &id, "--bond"]);
    desk.ok_as("piet", &["intervention", "edit", &id, "--cost", "90"]);
    desk.ok_as("tess", &["intervention", "approve", &id]);
    assert_eq!(desk.show(&id)["state"], "in-review");
}

#[test]
fn the_actual_cost_may_not_exceed_the_approved_cost() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "300");
    desk.ok_as("carla", &["intervention", "approve", &id]);
    desk.refused(
        "piet",
        &[
            "intervention",
            "done",
            &id,
            "--date",
            "2026-11-20",
            "--cost",
            "300,01",
        ],
        "hoger dan de goedgekeurde",
        &id,
    );
    desk.ok_as(
        "piet",
        &[
            "intervention",
            "done",
            &id,
            "--date",
            "2026-11-20",
            "--cost",
            "299,50",
        ],
    );
    assert_eq!(desk.show(&id)["state"], "carried-out");
}

#[test]
fn an_empty_reason_is_refused_with_its_own_line() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "300");
    desk.refused(
        "carla",
        &["intervention", "reject", &id, "--reason", "  "],
        "een afwijzing heeft een reden nodig",
        &id,
    );
    desk.refused(
        "piet",
        &["intervention", "review", &id, "--reason", ""],
        "een verzoek om toetsing heeft een reden nodig",
        &id,
    );
    let out = desk.as_("piet", &["case", "new", "--label", " "]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("label ontbreekt") && !err.contains("wachtwoordzin"),
        "{err}"
    );
}

#[test]
fn moving_the_budget_never_moves_a_proposal() {
    let desk = Desk::new();
    let case = desk.new_case();
    let waiting = desk.propose(&case, "800");
    desk.ok_as("carla", &["intervention", "approve", &waiting]);
    let approved = desk.propose(&case, "300");
    desk.ok_as("carla", &["intervention", "approve", &approved]);
    assert_eq!(desk.show(&waiting)["state"], "in-review");
    assert_eq!(desk.show(&approved)["state"], "approved");
    for limit in ["100000", "100"] {
        set_budget(&desk, limit);
        assert_eq!(desk.show(&waiting)["state"], "in-review", "limit {limit}");
        assert_eq!(desk.show(&approved)["state"], "approved", "limit {limit}");
    }
    desk.refused(
        "piet",
        &[
            "intervention",
            "done",
            &waiting,
            "--date",
            "2026-11-20",
            "--cost",
            "800",
        ],
        "niet",
        &waiting,
    );
    // A new revision is judged by the limit in force when it is made: € 100.
    desk.ok_as("piet", &["intervention", "edit", &waiting, "--cost", "200"]);
    desk.ok_as("carla", &["intervention", "approve", &waiting]);
    assert_eq!(desk.show(&waiting)["state"], "in-review");
}

/// Sets the budget limit as two workers of different organisations.
fn set_budget(desk: &Desk, euros: &str) {
    desk.ok(
        &["budget", "--set", euros, "--as", "piet", "--with", "carla"],
        "piet-geheim\ncarla-geheim\n",
    );
}

#[test]
fn one_worker_never_moves_the_budget() {
    let desk = Desk::new();
    let case = desk.new_case();
    let id = desk.propose(&case, "800");
    let limit = || desk.ok_as("piet", &["budget"]);
    let before = (limit(), desk.ok_as("piet", &["log", "verify"]));
    for (args, stdin, why) in [
        (
            &["budget", "--set", "100000", "--as", "piet"][..],
            "piet-geheim\n",
            "twee medewerkers",
        ),
        (
            &[
                "budget", "--set", "100000", "--as", "piet", "--with", "piet",
            ][..],
            "piet-geheim\npiet-geheim\n",
            "twee medewerkers",
        ),
        (
            &[
                "budget", "--set", "100000", "--as", "piet", "--with", "tess",
            ][..],
            "piet-geheim\ntess-geheim\n",
            "verschillende organisaties",
        ),
        (
            &[
                "budget", "--set", "100000", "--as", "piet", "--with", "carla",
            ][..],
            "piet-geheim\nniet-carla\n",
            "verkeerde wachtwoordzin",
        ),
    ] {
        let out = desk.run(args, stdin);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains(why), "{args:?}: expected '{why}' in '{err}'");
        assert_eq!(
            (limit(), desk.ok_as("piet", &["log", "verify"])),
            before,
            "{args:?} wrote"
        );
    }
    assert_eq!(desk.show(&id)["state"], "proposed");
    // Two workers of different organisations: set, logged, and the log whole.
    let records = || {
        let store = wijkkaart::store::Store::open(&desk.dir, false).expect("open");
        store.tree("log").expect("log").len()
    };
    let before = records();
    set_budget(&desk, "1000");
    assert!(limit().contains("1.000,00"), "{}", limit());
    assert_eq!(records(), before + 2, "one record for each worker");
    desk.ok_as("piet", &["log", "verify"]);
    // The change cannot be cut out of the log unnoticed.
    {
        let store = wijkkaart::store::Store::open(&desk.dir, false).expect("open");
        let log = store.tree("log").expect("log");
        let (last, _) = log.last().expect("read").expect("a record");
        log.remove(last).expect("cut");
        store.flush().expect("flush");
    }
    let out = desk.as_("piet", &["log", "verify"]);
    assert_eq!(out.status.code(), Some(1));
}
