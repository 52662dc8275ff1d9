"""Material's interface strings in our languages: no label may be left in English."""

import re
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "languages"
# Keys that are not interface text, and words that are the same in English.
NOT_TEXT = {"language", "direction", "search.config.lang", "search.config.pipeline",
            "search.config.separator"}
SAME_WORD = {"blog.meta": "Metadata", "nav": "Navigation"}


def strings(path: Path) -> dict[str, str]:
    return dict(re.findall(r'"([a-z.]+)": "([^"]*)"', path.read_text("utf-8")))


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_every_label_is_translated(lang):
    english = strings(MATERIAL / "en.html")
    ours_file = ROOT / "overrides" / "partials" / "languages" / f"{lang}.html"
    ours = strings(ours_file if ours_file.exists() else MATERIAL / f"{lang}.html")
    untranslated = sorted(key for key, text in english.items()
                          if key not in NOT_TEXT and ours.get(key, text) == text
                          and SAME_WORD.get(key) != text)
    assert untranslated == []
