"""Small charts drawn at build time as inline SVG: no chart library, no script, under 2 KB each.

Each chart is a ``<figure>`` holding an SVG (``role="img"``, named by its ``<title>``, described by the
caption) and a one-sentence summary in Bahasa Indonesia written from the numbers. The tables that carry
the same numbers stay on the page beside the chart: a chart adds a picture, it never replaces the figures.

The SVG is drawn in a 320-unit-wide box that the page scales to its width (``.grafik`` in ``situs.css``),
so on a 360 px phone a unit is about one pixel and the 12-unit text about 12 px. Shapes carry CSS classes
of ``situs.css`` rather than style attributes, and coordinates are rounded to one decimal.

Built with plain string joins, like :func:`generator.render.pages.html_table`: this runs for every region page.
Text that comes from data (region names) is escaped with markupsafe.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from babel.dates import format_date
from markupsafe import Markup, escape

from generator import formatting
from generator.texts import HIDDEN_BAR

WIDTH = 320
"""Width of every chart's viewBox, in SVG units (about CSS pixels on a 360 px phone)."""
CHAR = 7
"""Rough width of a digit of the 12-unit text, to tell whether value labels fit over every column."""
FILLS = {"grafik-arsir": ' fill="url(#grafik-arsir)"'}
"""The hatching is set on the shape itself: a ``url(#...)`` in a style sheet may be read against the sheet's address."""

TREND_TOP, TREND_BASE = 34, 140
"""The columns of the monthly chart stand on ``TREND_BASE``; the highest reaches ``TREND_TOP``."""
BAR_LEFT, BAR_SPACE, ROW, ROWS_TOP = 118, 156, 22, 24
"""Occupation chart: bars start at ``BAR_LEFT`` and the longest is ``BAR_SPACE`` long; one row per ``ROW``."""


def _n(value: float) -> str:
    """A coordinate (not negative): at most one decimal, no trailing zero."""
    whole, tenth = divmod(round(value * 10), 10)
    return f"{whole}.{tenth}" if tenth else str(whole)


@functools.lru_cache(maxsize=256)
def _short_month(month: dt.date) -> str:
    """``2026-01-01`` → ``Jan``."""
    return format_date(month, format="LLL", locale=formatting.LOCALE)


def _figure(key: str, title: str, summary: str, height: int, body: str) -> Markup:
    """The figure around a chart; ``title`` and ``summary`` are escaped here, ``body`` is SVG built by this module."""
    return Markup(
        f'<figure class="grafik">\n<svg viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{key}-judul" aria-describedby="{key}-ringkasan">'
        f'<title id="{key}-judul">{escape(title)}</title>{body}</svg>\n'
        f'<figcaption id="{key}-ringkasan">{escape(summary)}</figcaption>\n</figure>'
    )


def trend_summary(months: Sequence[dt.date], values: Sequence[int]) -> str:
    """``Naik dari 80 pada Januari 2026 menjadi 98 pada Oktober 2026.``, with the highest and lowest month
    when they lie outside the first and last."""
    number, month = formatting.number, formatting.month
    first, last = values[0], values[-1]
    start, end = f"{number(first)} pada {month(months[0])}", f"{number(last)} pada {month(months[-1])}"
    if last > first:
        text = f"Naik dari {start} menjadi {end}."
    elif last < first:
        text = f"Turun dari {start} menjadi {end}."
    else:
        text = f"{end[0].upper()}{end[1:]}, sama dengan {month(months[0])}."
    high, low = max(values), min(values)
    if high > max(first, last):
        text += f" Tertinggi {number(high)} pada {month(months[values.index(high)])}."
    if low < min(first, last):
        text += f" Terendah {number(low)} pada {month(months[values.index(low)])}."
    return text


