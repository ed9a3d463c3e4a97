"""The engine: an installed Argos Translate zh→en package (`translate-zh_en`: a CTranslate2 model and its
SentencePiece model), run through CTranslate2 directly, many sentences per `translate_batch` call.

The package is found through argostranslate's own package API and read as argostranslate reads it
(`metadata.json`, `model/`, `sentencepiece.model`). Decoding uses the settings of argostranslate 1.11's
`translate.translate` (beam 4, one hypothesis, length penalty 0.2, unknown tokens replaced, the package's target
prefix, the same detokenizing), so a sentence comes out as argostranslate would give it; only the batching differs
(thousands of tokens per batch across stories instead of 32 per paragraph). Nothing here touches the network:
argostranslate's translate module, whose sentencizers fetch models at run time, is never imported.

`make model` installs the package from a file (`python -m build_tools.translate.engine install FILE.argosmodel`,
checked first), or with `argospm install translate-zh_en` after `python -m build_tools.translate.engine index` has
fetched the package index (or said clearly that it cannot). `python -m build_tools.translate.engine` says what is
installed.
"""
from __future__ import annotations

import json
import os
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from build_tools.errors import ArchiveError

# argostranslate reads its settings from the environment once, at import; "auto" garbles some models
os.environ.setdefault("ARGOS_COMPUTE_TYPE", "default")

FROM_CODE, TO_CODE = "zh", "en"
# Argos publishes a zh-Hant→en package too (translate-zt_en); where it is installed, Traditional sources go to it
TRADITIONAL_CODE = "zt"
FROM_CODES = (FROM_CODE, TRADITIONAL_CODE)
PACKAGE_NAME = "translate-zh_en"
ENGINE_NAME = "Argos Translate"
# as argostranslate 1.11 translate.translate: beam_size=max(num_hypotheses=1, settings.beam_size=4)
BEAM_SIZE = int(os.environ.get("ARGOS_BEAM_SIZE", "4"))
LENGTH_PENALTY = 0.2
# ours: big token batches, sorted by length inside CTranslate2; sentences per translate_batch call
MAX_BATCH_TOKENS = 2048
CALL_SENTENCES = 1024
# the longest English a sentence may get, in target tokens: DECODE_RATIO per source token plus DECODE_EXTRA (a
# translation needs about 1-2 English pieces per Chinese piece; a loop or a runaway needs more). A hypothesis that
# reaches it ends without the end token and is flagged `truncated`
DECODE_RATIO = 3
DECODE_EXTRA = 10
DECODE_CAP = 1024
# probe for a model that does not read Chinese (a mislabelled or wrong-language package)
CHINESE_PROBE = "浙江省总工会组织劳模工匠开展职工技能竞赛，帮助困难职工解决实际问题。"
CHINESE_PROBE_HANT = "浙江省總工會組織勞模工匠開展職工技能競賽，幫助困難職工解決實際問題。"


class ModelError(ArchiveError):
    """The installed model cannot be used: corrupt, incomplete or not a zh→en model."""


class Decoded(str):
    """The English of one sentence; `finished` is False when decoding stopped at its length limit, not at the end
    token. A str, so that it goes wherever the English goes (and through Dask's pickling)."""
    finished: bool = True

    def __new__(cls, text: str, finished: bool = True):
        value = super().__new__(cls, text)
        value.finished = finished
        return value

    def __reduce__(self):
        return (Decoded, (str(self), self.finished))


def max_decoding_length(source_tokens: int) -> int:
    return min(DECODE_CAP, DECODE_RATIO * source_tokens + DECODE_EXTRA)


@dataclass
class NoEngine:
    """Why there is no engine (shown in the report)."""
    reason: str


def default_packages_dirs() -> list[Path]:
    """Where argostranslate looks for packages, worked out without importing it (its import creates folders)."""
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        return [Path(os.environ["ARGOS_PACKAGES_DIR"])]
    home = Path.home()
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "argos-translate"
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "argos-translate" / "settings.json"
    try:
        configured = json.loads(config.read_text(encoding="utf-8")).get("ARGOS_PACKAGES_DIR")
    except (OSError, ValueError, AttributeError):
        configured = None
    return [Path(configured) if configured else data / "packages"]


