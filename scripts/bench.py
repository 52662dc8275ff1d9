#!/usr/bin/env python3
"""Measure the build: `python scripts/bench.py [--sizes 1,10,50] [--json bench.json]`.

For the real content and for synthetic content at larger sizes (the real entries copied with new
ids, in a copy of the project, valid against the schemas) it measures: the full build of both
languages (wall time, peak memory of the largest process), a baseline build of the same pages as
plain Markdown with the same theme and plugins, validation, and search: Pagefind's index build
time and size, and, in Chromium, the bytes a page view and one search download (with the size
of the lunr index Material would load on every page view, for comparison). At the real size it
also measures page weight (gzip) and the live preview over several saves of a YAML file (to the
changed page served, and to a list that shows it), beside the full build. Prints a table with
the budgets met or not, and writes the figures as JSON.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml

from guide import csp, load_content
from guide.files import KINDS
from guide.outputs import Addresses
from guide.render import Renderer

# Kinds that grow with the content; the others (five dimensions, eight characteristics ...) are
# fixed by the research they come from.
GROWING = {"area", "action", "topic"}
BUDGETS = {"build_vs_baseline": 1.15, "time_50x_vs_1x": 60, "validate_50x_s": 2.0,
           "page_kb_gzip": 150, "search_kb_gzip_50x": 300}
SEARCHES = {"nb": "fravær", "sv": "frånvaro"}
PREVIEW_RUNS = 5              # saves timed in the live preview
MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "r = subprocess.run(sys.argv[1:], capture_output=True); "
           "sys.stderr.write(r.stderr.decode()[-2000:]) if r.returncode else None; "
           "print(r.returncode, time.perf_counter() - t, "
           "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="content sizes, as multiples")
    parser.add_argument("--json", type=Path, default=ROOT / "bench.json", help="where to write")
    parser.add_argument("--no-preview", action="store_true", help="skip the live-preview timing")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    results = {"sizes": {}, "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as tmp:
        for size in sizes:
            project = copy_project(Path(tmp) / f"x{size}")
            entries = scale_content(project / "content", size)
            row = {"entries": entries, "validate_s": validate_time(project)}
            row["build"] = measure([sys.executable, "scripts/build.py", "--site-dir",
                                    str(project / "site")], project)
            row["baseline"] = baseline(project)
            row["ratio_to_baseline"] = row["build"]["s"] / row["baseline"]["s"]
            row["pages"] = sum(1 for _ in (project / "site").rglob("index.html"))
            row["search"] = search_figures(project)
            results["sizes"][str(size)] = row
            if size == sizes[0]:
                # Is building the two languages at once worth it? The same build, one by one:
                row["build_one_by_one"] = measure(
                    [sys.executable, "scripts/build.py", "--site-dir", str(project / "site-seq")],
                    project, env=os.environ | {"GUIDE_BUILD_JOBS": "1"})
                results["weight"] = page_weight(project / "site")
                if not args.no_preview:
                    results["preview"] = preview_time(project)
            print(f"measured {size}x: {row['build']['s']:.1f} s", file=sys.stderr)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    report(results)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nFigures written to {args.json}")
    return 0


def copy_project(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", ".pytest_cache", "*.egg-info", "bench.json"))
    return target


def scale_content(content: Path, size: int) -> int:
    """Add size - 1 copies of every area (with its actions) and topic, under new ids."""
    folders = {k.folder: k.name for k in KINDS}
    originals = {name: sorted((content / folder).glob("*.yaml"))
                 for folder, name in folders.items() if name in GROWING}
    for copy in range(2, size + 1):
        for kind, paths in originals.items():
            for path in paths:
                text = path.read_text("utf-8")
                text = re.sub(r"^id: (\S+)", rf"id: \1-{copy}", text, flags=re.MULTILINE)
                # A copy has its original's title: give it an address of its own.
                new_id = re.search(r"^id: (\S+)", text, flags=re.MULTILINE).group(1)
                text = re.sub(r"^slug: .*$", f"slug: {{nb: {new_id}, sv: {new_id}}}", text,
                              flags=re.MULTILINE)
                if kind == "action":
                    text = re.sub(r"^area: (\S+)", rf"area: \1-{copy}", text, flags=re.MULTILINE)
                else:   # areas and topics take places after the originals
                    text = re.sub(r"^number: (\d+)",
                                  lambda m, c=copy: f"number: {int(m.group(1)) + 10 * (c - 1)}",
                                  text, flags=re.MULTILINE)
                (path.parent / f"{path.stem}-{copy}.yaml").write_text(text, "utf-8")
    loaded = load_content(content)
    if loaded.problems:
        raise SystemExit("synthetic content is invalid:\n"
                         + "\n".join(map(str, loaded.problems[:5])))
    return sum(len(entities) for entities in loaded.entities.values())


def validate_time(project: Path) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, check=True,
                       capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def measure(command: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Wall time and peak memory (largest process, MB) of a command and its children."""
    run = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, text=True,
                         capture_output=True, check=True, env=env)
    code, seconds, peak_kb = run.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed:\n{run.stderr}")
    return {"s": float(seconds), "peak_mb": int(peak_kb) / 1024}


