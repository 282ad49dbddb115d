"""The claim guide "Apa yang bisa diklaim?" as a resident uses it: a phone with JavaScript off, one tap per answer.

The walk follows every answer link from the first question and checks each results page it reaches against the
facts file: which benefits the page names, with the amounts the facts give, which documents, which deadline,
and which facts it marks as unconfirmed. What each situation should get is written here from the programme's
rules (a death at work: JKK; any other death: JKM, in full only after the waiting period; a scholarship only
after a death at work or a long enough membership), independently of the guide's own code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import playwright.sync_api as playwright_api
import pytest
from playwright.sync_api import expect

from generator.build import Paths
from generator.facts import Fact
from generator.read.dataset import load_dataset
from tests.browser.conftest import Visit, axe, open_visit

START = "klaim/"
CHILDREN = ("tanpa-anak", "satu-anak", "beberapa-anak")
SCHOOLS = {"tk": "TK", "sd": "SD", "smp": "SMP", "sma": "SMA", "perguruan_tinggi": "Perguruan tinggi atau pelatihan"}


@pytest.fixture(scope="module")
def facts(built: Paths) -> dict[str, Fact]:
    return load_dataset(built.data).facts.facts


@pytest.fixture(scope="module")
def no_script(browser: playwright_api.Browser, site_url: str) -> Iterator[Visit]:
    context, visit = open_visit(browser, site_url, java_script_enabled=False)
    yield visit
    context.close()
    assert visit.problems() == []


@dataclass(frozen=True)
class Situation:
    """A results page's answers, read from its address: ``meninggal/kerja/aktif/beberapa-anak/``."""

    died: bool
    at_work: bool
    on_the_way: bool
    active: bool
    membership: str
    children: str

    @classmethod
    def of(cls, address: str) -> Situation:
        parts = address.removeprefix(START).strip("/").split("/")
        return cls(
            died=parts[0] == "meninggal",
            at_work=parts[1] in ("kerja", "perjalanan"),
            on_the_way=parts[1] == "perjalanan",
            active="aktif" in parts,
            membership=next((p for p in parts if p in ("baru", "menengah", "lama")), ""),
            children=parts[-1] if parts[-1] in CHILDREN else "",
        )

    @property
    def covered(self) -> bool:
        return self.died or self.at_work

    @property
    def scholarship(self) -> bool:
        return (
            self.died and self.active and (self.at_work or self.membership == "lama") and self.children in CHILDREN[1:]
        )


def walk(visit: Visit) -> Iterator[tuple[str, str, list[str]]]:
    """Every page of the guide reached by answer links from the first question: address, text, answer links."""
    seen, queue = set(), [START]
    while queue:
        address = queue.pop(0)
        if address in seen:
            continue
        seen.add(address)
        page = visit.go(address)
        links = [
            page.evaluate("(a) => new URL(a.href).pathname", link).lstrip("/")
            for link in page.locator("article .pilihan a").element_handles()
        ]
        queue += links
        yield address, page.locator("article").inner_text(), links


