import NNBenchmarks
import NNCharts
import NNStudies

/// `study-frame`: one frame of the sweep's dashboard (10 rates, 200x60 cells) after one more
/// iteration of curves 20,000 iterations long, the lines kept from the frame before and fed
/// the new points (`LineFeed`): what a live study's dashboard pays per frame. The losses are
/// made up once (a decaying curve with noise); each reset adds an iteration, outside the timing.
struct StudyFrameWorkload: Workload {
    static let name = "study-frame"
    static let rates = 10
    static let iterations = 20_000
    private let configuration = LearningRateSweep.Configuration(num: rates, iterations: iterations + 1_001)
    private let learningRates: [Double]
    /// Every rate's losses for the first frame and 1,001 more (`--repetitions` is at most 1,000).
    private let losses: [[Double]]
    private let feed = LineFeed()
    private var length = iterations
    private var snapshot: LearningRateSweep.Snapshot

    init() {
        var random = SplitMix64(seed: 42)
        learningRates = (0..<Self.rates).map { 0.01 + 0.01 * Double($0) }
        var losses: [[Double]] = []
        for s in 0..<Self.rates {
            let speed = Double(s + 1) / 100
            losses.append((0...(Self.iterations + 1_001)).map { i -> Double in
                4 / (1 + speed * Double(i)) + 0.01 * random.nextUnit()
            })
        }
        self.losses = losses
        let length = Self.iterations
        snapshot = LearningRateSweep.Snapshot(configuration: configuration, learningRates: learningRates,
                                              losses: losses.map { Array($0.prefix(length)) })
    }

    mutating func reset() {
        length = min(length + 1, losses[0].count)
        snapshot = LearningRateSweep.Snapshot(configuration: configuration, learningRates: learningRates,
                                              losses: losses.map { Array($0.prefix(length)) })
    }

    /// Draws one frame; returns the number of cells that are not blank.
    func run() -> Double {
        let frame = DashboardFrame(state: snapshot, status: "running", steps: length, note: nil, view: ViewState(),
                                   unicode: true, colorMode: .palette256)
        var buffer = Buffer(width: 200, height: 60)
        DashboardRenderer(screen: SweepScreen(), feed: feed).render(frame, into: &buffer)
        return Double(buffer.cells.count { $0 != .blank })
    }
}
