using System.Numerics;
using System.Numerics.Tensors;

namespace Basin.Dynamics;

/// <summary>Retirement of settled rows from a batched integration (shared by the fixed-step and adaptive solvers).</summary>
internal static class SettledRows
{
    /// <summary>
    /// Retires the rows whose velocity ‖F(x)‖∞ (in <paramref name="velocity"/>, stage 0 of the next step) is below
    /// <paramref name="tol"/>: their state goes to row <c>rows[r]</c> of <paramref name="xT"/> and the last active row takes
    /// their place in <paramref name="x"/>, <paramref name="velocity"/> and <paramref name="rows"/>. Returns the rows left.
    /// </summary>
    public static int Retire<T>(Span<T> x, Span<T> velocity, int active, int n, int[] rows, Span<T> xT, T tol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = active - 1; r >= 0; r--)
        {
            if (T.Abs(TensorPrimitives.MaxMagnitude<T>(velocity.Slice(r * n, n))) >= tol) continue;
            x.Slice(r * n, n).CopyTo(xT.Slice(rows[r] * n, n));
            int last = active - 1;
            if (r != last)
            {
                x.Slice(last * n, n).CopyTo(x.Slice(r * n, n));
                velocity.Slice(last * n, n).CopyTo(velocity.Slice(r * n, n));
                rows[r] = rows[last];
            }
            active--;
        }
        return active;
    }
}
