use super::*;

fn names(s: &str) -> Vec<String> {
    parse_names(s).names.into_iter().map(|n| n.name).collect()
}

#[test]
fn headings() {
    let h = parse_heading("For (48)").unwrap();
    assert_eq!((h.option, h.count, h.label.as_str()), (VoteOption::Yes, Some(48), "For"));
    let h = parse_heading("  Against (13)").unwrap();
    assert_eq!((h.option, h.count), (VoteOption::No, Some(13)));
    let h = parse_heading("Abstain (9)").unwrap();
    assert_eq!((h.option, h.count), (VoteOption::Abstain, Some(9)));
    let h = parse_heading("Abstentions").unwrap();
    assert_eq!((h.option, h.count, h.label.as_str()), (VoteOption::Abstain, None, "Abstentions"));
    let h = parse_heading("**FOR (3):** Mr A Smith, Mrs B Jones").unwrap();
    assert_eq!((h.option, h.count), (VoteOption::Yes, Some(3)));
    assert_eq!(h.rest, "Mr A Smith, Mrs B Jones");
    assert_eq!(parse_heading("Against (0)").and_then(|h| h.count), Some(0));
    assert_eq!(parse_heading("For the reasons set out above"), None);
    assert_eq!(parse_heading("Forward Plan (3)"), None);
    assert_eq!(parse_heading("For (48) members present"), None);
}

#[test]
fn titles_and_honours() {
    assert_eq!(
        names("Mr Baker, Sir Paul Carter, CBE, Mr Hill, OBE, Dr Sullivan, Cllr Jones, Miss Carey"),
        [
            "Mr Baker",
            "Sir Paul Carter, CBE",
            "Mr Hill, OBE",
            "Dr Sullivan",
            "Cllr Jones",
            "Miss Carey"
        ]
    );
    let l = parse_names("Sir Paul Carter, CBE, Mr Love, OBE");
    assert_eq!(l.names[0].honours, ["CBE"]);
    assert_eq!(l.names[0].title.as_deref(), Some("Sir"));
    assert_eq!(l.names[0].surname.as_deref(), Some("Carter"));
    assert_eq!(l.names[1].surname.as_deref(), Some("Love"));
}

#[test]
fn stray_commas_and_empty_slots() {
    assert_eq!(
        names("Mr M, Horwood, Mr A Marsh, , Mr J McInroy, Mrs S, Prendergast, Mr Ozog,"),
        ["Mr M Horwood", "Mr A Marsh", "Mr J McInroy", "Mrs S Prendergast", "Mr Ozog"]
    );
    let l = parse_names("Mrs S, Prendergast");
    assert_eq!(l.names.len(), 1);
    assert_eq!(l.names[0].raw, "Mrs S, Prendergast");
    assert_eq!(names("Mr A Ridgers, Mr M Whybrow."), ["Mr A Ridgers", "Mr M Whybrow"]);
}

#[test]
fn full_stops_and_and() {
    assert_eq!(
        names("Mr T Bond. Mr A H T Bowles, Mr P B Carter, CBE. Mr N J D Chard and Ms L Wright"),
        ["Mr T Bond", "Mr A H T Bowles", "Mr P B Carter, CBE", "Mr N J D Chard", "Ms L Wright"]
    );
}

#[test]
fn roles_in_brackets() {
    let l = parse_names(
        "Mr D Cockburn (Corporate Director Strategic & Corporate Services), Mr B Watts (General Counsel) and Mr J Lynch (Head of Democratic Services)",
    );
    assert_eq!(l.names.len(), 3);
    assert_eq!(l.names[0].name, "Mr D Cockburn");
    assert_eq!(
        l.names[0].role.as_deref(),
        Some("Corporate Director Strategic & Corporate Services")
    );
    assert_eq!(l.names[2].role.as_deref(), Some("Head of Democratic Services"));
    let l =
        parse_names("Mr L B Ridings, MBE (Chairman), Mrs T Dean, MBE (Substitute for Mr M J Vye)");
    assert_eq!(l.names.len(), 2);
    assert_eq!(l.names[1].name, "Mrs T Dean, MBE");
    assert_eq!(l.names[1].role.as_deref(), Some("Substitute for Mr M J Vye"));
    let l = parse_names("Mr D L Brazier (Chairman) Mr M J Angell (Vice-Chairman)");
    assert_eq!(
        l.names.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(),
        ["Mr D L Brazier", "Mr M J Angell"]
    );
    assert_eq!(l.names[1].role.as_deref(), Some("Vice-Chairman"));
    assert!(parse_names("()").names.is_empty());
}

