//! Words of the command line (and the messages both faces share about
//! editing, identity and sharing).

use super::problem_message;
use crate::lang::Lang;
use crate::map::file::ProblemKind;

pub fn unknown_id(id: &str, lang: Lang) -> String {
    lang.pick(format!("onbekende id '{id}'"), format!("unknown id '{id}'"))
}

pub fn terminal_error(detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("terminalfout: {detail}"),
        format!("terminal error: {detail}"),
    )
}

/// A passphrase is needed and there is no terminal to ask it on.
pub fn no_terminal_for_passphrase(lang: Lang) -> String {
    lang.pick(
        "geen terminal om de wachtwoordzin te vragen: geef hem op standaardinvoer met --passphrase-stdin",
        "no terminal to ask for the passphrase: give it on standard input with --passphrase-stdin",
    )
    .to_string()
}

/// Messages about editing, identity, sharing and conflicts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Say {
    NoIdentity,
    BadWorkerId(String),
    EmptyWorkerName,
    IdentitySet {
        name: String,
        id: String,
    },
    Saved(String),
    Deleted(String),
    Verified(String),
    InConflict(String),
    NotInConflict(String),
    NoSuchVersion {
        id: String,
        count: usize,
    },
    NothingToKeep(String),
    NoDuplicates,
    DuplicatesHint,
    /// After a sync that brought in entries: this many possible duplicates in the map.
    PossibleDuplicates(usize),
    SetNeedsEquals(String),
    CannotSet(String),
    Written(String),
    Skipped(usize),
    Ignored(usize),
    NoConflicts,
    Progress {
        done: usize,
        total: usize,
    },
    Undone(String),
    NothingToUndo,
    Exported {
        count: usize,
        path: String,
    },
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
            format!("'{id}' heeft waarde 1 tot {count}"),
            format!("'{id}' has values 1 to {count}"),
        ),
        NothingToKeep(id) => lang.pick(
            format!("'{id}': de verwijdering nam de naam of de leefgebieden mee; geef ze eerst opnieuw (wijkkaart edit {id} --set name=… --set domains=…) en houd dan de vermelding"),
            format!("'{id}': the deletion took the name or the life domains along; set them again first (wijkkaart edit {id} --set name=… --set domains=…), then keep the entry"),
        ),
        NoDuplicates => lang.pick("geen mogelijke dubbelen", "no possible duplicates").into(),
        PossibleDuplicates(n) => lang.pick(
            format!("{n} mogelijke dubbele vermelding(en) in de kaart: bekijk ze met wijkkaart duplicates"),
            format!("{n} possible duplicate(s) in the map: see them with wijkkaart duplicates"),
        ),
        DuplicatesHint => lang.pick(
            "mogelijke dubbelen (zelfde soort, bijna dezelfde naam, een gedeelde wijk): voeg ze met de hand samen (wijkkaart edit, wijkkaart delete); niets wordt vanzelf samengevoegd",
            "possible duplicates (same kind, nearly the same name, a shared area): merge them by hand (wijkkaart edit, wijkkaart delete); nothing is merged on its own",
        )
        .into(),
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
            format!("voor casussen stel je ook een wachtwoordzin in: wijkkaart worker add --id {id} --name NAAM --org ORGANISATIE"),
            format!("for case work also set a passphrase: wijkkaart worker add --id {id} --name NAME --org ORGANISATION"),
        ),
        Exported { count, path } => lang.pick(
            format!("{count} vermeldingen geëxporteerd naar {path}"),
            format!("{count} entries exported to {path}"),
        ),
    }
}

/// What was wrong with the command line, as the parser found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Usage {
    UnknownOption(String),
    BadValue {
        option: String,
        value: String,
    },
    Missing(Vec<String>),
    UnknownCommand {
        name: String,
        suggestion: Option<String>,
    },
    NoCommand,
    Conflict(String, String),
    Other,
}

/// One line about a command line that could not be read, naming the command
/// whose `--help` says how it goes.
pub fn usage_line(u: &Usage, command: &str, lang: Lang) -> String {
    let what = match u {
        Usage::UnknownOption(arg) => {
            lang.pick(format!("onbekend: '{arg}'"), format!("not known: '{arg}'"))
        }
        Usage::BadValue { option, value } => lang.pick(
            format!("'{value}' past niet bij {option}"),
            format!("'{value}' does not fit {option}"),
        ),
        Usage::Missing(args) => lang.pick(
            format!("nodig: {}", args.join(", ")),
            format!("needed: {}", args.join(", ")),
        ),
        Usage::UnknownCommand { name, suggestion } => match suggestion {
            Some(s) => lang.pick(
                format!("onbekende opdracht '{name}' (bedoel je '{s}'?)"),
                format!("unknown command '{name}' (did you mean '{s}'?)"),
            ),
            None => lang.pick(
                format!("onbekende opdracht '{name}'"),
                format!("unknown command '{name}'"),
            ),
        },
        Usage::NoCommand => lang.pick("welke opdracht?".to_string(), "which command?".to_string()),
        Usage::Conflict(a, b) => lang.pick(
            format!("{a} gaat niet samen met {b}"),
            format!("{a} cannot be used with {b}"),
        ),
        Usage::Other => lang.pick("verkeerd gebruik".to_string(), "wrong usage".to_string()),
    };
    lang.pick(
        format!("{command}: {what}; zie {command} --help"),
        format!("{command}: {what}; see {command} --help"),
    )
}
