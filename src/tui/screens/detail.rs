//! An entry in full: everything a worker needs to refer a client.

use super::search::marked;
use crate::map::search::Doc;
use crate::text::{self, T};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

#[derive(Debug, Default)]
pub struct DetailState {
    pub scroll: u16,
}

impl DetailState {
    pub fn update(&mut self, action: Action) -> Effect {
        self.scroll = match action {
            Action::Back => return Effect::Pop,
            Action::Refer
            | Action::EditEntry
            | Action::DeleteEntry
            | Action::VerifyEntry
            | Action::Copy(_)
            | Action::OpenWebsite => {
                return Effect::App(action);
            }
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            Action::PageUp => self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll.saturating_add(10),
            Action::Home => 0,
            _ => self.scroll,
        };
        Effect::None
    }
}

pub fn draw(app: &App, state: &DetailState, frame: &mut Frame, area: Rect) {
    let Some(doc) = app.selected() else { return };
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", doc.entry.name),
        app.shared.theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let paragraph = Paragraph::new(lines(app, doc))
        .wrap(Wrap { trim: false })
        .scroll((state.scroll, 0));
    frame.render_widget(paragraph, inner);
}

/// The lines of an entry, for the side pane and the full screen alike.
pub fn lines<'a>(app: &App, doc: &'a Doc) -> Vec<Line<'a>> {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let e = &doc.entry;
    let h = &app.search.highlighter;
    let heading = theme.heading();
    let name = marked(&e.name, h, heading, heading.patch(theme.matched()));
    let mut out = vec![Line::from(name)];
    let mut kind = e.kind.label(lang).to_string();
    for part in [&e.role, &e.organisation] {
        if !part.is_empty() {
            kind.push_str(" · ");
            kind.push_str(part);
        }
    }
    let kind_spans = marked(&kind, h, Style::new(), theme.matched());
    out.push(Line::from(
        kind_spans.into_iter().map(owned).collect::<Vec<_>>(),
    ));
    if doc.conflicted {
        out.push(Line::styled(
            format!("! {}", T::Conflicted.get(lang)),
            theme.warning(),
        ));
    }
    let verified = match e.verified {
        Some(date) => {
            let (months, days) = age(date, app.shared.today);
            let by = if e.verified_by.is_empty() {
                String::new()
            } else {
                format!(", {}", e.verified_by)
            };
            let line = format!("{} ({date}{by})", text::verified_ago(months, days, lang));
            if e.is_stale(app.shared.today) {
                Line::styled(
                    format!("? {line} · {}", T::DueForCheck.get(lang)),
                    theme.warning(),
                )
            } else {
                Line::raw(format!("✓ {line}"))
            }
        }
        None => Line::styled(format!("? {}", T::NotVerified.get(lang)), theme.warning()),
    };
    out.push(verified);
    if app.shared.worker.as_ref().is_some_and(|w| w.is_own(e)) {
        out.push(Line::styled(
            format!("● {}", T::OwnOrganisation.get(lang)),
            theme.label(),
        ));
    }
    if e.private {
        out.push(Line::styled(T::Private.get(lang), theme.warning()));
    }
    out.push(Line::raw(""));
    for (label, value) in text::entry_fields(e, lang) {
        let mut spans = vec![Span::styled(format!("{label}: "), theme.label())];
        let value = marked(&value, h, Style::new(), theme.matched());
        spans.extend(value.into_iter().map(owned));
        out.push(Line::from(spans));
    }
    if [&e.phone, &e.email, &e.website, &e.address]
        .iter()
        .all(|s| s.is_empty())
    {
        out.push(Line::styled(T::ContactUnknown.get(lang), theme.dim()));
    }
    if !e.description.is_empty() {
        out.push(Line::raw(""));
        out.extend(
            e.description
                .lines()
                .map(|l| Line::from(marked(l, h, Style::new(), theme.matched()))),
        );
    }
    out
}

/// A span that owns its text, for words made while drawing.
fn owned<'b>(span: Span<'_>) -> Span<'b> {
    Span::styled(span.content.into_owned(), span.style)
}

/// Whole months and days from `date` to `today` (zero when in the future).
pub fn age(date: NaiveDate, today: NaiveDate) -> (i64, i64) {
    let days = (today - date).num_days().max(0);
    let mut months = i64::from(today.year() - date.year()) * 12 + i64::from(today.month())
        - i64::from(date.month());
    if today.day() < date.day() {
        months -= 1;
    }
    (months.max(0), days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn age_in_months_counts_whole_months() {
        assert_eq!(age(d(2025, 9, 29), d(2026, 11, 29)).0, 14);
        assert_eq!(age(d(2025, 9, 30), d(2026, 11, 29)).0, 13);
        assert_eq!(age(d(2026, 11, 29), d(2026, 11, 29)), (0, 0));
        assert_eq!(age(d(2026, 11, 20), d(2026, 11, 29)), (0, 9));
        assert_eq!(age(d(2027, 1, 1), d(2026, 11, 29)), (0, 0));
    }
}