def installed_packages(dirs: list[Path]) -> list:
    """argostranslate's installed packages in `dirs`; a package whose metadata.json is broken is an error."""
    import argostranslate.package as argos_package

    dirs = [d for d in dirs if d.is_dir()]
    try:
        return argos_package.get_installed_packages(path=dirs)
    except Exception:
        for d in dirs:
            for sub in sorted(p for p in d.iterdir() if p.is_dir()):
                try:
                    argos_package.Package(sub)
                except Exception as err:                    # noqa: BLE001 - named and re-raised
                    raise ModelError(sub / "metadata.json", f"not a readable Argos package: {err}",
                                     hint="reinstall the model: make model") from None
        raise


def find_engine(packages_dir: Path | None = None, **options) -> "Engine | NoEngine":
    """The engine for the installed zh→en package, or why there is none. A broken package is a ModelError."""
    dirs = [Path(packages_dir)] if packages_dir else default_packages_dirs()
    if not any(d.is_dir() and any(p.is_dir() for p in d.iterdir()) for d in dirs):
        return NoEngine(f"no Argos Translate package is installed (looked in {', '.join(map(str, dirs))}); "
                        "`make model` installs one")
    try:
        import argostranslate.package  # noqa: F401
        import ctranslate2  # noqa: F401
        import sentencepiece  # noqa: F401
    except ImportError as err:
        return NoEngine(f"{err.name} is not installed: pip install -e '.[translate]'")
    packages = [p for p in installed_packages(dirs)
                if p.type == "translate" and p.from_code == FROM_CODE and p.to_code == TO_CODE]
    if not packages:
        return NoEngine(f"no {FROM_CODE}→{TO_CODE} package among the installed Argos Translate packages "
                        f"({', '.join(map(str, dirs))}); `make model` installs one")
    from packaging.version import InvalidVersion, Version

    def version(p):
        try:
            return Version(p.package_version or "0")
        except InvalidVersion:
            return Version("0")

    engine = Engine(max(packages, key=version), **options)
    traditional = [p for p in installed_packages(dirs)
                   if p.type == "translate" and p.from_code == TRADITIONAL_CODE and p.to_code == TO_CODE]
    if traditional:
        engine.traditional = Engine(max(traditional, key=version), **options)
    return engine


def _vocabulary(model_dir: Path, side: str) -> list[str] | None:
    for name in (f"{side}_vocabulary.json", "shared_vocabulary.json"):
        if (model_dir / name).exists():
            return json.loads((model_dir / name).read_text(encoding="utf-8"))
    for name in (f"{side}_vocabulary.txt", "shared_vocabulary.txt"):
        if (model_dir / name).exists():
            return (model_dir / name).read_text(encoding="utf-8").splitlines()
    return None


def check_package_dir(root: Path) -> dict:
    """Check an installed (or unpacked) package: metadata for zh→en, a CTranslate2 model, a SentencePiece model
    that reads Chinese, and a target vocabulary with English in it. Returns the metadata."""
    meta_path = root / "metadata.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelError(meta_path, f"cannot read the package metadata: {err}") from None
    if meta.get("from_code") not in FROM_CODES or meta.get("to_code") != TO_CODE:
        raise ModelError(meta_path, f"a {meta.get('from_code')}→{meta.get('to_code')} model, not {FROM_CODE}→{TO_CODE}",
                         hint=f"install {PACKAGE_NAME}")
    model_dir = root / "model"
    for needed in (model_dir / "model.bin", model_dir / "config.json", root / "sentencepiece.model"):
        if not needed.is_file() or needed.stat().st_size == 0:
            raise ModelError(needed, "missing or empty: the package is incomplete", hint="reinstall it: make model")
    import sentencepiece as spm

    sp_path = root / "sentencepiece.model"
    try:
        sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    except Exception as err:                                # noqa: BLE001 - sentencepiece raises bare errors
        raise ModelError(sp_path, f"not a SentencePiece model: {err}") from None
    ids = sp.encode(CHINESE_PROBE_HANT if meta.get("from_code") == TRADITIONAL_CODE else CHINESE_PROBE)
    unknown = sum(1 for i in ids if i == sp.unk_id()) / max(len(ids), 1)
    if unknown > 0.3:
        raise ModelError(sp_path, f"does not read Chinese ({unknown:.0%} of a Chinese test sentence is unknown): "
                                  "a wrong-language model", hint=f"install {PACKAGE_NAME}")
    target = _vocabulary(model_dir, "target")
    if target is not None and not {"▁the", "the", "▁of", "of"} & set(target):
        raise ModelError(model_dir, "its target vocabulary has no English words: a wrong-language model",
                         hint=f"install {PACKAGE_NAME}")
    return meta


