//! The key map as data: which key does what, where. The status line and the
//! help overlay are generated from it, so they always tell the truth.

use super::action::{Action, Contact};
use crate::text::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is; each place has its own keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Everywhere,
    /// The map's commands, shared by the search line and the result list.
    Map,
    SearchLine,
    ResultList,
    Detail,
    Domains,
    Areas,
    Help,
    /// The entry form and the first-run identity form.
    Form,
    DomainPicker,
    Confirm,
    /// A one-line question such as the shared folder's path.
    Prompt,
    Conflicts,
    Conflict,
    Cases,
    Case,
    Interventions,
    Intervention,
    /// Choosing from a filtered list (a case for a referral).
    Picker,
    /// Reading a text (the referral slip).
    Reader,
    /// The enrolled workers and the policies two of them change.
    Workers,
}

impl Context {
    /// A group of bindings this context shares with others.
    pub fn group(self) -> Option<Context> {
        match self {
            Context::SearchLine | Context::ResultList => Some(Context::Map),
            _ => None,
        }
    }

    /// Every context, in the order the help shows them.
    pub const ALL: [Context; 21] = [
        Context::Everywhere,
        Context::Map,
        Context::SearchLine,
        Context::ResultList,
        Context::Detail,
        Context::Domains,
        Context::Areas,
        Context::Form,
        Context::DomainPicker,
        Context::Confirm,
        Context::Prompt,
        Context::Conflicts,
        Context::Conflict,
        Context::Cases,
        Context::Case,
        Context::Interventions,
        Context::Intervention,
        Context::Picker,
        Context::Reader,
        Context::Workers,
        Context::Help,
    ];
}

/// A key with its modifiers (Shift is ignored for characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// Keys that do one action in one context; `status` puts it on the status line.
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub status: bool,
}

impl Binding {
    /// What the key does here, as the help says it.
    pub fn describe(&self, lang: Lang) -> &'static str {
        super::text::label_in(self.context, self.action, lang)
            .unwrap_or_else(|| self.action.describe(lang))
    }

    /// The action's short word, for the status line, where space is tight.
    pub fn describe_short(&self, lang: Lang) -> &'static str {
        self.action.describe_short(lang)
    }
}

const fn bind(context: Context, keys: &'static [Key], action: Action, status: bool) -> Binding {
    Binding {
        context,
        keys,
        action,
        status,
    }
}

use Context::*;
use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};

const UP: &[Key] = &[key(Up), ch('k')];
const DOWN: &[Key] = &[key(Down), ch('j')];
const PAGE_UP: &[Key] = &[key(PageUp)];
const PAGE_DOWN: &[Key] = &[key(PageDown)];
const HOME: &[Key] = &[key(Home), ch('g')];
const END: &[Key] = &[key(End), ch('G')];
/// Help where letters do not type; where they do, F1 alone.
const HELP: &[Key] = &[ch('?'), key(F(1))];
const HELP_TYPING: &[Key] = &[key(F(1))];

