"""Argument/result pairs of the C library functions CPython calls during training.

Writes engine/src/test/resources/reference/math_vectors.json (path overridable with --out).
Results are what CPython computes: math.exp, math.log, math.sin, math.cos, math.sqrt and the
float ** operator (C pow after CPython's own special cases). See the "about" key.
"""

import argparse
import json
import math
import os
import platform
import re
import random
import sys

import common

SAMPLES = 12000          # sampled arguments per function / per pow exponent
ARG_SEED = 20240101      # seed of the generator of the sampled arguments (any fixed value)
POW_Y = [-1, -2, -0.5, -1.5, 0.5, 2]
POW_INT_BASES = [0.85, 0.99, 0.9, 0.999]
TWOPI = 2.0 * math.pi

ABOUT = {
    'description': 'Arguments and results (float.hex strings) of exp, log, pow, sin, cos, sqrt '
                   'as computed by CPython on the machine that generated the file.',
    'encoding': "Every double is float.hex(): '0x1.8p+1', '-0x0.0p+0', 'inf', '-inf', 'nan'. "
                "Arguments whose Python call raises (domain errors such as log(0), sqrt(-1), "
                "0.0 ** -1, or OverflowError such as exp(710)) are left out, and so are negative ** fractional (a complex number in Python 3).",
    'structure': {
        'exp|log|sin|cos|sqrt': '{"sampled": [[x, f(x)], ...], "edge": [[x, f(x)], ...]}',
        'pow': '{"<y repr>": {"y": y hex, "sampled": [[x, x ** y], ...], "edge": [...]}} for y in '
               '-1, -2, -0.5, -1.5, 0.5, 2 (Python float ** float)',
        'pow_int': '{"<b repr>": {"b": b hex, "results": [[k, b ** k], ...]}} for k = 1..1000 '
                   '(Python float ** int, as in the Adam bias corrections beta ** (s + 1))',
    },
    'sampled_arguments': {
        'generator': f'random.Random({ARG_SEED})',
        'exp': 'x = -30 + 35 * random(): uniform in [-30, 5] (softmax exponents)',
        'log': 'half log-uniform in (1e-8, 1]: x = 1e-8 ** random() (probabilities); half near 1: '
               'x = 1 - random() * 2.0 ** -k, k uniform in 1..52 (gauss: log(1 - random()))',
        'pow': 'log-uniform in (1e-6, 100]: x = exp(log(1e-6) + (log(100) - log(1e-6)) * u) with '
               'u = 1 - random(); for y = 2 and y = 0.5 every fourth argument is instead '
               'log-uniform in (1e-24, 1e-6] (Adam: g ** 2 and v_hat ** 0.5 of tiny values)',
        'sin|cos': 'x = random() * 2pi (as in gauss)',
        'sqrt': 'x = -2.0 * log(1.0 - random()) (as in gauss)',
    },
    'edge_arguments': '0, -0, 1, -1, subnormals, the smallest and largest normal, powers of two, '
                      'values within 8 ulps of 1, 0.5 and 2, inf, nan, plus function-specific '
                      'cases (overflow/underflow thresholds of exp, multiples of pi/2 for sin and '
                      'cos, small integers for pow).',
}


def h(x):
    return float.hex(x)


def ulps_around(x, n=8):
    out = [x]
    up = down = x
    for _ in range(n):
        up = math.nextafter(up, math.inf)
        down = math.nextafter(down, -math.inf)
        out += [up, down]
    return out


def generic_edges():
    xs = [0.0, -0.0, 1.0, -1.0, math.inf, -math.inf, math.nan]
    xs += [5e-324, 1e-323, 2.5e-323, 2.0 ** -1060, 2.0 ** -1040, 2.0 ** -1023, 1.5 * 2.0 ** -1030,
           math.nextafter(2.0 ** -1022, 0.0), 2.0 ** -1022, math.nextafter(2.0 ** -1022, 1.0),
           1.7976931348623157e308, 1e308, 1e300, 1e200, 1e100, 1e22, 1e-100, 1e-200, 1e-300]
    xs += [2.0 ** k for k in range(-1074, 1024, 13)]
    xs += [2.0 ** k for k in range(-40, 41)]
    xs += [-(2.0 ** k) for k in range(-10, 11)]
    xs += ulps_around(1.0) + ulps_around(0.5) + ulps_around(2.0)
    xs += [0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.7, 0.9, 1e-5, 1e-8, 3.0, 10.0, 27.0, 100.0, math.pi, math.e]
    return xs


