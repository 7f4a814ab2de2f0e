//! Words for case work: refusals of the rule, states and roles, the case
//! screens' labels.

use super::store_error;
use crate::lang::Lang;

/// Why a case action was refused or failed, in one line.
pub fn case_error(e: &crate::cases::book::CaseError, lang: Lang) -> String {
    use crate::cases::book::CaseError::*;
    match e {
        WrongPassphrase => lang.pick("verkeerde wachtwoordzin: er is niets gewijzigd", "wrong passphrase: nothing was changed").into(),
        NotEnrolled(w) => lang.pick(
            format!("{w} is niet ingeschreven op deze laptop; schrijf in met: wijkkaart worker add --id {w} --name NAAM --org ORGANISATIE"),
            format!("{w} is not enrolled on this laptop; enrol with: wijkkaart worker add --id {w} --name NAME --org ORGANISATION"),
        ),
        NoWorkers => lang.pick(
            "nog niemand ingeschreven, of een ingeschreven collega moet meedoen: wijkkaart worker add --id ID --name NAAM --org ORGANISATIE",
            "nobody is enrolled yet, or an enrolled colleague must take part: wijkkaart worker add --id ID --name NAME --org ORGANISATION",
        )
        .into(),
        AlreadyEnrolled(w) => lang.pick(format!("{w} is al ingeschreven"), format!("{w} is already enrolled")),
        NeedsTwo => lang.pick(
            "geweigerd: dit doen twee verschillende ingeschreven medewerkers samen; geef de tweede met --with MEDEWERKER",
            "refused: two different enrolled workers do this together; name the second with --with WORKER",
        )
        .into(),
        LastWorker => lang.pick(
            "geweigerd: de laatste ingeschreven medewerker kan niet weg (dan is niemand meer bij de casussen)",
            "refused: the last enrolled worker cannot be removed (nobody could open the cases any more)",
        )
        .into(),
        NothingChanged => lang.pick("er is niets te wijzigen: geef --name of --org", "nothing to change: give --name or --org").into(),
        OldSlot(w) => lang.pick(
            format!("geweigerd: de sleutel van {w} is van een oudere soort; {w} opent eerst één keer de casussen (bijv. wijkkaart case list --as {w})"),
            format!("refused: the key slot of {w} is of an older kind; {w} first opens the cases once (e.g. wijkkaart case list --as {w})"),
        ),
        BackupForeign => lang.pick(
            "geweigerd: deze back-up hoort niet bij dit besluitlog of deze sleutel (van een andere laptop, of van vóór het verwijderen van een medewerker); er is niets teruggezet",
            "refused: this backup does not belong to this decision log or key (from another laptop, or from before a worker was removed); nothing was restored",
        )
        .into(),
        RestoreUnconfirmed => lang.pick(
            "de casusgegevens zijn na schade aan de database teruggezet uit een back-up en blijven dicht tot twee medewerkers dat bevestigen: wijkkaart restore --as MEDEWERKER --with MEDEWERKER",
            "the case data was put back from a backup after the database was damaged and stays shut until two workers confirm it: wijkkaart restore --as WORKER --with WORKER",
        )
        .into(),
        UnknownCase(id) => lang.pick(format!("onbekende casus '{id}'"), format!("unknown case '{id}'")),
        UnknownIntervention(id) => lang.pick(format!("onbekende interventie '{id}'"), format!("unknown intervention '{id}'")),
        BsnInLabel => lang.pick(
            "het label bevat een BSN; gebruik een korte schuilnaam zoals 'Fam. A., Moerwijk'",
            "the label holds a BSN; use a short pseudonym such as 'Fam. A., Moerwijk'",
        )
        .into(),
        Missing(what) => missing(*what, lang).into(),
        NoSuchNote(n) => lang.pick(format!("notitie {n} bestaat niet in deze casus"), format!("note {n} does not exist in this case")),
        AmountTooLarge => lang.pick(
            "de som van de bedragen is te groot om te tellen; er is niets gewijzigd",
            "the sum of the amounts is too large to count; nothing was changed",
        )
        .into(),
        PolicyAlone => lang.pick(
            "geweigerd: het noodbudget en de vergrendeltijd veranderen alleen met twee medewerkers; geef de tweede met --with MEDEWERKER",
            "refused: the emergency budget and the idle lock change only with two workers; name the second with --with WORKER",
        )
        .into(),
        PolicySameOrganisation => lang.pick(
            "geweigerd: het noodbudget verandert alleen met twee medewerkers van verschillende organisaties",
            "refused: the emergency budget changes only with two workers of different organisations",
        )
        .into(),
        LimitTooLarge => lang.pick(
            "geweigerd: de grens van het noodbudget is hoogstens € 42.949.672,95",
            "refused: the emergency budget limit is at most € 42.949.672,95",
        )
        .into(),
        BadScore => lang.pick("een score is 1 tot en met 5", "a score is 1 to 5").into(),
        Refused(r) => refusal(r, lang),
        Corrupt => lang.pick("casusgegevens zijn onleesbaar", "case data cannot be read").into(),
        Store(e) => store_error(e, lang),
        Vault(detail) => lang.pick(format!("sleutelbestand: {detail}"), format!("key file: {detail}")),
        VaultMissing => vault_missing(lang),
        VaultDamaged => vault_damaged(lang),
        VaultNewer => vault_newer(lang),
        CaseDamaged(id) => case_damaged(id, lang),
        CaseNewer(id) => case_newer(id, lang),
        LogDamaged(seq) => log_record_damaged(*seq, lang),
        LogNewer(seq) => log_record_newer(*seq, lang),
        KeyMissing(id) => case_key_missing(id, lang),
        Log(problem) => log_problem(problem, lang),
    }
}