def baseline(project: Path) -> dict:
    """The same pages as plain Markdown files, built with the same theme and plugins."""
    dump = project / "baseline"
    env = os.environ | {"GUIDE_DUMP_MARKDOWN": str(dump)}
    subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(project / "tmp-site")],
                   cwd=project, env=env, check=True, capture_output=True)
    content = load_content(project / "content")
    commands = []
    for lang in content.language_codes:
        renderer = Renderer(content, lang)
        config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8").replace(
            "!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}", "null"))
        config.pop("hooks")
        config.pop("not_in_nav", None)
        config["markdown_extensions"]["toc"].pop("slugify")
        config["plugins"]["macros"] = {"render_by_default": False}
        config["plugins"]["search"]["lang"] = "no" if lang == "nb" else lang
        config["theme"]["language"] = lang
        config["theme"]["custom_dir"] = str(project / "overrides")
        config["validation"] = {"omitted_files": "ignore"}
        config["docs_dir"] = str(dump / lang)
        config["nav"] = json.loads((dump / lang / "nav.json").read_text("utf-8"))
        config["extra"] |= {"guide": {"ui": renderer.ui}, "csp": csp.POLICY, "locale": lang,
                            "site_base": "http://127.0.0.1:8000", "edit_base": None,
                            "alternate": [{"name": x, "link": f"../{x}/", "lang": x}
                                          for x in content.language_codes]}
        path = project / f"baseline.{lang}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        commands.append(f"mkdocs build --quiet -f {path} -d {project / 'baseline-site' / lang}")
    # Both languages at once, as the real build does.
    script = " & ".join(f"{sys.executable} -m {c}" for c in commands) + " & wait"
    return measure(["bash", "-c", script], project)


def page_weight(site: Path) -> dict:
    """gzip size of a page with every asset it loads, and of each search index."""
    def gz(path: Path) -> int:
        return len(gzip.compress(path.read_bytes(), 6))

    weight = {}
    for name, page in (("home", "nb/index.html"), ("area", None), ("dimension", None)):
        if page is None:
            folder = {"area": "omrader", "dimension": "dimensjoner"}[name]   # nb addresses
            page = next(p for p in sorted((site / "nb" / folder).glob("*/index.html")))
            page = page.relative_to(site).as_posix()
        html = (site / page).read_text("utf-8")
        assets = set(re.findall(r'(?:src|href)="([^"#?]+\.(?:css|js|png|svg|woff2?))"', html))
        total = gz(site / page) + sum(gz((site / page).parent / a) for a in assets)
        weight[name] = {"page": page, "kb_gzip": total / 1024, "files": len(assets) + 1}
    return weight


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def search_figures(project: Path) -> dict:
    """Per language: Pagefind's index (build time, files, kB), the bytes a page view and one
    search download in Chromium, and the lunr index Material would have loaded instead."""
    site = project / "site"
    figures = {}
    for lang in ("nb", "sv"):
        folder = site / lang / "pagefind"
        files = [p for p in folder.rglob("*") if p.is_file()]
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site / lang),
                        "--output-subdir", "pagefind-bench", "--quiet"], check=True,
                       capture_output=True)
        figures[lang] = {"index_s": time.perf_counter() - started, "files": len(files),
                         "kb": sum(p.stat().st_size for p in files) / 1024}
        shutil.rmtree(site / lang / "pagefind-bench")
    for lang, seen in browser_bytes(site).items():
        figures[lang] |= seen
    figures["lunr_kb_gzip"] = lunr_index(project)
    return figures