@functools.lru_cache(maxsize=64)
def _trend_frame(months: tuple[dt.date, ...]) -> tuple[float, list[tuple[str, str, str, str]], str]:
    """What depends on the months only: the column width; per column its left edge, middle, right edge and
    ``H{left}z`` (the end of its outline); and the row of month labels, with the year under the first month
    and under each January."""
    pitch = WIDTH / len(months)
    width = pitch * 0.6
    columns, row = [], []
    for i, month in enumerate(months):
        left, middle = i * pitch + (pitch - width) / 2, (i + 0.5) * pitch
        columns.append((_n(left), _n(middle), _n(left + width), f"h{_n(width)}V{TREND_BASE}H{_n(left)}z"))
        x = _n(min(max(middle, 15), WIDTH - 15))
        row.append(f'<text x="{x}" y="{TREND_BASE + 15}">{_short_month(month)}</text>')
        if i == 0 or month.month == 1:
            row.append(f'<text x="{x}" y="{TREND_BASE + 29}">{month.year}</text>')
    return pitch, columns, f'<g text-anchor="middle">{"".join(row)}</g>'


def trend_chart(months: Sequence[dt.date], values: Sequence[int], target: int, name: str) -> Markup:
    """Columns of the enrolled workers at the end of each month (oldest on the left), from zero, with the
    target as a dashed line; empty when there are fewer than two months to compare, or only zeros."""
    count = len(values)
    if count < 2 or len(months) != count or not any(values):
        return Markup("")
    pitch, frame, months_row = _trend_frame(tuple(months))
    top = max(*values, target, 1)
    scale = (TREND_BASE - TREND_TOP) / top
    labels = [formatting.number(v) for v in values]
    every = max(len(label) for label in labels) * CHAR <= pitch - 2
    columns, texts = [], []
    for i, ((left, middle, right, outline), value, label) in enumerate(zip(frame, values, labels, strict=True)):
        y = TREND_BASE - value * scale
        if value:
            columns.append(f"M{left} {_n(y)}{outline}")
        if every:
            texts.append(f'<text x="{middle}" y="{_n(y - 4)}">{label}</text>')
        elif i == 0:
            texts.append(f'<text x="{left}" y="{_n(y - 4)}" text-anchor="start">{label}</text>')
        elif i == count - 1:
            texts.append(f'<text x="{right}" y="{_n(y - 4)}" text-anchor="end">{label}</text>')
    parts = [
        f'<path class="grafik-isi" d="{"".join(columns)}"/>',
        f'<path class="grafik-sumbu" d="M0 {TREND_BASE}H{WIDTH}"/>',
    ]
    if target > 0:
        parts.append(f'<path class="grafik-target" d="M0 {_n(TREND_BASE - target * scale)}H{WIDTH}M0 8h24"/>')
        parts.append(f'<text x="30" y="12">Target {formatting.number(target)}</text>')
    parts.append(f'<g class="grafik-angka" text-anchor="middle">{"".join(texts)}</g>')
    parts.append(months_row)
    title = f"Peserta terdaftar per bulan, {name}"
    return _figure("grafik-bulanan", title, trend_summary(months, values), TREND_BASE + 34, "".join(parts))


