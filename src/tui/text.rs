//! The interface's own words: what each action does and the names of the key
//! contexts. They live here, next to the types they name, so that `text`
//! never reaches up into `tui`.

use super::action::{Action, Contact};
use super::keymap::Context;
use crate::lang::Lang;
use crate::map::domain::Kind;

/// A one-letter marker for the result list; the legend is in the help overlay.
pub fn kind_marker(k: Kind, lang: Lang) -> &'static str {
    match k {
        Kind::KeyFigure => lang.pick("S", "K"),
        Kind::Initiative => "I",
        Kind::Service => lang.pick("V", "S"),
    }
}

/// What an action does, as the status line and help overlay say it.
pub fn action_label(action: Action, lang: Lang) -> &'static str {
    use Action::*;
    let (nl, en) = match action {
        Quit => ("afsluiten", "quit"),
        ForceQuit => ("afsluiten, overal", "quit, from anywhere"),
        Back => ("terug", "back"),
        Type(_) => ("typen", "type"),
        DeleteChar => ("teken wissen", "delete a character"),
        ClearQuery => ("zoekregel leegmaken", "clear the search line"),
        ClearField => ("veld leegmaken", "clear the field"),
        FocusSearch => ("zoeken", "search"),
        FocusList => ("naar de lijst", "to the list"),
        Up => ("omhoog", "up"),
        Down => ("omlaag", "down"),
        PageUp => ("pagina omhoog", "page up"),
        PageDown => ("pagina omlaag", "page down"),
        Home => ("naar begin", "to the top"),
        End => ("naar eind", "to the end"),
        Open => ("openen", "open"),
        ShowDomains => ("leefgebieden", "life domains"),
        CycleKind => ("soort wisselen", "switch kind"),
        PickArea => ("wijk kiezen", "pick an area"),
        ClearFilters => ("filters wissen", "clear filters"),
        Help => ("alle toetsen", "all keys"),
        ToggleStale => (
            "alleen te controleren, oudste eerst",
            "only due for a check, oldest first",
        ),
        NewEntry => ("nieuwe vermelding", "new entry"),
        EditEntry => ("bewerken", "edit"),
        DeleteEntry => ("verwijderen (met bevestiging)", "delete (asks first)"),
        VerifyEntry => ("vandaag gecontroleerd", "checked today"),
        Undo => ("laatste wijziging ongedaan maken", "undo the last edit"),
        Sync => ("delen via gedeelde map", "sync with a shared folder"),
        Import => ("bestand importeren", "import a file"),
        Export => ("exporteren (huidige filters)", "export (current filters)"),
        ShowConflicts => ("conflicten", "conflicts"),
        Keep(_) => ("deze versie houden", "keep this version"),
        Save => ("opslaan", "save"),
        Submit => ("versturen", "submit"),
        NextField => ("volgend veld", "next field"),
        PrevField => ("vorig veld", "previous field"),
        Left => ("cursor links", "cursor left"),
        Right => ("cursor rechts", "cursor right"),
        DeleteForward => ("teken rechts wissen", "delete right"),
        Toggle => ("kiezen / aan-uit", "choose / on-off"),
        Yes => ("ja", "yes"),
        No => ("nee", "no"),
        OpenCases => ("casussen (ontgrendelt eerst)", "cases (unlocks first)"),
        OpenWaiting => ("wacht op mijn besluit", "awaiting my decision"),
        Lock => ("vergrendelen", "lock"),
        SwitchWorker => ("andere medewerker", "switch worker"),
        Refer => (
            "verwijzen naar deze vermelding (casus kiezen)",
            "refer to this entry (pick a case)",
        ),
        NewCase => ("nieuwe casus", "new case"),
        AddNote => ("notitie toevoegen", "add a note"),
        Propose => ("interventie voorstellen", "propose an intervention"),
        OpenInterventions => ("interventies van de casus", "the case's interventions"),
        Approve => (
            "goedkeuren (met wachtwoordzin)",
            "approve (with passphrase)",
        ),
        Reject => ("afwijzen (met reden)", "reject (with a reason)"),
        RequestReview => (
            "toetsing door een derde vragen",
            "request review by a third",
        ),
        EditProposal => (
            "voorstel aanpassen (nieuwe revisie)",
            "change the proposal (new revision)",
        ),
        MarkCarriedOut => ("uitgevoerd", "carried out"),
        Evaluate => ("evalueren", "evaluate"),
        ShowSlip => (
            "verwijsbriefje voor de cliënt",
            "the client's referral slip",
        ),
        EraseCase => (
            "casus wissen (recht op vergetelheid)",
            "erase the case (right to erasure)",
        ),
        Score(_) => ("score 1-5 voor het leefgebied", "score 1-5 for the domain"),
        Copy(Contact::Phone) => ("telefoonnummer kopiëren", "copy the phone number"),
        Copy(Contact::Email) => ("e-mailadres kopiëren", "copy the e-mail address"),
        Copy(Contact::Address) => ("adres kopiëren", "copy the address"),
        Copy(Contact::Website) => ("website kopiëren", "copy the website"),
        OpenWebsite => (
            "website openen in de browser",
            "open the website in the browser",
        ),
        ToggleMouse => (
            "muis aan/uit (uit: tekst selecteren)",
            "mouse on/off (off: select text)",
        ),
        SaveSlip => ("als bestand bewaren", "save as a file"),
        OpenWorkers => (
            "medewerkers, inschrijven en beleid",
            "workers, enrolment and policy",
        ),
        EnrolWorker => (
            "medewerker inschrijven (met twee)",
            "enrol a worker (by two)",
        ),
        EditWorker => (
            "naam of organisatie wijzigen (met twee)",
            "change name or organisation (by two)",
        ),
        RemoveWorker => (
            "medewerker uitschrijven (met twee, nieuwe sleutels)",
            "remove a worker (by two, new keys)",
        ),
        SetBudget => (
            "grens noodbudget (twee van verschillende organisaties)",
            "budget limit (two of different organisations)",
        ),
        SetLockMinutes => ("vergrendeltijd (met twee)", "idle lock (by two)"),
    };
    lang.pick(nl, en)
}

