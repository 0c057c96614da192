"""Extraction of many files across worker processes, each saved to the ledger.

:func:`extract_all` is the extraction step of :func:`graphkit.loading.load_files`: in this
process for one worker, else in forked workers that inherit the pipeline already built and
end with the build process, even when it is killed.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from .ledger import Ledger
from .records import SourceText

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .records import Extraction

#: prctl(2) option: the signal a process gets when its parent ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1

__all__ = ["die_with", "extract_all"]


def extract_all(
    pipeline: Pipeline,
    sources: Sequence[SourceText],
    ledger: Ledger,
    family: str | None,
    edition: str | None,
    jobs: int,
    progress: Callable[[str], None] | None,
) -> list[tuple[Extraction, list[str]]]:
    """Extract and save each source, in order; across processes when ``jobs`` > 1.

    Each extraction's ledger entry is durable before the graph that refers to it is written.
    """
    workers = min(jobs, len(sources))
    if workers <= 1:
        out = []
        for source in sources:
            if progress:
                progress(source.path)
            out.append(_extract_one(pipeline, ledger, source, family, edition))
        return out
    # fork: the workers inherit the pipeline already built here (its spaCy objects are not
    # cheap to pickle or to build again per worker); they only compute and write ledger
    # entries, never touch the store's connection or print. gc.freeze keeps the workers'
    # collector from touching (and so copying) every page of the inherited heap.
    gc.freeze()
    try:
        return _extract_in_pool(pipeline, sources, ledger, family, edition, workers, progress)
    finally:
        gc.unfreeze()


def _extract_in_pool(
    pipeline: Pipeline,
    sources: Sequence[SourceText],
    ledger: Ledger,
    family: str | None,
    edition: str | None,
    workers: int,
    progress: Callable[[str], None] | None,
) -> list[tuple[Extraction, list[str]]]:
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), pipeline, ledger.path, ledger.extractor, family, edition),
    ) as pool:
        futures = [pool.submit(_worker_extract, source) for source in sources]
        out = []
        for source, future in zip(sources, futures, strict=True):
            out.append(future.result())
            if progress:
                progress(source.path)
        return out


def _extract_one(
    pipeline: Pipeline,
    ledger: Ledger,
    source: SourceText,
    family: str | None,
    edition: str | None,
) -> tuple[Extraction, list[str]]:
    extraction, warnings = pipeline.extract_document(source, family=family, edition=edition)
    ledger.save(extraction)
    return extraction, warnings


@dataclass(frozen=True, slots=True)
class _Worker:
    pipeline: Pipeline
    ledger: Ledger
    family: str | None
    edition: str | None


#: Set only inside an extraction worker process, by :func:`_start_worker`: the state a
#: process pool keeps per worker (the pipeline is costly to build, so once per worker).
_WORKER: list[_Worker] = []


def _start_worker(
    parent: int,
    pipeline: Pipeline,
    ledger_path: Path,
    extractor: str,
    family: str | None,
    edition: str | None,
) -> None:
    die_with(parent)
    _WORKER.append(_Worker(pipeline, Ledger(ledger_path, extractor), family, edition))


def die_with(parent: int) -> None:
    """End this worker (or the CRF's child, :meth:`graphkit.crf.CrfRecogniser.start`) when the
    process that forked it ends, even killed with SIGKILL.

    A forked worker holds the pool's pipes open itself, so it would never see the parent go:
    it would wait for work forever (and keep the parent's stdout open for whoever reads it).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl (not Linux): the check below still runs
        pass
    if os.getppid() != parent:  # the parent went before prctl took effect
        os._exit(1)


def _worker_extract(source: SourceText) -> tuple[Extraction, list[str]]:
    w = _WORKER[0]
    return _extract_one(w.pipeline, w.ledger, source, w.family, w.edition)
