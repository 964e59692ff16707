#!/usr/bin/env python3
"""Runs a microgpt checkpoint with numpy: the next-token probabilities at each position of a name.

    python3 tools/checkpoint/read_checkpoint.py model.safetensors emma
    python3 tools/checkpoint/read_checkpoint.py model.safetensors emma --all --temperature 0.5

A checkpoint is what `microgpt train --save FILE` writes: safetensors, one float64 tensor per
weight matrix, and in __metadata__ the shape, the vocabulary and how the model computes. This
script reads nothing else: it is the proof that the file is enough to run the model without the
Java code. Position 0 feeds BOS, position i the name's i-th character; each line gives the
distribution of the token that follows. With --all: every probability, in token-id order, at full
precision (repr); otherwise the five likeliest.

Needs numpy and safetensors: python3 -m pip install safetensors numpy
"""

import argparse
import math
import sys

try:
    import numpy as np
    from safetensors import safe_open
    from safetensors.numpy import load_file
except ImportError as missing:
    print(f"read_checkpoint.py: needs numpy and safetensors ({missing.name} is missing): "
          "python3 -m pip install safetensors numpy", file=sys.stderr)
    sys.exit(2)


class CheckpointError(Exception):
    pass


def load(path):
    """The metadata (all strings) and the weights (float64 arrays, shape [out, in])."""
    try:
        with safe_open(path, framework="numpy") as f:
            meta = f.metadata() or {}
        weights = load_file(path)
    except Exception as e:  # safetensors raises its own SafetensorError, among others
        raise CheckpointError(f"{path} cannot be read as safetensors: {e}")
    if meta.get("format") != "microgpt":
        raise CheckpointError(f"{path} is not a microgpt checkpoint (no format: microgpt in __metadata__)")
    return meta, weights


def softmax(logits):
    e = np.exp(logits - np.max(logits))
    return e / np.sum(e)


def relu(x):
    return np.maximum(x, 0.0)


def mlp_model(meta, w):
    """Steps 1 and 2: the next token depends on the current one only."""
    def next_token_probabilities(token, temperature):
        logits = w["mlp_fc2"] @ relu(w["mlp_fc1"] @ w["wte"][token])
        return softmax(logits / temperature)
    return next_token_probabilities, None


def transformer_model(meta, w):
    """Steps 3 to 5, one position at a time; each layer keeps the keys and values it has seen."""
    n_embd, n_head, n_layer = int(meta["n_embd"]), int(meta["n_head"]), int(meta["n_layer"])
    head_dim = n_embd // n_head
    eps = float(meta.get("rmsnorm_eps", "1e-05"))
    keys = [[] for _ in range(n_layer)]
    values = [[] for _ in range(n_layer)]

    def rmsnorm(x):
        return x * (np.mean(x ** 2) + eps) ** -0.5   # no learned scale

    def attention(layer, h):
        p = f"layer{layer}."
        q = w[p + "attn_wq"] @ h
        keys[layer].append(w[p + "attn_wk"] @ h)
        values[layer].append(w[p + "attn_wv"] @ h)
        k, v = np.array(keys[layer]), np.array(values[layer])   # [positions so far, n_embd]
        out = np.empty(n_embd)
        for i in range(n_head):
            s = slice(i * head_dim, (i + 1) * head_dim)
            weights = softmax(k[:, s] @ q[s] / math.sqrt(head_dim))
            out[s] = weights @ v[:, s]
        return out

    def next_token_probabilities(token, temperature):
        pos = len(keys[0])
        x = rmsnorm(w["wte"][token] + w["wpe"][pos])
        for layer in range(n_layer):
            p = f"layer{layer}."
            x = x + w[p + "attn_wo"] @ attention(layer, rmsnorm(x))
            x = x + w[p + "mlp_fc2"] @ relu(w[p + "mlp_fc1"] @ rmsnorm(x))
        return softmax(w["lm_head"] @ x / temperature)

    return next_token_probabilities, int(meta["block_size"])


def main(argv):
    parser = argparse.ArgumentParser(description="Next-token probabilities of a microgpt checkpoint, computed with numpy.")
    parser.add_argument("checkpoint", help="a file written by 'microgpt train --save'")
    parser.add_argument("name", help="the characters to feed after BOS (may be empty)")
    parser.add_argument("--temperature", type=float, default=1.0, help="divides the logits (default: 1.0)")
    parser.add_argument("--all", action="store_true", help="every probability at full precision, not the top five")
    args = parser.parse_args(argv)
    if not (math.isfinite(args.temperature) and args.temperature > 0):
        raise CheckpointError(f"--temperature must be a positive number, got {args.temperature}")

    meta, weights = load(args.checkpoint)
    vocab = meta["vocab"]
    bos = int(meta.get("bos_id", len(vocab)))   # files before format_version 2: BOS is the id after the last character
    architecture = meta.get("architecture", "mlp" if int(meta["step"]) <= 2 else "transformer")
    model, block_size = (mlp_model if architecture == "mlp" else transformer_model)(meta, weights)

    unknown = sorted(set(args.name) - set(vocab))
    if unknown:
        raise CheckpointError(f"the name has {''.join(unknown)!r}, not in the vocabulary {vocab!r}")
    tokens = [bos] + [vocab.index(c) for c in args.name]
    if block_size is not None and len(tokens) > block_size:
        raise CheckpointError(f"the name has {len(args.name)} characters; this model sees BOS and at most "
                              f"{block_size - 1} more (block_size {block_size})")

    print(f"step {meta['step']} {architecture}: n_embd {meta['n_embd']}, n_head {meta['n_head']}, "
          f"n_layer {meta['n_layer']}, block_size {meta['block_size']}, vocab {len(vocab) + 1} (BOS = {bos})")
    names = list(vocab) + ["BOS"]
    for pos, token in enumerate(tokens):
        probs = model(token, args.temperature)
        context = "BOS" + (" " + args.name[:pos] if pos else "")
        if args.all:
            shown = " ".join(repr(float(p)) for p in probs)
        else:
            top = np.argsort(-probs, kind="stable")[:5]
            shown = "  ".join(f"{names[t]} {probs[t]:.4f}" for t in top)
        print(f"position {pos} (after {context}): {shown}")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except (CheckpointError, KeyError) as e:
        message = f"__metadata__ or the tensors lack {e}" if isinstance(e, KeyError) else str(e)
        print(f"read_checkpoint.py: {message}", file=sys.stderr)
        sys.exit(2)
