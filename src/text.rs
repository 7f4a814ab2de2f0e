//! Every word the user sees, in Dutch and English, in one place.
//!
//! Code elsewhere names a text ([`T`]) or asks for a message of a value
//! (`problem_message`, `store_error`, ...); it never holds words of its own.

use crate::map::domain::{Kind, LifeDomain};
use crate::map::file::{Expected, ProblemKind};
use crate::store::StoreError;
use std::str::FromStr;

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.to_ascii_lowercase().as_str() {
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            other => Err(format!("'{other}': nl | en")),
        }
    }
}

/// The label of a life domain as the interface shows it.
pub fn domain_label(d: LifeDomain, lang: Lang) -> &'static str {
    use LifeDomain::*;
    let (nl, en) = match d {
        Finances => ("Financiën", "Finances"),
        WorkEducation => ("Werk & opleiding", "Work & education"),
        Daytime => ("Tijdsbesteding", "Daytime activities"),
        Housing => ("Huisvesting", "Housing"),
        DomesticRelations => ("Huiselijke relaties", "Domestic relations"),
        Parenting => ("Opvoeding", "Parenting"),
        MentalHealth => ("Geestelijke gezondheid", "Mental health"),
        PhysicalHealth => ("Lichamelijke gezondheid", "Physical health"),
        SubstanceUse => ("Middelengebruik", "Substance use"),
        BasicAdl => ("Basale ADL", "Basic daily living"),
        InstrumentalAdl => ("Instrumentele ADL", "Instrumental daily living"),
        SocialNetwork => ("Sociaal netwerk", "Social network"),
        Participation => ("Maatschappelijke participatie", "Community participation"),
        Justice => ("Justitie & veiligheid", "Justice & safety"),
        LivingEnvironment => ("Leefomgeving", "Living environment"),
    };
    lang.pick(nl, en)
}

/// The words for a domain in anything written for the client (Dutch).
pub fn domain_client_label(d: LifeDomain) -> &'static str {
    use LifeDomain::*;
    match d {
        Finances => "Geldzaken",
        WorkEducation => "Werk en opleiding",
        Daytime => "Tijdsbesteding",
        Housing => "Woning",
        DomesticRelations => "Relaties thuis",
        Parenting => "Opvoeden",
        MentalHealth => "Geestelijke gezondheid",
        PhysicalHealth => "Lichamelijke gezondheid",
        SubstanceUse => "Verslaving",
        BasicAdl => "Zelfzorg",
        InstrumentalAdl => "Dagelijkse activiteiten",
        SocialNetwork => "Sociaal netwerk",
        Participation => "Inzet voor de maatschappij",
        Justice => "Justitie",
        LivingEnvironment => "Mijn buurt",
    }
}

pub fn kind_label(k: Kind, lang: Lang) -> &'static str {
    match k {
        Kind::KeyFigure => lang.pick("Sleutelfiguur", "Key figure"),
        Kind::Initiative => lang.pick("Initiatief", "Initiative"),
        Kind::Service => lang.pick("Voorziening", "Service"),
    }
}

/// A one-letter marker for the result list; the legend is in the help overlay.
pub fn kind_marker(k: Kind, lang: Lang) -> &'static str {
    match k {
        Kind::KeyFigure => lang.pick("S", "K"),
        Kind::Initiative => "I",
        Kind::Service => lang.pick("V", "S"),
    }
}

