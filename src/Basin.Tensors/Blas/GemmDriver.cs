using System.Numerics;
using Basin.Tensors.Blas.Kernels;

namespace Basin.Tensors.Blas;

/// <summary>
/// The BLIS loop nest around the micro-kernel <typeparamref name="TK"/> for one rectangle of C:
/// <code>
/// for jc in NC blocks of n:            pack op(B)[pc.., jc..] (kc×nc, NR panels)
///   for pc in KC blocks of k:          first block applies β, later blocks accumulate (β = 1)
///     for ic in MC blocks of m:        pack op(A)[ic.., pc..] (mc×kc, MR panels)
///       for jr in NR columns, ir in MR rows: micro-kernel on one MR×NR tile
/// </code>
/// The k blocking depends only on k, so every element of C is summed in the same order whatever rectangle
/// (and thread) computes it; edge tiles go through a scratch tile with the same element formula.
/// </summary>
internal static unsafe class GemmDriver<T, TK>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TK : IMicroKernel<T>
{
    /// <summary>Depth of each k block: k split into ⌈k/KC⌉ nearly equal blocks, rounded up to a multiple of 8.</summary>
    public static int KcBlock(int k)
    {
        int blocks = (k + TK.KC - 1) / TK.KC;
        int kc = (k + blocks - 1) / blocks;
        return Math.Min(TK.KC, (kc + 7) & ~7);
    }

    /// <summary>Bytes of workspace <see cref="Compute"/> needs on the calling thread.</summary>
    public static nint WorkspaceBytes(int k)
    {
        nint kc = KcBlock(k);
        return GemmWorkspace.Align(TK.MC * kc * sizeof(T))
             + GemmWorkspace.Align(TK.NC * kc * sizeof(T))
             + GemmWorkspace.Align(TK.MR * TK.NR * sizeof(T));
    }

    /// <summary>Computes rows [m0, m1) and columns [n0, n1) of C (m0 a multiple of MR, n0 of NR).</summary>
    public static void Compute(in GemmProblem<T> pr, int m0, int m1, int n0, int n1)
    {
        if (m1 <= m0 || n1 <= n0) return;
        int k = pr.K;
        int kcMax = KcBlock(k);
        byte* ws = GemmWorkspace.Current.Get(WorkspaceBytes(k));
        T* packA = (T*)ws;
        T* packB = (T*)(ws + GemmWorkspace.Align(TK.MC * kcMax * sizeof(T)));
        T* tile = (T*)((byte*)packB + GemmWorkspace.Align(TK.NC * kcMax * sizeof(T)));

        int mBlocks = (m1 - m0 + TK.MC - 1) / TK.MC;
        int mcEven = RoundUp((m1 - m0 + mBlocks - 1) / mBlocks, TK.MR);
        int nBlocks = (n1 - n0 + TK.NC - 1) / TK.NC;
        int ncEven = RoundUp((n1 - n0 + nBlocks - 1) / nBlocks, TK.NR);

        for (int jc = n0; jc < n1; jc += ncEven)
        {
            int nc = Math.Min(ncEven, n1 - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                T beta = pc == 0 ? pr.Beta : T.One;
                GemmPacking<T, TK>.PackB(pr, pc, jc, kc, nc, packB);
                for (int ic = m0; ic < m1; ic += mcEven)
                {
                    int mc = Math.Min(mcEven, m1 - ic);
                    GemmPacking<T, TK>.PackA(pr, ic, pc, mc, kc, packA);
                    MacroKernel(pr, ic, jc, mc, nc, kc, packA, packB, tile, beta);
                }
            }
        }
    }

    /// <summary>Bytes of packed op(B) a thread may hold in the dynamic schedule: a column block for all of k.</summary>
    private const int DynamicBBudget = 4 << 20;

    /// <summary>
    /// Widest column block (a multiple of NR, at most <paramref name="limit"/>) whose packed op(B) for the whole depth k
    /// fits the dynamic schedule's budget; 0 when even <paramref name="minimum"/> columns do not fit (k too deep).
    /// </summary>
    public static int DynamicColumns(int k, int minimum, int limit)
    {
        long nc = DynamicBBudget / ((long)Math.Max(k, 1) * sizeof(T)) / TK.NR * TK.NR;
        return nc < minimum ? 0 : (int)Math.Min(nc, limit);
    }

