//! Key strings for tests and scripted demos: `"schuld<Down><Enter>"`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Parses text with `<Name>` for special keys (`<Enter>`, `<Esc>`, `<Down>`,
/// `<C-c>`, `<F1>`, `<lt>` for `<`) into key presses.
pub fn parse(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && let Some(event) = special(&rest[1..end])
        {
            out.push(event);
            rest = &rest[end + 1..];
            continue;
        }
        out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn special(name: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    match name {
        "Enter" => plain(KeyCode::Enter),
        "Esc" => plain(KeyCode::Esc),
        "Tab" => plain(KeyCode::Tab),
        "BS" => plain(KeyCode::Backspace),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "PageUp" => plain(KeyCode::PageUp),
        "PageDown" => plain(KeyCode::PageDown),
        "Home" => plain(KeyCode::Home),
        "End" => plain(KeyCode::End),
        "lt" => plain(KeyCode::Char('<')),
        _ => {
            if let Some(n) = name.strip_prefix('F').and_then(|n| n.parse().ok()) {
                return plain(KeyCode::F(n));
            }
            let c = name.strip_prefix("C-")?.chars().next()?;
            Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
        }
    }
}
