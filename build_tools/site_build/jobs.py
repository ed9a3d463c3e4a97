"""The builds of a sharded site as jobs: each one process (`mkdocs build`, `pagefind`), run by a pool of workers on
this machine or by a Dask cluster (`--dask tcp://…`, as `archive translate --dask`), each started once the jobs it
waits for have succeeded. Every job reports its seconds and the peak memory of its process (with whatever that
process started), read from the kernel's accounting when it exits (`wait4`)."""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from build_tools.errors import ArchiveError


@dataclass
class Job:
    name: str
    argv: list[str]
    cwd: str
    env: dict[str, str]                 # the whole environment of the process
    log: str                            # its output (stdout and stderr) goes here
    after: tuple[str, ...] = ()         # jobs that must have succeeded first
    kind: str = ""                      # mkdocs, pagefind: for the report


@dataclass
class Done:
    name: str
    kind: str
    returncode: int
    seconds: float
    peak_rss_mb: float
    host: str = ""
    log_tail: str = ""


def run_job(job: Job) -> Done:
    """Runs on a worker: the job's process, to its end."""
    start = time.perf_counter()
    Path(job.log).parent.mkdir(parents=True, exist_ok=True)
    with open(job.log, "wb") as out:
        process = subprocess.Popen(job.argv, cwd=job.cwd, env=job.env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    tail = ""
    if process.returncode:
        tail = Path(job.log).read_text(encoding="utf-8", errors="replace")[-4000:]
    return Done(job.name, job.kind, process.returncode, time.perf_counter() - start, usage.ru_maxrss / 1024,
                os.uname().nodename, tail)


class JobError(ArchiveError):
    pass


@dataclass
class Runner:
    """Where the jobs run: `workers` processes at a time here, or on the Dask cluster at `dask` (an address or a
    distributed.Client). On a cluster every worker must see the same paths (a shared folder) and the same
    installation of the archive."""
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    dask: object = None

    def executor(self) -> cf.Executor:
        if self.dask is None:
            # worker processes started from a fresh, small interpreter (forkserver): the kernel's peak memory of a
            # job's process starts at that of the process that started it
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([])          # not the command's own modules (__main__)
            return cf.ProcessPoolExecutor(max_workers=max(1, self.workers), mp_context=context)
        from distributed import Client

        client = self.dask if isinstance(self.dask, Client) else Client(self.dask)
        return client.get_executor(pure=False)

    def run(self, jobs: list[Job], progress: Callable[[str], None] | None = None) -> dict[str, Done]:
        """Run every job once the jobs it waits for are done; stop at the first failure (the jobs already running
        finish) and raise JobError naming the job and the end of its output."""
        names = {j.name for j in jobs}
        for job in jobs:
            missing = [a for a in job.after if a not in names]
            if missing:
                raise ValueError(f"job {job.name} waits for unknown jobs {missing}")
        waiting = list(jobs)
        done: dict[str, Done] = {}
        failed: list[Done] = []
        executor = self.executor()
        try:
            running: dict[cf.Future, Job] = {}
            while waiting or running:
                if not failed:
                    for job in [j for j in waiting if all(a in done for a in j.after)]:
                        waiting.remove(job)
                        running[executor.submit(run_job, job)] = job
                elif not running:
                    break
                if not running:
                    raise JobError(Path(waiting[0].cwd), f"jobs wait for each other in a circle: "
                                                         f"{', '.join(j.name for j in waiting)}")
                finished, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for future in finished:
                    job = running.pop(future)
                    result = future.result()
                    if result.returncode:
                        failed.append(result)
                    else:
                        done[job.name] = result
                        if progress:
                            progress(f"  {job.name}: {result.seconds:.1f} s, peak {result.peak_rss_mb:,.0f} MB")
        finally:
            executor.shutdown(wait=True)
        if failed:
            first = failed[0]
            raise JobError(Path(next(j.log for j in jobs if j.name == first.name)),
                           f"{first.name} failed (exit status {first.returncode}):\n{first.log_tail}",
                           hint="the whole output of the job is in this log file")
        return done
