//! `wijkkaart budget`: the emergency budget's limit, and this year's approved
//! and spent totals.

use super::{Auth, cents, fail, open_book, unlock};
use crate::cases::model::euros;
use crate::cli::{Context, Failure, print};
use crate::text::C;
use clap::Args;

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// A new limit in euros.
    #[arg(long)]
    pub set: Option<String>,
    #[command(flatten)]
    pub auth: Auth,
}

pub fn run(args: BudgetArgs, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let book = open_book(&store, lang)?;
    let limit = args.set.as_deref().map(|v| cents(v, lang)).transpose()?;
    let s = unlock(&book, &store, &args.auth, ctx)?;
    if let Some(limit) = limit {
        book.set_budget_cents(limit).map_err(|e| fail(&e, lang))?;
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