/// Which text is missing, and what it is for.
fn missing(what: crate::cases::book::Missing, lang: Lang) -> &'static str {
    use crate::cases::book::Missing::*;
    match what {
        Passphrase => lang.pick(
            "een wachtwoordzin heeft minstens 8 tekens",
            "a passphrase has at least 8 characters",
        ),
        Label => lang.pick("het label ontbreekt", "the label is missing"),
        Note => lang.pick(
            "de notitie is leeg: geef tekst of een verwijzing",
            "the note is empty: give text or a referral",
        ),
        Title => lang.pick("de titel ontbreekt", "the title is missing"),
        Description => lang.pick(
            "de beschrijving ontbreekt: wat, en van welke regel het afwijkt",
            "the description is missing: what, and which rule it departs from",
        ),
        RejectionReason => lang.pick(
            "geweigerd: een afwijzing heeft een reden nodig (--reason)",
            "refused: a rejection needs a reason (--reason)",
        ),
        ReviewReason => lang.pick(
            "geweigerd: een verzoek om toetsing heeft een reden nodig (--reason)",
            "refused: a request for review needs a reason (--reason)",
        ),
        Evaluation => lang.pick(
            "de evaluatie is leeg: wat heeft de interventie opgeleverd?",
            "the evaluation is empty: what did the intervention bring?",
        ),
        Organisation => lang.pick(
            "de organisatie ontbreekt: elke medewerker heeft er een (--org)",
            "the organisation is missing: every worker has one (--org)",
        ),
        Name => lang.pick("de naam ontbreekt (--name)", "the name is missing (--name)"),
    }
}

