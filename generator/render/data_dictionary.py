"""The open data's dictionary: every column of the published tables, what it holds, and where the files go.

One definition serves every form the figures take outside the pages: the CSV files (``write/open_data.py``),
their Table Schemas (``write/data_package.py``), the JSON API and its JSON Schema (``write/api.py``) and the
column explanations on the download page. The rows themselves are made in ``render/open_records.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import BENEFITS, FOLDERS, FUNDING_SOURCES, GENDERS, OCCUPATIONS, Level, Region
from generator.texts import STATUSES

OPEN_DATA_FOLDER = "unduh/"
"""The download page and the national files."""
REGENCY_FOLDER = OPEN_DATA_FOLDER + "kabupaten/{slug}/"
"""Each kabupaten's own files: ``unduh/kabupaten/6310/desa.csv``."""
OFFLINE_BUNDLE = OPEN_DATA_FOLDER + "offline/{slug}.zip"
"""Each kabupaten's offline bundle (``generator/write/offline.py``): ``unduh/offline/6310.zip``."""
API_VERSION = "v1"
API_FOLDER = f"api/{API_VERSION}/"
API_PAGE = OPEN_DATA_FOLDER + "api/"
"""The page that explains the API."""
API_INDEX = API_FOLDER + "index.json"
API_REGION_SCHEMA = API_FOLDER + "skema/wilayah.schema.json"
API_INDEX_SCHEMA = API_FOLDER + "skema/index.schema.json"


def api_file(region: Region) -> str:
    """Where a region's API file is: ``api/v1/desa/6310012005.json``."""
    return f"{API_FOLDER}{FOLDERS[region.level]}/{region.slug}.json"


def offline_bundle(region: Region) -> str:
    """The offline bundle of the kabupaten a region lies in (or of the kabupaten itself)."""
    return OFFLINE_BUNDLE.format(slug=region.slug[:4])


def regency_folder(region: Region) -> str:
    """The folder of the files of the kabupaten a region lies in (or of the kabupaten itself)."""
    return REGENCY_FOLDER.format(slug=region.slug[:4])


@dataclass(frozen=True)
class Column:
    """One published column: its name, its Table Schema type, and what it holds, in plain Indonesian."""

    name: str
    type: str
    """``string``, ``integer``, ``number``, ``date`` (``2026-11-30``) or ``yearmonth`` (``2026-11``)."""
    description: str
    required: bool = False
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    hideable: bool = False
    """Whether the disclosure rule may hide it (then it is empty and named in ``disembunyikan``)."""

    @property
    def minimum(self) -> int | None:
        return 0 if self.type in ("integer", "number") else None


@dataclass(frozen=True)
class Group:
    """Columns the download page explains together (the 29 of the occupation breakdown are one group)."""

    label: str
    """How the page names them: one name, or a pattern such as ``<pekerjaan>_l``."""
    description: str
    columns: tuple[Column, ...]


CODE_PATTERNS = {
    Level.PROVINSI: r"^\d{2}$",
    Level.KABUPATEN: r"^\d{2}\.\d{2}$",
    Level.KECAMATAN: r"^\d{2}\.\d{2}\.\d{2}$",
    Level.DESA: r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$",
}
LEVEL_WORDS = {Level.PROVINSI: "provinsi", Level.KABUPATEN: "kabupaten/kota", Level.KECAMATAN: "kecamatan"}
LEVEL_WORDS[Level.DESA] = "desa/kelurahan"
HIDDEN_COLUMN = "disembunyikan"
OCCUPATION_LIST = ", ".join(OCCUPATIONS)
BENEFIT_CODES = {benefit: benefit.lower() for benefit in BENEFITS}
"""Column prefix of each benefit: ``JKM`` → ``jkm_kasus``."""


def _one(column: Column) -> Group:
    return Group(column.name, column.description, (column,))


