"""Builds a tiny but real Argos Translate zh→en package (.argosmodel) for the tests and the benchmark.

A random-weight CTranslate2 transformer (2+2 layers, 64 dimensions) made with `ctranslate2.specs` from numpy
arrays (no torch), a SentencePiece model trained on the seed stories' Chinese and their reference English, and a
`metadata.json` as Argos packages have. Its English is nonsense, but every step of real translation runs.

Three choices make its decoding usable for exact comparisons (measured on the 364 seed sentences):
- the output projection is scaled up (OUTPUT_SCALE = 12), so the logits of competing tokens are far apart. A
  random model's distributions are flat, and batch composition changes float rounding: unscaled, batched and
  one-at-a-time decoding disagreed on 2 of 364 sentences; scaled, on none;
- the decoder's position encodings turn towards the `</s>` row of the projection as the output grows
  (EOS_DRIFT), so outputs end after 5-21 tokens instead of looping to the 256-token limit (a flat bias on
  `</s>` gives either one token for every input or loops);
- the cross-attention output is scaled up (CROSS_SCALE), so the output depends on the input: 360 of the 364
  sentences get different English.

Run as a script to write one: `python tests/translate_model.py OUT.argosmodel [--big]` (`--big`: 6+6 layers,
d=512, 8 heads, a 32,000-token vocabulary: the size of an OPUS-MT model, for the benchmark).
"""
from __future__ import annotations

import io
import json
import random
import re
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_SCALE = 12.0
CROSS_SCALE = 4.0
EOS_DRIFT = 1.0
MAX_POSITIONS = 1024
BIG_VOCABULARY = 32000
PACKAGE_CODE = "translate-zh_en-tiny"
PACKAGE_VERSION = "0.1"


def training_lines() -> list[str]:
    """The seeds' Chinese, line by line, and the reference English of the translation memory."""
    import yaml

    lines = []
    for path in sorted((ROOT / "sources").glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for path in sorted((ROOT / "translations").glob("*-*.yaml")):
        for seg in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("segments") or []:
            lines += [s for s in re.split(r"(?<=[.!?])\s+", str(seg["en"])) if s]
    return lines


def train_sentencepiece(vocab_size: int) -> bytes:
    import sentencepiece as spm

    lines = training_lines()
    random.Random(0).shuffle(lines)
    model = io.BytesIO()
    # more pieces than distinct characters are needed with character_coverage=1.0 (about 1,600 in the seeds)
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=model, vocab_size=vocab_size,
                                   character_coverage=1.0, model_type="unigram", num_threads=2,
                                   minloglevel=2, bos_id=1, eos_id=2, unk_id=0, pad_id=-1)
    return model.getvalue()


def sinusoids(length: int, depth: int):
    import numpy as np

    half = depth // 2
    scales = np.exp(-np.log(10000.0) * np.arange(half) / (half - 1))
    angles = np.arange(length)[:, None] * scales[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)


def build_spec(vocab: list[str], layers: int, d_model: int, heads: int, ffn: int, seed: int = 0,
               cross_scale: float | None = None, eos_drift: float | None = None):
    import numpy as np
    from ctranslate2.specs import TransformerSpec

    rng = np.random.RandomState(seed)
    eos_drift = EOS_DRIFT * (d_model / 64) ** 0.5 if eos_drift is None else eos_drift
    spec = TransformerSpec.from_config((layers, layers), heads)

    def w(*shape, scale=None):
        return (rng.standard_normal(shape) * (scale or shape[-1] ** -0.5)).astype(np.float32)

    def norm(ln):
        ln.gamma = np.ones(d_model, np.float32)
        ln.beta = np.zeros(d_model, np.float32)

    def linear(lin, out_dim, in_dim):
        lin.weight = w(out_dim, in_dim)
        lin.bias = np.zeros(out_dim, np.float32)

    def ffn_(f):
        norm(f.layer_norm)
        linear(f.linear_0, ffn, d_model)
        linear(f.linear_1, d_model, ffn)

    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = w(len(vocab), d_model, scale=d_model ** -0.5)
    norm(enc.layer_norm)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(layer.self_attention.linear[1], d_model, d_model)
        ffn_(layer.ffn)
    dec.embeddings.weight = w(len(vocab), d_model, scale=d_model ** -0.5)
    norm(dec.layer_norm)
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(layer.self_attention.linear[1], d_model, d_model)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d_model, d_model)
        linear(layer.attention.linear[1], 2 * d_model, d_model)
        linear(layer.attention.linear[2], d_model, d_model)
        layer.attention.linear[2].weight *= CROSS_SCALE if cross_scale is None else cross_scale
        ffn_(layer.ffn)
    dec.projection.weight = w(len(vocab), d_model) * OUTPUT_SCALE
    if eos_drift:
        # a position encoding that turns towards the </s> row as the output grows: outputs end after a few
        # to a few dozen tokens, depending on the input, instead of looping to the 256-token limit
        u = dec.projection.weight[vocab.index("</s>")]
        u = u / np.linalg.norm(u)
        positions = np.arange(MAX_POSITIONS, dtype=np.float32)[:, None]
        dec.position_encodings.encodings = (sinusoids(MAX_POSITIONS, d_model) + eos_drift * positions * u).astype(
            np.float32)
    dec.projection.bias = np.zeros(len(vocab), np.float32)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    return spec


def build_model(out: Path, big: bool = False, metadata: dict | None = None) -> Path:
    """Write a .argosmodel to `out` and return its path."""
    import sentencepiece as spm

    sp_bytes = train_sentencepiece(5000 if big else 2400)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    if big:
        # the seeds hold too little text for 32k pieces; padding the vocabulary gives the output projection
        # its real size (what the decoder pays per step), like the NOTES.md measurement
        vocab += [f"<extra_{i}>" for i in range(BIG_VOCABULARY - len(vocab))]
    dims = dict(layers=6, d_model=512, heads=8, ffn=2048) if big else dict(layers=2, d_model=64, heads=4, ffn=128)
    spec = build_spec(vocab, **dims)
    if big:
        spec.optimize(quantization="int8")          # as Argos packages ship their models
    meta = {"package_version": PACKAGE_VERSION, "argos_version": "1.9", "from_code": "zh", "from_name": "Chinese",
            "to_code": "en", "to_name": "English", "code": "translate-zh_en-random-big" if big else PACKAGE_CODE,
            "type": "translate", "links": []}
    meta.update(metadata or {})
    out = Path(out)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / meta["code"]             # one folder per package: a zh and a zt model side by side
        (folder / "model").mkdir(parents=True)               # spec.save needs the folder to exist
        spec.save(str(folder / "model"))
        (folder / "sentencepiece.model").write_bytes(sp_bytes)
        (folder / "metadata.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        (folder / "README.md").write_text("Random-weight test model of the archive's tests. Not a translator.\n")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(folder.rglob("*")):
                z.write(path, path.relative_to(Path(tmp)).as_posix())
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "build/translate-zh_en-tiny.argosmodel")
    print(build_model(target, big="--big" in sys.argv))