/// Why the decision rule refuses an action.
pub fn refusal(r: &crate::cases::rule::Refusal, lang: Lang) -> String {
    use crate::cases::rule::Refusal::*;
    match r {
        SelfApproval => lang.pick(
            "geweigerd: je kunt je eigen voorstel niet goedkeuren; een collega beslist mee",
            "refused: you cannot approve your own proposal; a colleague decides with you",
        )
        .into(),
        StaleRevision { given, current } => lang.pick(
            format!("geweigerd: versie {given} is verouderd, het voorstel is nu versie {current}"),
            format!("refused: revision {given} is stale, the proposal is now revision {current}"),
        ),
        TwoRoles => lang.pick(
            "geweigerd: je hebt al een andere rol bij deze interventie",
            "refused: you already act in another role on this intervention",
        )
        .into(),
        SameOrganisation => lang.pick(
            "geweigerd: de onafhankelijke derde mag niet van de organisatie van de indiener zijn",
            "refused: the independent third may not be of the proposer's organisation",
        )
        .into(),
        NotProposer => lang.pick("geweigerd: alleen de indiener past het voorstel aan", "refused: only the proposer edits the proposal").into(),
        NotAParty => lang.pick(
            "geweigerd: alleen de indiener of de medebeslisser vraagt een toetsing aan",
            "refused: only the proposer or the co-decider requests review",
        )
        .into(),
        NotNow(state) => lang.pick(
            format!("geweigerd: dat kan niet in de stand '{}'", state_label(*state, lang)),
            format!("refused: not possible while '{}'", state_label(*state, lang)),
        ),
        AlreadyProposed => lang.pick("geweigerd: al voorgesteld", "refused: already proposed").into(),
        AlreadyRequested => lang.pick(
            "geweigerd: toetsing is al aangevraagd en staat tot de onafhankelijke derde beslist",
            "refused: review was already requested and stands until the independent third decides",
        )
        .into(),
        ThirdWithBond => lang.pick(
            "geweigerd: een onafhankelijke derde met een persoonlijke band kan niet beslissen; een andere derde moet dat doen",
            "refused: an independent third with a personal bond cannot decide; another third must",
        )
        .into(),
        VouchedByParties => lang.pick(
            "geweigerd: de indiener en de medebeslisser hebben deze derde samen ingeschreven of van organisatie veranderd; een andere derde moet beslissen",
            "refused: the proposer and the co-decider together enrolled or re-organised this third; another third must decide",
        )
        .into(),
        OrganisationUnknown => lang.pick(
            "geweigerd: de organisatie van de derde of van de indiener is onbekend; leg die eerst vast met wijkkaart worker edit",
            "refused: the organisation of the third or of the proposer is unknown; record it first with wijkkaart worker edit",
        )
        .into(),
        TooLateForReview => lang.pick(
            "geweigerd: toetsing van een afwijzing kan tot 14 dagen erna; de afwijzing is definitief",
            "refused: review of a rejection can be requested up to 14 days after it; the rejection is final",
        )
        .into(),
        AboveApproved { approved, actual } => {
            let (approved, actual) = (crate::cases::model::euros(*approved), crate::cases::model::euros(*actual));
            lang.pick(
                format!("geweigerd: de werkelijke kosten {actual} zijn hoger dan de goedgekeurde {approved}; een hoger bedrag is een nieuw voorstel"),
                format!("refused: the actual cost {actual} is above the approved {approved}; a higher cost is a new proposal"),
            )
        }
    }
}

pub fn state_label(s: crate::cases::rule::State, lang: Lang) -> &'static str {
    use crate::cases::rule::State::*;
    match s {
        Proposed => lang.pick("voorgesteld", "proposed"),
        InReview => lang.pick("bij de onafhankelijke derde", "with the independent third"),
        Approved => lang.pick("goedgekeurd", "approved"),
        Rejected => lang.pick("afgewezen", "rejected"),
        CarriedOut => lang.pick("uitgevoerd", "carried out"),
        Evaluated => lang.pick("geëvalueerd", "evaluated"),
    }
}

pub fn role_label(r: crate::cases::rule::Role, lang: Lang) -> &'static str {
    use crate::cases::rule::Role::*;
    match r {
        CoDecider => lang.pick(
            "een medebeslisser (niet de indiener)",
            "a co-decider (not the proposer)",
        ),
        IndependentThird => lang.pick(
            "een onafhankelijke derde (niet de indiener of medebeslisser, andere organisatie)",
            "an independent third (not proposer or co-decider, other organisation)",
        ),
    }
}

