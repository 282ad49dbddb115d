"""The type checker is strict enough to tell the stages' records apart (``make lint`` runs it on generator/)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_mypy_refuses_a_tree_where_the_published_tree_is_expected(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from pathlib import Path\n"
        "from generator.compute.aggregate import build_tree\n"
        "from generator.compute.protection import protect\n"
        "from generator.read.dataset import load_dataset\n"
        "from generator.render.pages import Renderer\n"
        "data = load_dataset(Path('data'))\n"
        "tree = build_tree(data)\n"
        "Renderer(data, protect(tree, data.threshold))\n"
        "Renderer(data, tree)\n"
    )
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", str(probe)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 1, run.stdout
    assert (
        'probe.py:9: error: Argument 2 to "Renderer" has incompatible type "Tree"; expected "Published"' in run.stdout
    )
    assert run.stdout.count("error:") == 1
