"""The YAML settings files (``dataset.yaml``, ``fakta.yaml``): read with the line of every key, checked against a
schema like the CSV tables are, so that a wrong shape or an unknown key is a problem naming file, line and key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem


class Located(dict[Any, Any]):
    """A YAML mapping that knows the line it starts on and the line of each of its keys.

    An empty file reads as an empty mapping on line 1, so that a missing key is reported on that line.
    """

    def __init__(self) -> None:
        super().__init__()
        self.line = 1
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """Safe YAML whose mappings are :class:`Located`."""


def _located_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[Located]:
    mapping = Located()
    yield mapping
    mapping.update(loader.construct_mapping(node))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {loader.construct_object(key): key.start_mark.line + 1 for key, _ in node.value}


_LineLoader.add_constructor("tag:yaml.org,2002:map", _located_mapping)


def read_yaml(path: Path, shown: str) -> tuple[Located | None, list[Problem]]:
    """The file's top mapping; ``None`` and a problem when it is missing, unreadable or not a mapping."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except FileNotFoundError:
        return None, [Problem(shown, 0, "", "missing-file", "berkas tidak ada")]
    except IsADirectoryError:
        message = f"ini folder, padahal yang diharapkan berkas YAML bernama {path.name}"
        return None, [Problem(shown, 0, "", "not-a-file", message)]
    except OSError as error:
        message = f"berkas tidak bisa dibuka ({error.strerror or error}); periksa izin berkas ini"
        return None, [Problem(shown, 0, "", "unreadable-file", message)]
    except UnicodeDecodeError:
        return None, [
            Problem(shown, 0, "", "bad-encoding", "teks tidak terbaca sebagai UTF-8; simpan ulang sebagai UTF-8")
        ]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        message = (
            f"YAML tidak terbaca ({what}); periksa tanda kurung, tanda kutip dan indentasi di baris ini atau sebelumnya"
        )
        return None, [Problem(shown, mark.line + 1 if mark else 0, "", "bad-yaml", message)]
    if raw is None:
        return Located(), []
    if not isinstance(raw, Located):
        return None, [
            Problem(shown, 1, "", "bad-shape", f"isi berkas harus berupa pasangan kunci: nilai, bukan {kind_of(raw)}")
        ]
    return raw, []


@dataclass(frozen=True)
class Field:
    """One key of a settings mapping: the type of its value, and for a list the type of each item."""

    kind: type | tuple[type, ...]
    required: bool = False
    items: type | None = None


def check_fields(mapping: Located, fields: dict[str, Field], where: str, path: str, problems: list[Problem]) -> bool:
    """Whether ``mapping`` has only known keys, every required one, each of the right type; problems are added."""
    found = len(problems)
    prefix = f"{where}." if where else ""
    for key in mapping:
        if key not in fields:
            allowed = ", ".join(fields)
            message = f"kunci tidak dikenal {str(key)!r}; yang boleh di sini: {allowed}"
            problems.append(Problem(path, mapping.line_of(key), f"{prefix}{key}", "unknown-key", message))
    for key, field in fields.items():
        if key not in mapping:
            if field.required:
                problems.append(
                    Problem(path, mapping.line, f"{prefix}{key}", "missing-key", "kunci wajib ini tidak ada")
                )
            continue
        _check_value(mapping[key], field, f"{prefix}{key}", mapping.line_of(key), path, problems)
    return len(problems) == found


def _check_value(value: Any, field: Field, key: str, line: int, path: str, problems: list[Problem]) -> None:
    if not _is(value, field.kind):
        expected = " atau ".join(KINDS[kind] for kind in _kinds(field.kind))
        message = f"harus berupa {expected}, bukan {kind_of(value)}"
        if _kinds(field.kind) == (str,) and isinstance(value, int | float) and not isinstance(value, bool):
            message += '; tulis di antara tanda kutip, mis. "63.10", agar tidak dibaca sebagai bilangan'
        problems.append(Problem(path, line, key, "bad-shape", message))
    elif field.items is not None:
        for item in value:
            if not _is(item, field.items):
                message = f"setiap isi daftar harus berupa {KINDS[field.items]}, bukan {kind_of(item)} ({item!r})"
                problems.append(Problem(path, line, key, "bad-shape", message))
                return


KINDS: dict[type, str] = {
    dict: "pasangan kunci: nilai",
    list: "daftar [..., ...]",
    str: "teks",
    int: "bilangan bulat",
    bool: "true atau false",
    dt.date: "tanggal YYYY-MM-DD",
    float: "bilangan pecahan",
    type(None): "kosong",
}


def kind_of(value: Any) -> str:
    """The kind of a YAML value in the words of the messages."""
    if isinstance(value, dict):
        return KINDS[dict]
    return next((name for kind, name in KINDS.items() if type(value) is kind), type(value).__name__)


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    """``isinstance``, except that true and false are not numbers and a date is not a time."""
    kinds = _kinds(kind)
    if isinstance(value, bool):
        return bool in kinds
    if isinstance(value, dt.datetime):
        return dt.datetime in kinds
    return isinstance(value, kinds)
