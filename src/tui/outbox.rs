//! What leaves the app for the world around it, at the kitchen table: a
//! phone number to the clipboard (OSC 52, so it works over SSH and in
//! Windows Terminal), a website to the browser, the mouse given back to the
//! terminal so that text can be selected, and the referral slip as a file.
//! `update` only queues these; the event loop delivers them, so that
//! drawing and updating stay free of I/O and tests can read the queue.

use super::action::{Action, Contact};
use super::app::App;
use super::screens::Popup;
use super::screens::prompt::{Ask, Prompt};
use super::text::{browsing, copied, mouse_said, nothing_to_copy, slip_file_name};
use crate::text::terminal::safe_line;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::io::Write;

/// Something for the event loop to hand to the terminal or the system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outgoing {
    /// Put this text on the clipboard.
    Clipboard(String),
    /// Open this address in the browser.
    Browse(String),
    /// Capture the mouse (wheel scrolls) or leave it to the terminal (select text).
    Mouse(bool),
}

/// Writes what goes to the terminal; returns the addresses to open, which
/// the caller hands to the system's opener.
pub fn deliver(items: Vec<Outgoing>, out: &mut impl Write) -> std::io::Result<Vec<String>> {
    let mut browse = Vec::new();
    for item in items {
        match item {
            Outgoing::Clipboard(text) => {
                out.write_all(osc52(&text).as_bytes())?;
                out.flush()?;
            }
            Outgoing::Mouse(true) => execute!(out, EnableMouseCapture)?,
            Outgoing::Mouse(false) => execute!(out, DisableMouseCapture)?,
            Outgoing::Browse(url) => browse.push(url),
        }
    }
    Ok(browse)
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The address a browser gets: `https://` is added to a bare host name, and
/// nothing but http and https is opened.
pub fn web_address(website: &str) -> Option<String> {
    let w = website.trim();
    if w.is_empty() || w.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(w.to_string())
    } else if lower.contains("://") || w.starts_with('-') {
        None
    } else {
        Some(format!("https://{w}"))
    }
}

/// Opens an address with the system's opener, without a shell.
pub fn browse(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let _ = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

impl App {
    /// Takes what waits for the event loop.
    pub fn take_outgoing(&mut self) -> Vec<Outgoing> {
        std::mem::take(&mut self.outgoing)
    }

    /// Copy, browse, the mouse, saving the slip.
    pub(super) fn hand_over(&mut self, action: Action) {
        let lang = self.shared.lang;
        match action {
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.outgoing.push(Outgoing::Mouse(self.mouse));
                self.tell(mouse_said(self.mouse, lang).to_string());
            }
            Action::Copy(contact) => {
                let Some(doc) = self.selected() else {
                    return;
                };
                let e = &doc.entry;
                let value = match contact {
                    Contact::Phone => e.phone.clone(),
                    Contact::Email => e.email.clone(),
                    Contact::Website => e.website.clone(),
                    Contact::Address => [e.address.as_str(), e.postcode.as_str(), e.city.as_str()]
                        .into_iter()
                        .filter(|s| !s.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                // Whatever is stored, only one clean line goes to the clipboard.
                let value = safe_line(value.trim()).into_owned();
                if value.is_empty() {
                    return self.warn(nothing_to_copy(contact, lang).to_string());
                }
                self.tell(copied(contact, &value, lang));
                self.outgoing.push(Outgoing::Clipboard(value));
            }
            Action::OpenWebsite => {
                let Some(doc) = self.selected() else {
                    return;
                };
                let website = doc.entry.website.clone();
                match web_address(&website) {
                    Some(url) => {
                        self.tell(browsing(&url, lang));
                        self.outgoing.push(Outgoing::Browse(url));
                    }
                    None => self.warn(nothing_to_copy(Contact::Website, lang).to_string()),
                }
            }
            Action::SaveSlip => {
                let Some(Popup::Reader(reader)) = &self.popup else {
                    return;
                };
                let folder = directories::UserDirs::new()
                    .and_then(|d| {
                        d.document_dir()
                            .or(Some(d.home_dir()))
                            .map(|p| p.to_path_buf())
                    })
                    .unwrap_or_default();
                let file = folder.join(slip_file_name(self.shared.today, lang));
                let prompt = Prompt::new(Ask::SlipFile, &file.to_string_lossy(), String::new())
                    .carrying(reader.text.clone());
                self.popup = Some(Popup::Prompt(prompt));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_terminal_reads_it() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("070-1234567".as_bytes()), "MDcwLTEyMzQ1Njc=");
        assert_eq!(osc52("ab"), "\x1b]52;c;YWI=\x07");
    }

    #[test]
    fn only_web_addresses_are_opened() {
        assert_eq!(
            web_address("leergeld.nl").as_deref(),
            Some("https://leergeld.nl")
        );
        assert_eq!(
            web_address(" http://x.nl/a ").as_deref(),
            Some("http://x.nl/a")
        );
        assert_eq!(web_address("file:///etc/passwd"), None);
        assert_eq!(web_address("javascript://x"), None);
        assert_eq!(web_address("--help"), None);
        assert_eq!(web_address("a b"), None);
        assert_eq!(web_address(""), None);
    }
}
