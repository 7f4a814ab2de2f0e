//! The terminal interface: a synchronous loop of read key → action → update → draw.

pub mod action;
pub mod app;
mod casework;
mod drafts;
mod edits;
pub mod effect;
pub mod jobs;
pub mod keymap;
pub mod keys;
pub mod outbox;
pub mod screens;
pub mod text;
pub mod textfield;
pub mod theme;
pub mod view;

use crate::launch::{Context, Failure};
use crate::store::Store;
use app::App;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture};
use ratatui::crossterm::execute;
use theme::Theme;

/// Opens the data dir, then runs the interface until the user quits. The
/// terminal is restored on quit, on error and on panic.
pub fn run(ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    if std::env::var_os("WIJKKAART_FIRST_FRAME").is_some() {
        return first_frame(ctx);
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::usage(crate::text::needs_terminal(lang)));
    }
    // Problems with the data dir are reported before the screen is taken over.
    let (store, kept) = open_with_index(ctx)?;
    let today = chrono::Local::now().date_naive();
    let mut app = App::with_index(store, kept, lang, Theme::from_env(), today)
        .map_err(|e| ctx.store_failure(&e))?;

    // The mouse is the terminal's until the worker turns capture on (F9),
    // so a phone number can be selected and copied as anywhere else.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let result = ratatui::run(|terminal| {
        let result = event_loop(terminal, &mut app);
        if app.mouse {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
        }
        result
    });
    result.map_err(|e| Failure::error(crate::text::terminal_error(&e.to_string(), lang)))
}

/// For `scripts/bench-search.sh`: start as the interface does, draw the
/// first frame off screen (80x24) and stop, so that start-up time and memory
/// can be measured as a whole process without a terminal.
fn first_frame(ctx: &Context) -> Result<(), Failure> {
    let (store, kept) = open_with_index(ctx)?;
    let today = chrono::Local::now().date_naive();
    let app = App::with_index(store, kept, ctx.lang, Theme::plain(), today)
        .map_err(|e| ctx.store_failure(&e))?;
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let drawn = ratatui::Terminal::new(backend).and_then(|mut t| {
        t.draw(|frame| view::draw(&app, frame))?;
        Ok(())
    });
    drawn.map_err(|e| Failure::error(crate::text::terminal_error(&e.to_string(), ctx.lang)))?;
    // The process ends here: freeing the map piece by piece only costs time.
    std::mem::forget(app);
    Ok(())
}

/// Opens the data dir and, on the other core meanwhile, reads the kept
/// index: the two longest waits before the first frame, side by side.
fn open_with_index(
    ctx: &Context,
) -> Result<(Store, Option<(crate::map::search::Index, u64)>), Failure> {
    let dir = ctx.data_dir()?;
    std::thread::scope(|s| {
        let kept = s.spawn(|| crate::store::fresh_index_at(&dir));
        let store = ctx.open_store();
        // A read that failed (it never panics on bad input) only costs time.
        let kept = kept.join().ok().flatten();
        Ok((store?, kept))
    })
}

/// Read an event, update, run any job it asked for (drawing its progress), draw.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    while !app.quit {
        terminal.draw(|frame| view::draw(app, frame))?;
        // While no key is waiting: read what the first typo would wait for.
        if !event::poll(std::time::Duration::ZERO)? {
            app.shared.index.warm();
        }
        // Wake up now and then, so the case screens lock when left alone.
        if event::poll(std::time::Duration::from_secs(1))? {
            app.handle_event(&event::read()?);
        }
        app.lock_if_idle(std::time::Instant::now());
        for url in outbox::deliver(app.take_outgoing(), &mut std::io::stdout())? {
            outbox::browse(&url);
        }
        while let Some(job) = app.job.take() {
            let lang = app.shared.lang;
            let done = job.run(app.store(), app.shared.worker.as_ref(), |done, total| {
                let _ = terminal.draw(|frame| screens::progress::draw(frame, lang, done, total));
            });
            app.finish(done);
        }
    }
    Ok(())
}
