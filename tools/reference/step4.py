"""Step 4 -- multi-head transformer (4 heads of 4 dims, a loop over 1 layer), SGD lr 0.1.

See /work/shared/spec/steps.md. step5.py reuses this model with Adam.
"""

import random

import common
from common import linear, rmsnorm, softmax

N_EMBD = 16
BLOCK_SIZE = 16
N_HEAD = 4
HEAD_DIM = N_EMBD // N_HEAD
N_LAYER = 1


class GPT:
    def __init__(self, rng, vocab_size):
        # initialisation order (row by row): wte, wpe, lm_head, then for each layer
        # attn_wq, attn_wk, attn_wv, attn_wo, mlp_fc1, mlp_fc2
        shapes = [('wte', vocab_size, N_EMBD), ('wpe', BLOCK_SIZE, N_EMBD),
                  ('lm_head', vocab_size, N_EMBD)]
        for li in range(N_LAYER):
            shapes += [(f'layer{li}.attn_wq', N_EMBD, N_EMBD), (f'layer{li}.attn_wk', N_EMBD, N_EMBD),
                       (f'layer{li}.attn_wv', N_EMBD, N_EMBD), (f'layer{li}.attn_wo', N_EMBD, N_EMBD),
                       (f'layer{li}.mlp_fc1', 4 * N_EMBD, N_EMBD),
                       (f'layer{li}.mlp_fc2', N_EMBD, 4 * N_EMBD)]
        self.sd = {name: common.matrix(rng, nout, nin) for name, nout, nin in shapes}
        self.params = [p for mat in self.sd.values() for row in mat for p in row]

    def new_cache(self):
        return [[] for _ in range(N_LAYER)], [[] for _ in range(N_LAYER)]

    def __call__(self, token, pos, keys, values):
        sd = self.sd
        x = [t + p for t, p in zip(sd['wte'][token], sd['wpe'][pos])]
        x = rmsnorm(x)
        for li in range(N_LAYER):
            # attention
            x_res = x
            x = rmsnorm(x)
            q = linear(x, sd[f'layer{li}.attn_wq'])
            k = linear(x, sd[f'layer{li}.attn_wk'])
            v = linear(x, sd[f'layer{li}.attn_wv'])
            keys[li].append(k)
            values[li].append(v)
            x_attn = []
            for h in range(N_HEAD):
                hs = h * HEAD_DIM
                q_h = q[hs:hs + HEAD_DIM]
                k_h = [k_t[hs:hs + HEAD_DIM] for k_t in keys[li]]
                v_h = [v_t[hs:hs + HEAD_DIM] for v_t in values[li]]
                logits = [sum(q_h[j] * k_h[t][j] for j in range(HEAD_DIM)) / HEAD_DIM ** 0.5
                          for t in range(len(k_h))]
                w = softmax(logits)
                x_attn.extend(sum(w[t] * v_h[t][j] for t in range(len(v_h)))
                              for j in range(HEAD_DIM))
            x = linear(x_attn, sd[f'layer{li}.attn_wo'])
            x = [a + b for a, b in zip(x, x_res)]
            # MLP
            x_res = x
            x = rmsnorm(x)
            x = linear(x, sd[f'layer{li}.mlp_fc1'])
            x = [xi.relu() for xi in x]
            x = linear(x, sd[f'layer{li}.mlp_fc2'])
            x = [a + b for a, b in zip(x, x_res)]
        return linear(x, sd['lm_head'])


def sgd(lr):
    def update(params, s, num_steps):
        lr_t = lr * (1 - s / num_steps)
        for p in params:
            p.data -= lr_t * p.grad
            p.grad = 0
    return update


def run(args, update):
    rng = random.Random(args.seed)
    docs = common.load_docs(args.data, rng)
    tok = common.Tokenizer(docs)
    V, BOS = tok.vocab_size, tok.BOS
    model = GPT(rng, V)
    common.print_header(len(docs), V, len(model.params))

    num_steps = args.steps
    writer = common.LossWriter(args.losses_out)
    for s in range(num_steps):
        tokens = tok.encode(docs[s % len(docs)])
        n = min(BLOCK_SIZE, len(tokens) - 1)
        keys, values = model.new_cache()
        losses = []
        for pos in range(n):
            probs = softmax(model(tokens[pos], pos, keys, values))
            losses.append(-(probs[tokens[pos + 1]].log()))
        loss = (1 / n) * sum(losses)
        loss.backward()
        update(model.params, s, num_steps)
        writer.add(loss.data)
        common.print_step(s, num_steps, loss.data)
    writer.close()

    common.print_inference_header()
    temperature = 0.5
    for i in range(20):
        keys, values = model.new_cache()
        t = BOS
        out = []
        for pos in range(BLOCK_SIZE):
            logits = model(t, pos, keys, values)
            probs = softmax([l / temperature for l in logits])
            t = rng.choices(range(V), weights=[p.data for p in probs])[0]
            if t == BOS:
                break
            out.append(t)
        common.print_sample(i, tok.decode(out))


def main():
    run(common.parse_args(__doc__), sgd(0.1))


if __name__ == '__main__':
    common.run_main(main)
