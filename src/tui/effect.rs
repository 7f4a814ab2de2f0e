//! What a screen asks of the app after an action. Screens change only their
//! own state; everything else (another screen, the store, the case data) is
//! an effect the app applies, so a screen never writes data itself.

use super::action::Action;
use super::jobs::Job;
use super::screens::{Popup, View};
use crate::map::domain::LifeDomain;

/// A change of the search's filters chosen on another screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterChange {
    Domain(LifeDomain),
    /// `None` is "all areas".
    Area(Option<String>),
}

#[must_use]
pub enum Effect {
    None,
    /// Open a screen in front of the current one.
    Push(View),
    /// Close the screen in front.
    Pop,
    Show(Popup),
    /// Close the overlay.
    Close,
    /// Narrow the search and go back to its list.
    Filter(FilterChange),
    /// Work for the event loop to run with a progress bar.
    Run(Job),
    /// A change the app makes through the store, or that needs the worker or
    /// the unlocked case data.
    App(Action),
    Quit,
}
