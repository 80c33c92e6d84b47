#!/usr/bin/env python3
"""The SA-nODE training step (Marino et al. 2024) written in PyTorch, as the yardstick for `basin bench sanode`.

Same model and work as Basin's: N nodes, spectral coupling A = Phi diag(lambda_eff, 0) Phi^-1 rebuilt every batch,
STEPS Euler steps of dt = 0.1 with clipping to +-10a, MSE to the attractor targets plus the column-orthogonality penalty
on Phi_train (Keras' OrthogonalRegularizer, mode "columns", factor 0.01, as the reference code and Basin use), backward,
one Adam step.
Prints one JSON object: ms_per_batch (median of timed batches), gflops (same FLOP count formula as Basin), torch version,
threads (torch's intra-op threads: --threads, or torch's default with --threads 0) and blas_threads (the OpenBLAS pool its matrix products run on, which by
default uses every core whatever --threads says; null when torch was built on another BLAS).
Run with Debian's interpreter: /usr/bin/python3 bench/torch/sanode_step.py --threads 2
"""
import argparse, ctypes, json, math, re, statistics, sys, time

try:
    import torch
except ImportError:
    print(json.dumps({"skipped": "python3-torch is not installed (Debian: apt-get install python3-torch)"}))
    sys.exit(0)


def blas_threads():
    """Threads of the BLAS that torch loaded (OpenBLAS runs its own pool beside torch's intra-op threads), or None."""
    try:
        libs = sorted(set(re.findall(r"(/\S*openblas\S*\.so\S*)", open("/proc/self/maps").read())))
        for lib in libs:
            try:
                return int(ctypes.CDLL(lib).openblas_get_num_threads())
            except (OSError, AttributeError):
                continue
    except OSError:
        pass
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=784)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--batch", type=int, default=250)
    p.add_argument("--steps", type=int, default=55)
    p.add_argument("--threads", type=int, default=2, help="torch intra-op threads; 0 keeps torch's own default")
    p.add_argument("--repeats", type=int, default=6)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    n, k, b, steps, dt, aa = a.n, a.k, a.batch, a.steps, 0.1, 0.5
    beta = 1.0 / math.sqrt(n)
    blk = n // (k + 2)
    pats = torch.full((k, n), aa)
    for c in range(k):
        pats[c, c * blk:(c + 1) * blk] = -aa
    phi_fix, _ = torch.linalg.qr(pats.T)
    phi_train = torch.nn.Parameter(torch.nn.init.orthogonal_(torch.empty(n, n - k), gain=1.15))
    lam = torch.nn.Parameter(torch.randn(n - k) - 5.0)
    gamma = torch.nn.Parameter(torch.tensor(0.4))
    opt = torch.optim.Adam([phi_train, lam, gamma], lr=1e-3)
    x0 = torch.rand(b, n)
    y = pats[torch.randint(0, k, (b,))]

    def orthogonality_penalty(w, factor=0.01):
        c = w / w.norm(dim=0, keepdim=True).clamp_min(1e-15)
        g = c.T @ c
        m = g.shape[0]
        return factor * (g - torch.diag(torch.diagonal(g))).abs().sum() / (m * (m - 1))

    def step():
        opt.zero_grad()
        phi = torch.cat([phi_train, phi_fix], dim=1)
        lmax = 8 * aa * aa * gamma.abs() / beta - 0.1
        d = torch.cat([torch.minimum(lam, lmax), torch.zeros(k)])
        A = (phi * d) @ torch.linalg.inv(phi)
        x = x0
        g4 = 4 * gamma.abs()
        for _ in range(steps):
            x = torch.clamp(x + dt * (g4 * x * (aa * aa - x * x) + beta * (x @ A.T)), -10 * aa, 10 * aa)
        loss = torch.mean((x - y) ** 2) + orthogonality_penalty(phi_train)
        loss.backward()
        opt.step()

    for _ in range(3):   # the same untimed warm-up steps as Basin's side (allocator and caches settle)
        step()
    times = []
    for _ in range(a.repeats):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    ms = statistics.median(times) * 1e3
    flops = 6.0 * b * n * n * steps + 10.0 * n ** 3
    print(json.dumps({"provider": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "blas_threads": blas_threads(), "ms_per_batch": ms,
                      "gflops": flops / (ms * 1e-3) / 1e9, "batch": b, "steps": steps, "n": n, "dtype": "f32"}))


if __name__ == "__main__":
    main()