/// Words for the case screens and the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum C {
    Passphrase,
    Enrolled,
    Removed,
    Changed,
    LockSet,
    Notes,
    Interventions,
    Picture,
    NoScore,
    PossibleBsn,
    ChainWhole,
    ChainBroken,
    Erased,
    Budget,
    ApprovedThisYear,
    SpentThisYear,
    SlipTitle,
    SlipFooter,
    Waiting,
    NothingWaiting,
    Cases,
    NoCases,
    Locked,
    LockedDraftKept,
    DraftKept,
    FormKeys,
    FormKeysDraft,
    Unlock,
    ActingAs,
    Referred,
    NewNote,
    NewCase,
    Proposal,
    Reason,
    Title,
    CostEuro,
    Bond,
    ReviewRequested,
    Worker,
    Label,
    Area,
    Text,
    DomainsHint,
    Description,
    Date,
    ActualCost,
}

impl C {
    pub fn get(self, lang: Lang) -> &'static str {
        use C::*;
        let (nl, en) = match self {
            Passphrase => ("Wachtwoordzin", "Passphrase"),
            Enrolled => ("ingeschreven", "enrolled"),
            Removed => (
                "uitgeschreven; de casusgegevens hebben nieuwe sleutels",
                "removed; the case data has new keys",
            ),
            Changed => ("gewijzigd", "changed"),
            LockSet => ("vergrendeling na", "lock after"),
            Notes => ("Notities", "Notes"),
            Interventions => ("Interventies", "Interventions"),
            Picture => ("Totaalbeeld", "Complete picture"),
            NoScore => ("—", "—"),
            PossibleBsn => ("⚠ mogelijk BSN", "⚠ possible BSN"),
            ChainWhole => ("besluitlog is heel", "decision log is whole"),
            ChainBroken => (
                "besluitlog is gebroken bij record",
                "decision log is broken at record",
            ),
            Erased => ("casus gewist", "case erased"),
            Budget => (
                "Noodbudget (grens voor toetsing)",
                "Emergency budget (review above)",
            ),
            ApprovedThisYear => ("goedgekeurd dit jaar", "approved this year"),
            SpentThisYear => ("uitgegeven dit jaar", "spent this year"),
            SlipTitle => ("Mijn verwijzingen", "My referrals"),
            SlipFooter => (
                "Dit briefje is voor u. U kiest zelf of u contact opneemt.",
                "This slip is yours. You decide whether to get in touch.",
            ),
            Waiting => ("Wacht op mijn besluit", "Awaiting my decision"),
            NothingWaiting => (
                "Er wacht niets op jouw besluit.",
                "Nothing awaits your decision.",
            ),
            Cases => ("Casussen", "Cases"),
            NoCases => (
                "Nog geen casussen. n maakt er een.",
                "No cases yet. n makes one.",
            ),
            Locked => ("Vergrendeld", "Locked"),
            LockedDraftKept => (
                "Vergrendeld; wat je typte komt terug als je weer ontgrendelt",
                "Locked; what you typed comes back when you unlock again",
            ),
            FormKeys => (
                "Enter/Ctrl-S versturen · Esc terug",
                "Enter/Ctrl-S submit · Esc back",
            ),
            FormKeysDraft => (
                "Enter/Ctrl-S versturen · Esc later verder",
                "Enter/Ctrl-S submit · Esc finish later",
            ),
            DraftKept => (
                "concept bewaard: het komt terug als je dit formulier weer opent",
                "draft kept: it comes back when you open this form again",
            ),
            Unlock => (
                "Ontgrendel met je wachtwoordzin",
                "Unlock with your passphrase",
            ),
            ActingAs => ("Je werkt als", "Acting as"),
            Referred => ("verwezen naar", "referred to"),
            NewNote => ("Nieuwe notitie", "New note"),
            NewCase => (
                "Nieuwe casus (schuilnaam, geen volledige naam of BSN)",
                "New case (pseudonym, no full name or BSN)",
            ),
            Proposal => ("Voorstel", "Proposal"),
            Reason => ("Reden", "Reason"),
            Title => ("Titel", "Title"),
            CostEuro => ("Kosten (€)", "Cost (€)"),
            Bond => ("persoonlijke band of belang", "personal bond or interest"),
            ReviewRequested => ("toetsing gevraagd", "review requested"),
            Worker => ("Medewerker (id)", "Worker (id)"),
            Label => ("Schuilnaam", "Pseudonym"),
            Area => ("Wijk", "Area"),
            Text => ("Tekst", "Text"),
            DomainsHint => ("Leefgebieden (#fin #wonen)", "Life domains (#fin #housing)"),
            Description => (
                "Wat, en van welke regel wijkt het af",
                "What, and which rule it departs from",
            ),
            Date => ("Datum (2026-11-29)", "Date (2026-11-29)"),
            ActualCost => ("Werkelijke kosten (€)", "Actual cost (€)"),
        };
        lang.pick(nl, en)
    }
}

