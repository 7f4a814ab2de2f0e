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
            format!("voor casussen stel je ook een wachtwoordzin in: wijkkaart worker add --id {id} --name NAAM --org ORGANISATIE"),
            format!("for case work also set a passphrase: wijkkaart worker add --id {id} --name NAME --org ORGANISATION"),
        ),
        Exported { count, path } => lang.pick(
            format!("{count} vermeldingen geëxporteerd naar {path}"),
            format!("{count} entries exported to {path}"),
        ),
    }
}
