//! What the tornado measures and goal seek targets ([`Measured`]): a figure of a year of the
//! report ([`Indicator`]), or what a plan does for families in the first year
//! ([`ProtectionFigure`]: the catastrophic and impoverishing shares, the mean out-of-pocket
//! payment per admission), or a chance over the draws of the risk figures ([`RiskFigure`]: of
//! a deficit in a year, of having run out by a year). One name, label, unit and display rule each, from `indicator` and
//! `protection`; nothing is worded here.

use crate::answers::protection::ProtectionFigure;
use crate::answers::risk::RiskFigure;
use crate::base::lang::{Lang, Text};
use crate::base::money;
use crate::base::units::{Figure, Shown, Unit};
use crate::model::indicator::Indicator;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A figure asked about. It reads and writes as its name (`surplus`, `catastrophic_10`,
/// `inpatient_catastrophic_10`), so that the JSON of a target or a tornado's outcome is the same
/// whether it names an indicator or a protection figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measured {
    /// A figure of one year of the report, for the plan's own projection.
    Indicator(Indicator),
    /// A protection figure: the first year only, the baseline's patients priced under the plan
    /// (docs/protection.md).
    Protection(ProtectionFigure),
    /// A chance over the risk figures' draws (docs/risk.md), for the plan only, with the default
    /// draws and seed: a share of draws, a multiple of 1/2000.
    Risk(RiskFigure),
}

impl From<Indicator> for Measured {
    fn from(indicator: Indicator) -> Measured {
        Measured::Indicator(indicator)
    }
}

impl From<ProtectionFigure> for Measured {
    fn from(figure: ProtectionFigure) -> Measured {
        Measured::Protection(figure)
    }
}

impl Measured {
    /// Every figure that can be asked about: the indicators, the protection figures, then the
    /// chances.
    pub fn all() -> impl Iterator<Item = Measured> {
        Indicator::ALL
            .into_iter()
            .map(Measured::Indicator)
            .chain(ProtectionFigure::all().map(Measured::Protection))
            .chain(RiskFigure::ALL.into_iter().map(Measured::Risk))
    }

    /// Its name: the report's field (`surplus`) or the protection figure's (`catastrophic_10`).
    pub fn name(self) -> String {
        match self {
            Measured::Indicator(i) => i.name().to_string(),
            Measured::Protection(p) => p.name(),
            Measured::Risk(r) => r.name().to_string(),
        }
    }

    /// The figure of a name.
    pub fn parse(name: &str) -> Option<Measured> {
        Indicator::parse(name)
            .map(Measured::Indicator)
            .or_else(|| ProtectionFigure::parse(name).map(Measured::Protection))
            .or_else(|| RiskFigure::parse(name).map(Measured::Risk))
    }

    /// Its name for people, in lower case where English puts it inside a sentence.
    pub fn label(self) -> Text {
        match self {
            Measured::Indicator(i) => i.label().into(),
            Measured::Protection(p) => p.label(),
            Measured::Risk(r) => r.label().into(),
        }
    }

    /// Its name at the head of a row or a list: "Fund income", "Patients paying over …".
    pub fn title(self, lang: Lang) -> String {
        crate::base::lang::capitalise(self.label().get(lang))
    }

    pub fn unit(self) -> Unit {
        match self {
            Measured::Indicator(i) => i.unit(),
            Measured::Protection(p) => p.unit(),
            Measured::Risk(_) => Unit::Share,
        }
    }

    /// How it is shown: the one display rule of its kind.
    pub fn shown(self) -> Shown {
        match self {
            Measured::Indicator(i) => i.shown(),
            Measured::Protection(p) => p.shown(),
            Measured::Risk(_) => Shown::Percent,
        }
    }

    /// The indicator of the report it is, if it is one.
    pub fn indicator(self) -> Option<Indicator> {
        match self {
            Measured::Indicator(i) => Some(i),
            Measured::Protection(_) | Measured::Risk(_) => None,
        }
    }

    /// Whether it is a protection figure, read in the first year only.
    pub fn is_protection(self) -> bool {
        matches!(self, Measured::Protection(_))
    }

    /// Whether it is a chance over the risk figures' draws.
    pub fn is_risk(self) -> bool {
        matches!(self, Measured::Risk(_))
    }

    /// A value of it as people read it: "463.20 元", "24.8%", "21,027.43 万元".
    pub fn show(self, value: f64, lang: Lang) -> String {
        match self {
            Measured::Indicator(i) => i.show(value, lang),
            Measured::Risk(_) => Shown::Percent.text(&Figure::Share(value), lang),
            Measured::Protection(p) => {
                let figure = match p.unit() {
                    Unit::Yuan => match money::decimal_from_f64(value) {
                        Some(amount) => Figure::Yuan(money::fen(amount)),
                        None => return Unit::Yuan.show(value, lang),
                    },
                    _ => Figure::Share(value),
                };
                p.shown().text(&figure, lang)
            }
        }
    }
}

impl Serialize for Measured {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

impl<'de> Deserialize<'de> for Measured {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Measured, D::Error> {
        let name = String::deserialize(deserializer)?;
        Measured::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("no figure named {name:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_reads_back_by_its_name_and_the_names_are_distinct() {
        let all: Vec<Measured> = Measured::all().collect();
        for figure in &all {
            assert_eq!(Measured::parse(&figure.name()), Some(*figure));
            assert!(!figure.label().zh.is_empty() && !figure.label().en.is_empty());
            let json = serde_json::to_string(figure).unwrap();
            assert_eq!(serde_json::from_str::<Measured>(&json).unwrap(), *figure);
        }
        let mut names: Vec<String> = all.iter().map(|f| f.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all.len());
        assert_eq!(all.len(), 24 + 4 + 16 + 1 + 2);
        assert_eq!(
            serde_json::to_string(&Measured::Indicator(Indicator::Surplus)).unwrap(),
            "\"surplus\""
        );
    }
}
