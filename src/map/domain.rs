//! The fifteen life domains (leefgebieden) and the three kinds of entry.
//!
//! Ids are fixed by the file format; each type carries its own labels in
//! both interface languages.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// A life domain of the Zelfredzaamheid-Matrix, plus parenting and living environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LifeDomain {
    Finances,
    WorkEducation,
    Daytime,
    Housing,
    DomesticRelations,
    Parenting,
    MentalHealth,
    PhysicalHealth,
    SubstanceUse,
    BasicAdl,
    InstrumentalAdl,
    SocialNetwork,
    Participation,
    Justice,
    LivingEnvironment,
}

impl LifeDomain {
    /// All domains in the order of the format spec (and of the overview screen).
    pub const ALL: [LifeDomain; 15] = [
        LifeDomain::Finances,
        LifeDomain::WorkEducation,
        LifeDomain::Daytime,
        LifeDomain::Housing,
        LifeDomain::DomesticRelations,
        LifeDomain::Parenting,
        LifeDomain::MentalHealth,
        LifeDomain::PhysicalHealth,
        LifeDomain::SubstanceUse,
        LifeDomain::BasicAdl,
        LifeDomain::InstrumentalAdl,
        LifeDomain::SocialNetwork,
        LifeDomain::Participation,
        LifeDomain::Justice,
        LifeDomain::LivingEnvironment,
    ];

    /// The id used in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            LifeDomain::Finances => "finances",
            LifeDomain::WorkEducation => "work-education",
            LifeDomain::Daytime => "daytime",
            LifeDomain::Housing => "housing",
            LifeDomain::DomesticRelations => "domestic-relations",
            LifeDomain::Parenting => "parenting",
            LifeDomain::MentalHealth => "mental-health",
            LifeDomain::PhysicalHealth => "physical-health",
            LifeDomain::SubstanceUse => "substance-use",
            LifeDomain::BasicAdl => "basic-adl",
            LifeDomain::InstrumentalAdl => "instrumental-adl",
            LifeDomain::SocialNetwork => "social-network",
            LifeDomain::Participation => "participation",
            LifeDomain::Justice => "justice",
            LifeDomain::LivingEnvironment => "living-environment",
        }
    }

    pub fn from_id(id: &str) -> Option<LifeDomain> {
        LifeDomain::ALL.into_iter().find(|d| d.id() == id)
    }

    /// Position in [`LifeDomain::ALL`]; also the bit in a domain set.
    pub fn index(self) -> usize {
        self as usize
    }

    /// One bit per domain, so a set of domains fits in a `u16`.
    pub fn bit(self) -> u16 {
        1 << self.index()
    }

    /// The label of a life domain as the interface shows it.
    pub fn label(self, lang: Lang) -> &'static str {
        use LifeDomain::*;
        let (nl, en) = match self {
            Finances => ("Financiën", "Finances"),
            WorkEducation => ("Werk & opleiding", "Work & education"),
            Daytime => ("Tijdsbesteding", "Daytime activities"),
            Housing => ("Huisvesting", "Housing"),
            DomesticRelations => ("Huiselijke relaties", "Domestic relations"),
            Parenting => ("Opvoeding", "Parenting"),
            MentalHealth => ("Geestelijke gezondheid", "Mental health"),
            PhysicalHealth => ("Lichamelijke gezondheid", "Physical health"),
            SubstanceUse => ("Middelengebruik", "Substance use"),
            BasicAdl => ("Basale ADL", "Basic daily living"),
            InstrumentalAdl => ("Instrumentele ADL", "Instrumental daily living"),
            SocialNetwork => ("Sociaal netwerk", "Social network"),
            Participation => ("Maatschappelijke participatie", "Community participation"),
            Justice => ("Justitie & veiligheid", "Justice & safety"),
            LivingEnvironment => ("Leefomgeving", "Living environment"),
        };
        lang.pick(nl, en)
    }

    /// Everyday Dutch words for the domain, as workers tag a note with them
    /// (`#wonen`, `#geld`, `#school`); `#` on the search line takes them too.
    pub fn common_words(self) -> &'static [&'static str] {
        use LifeDomain::*;
        match self {
            Finances => &[
                "geld",
                "schulden",
                "inkomen",
                "uitkering",
                "budget",
                "toeslagen",
            ],
            WorkEducation => &["werk", "baan", "school", "opleiding", "studie", "stage"],
            Daytime => &["dagbesteding", "vrije tijd", "hobby"],
            Housing => &["wonen", "woning", "huis", "huur", "dakloos"],
            DomesticRelations => &["relatie", "huiselijk geweld", "scheiding", "gezin"],
            Parenting => &["opvoeden", "kinderen", "ouders", "jeugd"],
            MentalHealth => &["psychisch", "ggz", "stress", "gezondheid"],
            PhysicalHealth => &["gezondheid", "ziek", "huisarts"],
            SubstanceUse => &["verslaving", "drugs", "alcohol", "gokken"],
            BasicAdl => &["zelfzorg", "verzorging"],
            InstrumentalAdl => &["administratie", "post", "formulieren", "huishouden"],
            SocialNetwork => &["netwerk", "eenzaam", "eenzaamheid", "contact"],
            Participation => &["meedoen", "vrijwilligerswerk", "participatie"],
            Justice => &["justitie", "politie", "veiligheid", "recht"],
            LivingEnvironment => &["buurt", "wijk", "overlast"],
        }
    }

    /// The words for a domain in anything written for the client (Dutch):
    /// the client version of the matrix ("Mijn ZRM").
    pub fn client_label(self) -> &'static str {
        use LifeDomain::*;
        match self {
            Finances => "Geldzaken",
            WorkEducation => "Werk en opleiding",
            Daytime => "Tijdsbesteding",
            Housing => "Woning",
            DomesticRelations => "Relaties thuis",
            Parenting => "Opvoeden",
            MentalHealth => "Geestelijke gezondheid",
            PhysicalHealth => "Lichamelijke gezondheid",
            SubstanceUse => "Verslaving",
            BasicAdl => "Zelfzorg",
            InstrumentalAdl => "Dagelijkse activiteiten",
            SocialNetwork => "Sociaal netwerk",
            Participation => "Inzet voor de maatschappij",
            Justice => "Justitie",
            LivingEnvironment => "Mijn buurt",
        }
    }
}

/// What an entry is: a person in a role, a local initiative, or a (public) service.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Kind {
    KeyFigure,
    #[default]
    Initiative,
    Service,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::KeyFigure, Kind::Initiative, Kind::Service];

    pub fn id(self) -> &'static str {
        match self {
            Kind::KeyFigure => "key-figure",
            Kind::Initiative => "initiative",
            Kind::Service => "service",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The label of a kind as the interface shows it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::KeyFigure => lang.pick("Sleutelfiguur", "Key figure"),
            Kind::Initiative => lang.pick("Initiatief", "Initiative"),
            Kind::Service => lang.pick("Voorziening", "Service"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_distinct() {
        for d in LifeDomain::ALL {
            assert_eq!(LifeDomain::from_id(d.id()), Some(d));
        }
        let bits = LifeDomain::ALL.iter().fold(0u16, |acc, d| {
            assert_eq!(acc & d.bit(), 0);
            acc | d.bit()
        });
        assert_eq!(bits.count_ones(), 15);
        for k in Kind::ALL {
            assert_eq!(Kind::from_id(k.id()), Some(k));
        }
        assert_eq!(LifeDomain::from_id("finance"), None);
    }
}
