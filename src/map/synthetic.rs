//! Invented maps of any size, for benchmarks and load tests.
//!
//! Everything here is made up, but shaped like the real thing (see DESIGN.md,
//! Search): on average about 480 characters of searchable text per entry, of
//! which about 150 in the short fields (name, organisation, role, city, tags,
//! areas) and about 22 in the name. Names are built from Dutch parts
//! ("Buurthuis", "Taalcafé", "Schuldhulp") and real neighbourhoods of Den Haag
//! and Rotterdam Zuid; descriptions from a few hundred common words plus
//! compounds of Dutch word parts drawn with a Zipf-like skew, so that the
//! vocabulary grows sublinearly: about 12,000 distinct words at 10,000
//! entries, as on the real maps.
//!
//! The output depends only on `(n, seed)`, and entry `i` only on `(i, seed)`:
//! the first 1,000 entries of a 10,000-entry map are the 1,000-entry map.

use super::clock::Clock;
use super::domain::{Kind, LifeDomain};
use super::entry::Entry;
use super::file::MapFile;
use chrono::{DateTime, NaiveDate, Utc};

/// `n` invented entries with ids `gen-000000` upwards, the same for the same seed.
pub fn entries(n: usize, seed: u64) -> Vec<Entry> {
    (0..n).map(|i| entry(i, seed)).collect()
}

/// A whole social-map file of `n` invented entries.
pub fn map_file(n: usize, seed: u64) -> MapFile {
    MapFile {
        name: format!("Synthetische kaart ({n} items, seed {seed})"),
        exported_at: DateTime::from_timestamp(BASE_TIME, 0),
        exported_by: "generator".into(),
        entries: entries(n, seed),
    }
}

/// The text of [`map_file`], as `wijkkaart import` reads it.
pub fn toml(n: usize, seed: u64) -> String {
    super::write::render(&map_file(n, seed))
}

/// One line per entry with every searchable field, for line-based tools
/// such as `fzf --filter` or `grep` to compare with.
pub fn lines(entries: &[Entry]) -> String {
    let mut out = String::with_capacity(entries.len() * 560);
    for e in entries {
        let fields = [
            e.id.as_str(),
            e.kind.id(),
            &e.name,
            &e.organisation,
            &e.role,
            &e.city,
            &e.areas.join(", "),
            &e.tags.join(", "),
            &e.description,
            &e.audience,
            &e.referral,
            &e.cost,
            &e.hours,
        ];
        let mut first = true;
        for f in fields.iter().filter(|f| !f.is_empty()) {
            if !first {
                out.push_str(" | ");
            }
            first = false;
            out.push_str(f);
        }
        out.push('\n');
    }
    out
}

/// Average characters per entry, to check the generator against DESIGN.md.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Shape {
    /// Every searchable field: the short ones, description, audience, referral, cost, hours.
    pub text: f64,
    /// Name, organisation, role, city, tags and areas (list items joined by ", ").
    pub short: f64,
    pub name: f64,
}

/// Measures the average [`Shape`] of some entries (in characters, not bytes).
pub fn shape(entries: &[Entry]) -> Shape {
    if entries.is_empty() {
        return Shape::default();
    }
    let chars = |s: &str| s.chars().count();
    let list = |l: &[String]| chars(&l.join(", "));
    let (mut text, mut short, mut name) = (0usize, 0usize, 0usize);
    for e in entries {
        let s = chars(&e.name)
            + chars(&e.organisation)
            + chars(&e.role)
            + chars(&e.city)
            + list(&e.tags)
            + list(&e.areas);
        let long = chars(&e.description)
            + chars(&e.audience)
            + chars(&e.referral)
            + chars(&e.cost)
            + chars(&e.hours);
        name += chars(&e.name);
        short += s;
        text += s + long;
    }
    let n = entries.len() as f64;
    Shape {
        text: text as f64 / n,
        short: short as f64 / n,
        name: name as f64 / n,
    }
}

/// splitmix64: tiny, fast and good enough for invented data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A rank in `0..limit`, small ranks much more likely (a Pareto tail, as
    /// word frequencies have): `scale` sets the head, `alpha` the tail.
    fn zipf(&mut self, limit: usize, scale: f64, alpha: f64) -> usize {
        loop {
            let u = self.unit();
            let r = scale * ((1.0 - u).powf(-1.0 / alpha) - 1.0);
            if r < limit as f64 {
                return r as usize;
            }
        }
    }
}

