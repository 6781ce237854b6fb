use super::*;

fn listing(roots: &[PathBuf]) -> Listing {
    find(roots, &Filter::default())
}

#[test]
fn identical_files_are_one_input_with_every_path() -> std::io::Result<()> {
    let dir = std::env::temp_dir().join(format!("agendapack-disc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("b"))?;
    std::fs::write(dir.join("a.txt"), "Agenda\n1. Apologies\n")?;
    std::fs::write(dir.join("b/copy.md"), "Agenda\n1. Apologies\n")?;
    std::fs::write(dir.join("c.txt"), "Minutes\n")?;
    std::fs::write(dir.join("notes.docx"), "x")?;
    std::fs::write(dir.join(".hidden.txt"), "x")?;
    std::fs::write(dir.join("README.md"), "# a corpus\n")?;
    let d = group(listing(std::slice::from_ref(&dir)));
    assert_eq!(d.files, 3);
    assert_eq!(d.inputs.len(), 2);
    let dup = d.inputs.iter().find(|i| i.paths.len() == 2);
    assert_eq!(
        dup.map(|i| i.paths.clone()),
        Some(vec!["a.txt".to_string(), "b/copy.md".to_string()])
    );
    assert_eq!(dup.map(Input::file_name), Some("a.txt".to_string()));
    assert!(d.errors.is_empty());
    // The README is reported as skipped, with its reason, not taken as a document.
    assert_eq!(d.skipped.len(), 1, "{:?}", d.skipped);
    assert_eq!(d.skipped[0].path, "README.md");
    assert!(d.skipped[0].reason.contains("not an agenda pack"), "{:?}", d.skipped);
    // A file named directly with an unknown extension is an error, not silently skipped.
    let l = listing(&[dir.join("notes.docx")]);
    assert!(l.found.is_empty());
    assert_eq!(l.errors.len(), 1);
    assert_eq!(l.errors[0].stage, "discover");
    assert!(l.errors[0].message.contains("\"docx\""), "{}", l.errors[0].message);
    // A missing path is an error row of its own; the other path is still listed.
    let l = listing(&[dir.join("missing"), dir.join("c.txt")]);
    assert_eq!(l.found.len(), 1);
    assert_eq!(l.errors.len(), 1);
    assert!(l.errors[0].path.ends_with("missing"), "{:?}", l.errors);
    // Globs choose files by their path relative to the input.
    let only_b = Filter::new(&["b/*".into()], &[]).map_err(std::io::Error::other)?;
    let l = find(std::slice::from_ref(&dir), &only_b);
    assert_eq!(l.found.iter().map(|f| f.rel.as_str()).collect::<Vec<_>>(), ["b/copy.md"]);
    let no_md = Filter::new(&[], &["*.md".into()]).map_err(std::io::Error::other)?;
    let l = find(std::slice::from_ref(&dir), &no_md);
    assert_eq!(l.found.iter().map(|f| f.rel.as_str()).collect::<Vec<_>>(), ["a.txt", "c.txt"]);
    assert!(Filter::new(&["a[".into()], &[]).is_err());
    std::fs::remove_dir_all(&dir)
}

#[cfg(unix)]
#[test]
fn fifos_and_links_back_up_are_reported_not_followed() -> std::io::Result<()> {
    use std::os::unix::fs::symlink;
    let dir = std::env::temp_dir().join(format!("agendapack-disc-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let root = dir.join("in");
    std::fs::create_dir_all(root.join("a"))?;
    std::fs::write(root.join("a/pack.txt"), "Agenda\n1. Apologies\n")?;
    symlink(".", root.join("self"))?;
    symlink("..", root.join("a/up"))?;
    symlink("../../in", root.join("a/back"))?;
    symlink("a", root.join("twin"))?;
    let fifo = root.join("x.pdf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status()?;
    assert!(made.success());
    let l = listing(std::slice::from_ref(&root));
    assert_eq!(l.found.iter().map(|f| f.rel.as_str()).collect::<Vec<_>>(), ["a/pack.txt"]);
    let skipped: Vec<&str> = l.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(skipped, ["a/back", "a/up", "self", "twin", "x.pdf"], "{:?}", l.skipped);
    let fifo_reason = l.skipped.iter().find(|s| s.path == "x.pdf").map(|s| s.reason.clone());
    assert_eq!(fifo_reason.as_deref(), Some("a FIFO (named pipe)"));
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    // Named directly, the FIFO is skipped too, and opening it is refused without waiting.
    let l = listing(std::slice::from_ref(&fifo));
    assert!(l.found.is_empty());
    assert_eq!(l.skipped.len(), 1);
    assert!(open_regular(&fifo).is_err());
    std::fs::remove_dir_all(&dir)
}