pub fn passphrase_prompt(worker: &str, lang: Lang) -> String {
    lang.pick(
        format!("Wachtwoordzin van {worker}: "),
        format!("Passphrase of {worker}: "),
    )
}

pub fn bsn_in_note(case: &str, note: usize, lang: Lang) -> String {
    lang.pick(
        format!("let op: notitie {note} bevat een mogelijk BSN; verwijder het met: wijkkaart case redact {case} --note {note}"),
        format!("note {note} holds a possible BSN; remove it with: wijkkaart case redact {case} --note {note}"),
    )
}

/// Why a typed amount is not one, in one line: the reason, and how to write it.
pub fn bad_euros(text: &str, lang: Lang) -> String {
    use crate::cases::model::{BadAmount::*, parse_cents};
    let why = match parse_cents(text.trim()) {
        Err(why) => why,
        Ok(_) => NotDigits,
    };
    let (nl, en) = match why {
        Empty => ("het bedrag ontbreekt", "the amount is missing"),
        Sign => ("een bedrag heeft geen + of -", "an amount has no + or -"),
        ThousandsSeparator => (
            "geen scheidingsteken voor duizendtallen: een komma of punt staat alleen voor de centen",
            "no thousands separator: a comma or point only comes before the cents",
        ),
        Decimals => (
            "na de komma of punt staan één of twee cijfers",
            "one or two digits come after the comma or point",
        ),
        LeadingZero => (
            "een bedrag begint niet met een 0",
            "an amount does not start with a 0",
        ),
        TooLarge => ("hoogstens 999999999,99 euro", "at most 999999999.99 euros"),
        NotDigits => (
            "alleen cijfers, met een komma of punt voor de centen",
            "digits only, with a comma or point before the cents",
        ),
    };
    lang.pick(
        format!("'{text}' is geen bedrag in euro's: {nl} (zoals 1250 of 1250,50)"),
        format!("'{text}' is not an amount in euros: {en} (such as 1250 or 1250.50)"),
    )
}

/// How a self-sufficiency score moved since the one before: ↑, ↓, = or a
/// blank when there is nothing to compare.
pub fn trend_arrow(now: Option<u8>, before: Option<u8>) -> &'static str {
    match (now, before) {
        (Some(a), Some(b)) if a > b => "↑",
        (Some(a), Some(b)) if a < b => "↓",
        (Some(_), Some(_)) => "=",
        _ => " ",
    }
}

/// The question before setting a self-sufficiency score.
pub fn confirm_score(case: &str, domain: &str, score: u8, lang: Lang) -> String {
    lang.pick(
        format!("{case} · {domain}: score {score} vastleggen? (j/n)"),
        format!("{case} · {domain}: record score {score}? (y/n)"),
    )
}

