import Foundation
import NNStudies

/// The random generator of the tests: the project's SplitMix64 from a seed that the test prints,
/// so that any failure can be replayed with `NNDASH_TEST_SEED=<seed>`.
public struct SeededRandom: RandomNumberGenerator {
    /// The seed this generator started from.
    public let seed: UInt64
    private var generator: SplitMix64

    /// - Parameters:
    ///   - name: what the numbers are for, printed beside the seed.
    ///   - seed: the seed when `NNDASH_TEST_SEED` does not give one.
    public init(_ name: String, seed defaultSeed: UInt64) {
        let given = ProcessInfo.processInfo.environment["NNDASH_TEST_SEED"].flatMap { UInt64($0) }
        seed = given ?? defaultSeed
        generator = SplitMix64(seed: seed)
        print("\(name): random seed \(seed) (set NNDASH_TEST_SEED to replay)")
    }

    public mutating func next() -> UInt64 { generator.next() }
}
