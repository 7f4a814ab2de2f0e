//! `wijkkaart doctor`: checks the data dir, repairs what it safely can, one line per finding.

use super::{Context, Failure, print};
use crate::store::doctor::{self, Status};
use crate::text;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let findings = match crate::store::Store::open(&ctx.data_dir()?, ctx.default_map) {
        Ok(store) => doctor::run(&store).map_err(|e| ctx.store_failure(&e))?,
        // Not even open: that is the one finding, in the same shape as the others.
        Err(e) => {
            let line = text::store_error(&e, lang);
            if args.json {
                print(&format!(
                    "{}\n",
                    json!([{"check": "store", "status": "damaged", "message": line}])
                ));
                return Err(Failure::errors(Vec::new()));
            }
            return Err(Failure::error(format!("store: {line}")));
        }
    };
    let out = if args.json {
        let list: Vec<_> = findings
            .iter()
            .map(|f| {
                json!({
                    "check": f.part.id(),
                    "status": f.status.id(),
                    "message": text::doctor_finding(f, lang),
                })
            })
            .collect();
        format!("{}\n", serde_json::Value::Array(list))
    } else {
        findings
            .iter()
            .map(|f| format!("{}\n", text::doctor_finding(f, lang)))
            .collect()
    };
    print(&out);
    if findings.iter().any(|f| f.status == Status::Damaged) {
        // The lines above already say what is left; the exit code tells scripts.
        return Err(Failure::errors(Vec::new()));
    }
    Ok(())
}