// Damage to case data: named, with what the worker can do (issue 8).

/// vault.bin fails its own checks (never said as "wrong passphrase").
pub fn vault_damaged(lang: Lang) -> String {
    lang.pick(
        "vault.bin is beschadigd: zet een reservekopie terug met `wijkkaart restore`",
        "vault.bin is damaged: restore from a backup with `wijkkaart restore`",
    )
    .into()
}

/// vault.bin is gone while case data is there.
pub fn vault_missing(lang: Lang) -> String {
    lang.pick(
        "vault.bin ontbreekt terwijl er casusgegevens zijn: zet een reservekopie terug met `wijkkaart restore`",
        "vault.bin is missing while case data exists: restore from a backup with `wijkkaart restore`",
    )
    .into()
}

pub fn vault_newer(lang: Lang) -> String {
    lang.pick(
        "vault.bin is geschreven door een nieuwere wijkkaart: werk wijkkaart eerst bij",
        "vault.bin was written by a newer wijkkaart: update wijkkaart first",
    )
    .into()
}

/// One case cannot be read; the others can.
pub fn case_damaged(id: &str, lang: Lang) -> String {
    lang.pick(
        format!("casus {id} is beschadigd en onleesbaar: zet een reservekopie terug met `wijkkaart restore`"),
        format!("case {id} is damaged and cannot be read: restore from a backup with `wijkkaart restore`"),
    )
}

pub fn case_newer(id: &str, lang: Lang) -> String {
    lang.pick(
        format!("casus {id} is geschreven door een nieuwere wijkkaart: werk wijkkaart eerst bij"),
        format!("case {id} was written by a newer wijkkaart: update wijkkaart first"),
    )
}

pub fn log_record_damaged(seq: u64, lang: Lang) -> String {
    lang.pick(
        format!("besluitlog-record {seq} is beschadigd: zet een reservekopie terug met `wijkkaart restore`"),
        format!("decision log record {seq} is damaged: restore from a backup with `wijkkaart restore`"),
    )
}

pub fn log_record_newer(seq: u64, lang: Lang) -> String {
    lang.pick(
        format!("besluitlog-record {seq} is geschreven door een nieuwere wijkkaart: werk wijkkaart eerst bij"),
        format!("decision log record {seq} was written by a newer wijkkaart: update wijkkaart first"),
    )
}

/// A case record without a key: a half-done erasure of an older version, or damage.
pub fn case_key_missing(id: &str, lang: Lang) -> String {
    lang.pick(
        format!("casus {id} heeft geen sleutel meer: maak het wissen af met `wijkkaart case erase {id} --yes`, of zet een reservekopie terug met `wijkkaart restore`"),
        format!("case {id} has no key any more: finish erasing it with `wijkkaart case erase {id} --yes`, or restore from a backup with `wijkkaart restore`"),
    )
}