def expected(situation: Situation, facts: dict[str, Fact]) -> tuple[list[str], list[str]]:
    """What a results page must say, and what it must not, for one situation."""
    says, not_says = ["Jawaban Anda"], []
    jkm_amounts = [facts["jkm.total"].teks, facts["jkm.santunan_sekaligus"].teks]
    if not situation.covered:
        return [*says, "tidak dibayar", "kecelakaan kerja"], [*jkm_amounts, "paling lambat"]
    says.append(facts["layanan.pusat_layanan"].teks)
    if not situation.active:
        return [
            *says,
            "tidak ada manfaat yang dibayar",
            f"{facts['iuran.masa_tenggang'].teks} bulan berturut-turut",
        ], jkm_amounts
    if situation.died and situation.at_work:
        says += [
            f"{facts['jkk.kematian_kali_penghasilan'].teks} kali penghasilan",
            facts["jkk.kematian_contoh_total"].singkat,
        ]
        says += [facts["jkm.santunan_berkala"].teks, facts["jkm.biaya_pemakaman"].teks]
        not_says += jkm_amounts
    elif situation.died and situation.membership == "baru":
        says.append(facts["jkm.sebelum_masa_penuh"].teks)
        not_says += jkm_amounts
    elif situation.died:
        says += [*jkm_amounts, facts["jkm.santunan_berkala"].teks, facts["jkm.biaya_pemakaman"].teks]
    else:
        says += [facts["jkk.stmb_bulan_awal"].teks + " bulan", facts["jkk.transport_laut"].teks]
        says.append(f"{facts['jkk.cacat_total_tetap_kali_penghasilan'].teks} kali")
    if situation.died:
        says += [*facts["klaim.dokumen_jkm"].teks.split("; "), facts["klaim.urutan_ahli_waris"].teks.split("; ")[0]]
    if situation.died and not situation.at_work:
        says.append(facts["jkm.batas_waktu_klaim"].teks)
    if situation.at_work:
        says += [*facts["jkk.dokumen_klaim"].teks.split("; "), f"paling lambat {facts['jkk.batas_klaim'].teks} tahun"]
    if situation.on_the_way:
        says.append(facts["jkk.perjalanan_kerja"].teks)
    tiers = [f"{name} {facts[f'beasiswa.{tier}.per_tahun'].teks}" for tier, name in SCHOOLS.items()]
    if situation.scholarship:
        says += [*tiers, *facts["klaim.dokumen_beasiswa"].teks.split("; ")]
        says.append(
            facts["beasiswa.maksimum_per_anak" if situation.children == "satu-anak" else "beasiswa.maksimum_total"].teks
        )
    else:
        not_says += tiers
    if situation.died and situation.membership == "menengah":
        says += ["Beasiswa tidak diberikan", f"{facts['beasiswa.masa_iur_minimum'].teks} tahun"]
    return says, not_says


def test_every_path_through_the_guide_without_javascript(no_script: Visit, facts: dict[str, Fact]):
    results = {}
    for address, text, links in walk(no_script):
        assert "Apa yang bisa diklaim?" in text, address
        if not links:
            results[address] = text
    assert len(results) == 19, sorted(results)
    for address, text in results.items():
        says, not_says = expected(Situation.of(address), facts)
        flat = " ".join(text.split())
        missing = [s for s in says if " ".join(s.split()) not in flat]
        wrong = [s for s in not_says if s in flat]
        assert not missing and not wrong, f"{address}: missing {missing}, should not say {wrong}"
        assert "Sumber angka di halaman ini" in text, address
        if facts["jkk.kematian_contoh_total"].singkat in flat or "Lapak Asik" in flat:
            assert "belum dipastikan" in flat, address


def test_the_answer_for_a_fisher_who_died_at_sea_is_four_taps_from_home(visit: Visit, facts: dict[str, Fact]):
    page = visit.go("")
    taps = ["Peserta meninggal dunia", "Karena kecelakaan saat bekerja", "Kepesertaan aktif", "Lebih dari satu anak"]
    for label in taps:
        page.locator("article .pilihan a", has_text=label).first.click()
    assert page.url.endswith("/klaim/meninggal/kerja/aktif/beberapa-anak/")
    expect(page.locator("h1")).to_have_text("Peserta meninggal karena kecelakaan kerja")
    expect(page.locator("article")).to_contain_text(facts["beasiswa.maksimum_total"].teks)
    assert len(taps) <= 5


def test_every_answer_can_be_changed_from_the_results(visit: Visit):
    page = visit.go("klaim/meninggal/lain/aktif/lama/satu-anak/")
    change = page.locator(".jawaban-anda a")
    expect(change).to_have_count(5)
    change.nth(2).click()
    assert page.url.endswith("/klaim/meninggal/lain/")
    expect(page.locator("h1")).to_have_text("Apakah kepesertaannya aktif saat peserta meninggal?")


def test_unsure_leads_to_how_to_find_out_and_back_to_the_choices(visit: Visit, facts: dict[str, Fact]):
    page = visit.go("klaim/celaka/kerja/")
    page.locator(".pilihan a", has_text="Belum tahu").click()
    expect(page.locator("article")).to_contain_text(facts["layanan.pusat_layanan"].teks)
    page.locator(".pilihan a", has_text="Kepesertaan aktif").click()
    assert page.url.endswith("/klaim/celaka/kerja/aktif/")


@pytest.mark.parametrize(
    "address", [START, "klaim/meninggal/lain/aktif/cek-lama/", "klaim/meninggal/kerja/aktif/beberapa-anak/"]
)
def test_no_axe_violation_of_any_impact(visit: Visit, address: str):
    violations = axe.run(visit.go(address)).response["violations"]
    assert [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations] == []
