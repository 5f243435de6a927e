import NNRuns

/// What a training run's model predicts, as the dashboard draws it: the predicted class over
/// the plane of 2-D data, or a few validation images with their predictions.
public enum PredictionView: Hashable, Sendable {
    /// The plane's bounds, the predicted class of each grid cell (row-major from the top row)
    /// and validation points (x, y, label, predicted).
    case boundary(Boundary)
    /// Validation images (their first channel) with their labels and predictions.
    case images(height: Int, width: Int, images: [Image])

    public struct Boundary: Hashable, Sendable {
        public var xRange: ClosedRange<Double>
        public var yRange: ClosedRange<Double>
        public var columns: Int
        public var rows: Int
        /// `classes[r * columns + c]`: the class predicted in row `r` (from the top), column `c`.
        public var classes: [Int]
        public var points: [Point]
    }

    public struct Point: Hashable, Sendable {
        public var x: Double
        public var y: Double
        public var label: Int
        public var predicted: Int
    }

    public struct Image: Hashable, Sendable {
        public var label: Int
        public var predicted: Int
        /// Row-major pixels, rounded to three decimals.
        public var pixels: [Double]
    }

    /// As `--json` prints it.
    public var json: JSONValue {
        switch self {
        case .boundary(let b):
            return [
                "kind": "boundary",
                "x_min": .number(b.xRange.lowerBound), "x_max": .number(b.xRange.upperBound),
                "y_min": .number(b.yRange.lowerBound), "y_max": .number(b.yRange.upperBound),
                "columns": .int(b.columns), "rows": .int(b.rows), "classes": .array(b.classes.map { .int($0) }),
                "points": .array(b.points.map { .array([.number($0.x), .number($0.y), .int($0.label), .int($0.predicted)]) }),
            ]
        case .images(let height, let width, let images):
            return [
                "kind": "images", "height": .int(height), "width": .int(width),
                "images": .array(images.map { ["label": .int($0.label), "predicted": .int($0.predicted), "pixels": JSONValue($0.pixels)] }),
            ]
        }
    }

    /// The largest grid, image side and class number a recorded view may hold (far above what
    /// a run draws: 60x30 cells, 28-pixel images, ten classes).
    public static let maximumSide = 1024, maximumClass = 1 << 16

    /// The view `json` describes (a recorded run's findings); nil when it is not a whole one or
    /// exceeds the bounds above.
    public init?(json: JSONValue) {
        let sides = 1...Self.maximumSide, classes = 0..<Self.maximumClass
        switch json["kind"]?.stringValue {
        case "boundary":
            guard let columns = json["columns"]?.intValue, let rows = json["rows"]?.intValue,
                  sides.contains(columns), sides.contains(rows),
                  let cells = json["classes"]?.arrayValue?.compactMap(\.intValue), cells.count == columns * rows,
                  cells.allSatisfy(classes.contains),
                  let x0 = json["x_min"]?.doubleValue, let x1 = json["x_max"]?.doubleValue, x0 < x1,
                  let y0 = json["y_min"]?.doubleValue, let y1 = json["y_max"]?.doubleValue, y0 < y1 else { return nil }
            let points = (json["points"]?.arrayValue ?? []).compactMap { p -> Point? in
                guard let p = p.arrayValue, p.count == 4, let x = p[0].doubleValue, let y = p[1].doubleValue,
                      let label = p[2].intValue, let predicted = p[3].intValue, classes.contains(label),
                      classes.contains(predicted) else { return nil }
                return Point(x: x, y: y, label: label, predicted: predicted)
            }
            self = .boundary(Boundary(xRange: x0...x1, yRange: y0...y1, columns: columns, rows: rows, classes: cells, points: points))
        case "images":
            guard let height = json["height"]?.intValue, let width = json["width"]?.intValue,
                  sides.contains(height), sides.contains(width) else { return nil }
            var images: [Image] = []
            for image in json["images"]?.arrayValue ?? [] {
                guard let pixels = image["pixels"]?.doubleArray, pixels.count == height * width,
                      let label = image["label"]?.intValue, let predicted = image["predicted"]?.intValue,
                      classes.contains(label), classes.contains(predicted) else { return nil }
                images.append(Image(label: label, predicted: predicted, pixels: pixels))
            }
            guard (1...64).contains(images.count) else { return nil }
            self = .images(height: height, width: width, images: images)
        default:
            return nil
        }
    }
}
