"""Review dates: every entry says when it was last checked, when it is due again, and which role
answers for it. An entry past its date is reported (a warning, not an error) and its page says so.
"""

import os
from datetime import UTC, date, datetime

from guide.problems import Problem


def today() -> date:
    """The build's today: $GUIDE_TODAY (YYYY-MM-DD), or the day of $SOURCE_DATE_EPOCH (so that
    builds of one commit stay the same), or the real today."""
    if os.environ.get("GUIDE_TODAY"):
        return date.fromisoformat(os.environ["GUIDE_TODAY"])
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC).date()
    return date.today()


def check(entities) -> list[Problem]:
    """A review cannot be due before it was done."""
    return [Problem(e.file, *e.doc.value_where(("next_review",)), f"the next review "
                    f"({e.data['next_review']}) must come after the last one "
                    f"({e.data['reviewed']}): set a later `next_review`")
            for e in entities if e.data["next_review"] <= e.data["reviewed"]]


def overdue(entities, on: date | None = None) -> list:
    """The entries whose next review is before `on` (default: today), oldest first."""
    on = on or today()
    late = [e for e in entities if date.fromisoformat(e.data["next_review"]) < on]
    return sorted(late, key=lambda e: (e.data["next_review"], e.file))


def warnings(entities, on: date | None = None) -> list[Problem]:
    late = [Problem(e.file, *e.doc.value_where(("next_review",)), f"warning: the review of "
                    f"{e.kind.replace('-', ' ')} `{e.id}` was due on {e.data['next_review']}: "
                    "check it against its sources, then set `reviewed` and `next_review`")
            for e in overdue(entities, on)]
    return late + [Problem(e.file, *e.doc.value_where(("reviewed",)), f"warning: "
                           f"{e.kind.replace('-', ' ')} `{e.id}` was revised on "
                           f"{e.data['revised']}, after its last review ({e.data['reviewed']}): "
                           "its page says it awaits review; check it against its sources, then "
                           "set `reviewed`")
                   for e in unreviewed(entities)]


def unreviewed(entities) -> list:
    """The entries changed after their last review."""
    return sorted((e for e in entities if e.data["revised"] > e.data["reviewed"]),
                  key=lambda e: e.file)
