import Foundation

/// `count` evenly spaced values from `start` to `stop` inclusive, as `numpy.linspace` computes them.
public func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
    guard count > 1 else { return count == 1 ? [start] : [] }
    let step = (stop - start) / Double(count - 1)
    var values = (0..<count).map { start + Double($0) * step }
    values[count - 1] = stop
    return values
}

/// `count` values from `start` to `stop` evenly spaced in log10, as `numpy.geomspace` would.
public func logspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
    guard start > 0, stop > 0 else { return [] }
    var values = linspace(Foundation.log10(start), Foundation.log10(stop), count: count).map { Foundation.pow(10, $0) }
    if count > 0 { values[0] = start; values[count - 1] = stop }
    return values
}
