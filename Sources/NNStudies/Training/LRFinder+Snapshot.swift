import NNRuns
import NNText

extension LRFinder.Range {
    /// The range `params` records (`start_lr`, `end_lr`, `num_iter`, `beta`, `divergence_factor`).
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        self.init()
        startLR = try reader.number("start_lr")
        endLR = try reader.number("end_lr")
        numIter = try reader.int("num_iter")
        beta = try reader.number("beta")
        divergenceFactor = try reader.number("divergence_factor")
    }
}

extension LRFinder {
    /// Why the range test stopped.
    public enum StopReason: Hashable, Sendable {
        /// The smoothed loss rose above `factor` times its best (or was not finite).
        case diverged(factor: Double)
        /// It ran its `numIter` iterations up to `endLR`.
        case reachedEnd

        /// Whether a test whose smoothed losses so far are `smoothed` stops after the last of them; nil to go on.
        public init?(smoothed: [Double], range: LRFinder.Range) {
            guard let last = smoothed.last else { return nil }
            let best = smoothed.filter(\.isFinite).min() ?? .infinity
            if !last.isFinite || last > range.divergenceFactor * best {
                self = .diverged(factor: range.divergenceFactor)
            } else if smoothed.count >= range.numIter {
                self = .reachedEnd
            } else {
                return nil
            }
        }

        public var text: String {
            switch self {
            case .diverged(let factor): "the smoothed loss exceeded \(NumberFormat.short(factor))x its best"
            case .reachedEnd: "reached end_lr"
            }
        }
    }

    /// The range test at one moment: the loss and smoothed loss at each learning rate tried,
    /// and what they suggest.
    public struct Snapshot: StudySnapshot {
        public static let study = LRFinder.name
        /// The run's parameters: the training settings and the range's.
        public var params: JSONValue
        public var range: Range
        public var lrs: [Double]
        public var losses: [Double]
        public var smoothed: [Double]
        /// Why the test stopped; nil while it runs.
        public var stop: StopReason?
        /// fastai's suggestions (valley, slide, minimum, steep), then Lightning's.
        public var suggestions: [LRSuggestions.Suggestion]
        /// The lowest finite smoothed loss.
        public var bestSmoothed: Double?

        public init(params: JSONValue, range: Range, lrs: [Double], losses: [Double], smoothed: [Double]) {
            self.params = params
            self.range = range
            self.lrs = lrs
            self.losses = losses
            self.smoothed = smoothed
            stop = StopReason(smoothed: smoothed, range: range)
            suggestions = LRSuggestions.fastai(lrs: lrs, losses: smoothed, numIter: range.numIter)
                + [LRSuggestions.lightning(lrs: lrs, losses: smoothed)].compactMap { $0 }
            bestSmoothed = smoothed.filter(\.isFinite).min()
        }

        /// The highest loss worth drawing: the largest smoothed loss the test accepted, before
        /// the one that passed the stop factor times its best (past it nothing is readable).
        public var cap: Double? {
            let accepted = stop.map { if case .diverged = $0 { smoothed.dropLast() } else { smoothed[...] } } ?? smoothed[...]
            return accepted.filter(\.isFinite).max()
        }

        public var report: StudyReport {
            var series = [
                Series(label: "loss", panel: "lr", x: lrs, y: losses),
                Series(label: "smoothed loss", panel: "lr", x: lrs, y: smoothed),
            ]
            for s in suggestions {
                series.append(Series(label: s.name, params: ["lr": .number(s.lr)], panel: "suggestions",
                                     x: [s.pointLR], y: [s.pointLoss]))
            }
            let summary: JSONValue = .object([
                ("iterations", .int(lrs.count)), ("finished", .bool(stop != nil)),
                ("stop_reason", stop.map { .string($0.text) } ?? .null),
                ("lrs", JSONValue(lrs)), ("losses", JSONValue(losses)), ("smoothed_losses", JSONValue(smoothed)),
                ("suggestions", .object(suggestions.map { s in
                    (s.name, .object([("lr", .number(s.lr)), ("point_lr", .number(s.pointLR)), ("point_loss", .number(s.pointLoss))]))
                })),
            ])
            return StudyReport(study: Self.study, params: params, series: series, summary: summary)
        }

        /// Rebuilds the test from its recorded `lr`, `loss` and `smoothed_loss` metrics.
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let range = try Range(params: recorded.params)
            func metric(_ name: String) -> [Double] {
                recorded.series.first { $0.label == LRFinder.name && $0.panel == name }?.consecutiveSteps ?? []
            }
            let lrs = metric("lr"), losses = metric("loss"), smoothed = metric("smoothed_loss")
            let n = min(lrs.count, losses.count, smoothed.count)
            self.init(params: recorded.params, range: range, lrs: Array(lrs.prefix(n)), losses: Array(losses.prefix(n)),
                      smoothed: Array(smoothed.prefix(n)))
        }
    }
}
