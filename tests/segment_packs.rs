//! Segmentation of the four shared text packs, checked against values read from the packs and
//! their notes (`../shared/notes/*.txt.md`): the meeting, every agenda item on the front sheet
//! (number, title, page range), and for each minutes block its date, members present and minute
//! numbers.

use agendapack::ingest::text;
use agendapack::model::Pack;
use agendapack::model::pack::{Part, SectionKind};
use agendapack::segment::segment;
use agendapack::testsupport::shared_dir;

fn pack(name: &str) -> Option<Pack> {
    let dir = shared_dir()?;
    let path = dir.join("corpus").join("text").join(name);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let t = std::time::Instant::now();
    let layout = text::read(&src);
    let read = t.elapsed();
    let p = segment(&layout);
    eprintln!("{name}: read {read:?}, segment {:?}", t.elapsed() - read);
    Some(p)
}

struct Meet<'a> {
    body: &'a str,
    date: &'a str,
    time: &'a str,
    venue: &'a str,
    published: &'a str,
}

fn check_meeting(p: &Pack, want: Meet) {
    let m = p.meeting.as_ref().expect("meeting found");
    assert_eq!(m.body.as_deref(), Some(want.body));
    assert_eq!(m.date.as_deref(), Some(want.date));
    assert_eq!(m.start_time.as_deref(), Some(want.time));
    assert_eq!(m.venue.as_deref(), Some(want.venue));
    assert_eq!(m.published.as_deref(), Some(want.published));
    assert_eq!(m.council.as_deref(), Some("Kent County Council"));
}

/// (number, title, pages)
type Item<'a> = (&'a str, &'a str, Option<(u32, u32)>);

type OwnedItem = (String, String, Option<(u32, u32)>);

fn check_items(p: &Pack, want: &[Item]) {
    let got: Vec<OwnedItem> =
        p.agenda_items.iter().map(|i| (i.number.clone(), i.title.clone(), i.pages)).collect();
    let want: Vec<OwnedItem> =
        want.iter().map(|(n, t, pg)| (n.to_string(), t.to_string(), *pg)).collect();
    assert_eq!(got, want);
}

fn numbers(p: &Pack, block: usize) -> Vec<u32> {
    p.minutes[block].items.iter().map(|i| i.number.parse().expect("numeric minute")).collect()
}

fn surnames(p: &Pack, block: usize) -> Vec<String> {
    p.minutes[block].present.iter().filter_map(|x| x.surname.clone()).collect()
}

fn sections_cover(p: &Pack, lines: u32) {
    let mut next = 1;
    for s in &p.sections {
        assert_eq!(
            s.location.line,
            Some(next),
            "section {:?} starts where the previous ended",
            s.title
        );
        next = s.location.line_end.expect("line range") + 1;
    }
    assert_eq!(next, lines + 1);
    assert_eq!(p.sections[0].kind, SectionKind::FrontSheet);
}

