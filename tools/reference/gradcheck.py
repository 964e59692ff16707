"""Step 1 gradient check: numerical (forward differences, eps 1e-5) vs analytic gradient on one
name, at the initial parameters (right after the shuffle and the initialisation)."""

import common
import step1


def main():
    args = common.parse_args(__doc__, extra=lambda ap: ap.add_argument(
        '--name', default=None, help='name to check (default: docs[0] after the shuffle)'))
    _, docs, tok, model = step1.setup(args)
    name = args.name if args.name is not None else docs[0]
    tokens = tok.encode(name)
    eps = 1e-5
    l_num, g_num = model.numerical_grad(tokens, eps)
    l_ana, g_ana = model.loss_and_grad(tokens)
    diff = 0.0
    for m_num, m_ana in zip(g_num, g_ana):
        for r_num, r_ana in zip(m_num, m_ana):
            for a, b in zip(r_num, r_ana):
                diff = max(diff, abs(a - b))
    print(f'gradient check on "{name}" ({model.num_params()} parameters, eps {eps})')
    print(f'loss (numerical pass): {l_num!r}')
    print(f'loss (analytic pass):  {l_ana!r}')
    print(f'max |numerical - analytic|: {diff:.3e}')


if __name__ == '__main__':
    common.run_main(main)
