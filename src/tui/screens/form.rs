//! The entry form (new and edit) with a life-domain picker, and the first-run
//! identity form. Validation speaks as the file format does, inline.

use crate::map::domain::{Kind, LifeDomain};
use crate::map::edit::Worker;
use crate::map::entry::Entry;
use crate::map::fields::{self, Field, Shape};
use crate::map::file::ProblemKind;
use crate::text::{self, Lang, T, field_label, problem_message};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::screens::ListCursor;
use crate::tui::screens::Popup;
use crate::tui::screens::confirm::Confirm;
use crate::tui::textfield::TextField;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};

/// The fields the form shows, in order (verification has its own key).
pub const FORM_FIELDS: [Field; 20] = [
    Field::Name,
    Field::Kind,
    Field::Domains,
    Field::Organisation,
    Field::Role,
    Field::Description,
    Field::Areas,
    Field::City,
    Field::Address,
    Field::Postcode,
    Field::Phone,
    Field::Email,
    Field::Website,
    Field::Hours,
    Field::Languages,
    Field::Audience,
    Field::Cost,
    Field::Referral,
    Field::Tags,
    Field::Private,
];

/// An entry being written: the original (for edits) and the draft.
#[derive(Debug)]
pub struct FormState {
    /// The content the form started from; `None` for a new entry.
    pub original: Option<Entry>,
    pub draft: Entry,
    /// One text field per text-shaped form field, in [`FORM_FIELDS`] order.
    texts: Vec<TextField>,
    pub focus: usize,
    /// The domain picker, when open, with its cursor.
    pub picker: Option<ListCursor>,
    private_touched: bool,
    /// Problems found when saving was tried, per field.
    pub problems: Vec<(Field, ProblemKind)>,
}

impl FormState {
    pub fn new_entry() -> FormState {
        FormState::from(None, Entry::default())
    }

    /// The values a field holds beside its first while in conflict, as the
    /// conflicts screen shows them; `None` for a field not in conflict.
    pub fn other_values(&self, field: Field, lang: crate::text::Lang) -> Option<String> {
        let original = self.original.as_ref()?;
        if !original.field_in_conflict(field) {
            return None;
        }
        let shown: Vec<String> = original
            .conflicts
            .get(field.key())?
            .iter()
            .map(|w| super::conflicts::shown(field.key(), w, lang))
            .collect();
        Some(shown.join(" | "))
    }

    pub fn edit(entry: &Entry) -> FormState {
        FormState::from(Some(entry.clone()), entry.clone())
    }

    fn from(original: Option<Entry>, draft: Entry) -> FormState {
        let texts = FORM_FIELDS
            .iter()
            .map(|f| TextField::new(&f.get(&draft)))
            .collect();
        FormState {
            original,
            draft,
            texts,
            focus: 0,
            picker: None,
            private_touched: false,
            problems: Vec::new(),
        }
    }

    pub fn field(&self) -> Field {
        FORM_FIELDS[self.focus]
    }

    /// The entry as the form now says it, with every text field applied.
    /// Problems are collected per field; the rest of the entry still builds.
    pub fn entry(&self) -> (Entry, Vec<(Field, ProblemKind)>) {
        let mut entry = self.draft.clone();
        let mut problems = Vec::new();
        for (field, text) in FORM_FIELDS.iter().zip(&self.texts) {
            if matches!(field.shape(), Shape::Text | Shape::List)
                && let Err(p) = field.set(&mut entry, text.text())
            {
                problems.push((*field, p));
            }
        }
        for (field, problem) in fields::problems(&entry) {
            if !problems.iter().any(|(f, _)| *f == field) {
                problems.push((field, problem));
            }
        }
        (entry, problems)
    }

    /// True when leaving would lose something typed.
    pub fn is_dirty(&self) -> bool {
        let (entry, _) = self.entry();
        match &self.original {
            Some(original) => entry != *original,
            None => entry != Entry::default(),
        }
    }

    fn text_mut(&mut self) -> Option<&mut TextField> {
        matches!(self.field().shape(), Shape::Text | Shape::List)
            .then(|| &mut self.texts[self.focus])
    }

    /// Applies an editing action; saving is the app's to do.
    pub fn update(&mut self, action: Action) -> Effect {
        if self.picker.is_none() {
            match action {
                Action::Save => return Effect::App(Action::Save),
                Action::Back if self.is_dirty() => {
                    return Effect::Show(Popup::Confirm(Confirm::Discard));
                }
                Action::Back => return Effect::Pop,
                _ => {}
            }
        }
        self.apply(action);
        Effect::None
    }