def pairs(f, xs):
    out = []
    seen = set()
    for x in xs:
        key = h(x)
        if key in seen:
            continue
        seen.add(key)
        try:
            y = f(x)
        except (ValueError, OverflowError, ZeroDivisionError):
            continue
        if isinstance(y, complex):  # negative ** fractional: complex in Python 3, never in training
            continue
        out.append([key, h(y)])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--out', default=os.path.join(
        common.REPO_ROOT, 'engine', 'src', 'test', 'resources', 'reference', 'math_vectors.json'))
    ap.add_argument('--samples', type=int, default=SAMPLES)
    args = ap.parse_args()
    N = args.samples
    r = random.Random(ARG_SEED)
    E = generic_edges()
    doc = {'about': ABOUT,
           'python': f'{platform.python_implementation()} {platform.python_version()}',
           'platform': platform.platform(), 'libc': ' '.join(platform.libc_ver())}

    # exp
    xs = [-30 + 35 * r.random() for _ in range(N)]
    exp_edges = E + [709.782712893384, 709.7827128933839, 709.78, 700.0, -700.0, -708.3964185322641,
                     -708.4, -720.0, -745.1332191019411, -745.1332191019412, -746.0, -1000.0,
                     1e-300, -1e-300, 2.0 ** -30, -(2.0 ** -30), 2.0 ** -53, -(2.0 ** -54),
                     math.log(2), -math.log(2), 10 * math.log(2), -30.0, 5.0, -15.0]
    exp_edges += ulps_around(0.0, 4)
    doc['exp'] = {'sampled': pairs(math.exp, xs), 'edge': pairs(math.exp, exp_edges)}

    # log
    xs = []
    for i in range(N):
        if i % 2 == 0:
            xs.append(1e-8 ** r.random())
        else:
            xs.append(1 - r.random() * 2.0 ** -r.randint(1, 52))
    log_edges = E + ulps_around(math.e) + [1e-8, 1e-16, 1 - 1e-16, 1 + 1e-15]
    doc['log'] = {'sampled': pairs(math.log, xs), 'edge': pairs(math.log, log_edges)}

    # pow, float exponents
    lo, hi = math.log(1e-6), math.log(100.0)
    tlo, thi = math.log(1e-24), math.log(1e-6)
    doc['pow'] = {}
    pow_edges = E + [float(i) for i in range(1, 65)] + [16.0 + 1e-5, 1e-5, 1.00001]
    for y in POW_Y:
        xs = []
        for i in range(N):
            u = 1 - r.random()
            if y in (2, 0.5) and i % 4 == 3:
                xs.append(math.exp(tlo + (thi - tlo) * u))
            else:
                xs.append(math.exp(lo + (hi - lo) * u))
        yf = float(y)
        f = lambda x, yf=yf: x ** yf
        doc['pow'][repr(y)] = {'y': h(yf), 'sampled': pairs(f, xs), 'edge': pairs(f, pow_edges)}

    # pow, integer exponents (float ** int)
    doc['pow_int'] = {}
    for b in POW_INT_BASES:
        doc['pow_int'][repr(b)] = {'b': h(b), 'results': [[k, h(b ** k)] for k in range(1, 1001)]}

    # sin, cos
    xs = [r.random() * TWOPI for _ in range(N)]
    trig_edges = E + [k * math.pi / 2 for k in range(-8, 9)] + [k * math.pi / 4 for k in range(1, 8)]
    trig_edges += ulps_around(math.pi, 4) + ulps_around(TWOPI, 4) + ulps_around(math.pi / 2, 4)
    trig_edges += [math.nextafter(TWOPI, 0.0), 1e6, 1e15, 2.0 ** 60, 1e300]
    doc['sin'] = {'sampled': pairs(math.sin, xs), 'edge': pairs(math.sin, trig_edges)}
    doc['cos'] = {'sampled': pairs(math.cos, xs), 'edge': pairs(math.cos, trig_edges)}

    # sqrt
    xs = [-2.0 * math.log(1.0 - r.random()) for _ in range(N)]
    doc['sqrt'] = {'sampled': pairs(math.sqrt, xs), 'edge': pairs(math.sqrt, E)}

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w', encoding='utf-8') as f:
        # compact: one [argument, result] pair per line
        text = json.dumps(doc, indent=1)
        text = re.sub(r'\[\s+("[^"]*"|\d+),\s+("[^"]*")\s+\]', r'[\1,\2]', text)
        f.write(text + '\n')
    print(f'wrote {args.out} ({os.path.getsize(args.out)} bytes)', file=sys.stderr)


if __name__ == '__main__':
    main()
