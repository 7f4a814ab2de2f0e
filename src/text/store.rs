//! Words for problems with the data dir, each with what the user can do.

use crate::lang::Lang;
use crate::store::StoreError;

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
        StoreError::NoFolder(dir) => lang.pick(
            format!(
                "de gedeelde map {} bestaat niet of is geen map; kies een bestaande map",
                dir.display()
            ),
            format!(
                "the shared folder {} does not exist or is not a folder; pick an existing folder",
                dir.display()
            ),
        ),
        StoreError::Shared { path, source } => lang.pick(
            format!(
                "kan de gedeelde map {} niet gebruiken: {}",
                path.display(),
                io_advice(source, lang)
            ),
            format!(
                "cannot use the shared folder {}: {}",
                path.display(),
                io_advice(source, lang)
            ),
        ),
        StoreError::Newer(id) => lang.pick(
            format!(
                "vermelding '{id}' is door een nieuwere wijkkaart geschreven; werk wijkkaart bij"
            ),
            format!("entry '{id}' was written by a newer wijkkaart; update wijkkaart"),
        ),
    }
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

// What the data dir, its backups and the doctor report (issue 8).

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

/// `restore` when vault.bin was damaged or gone: only it was put back.
pub fn vault_restored(lang: Lang) -> String {
    lang.pick(
        "vault.bin is teruggezet uit de back-up (het beschadigde bestand staat ernaast als vault.bin.damaged); zet nu de casussen terug met twee medewerkers: wijkkaart restore --as MEDEWERKER --with MEDEWERKER",
        "vault.bin was put back from the backup (the damaged file is beside it as vault.bin.damaged); now restore the cases by two workers: wijkkaart restore --as WORKER --with WORKER",
    )
    .into()
}

/// What a restore by two put back of the case data.
pub struct CasesRestored {
    pub restored: usize,
    /// Cases of the backup left out: erased since, or without a key.
    pub left_out: usize,
    pub by: [String; 2],
}

/// `restore` of case data: how many cases, by whom, on record.
pub fn restored_cases(c: &CasesRestored, lang: Lang) -> String {
    let [a, b] = &c.by;
    lang.pick(
        format!(
            "{} casussen teruggezet door {a} en {b}, vastgelegd in het besluitlog (dat niet korter werd); weggelaten: {} (gewist of zonder sleutel)",
            c.restored, c.left_out
        ),
        format!(
            "{} cases restored by {a} and {b}, on record in the decision log (which was not shortened); left out: {} (erased, or without a key)",
            c.restored, c.left_out
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
