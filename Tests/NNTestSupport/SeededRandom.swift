import Foundation

/// The random generator of the tests: SplitMix64 (Steele, Lea and Flood, OOPSLA 2014) from a seed
/// that the test prints, so that any failure can be replayed with `NNDASH_TEST_SEED=<seed>`.
public struct SeededRandom: RandomNumberGenerator {
    /// The seed this generator started from.
    public let seed: UInt64
    private var state: UInt64

    /// - Parameters:
    ///   - name: what the numbers are for, printed beside the seed.
    ///   - seed: the seed when `NNDASH_TEST_SEED` does not give one.
    public init(_ name: String, seed defaultSeed: UInt64) {
        let given = ProcessInfo.processInfo.environment["NNDASH_TEST_SEED"].flatMap { UInt64($0) }
        seed = given ?? defaultSeed
        state = seed
        print("\(name): random seed \(seed) (set NNDASH_TEST_SEED to replay)")
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
