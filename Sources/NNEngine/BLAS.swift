import CBLAS
import Foundation

/// OpenBLAS as the engine uses it: one thread, and the fastest kernels the CPU can run.
///
/// OpenBLAS picks its kernels by the CPU's model number when the library loads. A model newer
/// than the library (Debian 12's 0.3.21 on a 2023 Xeon, say) gets its generic SSE3 kernels
/// ("Prescott"), several times slower than the AVX2 or AVX-512 ones the CPU has. `prepare()`
/// then selects the kernels by the CPU's features instead, as `OPENBLAS_CORETYPE` would; a
/// value the user set for that variable is always left as it is.
public enum BLAS {
    /// Prepares OpenBLAS once per process; every matrix product calls it first.
    ///
    /// Call it early, before other threads start: it may set `OPENBLAS_CORETYPE` for the
    /// library's re-initialization.
    public static func prepare() { _ = prepared }

    /// The kernels in use, as OpenBLAS names them (`SkylakeX`, `Haswell`, `Prescott`, ...).
    public static var coreName: String {
        prepare()
        return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    private static let prepared: Void = {
        openblas_set_num_threads(1)
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              openblas_get_corename().map({ String(cString: $0) }) == genericCore,
              let flags = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let core = coreType(cpuFlags: flags)
        else { return }
        reinitialize(coreType: core)
    }()

    /// The most multiply-adds (m·n·k) of a product that OpenBLAS's kernels for small products
    /// take, which skip packing the operands; nil when the kernels in use have none.
    ///
    /// OpenBLAS 0.3.21 has them for its AVX-512 cores, for products up to 64³ (measured: a 16-row
    /// batch through a 256-wide layer runs about 1.9x faster in four blocks of 64 columns).
    static let smallProductLimit: Int? = ["SkylakeX", "Cooperlake"].contains(coreName) ? 64 * 64 * 64 : nil

    /// The name OpenBLAS gives its generic x86-64 kernels, its choice for a CPU it does not know.
    static let genericCore = "Prescott"

    /// The OpenBLAS core type whose kernels the CPU's features can run, from the `flags` line of
    /// `/proc/cpuinfo`, or nil when none beats the generic one.
    static func coreType(cpuFlags: String) -> String? {
        guard let line = cpuFlags.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }).map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]) { return "SKYLAKEX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "HASWELL" }
        return nil
    }

    /// Makes OpenBLAS choose its kernels again, as for `OPENBLAS_CORETYPE=coreType`.
    ///
    /// Only builds that choose their kernels at run time (`DYNAMIC_ARCH`, as Debian's) have the
    /// two entry points; with others nothing changes.
    private static func reinitialize(coreType: String) {
        typealias Entry = @convention(c) () -> Void
        let library = dlopen(nil, RTLD_NOW)
        guard let quit = dlsym(library, "gotoblas_dynamic_quit"),
              let initialize = dlsym(library, "gotoblas_dynamic_init")
        else { return }
        setenv("OPENBLAS_CORETYPE", coreType, 1)
        unsafeBitCast(quit, to: Entry.self)()
        unsafeBitCast(initialize, to: Entry.self)()
        openblas_set_num_threads(1)
    }
}

/// Row-major `c (+)= op(a) @ op(b)` through OpenBLAS's sgemm.
///
/// With kernels for small products (`BLAS.smallProductLimit`), a larger product of few rows
/// (a batch through a wide layer) is computed in blocks of columns that each fit them.
func sgemm(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
           m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false, accumulate: Bool = false) {
    BLAS.prepare()
    var block = n
    if let limit = BLAS.smallProductLimit, m * n * k > limit {
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
