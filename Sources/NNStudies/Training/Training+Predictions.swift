import NNEngine
import NNRuns

/// What the model predicts, as the dashboard draws it.
extension Training {
    /// Grid size of the decision boundary.
    static let boundaryColumns = 60, boundaryRows = 30
    /// How many validation points or images the view carries.
    static let pointSamples = 240, imageSamples = 8

    /// For 2-D data: the plane's bounds, the predicted class of each grid cell (row-major from
    /// the top row) and validation points; for images: a few validation images with predictions.
    func predictionView() -> PredictionView? {
        trainSet.featureShape == [2] ? boundaryView() : (trainSet.isImage ? imageView() : nil)
    }

    private func boundaryView() -> PredictionView? {
        let xs = stride(from: 0, to: trainSet.features.count, by: 2).map { Double(trainSet.features[$0]) }
        let ys = stride(from: 1, to: trainSet.features.count, by: 2).map { Double(trainSet.features[$0]) }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
        let (padX, padY) = (Swift.max((x1 - x0) * 0.08, 1e-3), Swift.max((y1 - y0) * 0.08, 1e-3))
        let bounds = (x0 - padX, x1 + padX, y0 - padY, y1 + padY)
        let (columns, rows) = (Self.boundaryColumns, Self.boundaryRows)
        var grid: [Float] = []
        grid.reserveCapacity(2 * columns * rows)
        for r in 0..<rows {
            let y = bounds.3 - (Double(r) + 0.5) / Double(rows) * (bounds.3 - bounds.2)
            for c in 0..<columns {
                grid += [Float(bounds.0 + (Double(c) + 0.5) / Double(columns) * (bounds.1 - bounds.0)), Float(y)]
            }
        }
        let classes = predict(Tensor(grid, shape: [columns * rows, 2]))
        let shown = Array(0..<Swift.min(validationSet.count, Self.pointSamples))
        let predicted = predict(validationSet.inputs(shown))
        return .boundary(PredictionView.Boundary(
            xRange: bounds.0...bounds.1, yRange: bounds.2...bounds.3, columns: columns, rows: rows, classes: classes,
            points: shown.map { i in
                PredictionView.Point(x: Double(validationSet.features[2 * i]), y: Double(validationSet.features[2 * i + 1]),
                                     label: validationSet.labels[i], predicted: predicted[i])
            }))
    }

    private func imageView() -> PredictionView? {
        let shown = Array(0..<Swift.min(validationSet.count, Self.imageSamples))
        let predicted = predict(validationSet.inputs(shown))
        let (height, width) = (trainSet.featureShape[1], trainSet.featureShape[2])
        return .images(height: height, width: width, images: shown.map { i in
            // The first channel, for display.
            let pixels = validationSet.example(i).prefix(height * width)
            return PredictionView.Image(label: validationSet.labels[i], predicted: predicted[i],
                                        pixels: pixels.map { (Double($0) * 1000).rounded() / 1000 })
        })
    }
}
