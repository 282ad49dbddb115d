"""The poster of a village, ``desa/<kode>/poster/``: one A4 sheet for the notice board of the village hall.

It is a page of its own, not poured into the site's shell: no menu, no search, no script, and one
small stylesheet (``assets/poster.css``) that fits it on one sheet in print and reads on a phone.
Its QR code leads to the village page's permanent address (old codes forward, see ``write/forwards.py``).
"""

from __future__ import annotations

from generator.compute.aggregate import Coverage
from generator.facts import FactsView, MissingFact
from generator.problems import GeneratorError
from generator.render.pages import Renderer
from generator.render.qr import qr_code

POSTER = "poster/"
"""The poster's address under its village page."""
ROOT_FROM_POSTER = "../../../"
BRANCH = "kantor_cabang"
"""The offices a poster names besides the national number: the branches serving the village."""


def poster_url(node: Coverage) -> str:
    return node.region.url + POSTER


def poster(renderer: Renderer, node: Coverage) -> str:
    """The whole HTML page of a village's poster."""
    region = node.region
    address = renderer.site_url + region.url
    return renderer.render(
        "poster",
        node=node,
        region=region,
        kind=region.kind.lower(),
        parent=renderer.data.regions[region.code[:8]],
        regency=renderer.data.regions[region.code[:5]],
        offices=[o for o in renderer.offices_of(region) if o.kind == BRANCH][:2],
        fakta=FactsView(renderer.data.facts.facts, set()),
        address=address,
        qr=renderer.qr.get(address) or qr_code(address),
        placeholder=renderer.placeholder,
        site_url=renderer.site_url,
        root=ROOT_FROM_POSTER,
    )


def check_poster(renderer: Renderer) -> None:
    """Render one poster now, so that a fact it needs but the facts file lacks stops the build before MkDocs runs."""
    village = next((node for node in renderer.regions if node.region.code.count(".") == 3), None)
    if village is None:
        return
    try:
        poster(renderer, village)
    except MissingFact as error:
        raise GeneratorError(f"poster desa: {error}") from None
