"""Generator of the "1 Desa 100 Pekerja Rentan" public website.

Data files in ``data/`` become plain Markdown pages that MkDocs with
Material for MkDocs builds into a static site.
"""

__version__ = "0.1.0"
