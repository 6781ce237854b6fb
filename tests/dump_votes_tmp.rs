#[test]
fn dump() {
    for f in ["002_44206e63360eab18.txt", "003_d08e34e2df91019d.txt"] {
        let p = agendapack::testsupport::shared_corpus_file(&format!("text/{f}")).unwrap();
        let bytes = std::fs::read(p).unwrap();
        let layout = agendapack::ingest::read(agendapack::ingest::InputKind::Text, &bytes, &Default::default()).unwrap();
        let v = agendapack::extract::votes::extract_votes(&layout);
        for x in &v {
            let named = |o: &str| x.votes.iter().filter(|r| r.option == o).count();
            println!("{f} {} min={:?} kind={} mover={:?} sec={:?} counts={:?} named={}/{}/{} result={:?}/{:?} co={} loc={:?}\n   motion={:.100}", x.id, x.minute, x.motion_kind, x.mover, x.seconder, x.counts.iter().map(|c| (c.label.clone(), c.value)).collect::<Vec<_>>(), named("yes"), named("no"), named("abstain"), x.result_raw, x.result, x.count_only, x.location.line, x.motion);
        }
        for d in agendapack::extract::minutes::extract_decisions(&layout) {
            println!("D min={:?} title={:?} dn={:?} wv={} line={:?} :: {:.120}", d.minute, d.title, d.decision_number, d.without_vote, d.location.line, d.text);
        }
        for a in agendapack::extract::minutes::extract_attendance(&layout) {
            println!("A {:?} {:?} present={} att={} apol={:?} subs={:?}", a.meeting_date, a.body, a.present.len(), a.in_attendance.len(), a.apologies, a.substitutes);
        }
    }
}
