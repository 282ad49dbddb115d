"""``kode_lama.csv``: village codes no longer in use, and the code or codes each became.

Kemendagri renumbers, splits and merges villages now and then; a printed QR code or a shared link
with an old code must still lead somewhere. Each row is one old code and one new code (a split is
one row per new village). A new code may itself be old (a village renumbered twice): the chain is
followed to the codes in use today.
"""

from __future__ import annotations

from generator.model import CodeChange
from generator.problems import Problem
from generator.read.tables import ParsedFile, rows_of


def code_changes(files: list[ParsedFile], villages: set[str], problems: list[Problem]) -> list[CodeChange]:
    """Every old code with the villages in use that it became; bad rows are problems naming file, row and column."""
    rows: dict[str, list[tuple[ParsedFile, int, CodeChange]]] = {}
    for file, number, change in rows_of(files):
        if change.old in villages:
            message = f"kode {change.old} masih dipakai di data wilayah; kode lama harus kode yang sudah tidak berlaku"
            problems.append(Problem(file.shown, number, "kode_lama", "old-code-in-use", message))
            continue
        earlier = rows.setdefault(change.old, [])
        if any(change.new == seen.new for _, _, seen in earlier):
            problems.append(Problem(file.shown, number, "kode_baru", "duplicate-row", "baris ini sudah ada"))
            continue
        if earlier and earlier[0][2].changed != change.changed:
            message = f"kode lama {change.old} sudah berubah per {earlier[0][2].changed.isoformat()} di baris lain"
            problems.append(Problem(file.shown, number, "tanggal_berubah", "conflicting-date", message))
            continue
        earlier.append((file, number, change))
    targets = {old: [row[2].new[0] for row in found] for old, found in rows.items()}
    changes = []
    for old, found in sorted(rows.items()):
        file, number, first = found[0]
        current, problem = _follow(old, targets, villages)
        if problem:
            problems.append(Problem(file.shown, number, "kode_baru", *problem))
        else:
            changes.append(CodeChange(old, tuple(current), first.changed))
    return changes


def _follow(old: str, targets: dict[str, list[str]], villages: set[str]) -> tuple[list[str], tuple[str, str] | None]:
    """The codes in use that ``old`` leads to, or the problem (code, message) with its chain."""
    current: list[str] = []
    path = [old]

    def walk(code: str) -> tuple[str, str] | None:
        for new in targets[code]:
            if new in villages:
                if new not in current:
                    current.append(new)
            elif new in path:
                return "code-loop", "kode lama membentuk lingkaran: " + " → ".join([*path, new])
            elif new not in targets:
                return (
                    "unknown-village",
                    f"kode desa {new} tidak ada di data wilayah, juga bukan kode lama di berkas ini",
                )
            else:
                path.append(new)
                if problem := walk(new):
                    return problem
                path.pop()
        return None

    return current, walk(old)
