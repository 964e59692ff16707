"""Shared helpers for the CPython reference scripts (plain Python 3 standard library only).

Everything here follows /work/shared/spec/steps.md. The Java engine is compared with what these
scripts print, line for line and bit for bit, so the ORDER of every floating-point operation is
part of the contract: reductions are Python's built-in ``sum`` (left to right, starting from the
int 0), and every compound Value operation is built from the primitives in the spec's table.
"""

import argparse
import math
import os
import random
import sys
import time

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
DEFAULT_DATA = os.path.normpath(os.path.join(REPO_ROOT, '..', 'shared', 'data', 'names.txt'))


# ----------------------------------------------------------------------------------------------
# command line

def parse_args(description, extra=None):
    """Common options: --data, --steps, --seed, --losses-out (plus whatever `extra` adds)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument('--data', default=DEFAULT_DATA, help='names file (default: %(default)s)')
    ap.add_argument('--steps', type=int, default=1000, help='number of training steps')
    ap.add_argument('--seed', type=int, default=42, help='seed of random.Random')
    ap.add_argument('--losses-out', default=None,
                    help="write one loss per line, formatted with '%%.17g'")
    if extra is not None:
        extra(ap)
    return ap.parse_args()


# ----------------------------------------------------------------------------------------------
# data and tokenizer

def load_docs(path, rng):
    """The file's lines, stripped, empty ones dropped, then shuffled with `rng` (one draw stream)."""
    with open(path, 'r', encoding='utf-8') as f:
        text = f.read()
    docs = [line.strip() for line in text.split('\n')]
    docs = [d for d in docs if d]
    rng.shuffle(docs)
    return docs


class Tokenizer:
    def __init__(self, docs):
        self.uchars = sorted(set(''.join(docs)))
        self.BOS = len(self.uchars)
        self.vocab_size = len(self.uchars) + 1
        self._index = {ch: i for i, ch in enumerate(self.uchars)}

    def encode(self, doc):
        """[BOS] + ids + [BOS]"""
        return [self.BOS] + [self._index[ch] for ch in doc] + [self.BOS]

    def decode(self, ids):
        return ''.join(self.uchars[i] for i in ids)


# ----------------------------------------------------------------------------------------------
# micrograd-style scalar autograd

class Value:
    """A scalar that records its children and the local derivative with respect to each.

    Primitives: +, *, ** (number exponent), log, exp, relu. Everything else is built from them:
    -a = a * -1; a - b = a + (-b); a / b = a * b ** -1; a number operand c becomes the leaf
    Value(c) before the primitive; c + a and c * a (number on the left) become a + Value(c) and
    a * Value(c), i.e. the number is the SECOND child.
    """

    __slots__ = ('data', 'grad', '_children', '_local_grads')

    def __init__(self, data, children=(), local_grads=()):
        self.data = data
        self.grad = 0
        self._children = children
        self._local_grads = local_grads

    # -- primitives --------------------------------------------------------------------------
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1, 1))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    def __pow__(self, other):
        assert isinstance(other, (int, float)), 'only number exponents'
        return Value(self.data ** other, (self,), (other * self.data ** (other - 1),))

    def log(self):
        return Value(math.log(self.data), (self,), (1 / self.data,))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, (self,), (e,))

    def relu(self):
        return Value(self.data if self.data > 0 else 0.0, (self,), (float(self.data > 0),))

    # -- compound operations -----------------------------------------------------------------
    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return other * self ** -1

    def __repr__(self):
        return f'Value(data={self.data!r}, grad={self.grad!r})'

    # -- reverse mode --------------------------------------------------------------------------
    def backward(self):
        """Topological order by DFS post-order (children in recording order, each node once,
        identity-based visited set), then child.grad += local_grad * node.grad in reverse order.

        The DFS is iterative (explicit stack) but yields exactly the post-order of the
        recursive version:
            def build(v):
                if v not in visited:
                    visited.add(v)
                    for c in v._children: build(c)
                    topo.append(v)
        """
        topo = []
        visited = {self}
        stack = [self]
        next_child = [0]
        while stack:
            node = stack[-1]
            i = next_child[-1]
            children = node._children
            if i < len(children):
                next_child[-1] = i + 1
                child = children[i]
                if child not in visited:
                    visited.add(child)
                    stack.append(child)
                    next_child.append(0)
            else:
                stack.pop()
                next_child.pop()
                topo.append(node)
        self.grad = 1
        for node in reversed(topo):
            g = node.grad
            for child, local_grad in zip(node._children, node._local_grads):
                child.grad += local_grad * g


# ----------------------------------------------------------------------------------------------
# model helpers (Value versions)

def matrix(rng, nout, nin, std=0.08, wrap=True):
    """nout rows of nin gauss(0, std) draws, row by row."""
    if wrap:
        return [[Value(rng.gauss(0, std)) for _ in range(nin)] for _ in range(nout)]
    return [[rng.gauss(0, std) for _ in range(nin)] for _ in range(nout)]


def linear(x, w):
    """y[i] = sum(w[i][j] * x[j]), the weight is the LEFT operand."""
    return [sum(w_row[j] * x[j] for j in range(len(x))) for w_row in w]


def softmax(logits):
    m = max(v.data for v in logits)
    exps = [(v - m).exp() for v in logits]
    total = sum(exps)
    return [e / total for e in exps]


def rmsnorm(x):
    ms = sum(xi * xi for xi in x) / len(x)
    scale = (ms + 1e-5) ** -0.5
    return [xi * scale for xi in x]


# ----------------------------------------------------------------------------------------------
# float helpers (Steps 0 and 1)

def softmax_floats(logits):
    m = max(logits)
    exps = [math.exp(l - m) for l in logits]
    total = sum(exps)
    return [e / total for e in exps]


# ----------------------------------------------------------------------------------------------
# printing

def print_header(num_docs, vocab_size, num_params=None):
    print(f'num docs: {num_docs}')
    print(f'vocab size: {vocab_size}')
    if num_params is not None:
        print(f'num params: {num_params}')


def print_step(s, num_steps, loss):
    print(f'step {s + 1:4d} / {num_steps:4d} | loss {loss:.4f}')


def print_inference_header():
    print()
    print('--- inference (new, hallucinated names) ---')


def print_sample(i, name):
    print(f'sample {i + 1:2d}: {name}')


class LossWriter:
    """Collects losses and writes them, one per line as '%.17g', if a path was given."""

    def __init__(self, path):
        self.path = path
        self.losses = []

    def add(self, loss):
        self.losses.append(loss)

    def close(self):
        if self.path:
            with open(self.path, 'w', encoding='utf-8') as f:
                for loss in self.losses:
                    f.write('%.17g\n' % loss)


def run_main(main):
    """Run main(), report wall-clock seconds on stderr (stdout stays the exact golden log)."""
    t0 = time.perf_counter()
    main()
    sys.stdout.flush()
    print(f'elapsed: {time.perf_counter() - t0:.2f} s', file=sys.stderr)
