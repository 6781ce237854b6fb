//! Segmentation of PDF layouts, where lines are wrapped as printed: attendance lists and
//! apologies running over several lines, agenda titles on two lines, the venue on the lines
//! below the date, and documents that start with minutes or a report cover (no front sheet).
//! Values are read from the real PDFs and from the renderings of the text packs, whose
//! segmentation must agree with that of the text packs themselves (`segment_packs.rs`).

use agendapack::ingest::pdf::{self, Limits};
use agendapack::model::Pack;
use agendapack::model::pack::{MinutesBlock, SectionKind};
use agendapack::segment::segment;
use agendapack::testsupport::shared_corpus_file;

fn pack(rel: &str) -> Option<Pack> {
    let path = shared_corpus_file(rel)?;
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let layout =
        pdf::read(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(segment(&layout))
}

fn names(list: &[agendapack::model::pack::Person]) -> Vec<&str> {
    list.iter().map(|p| p.name.as_str()).collect()
}

fn role<'a>(m: &'a MinutesBlock, name: &str) -> Option<&'a str> {
    m.in_attendance.iter().find(|p| p.name == name).and_then(|p| p.role.as_deref())
}

#[test]
fn cabinet_minutes_pdf_wrapped_attendance() {
    let Some(p) = pack("real/kcc_cabinet_2025-01-30_printed_minutes.pdf") else { return };
    assert_eq!(p.sections[0].kind, SectionKind::Minutes, "minutes only: no front sheet");
    assert!(p.sections.iter().all(|s| s.kind != SectionKind::FrontSheet));
    assert_eq!(p.minutes.len(), 1);
    let m = &p.minutes[0];
    assert_eq!(m.meeting_date.as_deref(), Some("2025-01-30"));
    assert_eq!(m.present.len(), 9);
    assert_eq!(m.present[0].name, "Mr R W Gough");
    assert_eq!(m.present[0].role.as_deref(), Some("Chairman"));
    assert!(names(&m.present).contains(&"Mr R C Love, OBE"));
    assert_eq!(names(&m.present)[8], "Mr R J Thomas");
    // Ten in attendance and four in attendance virtually, roles wrapped across lines.
    assert_eq!(m.in_attendance.len(), 14, "{:?}", names(&m.in_attendance));
    assert_eq!(
        role(m, "Mrs S Hammond"),
        Some("Corporate Director Children, Young People and Education")
    );
    assert_eq!(role(m, "Mrs A Beer"), Some("Chief Executive"));
    assert_eq!(role(m, "Mr N Abrahams"), Some("Area Education Officer – West Kent"));
    assert_eq!(role(m, "McKay"), Some("Acting Chief Accountant"));
    assert_eq!(
        role(m, "Mr S Jones"),
        Some("Corporate Director of Growth, Environment and Transport")
    );
    assert_eq!(role(m, "Dr M Gogarty"), Some("Interim Strategic Lead for Public Health"));
    assert_eq!(role(m, "Mrs L Gannon"), Some("Director of Technology"));
    assert_eq!(names(&m.apologies), ["Mrs C Bell"]);
    let numbers: Vec<&str> = m.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers.first(), Some(&"84"));
    assert_eq!(m.items[0].title, "Apologies");
}

#[test]
fn county_council_minutes_pdf_wrapped_apologies() {
    let Some(p) = pack("real/kcc_cc_2025-02-13_printed_minutes_recorded_votes.pdf") else {
        return;
    };
    assert_eq!(p.sections[0].kind, SectionKind::Minutes);
    let m = &p.minutes[0];
    assert_eq!(m.meeting_date.as_deref(), Some("2025-02-13"));
    assert_eq!(m.present.len(), 64);
    assert_eq!(m.present[1].name, "Mr A M Ridgers");
    assert_eq!(m.present[1].role.as_deref(), Some("Vice-Chairman"));
    assert_eq!(names(&m.in_attendance), ["Mr J Cook", "Mr B Watts", "Mr J Betts"]);
    assert_eq!(role(m, "Mr B Watts"), Some("General Counsel"), "role wrapped onto the next line");
    // Fifteen apologies in one paragraph over five lines, two names broken at their hyphen.
    let a = names(&m.apologies);
    assert_eq!(a.len(), 15, "{a:?}");
    assert_eq!(a[0], "Mr Paul Barrington-King");
    assert!(a.contains(&"Mr Derek Crow-Brown"), "{a:?}");
    assert!(a.contains(&"Mrs Trudy Dean, MBE"), "{a:?}");
    assert_eq!(a[14], "Mr Charlie Simkins");
}

