"""Translation on a Dask cluster, for collections that outgrow one machine: `archive translate --dask tcp://…`.

The sentences the memory lacks are cut into chunks and mapped over the cluster's workers with Dask distributed (no
job queue of our own); each worker loads the same Argos package once and keeps it. The package must be installed
at the same path on every worker (a shared folder, or `make model` on each machine). On one machine the engine
already spreads batches over the cores (CTranslate2 inter_threads × intra_threads, engine.py)."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Callable

from build_tools.translate.engine import Engine

CHUNK_SENTENCES = 256
_WORKER_ENGINES: dict[str, Engine] = {}


def _translate_chunk(sentences: list[str], package_path: str, threads: int) -> list[str]:
    """Runs on a worker: the package's engine, loaded once per worker process."""
    engine = _WORKER_ENGINES.get(package_path)
    if engine is None:
        engine = Engine(SimpleNamespace(package_path=package_path), inter_threads=1, intra_threads=threads)
        _WORKER_ENGINES[package_path] = engine
    return engine.translate(sentences)


class DaskEngine:
    """The same interface as Engine (translate, engine, model, calls), with the work spread over a Dask cluster."""

    def __init__(self, local: Engine, scheduler, chunk: int = CHUNK_SENTENCES, worker_threads: int = 1):
        from distributed import Client

        self.local = local
        self.client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
        self.chunk = chunk
        self.worker_threads = worker_threads
        self.calls = 0            # chunks sent to the cluster
        self.sentences = 0

    @property
    def engine(self) -> str:
        return self.local.engine

    @property
    def model(self) -> str:
        return self.local.model

    def translate(self, sentences: list[str], progress: Callable[[int], None] | None = None) -> list[str]:
        from distributed import as_completed

        if not sentences:
            return []
        chunks = [sentences[i:i + self.chunk] for i in range(0, len(sentences), self.chunk)]
        futures = self.client.map(_translate_chunk, chunks, package_path=str(self.local.root),
                                  threads=self.worker_threads, pure=False)
        position = {f.key: i for i, f in enumerate(futures)}
        results: list[list[str] | None] = [None] * len(chunks)
        for future in as_completed(futures):
            done = future.result()
            results[position[future.key]] = done
            if progress:
                progress(len(done))
        self.calls += len(chunks)
        self.sentences += len(sentences)
        return [english for chunk in results for english in chunk]