/// Fixed texts of the interface and the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum T {
    AppTitle,
    SearchLabel,
    SearchHint,
    Results,
    NoResults,
    Details,
    NothingSelected,
    Domains,
    DomainsHint,
    Areas,
    AllAreas,
    Help,
    HelpLegend,
    TooSmall,
    Conflicted,
    NotVerified,
    Verified,
    Organisation,
    Role,
    Kind,
    Address,
    Phone,
    Email,
    Website,
    Hours,
    Languages,
    Audience,
    Cost,
    Referral,
    Tags,
    Description,
    City,
    Private,
    Id,
    UnknownDomainHint,
    ContactUnknown,
    Name,
    Yes,
    No,
    NewEntry,
    WhoAreYou,
    WhoAreYouHint,
    WorkerId,
    WorkerName,
    OwnOrganisation,
    DueForCheck,
    Conflicts,
    NoConflicts,
    Version,
    ConfirmDelete,
    ConfirmDiscard,
    SyncFolder,
    ImportPath,
    ExportPath,
    Working,
    EditResolves,
}

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        use T::*;
        let (nl, en) = match self {
            AppTitle => ("wijkkaart · sociale kaart", "wijkkaart · social map"),
            SearchLabel => ("Zoek", "Search"),
            SearchHint => (
                "typ om te zoeken · #leefgebied · @wijk",
                "type to search · #domain · @area",
            ),
            Results => ("Resultaten", "Results"),
            NoResults => (
                "Niets gevonden. Minder woorden of een filter minder?",
                "Nothing found. Fewer words or one filter less?",
            ),
            Details => ("Details", "Details"),
            NothingSelected => ("Niets geselecteerd", "Nothing selected"),
            Domains => ("Leefgebieden", "Life domains"),
            DomainsHint => (
                "aantal in de huidige filters",
                "count within the current filters",
            ),
            Areas => ("Wijken", "Areas"),
            AllAreas => ("alle wijken", "all areas"),
            Help => ("Toetsen", "Keys"),
            HelpLegend => (
                "S sleutelfiguur · I initiatief · V voorziening\n! conflict · ? niet geverifieerd",
                "K key figure · I initiative · S service\n! conflict · ? not verified",
            ),
            TooSmall => (
                "Venster te klein (minimaal 60x15)",
                "Window too small (at least 60x15)",
            ),
            Conflicted => (
                "conflict: twee versies, nog niet opgelost",
                "conflict: two versions, not yet resolved",
            ),
            NotVerified => ("niet geverifieerd", "not verified"),
            Verified => ("Geverifieerd", "Verified"),
            Organisation => ("Organisatie", "Organisation"),
            Role => ("Rol", "Role"),
            Kind => ("Soort", "Kind"),
            Address => ("Adres", "Address"),
            Phone => ("Telefoon", "Phone"),
            Email => ("E-mail", "E-mail"),
            Website => ("Website", "Website"),
            Hours => ("Open", "Hours"),
            Languages => ("Talen", "Languages"),
            Audience => ("Voor wie", "For whom"),
            Cost => ("Kosten", "Cost"),
            Referral => ("Toegang", "How to get in"),
            Tags => ("Trefwoorden", "Tags"),
            Description => ("Omschrijving", "Description"),
            City => ("Plaats", "City"),
            Private => (
                "privé: alleen op deze laptop",
                "private: on this laptop only",
            ),
            Id => ("Id", "Id"),
            UnknownDomainHint => ("onbekend leefgebied", "unknown life domain"),
            ContactUnknown => ("contactgegevens onbekend", "contact details unknown"),
            Name => ("naam", "name"),
            Yes => ("ja", "yes"),
            No => ("nee", "no"),
            NewEntry => ("Nieuwe vermelding", "New entry"),
            WhoAreYou => ("Wie ben je?", "Who are you?"),
            WhoAreYouHint => (
                "Je wijzigingen dragen je id, zodat collega's zien van wie ze komen.",
                "Your edits carry your id, so colleagues see whose they are.",
            ),
            WorkerId => ("Korte id (a-z)", "Short id (a-z)"),
            WorkerName => ("Naam", "Name"),
            OwnOrganisation => ("eigen organisatie", "own organisation"),
            DueForCheck => ("te controleren", "due for a check"),
            Conflicts => ("Conflicten", "Conflicts"),
            NoConflicts => (
                "Geen conflicten: alles is bijgewerkt.",
                "No conflicts: everything is up to date.",
            ),
            Version => ("Versie", "Version"),
            ConfirmDelete => (
                "verwijderen? Bij het delen verdwijnt het ook bij collega's. (j/n)",
                "delete? When shared it goes for colleagues too. (y/n)",
            ),
            ConfirmDiscard => (
                "Wijzigingen weggooien? (j/n)",
                "Throw away your changes? (y/n)",
            ),
            SyncFolder => ("Gedeelde map", "Shared folder"),
            ImportPath => (
                "Bestand of map om te importeren",
                "File or folder to import",
            ),
            ExportPath => ("Exporteren naar bestand", "Export to file"),
            Working => ("Bezig", "Working"),
            EditResolves => (
                "! conflict: opslaan maakt hiervan de nieuwe versie voor iedereen",
                "! conflict: saving makes this the new version for everyone",
            ),
        };
        lang.pick(nl, en)
    }
}

/// "verified 14 months ago", or "verified today".
pub fn verified_ago(months: i64, days: i64, lang: Lang) -> String {
    match (lang, months, days) {
        (Lang::Nl, _, 0) => "vandaag geverifieerd".into(),
        (Lang::En, _, 0) => "verified today".into(),
        (Lang::Nl, 0, 1) => "gisteren geverifieerd".into(),
        (Lang::En, 0, 1) => "verified yesterday".into(),
        (Lang::Nl, 0, d) => format!("{d} dagen geleden geverifieerd"),
        (Lang::En, 0, d) => format!("verified {d} days ago"),
        (Lang::Nl, 1, _) => "1 maand geleden geverifieerd".into(),
        (Lang::En, 1, _) => "verified 1 month ago".into(),
        (Lang::Nl, m, _) => format!("{m} maanden geleden geverifieerd"),
        (Lang::En, m, _) => format!("verified {m} months ago"),
    }
}