    fn apply(&mut self, action: Action) {
        if let Some(picker) = &mut self.picker {
            match action {
                Action::Up => picker.step(-1, LifeDomain::ALL.len()),
                Action::Down => picker.step(1, LifeDomain::ALL.len()),
                Action::Toggle | Action::Type(' ') => {
                    let d = LifeDomain::ALL[picker.selected];
                    match self.draft.domains.iter().position(|x| *x == d) {
                        Some(i) => {
                            self.draft.domains.remove(i);
                        }
                        None => self.draft.domains.push(d),
                    }
                }
                Action::Back => self.picker = None,
                _ => {}
            }
            return;
        }
        let last = FORM_FIELDS.len() - 1;
        match action {
            Action::NextField => self.focus = (self.focus + 1).min(last),
            Action::PrevField => self.focus = self.focus.saturating_sub(1),
            Action::Open | Action::Toggle => match self.field().shape() {
                Shape::Kind => self.cycle_kind(),
                Shape::Flag => {
                    self.draft.private = !self.draft.private;
                    self.private_touched = true;
                }
                Shape::Domains => self.picker = Some(ListCursor::default()),
                _ if action == Action::Toggle => self.type_char(' '),
                _ => self.focus = (self.focus + 1).min(last),
            },
            Action::Type(c) => self.type_char(c),
            Action::DeleteChar => self.edit_text(TextField::delete_back),
            Action::DeleteForward => self.edit_text(TextField::delete_forward),
            // The kind shows ‹ › and moves with the arrows, as it hints.
            Action::Left | Action::Right if self.field().shape() == Shape::Kind => {
                self.cycle_kind()
            }
            Action::Left => self.edit_text(TextField::left),
            Action::Right => self.edit_text(TextField::right),
            Action::Home => self.edit_text(TextField::home),
            Action::End => self.edit_text(TextField::end),
            Action::ClearField => self.edit_text(TextField::clear),
            _ => {}
        }
    }

    fn type_char(&mut self, c: char) {
        match self.text_mut() {
            Some(text) => text.insert(c),
            None if c == ' ' => {}
            None => {}
        }
        self.problems.clear();
    }

    fn edit_text(&mut self, f: fn(&mut TextField)) {
        if let Some(text) = self.text_mut() {
            f(text);
        }
    }

    fn cycle_kind(&mut self) {
        self.draft.kind = match self.draft.kind {
            Kind::KeyFigure => Kind::Initiative,
            Kind::Initiative => Kind::Service,
            Kind::Service => Kind::KeyFigure,
        };
        // A new key figure stays on this laptop unless the worker says otherwise.
        if self.original.is_none() && !self.private_touched {
            self.draft.private = self.draft.kind == Kind::KeyFigure;
        }
    }

    /// The value shown for a field.
    fn shown(&self, i: usize, lang: Lang) -> String {
        let field = FORM_FIELDS[i];
        match field.shape() {
            Shape::Kind => format!("‹ {} ›", self.draft.kind.label(lang)),
            Shape::Flag => {
                let (yes, no) = (T::Yes.get(lang), T::No.get(lang));
                format!(
                    "[{}] {}",
                    if self.draft.private { "x" } else { " " },
                    if self.draft.private { yes } else { no }
                )
            }
            Shape::Domains => {
                let labels: Vec<&str> = self.draft.domains.iter().map(|d| d.label(lang)).collect();
                if labels.is_empty() {
                    "—".into()
                } else {
                    labels.join(", ")
                }
            }
            _ => self.texts[i].text().to_string(),
        }
    }
}

/// Who is using this laptop: asked once, before the first edit.
#[derive(Debug, Default)]
pub struct IdentityForm {
    pub fields: [TextField; 3],
    pub focus: usize,
    pub error: Option<String>,
    /// What the worker was doing when asked; it continues after saving.
    pub then: Option<Action>,
}

impl IdentityForm {
    pub fn new(then: Action) -> IdentityForm {
        IdentityForm {
            then: Some(then),
            ..IdentityForm::default()
        }
    }

    pub fn update(&mut self, action: Action) -> Effect {
        let field = &mut self.fields[self.focus];
        match action {
            Action::Back => return Effect::Close,
            Action::Save => return Effect::App(Action::Save),
            Action::NextField | Action::Open => self.focus = (self.focus + 1).min(2),
            Action::PrevField => self.focus = self.focus.saturating_sub(1),
            other => {
                field.apply(other);
            }
        }
        Effect::None
    }

    /// The identity typed, or why it cannot be used.
    pub fn worker(&self) -> Result<Worker, crate::map::edit::BadWorker> {
        Worker::new(
            self.fields[0].text(),
            self.fields[1].text(),
            self.fields[2].text(),
        )
    }
}