#[test]
fn untitled_names_stand_alone() {
    assert_eq!(
        names("Mr A Kennedy, Rich Lehmann, Mr B H Lewis"),
        ["Mr A Kennedy", "Rich Lehmann", "Mr B H Lewis"]
    );
}

#[test]
fn wrapped_lines() {
    let joined =
        join_wrapped(["Mr Baker, Mr Bond, Mr", "Booth, Mr Love,", "OBE, Mr Derek Crow-", "Brown"]);
    assert_eq!(joined, "Mr Baker, Mr Bond, Mr Booth, Mr Love, OBE, Mr Derek Crow-Brown");
    assert_eq!(
        names(&joined),
        ["Mr Baker", "Mr Bond", "Mr Booth", "Mr Love, OBE", "Mr Derek Crow-Brown"]
    );
}

#[test]
fn count_only_votes() {
    let c = find_count_only(
        "Upon being put to the vote, this was carried, with 10 for, 0 against and 1 abstention.",
    )
    .unwrap();
    assert_eq!((c.for_count, c.against, c.abstain), (10, 0, Some(1)));
    assert_eq!(c.raw, "10 for, 0 against and 1 abstention");
    let c = find_count_only("For: 7 Against: 2 Abstentions: 1").unwrap();
    assert_eq!((c.for_count, c.against, c.abstain), (7, 2, Some(1)));
    let c = find_count_only("The vote was For 5, Against 3.").unwrap();
    assert_eq!((c.for_count, c.against, c.abstain), (5, 3, None));
    assert_eq!(find_count_only("For (48)"), None);
    assert_eq!(find_count_only("voted for 2 years against the plan"), None);
    assert_eq!(find_count_only("a fund for 2024 and the case against it"), None);
}

#[test]
fn outcomes() {
    let o = parse_outcome("Motion carried").unwrap();
    assert!(o.passed);
    assert_eq!(o.kind.as_deref(), Some("motion"));
    let o = parse_outcome("   Amendment lost.").unwrap();
    assert!(!o.passed);
    assert_eq!(o.kind.as_deref(), Some("amendment"));
    assert_eq!(o.raw, "Amendment lost.");
    let o = parse_outcome("Substantive Motion Carried.").unwrap();
    assert!(o.passed);
    assert_eq!(o.kind.as_deref(), Some("substantive motion"));
    assert_eq!(parse_outcome("Carried").map(|o| o.passed), Some(true));
    assert_eq!(parse_outcome("The amendment was lost").map(|o| o.passed), Some(false));
    assert_eq!(parse_outcome("Motion"), None);
    assert_eq!(parse_outcome("The Council carried on with the debate"), None);
}

#[test]
fn outcomes_in_text() {
    let o = find_outcome(
        "- (2) Following the debate the motion set out above was agreed without a formal vote.",
    )
    .unwrap();
    assert!(o.passed && o.without_vote);
    assert_eq!(o.kind.as_deref(), Some("motion"));
    assert_eq!(o.raw, "agreed without a formal vote");
    let o = find_outcome("Upon being put to the vote, this was carried, with 10 for").unwrap();
    assert!(o.passed && !o.without_vote);
    assert_eq!(o.raw, "was carried");
    let o = find_outcome("After debate the amendment was lost.").unwrap();
    assert!(!o.passed);
    assert_eq!(o.kind.as_deref(), Some("amendment"));
    assert_eq!(find_outcome("the motion was not carried").map(|o| o.passed), Some(false));
    assert_eq!(find_outcome("He carried the papers and had lost his place"), None);
}

#[test]
fn lines_ending_mid_name() {
    assert!(ends_mid_name("Mr Baker, Mr Bond,"));
    assert!(ends_mid_name("Mr Whiting, Mr Wright, Ms"));
    assert!(ends_mid_name("Mr Y Yardley, Ms Z"));
    assert!(ends_mid_name("Mr Paul Barrington-"));
    assert!(!ends_mid_name("Mr B Lewis, Mr D Ross"));
    assert!(!ends_mid_name("Mr J Wright and Ms L Wright"));
}