def _names(level: Level) -> list[Group]:
    """The code and name of a region of ``level`` and of each region it lies in."""
    groups = []
    for upper in range(level, Level.PROVINSI - 1, -1):
        word, folder = LEVEL_WORDS[Level(upper)], FOLDERS[Level(upper)]
        code = Column(
            f"kode_{folder}",
            "string",
            f"Kode wilayah Kemendagri {word}" + (", kunci tabel ini" if upper == level else ""),
            required=True,
            pattern=CODE_PATTERNS[Level(upper)],
        )
        name = Column(folder, "string", f"Nama {word} menurut data wilayah Kemendagri", required=True)
        groups += [_one(code), _one(name)]
    return groups


FIGURES = [
    _one(Column("target", "integer", "Target jumlah pekerja rentan yang didaftarkan", required=True)),
    _one(Column("peserta", "integer", "Pekerja rentan yang terdaftar dan aktif pada tanggal data", required=True)),
    _one(
        Column("persen", "number", "Peserta dibanding target, dalam persen (satu angka desimal); kosong bila target 0")
    ),
    _one(
        Column("status", "string", "Capaian dibanding target, seperti di halaman", True, enum=tuple(STATUSES.values()))
    ),
    _one(Column("data_per", "date", "Tanggal data kepesertaan terbaru; kosong bila belum ada data")),
]
VILLAGE_PROGRAM = [
    _one(
        Column(
            "sumber_dana",
            "string",
            "Siapa membayar iuran: " + ", ".join(f"{key} ({label})" for key, label in FUNDING_SOURCES.items()),
            enum=tuple(FUNDING_SOURCES),
        )
    ),
    _one(Column("tanggal_bergabung", "date", "Tanggal desa ikut program; kosong bila belum tercatat")),
]
REGION_VILLAGES = [
    _one(Column("jumlah_desa", "integer", "Desa dan kelurahan di wilayah ini", required=True)),
    _one(Column("desa_melapor", "integer", "Desa dan kelurahan yang sudah melaporkan data kepesertaan", required=True)),
    _one(
        Column(
            "desa_capai_target", "integer", "Desa dan kelurahan yang pesertanya sudah mencapai target", required=True
        )
    ),
]


def breakdown_groups() -> list[Group]:
    """Peserta by occupation and gender, with each occupation's total and each gender's total."""
    parts = {**GENDERS, "jumlah": "Laki-laki dan perempuan"}
    cells = tuple(
        Column(f"{job}_{part}", "integer", f"{OCCUPATIONS[job]}: {label.lower()}", hideable=True)
        for job in OCCUPATIONS
        for part, label in parts.items()
    )
    totals = tuple(
        Column(f"jumlah_{g}", "integer", f"{label}, semua pekerjaan", hideable=True) for g, label in GENDERS.items()
    )
    return [
        Group(
            "<pekerjaan>_l, <pekerjaan>_p, <pekerjaan>_jumlah",
            f"Peserta menurut pekerjaan dan jenis kelamin (l = laki-laki, p = perempuan). Pekerjaan: {OCCUPATION_LIST}",
            cells,
        ),
        Group("jumlah_l, jumlah_p", "Peserta laki-laki dan peserta perempuan, semua pekerjaan", totals),
    ]


def claims_groups() -> list[Group]:
    columns = []
    for benefit, code in BENEFIT_CODES.items():
        label = BENEFITS[benefit]
        columns += [
            Column(f"{code}_kasus", "integer", f"Kasus {label} yang dibayar", hideable=True),
            Column(f"{code}_nilai_rp", "integer", f"Nilai {label} yang dibayar, dalam rupiah", hideable=True),
            Column(f"{code}_bulan_terakhir", "yearmonth", f"Bulan pembayaran {label} terakhir", hideable=True),
        ]
    total = (
        Column("klaim_kasus", "integer", "Kasus semua manfaat yang dibayar", hideable=True),
        Column("klaim_nilai_rp", "integer", "Nilai semua manfaat yang dibayar, dalam rupiah", hideable=True),
    )
    codes = "/".join(BENEFIT_CODES.values())
    return [
        Group(
            f"<manfaat>_kasus, <manfaat>_nilai_rp, <manfaat>_bulan_terakhir ({codes})",
            "Klaim yang sudah dibayar per manfaat: kasus, nilai dan bulan terakhir (kosong bila belum ada)",
            tuple(columns),
        ),
        Group("klaim_kasus, klaim_nilai_rp", "Jumlah semua klaim yang sudah dibayar", total),
    ]


