"""Links that take a page elsewhere: sharing on WhatsApp, reporting a wrong figure, the badge's snippet.

All are plain links, made at build time, so they work without JavaScript.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from generator import formatting
from generator.compute.aggregate import Coverage
from generator.model import ReportChannel
from generator.texts import SAMPLE_WORDS

WHATSAPP = "https://wa.me/"
"""WhatsApp's own link: with ``?text=`` it opens the app (or WhatsApp Web) with the message filled in."""
NOWHERE_TO_REPORT = "tentang-data/#data-salah"
"""Where the report link leads while no channel is set: who to ask instead (from the site root)."""


def headline(node: Coverage, sample: bool, name: str = "") -> str:
    """``Desa X: 98 dari target 100 pekerja rentan terlindungi, data per 30 November 2026``; ``name`` instead of
    the region's own name."""
    text = f"{name or node.region.full_name}: "
    if node.data_date is None:
        return text + f"belum ada data kepesertaan (target {formatting.number(node.target)} pekerja rentan)"
    text += (
        f"{formatting.number(node.enrolled)} dari target {formatting.number(node.target)} pekerja rentan "
        f"terlindungi BPJS Ketenagakerjaan, data per {formatting.date(node.data_date)}"
    )
    return text + (f" ({SAMPLE_WORDS})" if sample else "")


def whatsapp_link(node: Coverage, address: str, sample: bool, name: str = "") -> str:
    """A link that opens WhatsApp with the region's figure and its address as the message."""
    return f"{WHATSAPP}?text={quote(f'{headline(node, sample, name)}. Lihat: {address}')}"


def report_link(channel: ReportChannel | None, node: Coverage, address: str, root: str) -> str:
    """A link to report a wrong figure on the page at ``address``, prefilled with the region's name and code."""
    region = node.region
    if channel is None:
        return root + NOWHERE_TO_REPORT
    subject = f"Data salah: {region.full_name} ({region.code})"
    body = f"Halaman: {address}\nAngka yang salah: \nYang benar menurut kami: \nNama dan jabatan pelapor: "
    if channel.kind == "surel":
        return f"mailto:{channel.value}?subject={quote(subject)}&body={quote(body)}"
    if channel.kind == "whatsapp":
        return f"{WHATSAPP}{channel.value}?text={quote(subject + chr(10) + body)}"
    return channel.value.replace("{kode}", quote(region.code)).replace("{nama}", quote(region.full_name))


def badge_snippet(page: str, badge: str, alt: str, size: tuple[int, int]) -> str:
    """The HTML a village website pastes to show the badge, linked to the village page."""
    width, height = size
    return f'<a href="{escape(page)}"><img src="{escape(badge)}" alt="{escape(alt)}" width="{width}" height="{height}"></a>'
