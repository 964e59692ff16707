"""Test vectors for a CPython-compatible reimplementation of random.Random (MT19937).

Writes engine/src/test/resources/reference/random_vectors.json (path overridable with --out).
Every sequence of every seed starts from a FRESH random.Random(seed); see the "about" key.
"""

import argparse
import json
import os
import platform
import random
import sys

import common

SEEDS = [42, 0, 1, -7, 2 ** 32, 2 ** 64 + 5, 12345678901234567890, -(2 ** 70)]
GETRANDBITS_K = [1, 7, 15, 31, 32]
SHUFFLE_N = [1, 2, 10, 100]
RANDBELOW_N = [1, 2, 3, 1000, 2 ** 31, 2 ** 32 - 1]
WEIGHTS_5 = [0.1, 0.2, 0.3, 0.25, 0.15]
# 27 weights with zeros (first, inner and last), as a softmax would give
WEIGHTS_27 = [0.0, 0.05, 0.01, 0.2, 1e-09, 0.0, 0.031, 0.0007, 0.12, 0.0, 0.002, 0.04, 0.06, 0.013,
              0.09, 0.0, 0.005, 0.0001, 0.07, 0.033, 0.011, 0.0, 0.1, 0.025, 0.004, 0.001, 0.0]

ABOUT = {
    'description': 'Outputs of CPython random.Random for unit tests of a Java reimplementation.',
    'fresh_generator': 'Every list below is produced by a NEW random.Random(seed) (re-seeded per '
                       'list), never a continuation of another list.',
    'structure': {
        'python': 'version of the CPython that produced the file',
        'weights_5': 'weights of the choices5 lists',
        'weights_27': 'weights of the choices27 lists (exact doubles; hex in weights_27_hex)',
        'seeds[]': {
            'seed': 'the seed as a decimal string (may exceed 64 bits, may be negative)',
            'key': 'init_by_array key: abs(seed) split into 32-bit words, least significant first',
            'random_hex / random_repr': 'first 200 random() values as float.hex() and repr()',
            'getrandbits': '{"k": [50 values of getrandbits(k)]} for k in 1, 7, 15, 31, 32',
            'shuffle': '{"n": list after shuffle(list(range(n)))} for n in 1, 2, 10, 100',
            'gauss_hex / gauss_repr': '101 consecutive gauss(0, 0.08) values (odd length: the '
                                      'last one is a fresh pair whose cached partner is unused)',
            'choices5': "100 x choices(range(5), weights=weights_5)[0]",
            'choices27': "100 x choices(range(27), weights=weights_27)[0]",
            'randbelow': '{"n": [30 values of _randbelow(n)]} for n in 1, 2, 3, 1000, 2**31, '
                         '2**32-1 (n as a decimal string; _randbelow_with_getrandbits: '
                         'k = n.bit_length(), getrandbits(k) until < n)',
        },
    },
}


def fresh(seed):
    return random.Random(seed)


def key_words(seed):
    a = abs(seed)
    words = []
    while True:
        words.append(a & 0xFFFFFFFF)
        a >>= 32
        if a == 0:
            break
    return words


def vectors(seed):
    out = {'seed': str(seed), 'key': key_words(seed)}
    r = fresh(seed)
    rs = [r.random() for _ in range(200)]
    out['random_hex'] = [x.hex() for x in rs]
    out['random_repr'] = [repr(x) for x in rs]
    out['getrandbits'] = {}
    for k in GETRANDBITS_K:
        r = fresh(seed)
        out['getrandbits'][str(k)] = [r.getrandbits(k) for _ in range(50)]
    out['shuffle'] = {}
    for n in SHUFFLE_N:
        r = fresh(seed)
        xs = list(range(n))
        r.shuffle(xs)
        out['shuffle'][str(n)] = xs
    r = fresh(seed)
    gs = [r.gauss(0, 0.08) for _ in range(101)]
    out['gauss_hex'] = [x.hex() for x in gs]
    out['gauss_repr'] = [repr(x) for x in gs]
    r = fresh(seed)
    out['choices5'] = [r.choices(range(5), weights=WEIGHTS_5)[0] for _ in range(100)]
    r = fresh(seed)
    out['choices27'] = [r.choices(range(27), weights=WEIGHTS_27)[0] for _ in range(100)]
    out['randbelow'] = {}
    for n in RANDBELOW_N:
        r = fresh(seed)
        out['randbelow'][str(n)] = [r._randbelow(n) for _ in range(30)]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--out', default=os.path.join(
        common.REPO_ROOT, 'engine', 'src', 'test', 'resources', 'reference', 'random_vectors.json'))
    args = ap.parse_args()
    doc = {
        'about': ABOUT,
        'python': f'{platform.python_implementation()} {platform.python_version()}',
        'weights_5': WEIGHTS_5,
        'weights_27': WEIGHTS_27,
        'weights_27_hex': [w.hex() for w in WEIGHTS_27],
        'seeds': [vectors(s) for s in SEEDS],
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    print(f'wrote {args.out}', file=sys.stderr)


if __name__ == '__main__':
    main()
