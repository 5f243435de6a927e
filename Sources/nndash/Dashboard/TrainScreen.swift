import Foundation
import NNCharts
import NNRuns
import NNStudies
import NNTerminal

/// A training run: loss, accuracy and learning rate, what the model predicts (decision regions
/// of 2-D data or sample images) and the epoch table; `c` saves a checkpoint.
struct TrainScreen: ReportScreen {
    /// Where `c` asks the run to save its state; nil for a replayed run.
    var checkpointRequest: CheckpointRequest?
    let study = "train"
    let title = "training a classifier"

    var keyHelp: [String] {
        checkpointRequest.map { ["c        save a checkpoint (\($0.url.lastPathComponent))"] } ?? []
    }

    func handle(_ key: Key) -> StudyAction? {
        guard key == .character("c"), let checkpointRequest else { return nil }
        checkpointRequest.request()
        return .redraw
    }

    /// The live report's series rebuilt from a recorded run's metrics (`train` and `validation` records).
    static func liveSeries(fromRecorded series: [Series]) -> [Series] {
        func find(_ record: String, _ key: String) -> Series? { series.first { $0.label == record && $0.panel == key } }
        let layout: [(String, String, String, String)] = [
            ("train loss", "loss", "train", "loss"), ("validation loss", "loss", "validation", "loss"),
            ("train accuracy", "accuracy", "validation", "train_accuracy"),
            ("validation accuracy", "accuracy", "validation", "accuracy"), ("lr", "lr", "train", "lr"),
        ]
        return layout.map { label, panel, record, key in
            Series(label: label, panel: panel, x: find(record, key)?.x ?? [], y: find(record, key)?.y ?? [])
        }
    }

