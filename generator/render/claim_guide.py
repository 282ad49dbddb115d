"""The claim guide "Apa yang bisa diklaim?" (``/klaim/``): a few questions, one per page, each answer a link,
ending on a page of plain answers for that family's situation.

Every page is a real address: ``/klaim/meninggal/kerja/aktif/beberapa-anak/`` is the answer for a member who
died in a work accident, whose membership was active, with more than one child. The questions and the order
they come in are here (:data:`STEPS`); the wording, the amounts (from the facts file) and the documents are in
``templates/markdown/klaim.md.j2``, rendered like a hand-written page so that every number comes from the facts.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Dataset
from generator.render.prose import render_prose

FOLDER = "klaim"
TEMPLATE = Path(__file__).parent / "templates" / "markdown" / "klaim.md.j2"

Answers = dict[str, str]
"""The answers given so far: step key → option value (``{"kejadian": "meninggal", "sebab": "kerja"}``)."""


@dataclass(frozen=True)
class Option:
    value: str
    """Also the answer's part of the address."""


@dataclass(frozen=True)
class Step:
    """One question: asked when ``asked`` holds for the answers before it."""

    key: str
    options: tuple[Option, ...]
    asked: Callable[[Answers], bool] = lambda answers: True
    unsure: str = ""
    """The address part of "Belum tahu", a page that says how to find out and then offers the options again."""


def _died(answers: Answers) -> bool:
    return answers.get("kejadian") == "meninggal"


def _covered(answers: Answers) -> bool:
    """A death of any cause, or an accident at work or on the way: what the programme pays for."""
    return _died(answers) or answers.get("sebab") != "lain"


STEPS = (
    Step("kejadian", (Option("meninggal"), Option("celaka"))),
    Step("sebab", (Option("kerja"), Option("perjalanan"), Option("lain"))),
    Step("kepesertaan", (Option("aktif"), Option("tidak-aktif")), _covered, unsure="cek-kepesertaan"),
    Step(
        "lama",
        (Option("baru"), Option("menengah"), Option("lama")),
        lambda a: _died(a) and a["sebab"] == "lain" and a["kepesertaan"] == "aktif",
        unsure="cek-lama",
    ),
    Step(
        "anak",
        (Option("tanpa-anak"), Option("satu-anak"), Option("beberapa-anak")),
        lambda a: _died(a) and a["kepesertaan"] == "aktif" and a.get("lama", "lama") == "lama",
    ),
)
"""The questions in order; a step not asked for the answers so far is skipped."""


@dataclass(frozen=True)
class Page:
    """A page of the guide: a question (``step``), the help page of a question's "Belum tahu", or a result."""

    answers: Answers
    step: Step | None = None
    unsure: bool = False
    trail: tuple[tuple[str, str], ...] = field(default=())
    """For each answer given: its step key and the address (from ``/klaim/``) of the page that asked it."""

    @property
    def question_address(self) -> str:
        """The address (from ``/klaim/``) of the question this page asks or helps with; a result's own."""
        return "".join(f"{self.answers[key]}/" for key, _ in self.trail)

    @property
    def address(self) -> str:
        return f"{self.question_address}{self.step.unsure}/" if self.unsure and self.step else self.question_address

    @property
    def markdown_path(self) -> str:
        return f"{FOLDER}/{self.address}index.md"

    @property
    def back(self) -> str:
        """The address of the page before this one (``""``: the first question)."""
        if self.unsure:
            return self.question_address
        return self.trail[-1][1] if self.trail else ""

    def option_link(self, option: Option) -> str:
        """The Markdown link target of one of the question's options, relative to this page."""
        return self.link_to(f"{self.question_address}{option.value}/")

    @property
    def given(self) -> dict[str, str]:
        """Every step's answer, ``""`` for the steps not answered (so that a template may compare any)."""
        return {step.key: self.answers.get(step.key, "") for step in STEPS}

    def site_link(self, page: str) -> str:
        """The Markdown link target of a page of the site outside the guide (``cara-klaim.md``)."""
        return "../" * (1 + self.address.count("/")) + page

    def link_to(self, address: str) -> str:
        """The Markdown link target of another page of the guide, relative to this one."""
        relative = posixpath.relpath(f"/{address}", f"/{self.address}")
        return "index.md" if relative == "." else f"{relative}/index.md"


def pages() -> Iterator[Page]:
    """Every page of the guide, depth first from the first question."""
    yield from _walk({}, ())


def _walk(answers: Answers, trail: tuple[tuple[str, str], ...]) -> Iterator[Page]:
    step = _next_step(answers)
    here = Page(answers, step, trail=trail)
    yield here
    if step is None:
        return
    if step.unsure:
        yield Page(answers, step, unsure=True, trail=trail)
    for option in step.options:
        yield from _walk({**answers, step.key: option.value}, (*trail, (step.key, here.address)))


def _next_step(answers: Answers) -> Step | None:
    return next((s for s in STEPS if s.key not in answers and s.asked(answers)), None)


def render_guide(data: Dataset, summary: dict[str, str]) -> dict[str, str]:
    """The staged Markdown of every page of the guide, by path in the docs folder."""
    source = TEMPLATE.read_text(encoding="utf-8")
    return {
        page.markdown_path: render_prose(source, str(TEMPLATE), data, summary, {"halaman": page}) for page in pages()
    }
