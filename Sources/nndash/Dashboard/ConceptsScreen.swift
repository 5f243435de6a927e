import Foundation
import NNRuns
import NNStudies
import NNText

/// Loss, cost and objective; entropy, cross-entropy and KL; the chain rule: tables of the numbers
/// the engine computed, the binary entropy curve, and what they show.
struct ConceptsScreen: StudyScreen {
    let study = LossConcepts.name

    func title(for snapshot: LossConcepts.Snapshot?) -> String {
        "loss, cost, objective · entropy, cross-entropy, KL · the chain rule"
    }

    /// A number as the tables write it: four decimals (lesson 003 prints 0.8333).
    static func number(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 4) }

    func panels(for snapshot: LossConcepts.Snapshot) -> [Panel] {
        var panels: [Panel] = []
        if let c = snapshot.costParts {
            panels.append(Panel(title: "loss, cost, objective (MSE, lesson 003)",
                                content: .table(columns: ["sample", "target", "pred", "loss"], rows: Self.costRows(c))))
        }
        if !snapshot.entropyRows.isEmpty {
            panels.append(Panel(title: "H(p,q) = H(p) + KL(p‖q)",
                                content: .table(columns: ["p vs q", "H(p)", "H(p,q)", "KL", "H+KL"],
                                                rows: Self.entropyRows(snapshot.entropyRows))))
        }
        if !snapshot.entropyCurve.isEmpty {
            let curve = Series(label: "H(p)", x: snapshot.entropyCurve.map { $0[0] }, y: snapshot.entropyCurve.map { $0[1] })
            panels.append(Panel(title: "binary entropy H(p) in nats", xLabel: "p", yLabel: "H", series: [curve]))
        }
        if let c = snapshot.chainRule {
            panels.append(Panel(title: "chain rule (lesson 003): x=1, w=0, b=0",
                                content: .table(columns: ["value", "autograd", "by hand"], rows: Self.chainRows(c))))
        }
        return panels
    }

    static func costRows(_ c: LossConcepts.CostParts) -> [[String]] {
        c.losses.indices.map { i in
            ["\(i + 1)", NumberFormat.short(c.target[safe: i]), NumberFormat.short(c.prediction[safe: i]), number(c.losses[i])]
        } + [["cost: mean", "", "", number(c.cost)], ["+ λ·Σθ²", "", "", number(c.penalty)],
             ["objective", "", "", number(c.objective)]]
    }

    /// The short names of the entropy rows' sources, in the study's order.
    static let rowNames = ["KLDiv 1", "KLDiv 2", "CE [1,2]→0", "CE [1,3]→1"]

    static func entropyRows(_ rows: [LossConcepts.EntropyRow]) -> [[String]] {
        rows.enumerated().map { i, r in
            [rowNames[safe: i] ?? r.source, number(r.entropy), number(r.crossEntropy), number(r.kl), number(r.entropy + r.kl)]
        }
    }

    static func chainRows(_ c: LossConcepts.ChainRule) -> [[String]] {
        [["fc1 = σ(x·w − b)", number(c.fc1), ""],
         ["fc2 = 2·fc1 + 1", number(c.fc2), ""],
         ["∂fc2/∂fc1", number(c.fc1Grad), number(c.outer)],
         ["∂fc1/∂z", "", number(c.sigmoidSlope)],
         ["∂fc2/∂w", number(c.wGrad), number(c.handW)],
         ["∂fc2/∂b", number(c.bGrad), number(c.handB)]]
    }

    func findings(for snapshot: LossConcepts.Snapshot, unicode: Bool) -> [Finding] {
        var lines: [Finding] = []
        if let c = snapshot.costParts {
            lines.append(Finding(text: "Loss, cost, objective", tone: .heading))
            lines.append(Finding(text: "Loss: one sample's error, (pred − target)². Cost: the mean over the data, "
                + "\(Self.number(c.cost)) here (nn.MSELoss()). Objective: cost + regularization, "
                + "\(Self.number(c.cost)) + \(NumberFormat.short(c.lambda))·Σθ² = \(Self.number(c.objective)) with the predictions as θ. "
                + "Training minimizes the objective; the word loss is used for all three.", tone: .dim))
            lines.append(Finding(text: ""))
        }
        if !snapshot.entropyRows.isEmpty {
            lines.append(Finding(text: "Entropy, cross-entropy, KL", tone: .heading))
            let worst = snapshot.entropyRows.map { abs($0.crossEntropy - $0.entropy - $0.kl) }.max() ?? 0
            lines.append(Finding(text: "H(p,q) − H(p) − KL(p‖q) is at most \(NumberFormat.short(worst)) over the rows: "
                + "cross-entropy is the target's own entropy plus the divergence.", tone: worst < 1e-5 ? .good : .bad))
            lines.append(Finding(text: "H(p) does not depend on the model's q, so minimizing cross-entropy minimizes KL. "
                + "With one-hot targets H(p) = 0 and CrossEntropyLoss is the KL itself (the CE rows).", tone: .dim))
            for (i, r) in snapshot.entropyRows.enumerated() {
                let p = r.p.map { NumberFormat.short($0) }.joined(separator: ", "), q = r.q.map { NumberFormat.short($0) }.joined(separator: ", ")
                lines.append(Finding(text: "\(Self.rowNames[safe: i] ?? r.source): p = [\(p)], q = [\(q)]", tone: .dim))
            }
            if let top = snapshot.entropyCurve.max(by: { $0[1] < $1[1] }) {
                lines.append(Finding(text: "H(p) of a coin is largest at p = \(NumberFormat.short(top[0])): "
                    + "\(Self.number(top[1])) nats (ln 2 = \(Self.number(Foundation.log(2.0))))."))
            }
            lines.append(Finding(text: ""))
        }
        if let c = snapshot.chainRule {
            lines.append(Finding(text: "Chain rule", tone: .heading))
            lines.append(Finding(text: "∂fc2/∂w = ∂fc2/∂fc1 · ∂fc1/∂z · ∂z/∂w = \(NumberFormat.short(c.outer)) · "
                + "\(NumberFormat.short(c.sigmoidSlope)) · \(NumberFormat.short(c.x)) = \(NumberFormat.short(c.handW)); autograd: "
                + "\(NumberFormat.short(c.wGrad)). ∂z/∂b = −1 gives \(NumberFormat.short(c.bGrad)). fc1.grad needs retain_grad(): "
                + "autograd keeps gradients of leaves only.", tone: .dim))
        }
        return lines
    }
}

extension Array where Element == Double {
    subscript(safe index: Int) -> Double { indices.contains(index) ? self[index] : .nan }
}

extension Array where Element == String {
    subscript(safe index: Int) -> String? { indices.contains(index) ? self[index] : nil }
}