pub fn result_count(shown: usize, total: usize, lang: Lang) -> String {
    lang.pick(
        format!("{shown} van {total}"),
        format!("{shown} of {total}"),
    )
}

/// The message of a problem in a file (without the place).
pub fn problem_message(kind: &ProblemKind, lang: Lang) -> String {
    use ProblemKind::*;
    match kind {
        Syntax(detail) => lang.pick(
            format!("geen geldige TOML: {detail}"),
            format!("not valid TOML: {detail}"),
        ),
        Unreadable(detail) => lang.pick(
            format!("kan het bestand niet lezen: {detail}"),
            format!("cannot read the file: {detail}"),
        ),
        NotUtf8 => lang
            .pick(
                "het bestand is geen UTF-8-tekst",
                "the file is not UTF-8 text",
            )
            .into(),
        MissingMap => lang
            .pick(
                "[map] met format = 1 ontbreekt",
                "[map] with format = 1 is missing",
            )
            .into(),
        MissingFormat => lang
            .pick(
                "format = 1 ontbreekt in [map]",
                "format = 1 is missing in [map]",
            )
            .into(),
        FormatTooNew(n) => lang.pick(
            format!(
                "formaat {n} is nieuwer dan deze wijkkaart kan lezen (tot 1); werk wijkkaart bij"
            ),
            format!("format {n} is newer than this wijkkaart reads (up to 1); update wijkkaart"),
        ),
        BadFormat => lang.pick("format moet 1 zijn", "format must be 1").into(),
        UnknownKey(key) => lang.pick(
            format!("onbekende sleutel '{key}' (tikfout?)"),
            format!("unknown key '{key}' (a typo?)"),
        ),
        MissingKey(key) => lang.pick(format!("'{key}' ontbreekt"), format!("'{key}' is missing")),
        WrongType { key, expected } => {
            let what = match expected {
                Expected::Text => lang.pick("tekst tussen aanhalingstekens", "text in quotes"),
                Expected::TextList => lang.pick(
                    "een lijst van teksten, zoals [\"a\", \"b\"]",
                    "a list of texts, like [\"a\", \"b\"]",
                ),
                Expected::Boolean => lang.pick("true of false", "true or false"),
                Expected::Integer => lang.pick("een geheel getal", "a whole number"),
                Expected::Table => lang.pick("een tabel", "a table"),
                Expected::TableList => lang.pick("[[entry]]-blokken", "[[entry]] blocks"),
            };
            lang.pick(
                format!("'{key}' moet {what} zijn"),
                format!("'{key}' must be {what}"),
            )
        }
        EmptyName => lang.pick("de naam is leeg", "the name is empty").into(),
        BadId(id) => lang.pick(
            format!("id '{id}' mag alleen a-z, 0-9 en - bevatten (1 tot 64 tekens)"),
            format!("id '{id}' may only hold a-z, 0-9 and - (1 to 64 characters)"),
        ),
        DuplicateId { id, first_line } => lang.pick(
            format!("id '{id}' staat al op regel {first_line}"),
            format!("id '{id}' is already used on line {first_line}"),
        ),
        UnknownKind(kind) => lang.pick(
            format!("onbekende soort '{kind}': key-figure, initiative of service"),
            format!("unknown kind '{kind}': key-figure, initiative or service"),
        ),
        UnknownDomain(d) => {
            let ids: Vec<&str> = LifeDomain::ALL.iter().map(|d| d.id()).collect();
            lang.pick(
                format!("onbekend leefgebied '{d}'; bekend zijn: {}", ids.join(", ")),
                format!("unknown life domain '{d}'; known are: {}", ids.join(", ")),
            )
        }
        NoDomains => lang
            .pick(
                "minstens één leefgebied nodig",
                "at least one life domain is needed",
            )
            .into(),
        BadDate(raw) => lang.pick(
            format!("'{raw}' is geen datum als 2026-10-01"),
            format!("'{raw}' is not a date like 2026-10-01"),
        ),
        BadTime(raw) => lang.pick(
            format!("'{raw}' is geen tijd als 2026-11-28T20:00:00Z"),
            format!("'{raw}' is not a time like 2026-11-28T20:00:00Z"),
        ),
        BadWorkerId(id) => lang.pick(
            format!("medewerker-id '{id}' mag alleen a-z, 0-9 en - bevatten"),
            format!("worker id '{id}' may only hold a-z, 0-9 and -"),
        ),
        BadCounter => lang
            .pick(
                "een teller in clock moet een geheel getal van 0 of meer zijn",
                "a clock counter must be a whole number of 0 or more",
            )
            .into(),
    }
}

