import CKernels
import Foundation

/// A seedable random number generator: the 32-bit Mersenne Twister, as PyTorch's CPU generator.
///
/// The same seed gives the same numbers on every machine. Draws follow PyTorch's CPU
/// algorithms (24-bit uniform floats, Box-Muller normals, `random() % range` integers).
/// A generator is safe to share between threads.
///
/// Reference: M. Matsumoto, T. Nishimura, "Mersenne Twister: a 623-dimensionally
/// equidistributed uniform pseudo-random number generator", ACM TOMACS 8(1), 1998.
public final class Generator: @unchecked Sendable {
    /// The state words and the next one to read (`words`: twist first).
    private var state = [UInt32](repeating: 0, count: words)
    private var index = words
    private static let words = Int(NNK_MT_WORDS)
    private var nextNormal: Double?
    private let lock = NSLock()
    /// The seed last set.
    public private(set) var initialSeed: UInt64

    /// The process-wide default generator (seeded with 67280421310721, PyTorch's default).
    public static let `default` = Generator(seed: 67_280_421_310_721)

    /// A generator seeded with `seed`.
    public init(seed: UInt64 = 5489) {
        initialSeed = seed
        reseed(seed)
    }

    /// Re-seeds the generator (PyTorch's `manual_seed`).
    public func manualSeed(_ seed: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        initialSeed = seed
        reseed(seed)
    }

    private func reseed(_ seed: UInt64) {
        state.withUnsafeMutableBufferPointer { nnk_mt_seed($0.baseAddress!, seed) }
        index = Self.words
        nextNormal = nil
    }

    /// Runs `body` holding the generator's lock.
    func locked<T>(_ body: (Generator) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(self)
    }

    /// The next 32 random bits.
    func random() -> UInt32 {
        state.withUnsafeMutableBufferPointer { nnk_mt_next($0.baseAddress!, &index) }
    }

    /// The next 64 random bits (two 32-bit draws, the first high).
    func random64() -> UInt64 {
        let hi = UInt64(random()), lo = UInt64(random())
        return hi << 32 | lo
    }

    /// Fills `values` with floats in [0, 1) of 24 random bits each, as PyTorch's `rand`
    /// (`nnk_mt_fill_uniform`).
    func fillUniformFloats(_ values: UnsafeMutableBufferPointer<Float>) {
        guard let out = values.baseAddress, !values.isEmpty else { return }
        index = state.withUnsafeMutableBufferPointer { nnk_mt_fill_uniform($0.baseAddress!, index, out, values.count) }
    }

    /// A double in [0, 1) with 53 random bits.
    func uniformDouble() -> Double {
        Double(random64() & ((1 << 53) - 1)) * (1.0 / Double(UInt64(1) << 53))
    }

    /// A standard normal double by the Box-Muller transform, caching the second value.
    func normalDouble() -> Double {
        if let cached = nextNormal {
            nextNormal = nil
            return cached
        }
        let u1 = uniformDouble(), u2 = uniformDouble()
        let r = (-2 * Foundation.log1p(-u2)).squareRoot()
        let theta = 2 * Double.pi * u1
        nextNormal = r * Foundation.sin(theta)
        return r * Foundation.cos(theta)
    }

    /// Fills `values` with normal draws as PyTorch's CPU `normal_` does for float tensors.
    func fillNormal(_ values: inout [Float], mean: Float, std: Float) {
        let n = values.count
        guard n >= 16 else {
            for i in 0..<n { values[i] = Float(normalDouble() * Double(std) + Double(mean)) }
            return
        }
        values.withUnsafeMutableBufferPointer { values in
            let base = values.baseAddress!
            fillUniformFloats(values)
            // Box-Muller on blocks of 16; a last partial block is the last 16 values, drawn again.
            for start in stride(from: 0, through: n - 16, by: 16) { nnk_box_muller16(base + start, mean, std) }
            if n % 16 != 0 {
                fillUniformFloats(.init(rebasing: values[(n - 16)...]))
                nnk_box_muller16(base + n - 16, mean, std)
            }
        }
    }
}

extension Tensor {
    /// Uniform values in [0, 1).
    public static func rand(_ shape: [Int], generator: Generator = .default) -> Tensor {
        uniform(shape, from: 0, to: 1, generator: generator)
    }

    /// Uniform values in [from, to), as PyTorch's `uniform_(from, to)`.
    public static func uniform(_ shape: [Int], from: Float, to: Float, generator: Generator = .default) -> Tensor {
        var values = [Float](repeating: 0, count: shape.reduce(1, *))
        values.withUnsafeMutableBufferPointer { values in
            generator.locked { $0.fillUniformFloats(values) }
            for i in values.indices { values[i] = values[i] * (to - from) + from }
        }
        return Tensor(values, shape: shape)
    }

    /// Standard normal values.
    public static func randn(_ shape: [Int], generator: Generator = .default) -> Tensor {
        normal(shape, mean: 0, std: 1, generator: generator)
    }

    /// Normal values with `mean` and `std`, as PyTorch's `normal_(mean, std)`.
    public static func normal(_ shape: [Int], mean: Float, std: Float, generator: Generator = .default) -> Tensor {
        var values = [Float](repeating: 0, count: shape.reduce(1, *))
        generator.locked { $0.fillNormal(&values, mean: mean, std: std) }
        return Tensor(values, shape: shape)
    }

    /// Uniform integers in `low..<high` (as float values).
    public static func randint(_ low: Int, _ high: Int, _ shape: [Int], generator: Generator = .default) -> Tensor {
        precondition(high > low, "randint: empty range \(low)..<\(high)")
        let range = UInt64(high - low)
        let n = shape.reduce(1, *)
        let values = generator.locked { g in
            (0..<n).map { _ in
                let r = range >= 1 << 32 ? g.random64() % range : UInt64(g.random()) % range
                return Float(low + Int(r))
            }
        }
        return Tensor(values, shape: shape)
    }

    /// A random permutation of `0..<n` (as float values).
    public static func randperm(_ n: Int, generator: Generator = .default) -> Tensor {
        var values = (0..<n).map(Float.init)
        generator.locked { g in
            for i in 0..<Swift.max(n - 1, 0) {
                let z = Int(UInt64(g.random()) % UInt64(n - i))
                values.swapAt(i, i + z)
            }
        }
        return Tensor(values, shape: [n])
    }
}

/// Seeds the default generator, as `torch.manual_seed`.
public func manualSeed(_ seed: UInt64) { Generator.default.manualSeed(seed) }