#[test]
fn front_sheet_pdfs_wrapped_titles_and_venue() {
    let Some(p) = pack("real/kcc_cabinet_2025-01-30_agenda_frontsheet.pdf") else { return };
    let m = p.meeting.as_ref().expect("meeting");
    assert_eq!(m.date.as_deref(), Some("2025-01-30"));
    assert_eq!(m.start_time.as_deref(), Some("10:00"));
    // The venue shares its lines with the contact box; no contact details in it.
    assert!(m.venue.as_deref().is_none_or(|v| !v.contains("Tel")), "{:?}", m.venue);
    let item = |n: &str| p.agenda_items.iter().find(|i| i.number == n).expect("item");
    assert_eq!(
        item("6").title,
        "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 and \
         Treasury Management Strategy"
    );
    assert_eq!(item("6").pages, Some((85, 276)));
    assert_eq!(item("5").pages, Some((11, 84)));

    let Some(p) = pack("real/kcc_cc_2025-02-13_agenda_frontsheet.pdf") else { return };
    let m = p.meeting.as_ref().expect("meeting");
    assert_eq!(m.body.as_deref(), Some("County Council"), "\"will be held\" is not in the body");
    assert_eq!(m.venue.as_deref(), Some("Council Chamber, County Hall, Maidstone, Kent, ME14 1XQ"));
    assert_eq!(m.date.as_deref(), Some("2025-02-13"));
    assert_eq!(m.start_time.as_deref(), Some("09:30"));
    assert_eq!(m.published.as_deref(), Some("2025-02-05"));
}

#[test]
fn report_cover_pdf_starts_with_the_report() {
    let Some(p) = pack("real/kcc_cabinet_2025-01-30_budget_monitoring_cover_report.pdf") else {
        return;
    };
    assert_eq!(p.sections[0].kind, SectionKind::Report);
    assert_eq!(
        p.sections[0].title,
        "Revenue and Capital Budget Monitoring Report – November 2024-25"
    );
}

/// The PDF renderings of the text packs give the attendance the text packs give.
#[test]
fn rendered_packs_attendance_matches_text_packs() {
    for tool in ["libreoffice", "chromium"] {
        let Some(p) = pack(&format!("rendered/{tool}/002_44206e63360eab18.pdf")) else { return };
        let m = &p.minutes[0];
        assert_eq!(m.present.len(), 73, "{tool} 002");
        assert!(
            names(&m.present).contains(&"Mrs S Chandler"),
            "{tool}: a name wrapped after Mrs S"
        );
        assert_eq!(m.apologies.len(), 8, "{tool} 002");
        assert_eq!(m.in_attendance.len(), 3, "{tool} 002");
        assert_eq!(role(m, "Mr B Watts"), Some("General Counsel"), "{tool} 002");

        let Some(p) = pack(&format!("rendered/{tool}/003_d08e34e2df91019d.pdf")) else { return };
        let present: Vec<usize> = p.minutes.iter().map(|m| m.present.len()).collect();
        assert_eq!(present, [12, 12, 11], "{tool} 003");
        let crabtree = &p.minutes[2].present[2];
        assert_eq!(crabtree.name, "Mrs M E Crabtree");
        assert_eq!(crabtree.role.as_deref(), Some("Substitute for Mrs P T Cole"), "{tool} 003");

        let Some(p) = pack(&format!("rendered/{tool}/000_89a7eb97841dfc38.pdf")) else { return };
        let m = &p.minutes[0];
        assert_eq!(m.present.len(), 9, "{tool} 000");
        assert_eq!(m.in_attendance.len(), 5, "{tool} 000");
        assert_eq!(names(&m.apologies), ["Mr Gary Cooke", "Andrew Ireland"], "{tool} 000");
        let venue = p.meeting.as_ref().and_then(|m| m.venue.as_deref());
        assert_eq!(
            venue,
            Some("Darent Room, Sessions House, County Hall, Maidstone"),
            "{tool} 000"
        );
    }
}

/// The Corporate Parenting Panel heads each minute with its title over "(Item N)" and numbers
/// only the paragraphs inside a minute; item 3 is titled "Minutes of the meeting held on 30 July
/// 2024", which approves earlier minutes and opens none (wide corpus, p1-4).
#[test]
fn minutes_headed_by_agenda_item_are_one_block_of_titled_minutes() {
    let Some(p) = pack("wide/full_council_2025-03-13_CPP_Minutes_29.10.24.pdf") else { return };
    assert_eq!(p.minutes.len(), 1, "one set of minutes");
    let m = &p.minutes[0];
    assert_eq!(names(&m.apologies), ["Mr R Love OBE", "Ms K Leonard", "Ms A Farmer"]);
    let items: Vec<(&str, &str)> =
        m.items.iter().map(|i| (i.number.as_str(), i.title.as_str())).collect();
    assert_eq!(items.len(), 12, "{items:?}");
    assert_eq!(items[0], ("1", "Apologies and Substitutes"));
    assert_eq!(items[2], ("3", "Minutes of the meeting held on 30 July 2024"));
    assert_eq!(items[3], ("4", "Participation Team update"));
    // A title wrapped onto a second bold line, and one whose "(Item 9)" stands on the next page.
    assert_eq!(
        items[5],
        ("6", "Adoption Partnership South East, Regional Adoption Agency Annual Report 2023/2024")
    );
    assert_eq!(items[8], ("9", "The Joint Housing Protocol for Care Leavers"));
    assert_eq!(items[11], ("12", "Work programme"));
    let resolved = &m.items[3].resolutions;
    assert_eq!(resolved, &["RESOLVED that the Panel note the Participation Team Update."]);
}