def browser_bytes(site: Path) -> dict:
    """kB (gzip) downloaded for search on a page view, and for one search, per language."""
    if not Path("/usr/bin/chromium").exists():
        return {}
    from playwright.sync_api import sync_playwright
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import serve
    from test_search import results
    found = {}
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for lang, words in SEARCHES.items():
            tab = browser.new_page()
            bodies = []
            tab.on("response", lambda r, b=bodies: b.append((r.url, r.body()))
                   if r.ok and "/pagefind/" in r.url else None)
            tab.goto(f"{url}/{lang}/dimensions/teacher-learning/", wait_until="networkidle")
            view = sum(_gz(body) for _, body in bodies)
            tab.keyboard.press("/")
            results(tab, words)
            tab.wait_for_load_state("networkidle")
            found[lang] = {"view_kb_gzip": view / 1024,
                            "search_kb_gzip": sum(_gz(b) for _, b in bodies) / 1024 - view / 1024,
                            "search_requests": len(bodies)}
            tab.close()
        browser.close()
    return found


def lunr_index(project: Path) -> dict:
    """gzip kB of the index Material's lunr search loads on every page view (GUIDE_THEME_SEARCH
    keeps it in the build), per language."""
    env = os.environ | {"GUIDE_THEME_SEARCH": "1"}
    target = project / "site-lunr"
    subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(target)], cwd=project,
                   env=env, check=True, capture_output=True)
    sizes = {lang: _gz((target / lang / "search" / "search_index.json").read_bytes()) / 1024
             for lang in ("nb", "sv")}
    shutil.rmtree(target)
    return sizes