def _names(labels: list[str]) -> str:
    """``Petani``; ``Petani dan Nelayan``; ``Petani, Nelayan dan Pedagang``."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} dan {labels[-1]}"


def occupation_summary(labels: Sequence[str], shown: Sequence[Sequence[int | None]]) -> str:
    """``Pekerjaan terbanyak: Petani (45). Laki-laki 71, perempuan 27.``; ``shown`` is the table with ``None``
    for each hidden cell."""
    totals = [(row[2], label) for row, label in zip(shown[: len(labels)], labels, strict=True) if row[2] is not None]
    most = max((total for total, _ in totals), default=0)
    if not most:
        text = "Belum ada peserta yang angkanya bisa ditampilkan."
    else:
        leaders = _names([label for total, label in totals if total == most])
        if len(totals) == len(labels):
            text = f"Pekerjaan terbanyak: {leaders} ({formatting.number(most)})."
        else:
            text = f"Terbanyak di antara pekerjaan yang angkanya ditampilkan: {leaders} ({formatting.number(most)})."
    men, women, _ = shown[len(labels)]
    if men is not None and women is not None:
        text += f" Laki-laki {formatting.number(men)}, perempuan {formatting.number(women)}."
    return text


@functools.lru_cache(maxsize=8)
def _row_labels(labels: tuple[str, ...]) -> list[tuple[int, str]]:
    """Per occupation row: the top of its bar and its label."""
    return [
        (ROWS_TOP + i * ROW + 4, f'<text x="0" y="{ROWS_TOP + i * ROW + 15}">{escape(label)}</text>')
        for i, label in enumerate(labels)
    ]


def occupation_chart(labels: Sequence[str], shown: Sequence[Sequence[int | None]], name: str) -> Markup:
    """Bars of enrolled workers per occupation, split into men (solid) and women (hatched).

    ``shown`` is the occupation × gender table with its margins as published (one row per label, then the
    totals row; columns men, women, total), with ``None`` for each cell the disclosure rule hides, so only
    what the table shows is drawn: an occupation whose total is hidden gets no bar, only ``• disembunyikan``;
    one whose men or women are hidden gets one unsplit bar of its shown total; the scale is the largest shown
    total. Empty when no occupation has a shown worker.
    """
    top = max((row[2] or 0 for row in shown[: len(labels)]), default=0)
    if not top:
        return Markup("")
    scale = BAR_SPACE / top
    men_bars, women_bars, whole_bars, texts = [], [], [], []
    for (y, label), (men, women, total) in zip(_row_labels(tuple(labels)), shown, strict=False):
        texts.append(label)
        if total is None:
            texts.append(f'<text class="grafik-redup" x="{BAR_LEFT}" y="{y + 11}">{HIDDEN_BAR}</text>')
            continue
        end = BAR_LEFT + total * scale
        if men is None or women is None:
            whole_bars.append(f"M{BAR_LEFT} {y}H{_n(end)}v14H{BAR_LEFT}z")
        else:
            edge = _n(BAR_LEFT + men * scale)
            if men:
                men_bars.append(f"M{BAR_LEFT} {y}H{edge}v14H{BAR_LEFT}z")
            if women:
                women_bars.append(f"M{edge} {y}H{_n(end)}v14H{edge}z")
        texts.append(f'<text x="{_n(end + 4)}" y="{y + 11}">{formatting.number(total)}</text>')
    split = bool(men_bars or women_bars)
    legend = [("grafik-isi", "Laki-laki", split), ("grafik-arsir", "Perempuan", split)]
    legend.append(("grafik-utuh", "Jumlah saja", bool(whole_bars)))
    parts = []
    if split:
        parts.append(
            '<defs><pattern id="grafik-arsir" width="5" height="5" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><path class="grafik-garis" d="M0 0V5"/></pattern></defs>'
        )
    x = 0.0
    for css, text, used in legend:
        if used:
            swatch = f'<path class="{css}"{FILLS.get(css, "")} d="M{_n(x)} 4h14v12h-14z"/>'
            parts.append(f'{swatch}<text x="{_n(x + 19)}" y="15">{text}</text>')
            x += 30 + len(text) * 6.5
    for css, bars in (("grafik-isi", men_bars), ("grafik-arsir", women_bars), ("grafik-utuh", whole_bars)):
        if bars:
            parts.append(f'<path class="{css}"{FILLS.get(css, "")} d="{"".join(bars)}"/>')
    parts.append("".join(texts))
    title = f"Peserta menurut pekerjaan dan jenis kelamin, {name}"
    summary = occupation_summary(labels, shown)
    return _figure("grafik-pekerjaan", title, summary, ROWS_TOP + len(labels) * ROW + 2, "".join(parts))
