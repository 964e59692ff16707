"""Step 1 -- the MLP trained by hand-derived gradients, plain floats (no Value).

See /work/shared/spec/steps.md. Also imported by gradcheck.py (model, loss, analytic and
numerical gradients).
"""

import math
import random

import common

N_EMBD = 16
N_HIDDEN = 64


class Model:
    def __init__(self, rng, vocab_size):
        self.vocab_size = vocab_size
        # initialisation order: wte, mlp_fc1, mlp_fc2 (row by row)
        self.wte = common.matrix(rng, vocab_size, N_EMBD, wrap=False)
        self.fc1 = common.matrix(rng, N_HIDDEN, N_EMBD, wrap=False)
        self.fc2 = common.matrix(rng, vocab_size, N_HIDDEN, wrap=False)
        self.matrices = [self.wte, self.fc1, self.fc2]

    def num_params(self):
        return sum(len(m) * len(m[0]) for m in self.matrices)

    def mlp(self, t):
        """Returns x, hpre, h, logits for input token t."""
        x = list(self.wte[t])
        hpre = [sum(row[j] * x[j] for j in range(len(x))) for row in self.fc1]
        h = [hk if hk > 0 else 0.0 for hk in hpre]
        logits = [sum(row[k] * h[k] for k in range(len(h))) for row in self.fc2]
        return x, hpre, h, logits

    def loss(self, tokens):
        n = len(tokens) - 1
        losses = []
        for i in range(n):
            _, _, _, logits = self.mlp(tokens[i])
            probs = common.softmax_floats(logits)
            losses.append(-math.log(probs[tokens[i + 1]]))
        return (1 / n) * sum(losses)

    def loss_and_grad(self, tokens):
        """Forward and analytic backward. Returns (loss, [d_wte, d_fc1, d_fc2])."""
        V = self.vocab_size
        n = len(tokens) - 1
        d_wte = [[0.0] * N_EMBD for _ in range(V)]
        d_fc1 = [[0.0] * N_EMBD for _ in range(N_HIDDEN)]
        d_fc2 = [[0.0] * N_HIDDEN for _ in range(V)]
        losses = []
        for i in range(n):
            t, target = tokens[i], tokens[i + 1]
            x, hpre, h, logits = self.mlp(t)
            probs = common.softmax_floats(logits)
            losses.append(-math.log(probs[target]))
            # backward
            dlogits = [(probs[c] - (1.0 if c == target else 0.0)) / n for c in range(V)]
            for c in range(V):
                row = d_fc2[c]
                for k in range(N_HIDDEN):
                    row[k] += dlogits[c] * h[k]
            dh = [sum(self.fc2[c][k] * dlogits[c] for c in range(V)) for k in range(N_HIDDEN)]
            dhpre = [dh[k] if hpre[k] > 0 else 0.0 for k in range(N_HIDDEN)]
            for k in range(N_HIDDEN):
                row = d_fc1[k]
                for j in range(N_EMBD):
                    row[j] += dhpre[k] * x[j]
            dx = [sum(self.fc1[k][j] * dhpre[k] for k in range(N_HIDDEN)) for j in range(N_EMBD)]
            row = d_wte[t]
            for j in range(N_EMBD):
                row[j] += dx[j]
        loss = (1 / n) * sum(losses)
        return loss, [d_wte, d_fc1, d_fc2]

    def numerical_grad(self, tokens, eps=1e-5):
        """Forward differences, parameter by parameter (wte, fc1, fc2, row by row).
        Returns (loss at the unperturbed parameters, grads)."""
        l0 = self.loss(tokens)
        grads = []
        for mat in self.matrices:
            g_mat = []
            for row in mat:
                g_row = []
                for j in range(len(row)):
                    old = row[j]
                    row[j] = old + eps
                    lp = self.loss(tokens)
                    row[j] = old
                    g_row.append((lp - l0) / eps)
                g_mat.append(g_row)
            grads.append(g_mat)
        return l0, grads

    def sgd(self, grads, lr_t):
        for mat, g_mat in zip(self.matrices, grads):
            for row, g_row in zip(mat, g_mat):
                for j in range(len(row)):
                    row[j] -= lr_t * g_row[j]


def setup(args):
    rng = random.Random(args.seed)
    docs = common.load_docs(args.data, rng)
    tok = common.Tokenizer(docs)
    model = Model(rng, tok.vocab_size)
    return rng, docs, tok, model


def main():
    args = common.parse_args(__doc__)
    rng, docs, tok, model = setup(args)
    common.print_header(len(docs), tok.vocab_size, model.num_params())

    num_steps = args.steps
    lr = 1.0
    writer = common.LossWriter(args.losses_out)
    for s in range(num_steps):
        tokens = tok.encode(docs[s % len(docs)])
        loss, grads = model.loss_and_grad(tokens)
        lr_t = lr * (1 - s / num_steps)
        model.sgd(grads, lr_t)
        writer.add(loss)
        common.print_step(s, num_steps, loss)
    writer.close()

    common.print_inference_header()
    temperature = 0.5
    block_size = 16
    V, BOS = tok.vocab_size, tok.BOS
    for i in range(20):
        t = BOS
        out = []
        for _ in range(block_size):
            _, _, _, logits = model.mlp(t)
            probs = common.softmax_floats([l / temperature for l in logits])
            t = rng.choices(range(V), weights=probs)[0]
            if t == BOS:
                break
            out.append(t)
        common.print_sample(i, tok.decode(out))


if __name__ == '__main__':
    common.run_main(main)
