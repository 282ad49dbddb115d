"""The poster of a village, ``desa/<kode>/poster/``: one A4 sheet for the notice board of the village hall.

It is a page of its own, not poured into the site's shell: no menu, no search, no script, and one
small stylesheet (``assets/poster.css``) that fits it on one sheet in print and reads on a phone.
Its QR code leads to the village page's permanent address (old codes forward, see ``write/forwards.py``).
"""

from __future__ import annotations

from generator.compute.aggregate import Coverage
from generator.facts import FactsView
from generator.model import Office
from generator.problems import GeneratorError
from generator.render.pages import Renderer
from generator.render.qr import qr_code

ROOT_FROM_POSTER = "../../../"
BRANCH = "kantor_cabang"
"""The offices a poster names besides the national number: the branches serving the village."""
FACTS = {
    "pusat_layanan": ("layanan.pusat_layanan", "teks"),
    "pengganti_akta_kematian": ("klaim.pengganti_akta_kematian", "teks"),
    "jkm_total": ("jkm.total", "singkat"),
    "masa_kepesertaan_penuh": ("jkm.masa_kepesertaan_penuh", "teks"),
    "sebelum_masa_penuh": ("jkm.sebelum_masa_penuh", "singkat"),
}
"""The programme facts a poster states, and how each is written (``Fact.teks`` or ``Fact.singkat``)."""


class Posters:
    """Makes the posters of one renderer; what every poster shares (its facts, in words) is made once."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.facts = {name: self._fact(key, form) for name, (key, form) in FACTS.items()}
        self.branches: dict[str, list[Office]] = {}
        """The branches serving each regency, by its code."""

    def _fact(self, key: str, form: str) -> str:
        view = FactsView(self.renderer.data.facts.facts, set())
        try:
            for part in key.split("."):
                view = getattr(view, part)
        except AttributeError:
            raise GeneratorError(f"poster desa: fakta '{key}' tidak ada di data/fakta.yaml") from None
        return str(getattr(view, form))

    def poster(self, node: Coverage) -> str:
        """The whole HTML page of a village's poster."""
        renderer, region = self.renderer, node.region
        address = renderer.site_url + region.url
        regency = region.code[:5]
        if regency not in self.branches:
            self.branches[regency] = [o for o in renderer.offices_of(region) if o.kind == BRANCH][:2]
        return renderer.render(
            "poster",
            node=node,
            region=region,
            kind=region.kind.lower(),
            parent=renderer.data.regions[region.code[:8]],
            regency=renderer.data.regions[regency],
            offices=self.branches[regency],
            facts=self.facts,
            address=address,
            qr=renderer.qr.get(address) or qr_code(address),
            placeholder=renderer.placeholder,
            site_url=renderer.site_url,
            root=ROOT_FROM_POSTER,
        )


def check_poster(renderer: Renderer) -> None:
    """Make the posters' shared texts now, so that a fact they need but the facts file lacks stops the build
    before MkDocs runs."""
    Posters(renderer)
