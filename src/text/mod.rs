//! Every word the user sees, in Dutch and English, split by the layer whose
//! values it puts into words.
//!
//! `text` sits above `map`, `cases` and `store` (it knows their types) and
//! below `cli` and `tui` (which only ask it for words). The interface's own
//! words (actions, key contexts) live in `tui::text`, next to the types they
//! name. Code elsewhere names a text ([`T`], [`C`]) or asks for the message of
//! a value ([`problem_message`], [`store_error`], ...); it never holds words of
//! its own.

mod cases;
mod cli;
mod map;
pub mod report;
mod store;
pub mod terminal;

pub use crate::lang::Lang;
pub use cases::*;
pub use cli::*;
pub use map::*;
pub use store::*;

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
    /// The row of a delete-or-keep conflict, and its two choices.
    EntryItself,
    ChoiceKeep,
    ChoiceDelete,
    /// The headings of the conflict screen's columns.
    ConflictField,
    ConflictValues,
    ConfirmDelete,
    ConfirmDiscard,
    ConfirmQuit,
    SyncFolder,
    ImportPath,
    ExportPath,
    SlipPath,
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
            EntryItself => ("De vermelding", "The entry"),
            ChoiceKeep => ("houden", "keep"),
            ChoiceDelete => ("verwijderen", "delete"),
            ConflictField => ("Veld", "Field"),
            ConflictValues => (
                "Waarden · ↑↓ kiest een veld, 1 2 3 houdt die waarde",
                "Values · ↑↓ picks a field, 1 2 3 keeps that value",
            ),
            ConfirmDelete => (
                "verwijderen? Bij het delen verdwijnt het ook bij collega's. (j/n)",
                "delete? When shared it goes for colleagues too. (y/n)",
            ),
            ConfirmQuit => (
                "Afsluiten? Wat je typte en nog niet opsloeg, gaat verloren. (j/n)",
                "Quit? What you typed and did not save will be lost. (y/n)",
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
            SlipPath => ("Verwijsbriefje bewaren als", "Save the referral slip as"),
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