/// A shorter word for the status line, where space is tight.
pub fn action_short_label(action: Action, lang: Lang) -> &'static str {
    use Action::*;
    let (nl, en) = match action {
        Quit => ("stoppen", "quit"),
        FocusList => ("lijst", "list"),
        FocusSearch => ("zoeken", "search"),
        CycleKind => ("soort", "kind"),
        PickArea => ("wijk", "area"),
        ShowDomains => ("leefgebieden", "domains"),
        Help => ("hulp", "help"),
        Down => ("verder", "more"),
        NewEntry => ("nieuw", "new"),
        DeleteEntry => ("wissen", "delete"),
        VerifyEntry => ("gecontroleerd", "checked"),
        Undo => ("ongedaan", "undo"),
        Sync => ("delen", "sync"),
        ShowConflicts => ("conflicten", "conflicts"),
        ToggleStale => ("te controleren", "due"),
        Keep(_) => ("houden", "keep"),
        Toggle => ("kiezen", "choose"),
        OpenCases => ("casussen", "cases"),
        OpenWaiting => ("wacht op mij", "waiting"),
        Refer => ("verwijzen", "refer"),
        NewCase => ("nieuw", "new"),
        AddNote => ("notitie", "note"),
        Propose => ("voorstel", "propose"),
        OpenInterventions => ("interventies", "interventions"),
        Approve => ("goedkeuren", "approve"),
        Reject => ("afwijzen", "reject"),
        RequestReview => ("toetsing", "review"),
        EditProposal => ("aanpassen", "change"),
        MarkCarriedOut => ("uitgevoerd", "carried out"),
        ShowSlip => ("briefje", "slip"),
        Score(_) => ("score", "score"),
        Copy(Contact::Phone) => ("kopieer tel.", "copy phone"),
        Copy(_) => ("kopiëren", "copy"),
        OpenWebsite => ("website", "website"),
        ToggleMouse => ("muis", "mouse"),
        SaveSlip => ("bewaren", "save"),
        OpenWorkers => ("medewerkers", "workers"),
        EnrolWorker => ("inschrijven", "enrol"),
        EditWorker => ("wijzigen", "change"),
        RemoveWorker => ("uitschrijven", "remove"),
        SetBudget => ("budget", "budget"),
        SetLockMinutes => ("vergrendeling", "idle lock"),
        other => return action_label(other, lang),
    };
    lang.pick(nl, en)
}

/// What an action does in a context where it means something more particular
/// than its usual words: the label belongs to the key in its context.
pub fn label_in(context: Context, action: Action, lang: Lang) -> Option<&'static str> {
    let (nl, en) = match (context, action) {
        (Context::SearchLine, Action::Up) => (
            "omhoog; leeg: vorige zoekopdracht",
            "up; when empty: the previous search",
        ),
        (Context::SearchLine, Action::Back) => ("terug naar de lijst", "back to the list"),
        (Context::ResultList, Action::Back) => (
            "zoekopdracht en filters wissen",
            "clear the search and filters",
        ),
        (Context::Domains, Action::Open) => ("filteren op dit leefgebied", "filter on this domain"),
        (Context::Areas, Action::Open) => ("filteren op deze wijk", "filter on this area"),
        (Context::Help, Action::Back) => ("hulp sluiten", "close help"),
        (Context::Form, Action::Open) => ("kiezen / volgend veld", "choose / next field"),
        (Context::DomainPicker, Action::Back) => ("klaar", "done"),
        (Context::Prompt, Action::Open) => ("uitvoeren", "go"),
        (Context::Picker, Action::Open) => ("naar deze casus verwijzen", "refer to this case"),
        (Context::Case, Action::PageUp) => ("notities terug", "notes back"),
        (Context::Case, Action::PageDown) => ("notities verder", "notes further"),
        _ => return None,
    };
    Some(lang.pick(nl, en))
}

