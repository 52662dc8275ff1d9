#!/usr/bin/env python3
"""Lighthouse (mobile) on the guide's key pages: `python scripts/lighthouse.py [--runs 5]`.

Builds the site (or takes --site), serves it on 127.0.0.1 as a static host would (gzip for
text, the security headers of site/_headers) and runs Lighthouse, pinned in
scripts/lighthouse/package.json and installed with `npm ci` into .venv/lighthouse, in Debian's
Chromium with Lighthouse's default mobile settings (Moto G Power, simulated slow 4G, 4x CPU
slowdown). Each page is run --runs times; the median score per category is reported with the
audits that cost points. Exits 1 when a page is below the targets: 100 in accessibility, best
practices and SEO, 98 in performance. Nothing is fetched from other hosts by the pages.
"""

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import load_content
from guide.outputs import entity_uri, page_url

CHROMIUM = "/usr/bin/chromium"
TOOL = ROOT / ".venv" / "lighthouse"
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".pf_meta")


def pages(content) -> dict[str, str]:
    """The pages the issue names: home, an action, a success factor, the matrix (its largest
    table, the PLC characteristics), an assessment."""
    action = content.entities["action"][0]
    factor = content.entities["attendance-factor"][0]
    return {"home": "", "action": page_url(entity_uri(action)) + "/",
            "success factor": page_url(entity_uri(factor)) + "/", "matrix": "matrix/plc/",
            "self-assessment": "assess/attendance/"}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text and the site's security headers, and no request log."""

    headers_file: ClassVar[dict[str, str]] = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        for name, value in self.headers_file.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in TEXT and path.is_file() and self.path.endswith(("/", path.suffix))
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.cache
def compressed(path: Path) -> bytes:
    """Compressed once, as a host stores it: the server takes no CPU from the browser's runs."""
    return gzip.compress(path.read_bytes(), 9, mtime=0)


def read_headers(site: Path) -> dict[str, str]:
    """The name: value lines of site/_headers (one rule, for every path)."""
    lines = (site / "_headers").read_text("utf-8").splitlines()[1:]
    return dict(line.strip().split(": ", 1) for line in lines if ": " in line)


def install() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    lock = ROOT / "scripts" / "lighthouse" / "package-lock.json"
    stamp = TOOL / "package-lock.json"
    if not binary.exists() or not stamp.exists() or stamp.read_bytes() != lock.read_bytes():
        TOOL.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(ROOT / "scripts" / "lighthouse" / name, TOOL / name)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=TOOL, check=True)
    return binary


def run(binary: Path, url: str, out: Path) -> dict:
    subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--chrome-flags=--headless=new --no-sandbox"],
                   check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(out.read_text("utf-8"))


def losses(report: dict) -> list[str]:
    """The weighted audits that did not score full marks, per category."""
    found = []
    for cat in report["categories"].values():
        for ref in cat["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{cat['id']}: {ref['id']} {audit['score']:.2f} "
                             f"{audit.get('displayValue') or ''}".rstrip())
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (median reported)")
    parser.add_argument("--json", type=Path, help="write the medians here")
    args = parser.parse_args(argv)
    binary = install()
    content = load_content(ROOT / "content")
    with tempfile.TemporaryDirectory(prefix="guide-lighthouse-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--site-dir",
                            str(site)], check=True, stdout=subprocess.DEVNULL)
        Handler.headers_file = read_headers(site)
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        for path in site.rglob("*"):
            if path.suffix in TEXT and path.is_file():
                compressed(path)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        results, failed = {}, False
        print(f"{'page':<24}{'perf':>6}{'a11y':>6}{'bp':>6}{'seo':>6}   runs: {args.runs}")
        for lang in content.language_codes:
            for name, path in pages(content).items():
                scores, notes = {k: [] for k in TARGETS}, set()
                for i in range(args.runs):
                    report = run(binary, f"{base}/{lang}/{path}", Path(tmp) / f"r{i}.json")
                    for key in TARGETS:
                        scores[key].append(round(report["categories"][key]["score"] * 100))
                    notes.update(losses(report))
                median = {k: statistics.median(v) for k, v in scores.items()}
                low = [k for k, v in median.items() if v < TARGETS[k]]
                failed |= bool(low)
                results[f"{lang} {name}"] = {"median": median, "runs": scores,
                                             "losses": sorted(notes)}
                print(f"{lang + ' ' + name:<24}" + "".join(f"{median[k]:>6g}" for k in TARGETS)
                      + f"   performance runs: {' '.join(map(str, scores['performance']))}"
                      + ("   below target: " + ", ".join(low) if low else ""))
                for note in sorted(notes):
                    print(f"{'':<26}{note}")
        server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