/// 2026-01-01T00:00:00Z
const BASE_TIME: i64 = 1_767_225_600;

/// One invented entry; depends only on its position and the seed.
fn entry(i: usize, seed: u64) -> Entry {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next_u64();
    let kind = match rng.below(10) {
        0 | 1 => Kind::KeyFigure,
        2..=6 => Kind::Initiative,
        _ => Kind::Service,
    };
    let rotterdam = rng.chance(0.4);
    let (city, places) = if rotterdam {
        ("Rotterdam", ROTTERDAM)
    } else {
        ("Den Haag", DEN_HAAG)
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
            rng.pick(TAGS).to_string()
        };
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }

    let mut languages = vec!["nl".to_string()];
    if rng.chance(0.35) {
        for _ in 0..rng.range(1, 3) {
            let l = rng.pick(LANGUAGES).to_string();
            if !languages.contains(&l) {
                languages.push(l);
            }
        }
    }

    let mut audience = rng.pick(AUDIENCES).to_string();
    if rng.chance(0.3) {
        audience.push_str(" in ");
        audience.push_str(&place);
    }

    let slug = slug(&name);
    let has_contact = kind != Kind::KeyFigure && rng.chance(0.7);
    let (address, postcode, phone, email, website) = if has_contact {
        let prefix = if rotterdam { 30 } else { 25 };
        (
            format!("{} {}", rng.pick(STREETS), rng.range(1, 240)),
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

    let worker = *rng.pick(WORKERS);
    let mut clock = Clock::default();
    clock.0.insert(worker.to_string(), rng.range(1, 5) as u64);
    if rng.chance(0.2) {
        let other = *rng.pick(WORKERS);
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
        cost: rng.pick(COSTS).to_string(),
        referral: rng.pick(REFERRALS).to_string(),
        tags,
        verified_by: if verified.is_some() {
            rng.pick(WORKERS).to_string()
        } else {
            String::new()
        },
        verified,
        updated: DateTime::<Utc>::from_timestamp(BASE_TIME + rng.below(330 * 24 * 3600) as i64, 0),
        updated_by: worker.to_string(),
        clock,
        private: kind == Kind::KeyFigure && rng.chance(0.1),
        deleted: false,
    }
}

/// Name, organisation and role, by kind.
fn identity(rng: &mut Rng, kind: Kind, city: &str, place: &str) -> (String, String, String) {
    let here = if rng.chance(0.2) { city } else { place };
    match kind {
        Kind::KeyFigure => {
            let (role, title, org) = *rng.pick(KEY_FIGURES);
            let org = org.replace("{city}", city).replace("{place}", place);
            let name = if rng.chance(0.15) {
                format!("{title} {} {place}", rng.pick(PROPER))
            } else {
                format!("{title} {here}")
            };
            (name, org, role.to_string())
        }
        Kind::Initiative | Kind::Service => {
            let kinds = if kind == Kind::Service {
                SERVICES
            } else {
                INITIATIVES
            };
            let name = match rng.below(10) {
                0 => rng.pick(kinds).to_string(),
                1..=3 => format!("{} {here}", rng.pick(kinds)),
                4 | 5 => format!("{} {}", rng.pick(kinds), rng.pick(PROPER)),
                6 | 7 => format!("{} {here}", capitalised(&compound_word(rng))),
                _ => format!("Stichting {}", capitalised(&compound_word(rng))),
            };
            let org = match rng.below(8) {
                0 => format!("Gemeente {city}"),
                1 => format!("Stichting {}", rng.pick(PROPER).trim_start_matches("De ")),
                2 => format!("Vrijwilligers {place}"),
                3 => format!("Buurtvereniging {place}"),
                4 | 5 => rng.pick(ORGANISATIONS).replace("{city}", city),
                _ => {
                    let mut w = String::new();
                    content_word(rng, &mut w);
                    format!("Stichting {} {place}", capitalised(&w))
                }
            };
            let role = if rng.chance(0.15) {
                rng.pick(CONTACT_ROLES).to_string()
            } else {
                String::new()
            };
            (name, org, role)
        }
    }
}

/// One sentence of 6 to 14 words, alternating function and content words.
fn sentence(rng: &mut Rng, out: &mut String, areas: &[String]) {
    let start = out.len();
    let len = rng.range(6, 14);
    let mut function = rng.chance(0.5);
    for i in 0..len {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && rng.chance(0.03) {
            out.push_str(rng.pick(areas).as_str());
        } else if function {
            let word = *rng.pick(FUNCTION);
            out.push_str(word);
        } else {
            content_word(rng, out);
        }
        if i + 1 < len && rng.chance(0.05) {
            out.push(',');
        }
        function = if function {
            rng.chance(0.2)
        } else {
            rng.chance(0.6)
        };
    }
    // Capitalise the first letter.
    if let Some(c) = out[start..].chars().next() {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(start..start + c.len_utf8(), &upper);
    }
    out.push('.');
}

/// A content word: a common one, or (less and less likely) a rarer compound.
fn content_word(rng: &mut Rng, out: &mut String) {
    let rank = rng.zipf(CONTENT.len() + COMPOUNDS, ZIPF_SCALE, ZIPF_ALPHA);
    if rank < CONTENT.len() {
        out.push_str(CONTENT[rank]);
    } else {
        compound(rank - CONTENT.len(), out);
    }
}

/// A compound only, with the same skew as [`content_word`]: for names.
fn compound_word(rng: &mut Rng) -> String {
    let mut w = String::new();
    compound(rng.zipf(COMPOUNDS, ZIPF_SCALE, ZIPF_ALPHA), &mut w);
    w
}

/// Head and tail of the word-rank distribution: about 12,000 distinct words at
/// 10,000 entries, growing roughly as the square root of the map's size.
const ZIPF_SCALE: f64 = 100.0;
const ZIPF_ALPHA: f64 = 0.72;

/// How many distinct compounds there are.
const COMPOUNDS: usize = FIRST.len() * SECOND.len() * 3;
/// A prime that divides no `COMPOUNDS`: spreads neighbouring ranks over all parts.
const STRIDE: u64 = 104_729;

/// The compound of rank `k`: first part, second part, and an ending (none,
/// plural or diminutive), the same word for the same rank.
fn compound(k: usize, out: &mut String) {
    let k = ((k % COMPOUNDS) as u64 * STRIDE % COMPOUNDS as u64) as usize;
    let first = FIRST[k % FIRST.len()];
    let second = SECOND[(k / FIRST.len()) % SECOND.len()];
    let start = out.len();
    out.push_str(first);
    out.push_str(second);
    let last = out[start..].chars().last().unwrap_or('x');
    let vowel = "aeiouyé".contains(last);
    match k / (FIRST.len() * SECOND.len()) {
        // Plural: "-s" after a vowel or an unstressed "-er"/"-el"/"-je", else "-en"
        // (a word ending in "s" keeps its form rather than doubling the "s").
        1 if last != 's' => {
            let w = &out[start..];
            let s = vowel || w.ends_with("er") || w.ends_with("el") || w.ends_with("je");
            out.push_str(if s { "s" } else { "en" });
        }
        // Diminutive: "-tje" after a vowel or l, n, r, w; "-pje" after m; else "-je".
        2 => out.push_str(if vowel || "lnrw".contains(last) {
            "tje"
        } else if last == 'm' {
            "pje"
        } else {
            "je"
        }),
        _ => {}
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
    for c in super::words::fold(name).chars() {
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

const DEN_HAAG: &[&str] = &[
    "Laak",
    "Moerwijk",
    "Transvaal",
    "Schilderswijk",
    "Bouwlust",
    "Vrederust",
    "Morgenstond",
    "Zuidwest",
    "Spoorwijk",
    "Centrum",
    "Rustenburg",
    "Oostbroek",
];

const ROTTERDAM: &[&str] = &[
    "Feijenoord",
    "Afrikaanderwijk",
    "Bloemhof",
    "Hillesluis",
    "Vreewijk",
    "Tarwewijk",
    "Carnisse",
    "Charlois",
    "Pendrecht",
    "Zuidwijk",
    "Lombardijen",
    "Katendrecht",
];

/// Key figures: (role, name as shown, organisation).
const KEY_FIGURES: &[(&str, &str, &str)] = &[
    ("wijkagent", "Wijkagent", "Politie, eenheid {city}"),
    ("jongerenwerker", "Jongerenwerker", "Jongerenwerk {place}"),
    ("buurtmoeder", "Buurtmoeder", "Buurtmoeders {place}"),
    ("imam", "Imam moskee", "Moskee {place}"),
    ("pastor", "Pastor", "Parochie {place}"),
    ("winkelier", "Winkelier", "Ondernemersvereniging {place}"),
    ("huisarts", "Huisarts", "Huisartsenpraktijk {place}"),
    (
        "sleutelfiguur",
        "Sleutelfiguur",
        "Netwerk sleutelfiguren {city}",
    ),
    (
        "wijkverpleegkundige",
        "Wijkverpleegkundige",
        "Thuiszorg {city}",
    ),
    ("opbouwwerker", "Opbouwwerker", "Welzijn {place}"),
    (
        "ervaringsdeskundige",
        "Ervaringsdeskundige",
        "Stichting Ervaring {city}",
    ),
    (
        "schoolmaatschappelijk werker",
        "Schoolmaatschappelijk werker",
        "Basisschool {place}",
    ),
    (
        "bewonersvertegenwoordiger",
        "Bewonersvertegenwoordiger",
        "Bewonersorganisatie {place}",
    ),
    (
        "voorzitter",
        "Voorzitter bewonerscommissie",
        "Bewonerscommissie {place}",
    ),
    ("wijkcoach", "Wijkcoach", "Wijkteam {place}"),
];

const INITIATIVES: &[&str] = &[
    "Buurthuis",
    "Taalcafé",
    "Schuldhulp",
    "Jongerenwerk",
    "Voedselbank",
    "Kledingbank",
    "Repair Café",
    "Inloophuis",
    "Buurtkamer",
    "Moedercentrum",
    "Huiswerkklas",
    "Buurttuin",
    "Vrouwengroep",
    "Mannenkring",
    "Sportclub",
    "Kookclub",
    "Speeltuin",
    "Budgetmaatjes",
    "Thuisadministratie",
    "Formulierenhulp",
    "Wijkrestaurant",
    "Speel-o-theek",
    "Computerclub",
    "Naaiatelier",
];

const SERVICES: &[&str] = &[
    "Wijkteam",
    "Sociaal Raadslieden",
    "Schuldhulpverlening",
    "Maatschappelijk Werk",
    "Centrum Jeugd en Gezin",
    "Jeugdgezondheidszorg",
    "Servicepunt",
    "Taalhuis",
    "Juridisch Loket",
    "Werkgeversservicepunt",
    "GGD",
    "Veilig Thuis",
    "Sociaal Wijkteam",
    "Vraagwijzer",
    "Geldloket",
    "Ouderenadvies",
    "Mantelzorgsteunpunt",
    "Vrijwilligerscentrale",
];

const PROPER: &[&str] = &[
    "De Boog",
    "Het Anker",
    "De Brug",
    "De Mussen",
    "Zuidster",
    "De Kraal",
    "De Vlinder",
    "Het Kompas",
    "De Vonk",
    "De Linde",
    "Het Baken",
    "De Overkant",
    "Samen Sterk",
    "De Zonnebloem",
    "Het Nest",
    "De Ontmoeting",
    "Al Amal",
    "Nur",
    "De Horizon",
    "Het Trefpunt",
];

const ORGANISATIONS: &[&str] = &[
    "Stichting Welzijn {city}",
    "Humanitas {city}",
    "Leger des Heils",
    "VluchtelingenWerk",
    "Rode Kruis {city}",
    "Stichting MOOI",
    "Xtra Welzijn",
    "Stichting Voor Welzijn",
    "Kerk in Actie",
    "Stichting Leergeld {city}",
    "Bibliotheek {city}",
    "Wijkteams {city}",
    "Voedselbank {city}",
    "Stichting Thuisadministratie",
];

const CONTACT_ROLES: &[&str] = &[
    "coördinator",
    "consulent",
    "vrijwilliger",
    "teamleider",
    "wijkconsulent",
    "budgetcoach",
    "trajectbegeleider",
];

const STREETS: &[&str] = &[
    "Hoefkade",
    "Paul Krugerlaan",
    "Loosduinseweg",
    "Leyweg",
    "Apeldoornselaan",
    "Vaillantlaan",
    "Beijerlandselaan",
    "Putselaan",
    "Groene Hilledijk",
    "Pretorialaan",
    "Slinge",
    "Dorpsweg",
    "Wolphaertsbocht",
    "Zuidplein",
    "Jan Blankenstraat",
];

const WORKERS: &[&str] = &[
    "anna", "bram", "cem", "dewi", "eva", "farid", "gijs", "hatice", "ilse", "joost",
];

const LANGUAGES: &[&str] = &[
    "en", "ar", "tr", "pl", "so", "ti", "uk", "fa", "es", "pt", "ro", "bg",
];

const COSTS: &[&str] = &[
    "gratis",
    "gratis",
    "gratis",
    "eigen bijdrage",
    "€ 2 per keer",
    "gratis, soms een kleine eigen bijdrage",
    "vergoed via de gemeente",
    "",
];

const REFERRALS: &[&str] = &[
    "zelf aanmelden, ook via een hulpverlener",
    "via het wijkteam of de huisarts",
    "gewoon binnenlopen tijdens de inloop",
    "aanmelden via de website of telefonisch",
    "via een verwijzer die de intake doet",
    "via school, het CJG of het jongerenwerk",
    "rechtstreeks contact opnemen",
    "na een kennismakingsgesprek",
    "via de schuldhulpverlening van de gemeente",
    "via de wijkagent of het wijkteam",
    "",
];

const AUDIENCES: &[&str] = &[
    "gezinnen met een laag inkomen",
    "jongeren van 12 tot 23 jaar",
    "bewoners met geldzorgen of schulden",
    "ouderen die eenzaam zijn",
    "vrouwen die Nederlands willen leren",
    "nieuwkomers en statushouders",
    "mantelzorgers en hun naasten",
    "ouders met vragen over opvoeden",
    "iedereen uit de buurt",
    "volwassenen met taal- of digitale vragen",
    "mensen zonder werk die willen meedoen",
    "kinderen van 4 tot 12 jaar",
    "bewoners met psychische klachten",
    "mensen met een verslaving en hun omgeving",
];

const TAGS: &[&str] = &[
    "schulden",
    "kinderen",
    "armoede",
    "taal",
    "eenzaamheid",
    "jongeren",
    "ouderen",
    "voedsel",
    "kleding",
    "werk",
    "vrijwilligers",
    "opvoeding",
    "huisvesting",
    "huur",
    "energie",
    "toeslagen",
    "administratie",
    "formulieren",
    "digitaal",
    "computer",
    "sport",
    "bewegen",
    "gezondheid",
    "psyche",
    "verslaving",
    "veiligheid",
    "overlast",
    "huiselijk geweld",
    "mantelzorg",
    "ontmoeting",
    "koffie",
    "inloop",
    "nieuwkomers",
    "statushouders",
    "vrouwen",
    "mannen",
    "ouders",
    "school",
    "huiswerk",
    "stage",
    "opleiding",
    "dagbesteding",
    "buurt",
    "groen",
    "tuin",
    "fiets",
    "laptop",
    "meedoen",
    "rouw",
    "zingeving",
    "geloof",
    "juridisch",
    "uitkering",
    "budget",
    "schuldhulp",
    "taalcafé",
    "spreekuur",
    "maatje",
    "coaching",
    "laaggeletterdheid",
];

/// Words between the content words.
const FUNCTION: &[&str] = &[
    "de", "het", "een", "en", "van", "voor", "met", "in", "op", "aan", "bij", "naar", "om", "te",
    "die", "dat", "is", "zijn", "wordt", "worden", "kan", "kunnen", "ook", "niet", "of", "als",
    "door", "over", "uit", "tot", "er", "wij", "we", "u", "je", "hun", "ze", "zij", "ons", "onze",
    "elke", "iedere", "alle", "veel", "samen", "nog", "al", "wel", "meer", "graag", "waar", "wat",
    "wie", "hoe", "zo", "dan", "maar", "want", "omdat", "zodat", "tijdens", "na", "zonder",
    "tegen", "per", "via", "binnen", "sinds", "terwijl", "één", "twee", "drie",
];

/// Common content words, most frequent first.
const CONTENT: &[&str] = &[
    "hulp",
    "bewoners",
    "buurt",
    "kinderen",
    "helpt",
    "ouders",
    "jongeren",
    "vrijwilligers",
    "gezinnen",
    "wijk",
    "ondersteuning",
    "advies",
    "schulden",
    "geld",
    "werk",
    "school",
    "taal",
    "samenwerking",
    "gratis",
    "inloop",
    "spreekuur",
    "vragen",
    "problemen",
    "zorg",
    "ouderen",
    "welzijn",
    "activiteiten",
    "ontmoeting",
    "begeleiding",
    "schuldhulp",
    "wijkteam",
    "huisbezoek",
    "aanmelden",
    "kosten",
    "inkomen",
    "toeslagen",
    "administratie",
    "formulieren",
    "brieven",
    "huur",
    "energie",
    "voedsel",
    "kleding",
    "meedoen",
    "eenzaamheid",
    "gezondheid",
    "opvoeding",
    "opvoeden",
    "veiligheid",
    "overlast",
    "verslaving",
    "psychische",
    "klachten",
    "huiselijk",
    "geweld",
    "mantelzorgers",
    "nieuwkomers",
    "statushouders",
    "Nederlands",
    "leren",
    "oefenen",
    "lezen",
    "schrijven",
    "digitale",
    "vaardigheden",
    "computer",
    "laptop",
    "fiets",
    "sport",
    "bewegen",
    "koken",
    "eten",
    "samen",
    "koffie",
    "thee",
    "gesprek",
    "gesprekken",
    "luisteren",
    "praten",
    "maatje",
    "maatjes",
    "coach",
    "training",
    "cursus",
    "cursussen",
    "groep",
    "groepen",
    "wekelijks",
    "maandelijks",
    "dagelijks",
    "ochtend",
    "middag",
    "avond",
    "week",
    "afspraak",
    "intake",
    "verwijzing",
    "verwijzer",
    "huisarts",
    "wijkagent",
    "gemeente",
    "stichting",
    "organisatie",
    "netwerk",
    "initiatief",
    "project",
    "plek",
    "ruimte",
    "buurthuis",
    "moskee",
    "kerk",
    "bibliotheek",
    "speeltuin",
    "tuin",
    "markt",
    "winkel",
    "uitgiftepunt",
    "voedselpakket",
    "voedselbank",
    "kledingbank",
    "regeling",
    "regelingen",
    "aanvragen",
    "uitkering",
    "bijstand",
    "belasting",
    "budget",
    "budgetcoach",
    "financiële",
    "situatie",
    "rust",
    "overzicht",
    "stress",
    "zorgen",
    "moeilijk",
    "lastig",
    "nieuw",
    "nieuwe",
    "kleine",
    "grote",
    "lokale",
    "eigen",
    "vaste",
    "tijdelijk",
    "persoonlijk",
    "laagdrempelig",
    "vertrouwd",
    "veilige",
    "open",
    "iedereen",
    "mensen",
    "vrouwen",
    "mannen",
    "moeders",
    "vaders",
    "baby",
    "peuters",
    "tieners",
    "studenten",
    "senioren",
    "werkzoekenden",
    "ondernemers",
    "professionals",
    "hulpverleners",
    "jongerenwerkers",
    "wijkwerkers",
    "buurtbewoners",
    "huishoudens",
    "kinderopvang",
    "huiswerk",
    "huiswerkbegeleiding",
    "stage",
    "opleiding",
    "baan",
    "vrijwilligerswerk",
    "dagbesteding",
    "zingeving",
    "rouw",
    "verlies",
    "scheiding",
    "conflict",
    "bemiddeling",
    "buurtbemiddeling",
    "burenruzie",
    "woning",
    "wonen",
    "huisvesting",
    "dakloos",
    "opvang",
    "schuldeisers",
    "betalingsachterstand",
    "incasso",
    "deurwaarder",
    "afsluiting",
    "ontruiming",
    "voorkomen",
    "signaleren",
    "doorverwijzen",
    "doorverwijzing",
    "samenwerken",
    "ondersteunen",
    "begeleiden",
    "organiseren",
    "organiseert",
    "biedt",
    "geeft",
    "zoekt",
    "kijkt",
    "komt",
    "gaat",
    "maakt",
    "houdt",
    "werkt",
    "helpen",
    "vinden",
    "regelen",
    "invullen",
    "ordenen",
    "aanpakken",
    "aanpak",
    "oplossing",
    "oplossingen",
    "toekomst",
    "perspectief",
    "kansen",
    "talent",
    "talenten",
    "zelfvertrouwen",
    "zelfstandig",
    "zelfredzaamheid",
    "mee",
    "thuis",
    "buiten",
    "straat",
    "plein",
    "basisschool",
    "middelbare",
    "mbo",
    "taalcafé",
    "taalles",
    "taalmaatje",
    "inburgering",
    "ideeën",
    "café",
    "financiën",
    "privé",
    "geïnteresseerden",
    "jeugd",
    "jeugdhulp",
    "jeugdwerk",
    "sportclub",
    "zwemles",
    "schoolspullen",
    "schoolreisje",
    "kinderfeest",
    "verjaardag",
    "feest",
    "buurtfeest",
    "festival",
    "kunst",
    "muziek",
    "dans",
    "theater",
    "creatief",
    "naaien",
    "repareren",
    "fietsen",
    "wandelen",
    "bezoek",
    "bellen",
    "telefonisch",
    "online",
    "website",
    "mail",
    "appen",
    "loket",
    "balie",
    "kantoor",
    "spreekkamer",
];

/// First parts of compounds.
const FIRST: &[&str] = &[
    "buurt",
    "wijk",
    "schuld",
    "taal",
    "jongeren",
    "ouder",
    "geld",
    "huis",
    "werk",
    "zorg",
    "hulp",
    "voedsel",
    "kinder",
    "gezins",
    "school",
    "sport",
    "speel",
    "woon",
    "straat",
    "vrijwilligers",
    "inloop",
    "spreek",
    "budget",
    "armoede",
    "rouw",
    "dag",
    "avond",
    "week",
    "moeder",
    "vader",
    "vrouwen",
    "mannen",
    "senioren",
    "mantel",
    "thuis",
    "zelf",
    "samen",
    "leer",
    "les",
    "kook",
    "eet",
    "tuin",
    "fiets",
    "naai",
    "computer",
    "digi",
    "belasting",
    "toeslag",
    "huur",
    "energie",
    "water",
    "post",
    "brief",
    "formulier",
    "opvoed",
    "gezondheids",
    "beweeg",
    "wandel",
    "praat",
    "koffie",
    "thee",
    "sociaal",
    "veilig",
    "burgers",
    "bewoners",
    "kennis",
    "ervarings",
    "talent",
    "toekomst",
    "stage",
    "baan",
    "opleidings",
    "studie",
    "lees",
    "schrijf",
    "reken",
    "geloofs",
    "moskee",
    "kerk",
    "wereld",
    "cultuur",
    "muziek",
    "dans",
    "theater",
    "kunst",
    "media",
    "lotgenoten",
    "steun",
    "vertrouwens",
    "klanten",
    "cliënten",
    "migranten",
    "nieuwkomers",
    "statushouders",
    "peuter",
    "baby",
    "tiener",
    "studenten",
    "werkzoekenden",
    "ondernemers",
    "winkel",
    "markt",
    "groente",
    "kleding",
    "meubel",
    "speelgoed",
    "boeken",
    "schoenen",
    "opvang",
    "nacht",
    "crisis",
    "nood",
    "spoed",
    "preventie",
    "signaal",
    "meld",
    "advies",
    "informatie",
    "netwerk",
    "wijkteam",
    "gemeente",
    "stads",
    "dorps",
    "pleinen",
    "park",
    "groen",
    "natuur",
    "dieren",
    "zwem",
    "voetbal",
    "box",
    "yoga",
    "fitness",
    "gezond",
    "levens",
    "zingevings",
    "pastoraal",
    "familie",
    "relatie",
    "scheidings",
    "ouderschaps",
    "opa",
    "oma",
    "kleinkind",
    "buren",
];

/// Second parts of compounds.
const SECOND: &[&str] = &[
    "hulp",
    "huis",
    "werk",
    "punt",
    "café",
    "club",
    "groep",
    "kamer",
    "loket",
    "spreekuur",
    "cursus",
    "project",
    "team",
    "netwerk",
    "maatje",
    "coach",
    "coaching",
    "training",
    "middag",
    "ochtend",
    "avond",
    "plek",
    "winkel",
    "bank",
    "fonds",
    "regeling",
    "ondersteuning",
    "begeleiding",
    "advies",
    "steun",
    "kring",
    "tafel",
    "atelier",
    "werkplaats",
    "dienst",
    "centrum",
    "kompas",
    "wijzer",
    "route",
    "bus",
    "markt",
    "tuin",
    "keuken",
    "kast",
    "pakket",
    "pas",
    "budget",
    "plan",
    "gesprek",
    "bezoek",
    "vrijwilliger",
    "werker",
    "consulent",
    "adviseur",
    "moeder",
    "vader",
    "ouder",
    "kind",
    "school",
    "klas",
    "les",
    "boek",
    "krant",
    "radio",
    "festival",
    "feest",
    "dag",
    "week",
    "reis",
    "uitje",
    "zorg",
    "opvang",
    "lijn",
    "telefoon",
    "app",
    "site",
    "portaal",
    "kaart",
    "gids",
    "brigade",
    "patrouille",
    "wacht",
    "ploeg",
    "kern",
    "raad",
    "commissie",
    "vereniging",
    "stichting",
    "collectief",
    "coöperatie",
    "beweging",
    "actie",
    "campagne",
    "aanpak",
    "traject",
    "programma",
    "methode",
    "cirkel",
    "academie",
    "lab",
    "studio",
    "podium",
    "hoek",
    "kantoor",
    "post",
    "balie",
    "bureau",
    "agent",
    "hub",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::file;
    use std::collections::HashSet;

    #[test]
    fn generated_files_parse_back_to_the_same_entries() {
        for (n, seed) in [(0, 1), (1, 2), (250, 3), (250, 0xDEAD_BEEF)] {
            let text = toml(n, seed);
            let parsed = match file::parse(&text) {
                Ok(f) => f,
                Err(problems) => panic!(
                    "n={n} seed={seed}: {:?}",
                    &problems[..problems.len().min(5)]
                ),
            };
            assert_eq!(parsed, map_file(n, seed));
        }
    }

    #[test]
    fn deterministic_unique_and_prefix_stable() {
        let a = entries(300, 7);
        assert_eq!(a, entries(300, 7));
        assert_ne!(a, entries(300, 8));
        assert_eq!(&a[..100], &entries(100, 7)[..]);
        let ids: HashSet<_> = a.iter().map(|e| &e.id).collect();
        assert_eq!(ids.len(), a.len());
        assert_eq!(a[123].id, "gen-000123");
        for e in &a {
            assert!(crate::map::entry::is_valid_id(&e.id));
            assert!(!e.name.trim().is_empty());
            assert!((1..=3).contains(&e.domains.len()));
            assert!((1..=3).contains(&e.areas.len()));
        }
        for kind in Kind::ALL {
            assert!(a.iter().any(|e| e.kind == kind), "{kind:?} missing");
        }
    }

    #[test]
    fn shaped_like_a_real_map() {
        let s = shape(&entries(2000, 1));
        assert!((420.0..540.0).contains(&s.text), "{s:?}");
        assert!((125.0..175.0).contains(&s.short), "{s:?}");
        assert!((18.0..26.0).contains(&s.name), "{s:?}");
    }

    #[test]
    fn word_lists_have_no_duplicates() {
        for list in [CONTENT, FIRST, SECOND, FUNCTION, TAGS] {
            let set: HashSet<_> = list.iter().collect();
            assert_eq!(set.len(), list.len(), "{:?}", &list[..3]);
        }
        assert_ne!(COMPOUNDS as u64 % STRIDE, 0);
    }
}
