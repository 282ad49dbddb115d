"""Facts know time: which facts hold on the data date, and warnings about facts that end or go unchecked.

The reference day is the data date (the latest ``tanggal_data``), not the day of the build, so the
same data always gives the same site. A fact whose ``berlaku_sampai`` is before it shows as ended,
next to the fact that replaced it (``diganti_oleh``); pages can also ask ``fakta.x.berakhir``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

from generator import formatting
from generator.facts import Fact, Facts, Source
from generator.problems import Problem

ENDING_WITHIN_DAYS = 60
"""A fact that ends this many days after the data date or fewer is announced to staff."""
CHECK_EVERY_MONTHS = 12
"""A fact not checked against its sources for longer than this is announced to staff."""
MAX_NAMED = 5
"""A warning about a source names this many of the facts resting on it, then says how many more."""


def facts_as_of(facts: Facts, day: dt.date | None, path: str) -> tuple[Facts, list[Problem]]:
    """The facts as they stand on ``day``, each with its successor, and a warning for every fact staff should look at.

    Without a data date (no participation rows yet) no fact has ended or started and only the warnings that do not
    depend on the date are given, but successors are attached all the same: a page that names one must not print
    ``None``.
    """
    dated = {key: dataclasses.replace(fact, as_of=day) for key, fact in facts.facts.items()}
    resolved: dict[str, Fact] = {}
    for key in dated:
        _resolve(key, dated, resolved, ())
    published = [dataclasses.replace(p, fact=resolved[p.fact.key]) for p in facts.published]
    warnings = [w for fact in resolved.values() for w in _warnings(fact, day, path)]
    warnings += _unchecked(resolved, facts.sources, day, path)
    return dataclasses.replace(facts, facts=resolved, published=published), warnings


def _resolve(key: str, dated: dict[str, Fact], resolved: dict[str, Fact], chain: tuple[str, ...]) -> Fact:
    """The fact with its successor attached (successors first).

    A successor missing from the file, or a loop of successors, is an error of the file (``facts_file``); here it is
    only not followed, so that every problem is still reported.
    """
    if key in resolved:
        return resolved[key]
    fact = dated[key]
    if fact.replaced_by in dated and fact.replaced_by not in (*chain, key):
        fact = dataclasses.replace(fact, successor=_resolve(fact.replaced_by, dated, resolved, (*chain, key)))
    resolved[key] = fact
    return fact


def _warnings(fact: Fact, day: dt.date | None, path: str) -> list[Problem]:
    def warn(code: str, message: str, about: str = "berlaku_sampai") -> Problem:
        return Problem(path, fact.line_of(about), fact.key, code, message, warning=True)

    found = []
    if fact.valid_until:
        until = formatting.date(fact.valid_until)
        if day and fact.berakhir:  # without a data date nothing has ended or is about to
            now = f"; situs menandainya sudah berakhir dan menampilkan {fact.replaced_by}" if fact.replaced_by else ""
            found.append(warn("fact-ended", f"berakhir {until}, sebelum tanggal data {formatting.date(day)}{now}"))
        elif day and (fact.valid_until - day).days <= ENDING_WITHIN_DAYS:
            days = (fact.valid_until - day).days
            found.append(
                warn("fact-ending", f"berakhir {until}, {days} hari setelah tanggal data; siapkan penggantinya")
            )
        if not fact.replaced_by:
            found.append(
                warn("fact-no-successor", f"berlaku sampai {until} tetapi tidak menyebut penggantinya (diganti_oleh)")
            )
    return found


def _unchecked(facts: dict[str, Fact], sources: dict[str, Source], day: dt.date | None, path: str) -> list[Problem]:
    """Facts not checked against their sources for over ``CHECK_EVERY_MONTHS`` months, or never.

    A fact with its own ``diperiksa`` is announced on its own; the others take their date from their sources, so
    there is one warning per source, naming the facts that rest on it: when the date most sources share ages, staff
    get one line per source, not one per fact.
    """
    limit = _months_before(day, CHECK_EVERY_MONTHS) if day else None
    found = []
    resting: dict[str, list[str]] = {}
    for fact in facts.values():
        if fact.checked and not (limit and fact.checked < limit):
            continue
        if "diperiksa" in fact.field_lines and fact.checked:  # its own date
            message = (
                f"terakhir diperiksa {formatting.date(fact.checked)}, lebih dari {CHECK_EVERY_MONTHS} bulan sebelum "
                f"tanggal data; periksa lagi sumbernya ({', '.join(fact.sources)}) lalu perbarui 'diperiksa'"
            )
            found.append(Problem(path, fact.line_of("diperiksa"), fact.key, "fact-unchecked", message, warning=True))
            continue
        for key in fact.sources:
            resting.setdefault(key, []).append(fact.key)
    for key, keys in resting.items():
        source = sources[key]
        if source.checked:
            since = formatting.date(source.checked)
            when = f"terakhir diperiksa {since}, lebih dari {CHECK_EVERY_MONTHS} bulan sebelum tanggal data"
            todo = "cocokkan lagi fakta-fakta itu dengan sumbernya lalu perbarui 'diperiksa'"
        else:
            when, todo = "belum pernah diperiksa", "cocokkan fakta-fakta itu dengan sumbernya lalu isi 'diperiksa'"
        more = len(keys) - MAX_NAMED
        named = ", ".join(keys[:MAX_NAMED]) + (f" dan {more} lainnya" if more > 0 else "")
        message = f"{when}; {len(keys)} fakta bersandar pada sumber ini ({named}); {todo}"
        found.append(
            Problem(path, source.checked_line, f"sumber.{key}.diperiksa", "fact-unchecked", message, warning=True)
        )
    return found


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier, or the last day of that month if it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
