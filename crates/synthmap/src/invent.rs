//! One invented entry, from its position and the seed alone: kind, place,
//! name, description, contact details and version, each drawn in a fixed order.

use crate::rng::Rng;
use crate::words::{WORDS, compound_word, content_word, sentence};
use chrono::{DateTime, NaiveDate, Utc};
use wijkkaart::map::clock::Clock;
use wijkkaart::map::domain::{Kind, LifeDomain};
use wijkkaart::map::entry::Entry;

/// 2026-01-01T00:00:00Z
pub const BASE_TIME: i64 = 1_767_225_600;

/// One invented entry; depends only on its position and the seed.
pub fn entry(i: usize, seed: u64) -> Entry {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next_u64();
    let kind = match rng.below(10) {
        0 | 1 => Kind::KeyFigure,
        2..=6 => Kind::Initiative,
        _ => Kind::Service,
    };
    let rotterdam = rng.chance(0.4);
    let (city, places) = if rotterdam {
        ("Rotterdam", &WORDS.rotterdam)
    } else {
        ("Den Haag", &WORDS.den_haag)
    };
    let mut areas: Vec<String> = Vec::new();
    for _ in 0..rng.range(1, 3) {
        let area = *rng.pick(places);
        if !areas.iter().any(|a| a == area) {
            areas.push(area.to_string());
        }
    }
    let place = areas[0].clone();

    let (name, organisation, role) = identity(&mut rng, kind, city, &place);

    let mut domains = Vec::new();
    for _ in 0..rng.range(1, 3) {
        let d = *rng.pick(&LifeDomain::ALL);
        if !domains.contains(&d) {
            domains.push(d);
        }
    }

    let mut description = String::with_capacity(320);
    for s in 0..rng.range(2, 4) {
        if s > 0 {
            description.push(' ');
        }
        sentence(&mut rng, &mut description, &areas);
    }

    let mut tags: Vec<String> = Vec::new();
    for _ in 0..rng.range(5, 9) {
        let tag = if rng.chance(0.2) {
            let mut w = String::new();
            content_word(&mut rng, &mut w);
            w
        } else {
            rng.pick(&WORDS.tags).to_string()
        };
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }

    let mut languages = vec!["nl".to_string()];
    if rng.chance(0.35) {
        for _ in 0..rng.range(1, 3) {
            let l = rng.pick(&WORDS.languages).to_string();
            if !languages.contains(&l) {
                languages.push(l);
            }
        }
    }

    let mut audience = rng.pick(&WORDS.audiences).to_string();
    if rng.chance(0.3) {
        audience.push_str(" in ");
        audience.push_str(&place);
    }

    let slug = slug(&name);
    let has_contact = kind != Kind::KeyFigure && rng.chance(0.7);
    let (address, postcode, phone, email, website) = if has_contact {
        let prefix = if rotterdam { 30 } else { 25 };
        (
            format!("{} {}", rng.pick(&WORDS.streets), rng.range(1, 240)),
            format!(
                "{prefix}{:02} {}{}",
                rng.range(10, 99),
                char::from(b'A' + rng.below(26) as u8),
                char::from(b'A' + rng.below(26) as u8)
            ),
            format!(
                "{} {:03} {:04}",
                if rotterdam { "010" } else { "070" },
                rng.below(1000),
                rng.below(10000)
            ),
            format!("info@{slug}.nl"),
            if rng.chance(0.7) {
                format!("https://www.{slug}.nl")
            } else {
                String::new()
            },
        )
    } else {
        Default::default()
    };

    let worker = *rng.pick(&WORDS.workers);
    let mut clock = Clock::default();
    clock.0.insert(worker.to_string(), rng.range(1, 5) as u64);
    if rng.chance(0.2) {
        let other = *rng.pick(&WORDS.workers);
        clock.0.entry(other.to_string()).or_insert(1);
    }
    let verified = if rng.chance(0.6) {
        NaiveDate::from_ymd_opt(2025, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(rng.below(600) as u64)))
    } else {
        None
    };

    Entry {
        id: format!("gen-{i:06}"),
        kind,
        name,
        organisation,
        role,
        description,
        domains,
        areas,
        city: city.to_string(),
        address,
        postcode,
        phone,
        email,
        website,
        hours: hours(&mut rng),
        languages,
        audience,
        cost: rng.pick_or_none(&WORDS.costs).to_string(),
        referral: rng.pick_or_none(&WORDS.referrals).to_string(),
        tags,
        verified_by: if verified.is_some() {
            rng.pick(&WORDS.workers).to_string()
        } else {
            String::new()
        },
        verified,
        updated: DateTime::<Utc>::from_timestamp(BASE_TIME + rng.below(330 * 24 * 3600) as i64, 0),
        updated_by: worker.to_string(),
        created: clock.dot_of(worker),
        clock,
        private: kind == Kind::KeyFigure && rng.chance(0.1),
        deleted: false,
        ..Entry::default()
    }
}

