//! Lists of people as minutes print them: `Mr P B Carter, CBE (Chairman), Miss S J Carey and
//! Mr J D Simmonds, MBE`, with `.` or nothing between names, honours after a comma, roles in
//! (nested) brackets, and names without a title (`Ida Linfield`). The list is read by the
//! name-list grammar the recorded votes use too ([`grammars::votes::parse_names`]); this module
//! gives its names the pack's [`Person`] shape.

use crate::model::pack::Person;
use grammars::votes::{MemberName, parse_names};

fn person_of(n: MemberName) -> Person {
    Person { name: n.name, title: n.title, surname: n.surname, role: n.role }
}

/// One person from a list entry: `Mr P B Carter, CBE (Chairman)` (the first, should the entry
/// hold a list).
pub fn person(entry: &str) -> Option<Person> {
    parse_names(entry).names.into_iter().next().map(person_of)
}

/// Every person in a list, read by the name-list grammar ([`grammars::votes::parse_names`]).
pub fn people(s: &str) -> Vec<Person> {
    parse_names(s).names.into_iter().map(person_of).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        people(s).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn honours_after_commas() {
        let v = people(
            "Mr P B Carter, CBE (Chairman), Mr M A C Balfour, Miss S J Carey, Mr P M Hill, OBE, Mr P J Oakford and Mr J D Simmonds, MBE",
        );
        let n: Vec<&str> = v.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            n,
            [
                "Mr P B Carter, CBE",
                "Mr M A C Balfour",
                "Miss S J Carey",
                "Mr P M Hill, OBE",
                "Mr P J Oakford",
                "Mr J D Simmonds, MBE"
            ]
        );
        assert_eq!(v[0].role.as_deref(), Some("Chairman"));
        assert_eq!(v[0].surname.as_deref(), Some("Carter"));
        assert_eq!(v[2].title.as_deref(), Some("Miss"));
        let v = people(
            "Mr L B Ridings, MBE (Chairman), Mrs T Dean, MBE (Substitute for Mr M J Vye), Mr G Cowan",
        );
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].name, "Mr L B Ridings, MBE");
        assert_eq!(v[0].role.as_deref(), Some("Chairman"));
        assert_eq!(v[1].role.as_deref(), Some("Substitute for Mr M J Vye"));
    }

    #[test]
    fn full_stops_and_no_separator() {
        assert_eq!(
            names("Mr D L Brazier (Chairman) Mr M J Angell (Vice-Chairman)"),
            ["Mr D L Brazier", "Mr M J Angell"]
        );
        assert_eq!(
            names("Mr T Bond. Mr A H T Bowles, Mr R H Bird"),
            ["Mr T Bond", "Mr A H T Bowles", "Mr R H Bird"]
        );
    }

    #[test]
    fn nested_roles_and_untitled() {
        let v = people(
            "Nick Abrahams (Assistant Director education- West Kent), David Adams (Assistant Director Education (South Kent)), and Robert Veale (Assistant Director)",
        );
        assert_eq!(v.len(), 3);
        assert_eq!(v[1].role.as_deref(), Some("Assistant Director Education (South Kent)"));
        assert_eq!(v[1].surname.as_deref(), Some("Adams"));
        assert_eq!(
            names("Mrs Beresford, Mr Balfour, Ida Linfield and Miss Rankin"),
            ["Mrs Beresford", "Mr Balfour", "Ida Linfield", "Miss Rankin"]
        );
        assert_eq!(
            names("Mr M, Horwood, Mrs S, Prendergast, , Mr J McInroy,"),
            ["Mr M Horwood", "Mrs S Prendergast", "Mr J McInroy"]
        );
    }
}
