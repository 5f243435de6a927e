import Foundation
import NNRuns
import Testing

/// The buckets of TensorBoard histograms, against what TensorBoard's EventAccumulator reads
/// from the same file (`tensorboard/lr0.05`, tag `layer0/weight`, 64 weights).
@Suite struct HistogramBucketTests {
    @Test func bucketsMatchTheOfficialReader() throws {
        let runs = try RunWatcher.read(paths: [Fixtures.logs.appendingPathComponent("tensorboard/lr0.05").path])
        let series = try #require(runs.first?.histogram("layer0/weight"))
        #expect(series.count == 6)
        #expect(series.bucketLimits.map(\.count).first == 575)
        #expect(series.bucketLimits.map(\.count).last == 585)
        #expect(series.bucketLimits[0].first == -0.6891407881591103)
        #expect(series.bucketLimits[0].last == 0.6891407881591103)
        #expect(series.buckets[0].first == 0)
        #expect(series.buckets[0].last == 1)
        #expect(series.bucketLimits[5].first == -1.220854943811942)
        #expect(series.bucketLimits[5].last == 1.0089710279437536)
        for i in 0..<series.count {
            // Every value lies in exactly one bucket, and the edges ascend.
            #expect(series.buckets[i].reduce(0, +) == series.counts[i])
            #expect(zip(series.bucketLimits[i], series.bucketLimits[i].dropFirst()).allSatisfy { $0 < $1 })
        }
    }
}