/// Name, organisation and role, by kind.
fn identity(rng: &mut Rng, kind: Kind, city: &str, place: &str) -> (String, String, String) {
    let here = if rng.chance(0.2) { city } else { place };
    match kind {
        Kind::KeyFigure => {
            let (role, title, org) = *rng.pick(&WORDS.key_figures);
            let org = org.replace("{city}", city).replace("{place}", place);
            let name = if rng.chance(0.15) {
                format!("{title} {} {place}", rng.pick(&WORDS.proper_names))
            } else {
                format!("{title} {here}")
            };
            (name, org, role.to_string())
        }
        Kind::Initiative | Kind::Service => {
            let kinds = if kind == Kind::Service {
                &WORDS.services
            } else {
                &WORDS.initiatives
            };
            let name = match rng.below(10) {
                0 => rng.pick(kinds).to_string(),
                1..=3 => format!("{} {here}", rng.pick(kinds)),
                4 | 5 => format!("{} {}", rng.pick(kinds), rng.pick(&WORDS.proper_names)),
                6 | 7 => format!("{} {here}", capitalised(&compound_word(rng))),
                _ => format!("Stichting {}", capitalised(&compound_word(rng))),
            };
            let org = match rng.below(8) {
                0 => format!("Gemeente {city}"),
                1 => format!(
                    "Stichting {}",
                    rng.pick(&WORDS.proper_names).trim_start_matches("De ")
                ),
                2 => format!("Vrijwilligers {place}"),
                3 => format!("Buurtvereniging {place}"),
                4 | 5 => rng.pick(&WORDS.organisations).replace("{city}", city),
                _ => {
                    let mut w = String::new();
                    content_word(rng, &mut w);
                    format!("Stichting {} {place}", capitalised(&w))
                }
            };
            let role = if rng.chance(0.15) {
                rng.pick(&WORDS.contact_roles).to_string()
            } else {
                String::new()
            };
            (name, org, role)
        }
    }
}

fn capitalised(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Buurthuis De Boog" → "buurthuis-de-boog" (ASCII only, for e-mail and web addresses).
fn slug(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in wijkkaart::map::words::fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Opening hours: "ma-vr 9-17", "di en do 13-16, inloop wo 10-12".
fn hours(rng: &mut Rng) -> String {
    const SPANS: &[&str] = &["ma-vr", "ma-do", "di-za", "ma t/m vr", "wo", "za"];
    const DAYS: &[&str] = &["ma", "di", "wo", "do", "vr", "za"];
    match rng.below(6) {
        0 => String::new(),
        1 => "op afspraak".into(),
        2 | 3 => format!(
            "{} {}-{}",
            rng.pick(SPANS),
            rng.range(8, 10),
            rng.range(16, 21)
        ),
        _ => format!(
            "{} en {} {}-{}, inloop {} {}-{}",
            rng.pick(DAYS),
            rng.pick(DAYS),
            rng.range(9, 13),
            rng.range(14, 17),
            rng.pick(DAYS),
            rng.range(9, 14),
            rng.range(15, 20)
        ),
    }
}