pub fn draw(app: &App, form: &FormState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let title = match &form.original {
        Some(e) => format!(" {} ", e.name),
        None => format!(" {} ", T::NewEntry.get(lang)),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_width = 16usize;
    let rows = inner.height as usize;
    let offset = (form.focus + 1).saturating_sub(rows);
    for (row, i) in (offset..FORM_FIELDS.len()).take(rows).enumerate() {
        let field = FORM_FIELDS[i];
        let y = inner.y + row as u16;
        let line_area = Rect::new(inner.x, y, inner.width, 1);
        let focused = i == form.focus;
        let label = format!("{:<label_width$}", format!("{}:", field_label(field, lang)));
        let value_width = (inner.width as usize).saturating_sub(label_width + 1);
        let problem = form
            .problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| problem_message(p, lang));
        // Merging a conflict by hand: the field's other values stand beside
        // the one being edited, so both versions are in view.
        let others = form.other_values(field, lang);
        let value_width = match others {
            Some(_) => value_width / 2,
            None => value_width,
        };
        let (value, cursor) = if focused && matches!(field.shape(), Shape::Text | Shape::List) {
            let (shown, col) = form.texts[i].window(value_width.max(1));
            (shown, Some(col))
        } else {
            (
                form.shown(i, lang).chars().take(value_width).collect(),
                None,
            )
        };
        let marker = if focused { "›" } else { " " };
        let mut spans = vec![
            Span::styled(
                format!("{marker}{label}"),
                if focused {
                    theme.selected()
                } else {
                    theme.label()
                },
            ),
            Span::raw(value),
        ];
        if let Some(others) = others {
            let used = spans[1].content.chars().count();
            spans.push(Span::raw(" ".repeat(value_width.saturating_sub(used))));
            spans.push(Span::styled(format!(" ≠ {others}"), theme.warning()));
        }
        if let Some(problem) = problem {
            spans.push(Span::styled(format!("  ! {problem}"), theme.warning()));
        }
        frame.render_widget(Line::from(spans), line_area);
        if let Some(col) = cursor
            && app.overlay().is_none()
            && form.picker.is_none()
        {
            frame.set_cursor_position(Position::new(
                inner.x + 1 + label_width as u16 + col as u16,
                y,
            ));
        }
    }
    if let Some(picker) = &form.picker {
        draw_picker(app, form, picker, frame, area);
    }
}

fn draw_picker(app: &App, form: &FormState, picker: &ListCursor, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let [column] = area.layout(&Layout::horizontal([Constraint::Length(40)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Length(17)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let items: Vec<ListItem> = LifeDomain::ALL
        .iter()
        .map(|d| {
            let on = if form.draft.domains.contains(d) {
                "[x]"
            } else {
                "[ ]"
            };
            ListItem::new(format!("{on} {}", d.label(lang)))
        })
        .collect();
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", T::Domains.get(lang)),
        theme.title(),
    ));
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected())
        .highlight_symbol("›");
    let mut state = ListState::default().with_selected(Some(picker.selected));
    frame.render_stateful_widget(list, popup, &mut state);
}

/// The identity form, as a box over the current screen.
pub fn draw_identity(app: &App, form: &IdentityForm, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let [column] = area.layout(&Layout::horizontal([Constraint::Max(70)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Length(10)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", T::WhoAreYou.get(lang)),
        theme.title(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let labels = [T::WorkerId, T::WorkerName, T::Organisation];
    let mut lines = vec![
        Line::styled(T::WhoAreYouHint.get(lang), theme.dim()),
        Line::raw(""),
    ];
    for (i, (label, field)) in labels.iter().zip(&form.fields).enumerate() {
        let marker = if i == form.focus { "›" } else { " " };
        let style = if i == form.focus {
            theme.selected()
        } else {
            theme.label()
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{marker}{:<16}", format!("{}:", label.get(lang))),
                style,
            ),
            Span::raw(field.text().to_string()),
        ]));
    }
    if let Some(error) = &form.error {
        lines.push(Line::styled(format!("! {error}"), theme.warning()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let focused = &form.fields[form.focus];
    let x = inner.x
        + 17
        + focused
            .cursor()
            .min(inner.width.saturating_sub(18) as usize) as u16;
    frame.set_cursor_position(Position::new(x, inner.y + 2 + form.focus as u16));
}

/// Words for why an identity is refused.
pub fn identity_problem(e: crate::map::edit::BadWorker, id: &str, lang: Lang) -> String {
    match e {
        crate::map::edit::BadWorker::Id => text::say(&text::Say::BadWorkerId(id.to_string()), lang),
        crate::map::edit::BadWorker::Name => text::say(&text::Say::EmptyWorkerName, lang),
    }
}
