"""Translation spread over a Dask cluster (a LocalCluster of two worker processes on this machine) gives the same
English as the engine on its own, through the same stage, and counts its work."""
import shutil
import zipfile
from types import SimpleNamespace

import pytest

from build_tools.records import catalog_records
from build_tools.settings import TRANSLATIONS
from build_tools.translate.cluster import DaskEngine
from build_tools.translate.engine import Engine
from build_tools.translate.glossary import load_glossary
from build_tools.translate.machine import collect_jobs, translate_records
from build_tools.translate.memory import Memory
from tests.translate_model import build_model

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """The tiny test model, unpacked as argostranslate installs a package (one folder with model/ inside)."""
    root = tmp_path_factory.mktemp("cluster")
    archive = build_model(root / "translate-zh_en-tiny.argosmodel")
    with zipfile.ZipFile(archive) as z:
        z.extractall(root / "packages")
    [folder] = [p for p in (root / "packages").iterdir() if p.is_dir()]
    return folder


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as local, distributed.Client(local) as client:
        yield client


@pytest.fixture(scope="module")
def sentences(seed_catalog):
    jobs = collect_jobs(catalog_records(seed_catalog)["stories"], Memory())
    glossary = load_glossary()
    return [glossary.protect(j.simplified).text for j in jobs[:120]]


def test_the_cluster_gives_the_engines_english_in_order(package, cluster, sentences):
    local = Engine(SimpleNamespace(package_path=str(package)), inter_threads=1, intra_threads=1)
    spread = DaskEngine(local, cluster, chunk=25)
    done = []
    english = spread.translate(sentences, progress=done.append)
    assert english == local.translate(sentences)
    assert spread.calls == 5 and sum(done) == len(sentences)
    workers = cluster.run(lambda: __import__("build_tools.translate.cluster", fromlist=["x"])._WORKER_ENGINES.keys())
    assert len(workers) == 2 and all(list(keys) == [str(package)] for keys in workers.values())


def test_the_translation_stage_runs_on_the_cluster(package, cluster, seed_catalog, tmp_path):
    local = Engine(SimpleNamespace(package_path=str(package)), inter_threads=1, intra_threads=1)
    records = [r for r in catalog_records(seed_catalog)["stories"] if r["id"] in ("zjgr-28d2cd", "zjgr-1e723f")]
    memory = Memory()
    shutil.copy(TRANSLATIONS / "glossary.yaml", tmp_path / "glossary.yaml")
    run = translate_records(records, memory, tmp_path, DaskEngine(local, cluster, chunk=10), today="2026-11-23")
    assert run.translated > 10 and run.engine_calls == -(-run.translated // 10)
    assert not run.pending
    again = translate_records(records, memory, tmp_path, DaskEngine(local, cluster, chunk=10), today="2026-11-23")
    assert again.translated == 0 and again.engine_calls == 0