/// The message for a data-dir problem, with what the user can do about it.
pub fn store_error(e: &StoreError, lang: Lang) -> String {
    match e {
        StoreError::Locked(dir) => lang.pick(
            format!(
                "wijkkaart is al open op {} (in een ander venster?); sluit die eerst",
                dir.display()
            ),
            format!(
                "wijkkaart is already open on {} (in another window?); close it first",
                dir.display()
            ),
        ),
        StoreError::Io { source, .. } if crate::store::is_disk_full(source) => {
            store_problem(e, lang)
        }
        StoreError::Io { path, source } => lang.pick(
            format!(
                "kan de gegevensmap {} niet gebruiken: {source}",
                path.display()
            ),
            format!("cannot use the data dir {}: {source}", path.display()),
        ),
        StoreError::Db(_)
        | StoreError::Corrupt(_)
        | StoreError::Damaged(_)
        | StoreError::NoBackup(_)
        | StoreError::Backup { .. } => store_problem(e, lang),
        StoreError::Newer(id) => lang.pick(
            format!(
                "vermelding '{id}' is door een nieuwere wijkkaart geschreven; werk wijkkaart bij"
            ),
            format!("entry '{id}' was written by a newer wijkkaart; update wijkkaart"),
        ),
    }
}

pub fn unknown_id(id: &str, lang: Lang) -> String {
    lang.pick(format!("onbekende id '{id}'"), format!("unknown id '{id}'"))
}

pub fn unknown_domain_arg(d: &str, lang: Lang) -> String {
    problem_message(&ProblemKind::UnknownDomain(d.to_string()), lang)
}

pub fn unknown_kind_arg(k: &str, lang: Lang) -> String {
    problem_message(&ProblemKind::UnknownKind(k.to_string()), lang)
}

pub fn no_toml_files(path: &str, lang: Lang) -> String {
    lang.pick(
        format!("{path}: geen .toml-bestanden gevonden"),
        format!("{path}: no .toml files found"),
    )
}

pub fn nothing_imported(errors: usize, lang: Lang) -> String {
    lang.pick(
        format!("{errors} fout(en): er is niets geïmporteerd"),
        format!("{errors} error(s): nothing was imported"),
    )
}

pub fn write_failed(path: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("kan {path} niet schrijven: {detail}"),
        format!("cannot write {path}: {detail}"),
    )
}

pub fn no_data_dir(lang: Lang) -> String {
    lang.pick(
        "kan geen standaard gegevensmap vinden; geef --data-dir op",
        "cannot find a default data dir; pass --data-dir",
    )
    .into()
}

/// The import summary line.
pub fn summary(s: &crate::map::merge::Summary, lang: Lang) -> String {
    lang.pick(
        format!(
            "{} nieuw, {} bijgewerkt, {} ongewijzigd, {} verwijderd, {} conflicten",
            s.added, s.updated, s.unchanged, s.deleted, s.conflicts
        ),
        format!(
            "{} added, {} updated, {} unchanged, {} deleted, {} conflicts",
            s.added, s.updated, s.unchanged, s.deleted, s.conflicts
        ),
    )
}

pub fn files_checked(n: usize, lang: Lang) -> String {
    lang.pick(
        format!("{n} bestand(en) in orde"),
        format!("{n} file(s) ok"),
    )
}

pub fn terminal_error(detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("terminalfout: {detail}"),
        format!("terminal error: {detail}"),
    )
}

/// What an action does, as the status line and help overlay say it.
pub fn action_label(action: crate::tui::action::Action, lang: Lang) -> &'static str {
    use crate::tui::action::Action::*;
    let (nl, en) = match action {
        Quit => ("afsluiten", "quit"),
        ForceQuit => ("afsluiten, overal", "quit, from anywhere"),
        Back => ("terug", "back"),
        Type(_) => ("typen", "type"),
        DeleteChar => ("teken wissen", "delete a character"),
        ClearQuery => ("zoekregel leegmaken", "clear the search line"),
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
    };
    lang.pick(nl, en)
}