#[test]
fn pack_000_cabinet() {
    let Some(p) = pack("000_89a7eb97841dfc38.txt") else { return };
    check_meeting(
        &p,
        Meet {
            body: "Cabinet",
            date: "2017-06-26",
            time: "10:00",
            venue: "Darent Room, Sessions House, County Hall, Maidstone",
            published: "2017-06-16",
        },
    );
    check_items(
        &p,
        &[
            ("1", "Introduction/Webcasting", None),
            (
                "2",
                "Declaration of Interests by Member in Items on the Agenda for this meeting",
                None,
            ),
            ("3", "Minutes of the Meeting held on 27 March 2017", Some((3, 8))),
            ("4", "Revenue and Capital Budget Outturn 2016-17", Some((9, 56))),
            ("5", "Revenue & Capital Budget Monitoring Report 2017-18", Some((57, 64))),
            ("6", "Quarterly Performance Report, Quarter 4, 2016/17", Some((65, 116))),
            (
                "7",
                "Special Educational Needs and Disability (SEND) Strategy 2017-2019",
                Some((117, 170)),
            ),
            ("8", "Draft Cultural Strategy", Some((171, 196))),
        ],
    );
    assert_eq!(p.agenda_items[5].location.line, Some(38));
    assert!(p.membership.is_empty(), "a Cabinet front sheet lists no membership");

    assert_eq!(p.minutes.len(), 1);
    let m = &p.minutes[0];
    assert_eq!(m.meeting_date.as_deref(), Some("2017-03-27"));
    assert_eq!(m.body.as_deref(), Some("Cabinet"));
    assert_eq!(m.present.len(), 9);
    assert_eq!(m.present[0].name, "Mr P B Carter, CBE");
    assert_eq!(m.present[0].role.as_deref(), Some("Chairman"));
    let s = surnames(&p, 0);
    for name in ["Balfour", "Carey", "Dance", "Gibbens", "Gough", "Hill", "Oakford", "Simmonds"] {
        assert!(s.iter().any(|x| x == name), "{name} present in {s:?}");
    }
    assert_eq!(m.in_attendance.len(), 5);
    assert_eq!(m.in_attendance[3].role.as_deref(), Some("Corporate Director of Finance"));
    assert!(m.apologies.iter().any(|a| a.name == "Mr Gary Cooke"));
    assert_eq!(numbers(&p, 0), (15..=23).collect::<Vec<_>>());
    assert_eq!(m.items[5].title, "Local Transport Plan 4: Delivering Growth without Gridlock");
    assert!(m.items[6].resolutions[0].contains("press and public be excluded"));

    // Reports: five covers, one per item with papers after the minutes.
    let r: Vec<Option<&str>> = p.reports.iter().map(|r| r.agenda_item.as_deref()).collect();
    assert_eq!(r, [Some("4"), Some("5"), Some("6"), Some("7"), Some("8")]);
    assert_eq!(p.reports[0].subject.as_deref(), Some("REVENUE & CAPITAL BUDGET OUTTURN 2016-17"));
    assert_eq!(p.reports[0].classification.as_deref(), Some("Unrestricted"));
    assert_eq!(p.reports[0].from[0], "Cabinet Member for Finance, John Simmonds");
    assert_eq!(p.reports[2].to.as_deref(), Some("Cabinet – 26 June 2017"));
    assert!(
        p.reports[2]
            .summary
            .as_deref()
            .is_some_and(|s| s.starts_with("The purpose of the Quarterly Performance Report"))
    );
    assert!(
        p.sections
            .iter()
            .any(|s| s.kind == SectionKind::Appendix && s.title.starts_with("Appendix 4.1:"))
    );
    sections_cover(&p, 3742);
    assert_eq!(p.page_map.len(), 1);
    assert_eq!((p.page_map[0].printed, p.page_map[0].location.line), (47, Some(1099)));
}

