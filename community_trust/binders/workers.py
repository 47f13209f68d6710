"""Run the binders' layouts and joins in fresh Python processes, a few jobs each.

A fork of the build carries the build's memory, and ``multiprocessing``'s spawn runs Sphinx's
``__main__`` again; so each batch runs in ``python -m community_trust.binders.workers``, its
arguments and results pickled through standard input and output. No Sphinx.
"""

from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

#: the folder that holds the ``community_trust`` package, for the worker's imports
PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


#: the arguments of one call of the function a worker runs
Arguments = tuple[Any, ...]


class WorkerError(RuntimeError):
    """A worker process failed; its standard error says why."""


def batches(arguments: Sequence[Arguments], workers: int, per_process: int,
            size: Callable[[Arguments], int] | None = None) -> list[list[Arguments]]:
    """``arguments`` in runs for one process each, in order: jobs of ``size`` (1 each by default), at
    most ``per_process`` in all and about an equal share for each of ``workers``; many small jobs share
    a process (starting one costs about half a second), a job larger than that has one of its own."""
    sizes = [size(argument) if size else 1 for argument in arguments]
    share = max(1, min(per_process, -(-sum(sizes) // max(1, workers))))
    found: list[list[Arguments]] = []
    filled = share
    for argument, weight in zip(arguments, sizes, strict=True):
        if filled + weight > share:
            found.append([])
            filled = 0
        found[-1].append(argument)
        filled += weight
    return found


def run(function: str, arguments: Sequence[Arguments], workers: int, per_process: int,
        size: Callable[[Arguments], int] | None = None) -> list[Any]:
    """``function`` ("module:name") applied to each tuple of ``arguments``, results in their order;
    ``workers`` processes at a time, the jobs shared out by ``batches``."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as threads:
        results = list(threads.map(lambda batch: _run_batch(function, batch),
                                   batches(arguments, workers, per_process, size)))
    return [result for batch in results for result in batch]


def _run_batch(function: str, batch: list[Arguments]) -> list[Any]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [PACKAGE_ROOT,
                                                                            os.environ.get("PYTHONPATH")]))}
    process = subprocess.run([sys.executable, "-m", "community_trust.binders.workers"],  # noqa: S603 (our own module)
                             input=pickle.dumps((function, batch)), capture_output=True, env=environment,
                             check=False)
    if process.returncode != 0:
        raise WorkerError(process.stderr.decode("utf-8", errors="replace")[-3000:])
    return pickle.loads(process.stdout)  # noqa: S301 (written by our own worker)


def main() -> None:
    function, batch = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 (from the build that started us)
    module, name = function.split(":")
    call = getattr(importlib.import_module(module), name)
    results = [call(*arguments) for arguments in batch]
    sys.stdout.buffer.write(pickle.dumps(results))


if __name__ == "__main__":
    main()