/// The heading of a group of keys in the help overlay.
pub fn context_label(context: Context, lang: Lang) -> &'static str {
    use Context::*;
    let (nl, en) = match context {
        Everywhere => ("Overal", "Everywhere"),
        Map => ("Kaart: zoekregel en lijst", "The map: search line and list"),
        SearchLine => ("Zoekregel", "Search line"),
        ResultList => ("Resultatenlijst", "Result list"),
        Detail => ("Details", "Details"),
        Domains => ("Leefgebieden", "Life domains"),
        Areas => ("Wijk kiezen", "Pick an area"),
        Help => ("Hulp", "Help"),
        Form => ("Vermelding bewerken", "Editing an entry"),
        DomainPicker => ("Leefgebieden kiezen", "Choosing life domains"),
        Confirm => ("Vraag", "Question"),
        Prompt => ("Invoerregel", "Input line"),
        Conflicts => ("Conflicten", "Conflicts"),
        Conflict => ("Eén conflict", "One conflict"),
        Cases => ("Casussen", "Cases"),
        Case => ("Eén casus", "One case"),
        Interventions => ("Interventies", "Interventions"),
        Intervention => ("Eén interventie", "One intervention"),
        Picker => ("Kiezen", "Picking"),
        Reader => ("Lezen", "Reading"),
        Workers => ("Medewerkers", "Workers"),
    };
    lang.pick(nl, en)
}

pub fn space_key(lang: Lang) -> &'static str {
    lang.pick("spatie", "space")
}

/// A way to reach an entry, as the copy keys name it.
fn contact_label(c: Contact, lang: Lang) -> &'static str {
    let (nl, en) = match c {
        Contact::Phone => ("telefoonnummer", "phone number"),
        Contact::Email => ("e-mailadres", "e-mail address"),
        Contact::Address => ("adres", "address"),
        Contact::Website => ("website", "website"),
    };
    lang.pick(nl, en)
}

pub fn copied(c: Contact, value: &str, lang: Lang) -> String {
    lang.pick(
        format!("{} gekopieerd: {value}", contact_label(c, lang)),
        format!("{} copied: {value}", contact_label(c, lang)),
    )
}

pub fn nothing_to_copy(c: Contact, lang: Lang) -> String {
    lang.pick(
        format!("geen {} bekend", contact_label(c, lang)),
        format!("no {} known", contact_label(c, lang)),
    )
}

pub fn browsing(url: &str, lang: Lang) -> String {
    lang.pick(
        format!("openen in de browser: {url}"),
        format!("opening in the browser: {url}"),
    )
}

pub fn mouse_said(on: bool, lang: Lang) -> &'static str {
    match on {
        true => lang.pick(
            "muis aan: het wiel scrolt (F9: uit, om tekst te selecteren)",
            "mouse on: the wheel scrolls (F9: off, to select text)",
        ),
        false => lang.pick(
            "muis uit: tekst selecteren en kopiëren kan weer (F9: aan)",
            "mouse off: text can be selected and copied (F9: on)",
        ),
    }
}

/// The referral slip's file name: what it is and the day, never whom it is for.
pub fn slip_file_name(day: chrono::NaiveDate, lang: Lang) -> String {
    format!("{}-{day}.txt", lang.pick("verwijsbriefje", "referral-slip"))
}

/// After a referral to an entry whose details were not checked for a year.
pub fn referred_unchecked(name: &str, verified: Option<chrono::NaiveDate>, lang: Lang) -> String {
    match verified {
        Some(day) => lang.pick(
            format!("opgeslagen: {name} — let op: sinds {day} niet gecontroleerd; bel even na of het klopt"),
            format!("saved: {name} — note: not checked since {day}; call to make sure it is right"),
        ),
        None => lang.pick(
            format!("opgeslagen: {name} — let op: nooit gecontroleerd; bel even na of het klopt"),
            format!("saved: {name} — note: never checked; call to make sure it is right"),
        ),
    }
}