    func panels(for report: StudyReport) -> [Panel] {
        func series(_ panel: String) -> [Series] { report.series.filter { $0.panel == panel } }
        var losses = series("loss")
        if let raw = losses.first(where: { $0.label == "train loss" }) {
            losses.insert(Series(label: "train loss (smoothed)", x: raw.x, y: Self.smoothed(raw.y)), at: 1)
        }
        return [
            Panel(title: "loss (train per iteration, validation per epoch)", xLabel: "iteration", yLabel: "cross entropy",
                  series: losses),
            Panel(title: "accuracy per epoch", xLabel: "iteration", yLabel: "accuracy", series: series("accuracy"),
                  yPercent: true),
            Panel(title: "learning rate", xLabel: "iteration", yLabel: "lr", series: series("lr")),
        ] + predictionPanels(report.summary["predictions"], classes: report.summary["classes"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    /// The predicted class over the plane, or the sample images side by side.
    private func predictionPanels(_ view: JSONValue?, classes: [String]) -> [Panel] {
        guard let view, let kind = view["kind"]?.stringValue else { return [] }
        if kind == "boundary" {
            let columns = view["columns"]?.intValue ?? 0, rows = view["rows"]?.intValue ?? 0
            let cells = view["classes"]?.arrayValue?.compactMap(\.intValue) ?? []
            guard columns > 0, rows > 0, cells.count == columns * rows,
                  let x0 = view["x_min"]?.doubleValue, let x1 = view["x_max"]?.doubleValue, x0 < x1,
                  let y0 = view["y_min"]?.doubleValue, let y1 = view["y_max"]?.doubleValue, y0 < y1 else { return [] }
            let values = (0..<rows).map { r in (0..<columns).map { Double(cells[r * columns + $0]) } }
            let count = max(classes.count, (cells.max() ?? -1) + 1)
            let names = (0..<count).map { $0 < classes.count ? classes[$0] : String($0) }
            return [Panel(title: "predicted class", xLabel: "x₁", yLabel: "x₂",
                          content: .heatmap(HeatmapContent(values: values, xRange: x0...x1, yRange: y0...y1, logValues: false,
                                                           classes: names)))]
        }
        let height = view["height"]?.intValue ?? 0, width = view["width"]?.intValue ?? 0
        let images = view["images"]?.arrayValue ?? []
        guard height > 0, width > 0, !images.isEmpty else { return [] }
        // One row of images with a one-pixel gap, the gap at the lowest value.
        var values = [[Double]](repeating: [], count: height)
        var captions: [String] = []
        for (i, image) in images.enumerated() {
            let pixels = image["pixels"]?.arrayValue?.compactMap(\.doubleValue) ?? []
            guard pixels.count == height * width else { return [] }
            for r in 0..<height {
                if i > 0 { values[r].append(0) }
                values[r] += pixels[(r * width)..<((r + 1) * width)]
            }
            let name = { (k: Int) in k < classes.count ? classes[k] : String(k) }
            let (label, predicted) = (image["label"]?.intValue ?? 0, image["predicted"]?.intValue ?? 0)
            captions.append(label == predicted ? name(label) : "\(name(label))→\(name(predicted))")
        }
        let span = Double(values[0].count)
        return [Panel(title: "validation images: " + captions.joined(separator: " · "), xLabel: "", yLabel: "",
                      content: .heatmap(HeatmapContent(values: values, xRange: 0...span, yRange: 0...Double(height), logValues: false)))]
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        let summary = report.summary
        let params = report.params
        var lines: [Finding] = []
        let epochs = params["epochs"]?.intValue ?? 0, epoch = summary["epoch"]?.intValue ?? 0
        let iteration = summary["iteration"]?.intValue ?? 0, total = summary["total_iterations"]?.intValue ?? 0
        lines.append(Finding(text: "\(params["model"]?.stringValue ?? "") on \(params["data"]?.stringValue ?? "")", tone: .heading))
        lines.append(Finding(text: "\(params["optimizer"]?.stringValue ?? "") lr \(formatShort(params["lr"]?.doubleValue ?? 0)), "
            + "\(params["scheduler"]?.stringValue ?? "none")", tone: .dim))
        lines.append(Finding(text: "epoch \(min(epoch + 1, epochs))/\(epochs), iteration \(iteration)/\(total)"))
        if let saved = summary["saved_checkpoint"], let at = saved["iteration"]?.intValue {
            lines.append(Finding(text: "checkpoint at iteration \(at): \(saved["path"]?.stringValue ?? "")", tone: .dim))
        }
        if let failed = summary["checkpoint_error"], let at = failed["iteration"]?.intValue {
            lines.append(Finding(text: "checkpoint at iteration \(at) failed: \(failed["message"]?.stringValue ?? "")"
                + " (training goes on; the next save tries again)", tone: .bad))
        }
        if let speed = summary["iterations_per_second"]?.doubleValue, let eta = summary["eta_seconds"]?.doubleValue {
            lines.append(Finding(text: "\(formatShort(speed)) it/s, ETA \(Self.duration(eta))", tone: .dim))
        }
        let rows = summary["epochs"]?.arrayValue ?? []
        if let last = rows.last, let accuracy = last["val_accuracy"]?.doubleValue {
            let classes = summary["classes"]?.arrayValue?.count ?? 0
            let chance = classes > 0 ? 1 / Double(classes) : 0
            lines.append(Finding(text: "validation accuracy \(NumberFormat.percent(accuracy))",
                                 tone: accuracy > chance + 0.5 * (1 - chance) ? .good : .plain))
        }
        if !rows.isEmpty {
            lines.append(Finding(text: ""))
            lines.append(Finding(text: "epoch  train loss  val loss  val acc", tone: .heading))
            for row in rows.suffix(8) {
                let cells = [
                    String(row["epoch"]?.intValue ?? 0), formatShort(row["train_loss"]?.doubleValue ?? .nan),
                    formatShort(row["val_loss"]?.doubleValue ?? .nan),
                    NumberFormat.percent(row["val_accuracy"]?.doubleValue ?? .nan),
                ]
                lines.append(Finding(text: zip(cells, [7, 12, 10, 8]).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined().trimmingCharacters(in: .whitespaces)))
            }
        }
        lines += predictionLines(summary["predictions"], classes: summary["classes"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        return lines
    }

    /// An exponential moving average with weight 0.9 on the past, debiased as fastai and
    /// Lightning smooth their loss curves.
    static func smoothed(_ values: [Double]) -> [Double] {
        var average = 0.0, weight = 1.0
        return values.map { value in
            average = 0.9 * average + 0.1 * value
            weight *= 0.9
            return average / (1 - weight)
        }
    }

    /// The size of the decision-region map in characters.
    static let mapWidth = 36, mapHeight = 14

    /// A duration as `42s`, `3m 05s` or `2h 10m`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "—" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m " + String(format: "%02ds", s % 60) }
        return "\(s / 3600)h " + String(format: "%02dm", s / 60 % 60)
    }

    /// The decision regions as a character map (one letter per class, the validation points
    /// in capitals), or the sample images' labels and predictions.
    private func predictionLines(_ view: JSONValue?, classes: [String]) -> [Finding] {
        guard let view, let kind = view["kind"]?.stringValue else { return [] }
        var lines = [Finding(text: ""), Finding(text: kind == "boundary" ? "Decision regions" : "Validation samples", tone: .heading)]
        if kind == "boundary" {
            let columns = view["columns"]?.intValue ?? 0, rows = view["rows"]?.intValue ?? 0
            let cells = view["classes"]?.arrayValue?.compactMap(\.intValue) ?? []
            guard columns > 0, rows > 0, cells.count == columns * rows else { return lines }
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            // Nearest-neighbour resampling to a map that fits the side panel.
            let (width, height) = (Self.mapWidth, Self.mapHeight)
            var map = (0..<height).map { r in
                (0..<width).map { c in letters[cells[(r * rows / height) * columns + c * columns / width] % 26] }
            }
            let (x0, x1) = (view["x_min"]?.doubleValue ?? 0, view["x_max"]?.doubleValue ?? 1)
            let (y0, y1) = (view["y_min"]?.doubleValue ?? 0, view["y_max"]?.doubleValue ?? 1)
            for point in view["points"]?.arrayValue ?? [] {
                guard let p = point.arrayValue, p.count == 4, let x = p[0].doubleValue, let y = p[1].doubleValue,
                      let label = p[2].intValue else { continue }
                let c = min(width - 1, max(0, Int((x - x0) / (x1 - x0) * Double(width))))
                let r = min(height - 1, max(0, Int((y1 - y) / (y1 - y0) * Double(height))))
                map[r][c] = Character(letters[label % 26].uppercased())
            }
            lines += map.map { Finding(text: String($0), tone: .dim) }
            lines.append(Finding(text: "lower case: predicted class; capitals: validation points", tone: .dim))
        } else {
            for image in view["images"]?.arrayValue ?? [] {
                let label = image["label"]?.intValue ?? 0, predicted = image["predicted"]?.intValue ?? 0
                let name = { (k: Int) in k < classes.count ? classes[k] : String(k) }
                lines.append(Finding(text: "\(name(label)) → \(name(predicted))", tone: label == predicted ? .good : .bad))
            }
        }
        return lines
    }
}
