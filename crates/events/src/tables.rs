//! CAMEO tables kept as data: Goldstein scale by event code, quad class by root, and the
//! ISO 3166 alpha-2 → alpha-3 map used to turn linked countries into CAMEO country codes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

static GOLDSTEIN: &str = include_str!("../data/goldstein.tsv");
static ISO: &str = include_str!("../data/iso3166.tsv");

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect::<Vec<_>>())
}

fn goldstein_table() -> &'static BTreeMap<&'static str, f64> {
    static T: OnceLock<BTreeMap<&'static str, f64>> = OnceLock::new();
    T.get_or_init(|| {
        rows(GOLDSTEIN)
            .filter_map(|r| Some((*r.first()?, r.get(1)?.trim().parse().ok()?)))
            .collect()
    })
}

fn iso_table() -> &'static BTreeMap<&'static str, &'static str> {
    static T: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| rows(ISO).filter_map(|r| Some((*r.first()?, *r.get(1)?))).collect())
}

/// Goldstein score of a CAMEO event code, from the code or its longest listed prefix.
pub fn goldstein(code: &str) -> Option<f64> {
    let t = goldstein_table();
    (2..=code.len())
        .rev()
        .find_map(|n| code.get(..n).and_then(|p| t.get(p)).copied())
}

/// Quad class: 1 verbal cooperation (roots 01–05), 2 material cooperation (06–08), 3 verbal
/// conflict (09–13), 4 material conflict (14–20).
pub fn quad_class(root: &str) -> Option<u8> {
    let r: u32 = root.parse().ok()?;
    Some(match r {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => return None,
    })
}

/// ISO 3166-1 alpha-3 code for an alpha-2 code.
pub fn iso3(alpha2: &str) -> Option<&'static str> {
    iso_table().get(alpha2.to_ascii_uppercase().as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        assert_eq!(goldstein("0341"), Some(7.0));
        assert_eq!(goldstein("173"), Some(-5.0));
        assert_eq!(goldstein("99"), None);
        assert_eq!(quad_class("17"), Some(4));
        assert_eq!(quad_class("04"), Some(1));
        assert_eq!(iso3("US"), Some("USA"));
        assert_eq!(iso3("kp"), Some("PRK"));
    }
}
