//! Lists of people as minutes print them: `Mr P B Carter, CBE (Chairman), Miss S J Carey and
//! Mr J D Simmonds, MBE`, with `.` or nothing between names, honours after a comma, roles in
//! (nested) brackets, and names without a title (`Ida Linfield`).

use crate::model::pack::Person;
use grammars::votes::{HONOURS, is_honour, is_title, starts_with_title};

fn without_roles(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Splits a list into one string per person (roles and honours kept with their person).
pub fn split_names(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut tokens: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut i = 0;
    let rest_starts_title = |j: usize| -> bool {
        let rest: String = chars[j..chars.len().min(j + 16)].iter().collect();
        starts_with_title(rest.trim_start())
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 {
            if c == ',' || c == ';' {
                tokens.push(std::mem::take(&mut cur));
                i += 1;
                continue;
            }
            if c == '.' && chars.get(i + 1) == Some(&' ') && rest_starts_title(i + 1) {
                tokens.push(std::mem::take(&mut cur));
                i += 1;
                continue;
            }
            if c == ')' && chars.get(i + 1) == Some(&' ') && rest_starts_title(i + 1) {
                cur.push(c);
                tokens.push(std::mem::take(&mut cur));
                i += 1;
                continue;
            }
            if c == ' ' && chars[i..].iter().take(5).collect::<String>() == " and " {
                tokens.push(std::mem::take(&mut cur));
                i += 5;
                continue;
            }
        }
        cur.push(c);
        i += 1;
    }
    tokens.push(cur);
    let tokens: Vec<String> = tokens
        .into_iter()
        .map(|t| {
            t.trim().trim_start_matches("and ").trim().trim_end_matches('.').trim().to_string()
        })
        .filter(|t| !t.is_empty())
        .collect();
    let titled = tokens.iter().filter(|t| starts_with_title(t)).count();
    let mostly_titled = titled * 2 > tokens.len();
    let mut out: Vec<String> = Vec::new();
    for t in tokens {
        if let Some(prev) = out.last_mut() {
            if is_honour(&without_roles(&t)) {
                prev.push_str(", ");
                prev.push_str(&t);
                continue;
            }
            let one_word = !t.contains(' ') && !t.contains('(');
            if mostly_titled
                && !starts_with_title(&t)
                && one_word
                && t.chars().next().is_some_and(char::is_uppercase)
            {
                prev.push(' ');
                prev.push_str(&t);
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// One person from a list entry: `Mr P B Carter, CBE (Chairman)`.
pub fn person(entry: &str) -> Option<Person> {
    let mut name = String::new();
    let mut roles: Vec<String> = Vec::new();
    let mut depth = 0;
    let mut role = String::new();
    for c in entry.chars() {
        match c {
            '(' => {
                if depth > 0 {
                    role.push(c);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    roles.push(std::mem::take(&mut role).trim().to_string());
                } else {
                    role.push(c);
                }
            }
            _ if depth > 0 => role.push(c),
            _ => name.push(c),
        }
    }
    if depth > 0 && !role.trim().is_empty() {
        roles.push(role.trim().to_string());
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name
        .trim_matches(|c: char| c == ',' || c == '.' || c == '-' || c == '–' || c.is_whitespace());
    let name = name.replace(" ,", ",");
    if name.is_empty() || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let title = words.first().filter(|w| is_title(w)).map(|w| w.trim_end_matches('.').to_string());
    let surname = words
        .iter()
        .rev()
        .map(|w| w.trim_end_matches([',', '.']))
        .find(|w| !HONOURS.contains(w) && !w.is_empty() && !is_title(w))
        .map(str::to_string);
    let role = roles.into_iter().filter(|r| !r.is_empty()).collect::<Vec<_>>().join("; ");
    Some(Person { name, title, surname, role: (!role.is_empty()).then_some(role) })
}

/// Every person in a list.
pub fn people(s: &str) -> Vec<Person> {
    split_names(s).iter().filter_map(|e| person(e)).collect()
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
