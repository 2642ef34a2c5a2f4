"""Date and number consistency: a dossier's dates and figures must agree with each other.

The rules are split by subject: `calendar_and_ranges` (real dates, forward ranges,
nothing in the future, the footer's dates), `overview` (the regime's dates,
duration and leaders), `body` (consistency across the body); `prose` is the
scan of the prose they share.
"""

from __future__ import annotations

from dossierlint.rules.dates import body, calendar_and_ranges, overview

RULES = tuple(
    sorted((*calendar_and_ranges.RULES, *overview.RULES, *body.RULES), key=lambda rule: rule.code)
)