/// A shorter word for the status line, where space is tight.
pub fn action_short_label(action: crate::tui::action::Action, lang: Lang) -> &'static str {
    use crate::tui::action::Action::*;
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
        AddNote => ("notitie", "note"),
        Propose => ("voorstel", "propose"),
        OpenInterventions => ("interventies", "interventions"),
        Approve => ("goedkeuren", "approve"),
        Reject => ("afwijzen", "reject"),
        RequestReview => ("toetsing", "review"),
        ShowSlip => ("briefje", "slip"),
        Score(_) => ("score", "score"),
        other => return action_label(other, lang),
    };
    lang.pick(nl, en)
}

/// The heading of a group of keys in the help overlay.
pub fn context_label(context: crate::tui::keymap::Context, lang: Lang) -> &'static str {
    use crate::tui::keymap::Context::*;
    let (nl, en) = match context {
        Everywhere => ("Overal", "Everywhere"),
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
    };
    lang.pick(nl, en)
}

pub fn space_key(lang: Lang) -> &'static str {
    lang.pick("spatie", "space")
}

/// The labelled contact and referral fields of an entry that have a value,
/// in the order the details show them.
pub fn entry_fields(e: &crate::map::entry::Entry, lang: Lang) -> Vec<(T, String)> {
    let domains: Vec<&str> = e.domains.iter().map(|d| domain_label(*d, lang)).collect();
    let address = [e.address.as_str(), e.postcode.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    [
        (T::Domains, domains.join(", ")),
        (T::Areas, e.areas.join(", ")),
        (T::City, e.city.clone()),
        (T::Address, address),
        (T::Phone, e.phone.clone()),
        (T::Email, e.email.clone()),
        (T::Website, e.website.clone()),
        (T::Hours, e.hours.clone()),
        (T::Languages, e.languages.join(", ")),
        (T::Cost, e.cost.clone()),
        (T::Referral, e.referral.clone()),
        (T::Audience, e.audience.clone()),
        (T::Tags, e.tags.join(", ")),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .collect()
}

/// Messages about editing, identity, sharing and conflicts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Say {
    NoIdentity,
    BadWorkerId(String),
    EmptyWorkerName,
    IdentitySet { name: String, id: String },
    Saved(String),
    Deleted(String),
    Verified(String),
    InConflict(String),
    NotInConflict(String),
    NoSuchVersion { id: String, count: usize },
    SetNeedsEquals(String),
    CannotSet(String),
    Written(String),
    Skipped(usize),
    Ignored(usize),
    NoConflicts,
    Progress { done: usize, total: usize },
    Undone(String),
    NothingToUndo,
    Exported { count: usize, path: String },
    EnrolHint(String),
}

pub fn say(s: &Say, lang: Lang) -> String {
    use Say::*;
    match s {
        NoIdentity => lang.pick(
            "stel eerst in wie je bent: wijkkaart init --id ID --name NAAM [--org ORGANISATIE]",
            "first say who you are: wijkkaart init --id ID --name NAME [--org ORGANISATION]",
        )
        .into(),
        BadWorkerId(id) => problem_message(&ProblemKind::BadWorkerId(id.clone()), lang),
        EmptyWorkerName => lang.pick("je naam is nodig", "your name is needed").into(),
        IdentitySet { name, id } => lang.pick(
            format!("je werkt nu als {name} ({id})"),
            format!("you now work as {name} ({id})"),
        ),
        Saved(id) => lang.pick(format!("opgeslagen: {id}"), format!("saved: {id}")),
        Deleted(id) => lang.pick(format!("verwijderd: {id}"), format!("deleted: {id}")),
        Verified(id) => lang.pick(
            format!("vandaag gecontroleerd: {id}"),
            format!("checked today: {id}"),
        ),
        InConflict(id) => lang.pick(
            format!("'{id}' heeft een conflict; los het eerst op (wijkkaart conflicts, wijkkaart resolve)"),
            format!("'{id}' is in conflict; resolve it first (wijkkaart conflicts, wijkkaart resolve)"),
        ),
        NotInConflict(id) => lang.pick(format!("'{id}' heeft geen conflict"), format!("'{id}' is not in conflict")),
        NoSuchVersion { id, count } => lang.pick(
            format!("'{id}' heeft versie 1 tot {count}"),
            format!("'{id}' has versions 1 to {count}"),
        ),
        SetNeedsEquals(arg) => lang.pick(
            format!("--set '{arg}': schrijf SLEUTEL=WAARDE, bijvoorbeeld --set phone=070-1234567"),
            format!("--set '{arg}': write KEY=VALUE, for example --set phone=070-1234567"),
        ),
        CannotSet(key) => lang.pick(
            format!("'{key}' kun je niet zelf zetten"),
            format!("'{key}' cannot be set by hand"),
        ),
        Written(path) => lang.pick(format!("geschreven: {path}"), format!("written: {path}")),
        Skipped(n) => lang.pick(
            format!("{n} bestand(en) overgeslagen vanwege fouten"),
            format!("{n} file(s) skipped because of errors"),
        ),
        Ignored(n) => lang.pick(
            format!("{n} ander(e) bestand(en) in de map genegeerd"),
            format!("{n} other file(s) in the folder ignored"),
        ),
        NoConflicts => lang.pick("geen conflicten", "no conflicts").into(),
        Progress { done, total } => lang.pick(
            format!("bezig: {done} van {total}"),
            format!("working: {done} of {total}"),
        ),
        Undone(id) => lang.pick(format!("ongedaan gemaakt: {id}"), format!("undone: {id}")),
        NothingToUndo => lang.pick("niets om ongedaan te maken", "nothing to undo").into(),
        EnrolHint(id) => lang.pick(
            format!("voor casussen stel je ook een wachtwoordzin in: wijkkaart worker add --id {id} --name NAAM"),
            format!("for case work also set a passphrase: wijkkaart worker add --id {id} --name NAME"),
        ),
        Exported { count, path } => lang.pick(
            format!("{count} vermeldingen geëxporteerd naar {path}"),
            format!("{count} entries exported to {path}"),
        ),
    }
}

/// The label of an editable field in the entry form.
pub fn field_label(f: crate::map::fields::Field, lang: Lang) -> &'static str {
    use crate::map::fields::Field::*;
    let text = match f {
        Name => return lang.pick("Naam", "Name"),
        Kind => T::Kind,
        Organisation => T::Organisation,
        Role => T::Role,
        Description => T::Description,
        Domains => T::Domains,
        Areas => T::Areas,
        City => T::City,
        Address => T::Address,
        Postcode => return "Postcode",
        Phone => T::Phone,
        Email => T::Email,
        Website => T::Website,
        Hours => T::Hours,
        Languages => T::Languages,
        Audience => T::Audience,
        Cost => T::Cost,
        Referral => T::Referral,
        Tags => T::Tags,
        Private => return lang.pick("Privé", "Private"),
        Verified => T::Verified,
        VerifiedBy => return lang.pick("Gecontroleerd door", "Verified by"),
    };
    text.get(lang)
}

