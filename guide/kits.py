"""Meeting kits: what a kit is for, what the team brings, and agendas for 45 and 90 minutes
worked out from the kit's own content (guide/templates/kit.md.jinja shows them).

The agenda is the guide's suggestion, and its arithmetic is plain and shown on the page:

- Reading: the words of the key points the kit shows, divided by a reading pace, rounded, between
  a floor and a ceiling (READ). In 90 minutes the pace is halved: the team also talks about each
  point.
- Reflection: minutes per question shown, up to a cap (REFLECT).
- Opening and agreeing have fixed minutes (FIXED).
- What is left goes to looking at what the team brought (BRING_SHARE of it) and to choosing (the
  rest), so that each agenda adds up to exactly 45 or 90 minutes.
"""

import hashlib
import json
import re

TOTALS = (45, 90)
QUESTIONS_SHOWN = 6                              # the kit shows the first six questions
READ = {45: (80, 1, 8), 90: (40, 2, 15)}         # words per minute, at least, at most
REFLECT = {45: (5, 20), 90: (10, 40)}            # minutes per question, at most
FIXED = {45: {"opening": 3, "agree": 5}, 90: {"opening": 5, "agree": 15}}
BRING_SHARE = 0.4                                # of what is left; choosing gets the rest
STEPS = ("opening", "points", "bring", "reflection", "choose", "agree")

# What the team brings, by flavour (ui.yaml: kit_bring_<key>, kit_agenda_bring_<key>).
BRING = {"area": "area", "area_unordered": "area", "area_preparation": "area_preparation",
         "dimension": "dimension", "plc": "plc", "plc_topic": "plc",
         "attendance": "attendance", "attendance_topic": "attendance",
         "school_owner": "school_owner"}
# What the choosing step asks for, by flavour (ui.yaml: kit_agenda_<key>).
CHOOSE = {"area": "sequence", "area_unordered": "start", "area_preparation": "own",
          "school_owner": "part"}
# The field of each kind that holds what the source suggests leaders do.
SUGGESTIONS = {"dimension": "leader_actions", "attendance-factor": "leaders_do",
               "topic": "leaders_do"}
TOPIC_FLAVOUR = {"plc": "plc_topic", "attendance": "attendance_topic",
                 "school-owner": "school_owner"}
_FOREIGN_MARK = re.compile(r"\{[a-z]{2,3}:")
_WORD = re.compile(r"\w+")


def flavour(kind: str, item: dict, actions: list) -> str:
    """What sort of meeting a kit is: its kind, and for areas and topics what they hold."""
    if kind == "area":
        if item.get("status") == "in-preparation" or not actions:
            return "area_preparation"
        return "area" if item.get("actions_numbered", True) else "area_unordered"
    if kind == "topic":
        return TOPIC_FLAVOUR[item["pillar"]]
    return {"dimension": "dimension", "plc-characteristic": "plc",
            "attendance-factor": "attendance"}[kind]


def key_points(kind: str, item: dict) -> list[str]:
    """The texts the kit shows under its key points (one language), as the template shows them."""
    if kind == "area":
        texts = [item["purpose"], item.get("duration", {}).get("text", "")]
        if item.get("desired_effects"):
            texts += [item.get("effects_lead", "")] + list(item["desired_effects"])
        return texts
    if kind == "plc-characteristic":
        return [item["summary"]] + [i["text"] for i in item["indicators"]]
    if kind == "attendance-factor":
        return [item["summary"], item["explanation"]]
    if kind == "topic":
        return [item["summary"]] + [x for s in item["sections"] for x in s.get("items", [])]
    return [item["summary"]]


def words(texts: list[str]) -> int:
    """Words as a reader reads them ({sv: elevhälsan} is one word, not two)."""
    return sum(len(_WORD.findall(_FOREIGN_MARK.sub(" ", t))) for t in texts)


def _round(x: float) -> int:
    """Half up, as people round (Python's round() rounds 2.5 to 2)."""
    return int(x + 0.5)


def minutes(n_words: int, n_questions: int, total: int) -> dict[str, int]:
    """Minutes per step for a meeting of `total` minutes (45 or 90); they add up to `total`."""
    pace, least, most = READ[total]
    per, cap = REFLECT[total]
    read = min(max(_round(n_words / pace), least), most)
    reflect = min(per * n_questions, cap)
    fixed = FIXED[total]
    left = total - fixed["opening"] - fixed["agree"] - read - reflect
    bring = _round(left * BRING_SHARE)
    return {"opening": fixed["opening"], "points": read, "bring": bring, "reflection": reflect,
            "choose": left - bring, "agree": fixed["agree"]}


def field(value) -> str:
    """A field's name for what it stands for (a question, a statement in every language): notes
    stay with their question when others are added, moved or removed, in either language."""
    data = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return "f" + hashlib.sha256(data.encode("utf-8")).hexdigest()[:10]


def plan(kind: str, item: dict, raw: dict, actions: list, also: list[str] = ()) -> dict:
    """Everything a kit works out from its content: `item` in the page's language, `raw` the
    entry as written (every language), `actions` the area's actions in Skolverket's order,
    `also` what else the key points show (a dimension's effect size and its source)."""
    shown = item["reflection"][:QUESTIONS_SHOWN]
    n_words = words(key_points(kind, item) + list(also))
    flav = flavour(kind, item, actions)
    per_total = {total: minutes(n_words, len(shown), total) for total in TOTALS}
    suggestion = SUGGESTIONS.get(kind)
    return {
        "flavour": flav,
        "bring": BRING[flav],
        "choose": CHOOSE.get(flav, "choose"),
        "words": n_words,
        "questions": len(shown),
        "steps": [(step, per_total[45][step], per_total[90][step]) for step in STEPS],
        "rule": {"pace": READ[45][0], "least": READ[45][1], "most": READ[45][2],
                 "pace_long": READ[90][0], "least_long": READ[90][1], "most_long": READ[90][2],
                 "per": REFLECT[45][0], "cap": REFLECT[45][1],
                 "per_long": REFLECT[90][0], "cap_long": REFLECT[90][1]},
        "fields": {"questions": [field(q) for q in raw["reflection"][:QUESTIONS_SHOWN]],
                   "suggestions": [field(s) for s in raw.get(suggestion, [])] if suggestion
                   else []},
    }