@dataclass
class Engine:
    """Translates Chinese sentences to English with an installed package. Counts its calls."""
    package: object                         # argostranslate.package.Package
    inter_threads: int = 0                  # 0: as many as cores, up to 2 (measured best on 2 cores)
    intra_threads: int = 0
    max_batch_tokens: int = MAX_BATCH_TOKENS
    call_sentences: int = CALL_SENTENCES
    calls: int = 0                          # translate_batch calls
    sentences: int = 0                      # sentences translated
    traditional: "Engine | None" = None     # the zh-Hant→en engine (translate-zt_en), where one is installed
    _translator: object = field(default=None, repr=False)
    _sp: object = field(default=None, repr=False)

    def __post_init__(self):
        self.root = Path(self.package.package_path)
        self.metadata = check_package_dir(self.root)
        self.name = self.metadata.get("code") or PACKAGE_NAME
        self.version = str(self.metadata.get("package_version", ""))
        self.target_prefix = self.metadata.get("target_prefix", "")
        cores = os.cpu_count() or 1
        if not self.inter_threads:
            self.inter_threads = min(2, cores)
        if not self.intra_threads:
            self.intra_threads = max(1, cores // self.inter_threads)

    @property
    def engine(self) -> str:
        return ENGINE_NAME

    @property
    def model(self) -> str:
        """Model name and version, as recorded in the memory: `translate-zh_en 1.9`."""
        return f"{self.name} {self.version}".strip()

    def _load(self) -> None:
        if self._translator is not None:
            return
        import ctranslate2
        import sentencepiece as spm

        model_dir = self.root / "model"
        try:
            self._translator = ctranslate2.Translator(str(model_dir), device="cpu", compute_type="default",
                                                      inter_threads=self.inter_threads,
                                                      intra_threads=self.intra_threads)
        except Exception as err:                            # noqa: BLE001 - CTranslate2 raises RuntimeError/ValueError
            raise ModelError(model_dir / "model.bin", f"CTranslate2 cannot load the model: {err}",
                             hint="the file is corrupt or from another CTranslate2; reinstall it: make model") from None
        self._sp = spm.SentencePieceProcessor(model_file=str(self.root / "sentencepiece.model"))

    def _decode(self, tokens: list[str]) -> str:
        # argostranslate.tokenizer.SentencePieceTokenizer.decode, then apply_packaged_translation's clean-up
        value = self._sp.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
        if self.target_prefix and value.startswith(self.target_prefix):
            value = value[len(self.target_prefix):]
        if value.startswith(" "):
            value = value[1:]
        return value

    def translate(self, sentences: list[str], progress: Callable[[int], None] | None = None) -> list[Decoded]:
        """English for each sentence, in order (each a `Decoded`: is it `finished`?). `progress(n)` is told as
        each sentence is done."""
        if not sentences:
            return []
        self._load()
        out: list[str] = []
        for start in range(0, len(sentences), self.call_sentences):
            chunk = sentences[start:start + self.call_sentences]
            tokens = [self._sp.encode(s, out_type=str) for s in chunk]
            prefix = [[self.target_prefix]] * len(tokens) if self.target_prefix else None
            # one limit per call, from its longest sentence; each sentence is then checked against its own
            limit = max_decoding_length(max(len(t) for t in tokens))
            results = self._translator.translate_batch(
                tokens, target_prefix=prefix, replace_unknowns=True, max_batch_size=self.max_batch_tokens,
                batch_type="tokens", beam_size=max(1, BEAM_SIZE), num_hypotheses=1, length_penalty=LENGTH_PENALTY,
                return_scores=True, asynchronous=True, max_decoding_length=limit, return_end_token=True)
            self.calls += 1
            for source, result in zip(tokens, results):
                hypothesis = list(result.result().hypotheses[0])
                finished = bool(hypothesis) and hypothesis[-1] == "</s>"
                if finished:
                    hypothesis = hypothesis[:-1]
                # the call's limit is its longest sentence's: a shorter sentence is held to its own
                own = max_decoding_length(len(source)) + (1 if self.target_prefix else 0)
                if len(hypothesis) > own:
                    hypothesis, finished = hypothesis[:own], False
                out.append(Decoded(self._decode(hypothesis), finished))
                if progress:
                    progress(1)
        self.sentences += len(sentences)
        return out


# ---- installing (make model) -----------------------------------------------------------------------------------
def check_model_file(path: Path) -> dict:
    """Check a .argosmodel before installing it: a zip with one folder holding a zh→en package."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(path, "no such file")
    if not zipfile.is_zipfile(path):
        raise ModelError(path, "not an Argos Translate model (a .argosmodel is a zip archive)")
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad:
                raise ModelError(path, f"corrupt archive: {bad} fails its checksum")
            metas = [n for n in z.namelist() if n.count("/") == 1 and n.endswith("/metadata.json")]
            if len(metas) != 1:
                raise ModelError(path, "no <folder>/metadata.json inside: not an Argos Translate package")
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                z.extractall(tmp)
                try:
                    return check_package_dir(Path(tmp) / metas[0].split("/")[0])
                except ModelError as err:
                    raise ModelError(path, f"{Path(err.path).name}: {err.message}", hint=err.hint) from None
    except zipfile.BadZipFile as err:
        raise ModelError(path, f"corrupt archive: {err}") from None


def fetch_index() -> list:
    """Fetch the Argos package index (what `argospm update` does) and return its zh→en packages; a clear error
    where the index cannot be reached (argospm itself fails with a traceback there)."""
    import argostranslate.package as argos_package
    from argostranslate import settings as argos_settings

    argos_package.update_package_index()
    if not Path(argos_settings.local_package_index).exists():
        raise ModelError(argos_settings.remote_package_index, "cannot fetch the Argos package index (no internet?)",
                         hint="download the .argosmodel on a machine with internet, then: "
                              "ARGOS_MODEL=path/to/file.argosmodel make model")
    available = [p for p in argos_package.get_available_packages()
                 if p.from_code == FROM_CODE and p.to_code == TO_CODE]
    if not available:
        raise ModelError(argos_settings.local_package_index, f"no {FROM_CODE}→{TO_CODE} package in the index")
    return available


def install(path: Path | None = None) -> str:
    """Install the zh→en model from a .argosmodel file, or from the Argos package index when `path` is None."""
    import argostranslate.package as argos_package

    if path is None:
        fetch_index()[0].install()
    else:
        check_model_file(path)
        argos_package.install_from_path(Path(path))
    engine = find_engine()
    if isinstance(engine, NoEngine):
        raise ModelError(path or PACKAGE_NAME, f"installed, but not found afterwards: {engine.reason}")
    return f"{engine.model} installed in {engine.root}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["install"]:
            print(install(Path(argv[1]) if len(argv) > 1 and argv[1] else None))
            return 0
        if argv[:1] == ["index"]:
            print(", ".join(f"{p.type}-{p.from_code}_{p.to_code} {p.package_version}" for p in fetch_index()))
            return 0
        engine = find_engine()
        print(engine.reason if isinstance(engine, NoEngine) else f"{engine.model} in {engine.root}")
        return 0
    except ArchiveError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
