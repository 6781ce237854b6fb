"""pdfplumber's extract_text() and extract_tables() on every page of the PDFs given, timed.

    python3 scripts/pdfplumber_bench.py [--jobs N] [--out RESULT.json] FILE.pdf...

Files are handed out largest first to N worker processes (default 1: this process). Prints (or
writes to --out) one JSON object: {"files", "pages", "seconds", "failed", "jobs", "max_rss_kib"},
where seconds is wall-clock time for all files, interpreter start-up and imports left out, and
max_rss_kib is the peak resident memory of the largest process.
`agendapack bench` carries this script and runs it beside the pipeline.
"""
import json
import multiprocessing
import os
import resource
import sys
import time

import pdfplumber


def peak_rss_kib():
    """This process's peak resident memory (VmHWM: its own address space only; ru_maxrss would
    also count the memory of the process that started it, shared until exec)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def one(path):
    """Pages read, whether the file failed, and the peak RSS of the process so far."""
    try:
        pages = 0
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
                page.close()
        return pages, False, peak_rss_kib()
    except Exception as e:  # a damaged file counts as failed, the run goes on
        print(f"{path}: {e}", file=sys.stderr)
        return 0, True, peak_rss_kib()


def main(argv):
    jobs, out, files = 1, None, []
    i = 0
    while i < len(argv):
        if argv[i] == "--jobs":
            jobs = max(1, int(argv[i + 1]))
            i += 2
        elif argv[i] == "--out":
            out = argv[i + 1]
            i += 2
        else:
            files.append(argv[i])
            i += 1
    files.sort(key=lambda f: -os.path.getsize(f))
    started = time.perf_counter()
    if jobs == 1:
        results = [one(f) for f in files]
    else:
        # fork: the work function lives in __main__, which may be a `-c` script.
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(one, files, chunksize=1)
    seconds = time.perf_counter() - started
    rss = max([peak_rss_kib()] + [r for _, _, r in results])
    result = {
        "files": len(files),
        "pages": sum(p for p, _, _ in results),
        "seconds": seconds,
        "failed": sum(1 for _, f, _ in results if f),
        "jobs": jobs,
        "max_rss_kib": rss,
    }
    text = json.dumps(result)
    if out:
        with open(out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