pub fn export_note(count: usize, lang: Lang) -> String {
    lang.pick(
        format!("{count} vermeldingen (privé blijft hier) · Enter exporteert, Esc annuleert"),
        format!("{count} entries (private ones stay here) · Enter exports, Esc cancels"),
    )
}

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

pub fn bad_date_arg(text: &str, lang: Lang) -> String {
    problem_message(&ProblemKind::BadDate(text.to_string()), lang)
}

/// `path:line:column: message`, as `check`, `import` and `sync` report a problem.
pub fn file_problem_line(p: &crate::map::file::FileProblem, lang: Lang) -> String {
    format!(
        "{}:{}:{}: {}",
        p.path.display(),
        p.problem.line,
        p.problem.column,
        problem_message(&p.problem.kind, lang)
    )
}

// --- store texts (issue 8) ---

/// Advice for an operating-system error when writing: what the worker can do.
fn io_advice(e: &std::io::Error, lang: Lang) -> String {
    if crate::store::is_disk_full(e) {
        lang.pick(
            "de schijf is vol; maak ruimte vrij en probeer het opnieuw",
            "the disk is full; free space and try again",
        )
        .into()
    } else if e.kind() == std::io::ErrorKind::PermissionDenied {
        lang.pick(
            "geen toestemming; kies een map waarin u mag schrijven",
            "permission denied; choose a folder you may write in",
        )
        .into()
    } else {
        lang.pick(
            format!("{e}; controleer de schijf en probeer het opnieuw"),
            format!("{e}; check the disk and try again"),
        )
    }
}

