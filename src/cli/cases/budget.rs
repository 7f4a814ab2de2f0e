//! `wijkkaart budget`: the emergency budget's limit, and this year's approved
//! and spent totals.

use super::{Auth, Passphrases, cents, fail, open_book, unlock_with};
use crate::cases::book::CaseError;
use crate::cases::model::euros;
use crate::cli::{Context, Failure, print};
use crate::text::C;
use clap::Args;

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// A new limit in euros (with a worker of another organisation: --with).
    #[arg(long)]
    pub set: Option<String>,
    /// The second worker of a new limit; their passphrase follows the first.
    #[arg(long = "with", value_name = "WORKER")]
    pub with: Option<String>,
    #[command(flatten)]
    pub auth: Auth,
}

pub fn run(args: BudgetArgs, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let book = open_book(&store, lang)?;
    let limit = args.set.as_deref().map(|v| cents(v, lang)).transpose()?;
    if limit.is_some() && args.with.is_none() {
        return Err(fail(&CaseError::PolicyAlone, lang));
    }
    let mut passes = Passphrases::new(&args.auth, lang);
    let s = unlock_with(&book, &store, &args.auth, &mut passes, ctx)?;
    if let (Some(limit), Some(with)) = (limit, args.with) {
        let second = Auth {
            as_worker: Some(with),
            passphrase_stdin: args.auth.passphrase_stdin,
        };
        let w = unlock_with(&book, &store, &second, &mut passes, ctx)?;
        book.set_budget_cents(&s, &w, limit, chrono::Utc::now())
            .map_err(|e| fail(&e, lang))?;
    }
    let totals = book
        .totals(&s, chrono::Local::now().date_naive())
        .map_err(|e| fail(&e, lang))?;
    print(&format!(
        "{}: {}\n{}: {}\n{}: {}\n",
        C::Budget.get(lang),
        euros(book.budget_cents()),
        C::ApprovedThisYear.get(lang),
        euros(totals.approved_cents),
        C::SpentThisYear.get(lang),
        euros(totals.spent_cents)
    ));
    Ok(())
}
