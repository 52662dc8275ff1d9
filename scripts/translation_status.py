#!/usr/bin/env python3
"""How much of the content is translated: `python scripts/translation_status.py [--lang CODE]`.

Prints, per content type and language, how many texts are written, then lists what is missing
as `path:line:col: ...` lines: for published languages everything missing (drafts included), for
a language still in translation only with --lang. Languages come from content/languages.yaml.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import load_content, review
from guide.files import KINDS, SINGLES
from guide.plain import PLACEHOLDER
from guide.schemas import field_name
from guide.yamlfile import read_yaml


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", help="list everything missing in this language")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if error := review.setting_error():   # the reviews overdue are counted from today
        print(error, file=sys.stderr)
        return 1
    languages = read_yaml(args.content / "languages.yaml", "languages.yaml").data
    codes = [x["code"] for x in languages]
    if args.lang and args.lang not in codes:
        parser.error(f"`{args.lang}` is not in content/languages.yaml ({', '.join(codes)})")
    listed = [args.lang] if args.lang else [
        x["code"] for x in languages if x.get("status", "published") == "published"]
    counts, missing = {}, []
    for kind, path in _files(args.content):
        doc = read_yaml(path, str(path.relative_to(args.content.parent)))
        draft = isinstance(doc.data, dict) and doc.data.get("draft") is True
        row = counts.setdefault(kind, {"texts": 0, "drafts": 0} | {c: 0 for c in codes})
        row["drafts"] += draft
        for where, text in _texts(doc.data, (), set(codes)):
            row["texts"] += 1
            for code in codes:
                value = text.get(code)
                if isinstance(value, str) and value.strip() and \
                        not value.strip().upper().startswith(PLACEHOLDER):
                    row[code] += 1
                elif code in listed:
                    line, col = doc.where(where)
                    state = "a placeholder" if value else "missing"
                    missing.append(f"{doc.path}:{line}:{col}: {code} is {state} in "
                                   f"{field_name(where)}{' (draft)' if draft else ''}")
    _print_table(counts, languages)
    if missing:
        print(f"\nMissing ({', '.join(listed)}):")
        print("\n".join(missing))
    _print_reviews(args.content)
    return 0


def _print_reviews(content_dir: Path) -> None:
    """The entries whose review is overdue, oldest first (warnings of the validator)."""
    content = load_content(content_dir)
    if content.problems:
        print("\nReviews: fix the content's problems first (scripts/validate.py).")
        return
    late = review.overdue(_all(content))
    print(f"\nReviews overdue on {review.today().isoformat()}: {len(late) or 'none'}")
    for e in late:
        print(f"  {e.file}: {e.kind} {e.id}, due {e.data['next_review']} "
              f"(owner: {e.data['owner']})")
    pending = review.unreviewed(_all(content))
    print(f"\nRevised after their last review: {len(pending) or 'none'}")
    for e in pending:
        print(f"  {e.file}: {e.kind} {e.id}, revised {e.data['revised']}, reviewed "
              f"{e.data['reviewed']} (owner: {e.data['owner']})")


def _all(content):
    return [e for entities in content.entities.values() for e in entities]


def _files(content: Path):
    for kind in KINDS:
        for path in sorted((content / kind.folder).glob("*.yaml")):
            yield kind.name, path
    for name in SINGLES:
        if name != "languages.yaml" and (content / name).exists():
            yield name.removesuffix(".yaml"), content / name


def _texts(data, where, codes):
    """(path, {code: text}) of every text: a mapping whose keys are all language codes."""
    if isinstance(data, dict):
        if data and set(data) <= codes and all(isinstance(v, str) for v in data.values()):
            yield where, data
            return
        for key, value in data.items():
            yield from _texts(value, (*where, key), codes)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*where, i), codes)


def _print_table(counts: dict, languages: list) -> None:
    heads = [x["code"] + ("" if x.get("status", "published") == "published"
                          else " (in translation)") for x in languages]
    width = max(map(len, counts)) + 2
    print("content type".ljust(width) + "texts  " + "  ".join(h.ljust(18) for h in heads))
    totals = {"texts": 0} | {x["code"]: 0 for x in languages}
    for kind, row in counts.items():
        cells = [f"{row[x['code']]:>5} ({_percent(row[x['code']], row['texts'])})".ljust(18)
                 for x in languages]
        drafts = f"  {row['drafts']} draft(s)" if row["drafts"] else ""
        print(kind.ljust(width) + f"{row['texts']:>5}  " + "  ".join(cells) + drafts)
        for key in totals:
            totals[key] += row[key]
    cells = [f"{totals[x['code']]:>5} ({_percent(totals[x['code']], totals['texts'])})".ljust(18)
             for x in languages]
    print("all".ljust(width) + f"{totals['texts']:>5}  " + "  ".join(cells))


def _percent(done: int, total: int) -> str:
    return f"{100 * done // total if total else 100}%"


if __name__ == "__main__":
    sys.exit(main())
