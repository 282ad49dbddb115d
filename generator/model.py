"""Plain records the stages pass along: regions, programme data, participation, claims."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum

from generator.facts import Facts
from generator.problems import Problem

OCCUPATIONS = {
    "petani": "Petani",
    "nelayan": "Nelayan",
    "perangkat_desa": "Perangkat desa",
    "rt_rw": "Ketua RT/RW",
    "buruh_harian": "Buruh harian",
    "pedagang": "Pedagang",
    "ojek": "Tukang ojek",
    "pekerja_keagamaan": "Pekerja keagamaan",
    "lainnya": "Lainnya",
}
"""Occupation codes used in data files, with the label the site shows."""

GENDERS = {"l": "Laki-laki", "p": "Perempuan"}
"""Gender codes (column suffixes ``_l`` and ``_p``) with their labels."""

COUNT_COLUMNS = tuple(f"{o}_{g}" for o in OCCUPATIONS for g in GENDERS)
"""The count columns of the participation file, in order."""

FUNDING_SOURCES = {
    "dana_desa": "Dana Desa / APBDes",
    "apbd": "APBD kabupaten/kota",
    "csr": "CSR perusahaan",
    "lainnya": "Sumber lain",
}
"""Who pays the premiums of a village's workers."""

BENEFITS = {"JKM": "Jaminan Kematian (JKM)", "JKK": "Jaminan Kecelakaan Kerja (JKK)", "beasiswa": "Beasiswa anak"}
"""Benefits that appear in the claims file."""

DEFAULT_TARGET = 100
"""A village's target when ``program_desa.csv`` gives none."""
DEFAULT_THRESHOLD = 3
"""Counts from 1 up to this minus one are hidden in published breakdowns unless dataset.yaml says otherwise."""


class Level(IntEnum):
    """Administrative level, told apart by the shape of the Kemendagri code."""

    PROVINSI = 1
    KABUPATEN = 2
    KECAMATAN = 3
    DESA = 4


LEVELS = tuple(Level)
"""The levels by the number of dots in a code (a plain lookup: this runs for every cell of every page)."""
FOLDERS = {Level.PROVINSI: "provinsi", Level.KABUPATEN: "kabupaten", Level.KECAMATAN: "kecamatan", Level.DESA: "desa"}
"""URL folder of each level: ``/desa/6310012005/``."""


def province_of(code: str) -> str:
    """The code of the province a region is in: ``63.10.01.2005`` → ``63``."""
    return code[:2]


@dataclass(frozen=True, slots=True)
class Region:
    """A province, regency, district or village from the region reference."""

    code: str
    """Kemendagri code with dots, e.g. ``63.10.01.2005``."""
    name: str
    """Name as in the reference; regencies carry their "Kabupaten"/"Kota" prefix."""

    @property
    def level(self) -> Level:
        return LEVELS[self.code.count(".")]

    @property
    def slug(self) -> str:
        """The code without dots, used in URLs: ``6310012005``."""
        return self.code.replace(".", "")

    @property
    def url(self) -> str:
        """Address of its page: ``desa/6310012005/``."""
        return f"{FOLDERS[self.level]}/{self.slug}/"

    @property
    def parent_code(self) -> str | None:
        return self.code.rpartition(".")[0] or None

    @property
    def province_code(self) -> str:
        return province_of(self.code)

    @property
    def kind(self) -> str:
        """The word before the name: Provinsi, Kecamatan, Desa or Kelurahan ("" for regencies)."""
        if self.level == Level.DESA:
            return "Kelurahan" if self.code.rpartition(".")[2].startswith("1") else "Desa"
        return {Level.PROVINSI: "Provinsi", Level.KECAMATAN: "Kecamatan"}.get(self.level, "")

    @property
    def full_name(self) -> str:
        """``Desa Segumbang``, ``Kecamatan Batu Licin``, ``Kabupaten Tanah Bumbu``."""
        return f"{self.kind} {self.name}".strip()


@dataclass(frozen=True, slots=True)
class VillageProgram:
    """How a village takes part in the programme."""

    village: str
    target: int
    funding: str
    """A key of :data:`FUNDING_SOURCES`."""
    joined: dt.date | None
    contact: str
    """Village hall contact, or ``""`` when not known."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Enrolled, active workers of one village on one date, by occupation and gender."""

    village: str
    date: dt.date
    counts: tuple[int, ...]
    """One count per column of :data:`COUNT_COLUMNS`."""

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class Claim:
    """Claims of one benefit paid in one village in one month."""

    village: str
    benefit: str
    month: dt.date
    """First day of the month."""
    cases: int
    amount: int


@dataclass(frozen=True, slots=True)
class Office:
    """A BPJS Ketenagakerjaan office or contact point."""

    name: str
    kind: str
    region: str
    """Code of the area it serves; ``""`` for national services."""
    address: str
    phone: str
    note: str


@dataclass(frozen=True, slots=True)
class ReportChannel:
    """Where residents report a wrong figure (``laporan`` in ``dataset.yaml``)."""

    kind: str
    """``surel`` (an e-mail address), ``whatsapp`` (a number, digits only) or ``formulir`` (a form's address)."""
    value: str


@dataclass(frozen=True, slots=True)
class CodeChange:
    """An old village code and the code or codes it became (``kode_lama.csv``)."""

    old: str
    new: tuple[str, ...]
    """One code for a renumbering or a merge, several for a split."""
    changed: dt.date


@dataclass
class Dataset:
    """Everything read from a data folder, validated and cross-checked."""

    regions: dict[str, Region]
    programs: dict[str, VillageProgram]
    snapshots: dict[str, list[Snapshot]]
    """Per village code, sorted by date."""
    claims: list[Claim]
    offices: list[Office]
    facts: Facts
    sample: bool
    """True when the participation and claims figures are sample data."""
    threshold: int
    """Counts below this are hidden in published breakdowns (the disclosure rule)."""
    files: dict[str, str] = field(default_factory=dict)
    """The data file of each kind (``"klaim"`` → ``data/klaim.csv``), as shown in messages and markers."""
    warnings: list[Problem] = field(default_factory=list)
    """Doubtful but usable data, e.g. a village with no figures."""
    fingerprints: dict[str, bytes] = field(default_factory=dict)
    """Per province code, a hash of the data files its rows came from; under ``""``, of the files every page
    uses (regions, offices, facts, settings). Equal fingerprints mean equal data (see generator/compute/incremental.py)."""
    report: ReportChannel | None = None
    """Where wrong figures are reported; ``None`` until one is set."""
    code_changes: list[CodeChange] = field(default_factory=list)
    """Old village codes, whose addresses forward to the villages they became."""
    offline_bundles: bool = False
    """Whether the build writes an offline bundle per kabupaten (``salinan_offline`` in ``dataset.yaml``)."""
