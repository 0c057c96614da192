"""notebooks/explore.ipynb: committed without outputs, and it runs end to end, plotting PNGs."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import graphkit.nx as gnx
from graphkit.errors import BackendError
from tests.corpus import all_files

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"
NEEDS = "running the notebook needs the notebook extra: pip install -e '.[notebook]'"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
KERNEL = "graphkit-test-venv"


def test_committed_notebook_has_no_outputs() -> None:
    data = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in data["cells"] if c["cell_type"] == "code"]
    assert code
    for i, cell in enumerate(code):
        assert cell.get("outputs") == [], (
            f"code cell {i} of {NOTEBOOK.name} has outputs; commit it stripped "
            "(e.g. jupyter nbconvert --clear-output --inplace notebooks/explore.ipynb)"
        )
        assert cell.get("execution_count") is None, f"code cell {i} has an execution count"
    assert data["metadata"]["kernelspec"]["name"] == "python3"


def _outputs(nb: Any, kind: str) -> list[Any]:
    return [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == kind
    ]


@pytest.mark.slow
def test_notebook_runs_and_saves_plots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat", reason=NEEDS)
    nbclient = pytest.importorskip("nbclient", reason=NEEDS)
    pytest.importorskip("ipykernel", reason=NEEDS)
    pytest.importorskip("matplotlib", reason=NEEDS)
    try:
        gnx.find_cjk_font()
    except BackendError as exc:
        pytest.skip(f"the notebook plots Chinese names: {exc}")
    corpus = all_files()[0].parent

    # A kernel spec naming this interpreter (the venv's), whatever "python3" means elsewhere.
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "graphkit tests", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("GRAPHKIT_CORPUS", str(corpus))
    plots = tmp_path / "plots"
    monkeypatch.setenv("GRAPHKIT_OUTPUT", str(plots))

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=600,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()

    assert not _outputs(nb, "error")
    text = "".join(o.text for o in _outputs(nb, "stream") if o.name == "stdout")
    assert "found: ['technology:碳化矽']" in text
    assert "found: ['agency:工業技術研究院']" in text
    stderr = "".join(o.text for o in _outputs(nb, "stream") if o.name == "stderr")
    assert "missing from font" not in stderr  # tofu: names drawn without a CJK font

    images = [o.data["image/png"] for o in _outputs(nb, "display_data") if "image/png" in o.data]
    assert len(images) == 2
    assert all(base64.b64decode(image)[:8] == PNG_MAGIC for image in images)
    for name in ("sic-neighbourhood.png", "itri-neighbourhood.png"):
        png = plots / name
        assert png.read_bytes()[:8] == PNG_MAGIC
        assert png.stat().st_size > 50_000