/// Data-dir problems that come with advice; never Rust debug text.
pub fn store_problem(e: &StoreError, lang: Lang) -> String {
    match e {
        StoreError::Db(sled::Error::Io(source)) | StoreError::Io { source, .. } => lang.pick(
            format!("kan de database niet schrijven: {}", io_advice(source, lang)),
            format!("cannot write the database: {}", io_advice(source, lang)),
        ),
        StoreError::Db(_) => lang.pick(
            "de database is beschadigd; 'wijkkaart doctor' herstelt hem uit een back-up",
            "the database is damaged; 'wijkkaart doctor' restores it from a backup",
        )
        .into(),
        StoreError::Corrupt(id) => lang.pick(
            format!(
                "vermelding '{id}' in de database is onleesbaar; 'wijkkaart doctor' zet hem terug uit een back-up"
            ),
            format!(
                "entry '{id}' in the database cannot be read; 'wijkkaart doctor' puts it back from a backup"
            ),
        ),
        StoreError::Damaged(path) => lang.pick(
            format!(
                "de database in {} is beschadigd en er is geen goede back-up; zet er een terug met 'wijkkaart restore MAP'",
                path.display()
            ),
            format!(
                "the database in {} is damaged and there is no good backup; put one back with 'wijkkaart restore FOLDER'",
                path.display()
            ),
        ),
        StoreError::NoBackup(path) => lang.pick(
            format!(
                "geen goede back-up in {}; niets teruggezet",
                path.display()
            ),
            format!("no good backup in {}; nothing restored", path.display()),
        ),
        StoreError::Backup { path, source } => lang.pick(
            format!(
                "opgeslagen, maar de back-up in {} kon niet worden geschreven: {}",
                path.display(),
                io_advice(source, lang)
            ),
            format!(
                "saved, but the backup in {} could not be written: {}",
                path.display(),
                io_advice(source, lang)
            ),
        ),
        other => store_error(other, lang),
    }
}

/// A file that could not be written (export, backup --to), with advice.
pub fn file_write_failed(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    lang.pick(
        format!(
            "kan {} niet schrijven: {}; er is niets half geschreven",
            path.display(),
            io_advice(e, lang)
        ),
        format!(
            "cannot write {}: {}; nothing was half-written",
            path.display(),
            io_advice(e, lang)
        ),
    )
}

/// Standard output could not be written (a full disk behind `> file`).
pub fn stdout_failed(e: &std::io::Error, lang: Lang) -> String {
    lang.pick(
        format!("kan de uitvoer niet schrijven: {}", io_advice(e, lang)),
        format!("cannot write the output: {}", io_advice(e, lang)),
    )
}

/// Started without a terminal: what does work then.
pub fn needs_terminal(lang: Lang) -> String {
    lang.pick(
        "de interface heeft een terminal nodig; zonder terminal werken de subcommando's, zoals search, show, import, export, sync, doctor, backup en restore (zie wijkkaart --help)",
        "the interface needs a terminal; without one the subcommands work, such as search, show, import, export, sync, doctor, backup and restore (see wijkkaart --help)",
    )
    .into()
}

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// What the store did on its own while opening.
pub fn store_notice(n: &crate::store::Notice, lang: Lang) -> String {
    use crate::store::Notice;
    match n {
        Notice::Cleaned(path) => lang.pick(
            format!(
                "opgeruimd: {} (over van een onderbroken schrijfactie)",
                path.display()
            ),
            format!(
                "cleaned up: {} (left by an interrupted write)",
                path.display()
            ),
        ),
        Notice::MergeUndone => lang.pick(
            "een onderbroken import of sync is teruggedraaid; de kaart is zoals ervoor; doe hem opnieuw",
            "an interrupted import or sync was undone; the map is as before it; run it again",
        )
        .into(),
        Notice::Restored { backup, damaged } => lang.pick(
            format!(
                "de database was beschadigd; de back-up van {} is teruggezet ({} vermeldingen, {} casussen); wijzigingen daarna zijn verloren; de beschadigde kopie staat in {}",
                when(backup.taken),
                backup.entries,
                backup.cases,
                damaged.display()
            ),
            format!(
                "the database was damaged; the backup of {} was put back ({} entries, {} cases); changes after it are lost; the damaged copy is in {}",
                when(backup.taken),
                backup.entries,
                backup.cases,
                damaged.display()
            ),
        ),
    }
}

/// `backup --to`: where the backup went and what it holds.
pub fn backup_written(
    info: &crate::store::BackupInfo,
    path: &std::path::Path,
    lang: Lang,
) -> String {
    lang.pick(
        format!(
            "back-up geschreven naar {} ({} vermeldingen, {} casussen, versleuteld)",
            path.display(),
            info.entries,
            info.cases
        ),
        format!(
            "backup written to {} ({} entries, {} cases, encrypted)",
            path.display(),
            info.entries,
            info.cases
        ),
    )
}