/// The words of the workers screen and its forms: enrolling, removing,
/// changing a worker, and the two policies (budget limit, idle lock).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W {
    Workers,
    NoWorkers,
    Id,
    Name,
    Organisation,
    NewPassphrase,
    Again,
    /// The first worker who vouches (with one enrolled: the one enrolled).
    First,
    FirstPassphrase,
    Second,
    SecondPassphrase,
    Enrol,
    EnrolFirst,
    Edit,
    Budget,
    Limit,
    LockMinutes,
    Minutes,
    Mismatch,
    BadMinutes,
    NeedsTwo,
    PolicyAlone,
    NothingChanged,
    SignedOut,
    Saved,
    IdleLock,
}

impl W {
    pub fn get(self, lang: Lang) -> &'static str {
        use W::*;
        let (nl, en) = match self {
            Workers => ("Medewerkers", "Workers"),
            NoWorkers => ("Nog niemand ingeschreven.", "Nobody is enrolled yet."),
            Id => ("Id", "Id"),
            Name => ("Naam", "Name"),
            Organisation => ("Organisatie", "Organisation"),
            NewPassphrase => ("Nieuwe wachtwoordzin", "New passphrase"),
            Again => ("Nogmaals", "Again"),
            First => ("Medewerker 1 (id)", "Worker 1 (id)"),
            FirstPassphrase => ("Wachtwoordzin 1", "Passphrase 1"),
            Second => ("Medewerker 2 (id)", "Worker 2 (id)"),
            SecondPassphrase => ("Wachtwoordzin 2", "Passphrase 2"),
            Enrol => ("Medewerker inschrijven", "Enrol a worker"),
            EnrolFirst => ("Eerste medewerker inschrijven", "Enrol the first worker"),
            Edit => (
                "Naam of organisatie wijzigen",
                "Change name or organisation",
            ),
            Budget => (
                "Grens noodbudget wijzigen",
                "Change the emergency budget limit",
            ),
            Limit => ("Nieuwe grens (€)", "New limit (€)"),
            LockMinutes => ("Vergrendeltijd wijzigen", "Change the idle lock"),
            Minutes => ("Minuten (1-240)", "Minutes (1-240)"),
            Mismatch => (
                "de twee wachtwoordzinnen verschillen: typ ze opnieuw; er is niets gewijzigd",
                "the two passphrases differ: type them again; nothing was changed",
            ),
            BadMinutes => (
                "de vergrendeltijd is 1 tot en met 240 minuten",
                "the idle lock is 1 to 240 minutes",
            ),
            NeedsTwo => (
                "geweigerd: dit doen twee verschillende ingeschreven medewerkers samen; vul de tweede met wachtwoordzin in",
                "refused: two different enrolled workers do this together; fill in the second with their passphrase",
            ),
            PolicyAlone => (
                "geweigerd: het noodbudget en de vergrendeltijd veranderen alleen met twee medewerkers; vul de tweede met wachtwoordzin in",
                "refused: the emergency budget and the idle lock change only with two workers; fill in the second with their passphrase",
            ),
            NothingChanged => (
                "er is niets te wijzigen: naam en organisatie zijn hetzelfde",
                "nothing to change: name and organisation are the same",
            ),
            SignedOut => (
                "de casusgegevens hebben nieuwe sleutels: ontgrendel opnieuw",
                "the case data has new keys: unlock again",
            ),
            Saved => ("vastgelegd", "recorded"),
            IdleLock => ("Vergrendelen na", "Lock after"),
        };
        lang.pick(nl, en)
    }
}

/// The question of the removal form, naming the worker.
pub fn remove_question(id: &str, name: &str, lang: Lang) -> String {
    lang.pick(
        format!("{name} ({id}) uitschrijven? Nieuwe sleutels."),
        format!("Remove {name} ({id})? New keys."),
    )
}

/// A refusal of a change of the worker list or a policy, in one line: the
/// command line's reason, with the interface's way to give the second worker.
pub fn worker_error(e: &crate::cases::book::CaseError, lang: Lang) -> String {
    use crate::cases::book::CaseError;
    match e {
        CaseError::NeedsTwo => W::NeedsTwo.get(lang).to_string(),
        CaseError::PolicyAlone => W::PolicyAlone.get(lang).to_string(),
        CaseError::NothingChanged => W::NothingChanged.get(lang).to_string(),
        CaseError::NotEnrolled(w) => lang.pick(
            format!("{w} is niet ingeschreven op deze laptop; er is niets gewijzigd"),
            format!("{w} is not enrolled on this laptop; nothing was changed"),
        ),
        other => crate::text::case_error(other, lang),
    }
}
