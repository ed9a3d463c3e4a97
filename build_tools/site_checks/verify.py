"""`make verify`: build the whole site twice from the same inputs, in two fresh copies of the project, and
compare the two site/ trees byte for byte. Timestamps come from SOURCE_DATE_EPOCH (the last commit's time)."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_tools.settings import GENERATED_OUTPUTS, ROOT

INPUTS = ("mkdocs.yml", "sources", "translations", "docs", "overrides")


def source_date_epoch(root: Path = ROOT) -> str:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True)
        return out.stdout.strip() or "0"
    except OSError:
        return "0"


def copy_inputs(dest: Path, root: Path = ROOT) -> None:
    for name in INPUTS:
        src = root / name
        if src.is_dir():
            generated = {root / path for path in GENERATED_OUTPUTS}
            shutil.copytree(src, dest / name, ignore=lambda d, names: [n for n in names if Path(d) / n in generated])
        else:
            shutil.copy2(src, dest / name)


def build_copy(work: Path, env: dict) -> Path:
    """Build the archive in `work` (a copy of the inputs) and return its site folder."""
    python = sys.executable
    subprocess.run([python, "-m", "build_tools.cli", "build", "--sources", "sources", "--out", "build",
                    "--docs", "docs", "--no-record"], cwd=work, env=env, check=True, capture_output=True)
    subprocess.run([python, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], cwd=work,
                   env=env, check=True, capture_output=True)
    return work / "site"


def tree_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def verify(root: Path = ROOT) -> list[str]:
    """Differences between two builds (empty when they are byte-identical)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(root), "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)}
    with tempfile.TemporaryDirectory() as tmp:
        digests = []
        for name in ("first", "second"):
            work = Path(tmp) / name
            work.mkdir()
            copy_inputs(work, root)
            digests.append(tree_digest(build_copy(work, env)))
    a, b = digests
    return sorted({k for k in a.keys() | b.keys() if a.get(k) != b.get(k)})


def main() -> int:
    print("building the site twice from the same inputs …", file=sys.stderr)
    differences = verify()
    if differences:
        print("the two builds differ in:\n  " + "\n  ".join(differences))
        return 1
    print("the two builds are byte-identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