/// `restore`: what was put back and what that lost.
pub fn restored(r: &crate::store::RestoreReport, lang: Lang) -> String {
    let kept = r.kept_as.as_deref().unwrap_or("-");
    lang.pick(
        format!(
            "back-up van {} teruggezet ({} vermeldingen, {} casussen); verloren: {} nieuwere of gewijzigde vermeldingen, {} casussen, {} logregels; de toestand ervoor is bewaard als back-up {kept}",
            when(r.backup.taken),
            r.backup.entries,
            r.backup.cases,
            r.lost_entries,
            r.lost_cases,
            r.lost_log
        ),
        format!(
            "restored the backup of {} ({} entries, {} cases); lost: {} newer or changed entries, {} cases, {} log records; the state before was kept as backup {kept}",
            when(r.backup.taken),
            r.backup.entries,
            r.backup.cases,
            r.lost_entries,
            r.lost_cases,
            r.lost_log
        ),
    )
}

/// One `doctor` finding as one line.
pub fn doctor_finding(f: &crate::store::doctor::Finding, lang: Lang) -> String {
    use crate::store::doctor::Found::*;
    let line = match &f.found {
        Opened(n) => store_notice(n, lang),
        OpenedClean => lang.pick("de database opent", "the database opens").into(),
        RecordsRead(n) => lang.pick(
            format!("{n} vermeldingen leesbaar"),
            format!("{n} entries readable"),
        ),
        RecordRestored { id, backup } => lang.pick(
            format!("vermelding '{id}' was onleesbaar; teruggezet uit back-up {backup}"),
            format!("entry '{id}' could not be read; put back from backup {backup}"),
        ),
        RecordUnreadable(id) => lang.pick(
            format!(
                "vermelding '{id}' is onleesbaar en staat in geen back-up; importeer hem opnieuw van een collega"
            ),
            format!(
                "entry '{id}' cannot be read and is in no backup; import it again from a colleague"
            ),
        ),
        IndexFresh(n) => lang.pick(
            format!("zoekindex klopt ({n} vermeldingen)"),
            format!("search index matches ({n} entries)"),
        ),
        IndexRebuilt(n) => lang.pick(
            format!("zoekindex was verouderd of beschadigd; opnieuw gebouwd ({n} vermeldingen)"),
            format!("search index was stale or damaged; rebuilt ({n} entries)"),
        ),
        NoVault => lang
            .pick(
                "geen kluis (nog geen casuswerk)",
                "no vault (no case work yet)",
            )
            .into(),
        VaultRead(n) => lang.pick(
            format!("kluis leesbaar ({n} medewerkers)"),
            format!("vault readable ({n} workers)"),
        ),
        VaultUnreadable(why) => lang.pick(
            format!(
                "kluis onleesbaar ({why}); zet een back-up terug met 'wijkkaart restore'"
            ),
            format!("vault cannot be read ({why}); put a backup back with 'wijkkaart restore'"),
        ),
        LogRecords(n) => lang.pick(
            format!(
                "logboek: {n} regels zonder gaten; de hashketen controleert 'wijkkaart log verify' (met wachtwoord)"
            ),
            format!(
                "log: {n} records without gaps; 'wijkkaart log verify' checks the hash chain (with a passphrase)"
            ),
        ),
        LogGap(n) => lang.pick(
            format!("logboek: regel {n} ontbreekt; zet een back-up terug met 'wijkkaart restore'"),
            format!("log: record {n} is missing; put a backup back with 'wijkkaart restore'"),
        ),
        Backups { count, newest } => lang.pick(
            format!("{count} goede back-ups, de nieuwste {newest}"),
            format!("{count} good backups, the newest {newest}"),
        ),
        BackupTaken(name) => lang.pick(
            format!("er was geen goede back-up; nu gemaakt: {name}"),
            format!("there was no good backup; taken now: {name}"),
        ),
        BackupRemoved(name) => lang.pick(
            format!("back-up {name} was beschadigd; verwijderd"),
            format!("backup {name} was damaged; removed"),
        ),
        BackupDamaged(name) => lang.pick(
            format!(
                "back-up {name} is beschadigd; maak ruimte vrij en draai 'wijkkaart doctor' opnieuw"
            ),
            format!("backup {name} is damaged; free space and run 'wijkkaart doctor' again"),
        ),
    };
    format!("{}: {line}", f.part.id())
}

/// A command stopped on an internal error (a panic in the database library).
pub fn stopped(disk_full: bool, lang: Lang) -> String {
    if disk_full {
        lang.pick(
            "gestopt: de schijf is vol; maak ruimte vrij en probeer het opnieuw (wat als opgeslagen gemeld was, blijft bewaard)",
            "stopped: the disk is full; free space and try again (what was reported saved stays saved)",
        )
        .into()
    } else {
        lang.pick(
            "gestopt door een interne fout; wat als opgeslagen gemeld was, blijft bewaard; draai 'wijkkaart doctor'",
            "stopped on an internal error; what was reported saved stays saved; run 'wijkkaart doctor'",
        )
        .into()
    }
}
