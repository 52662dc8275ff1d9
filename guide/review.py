"""Review dates: every entry says when it was last checked, when it is due again, and which role
answers for it. An entry past its date is reported (a warning, not an error) and its page says so.
"""

import os
import re
from datetime import date, timedelta

from guide.problems import Problem
from guide.text import log, shorten

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The last second of 9999-12-31 (UTC): a later day has no date.
LAST_EPOCH = 253_402_300_799


class DateSettingError(ValueError):
    """$GUIDE_TODAY or $SOURCE_DATE_EPOCH is not a day; the message says what to write."""


def today() -> date:
    """The build's today: $GUIDE_TODAY (YYYY-MM-DD), or the day of $SOURCE_DATE_EPOCH (so that
    builds of one commit stay the same), or the real today. A value that is not a day raises
    DateSettingError with a message for the person who set it."""
    if os.environ.get("GUIDE_TODAY"):
        return _guide_today(os.environ["GUIDE_TODAY"])
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return _epoch_day(os.environ["SOURCE_DATE_EPOCH"])
    return date.today()


def setting_error() -> str | None:
    """The message if $GUIDE_TODAY or $SOURCE_DATE_EPOCH is not a day, else None: scripts ask
    before they start, so that a wrong setting is one plain line, not a traceback."""
    try:
        for name, read in (("GUIDE_TODAY", _guide_today), ("SOURCE_DATE_EPOCH", _epoch_day)):
            if os.environ.get(name):   # both: MkDocs reads SOURCE_DATE_EPOCH too
                read(os.environ[name])
    except DateSettingError as err:
        return str(err)
    return None


def _guide_today(value: str) -> date:
    shown = log(shorten(value, 40))
    if not ISO_DAY.fullmatch(value):
        raise DateSettingError(f"GUIDE_TODAY must be a day written YYYY-MM-DD, such as "
                               f"2026-05-01 (it is «{shown}»)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DateSettingError(f"GUIDE_TODAY={shown} is not a day of the calendar: check the "
                               "month and the day (YYYY-MM-DD)") from None


def _epoch_day(value: str) -> date:
    """The day (UTC) of a number of seconds since 1970-01-01, as reproducible builds set it."""
    if not re.fullmatch(r"[0-9]{1,12}", value) or int(value) > LAST_EPOCH:
        raise DateSettingError("SOURCE_DATE_EPOCH must be a whole number of seconds since "
                               "1970-01-01 (UTC) up to the year 9999, such as 1763856000 (it is "
                               f"«{log(shorten(value, 40))}»)")
    return date(1970, 1, 1) + timedelta(seconds=int(value))


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
