import CBLAS

/// OpenBLAS as the engine uses it: one thread, and the fastest kernels the CPU can run.
///
/// CKernels sets both before main (`BLASKernels.c`): it stops OpenBLAS's worker threads and,
/// where OpenBLAS fell back to its generic kernels for a CPU newer than the library, has it
/// choose by the CPU's features instead.
public enum BLAS {
    /// The kernels in use, as OpenBLAS names them (`SkylakeX`, `Haswell`, `Prescott`, ...).
    public static var coreName: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    /// The number of threads OpenBLAS's products run on (one unless `useThreads` changed it).
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Runs OpenBLAS's products on `count` threads (at least one): the calling thread and
    /// `count - 1` workers OpenBLAS starts. The engine's own kernels stay on the calling thread.
    public static func useThreads(_ count: Int) {
        openblas_set_num_threads(Int32(Swift.max(1, Swift.min(count, Int(Int32.max)))))
    }

    /// The name OpenBLAS gives its generic x86-64 kernels, its choice for a CPU it does not know.
    public static let genericCore = "Prescott"

    /// The most multiply-adds (m·n·k) of a product that OpenBLAS's kernels for small products
    /// take, which skip packing the operands; nil when the kernels in use have none.
    ///
    /// OpenBLAS 0.3.21 has them for its AVX-512 cores, for products up to 64³ (measured: a 16-row
    /// batch through a 256-wide layer runs about 1.9x faster in four blocks of 64 columns).
    static let smallProductLimit: Int? = hasAVX512Kernels ? 64 * 64 * 64 : nil

    /// True with OpenBLAS's AVX-512 kernels, those the engine's choices of layout were measured with.
    static let hasAVX512Kernels = ["SkylakeX", "Cooperlake"].contains(coreName)

    /// The most rows of a product computed in column blocks for the small-product kernels.
    ///
    /// Measured with OpenBLAS 0.3.21's SkylakeX kernels: a batch of 16 through a 256-wide layer
    /// runs about 2.4x faster in blocks of 64 columns, but a layer's weight gradient (256 rows of
    /// 784 from a batch of 64, the transposed left operand) about 15% slower in its 49 blocks of
    /// 16 columns than in one call.
    static let smallProductRows = 64
}

/// Row-major `c (+)= op(a) @ op(b)` through OpenBLAS's sgemm.
///
/// With kernels for small products (`BLAS.smallProductLimit`), a larger product of few rows
/// (a batch through a wide layer; at most `BLAS.smallProductRows`) is computed in blocks of
/// columns that each fit them.
func sgemm(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
           m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false, accumulate: Bool = false) {
    var block = n
    if let limit = BLAS.smallProductLimit, m <= BLAS.smallProductRows, m * n * k > limit {
        let columns = limit / Swift.max(m * k, 1) / 16 * 16
        if columns >= 16 { block = columns }
    }
    for start in stride(from: 0, to: n, by: block) {
        let width = Swift.min(block, n - start)
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(width), Int32(k), 1, a, Int32(transposeA ? m : k),
                    b + (transposeB ? start * k : start), Int32(transposeB ? k : n),
                    accumulate ? 1 : 0, c + start, Int32(n))
    }
}
