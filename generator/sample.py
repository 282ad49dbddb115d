"""Deterministic sample data for a set of regencies, made from the national region reference.

The figures are invented (about 100 enrolled workers per village, a few villages far
below and a few above their target) so that the site can be built and tested before
official data arrives; ``dataset.yaml`` marks them as sample data and every page
that shows them says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.model import COUNT_COLUMNS, OCCUPATIONS

LAST_DATA_DATE = dt.date(2026, 10, 31)
"""The "data per" date of the sample: fixed, so the sample never depends on today."""

JKM_AMOUNT = 42_000_000
"""Per JKM case; keep equal to ``jkm.total`` in fakta.yaml (a test checks)."""

OCCUPATION_WEIGHTS = {
    "petani": 30,
    "nelayan": 10,
    "perangkat_desa": 9,
    "rt_rw": 9,
    "buruh_harian": 15,
    "pedagang": 10,
    "ojek": 6,
    "pekerja_keagamaan": 6,
    "lainnya": 5,
}
SHARE_OF_MEN = {
    "petani": 0.7,
    "nelayan": 0.9,
    "perangkat_desa": 0.65,
    "rt_rw": 0.8,
    "buruh_harian": 0.75,
    "pedagang": 0.4,
    "ojek": 0.97,
    "pekerja_keagamaan": 0.6,
    "lainnya": 0.5,
}
FUNDING_WEIGHTS = {"dana_desa": 70, "apbd": 22, "csr": 6, "lainnya": 2}

OFFICES = [
    (
        "BPJS Ketenagakerjaan Kantor Cabang Batulicin",
        "kantor_cabang",
        "63.10",
        "",
        "",
        "Alamat dan telepon belum tercantum di sumber yang kami baca; tanyakan ke pusat layanan 175.",
    ),
    ("Pusat layanan BPJS Ketenagakerjaan", "layanan_nasional", "", "", "175", "Layanan telepon nasional."),
]


def read_reference(wilayah: Path, regencies: set[str] | None, max_villages: int | None = None) -> list[tuple[str, str]]:
    """(code, name) of every region in the chosen regencies (all when None), parents first.

    With ``max_villages``, only the first that many villages in code order, and exactly the
    provinces, regencies and districts that contain them.
    """

    def rows(name: str) -> Iterator[dict[str, str]]:
        with open(wilayah / name, encoding="utf-8", newline="") as file:
            yield from csv.DictReader(file)

    village_rows = [r for r in rows("villages.csv") if regencies is None or r["code"][:5] in regencies]
    parents: set[str] | None = None
    if max_villages is not None:
        village_rows = sorted(village_rows, key=lambda r: r["code"])[:max_villages]
        parents = {r["code"][:length] for r in village_rows for length in (5, 8)}  # 11.01, 11.01.01

    def wanted(code: str) -> bool:
        return (regencies is None or code[:5] in regencies) and (parents is None or code in parents)

    regency_rows = [r for r in rows("regencies.csv") if wanted(r["code"])]
    provinces = {r["province_code"] for r in regency_rows}
    chosen = [(r["code"], r["name"]) for r in rows("provinces.csv") if r["code"] in provinces]
    chosen += [(r["code"], r["name"]) for r in regency_rows]
    chosen += [(r["code"], r["name"]) for r in rows("districts.csv") if wanted(r["code"])]
    chosen += [(r["code"], r["name"]) for r in village_rows]
    return chosen


DATASET_YAML = """\
# Apakah angka kepesertaan dan klaim di folder ini data contoh (true) atau data resmi (false).
# Data contoh dibuat oleh generator/sample.py; setiap halaman yang memakainya diberi label.
data_contoh: true

# Aturan angka kecil: di tabel rincian (pekerjaan × jenis kelamin, klaim), jumlah 1 sampai
# ambang_angka_kecil - 1 disembunyikan, begitu juga angka lain yang bisa dipakai menghitungnya.
# Jumlah peserta per desa selalu ditampilkan. 1 berarti tidak ada yang disembunyikan.
ambang_angka_kecil: 3

# Salinan offline: sebuah berkas zip per kabupaten (unduh/offline/6310.zip) berisi halaman program,
# panduan klaim dan semua halaman cakupan kabupaten itu, yang bisa dibuka tanpa sinyal. false: tidak dibuat.
salinan_offline: true

# Ke mana warga dan kantor desa melaporkan angka yang salah. Isi tepat satu, misalnya:
#   laporan:
#     surel: data@dinas.contohkab.go.id
# atau  whatsapp: "6281234567890"   (kode negara, angka saja)
# atau  formulir: https://formulir.contohkab.go.id/laporan?desa={kode}&nama={nama}
# Selama belum diisi, tautan "Data salah? Laporkan" menjelaskan bahwa warga bisa bertanya ke kantor desa.

