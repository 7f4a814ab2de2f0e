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
        StoreError::Io { path, source } => lang.pick(
            format!(
                "kan de gegevensmap {} niet gebruiken: {source}",
                path.display()
            ),
            format!("cannot use the data dir {}: {source}", path.display()),
        ),
        StoreError::Db(source) => {
            lang.pick(format!("database: {source}"), format!("database: {source}"))
        }
        StoreError::Corrupt(id) => lang.pick(
            format!("vermelding '{id}' in de database is onleesbaar"),
            format!("entry '{id}' in the database cannot be read"),
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
