import CBLAS
import CKernels

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
    /// take, which skip packing the operands and clearing the result; nil when the kernels in
    /// use have none.
    ///
    /// OpenBLAS 0.3.21 has them for its AVX-512 cores, for products up to 100³ (measured with its
    /// Cooperlake kernels: a 256 x 784 weight gradient from 64 rows takes 242 µs in blocks of 61
    /// columns, 256·61·64 multiply-adds each, and 332 µs in blocks of 62). Where they are not
    /// preferred (`smallProductsPreferred`), blocks stay within 64³, as measured on Intel.
    static let smallProductLimit: Int? = hasAVX512Kernels ? (smallProductsPreferred ? 100 * 100 * 100 : 64 * 64 * 64) : nil

    /// True with OpenBLAS's AVX-512 kernels, those the engine's choices of layout were measured with.
    static let hasAVX512Kernels = ["SkylakeX", "Cooperlake"].contains(coreName)

    /// True where the small-product kernels beat the packed ones on every product measured: with
    /// OpenBLAS's AVX-512 kernels on AMD's Zen 4, which runs each 512-bit operation in two halves.
    /// On Intel (SkylakeX kernels) a layer's weight gradient ran faster packed in one call (195
    /// against 226 µs in blocks), and blocks are kept for products of at most 64 rows.
    static let smallProductsPreferred = hasAVX512Kernels && nnk_cpu_is_amd() != 0

    /// The width of the column blocks in which the row-major product `op(a) @ op(b)` (m x n, inner
    /// size k) runs on the kernels for small products, or nil when it runs in one call.
    ///
    /// Where the small-product kernels are preferred (`smallProductsPreferred`), a block is a
    /// multiple of 16 columns that OpenBLAS lets its small kernels take: at most
    /// `smallProductLimit` multiply-adds, no transposed pair, and with the right operand alone
    /// transposed (`x @ weight.T`) at most 1200 results from an inner size of at least 32.
    /// Elsewhere only products of at most 64 rows run in blocks, of at most 64³ multiply-adds.
    /// Measured with OpenBLAS 0.3.21's Cooperlake kernels on an AMD EPYC (Zen 4): a batch of 64
    /// through Linear(784, 256) takes about 235 µs in blocks of 16 columns against 285 µs in one
    /// call, its weight gradient (256 x 784 from the batch) 231 µs in blocks of 48 columns against
    /// 259 µs; a batch of 16 through a 256-wide layer about 2.4x less in blocks of 64.
    static func smallProductColumns(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool) -> Int? {
        guard let limit = smallProductLimit else { return nil }
        guard smallProductsPreferred else {
            guard m <= 64, m * n * k > limit else { return nil }
            let columns = limit / Swift.max(m * k, 1) / 16 * 16
            return columns >= 16 && columns < n ? columns : nil
        }
        guard !(transposeA && transposeB), !transposeB || k >= 32 else { return nil }
        var columns = limit / Swift.max(m * k, 1)
        if transposeB { columns = Swift.min(columns, 1200 / Swift.max(m, 1)) }
        guard columns < n else { return nil }  // the whole product fits
        columns = columns / 16 * 16
        return columns >= 16 ? columns : nil
    }
}

/// Row-major `c (+)= op(a) @ op(b)` through OpenBLAS's sgemm.
///
/// With kernels for small products, a larger product is computed in blocks of columns that each
/// fit them (`BLAS.smallProductColumns`).
func sgemm(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
           m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false, accumulate: Bool = false) {
    let block = BLAS.smallProductColumns(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB) ?? n
    for start in stride(from: 0, to: n, by: block) {
        let width = Swift.min(block, n - start)
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(width), Int32(k), 1, a, Int32(transposeA ? m : k),
                    b + (transposeB ? start * k : start), Int32(transposeB ? k : n),
                    accumulate ? 1 : 0, c + start, Int32(n))
    }
}