/// Every binding, in the order the help shows them.
pub static BINDINGS: &[Binding] = &[
    bind(Everywhere, &[ctrl('c')], Action::ForceQuit, false),
    bind(Everywhere, &[key(F(2))], Action::OpenCases, false),
    bind(Everywhere, &[key(F(3))], Action::OpenWaiting, false),
    bind(Everywhere, &[key(F(4))], Action::SwitchWorker, false),
    bind(Everywhere, &[ctrl('l')], Action::Lock, false),
    bind(Everywhere, &[key(F(9))], Action::ToggleMouse, false),
    // The map, in the search line and the list: commands are on Ctrl and the
    // F-keys, so that a word typed anywhere here is a search, never an act.
    bind(Map, &[ctrl('n')], Action::NewEntry, false),
    bind(Map, &[ctrl('e')], Action::EditEntry, false),
    bind(Map, &[ctrl('d')], Action::DeleteEntry, false),
    bind(Map, &[ctrl('k')], Action::VerifyEntry, false),
    bind(Map, &[ctrl('z')], Action::Undo, false),
    bind(Map, &[ctrl('r')], Action::Refer, false),
    bind(Map, &[ctrl('g')], Action::ShowDomains, false),
    bind(Map, &[ctrl('t')], Action::CycleKind, false),
    bind(Map, &[ctrl('w')], Action::PickArea, false),
    bind(Map, &[ctrl('o')], Action::ToggleStale, false),
    bind(Map, &[ctrl('x')], Action::ClearFilters, false),
    bind(Map, &[key(F(5))], Action::Sync, false),
    bind(Map, &[key(F(6))], Action::Import, false),
    bind(Map, &[key(F(7))], Action::Export, false),
    bind(Map, &[key(F(8))], Action::ShowConflicts, false),
    bind(Map, &[ctrl('q')], Action::Quit, false),
    // The search line: letters type; arrows still move through the results.
    bind(SearchLine, &[key(Enter)], Action::Open, true),
    bind(SearchLine, &[key(Up)], Action::Up, false),
    bind(SearchLine, &[key(Down)], Action::Down, true),
    bind(SearchLine, PAGE_UP, Action::PageUp, false),
    bind(SearchLine, PAGE_DOWN, Action::PageDown, false),
    bind(SearchLine, &[key(Home)], Action::Home, false),
    bind(SearchLine, &[key(End)], Action::End, false),
    bind(SearchLine, &[key(Backspace)], Action::DeleteChar, false),
    bind(SearchLine, &[ctrl('u')], Action::ClearQuery, false),
    bind(SearchLine, &[key(Tab)], Action::FocusList, true),
    bind(SearchLine, &[key(Esc)], Action::Back, true),
    bind(SearchLine, HELP_TYPING, Action::Help, true),
    // The result list: arrows move; a letter goes to the search line.
    bind(ResultList, &[key(Enter)], Action::Open, true),
    bind(ResultList, &[key(Up)], Action::Up, false),
    bind(ResultList, &[key(Down)], Action::Down, false),
    bind(ResultList, PAGE_UP, Action::PageUp, false),
    bind(ResultList, PAGE_DOWN, Action::PageDown, false),
    bind(ResultList, &[key(Home)], Action::Home, false),
    bind(ResultList, &[key(End)], Action::End, false),
    bind(ResultList, &[key(Tab)], Action::FocusSearch, true),
    bind(ResultList, &[key(Esc)], Action::Back, true),
    bind(ResultList, HELP_TYPING, Action::Help, true),
    // Full details of one entry.
    bind(Detail, UP, Action::Up, false),
    bind(Detail, DOWN, Action::Down, true),
    bind(Detail, PAGE_UP, Action::PageUp, false),
    bind(Detail, PAGE_DOWN, Action::PageDown, false),
    bind(Detail, HOME, Action::Home, false),
    bind(Detail, &[ctrl('e')], Action::EditEntry, true),
    bind(Detail, &[ctrl('d')], Action::DeleteEntry, false),
    bind(Detail, &[ctrl('k')], Action::VerifyEntry, false),
    bind(Detail, &[ctrl('r')], Action::Refer, true),
    // At the kitchen table: copying and looking up change nothing, so letters do.
    bind(Detail, &[ch('t')], Action::Copy(Contact::Phone), true),
    bind(Detail, &[ch('e')], Action::Copy(Contact::Email), false),
    bind(Detail, &[ch('a')], Action::Copy(Contact::Address), false),
    bind(Detail, &[ch('w')], Action::Copy(Contact::Website), false),
    bind(Detail, &[ch('o')], Action::OpenWebsite, false),
    bind(Detail, &[key(Esc), key(Backspace)], Action::Back, true),
    bind(Detail, HELP, Action::Help, true),
    // The life-domain overview.
    bind(Domains, &[key(Enter)], Action::Open, true),
    bind(Domains, UP, Action::Up, false),
    bind(Domains, DOWN, Action::Down, true),
    bind(Domains, HOME, Action::Home, false),
    bind(Domains, END, Action::End, false),
    bind(Domains, &[key(Esc)], Action::Back, true),
    bind(Domains, HELP, Action::Help, true),
    // The area picker.
    bind(Areas, &[key(Enter)], Action::Open, true),
    bind(Areas, UP, Action::Up, false),
    bind(Areas, DOWN, Action::Down, true),
    bind(Areas, PAGE_UP, Action::PageUp, false),
    bind(Areas, PAGE_DOWN, Action::PageDown, false),
    bind(Areas, HOME, Action::Home, false),
    bind(Areas, END, Action::End, false),
    bind(Areas, &[key(Esc)], Action::Back, true),
    bind(Areas, HELP, Action::Help, false),
    // The help overlay.
    bind(Help, UP, Action::Up, false),
    bind(Help, DOWN, Action::Down, true),
    bind(Help, PAGE_UP, Action::PageUp, false),
    bind(Help, PAGE_DOWN, Action::PageDown, false),
    bind(Help, HOME, Action::Home, false),
    bind(Help, END, Action::End, false),
    bind(
        Help,
        &[key(Esc), ch('?'), ch('q'), key(F(1))],
        Action::Back,
        true,
    ),
    // Forms: letters type; Ctrl-S saves.
    bind(Form, &[ctrl('s')], Action::Save, true),
    bind(Form, &[key(Tab), key(Down)], Action::NextField, true),
    bind(Form, &[key(BackTab), key(Up)], Action::PrevField, false),
    bind(Form, &[key(Enter)], Action::Open, false),
    bind(Form, &[key(Left)], Action::Left, false),
    bind(Form, &[key(Right)], Action::Right, false),
    bind(Form, &[key(Home)], Action::Home, false),
    bind(Form, &[key(End)], Action::End, false),
    bind(Form, &[key(Backspace)], Action::DeleteChar, false),
    bind(Form, &[key(Delete)], Action::DeleteForward, false),
    bind(Form, &[ctrl('u')], Action::ClearField, false),
    bind(Form, &[ch(' ')], Action::Toggle, true),
    bind(Form, &[key(Esc)], Action::Back, true),
    bind(Form, HELP_TYPING, Action::Help, false),
    bind(DomainPicker, UP, Action::Up, false),
    bind(DomainPicker, DOWN, Action::Down, false),
    bind(DomainPicker, &[ch(' ')], Action::Toggle, true),
    bind(DomainPicker, &[key(Enter), key(Esc)], Action::Back, true),
    bind(DomainPicker, HELP_TYPING, Action::Help, false),
    bind(Confirm, &[ch('j'), ch('y'), key(Enter)], Action::Yes, true),
    bind(Confirm, &[ch('n'), key(Esc)], Action::No, true),
    bind(Confirm, HELP_TYPING, Action::Help, false),
    bind(Prompt, &[key(Enter)], Action::Open, true),
    bind(Prompt, &[key(Left)], Action::Left, false),
    bind(Prompt, &[key(Right)], Action::Right, false),
    bind(Prompt, &[key(Home)], Action::Home, false),
    bind(Prompt, &[key(End)], Action::End, false),
    bind(Prompt, &[key(Backspace)], Action::DeleteChar, false),
    bind(Prompt, &[key(Delete)], Action::DeleteForward, false),
    bind(Prompt, &[ctrl('u')], Action::ClearField, false),
    bind(Prompt, &[key(Esc)], Action::Back, true),
    bind(Prompt, HELP_TYPING, Action::Help, false),
    bind(Conflicts, &[key(Enter)], Action::Open, true),
    bind(Conflicts, UP, Action::Up, false),
    bind(Conflicts, DOWN, Action::Down, false),
    bind(Conflicts, &[key(Esc)], Action::Back, true),
    bind(Conflicts, HELP, Action::Help, false),
    bind(Conflict, UP, Action::Up, false),
    bind(Conflict, DOWN, Action::Down, false),
    bind(Conflict, &[ch('1')], Action::Keep(1), true),
    bind(Conflict, &[ch('2')], Action::Keep(2), true),
    bind(Conflict, &[ch('3')], Action::Keep(3), false),
    bind(Conflict, &[ch('e')], Action::EditEntry, true),
    bind(Conflict, &[key(Esc)], Action::Back, true),
    bind(Conflict, HELP, Action::Help, false),
    // Case work.
    bind(Cases, &[key(Enter)], Action::Open, true),
    bind(Cases, UP, Action::Up, false),
    bind(Cases, DOWN, Action::Down, false),
    bind(Cases, &[ch('n')], Action::NewCase, true),
    bind(Cases, &[ch('w')], Action::OpenWorkers, true),
    bind(Cases, &[key(Esc)], Action::Back, true),
    bind(Cases, HELP, Action::Help, false),
    bind(Case, UP, Action::Up, false),
    bind(Case, PAGE_UP, Action::PageUp, false),
    bind(Case, PAGE_DOWN, Action::PageDown, false),
    bind(Case, DOWN, Action::Down, false),
    bind(Case, &[ch('1')], Action::Score(1), false),
    bind(Case, &[ch('2')], Action::Score(2), false),
    bind(Case, &[ch('3')], Action::Score(3), false),
    bind(Case, &[ch('4')], Action::Score(4), false),
    bind(Case, &[ch('5')], Action::Score(5), true),
    bind(Case, &[ch('a')], Action::AddNote, true),
    bind(Case, &[ch('p')], Action::Propose, true),
    bind(Case, &[ch('o')], Action::OpenInterventions, true),
    bind(Case, &[ch('s')], Action::ShowSlip, true),
    bind(Case, &[ch('E')], Action::EraseCase, false),
    bind(Case, &[key(Esc)], Action::Back, true),
    bind(Case, HELP, Action::Help, false),
    bind(Interventions, &[key(Enter)], Action::Open, true),
    bind(Interventions, UP, Action::Up, false),
    bind(Interventions, DOWN, Action::Down, false),
    bind(Interventions, &[key(Esc)], Action::Back, true),
    bind(Interventions, HELP, Action::Help, false),
    bind(Intervention, &[ch('g')], Action::Approve, true),
    bind(Intervention, &[ch('x')], Action::Reject, true),
    bind(Intervention, &[ch('t')], Action::RequestReview, true),
    bind(Intervention, &[ch('e')], Action::EditProposal, false),
    bind(Intervention, &[ch('u')], Action::MarkCarriedOut, false),
    bind(Intervention, &[ch('v')], Action::Evaluate, false),
    bind(Intervention, UP, Action::Up, false),
    bind(Intervention, DOWN, Action::Down, false),
    bind(Intervention, &[key(Esc)], Action::Back, true),
    bind(Intervention, HELP, Action::Help, false),
    bind(Picker, &[key(Enter)], Action::Open, true),
    bind(Picker, &[key(Up)], Action::Up, false),
    bind(Picker, &[key(Down)], Action::Down, false),
    bind(Picker, &[key(Backspace)], Action::DeleteChar, false),
    bind(Picker, &[key(Esc)], Action::Back, true),
    bind(Picker, HELP_TYPING, Action::Help, false),
    bind(Reader, UP, Action::Up, false),
    bind(Reader, DOWN, Action::Down, true),
    bind(Reader, PAGE_UP, Action::PageUp, false),
    bind(Reader, PAGE_DOWN, Action::PageDown, false),
    bind(Reader, &[ctrl('s')], Action::SaveSlip, true),
    bind(Reader, &[key(Esc), ch('q')], Action::Back, true),
    bind(Reader, HELP, Action::Help, false),
    // The workers: each letter opens a form; two passphrases in it decide.
    bind(Workers, UP, Action::Up, false),
    bind(Workers, DOWN, Action::Down, false),
    bind(Workers, &[ch('n')], Action::EnrolWorker, true),
    bind(Workers, &[ch('e')], Action::EditWorker, true),
    bind(Workers, &[ch('x')], Action::RemoveWorker, true),
    // Shown beside the policies on the screen, so off the status line.
    bind(Workers, &[ch('b')], Action::SetBudget, false),
    bind(Workers, &[ch('l')], Action::SetLockMinutes, false),
    bind(Workers, &[key(Esc)], Action::Back, true),
    bind(Workers, HELP, Action::Help, false),
];

