"""Step 2 -- the Step 1 MLP with autograd (every parameter a Value). See /work/shared/spec/steps.md."""

import random

import common
from common import Value, linear, softmax

N_EMBD = 16
N_HIDDEN = 64


def main():
    args = common.parse_args(__doc__)
    rng = random.Random(args.seed)
    docs = common.load_docs(args.data, rng)
    tok = common.Tokenizer(docs)
    V, BOS = tok.vocab_size, tok.BOS

    # initialisation order: wte, mlp_fc1, mlp_fc2 (row by row)
    wte = common.matrix(rng, V, N_EMBD)
    fc1 = common.matrix(rng, N_HIDDEN, N_EMBD)
    fc2 = common.matrix(rng, V, N_HIDDEN)
    params = [p for mat in (wte, fc1, fc2) for row in mat for p in row]
    common.print_header(len(docs), V, len(params))

    def mlp(t):
        x = wte[t]
        h = [xi.relu() for xi in linear(x, fc1)]
        return linear(h, fc2)

    num_steps = args.steps
    lr = 1.0
    writer = common.LossWriter(args.losses_out)
    for s in range(num_steps):
        tokens = tok.encode(docs[s % len(docs)])
        n = len(tokens) - 1
        losses = []
        for i in range(n):
            probs = softmax(mlp(tokens[i]))
            losses.append(-(probs[tokens[i + 1]].log()))
        loss = (1 / n) * sum(losses)
        loss.backward()
        lr_t = lr * (1 - s / num_steps)
        for p in params:
            p.data -= lr_t * p.grad
            p.grad = 0
        writer.add(loss.data)
        common.print_step(s, num_steps, loss.data)
    writer.close()

    common.print_inference_header()
    temperature = 0.5
    block_size = 16
    for i in range(20):
        t = BOS
        out = []
        for _ in range(block_size):
            probs = softmax([l / temperature for l in mlp(t)])
            t = rng.choices(range(V), weights=[p.data for p in probs])[0]
            if t == BOS:
                break
            out.append(t)
        common.print_sample(i, tok.decode(out))


if __name__ == '__main__':
    common.run_main(main)
