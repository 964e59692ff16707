"""Step 0 -- counting bigrams (no parameters). See /work/shared/spec/steps.md."""

import math
import random

import common


def main():
    args = common.parse_args(__doc__, extra=lambda ap: ap.add_argument(
        '--ava', action='store_true',
        help='after 100 training steps also print the probabilities of the pairs of "ava"'))
    rng = random.Random(args.seed)
    docs = common.load_docs(args.data, rng)
    tok = common.Tokenizer(docs)
    V, BOS = tok.vocab_size, tok.BOS
    common.print_header(len(docs), V)

    counts = [[0] * V for _ in range(V)]

    def bigram(t):
        total = sum(counts[t]) + V
        return [(counts[t][j] + 1) / total for j in range(V)]

    num_steps = args.steps
    writer = common.LossWriter(args.losses_out)
    for s in range(num_steps):
        tokens = tok.encode(docs[s % len(docs)])
        n = len(tokens) - 1
        loss = sum(-math.log(bigram(tokens[i])[tokens[i + 1]]) for i in range(n)) / n
        for i in range(n):
            counts[tokens[i]][tokens[i + 1]] += 1
        writer.add(loss)
        common.print_step(s, num_steps, loss)
        if args.ava and s + 1 == 100:
            a, v = tok.encode('av')[1:3]
            pairs = [('BOS', BOS, 'a', a), ('a', a, 'v', v), ('v', v, 'a', a), ('a', a, 'BOS', BOS)]
            ps = [bigram(t)[u] for _, t, _, u in pairs]
            mean = sum(-math.log(p) for p in ps) / len(ps)
            print('"ava" after 100 steps: '
                  + ', '.join(f'p({nu}|{nt}) {p:.3f}' for (nt, _, nu, _), p in zip(pairs, ps))
                  + f' -> mean loss {mean:.2f}')
            print('  full precision: ' + ', '.join(repr(p) for p in ps) + f' -> {mean!r}')
    writer.close()

    common.print_inference_header()
    block_size = 16
    for i in range(20):
        t = BOS
        out = []
        for _ in range(block_size):
            t = rng.choices(range(V), weights=bigram(t))[0]
            if t == BOS:
                break
            out.append(t)
        common.print_sample(i, tok.decode(out))


if __name__ == '__main__':
    common.run_main(main)