fn matches(k: &Key, event: &KeyEvent) -> bool {
    let mods = if matches!(event.code, KeyCode::Char(_)) {
        event.modifiers - KeyModifiers::SHIFT
    } else {
        event.modifiers
    };
    k.code == event.code && k.mods == mods
}

/// The action of a key press in a context, if any.
pub fn resolve(context: Context, event: &KeyEvent) -> Option<Action> {
    let found = BINDINGS
        .iter()
        .filter(|b| reads(context, b.context))
        .find(|b| b.keys.iter().any(|k| matches(k, event)))
        .map(|b| b.action);
    if found.is_some() {
        return found;
    }
    let plain = (event.modifiers - KeyModifiers::SHIFT).is_empty();
    match event.code {
        KeyCode::Char(c)
            if matches!(context, SearchLine | ResultList | Form | Prompt | Picker) && plain =>
        {
            Some(Action::Type(c))
        }
        _ => None,
    }
}

/// True when keys read in `context` include those bound in `bound`.
fn reads(context: Context, bound: Context) -> bool {
    bound == context || Some(bound) == context.group() || bound == Everywhere
}

/// The bindings of a context (without the ones that work everywhere or in
/// its group).
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.context == context)
}

/// How a key is written in the status line and the help.
pub fn key_name(k: &Key, lang: Lang) -> String {
    let name = match k.code {
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Delete => "Del".to_string(),
        KeyCode::Backspace => "⌫".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => super::text::space_key(lang).to_string(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if k.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

/// All keys of a binding, as "↑/k".
pub fn keys_text(b: &Binding, lang: Lang) -> String {
    b.keys
        .iter()
        .map(|k| key_name(k, lang))
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_type_in_the_search_line_and_in_the_list() {
        for context in [SearchLine, ResultList] {
            for c in ['q', 'j', 'v', 'n', '?', '1'] {
                assert_eq!(
                    resolve(context, &press(KeyCode::Char(c))),
                    Some(Action::Type(c))
                );
            }
        }
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(resolve(ResultList, &ctrl_n), Some(Action::NewEntry));
    }

    /// Acts that change the store at once, without a form or a question.
    const CHANGES_AT_ONCE: &[Action] = &[
        Action::VerifyEntry,
        Action::Undo,
        Action::Save,
        Action::Submit,
        Action::Yes,
    ];

    #[test]
    fn no_plain_printable_key_changes_data_outside_a_question() {
        for context in Context::ALL {
            if matches!(context, Confirm) {
                continue; // answering the question that names the change is the point
            }
            for (key, action) in keys_of(context) {
                let printable = matches!(key.code, KeyCode::Char(_)) && key.mods.is_empty();
                assert!(
                    !(printable && CHANGES_AT_ONCE.contains(&action)),
                    "{context:?}: {key:?} does {action:?} at once"
                );
            }
        }
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in [SearchLine, ResultList, Detail, Domains, Areas, Help, Form] {
            assert_eq!(resolve(context, &ctrl_c), Some(Action::ForceQuit));
        }
    }

    /// Every key a context reads: its own bindings and the ones that work everywhere.
    fn keys_of(context: Context) -> Vec<(Key, Action)> {
        BINDINGS
            .iter()
            .filter(|b| reads(context, b.context))
            .flat_map(|b| b.keys.iter().map(move |k| (*k, b.action)))
            .collect()
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in Context::ALL {
            let keys = keys_of(context);
            for (i, (key, action)) in keys.iter().enumerate() {
                for (other, other_action) in &keys[i + 1..] {
                    assert!(
                        key != other,
                        "{context:?}: {key:?} is bound to {action:?} and to {other_action:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_key_resolves_to_its_own_binding() {
        for context in Context::ALL {
            for (key, action) in keys_of(context) {
                let event = KeyEvent::new(key.code, key.mods);
                assert_eq!(
                    resolve(context, &event),
                    Some(action),
                    "{context:?} {key:?}"
                );
            }
        }
    }

    #[test]
    fn every_bound_key_and_context_has_words_in_both_languages() {
        for context in Context::ALL {
            for lang in [Lang::Nl, Lang::En] {
                assert!(!crate::tui::text::context_label(context, lang).is_empty());
            }
            for b in bindings(context) {
                for lang in [Lang::Nl, Lang::En] {
                    assert!(
                        !b.describe(lang).trim().is_empty(),
                        "{context:?} {:?}",
                        b.action
                    );
                    assert!(!b.describe_short(lang).trim().is_empty());
                    assert!(!keys_text(b, lang).is_empty());
                }
            }
        }
    }

    #[test]
    fn help_closes_with_the_keys_that_open_it() {
        for key in [key(F(1)), ch('?')] {
            let event = KeyEvent::new(key.code, key.mods);
            assert_eq!(resolve(Help, &event), Some(Action::Back));
        }
    }

    #[test]
    fn shifted_question_mark_opens_help() {
        let event = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(resolve(Detail, &event), Some(Action::Help));
        assert_eq!(resolve(SearchLine, &event), Some(Action::Type('?')));
    }
}
