"""Step 3 -- attention, one layer, one head of 16 dims, SGD lr 0.1. See /work/shared/spec/steps.md."""

import random

import common
from common import linear, rmsnorm, softmax

N_EMBD = 16
BLOCK_SIZE = 16
HEAD_DIM = 16


def main():
    args = common.parse_args(__doc__)
    rng = random.Random(args.seed)
    docs = common.load_docs(args.data, rng)
    tok = common.Tokenizer(docs)
    V, BOS = tok.vocab_size, tok.BOS

    # initialisation order (row by row): wte, wpe, lm_head, attn_wq, attn_wk, attn_wv, attn_wo,
    # mlp_fc1, mlp_fc2
    sd = {}
    for name, nout, nin in [('wte', V, N_EMBD), ('wpe', BLOCK_SIZE, N_EMBD), ('lm_head', V, N_EMBD),
                            ('attn_wq', N_EMBD, N_EMBD), ('attn_wk', N_EMBD, N_EMBD),
                            ('attn_wv', N_EMBD, N_EMBD), ('attn_wo', N_EMBD, N_EMBD),
                            ('mlp_fc1', 4 * N_EMBD, N_EMBD), ('mlp_fc2', N_EMBD, 4 * N_EMBD)]:
        sd[name] = common.matrix(rng, nout, nin)
    params = [p for mat in sd.values() for row in mat for p in row]
    common.print_header(len(docs), V, len(params))

    def gpt(token, pos, keys, values):
        x = [t + p for t, p in zip(sd['wte'][token], sd['wpe'][pos])]
        x = rmsnorm(x)
        # attention
        x_res = x
        x = rmsnorm(x)
        q = linear(x, sd['attn_wq'])
        k = linear(x, sd['attn_wk'])
        v = linear(x, sd['attn_wv'])
        keys.append(k)
        values.append(v)
        logits = [sum(q[j] * k_t[j] for j in range(HEAD_DIM)) / HEAD_DIM ** 0.5 for k_t in keys]
        w = softmax(logits)
        out = [sum(w[t] * values[t][j] for t in range(len(values))) for j in range(HEAD_DIM)]
        x = linear(out, sd['attn_wo'])
        x = [a + b for a, b in zip(x, x_res)]
        # MLP
        x_res = x
        x = rmsnorm(x)
        x = linear(x, sd['mlp_fc1'])
        x = [xi.relu() for xi in x]
        x = linear(x, sd['mlp_fc2'])
        x = [a + b for a, b in zip(x, x_res)]
        return linear(x, sd['lm_head'])

    num_steps = args.steps
    lr = 0.1
    writer = common.LossWriter(args.losses_out)
    for s in range(num_steps):
        tokens = tok.encode(docs[s % len(docs)])
        n = min(BLOCK_SIZE, len(tokens) - 1)
        keys, values = [], []
        losses = []
        for pos in range(n):
            probs = softmax(gpt(tokens[pos], pos, keys, values))
            losses.append(-(probs[tokens[pos + 1]].log()))
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
    for i in range(20):
        keys, values = [], []
        t = BOS
        out = []
        for pos in range(BLOCK_SIZE):
            logits = gpt(t, pos, keys, values)
            probs = softmax([l / temperature for l in logits])
            t = rng.choices(range(V), weights=[p.data for p in probs])[0]
            if t == BOS:
                break
            out.append(t)
        common.print_sample(i, tok.decode(out))


if __name__ == '__main__':
    common.run_main(main)
