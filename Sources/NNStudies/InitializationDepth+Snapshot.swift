import Foundation
import NNRuns

extension InitializationDepth.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        ["layers": .int(layers), "width": .int(width), "batch": .int(batch), "bias": false, "seed": .int(Int(seed))]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        let seed = try reader.int("seed")
        guard seed >= 0 else { throw RecordedRunError("the run's parameter seed is negative") }
        self.init(layers: try reader.int("layers"), width: try reader.int("width"), batch: try reader.int("batch"),
                  seed: UInt64(seed))
    }
}

extension InitializationDepth {
    /// What became of one scheme's std through the layers.
    public struct Outcome: Hashable, Sendable {
        /// The first layer whose std is not finite.
        public var overflowLayer: Int?
        /// The first layer whose std fell below `vanishingStd`.
        public var vanishLayer: Int?
        /// The std after the last layer computed; nil once it overflowed or vanished.
        public var finalStd: Double?
        /// The std after the last layer over the std after the first.
        public var ratio: Double?
        /// The scheme shrinks the std by construction and it has fallen since layer 1.
        public var isShrinking: Bool
        /// The scheme grows the std by construction and it has risen since layer 1.
        public var isGrowing: Bool

        /// Neither overflowed nor vanished, and not drifting the way its weights make it drift.
        public var isHealthy: Bool { overflowLayer == nil && vanishLayer == nil && !isShrinking && !isGrowing }

        /// What became of the std, from the stds of `scheme` after layers 1, 2, 3, ...
        init(_ s: [Double], scheme: Scheme) {
            overflowLayer = s.firstIndex { !$0.isFinite }.map { $0 + 1 }
            vanishLayer = s.firstIndex { $0.isFinite && $0 < InitializationDepth.vanishingStd }.map { $0 + 1 }
            let ended = overflowLayer != nil || vanishLayer != nil
            finalStd = ended ? nil : s.last
            ratio = ended || s.count < 2 ? nil : s.last.flatMap { last in s.first.map { last / $0 } }
            isShrinking = scheme.drift == .shrinks && (ratio ?? 1) < 1
            isGrowing = scheme.drift == .grows && (ratio ?? 1) > 1
        }
    }

    /// The deep network at one moment: each scheme's std after each layer, the gains, and what they say.
    public struct Snapshot: StudySnapshot {
        public static let study = InitializationDepth.name
        public var configuration: Configuration
        /// Each scheme's std after layers 1, 2, 3, ... (in `Scheme.allCases` order).
        public var stds: [[Double]]
        /// Each scheme's std of ∂L/∂W for layers 1, 2, 3, ..., L the mean of the last output;
        /// empty until the last layer is computed.
        public var gradientStds: [[Double]]
        public var gains: [Gain]
        public var outcomes: [Outcome]

        public init(configuration: Configuration, stds: [[Double]], gradientStds: [[Double]] = [], gains: [Gain]) {
            self.configuration = configuration
            self.stds = stds
            self.gradientStds = stds.indices.map { $0 < gradientStds.count ? gradientStds[$0] : [] }
            self.gains = gains
            outcomes = zip(stds, Scheme.allCases).map { Outcome($0, scheme: $1) }
        }

        /// The factor ReLU under Xavier with tanh's gain multiplies the std by a layer:
        /// gain·√(2n/(n + n))·√(1/2) = (5/3)/√2 for square layers.
        public static let reluXavierGrowth = (5.0 / 3) / 2.0.squareRoot()

        /// The factor the weight gradient's std grows by per layer going back toward the input,
        /// as the geometric mean from the last layer to layer 1; nil without finite gradients.
        public func gradientGrowthPerLayer(_ scheme: Scheme) -> Double? {
            guard let i = Scheme.allCases.firstIndex(of: scheme), gradientStds[i].count > 1,
                  let first = gradientStds[i].first, let last = gradientStds[i].last,
                  first.isFinite, last.isFinite, first > 0, last > 0 else { return nil }
            return Foundation.exp(Foundation.log(first / last) / Double(gradientStds[i].count - 1))
        }

        /// The factor N(0, 1) weights multiply the std by a layer: √n.
        public var growthPerLayer: Double { Double(configuration.width).squareRoot() }

        public var report: StudyReport {
            let series = Scheme.allCases.enumerated().map { i, scheme in
                Series(label: scheme.rawValue, params: ["scheme": .string(scheme.rawValue)], panel: "std",
                       x: stds[i].indices.map { Double($0 + 1) }, y: stds[i])
            }
            let gradientSeries = Scheme.allCases.enumerated().map { i, scheme in
                Series(label: scheme.rawValue, params: ["scheme": .string(scheme.rawValue)], panel: "grad_std",
                       x: gradientStds[i].indices.map { Double($0 + 1) }, y: gradientStds[i])
            }
            let schemes = Scheme.allCases.enumerated().map { i, scheme -> JSONValue in
                let o = outcomes[i]
                return ["scheme": .string(scheme.rawValue), "final_std": .number(stds[i].last ?? .nan),
                        "overflow_layer": o.overflowLayer.map { .int($0) } ?? .null,
                        "vanish_layer": o.vanishLayer.map { .int($0) } ?? .null,
                        "shrinking": .bool(o.isShrinking), "growing": .bool(o.isGrowing),
                        "last_over_first": o.ratio.map { .number($0) } ?? .null,
                        "grad_std_layer1": gradientStds[i].first.map { .number($0) } ?? .null]
            }
            let gainRows = gains.map { g -> JSONValue in
                ["nonlinearity": .string(g.nonlinearity), "gain": .number(g.gain), "std_ratio": .number(g.stdRatio),
                 "inverse_std_ratio": .number(g.inverseStdRatio), "rms_ratio": .number(g.rmsRatio)]
            }
            return StudyReport(study: Self.study, params: configuration.params, series: series + gradientSeries,
                               summary: ["schemes": .array(schemes), "gains": .array(gainRows)])
        }

        /// Rebuilds the run from its recorded stds; the gains are the study's own computation from the seed.
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            func layers(_ panel: String) -> [[Double]] {
                Scheme.allCases.map { scheme -> [Double] in
                    guard let s = recorded.series.first(where: { $0.label == scheme.rawValue && $0.panel == panel }) else { return [] }
                    var values: [Double] = []
                    for (x, y) in zip(s.x, s.y) {
                        guard x == Double(values.count + 1) else { break }
                        values.append(y)
                    }
                    return values
                }
            }
            let stds = layers("std"), gradientStds = layers("grad_std")
            let started = stds.contains { !$0.isEmpty }
            let gains = started ? ((try? InitializationDepth.gains(seed: configuration.seed)) ?? []) : []
            self.init(configuration: configuration, stds: stds, gradientStds: gradientStds, gains: gains)
        }
    }
}