    /// <summary>
    /// The dynamic schedule: C is cut into tasks of <paramref name="chunkRows"/> rows × <paramref name="ncBlock"/> columns
    /// (column-block major), and the calling thread takes the next task from <paramref name="nextTask"/> until none are left.
    /// A thread packs op(B) for a column block once, for all of k; when one row chunk covers m it also packs op(A) once.
    /// A task runs all k blocks of its rectangle in order, so results equal the static schedule's bit for bit.
    /// With <paramref name="prepackedB"/> (the layout of <see cref="PackedMatrix{T}"/>: k block q at q·kc·n̄, n̄ = n rounded
    /// up to NR) op(B) is read from there and never packed.
    /// </summary>
    public static void ComputeDynamic(in GemmProblem<T> pr, ref int nextTask, int chunkRows, int ncBlock, T* prepackedB = null)
    {
        int m = pr.M, n = pr.N, k = pr.K;
        int kcMax = KcBlock(k);
        int kBlocks = (k + kcMax - 1) / kcMax;
        int rowTasks = (m + chunkRows - 1) / chunkRows;
        int total = rowTasks * ((n + ncBlock - 1) / ncBlock);
        int task = Interlocked.Increment(ref nextTask) - 1;
        if (task >= total) return;

        bool prepacked = prepackedB != null;
        nint aBlockElems = (nint)chunkRows * kcMax, bBlockElems = (nint)ncBlock * kcMax;
        bool keepA = rowTasks == 1 && aBlockElems * kBlocks * sizeof(T) <= DynamicBBudget;
        nint aBytes = GemmWorkspace.Align(aBlockElems * (keepA ? kBlocks : 1) * sizeof(T));
        nint bBytes = prepacked ? 0 : GemmWorkspace.Align(bBlockElems * kBlocks * sizeof(T));
        nint nPad = (n + TK.NR - 1) / TK.NR * TK.NR;
        byte* ws = GemmWorkspace.Current.Get(aBytes + bBytes + GemmWorkspace.Align(TK.MR * TK.NR * sizeof(T)));
        T* packA = (T*)ws, packB = (T*)(ws + aBytes), tile = (T*)(ws + aBytes + bBytes);

        int packedBlock = -1;
        bool packedA = false;
        for (; task < total; task = Interlocked.Increment(ref nextTask) - 1)
        {
            int jb = task / rowTasks;
            int jc = jb * ncBlock, nc = Math.Min(ncBlock, n - jc);
            if (!prepacked && jb != packedBlock)
            {
                for (int pc = 0, q = 0; pc < k; pc += kcMax, q++)
                    GemmPacking<T, TK>.PackB(pr, pc, jc, Math.Min(kcMax, k - pc), nc, packB + q * bBlockElems);
                packedBlock = jb;
            }
            int ic = task % rowTasks * chunkRows, mc = Math.Min(chunkRows, m - ic);
            for (int pc = 0, q = 0; pc < k; pc += kcMax, q++)
            {
                int kc = Math.Min(kcMax, k - pc);
                T* a = keepA ? packA + q * aBlockElems : packA;
                if (!packedA) GemmPacking<T, TK>.PackA(pr, ic, pc, mc, kc, a);
                T* b = prepacked ? prepackedB + q * kcMax * nPad + (nint)jc * kc : packB + q * bBlockElems;
                MacroKernel(pr, ic, jc, mc, nc, kc, a, b, tile, pc == 0 ? pr.Beta : T.One);
            }
            packedA = keepA;
        }
    }

    private static void MacroKernel(in GemmProblem<T> pr, int ic, int jc, int mc, int nc, int kc,
        T* packA, T* packB, T* tile, T beta)
    {
        int mr = TK.MR, nr = TK.NR;
        nint ldc = pr.Ldc;
        T alpha = pr.Alpha;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* bPanel = packB + (nint)jr * kc;
            T* cCol = pr.C + (nint)ic * ldc + jc + jr;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                T* aPanel = packA + (nint)ir * kc;
                T* c = cCol + ir * ldc;
                if (rows == mr && cols == nr)
                {
                    TK.Run(kc, aPanel, bPanel, c, ldc, alpha, beta);
                }
                else
                {
                    TK.Run(kc, aPanel, bPanel, tile, nr, T.One, T.Zero);
                    for (int i = 0; i < rows; i++)
                    {
                        T* src = tile + i * nr;
                        T* dst = c + i * ldc;
                        for (int j = 0; j < cols; j++) dst[j] = GemmMath.Combine(alpha, src[j], beta, dst[j]);
                    }
                }
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
