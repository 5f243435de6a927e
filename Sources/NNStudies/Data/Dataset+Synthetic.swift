import Foundation
import NNEngine

/// Seeded synthetic datasets: points in the plane (spiral, moons, blobs) and small images of shapes.
extension Dataset {
    /// Interleaved spiral arms, one per class (the CS231n spiral): arm `k` at radius r in [0, 1]
    /// turns through angles 4k..4(k+1) plus Gaussian noise of `noise` radians.
    public static func spiral(pointsPerClass: Int = 100, classes: Int = 3, noise: Double = 0.2, seed: UInt64 = 0) -> Dataset {
        let jitter = Tensor.randn([classes * pointsPerClass], generator: Generator(seed: seed)).toArray()
        var features: [Float] = [], labels: [Int] = []
        for k in 0..<classes {
            for i in 0..<pointsPerClass {
                let fraction = pointsPerClass == 1 ? 0 : Double(i) / Double(pointsPerClass - 1)
                let t = 4 * (Double(k) + fraction) + noise * Double(jitter[k * pointsPerClass + i])
                features += [Float(fraction * sin(t)), Float(fraction * cos(t))]
                labels.append(k)
            }
        }
        return Dataset(name: "spiral", features: features, featureShape: [2], labels: labels,
                       classNames: (0..<classes).map { "arm \($0)" })
    }

    /// Two interleaving half circles (scikit-learn's `make_moons`) with Gaussian noise of std `noise`.
    public static func moons(pointsPerClass: Int = 150, noise: Double = 0.1, seed: UInt64 = 0) -> Dataset {
        let jitter = Tensor.randn([4 * pointsPerClass], generator: Generator(seed: seed)).toArray()
        var features: [Float] = [], labels: [Int] = []
        for k in 0..<2 {
            for i in 0..<pointsPerClass {
                let angle = Double.pi * (pointsPerClass == 1 ? 0 : Double(i) / Double(pointsPerClass - 1))
                let (x, y) = k == 0 ? (cos(angle), sin(angle)) : (1 - cos(angle), 0.5 - sin(angle))
                let j = 2 * (k * pointsPerClass + i)
                features += [Float(x + noise * Double(jitter[j])), Float(y + noise * Double(jitter[j + 1]))]
                labels.append(k)
            }
        }
        return Dataset(name: "moons", features: features, featureShape: [2], labels: labels, classNames: ["upper", "lower"])
    }

    /// Gaussian blobs of std `std` around centres evenly spaced on a circle of radius 2.
    public static func blobs(pointsPerClass: Int = 100, classes: Int = 3, std: Double = 0.5, seed: UInt64 = 0) -> Dataset {
        let jitter = Tensor.randn([2 * classes * pointsPerClass], generator: Generator(seed: seed)).toArray()
        var features: [Float] = [], labels: [Int] = []
        for k in 0..<classes {
            let angle = 2 * Double.pi * Double(k) / Double(classes)
            for i in 0..<pointsPerClass {
                let j = 2 * (k * pointsPerClass + i)
                features += [Float(2 * cos(angle) + std * Double(jitter[j])), Float(2 * sin(angle) + std * Double(jitter[j + 1]))]
                labels.append(k)
            }
        }
        return Dataset(name: "blobs", features: features, featureShape: [2], labels: labels,
                       classNames: (0..<classes).map { "blob \($0)" })
    }

    /// The shapes `shapes` draws, in class order.
    public static let shapeNames = ["circle", "square", "triangle"]

    /// Grayscale `size`×`size` images of filled shapes (circle, square, triangle) of random
    /// position and size on a noisy background, `imagesPerClass` of each of the first `classes` shapes.
    public static func shapes(imagesPerClass: Int = 200, classes: Int = 3, size: Int = 16, seed: UInt64 = 0) -> Dataset {
        precondition((2...shapeNames.count).contains(classes), "shapes has 2 or 3 classes")
        let total = classes * imagesPerClass
        let placement = Tensor.rand([total, 3], generator: Generator(seed: seed)).toArray()
        let background = Tensor.rand([total * size * size], generator: Generator(seed: seed &+ 1)).toArray()
        var features = [Float](repeating: 0, count: total * size * size), labels: [Int] = []
        let s = Double(size)
        for n in 0..<total {
            let k = n / imagesPerClass
            let cx = s * (0.35 + 0.3 * Double(placement[3 * n])), cy = s * (0.35 + 0.3 * Double(placement[3 * n + 1]))
            let r = s * (0.18 + 0.14 * Double(placement[3 * n + 2]))
            for y in 0..<size {
                for x in 0..<size {
                    let (px, py) = (Double(x) + 0.5 - cx, Double(y) + 0.5 - cy)
                    let inside: Bool
                    switch k {
                    case 0: inside = px * px + py * py <= r * r
                    case 1: inside = abs(px) <= r * 0.85 && abs(py) <= r * 0.85
                    default:
                        // Apex at (0, -r), base at y = 0.7r, half width r at the base.
                        let depth = (py + r) / (1.7 * r)
                        inside = depth >= 0 && depth <= 1 && abs(px) <= depth * r
                    }
                    let i = (n * size + y) * size + x
                    features[i] = (inside ? 0.8 : 0) + 0.2 * background[i]
                }
            }
            labels.append(k)
        }
        return Dataset(name: "shapes", features: features, featureShape: [1, size, size], labels: labels,
                       classNames: Array(shapeNames.prefix(classes)))
    }
}