# Angka janggal: sebuah desa dengan peserta lebih dari kali_target kali targetnya, atau yang naik lebih
# dari naik_per_bulan peserta sebulan, diberi peringatan (biasanya salah ketik: nol kebanyakan).
# Dengan --strict peringatan itu menjadi galat. Bawaan:
#   angka_janggal:
#     kali_target: 5
#     naik_per_bulan: 300
"""


def write_sample(
    wilayah: Path,
    out: Path,
    regencies: set[str] | None,
    months: int = 36,
    max_villages: int | None = None,
    per_regency: bool = False,
) -> None:
    """Write a complete sample data folder for the chosen regencies (only the first ``max_villages``, if given).

    With ``per_regency`` the participation table is a folder, ``kepesertaan/<kode kabupaten>.csv``, as a
    national publisher receives it from each kabupaten.
    """
    out.mkdir(parents=True, exist_ok=True)
    regions = read_reference(wilayah, regencies, max_villages)
    villages = [code for code, _ in regions if code.count(".") == 3]
    plans = {code: _plan(code, months) for code in villages}
    _write_csv(out / "wilayah.csv", ["kode", "nama"], regions)
    _write_csv(
        out / "program_desa.csv",
        ["kode_desa", "target", "sumber_dana", "tanggal_bergabung", "kontak_kantor_desa"],
        ((c, p["target"], p["funding"], p["joined"].isoformat(), "") for c, p in plans.items()),
    )
    header = ["kode_desa", "tanggal_data", *COUNT_COLUMNS]
    if per_regency:
        (out / "kepesertaan").mkdir(exist_ok=True)
        for regency in sorted({code[:5] for code in plans}):
            part = {code: plan for code, plan in plans.items() if code.startswith(regency)}
            _write_csv(out / "kepesertaan" / f"{regency}.csv", header, _snapshot_rows(part))
    else:
        _write_csv(out / "kepesertaan.csv", header, _snapshot_rows(plans))
    _write_csv(out / "klaim.csv", ["kode_desa", "manfaat", "bulan", "jumlah_kasus", "nilai_rp"], _claim_rows(plans))
    _write_csv(out / "kantor.csv", ["nama", "jenis", "kode_wilayah", "alamat", "telepon", "catatan"], OFFICES)
    (out / "dataset.yaml").write_text(DATASET_YAML, encoding="utf-8")


def _plan(code: str, months: int) -> dict:
    """The invented story of one village: when it joined, its target, how enrolment grew."""
    rng = random.Random(code)
    first = _add_months(LAST_DATA_DATE.replace(day=1), -(months - 1))
    joined = _add_months(first, rng.randrange(0, max(1, months // 3)))
    joined = joined.replace(day=rng.randint(1, 28))
    target = 200 if rng.random() < 0.03 else 100
    kind = rng.random()
    final = round(
        target
        * (rng.uniform(0.1, 0.45) if kind < 0.06 else rng.uniform(1.2, 1.6) if kind > 0.94 else rng.uniform(0.85, 1.12))
    )
    weights = {o: w * rng.uniform(0.5, 1.5) for o, w in OCCUPATION_WEIGHTS.items()}
    funding = rng.choices(list(FUNDING_WEIGHTS), list(FUNDING_WEIGHTS.values()))[0]
    if code.rpartition(".")[2].startswith("1"):
        funding = "apbd"  # a kelurahan has no Dana Desa
    return {"rng": rng, "joined": joined, "target": target, "final": final, "weights": weights, "funding": funding}


def _snapshot_rows(plans: dict[str, dict]) -> Iterator[list]:
    for code, plan in plans.items():
        month = plan["joined"].replace(day=1)
        step = 0
        while month <= LAST_DATA_DATE:
            ramp = min(1.0, (step + 1) / 4)
            wobble = 1.0 if _add_months(month, 1) > LAST_DATA_DATE else plan["rng"].uniform(0.94, 1.02)
            total = round(plan["final"] * ramp * wobble)
            yield [code, _month_end(month).isoformat(), *_split(total, plan)]
            month, step = _add_months(month, 1), step + 1


def _split(total: int, plan: dict) -> list[int]:
    """Spread a total over occupation × gender, deterministically, keeping the sum exact."""
    weights = plan["weights"]
    whole = sum(weights.values())
    counts: list[int] = []
    for occupation in OCCUPATIONS:
        people = total * weights[occupation] / whole
        men = round(people * SHARE_OF_MEN[occupation])
        counts += [men, round(people) - men]
    counts[0] += total - sum(counts)
    return [max(0, c) for c in counts]


def _claim_rows(plans: dict[str, dict]) -> Iterator[list]:
    for code, plan in plans.items():
        rng = random.Random(code + "klaim")
        month = plan["joined"].replace(day=1)
        while month <= LAST_DATA_DATE:
            if rng.random() < 0.012:
                yield [code, "JKM", month.strftime("%Y-%m"), 1, JKM_AMOUNT]
            if rng.random() < 0.02:
                yield [code, "JKK", month.strftime("%Y-%m"), 1, rng.randrange(15, 150) * 100_000]
            if rng.random() < 0.006:
                yield [
                    code,
                    "beasiswa",
                    month.strftime("%Y-%m"),
                    1,
                    rng.choice([1_500_000, 2_000_000, 3_000_000, 12_000_000]),
                ]
            month = _add_months(month, 1)


def _add_months(day: dt.date, count: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(first: dt.date) -> dt.date:
    return _add_months(first, 1) - dt.timedelta(days=1)


def _write_csv(path: Path, header: list[str], rows: Iterable) -> None:
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
