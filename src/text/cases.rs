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
            format!("{w} is niet ingeschreven op deze laptop; schrijf in met: wijkkaart worker add --id {w} --name NAAM"),
            format!("{w} is not enrolled on this laptop; enrol with: wijkkaart worker add --id {w} --name NAME"),
        ),
        NoWorkers => lang.pick(
            "nog niemand ingeschreven, of een ingeschreven collega moet meedoen: wijkkaart worker add --id ID --name NAAM",
            "nobody is enrolled yet, or an enrolled colleague must take part: wijkkaart worker add --id ID --name NAME",
        )
        .into(),
        AlreadyEnrolled(w) => lang.pick(format!("{w} is al ingeschreven"), format!("{w} is already enrolled")),
        UnknownCase(id) => lang.pick(format!("onbekende casus '{id}'"), format!("unknown case '{id}'")),
        UnknownIntervention(id) => lang.pick(format!("onbekende interventie '{id}'"), format!("unknown intervention '{id}'")),
        BsnInLabel => lang.pick(
            "het label bevat een BSN; gebruik een korte schuilnaam zoals 'Fam. A., Moerwijk'",
            "the label holds a BSN; use a short pseudonym such as 'Fam. A., Moerwijk'",
        )
        .into(),
        Empty => lang.pick(
            "tekst ontbreekt (een wachtwoordzin heeft minstens 8 tekens)",
            "text is missing (a passphrase has at least 8 characters)",
        )
        .into(),
        BadScore => lang.pick("een score is 1 tot en met 5", "a score is 1 to 5").into(),
        Refused(r) => refusal(r, lang),
        Corrupt => lang.pick("casusgegevens zijn onleesbaar", "case data cannot be read").into(),
        Store(e) => store_error(e, lang),
        Vault(detail) => lang.pick(format!("sleutelbestand: {detail}"), format!("key file: {detail}")),
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
        AlreadyRequested => lang.pick("geweigerd: toetsing is al aangevraagd", "refused: review was already requested").into(),
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

pub fn bad_euros(text: &str, lang: Lang) -> String {
    lang.pick(
        format!("'{text}' is geen bedrag in euro's"),
        format!("'{text}' is not an amount in euros"),
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