#[test]
fn pack_002_county_council() {
    let Some(p) = pack("002_44206e63360eab18.txt") else { return };
    check_meeting(
        &p,
        Meet {
            body: "County Council",
            date: "2017-10-19",
            time: "10:00",
            venue: "Council Chamber, Sessions House, County Hall, Maidstone",
            published: "2017-10-11",
        },
    );
    check_items(
        &p,
        &[
            ("1", "Apologies for Absence", None),
            (
                "2",
                "Declarations of Disclosable Pecuniary Interests or Other Significant Interests in items on the agenda",
                None,
            ),
            (
                "3",
                "Minutes of the meeting held on 13 July 2017 and, if in order, to be approved as a correct record",
                Some((7, 16)),
            ),
            ("4", "Chairman's Announcements", None),
            ("5", "Questions", None),
            ("6", "Report by Leader of the Council (Oral)", None),
            ("7", "Autumn Budget Statement", Some((17, 28))),
            ("8", "Kent Safeguarding Children Board 2016/17 Annual Report", Some((29, 88))),
            (
                "9",
                "Increasing Opportunities, Improving Outcomes Strategic Statement Annual Report",
                Some((89, 120)),
            ),
            ("10", "Treasury Management Annual Review 2016/17", Some((121, 132))),
            ("11", "Motion for Time Limited Debate", None),
        ],
    );
    assert_eq!(p.minutes.len(), 1);
    let m = &p.minutes[0];
    assert_eq!(m.meeting_date.as_deref(), Some("2017-07-13"));
    assert_eq!(m.present.len(), 73, "Chairman, Vice-Chairman and 71 members");
    assert_eq!(
        (m.present[0].name.as_str(), m.present[0].role.as_deref()),
        ("Mr D L Brazier", Some("Chairman"))
    );
    assert_eq!(
        (m.present[1].name.as_str(), m.present[1].role.as_deref()),
        ("Mr M J Angell", Some("Vice-Chairman"))
    );
    let names: Vec<&str> = m.present.iter().map(|x| x.name.as_str()).collect();
    for n in [
        "Mrs A D Allen, MBE",
        "Mr T Bond",
        "Mr A H T Bowles",
        "Miss S J Carev",
        "Mr P M Hill, OBE",
        "Mr B J Sweetland",
        "Mr I Thomas",
        "Mr J Wright",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    assert_eq!(m.apologies.len(), 8);
    assert!(m.apologies.iter().any(|a| a.name == "Ida Linfield" && a.title.is_none()));
    assert_eq!(m.in_attendance.len(), 3);
    assert_eq!(numbers(&p, 0), (16..=26).collect::<Vec<_>>());
    assert_eq!(m.items[7].title, "Local Transport Plan 4: Delivering Growth without Gridlock");
    let r: Vec<Option<&str>> = p.reports.iter().map(|r| r.agenda_item.as_deref()).collect();
    assert_eq!(r, [Some("7"), Some("8"), Some("9"), Some("10")]);
    sections_cover(&p, 3521);
    let printed: Vec<u32> = p.page_map.iter().map(|m| m.printed).collect();
    assert_eq!(printed, [90, 94, 115]);
}

#[test]
fn pack_003_eyps_committee() {
    let Some(p) = pack("003_d08e34e2df91019d.txt") else { return };
    check_meeting(
        &p,
        Meet {
            body: "Education and Young People's Services Cabinet Committee",
            date: "2017-03-30",
            time: "10:30",
            venue: "Council Chamber, Sessions House, County Hall, Maidstone",
            published: "2017-03-22",
        },
    );
    let parties: Vec<(&str, Option<u32>, usize)> =
        p.membership.iter().map(|g| (g.party.as_str(), g.seats, g.members.len())).collect();
    assert_eq!(
        parties,
        [
            ("Conservative", Some(8), 8),
            ("UKIP", Some(2), 2),
            ("Labour", Some(2), 2),
            ("Liberal Democrat", Some(1), 1),
            ("Church Representatives", Some(3), 3)
        ]
    );
    assert_eq!(p.membership[0].members[0], "Mr L B Ridings, MBE");
    assert_eq!(p.membership[0].members[7], "Mrs P A V Stockell");
    check_items(
        &p,
        &[
            ("A1", "Introduction/Webcast announcement", None),
            ("A2", "Apologies and Substitutes", None),
            ("A3", "Declarations of Interest by Members in items on the Agenda", None),
            (
                "A4",
                "Minutes of the meetings held on 17 January, 1 February and 7 March 2017",
                Some((7, 24)),
            ),
            ("A5", "Verbal updates", None),
            (
                "B1",
                "Proposal to expand Deal Parochial CE Primary School, by 1FE, from September 2018",
                Some((25, 52)),
            ),
            (
                "B2",
                "Proposal to permanently expand Mayfield Grammar School, Gravesend, from a PAN of 145 to 180",
                Some((53, 60)),
            ),
            (
                "B3",
                "Proposal to increase the physical capacity of Meadowfield (Foundation Special) School from September 2017",
                Some((61, 66)),
            ),
            (
                "B4",
                "Proposal to expand Regis Manor Primary (Academy) School, increasing the capacity from 420 school places to 630 school places and increasing the PAN from 60 to 90 for Year R entry in September 2018",
                Some((67, 74)),
            ),
            (
                "B5",
                "Special Educational Needs and Disability (SEND) Strategy 2017-2019",
                Some((75, 128)),
            ),
            (
                "B6",
                "Revised 14 - 24 Learning, Employment and Skills Strategy 2017 - 2020",
                Some((129, 182)),
            ),
            ("B7", "The HeadStart Programme in Kent", Some((183, 292))),
            ("C1", "Work Programme 2017-18", Some((293, 298))),
            (
                "C2",
                "Education and Young People's Services Directorate Business Plan 2017- 8",
                Some((299, 370)),
            ),
            ("C3", "Risk Management: Education and Young People's Services", Some((371, 406))),
            (
                "C4",
                "Elective Home Education (EHE), Children Missing Education (CME) Update",
                Some((407, 448)),
            ),
            ("C5", "Kent Post 16 Transport Policy Statement", Some((449, 462))),
            ("C6", "Education Trading Services Company Update", None),
            (
                "C7",
                "Community Learning and Skills (CLS) - Mid Year review 2016- 17",
                Some((463, 472)),
            ),
            ("D1", "Education and Young People's Services Directorate Scorecard", Some((473, 510))),
        ],
    );
    let decisions: Vec<(&str, Vec<String>)> = p
        .agenda_items
        .iter()
        .filter(|i| !i.decision_numbers.is_empty())
        .map(|i| (i.number.as_str(), i.decision_numbers.clone()))
        .collect();
    fn d<'a>(n: &'a str, v: &str) -> (&'a str, Vec<String>) {
        (n, vec![v.to_string()])
    }
    assert_eq!(
        decisions,
        [
            d("B1", "17/00013"),
            d("B2", "17/00022"),
            d("B3", "17/00015"),
            d("B4", "16/00139"),
            d("B6", "17/00039"),
            d("B7", "17/00037"),
            d("C5", "17/00027")
        ]
    );

    let dates: Vec<Option<&str>> = p.minutes.iter().map(|m| m.meeting_date.as_deref()).collect();
    assert_eq!(dates, [Some("2017-01-17"), Some("2017-02-01"), Some("2017-03-07")]);
    let present: Vec<usize> = p.minutes.iter().map(|m| m.present.len()).collect();
    assert_eq!(present, [12, 12, 11]);
    assert_eq!(numbers(&p, 0), (233..=238).collect::<Vec<_>>());
    assert_eq!(numbers(&p, 1), (239..=255).collect::<Vec<_>>());
    assert_eq!(numbers(&p, 2), (1..=4).collect::<Vec<_>>());
    for name in ["Ridings", "Cole", "Vye", "Truelove", "Shonk"] {
        assert!(surnames(&p, 0).iter().any(|s| s == name), "17 Jan: {name}");
    }
    assert!(surnames(&p, 1).iter().any(|s| s == "Dean"), "1 Feb: substitute Mrs Dean present");
    assert!(!surnames(&p, 1).iter().any(|s| s == "Vye"));
    assert_eq!(
        p.minutes[1].venue.as_deref(),
        Some("Darent Room, Sessions House, County Hall, Maidstone")
    );
    let crabtree = &p.minutes[2].present[2];
    assert_eq!(
        (crabtree.name.as_str(), crabtree.role.as_deref()),
        ("Mrs M E Crabtree", Some("Substitute for Mrs P T Cole"))
    );
    assert_eq!(p.minutes[2].items[2].decision_numbers, ["17/00024"], "printed `17 00024`");
    assert_eq!(p.minutes[0].items[2].decision_numbers, ["16/00114"]);
    // Every report cover matches its agenda item.
    let r: Vec<&str> = p.reports.iter().filter_map(|r| r.agenda_item.as_deref()).collect();
    assert_eq!(
        r,
        ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "C1", "C2", "C3", "C4", "C5", "C7", "D1"]
    );
    assert_eq!(p.reports[3].decision_number.as_deref(), Some("16/00139"));
    sections_cover(&p, 10159);
}

