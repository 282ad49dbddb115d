"""Stage 4, writing and publishing: staged Markdown for MkDocs, region pages poured into shells, finder, sitemap,
and the atomic swap of ``site/``."""