/// What `log verify` found, other than a broken record (`C::ChainBroken`).
pub fn log_problem(p: &crate::cases::audit::LogProblem, lang: Lang) -> String {
    use crate::cases::audit::LogProblem::*;
    match p {
        Broken(seq) => format!("{} {seq}", C::ChainBroken.get(lang)),
        Cut { sealed, found } => lang.pick(
            format!("besluitlog is ingekort: verzegeld met {sealed} records, er zijn er nu {found}"),
            format!("the decision log was cut: sealed with {sealed} records, {found} are left"),
        ),
        SealDamaged => lang.pick(
            "het zegel van het besluitlog ontbreekt of is beschadigd: zet een reservekopie terug met `wijkkaart restore`",
            "the seal of the decision log is missing or damaged: restore from a backup with `wijkkaart restore`",
        )
        .into(),
        CaseBehind { case, record } => lang.pick(
            format!("casus {case} is ouder dan het besluitlog (record {record} ontbreekt erin): een oude kopie is teruggezet"),
            format!("case {case} is older than the decision log (it lacks record {record}): an old copy was put back"),
        ),
        WorkerRecord(w) => lang.pick(
            format!("de gegevens van medewerker {w} in vault.bin zijn met de hand gewijzigd, toegevoegd of verwijderd: ze worden niet geloofd; zet een reservekopie terug met `wijkkaart restore`"),
            format!("the record of worker {w} in vault.bin was changed, added or removed by hand: it is not believed; restore from a backup with `wijkkaart restore`"),
        ),
        Missing(seq) => lang.pick(
            format!("besluitlog-record {seq} ontbreekt: het is eruit gehaald"),
            format!("decision log record {seq} is missing: it was taken out"),
        ),
        Rewritten => lang.pick(
            "de besluitlog-records zijn niet meer de records die verankerd zijn: er is een gewijzigd of vervangen (welk, ziet `wijkkaart log verify --as MEDEWERKER`)",
            "the decision log records are no longer the ones anchored: one was changed or replaced (which one, `wijkkaart log verify --as WORKER` names)",
        )
        .into(),
        AnchorMissing => lang.pick(
            "het anker van het besluitlog ontbreekt terwijl de records het hebben gehad: het is weggehaald",
            "the anchor of the decision log is missing while its records were written with one: it was taken away",
        )
        .into(),
    }
}

/// `log verify` without a passphrase found nothing wrong: what it checked,
/// what it did not, and how to check that too.
pub fn log_whole_unlocked(w: &crate::cases::audit::ClearWhole, lang: Lang) -> String {
    let n = w.records;
    let anchored = if w.anchored {
        lang.pick("nummering en anker kloppen", "numbering and anchor agree")
    } else {
        lang.pick(
            "de nummering klopt (het log heeft nog geen anker: dat komt bij de volgende wijziging)",
            "the numbering is whole (the log has no anchor yet: it gets one with the next change)",
        )
    };
    lang.pick(
        format!("besluitlog is heel voor zover zonder wachtwoordzin te zien: {n} records, {anchored}; de hashketen, het zegel, de medewerkers en de casussen zijn niet gecontroleerd: dat doet `wijkkaart log verify --as MEDEWERKER` (zonder terminal met --passphrase-stdin)"),
        format!("decision log is whole as far as can be seen without a passphrase: {n} records, {anchored}; the hash chain, the seal, the workers and the cases were not checked: `wijkkaart log verify --as WORKER` does (without a terminal, with --passphrase-stdin)"),
    )
}

/// Who vouched for a worker, and for what: "ingeschreven door piet en carla op 2026-11-29".
pub fn vouch_line(v: &crate::cases::vault::Vouch, lang: Lang) -> String {
    use crate::cases::vault::VouchKind::*;
    let what = match v.kind {
        Enrolled => lang.pick("ingeschreven", "enrolled"),
        Renamed => lang.pick("naam gewijzigd", "renamed"),
        Reorganised => lang.pick("organisatie gewijzigd", "organisation changed"),
    };
    let by = v.by.join(lang.pick(" en ", " and "));
    let day = chrono::DateTime::from_timestamp(v.at, 0)
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default();
    lang.pick(
        format!("{what} door {by} op {day}"),
        format!("{what} by {by} on {day}"),
    )
}

/// `restore` by two after an automatic restore of a damaged database: the
/// case data put back is confirmed, and on record.
pub fn restore_confirmed(from: u64, by: [&str; 2], lang: Lang) -> String {
    let [a, b] = by;
    lang.pick(
        format!("de teruggezette casusgegevens zijn bevestigd door {a} en {b} en staan in het besluitlog (het log liep tot en met record {from} in de back-up)"),
        format!("the case data put back is confirmed by {a} and {b} and on record in the decision log (the backup's log ran to record {from})"),
    )
}