#[test]
fn pack_004_cype_committee() {
    let Some(p) = pack("004_d4ce2142da2e6789.txt") else { return };
    check_meeting(
        &p,
        Meet {
            body: "Children's, Young People and Education Cabinet Committee",
            date: "2025-01-16",
            time: "10:00",
            venue: "Council Chamber, Sessions House, County Hall, Maidstone",
            published: "2025-01-08",
        },
    );
    let parties: Vec<(&str, usize)> =
        p.membership.iter().map(|g| (g.party.as_str(), g.members.len())).collect();
    assert_eq!(
        parties,
        [
            ("Conservative", 10),
            ("Labour", 2),
            ("Liberal Democrat", 1),
            ("Green and Independent", 2),
            ("Church Representatives", 3),
            ("School Governor Representatives", 2)
        ]
    );
    assert_eq!(p.membership[0].members[8], "Mr A Sandhu, MBE");
    check_items(
        &p,
        &[
            ("1", "Introduction/Webcast announcement", None),
            ("2", "Apologies and Substitutes", None),
            ("3", "Declarations of Interest", None),
            ("4", "Minutes of the meeting held on 21 November 2024", Some((1, 8))),
            ("5", "Verbal Update by Cabinet Members", None),
            ("6", "Performance Monitoring", Some((9, 68))),
            (
                "7",
                "Draft Revenue Budget 2025-26 and Medium Term Financial Plan (MTFP) 2025-28 Update, and Draft Capital Programme 2025-35",
                Some((69, 96)),
            ),
            ("8", "Education Accessibility Strategy 2024-27", Some((97, 126))),
            ("9", "School Access Initiative Policy and Procedure", Some((127, 178))),
            (
                "10",
                "Changes to the KCC local funding formula for State Funded Schools and Early Years Providers, and Special Education Needs payments for Post 16 providers (FE Colleges & Specialist Post 16 Providers)",
                Some((179, 188)),
            ),
            ("11", "SEN Funding System January 2025", None),
            ("12", "SEND Strategy 2025-28", None),
            (
                "13",
                "Special Education Needs transformation and the role of the Specialist Teaching and Learning Service",
                Some((189, 314)),
            ),
            ("14", "Schools Grants 2024-25 Distribution", None),
            ("15", "Family Hub Year Four Funding", Some((315, 324))),
            (
                "16",
                "Transfer the 18-25 section of the Strengthening Independence Service (SIS) from the Children Young People and Education Directorate to the Adult Social Care and Health Directorate",
                Some((325, 376)),
            ),
            (
                "17",
                "Local Government and Social Care Ombudsman Public Decision Action",
                Some((377, 386)),
            ),
            ("20", "Work Programme", Some((487, 488))),
            ("18", "In House Provision", Some((387, 466))),
            (
                "19",
                "Cost revision for the Project to Expand and Relocate Rosherville Church of England Academy",
                Some((467, 486)),
            ),
        ],
    );
    let follow: Vec<&str> =
        p.agenda_items.iter().filter(|i| i.report_to_follow).map(|i| i.number.as_str()).collect();
    assert_eq!(follow, ["11", "12", "14"]);
    let restricted: Vec<&str> = p
        .agenda_items
        .iter()
        .filter(|i| i.part == Part::Restricted)
        .map(|i| i.number.as_str())
        .collect();
    assert_eq!(restricted, ["18", "19"]);
    assert_eq!(p.agenda_items[7].decision_numbers, ["24/00072"]);
    assert_eq!(p.agenda_items[19].decision_numbers, ["24/00106"]);

    assert_eq!(p.minutes.len(), 1);
    let m = &p.minutes[0];
    assert_eq!(m.meeting_date.as_deref(), Some("2024-11-21"));
    assert_eq!(m.present.len(), 9);
    let s = surnames(&p, 0);
    assert_eq!(
        s,
        [
            "Dance",
            "Barrington-King",
            "Beaney",
            "Dawkins",
            "Dean",
            "Hamilton",
            "Hawkins",
            "Sandhu",
            "Stepto"
        ]
    );
    // "OTHER MEMBERS: Mrs R Binks, Mrs S Chandler, Mr R Love, OBE, and Mr M Whiting" attend
    // apart from the 11 "OFFICERS".
    let also: Vec<&str> = m.also_present.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(also, ["Mrs R Binks", "Mrs S Chandler", "Mr R Love, OBE", "Mr M Whiting"]);
    assert_eq!(m.in_attendance.len(), 11, "11 officers");
    assert!(m.in_attendance.iter().any(|x| x.name == "David Adams"
        && x.role.as_deref() == Some("Assistant Director Education (South Kent)")));
    let apologies: Vec<&str> = m.apologies.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(apologies, ["Mrs Meade", "Mr Manion"]);
    let subs: Vec<&str> = m.substitutes.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(subs, ["Mr Lewis", "Sir Paul Carter"]);
    assert_eq!(numbers(&p, 0), (1..=16).collect::<Vec<_>>());
    assert_eq!(m.items[4].decision_numbers, ["24/00093"]);
    assert_eq!(m.items[9].title, "Westmeads Infant School Expansion");
    assert!(m.items[3].resolutions.iter().any(|r| r.contains("RESOLVED to note the report")));
    // The scorecard has no cover sheet; its section still belongs to item 6.
    let scorecard =
        p.sections.iter().find(|s| s.location.line == Some(269)).expect("scorecard section");
    assert_eq!(scorecard.agenda_item.as_deref(), Some("6"));
    sections_cover(&p, 10031);
    assert_eq!(p.page_map.len(), 15);
}
