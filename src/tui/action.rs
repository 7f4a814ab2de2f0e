//! Every user intent the interface knows, with the words the help shows for it.

use crate::text::Lang;

/// What the user wants; keys map to these (see `keymap`), `App::update` applies them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave the app (from the top level).
    Quit,
    /// Leave the app from anywhere (Ctrl-C).
    ForceQuit,
    /// Back out one level: close, leave the search line, clear the search.
    Back,
    Type(char),
    DeleteChar,
    ClearQuery,
    /// Ctrl-U in a form or on an input line: empty the field.
    ClearField,
    FocusSearch,
    FocusList,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Open the selection: an entry's details, or the chosen domain or area.
    Open,
    ShowDomains,
    CycleKind,
    PickArea,
    ClearFilters,
    Help,
    /// Only entries whose details are over a year old or never checked, oldest first.
    ToggleStale,
    NewEntry,
    EditEntry,
    DeleteEntry,
    /// "I checked these details today."
    VerifyEntry,
    /// Undo the last edit of this session (as a new edit).
    Undo,
    Sync,
    Import,
    Export,
    ShowConflicts,
    /// Send a filled-in form or a choice to the app (case forms, the case picker).
    Submit,
    /// Keep version N of a conflicted entry.
    Keep(u8),
    Save,
    NextField,
    PrevField,
    Left,
    Right,
    DeleteForward,
    /// Space on a choice: toggle or cycle it.
    Toggle,
    Yes,
    No,
    /// The case list (unlocks first).
    OpenCases,
    /// Interventions waiting for the acting worker's decision.
    OpenWaiting,
    /// Lock the case screens now.
    Lock,
    /// Lock and unlock as another worker.
    SwitchWorker,
    /// Refer the client of a case to the selected entry.
    Refer,
    NewCase,
    AddNote,
    Propose,
    OpenInterventions,
    Approve,
    Reject,
    RequestReview,
    /// A new revision of a proposal.
    EditProposal,
    MarkCarriedOut,
    Evaluate,
    ShowSlip,
    EraseCase,
    /// A self-sufficiency score, 1 to 5, for the selected life domain.
    Score(u8),
    /// Copy a way to reach the selected entry to the clipboard.
    Copy(Contact),
    /// Open the selected entry's website in the browser.
    OpenWebsite,
    /// Capture the mouse, or leave it to the terminal for selecting text.
    ToggleMouse,
    /// Save the referral slip as a file.
    SaveSlip,
    /// The enrolled workers, with who vouched for them.
    OpenWorkers,
    /// Enrol a worker (two enrolled workers vouch; the laptop's first alone).
    EnrolWorker,
    /// Change the selected worker's name or organisation (by two).
    EditWorker,
    /// Remove the selected worker (by two; the case data gets new keys).
    RemoveWorker,
    /// Change the emergency budget limit (two of different organisations).
    SetBudget,
    /// Change the idle lock (by two).
    SetLockMinutes,
}

/// A way to reach an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contact {
    Phone,
    Email,
    Address,
    Website,
}

impl Action {
    /// What the help overlay and the status line say this action does.
    pub fn describe(self, lang: Lang) -> &'static str {
        super::text::action_label(self, lang)
    }

    /// The same, shorter, for the status line.
    pub fn describe_short(self, lang: Lang) -> &'static str {
        super::text::action_short_label(self, lang)
    }
}