HIDDEN = _one(
    Column(
        HIDDEN_COLUMN,
        "string",
        "Nama kolom baris ini yang dikosongkan oleh aturan angka kecil, dipisah spasi; kosong bila tidak ada",
    )
)


@dataclass(frozen=True)
class Table:
    """One kind of published table: its name (the file's stem), title, groups of columns and key."""

    name: str
    title: str
    description: str
    groups: tuple[Group, ...]
    key: tuple[str, ...]

    @property
    def columns(self) -> list[Column]:
        return [column for group in self.groups for column in group.columns]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]


def _level_table(level: Level) -> Table:
    word, folder = LEVEL_WORDS[level], FOLDERS[level]
    own = VILLAGE_PROGRAM if level == Level.DESA else REGION_VILLAGES
    groups = [*_names(level), *FIGURES, *own, *breakdown_groups(), *claims_groups(), HIDDEN]
    return Table(
        folder,
        f"Cakupan per {word}",
        f"Satu baris per {word}: target, peserta, capaian, rincian pekerjaan × jenis kelamin dan klaim, "
        "seperti di halaman wilayahnya",
        tuple(groups),
        (f"kode_{folder}",),
    )


LEVEL_TABLES = {level: _level_table(level) for level in Level}
HISTORY = Table(
    "riwayat-bulanan",
    "Perkembangan bulanan",
    "Satu baris per wilayah per bulan: peserta terdaftar pada akhir bulan itu",
    (
        _one(Column("kode_wilayah", "string", "Kode wilayah Kemendagri (provinsi sampai desa)", required=True)),
        _one(Column("tingkat", "string", "Tingkat wilayah", required=True, enum=tuple(FOLDERS.values()))),
        _one(Column("bulan", "yearmonth", "Bulan", required=True)),
        _one(Column("peserta", "integer", "Peserta terdaftar pada akhir bulan itu", required=True)),
    ),
    ("kode_wilayah", "bulan"),
)
SNAPSHOT = Table(
    "arsip-desa",
    "Cakupan desa pada akhir bulan",
    "Satu berkas per bulan: setiap desa yang sudah ikut program, dengan pesertanya pada akhir bulan itu, "
    "dibanding target desa saat ini",
    (
        *_names(Level.DESA)[:4],
        _one(Column("bulan", "yearmonth", "Bulan arsip ini", required=True)),
        _one(Column("target", "integer", "Target desa saat ini (target bulan-bulan lalu tidak tercatat)", True)),
        _one(Column("peserta", "integer", "Pekerja rentan yang terdaftar dan aktif pada akhir bulan itu", True)),
        _one(Column("persen", "number", "Peserta dibanding target saat ini, dalam persen; kosong bila target 0")),
        _one(Column("status", "string", "Capaian dibanding target saat ini", True, enum=tuple(STATUSES.values()))),
    ),
    ("kode_desa",),
)


@dataclass(frozen=True)
class OpenFile:
    """A published CSV file: where it is (from the site root), which table it holds, its rows and bytes."""

    path: str
    table: Table
    rows: int
    size: int
    month: str = ""
    """The month of an archive file (``2026-11``)."""

    @property
    def name(self) -> str:
        """Its resource name in a data package: ``desa``, ``arsip-desa-2026-11``."""
        return self.table.name + (f"-{self.month}" if self.month else "")
