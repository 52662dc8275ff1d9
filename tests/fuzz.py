#!/usr/bin/env python3
"""Fuzz the validator with mutated real content: `python tests/fuzz.py --cases 200 --seed 13`.

Copies the project's content, schemas, docs, guide and scripts into a temporary folder, then for
each case mutates one real content file (its bytes, or its YAML structure), runs
scripts/validate.py's main() on the copy, and restores the file. Prints one JSON line per case:
the exit code, the time, and what was printed. tests/test_fuzz.py runs it and checks that every
case ends in exit 0 or 1 with `path:line:col` messages, never a traceback, in bounded time and
memory. Run it with more cases to search longer.
"""

import argparse
import contextlib
import importlib.util
import io
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 2 << 30
LOCATED = re.compile(r"^\S+:\d+:\d+: \S")
# Bytes and text that reach the corners of the reader: YAML syntax, controls, encodings.
NASTY = [b"&a ", b"*a", b"!!python/object:os.system ", b"!!binary ", b"<<: *a", b"[", b"]",
         b"{", b"}", b": ", b"- ", b"\t", b"\x00", b"\x07", b"\x1b[2J", b"\xff\xfe", b"\xc3",
         b"\xe2\x80\xae", b"\xe2\x80\x8b", b"---\n", b"...\n", b"%YAML 1.1\n", b"? ", b"|\n",
         b">-\n", b"'", b'"', b"\\", b"#", b"\r\n", b"\n", b"   ", b".nan", b".inf", b"0x1F",
         b"0301", b"yes", b"no", b"~", b"null", b"2026-02-29", b"<script>", b"{{ x }}", b"TODO",
         b"9" * 400, b"\xef\xbb\xbf"]
VALUES = [None, True, False, 0, -1, 10**30, 1.5, float("nan"), float("inf"), "", " ", "x\n",
          "\u200b", "<b>x</b>", "{% x %}", "TODO", "x" * 5000, "index", "background", "sources",
          "reflection", "2026-02-29", "nb", "../x", [], {}, ["x"], {"nb": "x"}, {"nb": 1},
          "deep"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--worker", type=int, default=0, help="this worker's number")
    parser.add_argument("--workers", type=int, default=1, help="cases are shared among workers")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    with tempfile.TemporaryDirectory(prefix="guide-fuzz-") as tmp:
        project = Path(tmp)
        for name in ("content", "schemas", "docs", "guide", "scripts"):
            shutil.copytree(ROOT / name, project / name)
        validate = _load(project / "scripts" / "validate.py")
        files = sorted(p for p in (project / "content").rglob("*.yaml"))
        for case in range(args.worker, args.cases, args.workers):
            rng = random.Random(args.seed * 100_003 + case)
            target = rng.choice(files)
            original = target.read_bytes()
            mutation, data = mutate(original, rng)
            target.write_bytes(data)
            try:
                print(json.dumps(run(validate, case, target, mutation, project)), flush=True)
            finally:
                target.write_bytes(original)
    print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    return 0


def run(validate, case: int, target: Path, mutation: str, project: Path) -> dict:
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = validate.main([])
        if code == 0:   # valid content must also render, every page in every language
            render_everything(project / "content")
    except BaseException:   # noqa: BLE001 - a crash is what the fuzzer looks for
        code, err = "crash", io.StringIO(traceback.format_exc())
    lines = out.getvalue().splitlines()
    return {"case": case, "file": str(target.relative_to(project)), "mutation": mutation,
            "code": code, "seconds": round(time.monotonic() - started, 3),
            "problems": len(lines), "first": lines[0] if lines else "",
            "unlocated": [line for line in lines if not LOCATED.match(line)][:3],
            "stderr": err.getvalue()[-3000:]}


def render_everything(content_dir: Path) -> None:
    """Every generated page and every snippet of hand-written pages, in every language."""
    from guide import load_content
    from guide.handwritten import SNIPPETS
    from guide.render import Renderer, render_root
    content = load_content(content_dir)
    for lang in content.language_codes:
        renderer = Renderer(content, lang)
        renderer.pages()
        renderer.redirect_pages()
        for name in SNIPPETS:
            renderer.snippet(name, "index.md")
    render_root(content)


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random mutation: of the bytes (half the cases) or of the parsed structure."""
    if rng.random() < 0.5:
        return _bytes(data, rng)
    try:
        tree = yaml.safe_load(data)
    except yaml.YAMLError:
        return _bytes(data, rng)
    name = _structure(tree, rng)
    return name, yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")


def _bytes(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    at = rng.randrange(len(data) + 1)
    end = min(len(data), at + rng.randrange(1, 200))
    choice = rng.randrange(7)
    if choice == 0:
        snippet = rng.choice(NASTY)
        return f"insert {snippet[:20]!r} at {at}", data[:at] + snippet + data[at:]
    if choice == 1:
        return f"delete {at}:{end}", data[:at] + data[end:]
    if choice == 2:
        return f"repeat {at}:{end}", data[:end] + data[at:end] * rng.randrange(2, 50) + data[end:]
    if choice == 3:
        return f"truncate at {at}", data[:at]
    if choice == 4 and data:
        i = rng.randrange(len(data))
        return f"flip byte {i}", data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]
    if choice == 5:
        return f"indent {at}", data[:at] + b"\n" + b" " * rng.randrange(1, 12) + data[at:]
    return f"random bytes at {at}", data[:at] + rng.randbytes(rng.randrange(1, 40)) + data[at:]


def _structure(tree, rng: random.Random) -> str:
    """Change one value, key or list of the parsed file in place; name what was done."""
    containers = list(_containers(tree, ()))
    if not containers:
        return "no structure"
    path, node = rng.choice(containers)
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    if not keys:
        node_value = rng.choice(VALUES)
        (node.__setitem__("x", node_value) if isinstance(node, dict) else node.append(node_value))
        return f"fill empty {path}"
    key = rng.choice(keys)
    choice = rng.randrange(5)
    if choice == 0:
        value = rng.choice(VALUES)
        node[key] = _deep(25) if value == "deep" else value
        return f"replace {path + (key,)}"
    if choice == 1:
        del node[key]
        return f"remove {path + (key,)}"
    if choice == 2 and isinstance(node, dict):
        node[rng.choice(["colour", "id ", "Title", "nb", "draft", "sources", key + "s"])] = \
            node[key]
        return f"extra key beside {path + (key,)}"
    if choice == 3 and isinstance(node, list):
        node.extend([node[key]] * rng.randrange(1, 300))
        return f"repeat item {path + (key,)}"
    node[key] = [node[key]] if rng.random() < 0.5 else {"nb": node[key]}
    return f"wrap {path + (key,)}"


def _deep(levels: int) -> list:
    value = []
    for _ in range(levels):
        value = [value]
    return value


def _containers(node, path):
    if isinstance(node, dict | list):
        yield path, node
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            yield from _containers(value, path + (key,))


def _load(path: Path):
    spec = importlib.util.spec_from_file_location("fuzzed_validate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    sys.exit(main())
