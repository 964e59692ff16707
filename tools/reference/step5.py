"""Step 5 -- the Step 4 transformer trained with Adam (Karpathy's microgpt).

See /work/shared/spec/steps.md.
"""

import common
import step4


def adam(lr=0.01, beta1=0.85, beta2=0.99, eps=1e-8):
    m = None
    v = None

    def update(params, s, num_steps):
        nonlocal m, v
        if m is None:
            m = [0.0] * len(params)
            v = [0.0] * len(params)
        lr_t = lr * (1 - s / num_steps)
        for i, p in enumerate(params):
            g = p.grad
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g ** 2
            m_hat = m[i] / (1 - beta1 ** (s + 1))
            v_hat = v[i] / (1 - beta2 ** (s + 1))
            p.data -= lr_t * m_hat / (v_hat ** 0.5 + eps)
            p.grad = 0
    return update


def main():
    step4.run(common.parse_args(__doc__), adam())


if __name__ == '__main__':
    common.run_main(main)
