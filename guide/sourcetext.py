"""A source's own words, read from a text file, and where a quotation stands in them.

Slides exported to text break lines anywhere, hyphenate, run words together or split them, lose
diacritics (å → a) and, when scanned, confuse letters (ø read as g or @). A quotation is found
when its letters stand in the source in the same order, from the start of a word to the end of
one, whatever the case, punctuation, spaces and line breaks; each å, ä, æ, ø, ö may be its plain
letters, and each character may be one of the stand-ins the source declares (`ocr`). Passages
the extraction scrambled beyond that are given their reading (`readings`), by a person.

Inside a quotation, text left out is an ellipsis (… or [...]) and the parts must stand in order;
words in square brackets are the guide's own (an insertion such as först[a]) and are not sought.
"""

import difflib
import re
from dataclasses import dataclass, field

# Letters that extracted text often loses or splits, and what they may become.
PLAIN = {"å": ["a", "aa"], "ä": ["a", "ae"], "æ": ["ae", "a", "e"], "ø": ["o", "oe"],
         "ö": ["o", "oe"], "é": ["e"], "è": ["e"], "ü": ["u"]}
ELLIPSIS = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.")
INSERTION = re.compile(r"\[[^\[\]]*\]")
FOREIGN = re.compile(r"\{[a-z]{2,3}: ([^{}]+)\}")
WORD = re.compile(r"\w+")


@dataclass
class SourceText:
    """The words of one source, with each letter's word, for matching quotations."""

    raw: str
    ocr: dict = field(default_factory=dict)       # character -> what the file may have instead
    readings: list = field(default_factory=list)  # (passage as in the file, what it says)
    letters: str = ""                             # every word's letters, lower case, run on
    word_of: list = field(default_factory=list)   # the word each letter belongs to
    words: list = field(default_factory=list)     # each word as the text writes it

    def __post_init__(self):
        text = _read(self.raw, self.readings)
        stand_ins = {c for vals in self.ocr.values() for v in vals for c in v if not c.isalnum()}
        token = re.compile(r"[\w" + re.escape("".join(sorted(stand_ins))) + r"]+")
        self._text = text
        self._spans = []
        letters = []
        for match in token.finditer(text):
            self._spans.append(match.span())
            self.words.append(match.group())
            letters.append(match.group().lower())
            self.word_of.extend([len(self._spans) - 1] * len(match.group()))
        self.letters = "".join(letters)
        self._first = [0]   # where each word's letters start
        for word in letters:
            self._first.append(self._first[-1] + len(word))
        self._word_start = set(self._first)

    def find(self, quote: str, after: int = 0) -> tuple[int, int] | None:
        """(first word, the word after the last) of the quotation at or after word `after`,
        or None. Each part between ellipses must follow the one before."""
        first, start = None, after
        for part in parts(quote):
            found = self._find_part(part, start)
            if found is None:
                return None
            first = found[0] if first is None else first
            start = found[1]
        return None if first is None else (first, start)

    def _find_part(self, part: str, word: int):
        pattern = re.compile("".join(self._letter(c) for c in "".join(words(part))))
        pos = self._offset(word)
        while (match := pattern.search(self.letters, pos)) is not None:
            end = match.end()
            if match.start() in self._word_start and (end == len(self.letters) or
                                                      end in self._word_start):
                return self.word_of[match.start()], self.word_of[end - 1] + 1
            pos = match.start() + 1
        return None

    def passage(self, begin: int, end: int) -> str:
        """The source's text from word `begin` to before word `end`, on one line."""
        if begin >= end:
            return ""
        return " ".join(self._text[self._spans[begin][0]:self._spans[end - 1][1]].split())

    def closest(self, quote: str) -> str:
        """The passage of the source most like the quotation, for a message."""
        wanted = [plain_word(w) for w in words(quote)]
        if not wanted or not self.words:
            return ""
        plain = [plain_word(w.lower()) for w in self.words]
        want, size = set(wanted), len(wanted)
        shared = sorted(range(max(1, len(plain) - size + 1)),
                        key=lambda i: (-sum(w in want for w in plain[i:i + size]), i))
        target = " ".join(wanted)
        best = max(((i, n) for i in shared[:20] for n in (size - 1, size, size + 1) if n > 0),
                   key=lambda c: (difflib.SequenceMatcher(
                       None, target, " ".join(plain[c[0]:c[0] + c[1]]), autojunk=False).ratio(),
                       -c[0]))
        return self.passage(best[0], min(best[0] + best[1], len(self.words)))

    def _letter(self, char: str) -> str:
        options = [char, *PLAIN.get(char, []), *self.ocr.get(char, [])]
        if len(options) == 1:
            return re.escape(char)
        return "(?:" + "|".join(re.escape(o) for o in dict.fromkeys(options)) + ")"

    def _offset(self, word: int) -> int:
        return self._first[min(max(word, 0), len(self._first) - 1)]


def parts(quote: str) -> list[str]:
    """The parts of a quotation between ellipses (text left out), without insertions."""
    plain = FOREIGN.sub(r"\1", quote)
    return [INSERTION.sub(" ", p) for p in ELLIPSIS.split(plain) if words(p)]


def words(text: str) -> list[str]:
    """A text's words, lower case, without the guide's insertions: what a quotation keeps."""
    return WORD.findall(INSERTION.sub(" ", FOREIGN.sub(r"\1", text)).lower())


def missing_readings(raw: str, readings: list) -> list[int]:
    """The positions in `readings` of passages the file does not have (any more)."""
    flat = " ".join(raw.split())
    return [i for i, (passage, _) in enumerate(readings) if " ".join(passage.split()) not in flat]


def _read(raw: str, readings: list) -> str:
    """The file's text with each scrambled passage replaced by its reading."""
    if not readings:
        return raw
    text = " ".join(raw.split())
    for passage, reading in readings:
        text = text.replace(" ".join(passage.split()), f" {reading} ")
    return text


_PLAIN_TABLE = str.maketrans({c: options[0] for c, options in PLAIN.items()})


def plain_word(word: str) -> str:
    """A word with its marked letters plain: «høyest» -> "hoyest"."""
    return word.translate(_PLAIN_TABLE)