def preview_time(project: Path, runs: int = PREVIEW_RUNS) -> dict:
    """The live preview (scripts/serve.py), over several saves of a YAML file (a dimension's
    title): seconds from the save to its page served with the new text (`page_s`), and to the
    dimensions' overview, a list that shows it and is written after the page (`lists_s`)."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "scripts/serve.py", "--port", str(port)],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    addresses = Addresses(load_content(project / "content", texts=None), "nb")
    base = f"http://127.0.0.1:{port}/nb/"
    page = f"{base}{addresses.path('dimensions/teacher-learning.md')}/"
    overview = f"{base}{addresses.path('dimensions/index.md')}/"
    path = project / "content" / "dimensions" / "teacher-learning.yaml"
    original, title = path.read_text("utf-8"), "nb: Lede lærernes læring og utvikling"
    figures = {"page_s": [], "lists_s": []}
    try:
        _wait_for(page, "Lede lærernes", 600)
        for run in range(1, runs + 1):
            new = f"Lede lærernes læring og vekst {run}"
            started = time.perf_counter()
            path.write_text(original.replace(title, f"nb: {new}", 1), "utf-8")
            _wait_for(page, new, 60)
            figures["page_s"].append(time.perf_counter() - started)
            _wait_for(overview, new, 60)
            figures["lists_s"].append(time.perf_counter() - started)
            time.sleep(3)   # the search index is refreshed in the background: let it finish
    finally:
        server.send_signal(signal.SIGINT)   # as Ctrl-C: its language processes stop too
        server.wait()
        path.write_text(original, "utf-8")
    return figures


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.01)
    raise SystemExit(f"{url} did not show {text!r} within {timeout} s")


def report(results: dict) -> None:
    sizes = results["sizes"]
    print(f"{'size':>5} {'entries':>8} {'pages':>6} {'build s':>8} {'peak MB':>8} "
          f"{'baseline s':>10} {'ratio':>6} {'validate s':>10}")
    for size, row in sizes.items():
        print(f"{size + 'x':>5} {row['entries']:>8} {row['pages']:>6} {row['build']['s']:>8.2f} "
              f"{row['build']['peak_mb']:>8.0f} {row['baseline']['s']:>10.2f} "
              f"{row['ratio_to_baseline']:>6.2f} {row['validate_s']:>10.2f}")
    first, last = next(iter(sizes)), list(sizes)[-1]
    if "build_one_by_one" in sizes[first]:
        print(f"\nAt {first}x, the two languages built one by one take "
              f"{sizes[first]['build_one_by_one']['s']:.2f} s, in parallel "
              f"{sizes[first]['build']['s']:.2f} s.")
    growth = sizes[last]["build"]["s"] / sizes[first]["build"]["s"]
    print(f"\nBuild time grows {growth:.1f}x from {first}x to {last}x content "
          f"({sizes[last]['entries'] / sizes[first]['entries']:.1f}x the entries).")
    print(f"\n{'search':>6} {'lang':>4} {'index s':>8} {'index kB':>9} {'view kB':>8} "
          f"{'search kB':>9} {'requests':>8} {'lunr kB/view':>12}   (kB gzip, per language)")
    for size, row in sizes.items():
        s = row["search"]
        for lang in ("nb", "sv"):
            view = s.get(lang, {})
            print(f"{size + 'x':>6} {lang:>4} {s[lang]['index_s']:>8.2f} {s[lang]['kb']:>9.0f} "
                  f"{view.get('view_kb_gzip', float('nan')):>8.1f} "
                  f"{view.get('search_kb_gzip', float('nan')):>9.1f} "
                  f"{view.get('search_requests', 0):>8} {s['lunr_kb_gzip'][lang]:>12.1f}")
    if "weight" in results:
        print()
        for name, w in results["weight"].items():
            if "page" in w:
                print(f"{name:>10}: {w['kb_gzip']:6.1f} kB gzip with {w['files'] - 1} assets "
                      f"({w['page']})")
            else:
                print(f"{name:>10}: {w['kb']:6.1f} kB ({w['kb_gzip']:.1f} kB gzip)")
    if "preview" in results:
        report_preview(results["preview"], sizes[first]["build"]["s"], first)
    print("\nBudgets:")
    checks = [("full build within 1.15x the plain-Markdown baseline",
               all(r["ratio_to_baseline"] <= BUDGETS["build_vs_baseline"] for r in sizes.values()))]
    if "50" in sizes and "1" in sizes:
        checks.append(("time at 50x within 60x the time at 1x",
                       sizes["50"]["build"]["s"] <= BUDGETS["time_50x_vs_1x"]
                       * sizes["1"]["build"]["s"]))
        checks.append(("validation of 50x content under 2 s",
                       sizes["50"]["validate_s"] < BUDGETS["validate_50x_s"]))
    if "50" in sizes and "nb" in sizes["50"]["search"] and "view_kb_gzip" in sizes["50"]["search"]["nb"]:
        s50 = sizes["50"]["search"]
        checks.append(("a page view loads no search data",
                       all(s50[x]["view_kb_gzip"] == 0 for x in ("nb", "sv"))))
        checks.append(("one search at 50x content loads at most 300 kB gzip",
                       all(s50[x]["search_kb_gzip"] <= BUDGETS["search_kb_gzip_50x"]
                           for x in ("nb", "sv"))))
    if "weight" in results:
        checks.append(("a page with its assets under 150 kB gzip (before the search index)",
                       all(w["kb_gzip"] < BUDGETS["page_kb_gzip"]
                           for w in results["weight"].values() if "page" in w)))
    for text, met in checks:
        print(f"  [{'met' if met else 'NOT met'}] {text}")
    results["budgets"] = {text: met for text, met in checks}


def report_preview(figures: dict, full_s: float, size: str) -> None:
    """The live preview's figures beside the full build's."""
    def spread(values: list[float]) -> str:
        return (f"median {statistics.median(values):.2f} s "
                f"({min(values):.2f}–{max(values):.2f} s over {len(values)} saves)")

    print(f"\nLive preview at {size}x, save a YAML file -> the changed page served: "
          f"{spread(figures['page_s'])}; -> a list that shows it: {spread(figures['lists_s'])}. "
          f"The full build (scripts/build.py) takes {full_s:.2f} s.")


if __name__ == "__main__":
    sys.exit(main())
