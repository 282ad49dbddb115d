"""Generator of the "1 Desa 100 Pekerja Rentan" public website.

Data files in ``data/`` become pages that ProperDocs (or MkDocs 1.6) with Material for MkDocs builds into a
static site.

ProperDocs, the maintained continuation of MkDocs by its original maintainers, builds the site by default.
It is MkDocs' code under another name, and ``properdocs.replacement`` makes every ``import mkdocs...`` from
then on import ProperDocs, so the generator and Material's plugins keep their MkDocs imports. It must run
before anything imports MkDocs, hence here. ``GENERATOR_ENGINE=mkdocs`` builds with MkDocs 1.6 instead
(``tests/test_engines.py`` checks that both give the same site).
"""

import os

ENGINES = ("properdocs", "mkdocs")
ENGINE = os.environ.get("GENERATOR_ENGINE", "properdocs")
if ENGINE not in ENGINES:
    raise SystemExit(f"GENERATOR_ENGINE={ENGINE!r}: tulis salah satu dari {', '.join(ENGINES)}")
if ENGINE == "properdocs":
    import properdocs.replacement  # noqa: F401

__version__ = "0.1.0"
