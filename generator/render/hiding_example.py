"""The worked example of the disclosure rule on "Tentang data": a made-up village table, hidden by the rule the
site uses, and what a reader can still work out about one hidden count. Computed at build time, so the page never
says more than the rule and its audit do, whatever ``ambang_angka_kecil`` is."""

from __future__ import annotations

from generator import formatting
from generator.compute.disclosure import hidden_cells, possible_values
from generator.compute.lines import Cell, grid_lines
from generator.formatting import ENGLISH, LOCALE
from generator.texts import HIDDEN_MARK

ROWS = (("Petani", 40, 35), ("Nelayan", 11, 1), ("Buruh harian", 9, 4))
"""Occupation, men, women: a village of a hundred, made up for the example."""
WORDS = {
    LOCALE: ("| Pekerjaan | Laki-laki | Perempuan | Jumlah |", "Jumlah", "berapa saja dari {} sampai {}", "atau"),
    ENGLISH: ("| Occupation | Men | Women | Total |", "Total", "any number from {} to {}", "or"),
}
"""The table's header and total, and how the possible values are said."""
OCCUPATIONS = {LOCALE: [name for name, _, _ in ROWS], ENGLISH: ["Farmers", "Fishers", "Day labourers"]}
CELL = (1, 1)
"""The count the example follows: women fishers (1)."""
MAX_LISTED = 8
"""More possible values than this are said as a range."""


def hiding_example(threshold: int, locale: str = LOCALE) -> dict[str, str]:
    """The example table as Markdown, and the values ``CELL`` can take for a reader of the published table, in
    the words and notation of ``locale``."""
    inner = [[men, women] for _, men, women in ROWS]
    rows, columns = len(inner), 2
    key = lambda r, c: (r, c)  # noqa: E731
    values: dict[Cell, int] = {
        (r, c): sum(
            inner[i][j] for i in (range(rows) if r == rows else [r]) for j in (range(columns) if c == columns else [c])
        )
        for r in range(rows + 1)
        for c in range(columns + 1)
    }
    lines = grid_lines(key, rows, columns)
    grand = (rows, columns)
    hidden = hidden_cells(values, lines, threshold, public={grand})
    low, high = possible_values(values, lines, hidden, CELL) if CELL in hidden else (values[CELL], values[CELL])

    def shown(r: int, c: int) -> str:
        text = HIDDEN_MARK if (r, c) in hidden else formatting.number(values[(r, c)], locale)
        return f"**{text}**" if r == rows else text

    header, total, span, alternative = WORDS[locale]
    table = [header, "|---|---:|---:|---:|"]
    table += [
        f"| {name} | " + " | ".join(shown(r, c) for c in range(columns + 1)) + " |"
        for r, name in enumerate(OCCUPATIONS[locale])
    ]
    table.append(f"| **{total}** | " + " | ".join(shown(rows, c) for c in range(columns + 1)) + " |")
    possible = [formatting.number(value, locale) for value in range(low, high + 1)]
    if len(possible) > MAX_LISTED:
        possible = [span.format(possible[0], possible[-1])]
    return {
        "tabel": "\n".join(table),
        "peserta": formatting.number(values[grand], locale),
        "benar": formatting.number(values[CELL], locale),
        "kemungkinan": ", ".join(possible[:-1]) + f" {alternative} {possible[-1]}"
        if len(possible) > 1
        else possible[0],
    }
