import NNRuns

extension LossConcepts.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue { ["lambda": .number(lambda), "points": .int(points)] }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        let points = try reader.int("points")
        guard Self.pointsRange.contains(points) else { throw RecordedRunError("the run's parameter points is \(points)") }
        self.init(lambda: try reader.number("lambda"), points: points)
    }
}

extension LossConcepts {
    /// Every number of the concepts, computed once: the screen, `--plain` and `--json` show these.
    public struct Snapshot: StudySnapshot {
        public static let study = LossConcepts.name
        public var configuration: Configuration
        public var costParts: CostParts?
        public var entropyRows: [EntropyRow]
        /// [p, H(p)] pairs of the binary entropy.
        public var entropyCurve: [[Double]]
        public var chainRule: ChainRule?

        /// Where each entropy row comes from, in order.
        public static let sources = ["lesson 002 KLDivLoss example, row 1", "lesson 002 KLDivLoss example, row 2",
                                     "lesson 000 CrossEntropy [1, 2] → 0", "lesson 000 CrossEntropy [1, 3] → 1"]

        public init(configuration: Configuration, costParts: CostParts?, entropyRows: [EntropyRow], entropyCurve: [[Double]],
                    chainRule: ChainRule?) {
            self.configuration = configuration
            self.costParts = costParts
            self.entropyRows = entropyRows
            self.entropyCurve = entropyCurve
            self.chainRule = chainRule
        }

        /// Every number by name, as the run folder records them.
        public var metrics: [String: Double] {
            var m: [String: Double] = [:]
            func put(_ prefix: String, _ values: [Double]) { for (i, v) in values.enumerated() { m["\(prefix).\(i)"] = v } }
            if let c = costParts {
                put("cost.target", c.target)
                put("cost.prediction", c.prediction)
                put("cost.loss", c.losses)
                (m["cost.cost"], m["cost.penalty"], m["cost.objective"]) = (c.cost, c.penalty, c.objective)
            }
            for (r, row) in entropyRows.enumerated() {
                put("entropy.\(r).p", row.p)
                put("entropy.\(r).q", row.q)
                (m["entropy.\(r).H"], m["entropy.\(r).cross"], m["entropy.\(r).KL"]) = (row.entropy, row.crossEntropy, row.kl)
            }
            put("curve.p", entropyCurve.map { $0[0] })
            put("curve.H", entropyCurve.map { $0[1] })
            if let c = chainRule {
                for (k, v) in [("fc1", c.fc1), ("fc2", c.fc2), ("fc1_grad", c.fc1Grad), ("w_grad", c.wGrad), ("b_grad", c.bGrad),
                               ("sigmoid_slope", c.sigmoidSlope)] { m["chain.\(k)"] = v }
            }
            return m
        }

        public var report: StudyReport {
            var summary: [(String, JSONValue)] = []
            if let c = costParts {
                summary.append(("loss_cost_objective", [
                    "target": JSONValue(c.target), "prediction": JSONValue(c.prediction), "loss": JSONValue(c.losses),
                    "cost": .number(c.cost), "lambda": .number(c.lambda), "penalty": .number(c.penalty),
                    "objective": .number(c.objective),
                ]))
            }
            summary.append(("entropy", .array(entropyRows.map { r in
                ["source": .string(r.source), "p": JSONValue(r.p), "q": JSONValue(r.q), "H(p)": .number(r.entropy),
                 "H(p,q)": .number(r.crossEntropy), "KL(p||q)": .number(r.kl)]
            })))
            if let c = chainRule {
                summary.append(("chain_rule", [
                    "fc1": .number(c.fc1), "fc2": .number(c.fc2), "fc1.grad": .number(c.fc1Grad), "w.grad": .number(c.wGrad),
                    "b.grad": .number(c.bGrad), "by_hand_w": .number(c.handW), "by_hand_b": .number(c.handB),
                ]))
            }
            let curve = Series(label: "H(p)", panel: "binary entropy", x: entropyCurve.map { $0[0] },
                               y: entropyCurve.map { $0[1] })
            return StudyReport(study: Self.study, params: configuration.params, series: [curve], summary: .object(summary))
        }

        /// Rebuilds every number from the last recorded step's metrics.
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            var m: [String: Double] = [:]
            for s in recorded.series where s.label == "concepts" {
                guard let name = s.panel, let last = s.y.last else { continue }
                m[name] = last
            }
            func list(_ prefix: String) -> [Double] {
                var values: [Double] = []
                while let v = m["\(prefix).\(values.count)"], values.count < configuration.points { values.append(v) }
                return values
            }
            var cost: CostParts?
            if let c = m["cost.cost"], let penalty = m["cost.penalty"], let objective = m["cost.objective"] {
                cost = CostParts(target: list("cost.target"), prediction: list("cost.prediction"), losses: list("cost.loss"),
                                 cost: c, lambda: configuration.lambda, penalty: penalty, objective: objective)
            }
            var rows: [EntropyRow] = []
            for (r, source) in Self.sources.enumerated() {
                guard let h = m["entropy.\(r).H"], let cross = m["entropy.\(r).cross"], let kl = m["entropy.\(r).KL"] else { break }
                rows.append(EntropyRow(p: list("entropy.\(r).p"), q: list("entropy.\(r).q"), entropy: h, crossEntropy: cross,
                                       kl: kl, source: source))
            }
            let curve = zip(list("curve.p"), list("curve.H")).map { [$0, $1] }
            var chain: ChainRule?
            if let fc1 = m["chain.fc1"], let fc2 = m["chain.fc2"], let g = m["chain.fc1_grad"], let w = m["chain.w_grad"],
               let b = m["chain.b_grad"], let slope = m["chain.sigmoid_slope"] {
                chain = ChainRule(x: 1, w: 0, b: 0, fc1: fc1, fc2: fc2, fc1Grad: g, wGrad: w, bGrad: b, outer: 2, sigmoidSlope: slope)
            }
            self.init(configuration: configuration, costParts: cost, entropyRows: rows, entropyCurve: curve, chainRule: chain)
        }
    }
}
