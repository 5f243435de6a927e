/// Checks shared by the losses.
enum LossCheck {
    /// Throws unless `a` and `b` have the same shape.
    static func sameShape(_ a: [Int], _ b: [Int], _ what: String) throws {
        guard a == b else {
            throw LossError.shapeMismatch("\(what): shapes \(a) and \(b) do not match")
        }
    }

    /// `values` of `shape` broadcast to `target` (PyTorch's rules, trailing dimensions aligned).
    static func broadcast(_ values: [Float], _ shape: [Int], to target: [Int], _ what: String) throws -> [Float] {
        if shape == target { return values }
        guard shape.count <= target.count else {
            throw LossError.shapeMismatch("\(what) of shape \(shape) does not broadcast to \(target)")
        }
        let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
        for (s, t) in zip(padded, target) where s != t && s != 1 {
            throw LossError.shapeMismatch("\(what) of shape \(shape) does not broadcast to \(target)")
        }
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        for d in (0..<target.count).reversed() {
            strides[d] = padded[d] == 1 ? 0 : step
            step *= padded[d]
        }
        let count = target.reduce(1, *)
        var out = [Float](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: target.count)
        for i in 0..<count {
            var offset = 0
            for d in 0..<target.count { offset += index[d] * strides[d] }
            out[i] = values[offset]
            advance(&index, in: target)
        }
        return out
    }

    /// Sums a gradient of `target` shape back to `shape` (the adjoint of `broadcast`).
    static func unbroadcast(_ values: [Float], from target: [Int], to shape: [Int]) -> [Float] {
        if shape == target { return values }
        let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
        var out = [Float](repeating: 0, count: shape.reduce(1, *))
        var index = [Int](repeating: 0, count: target.count)
        for i in 0..<values.count {
            var offset = 0
            for d in 0..<target.count { offset = offset * padded[d] + (padded[d] == 1 ? 0 : index[d]) }
            out[offset] += values[i]
            advance(&index, in: target)
        }
        return out
    }

    /// Steps a multi-index through `shape` in row-major order: the last dimension fastest.
    private static func advance(_ index: inout [Int], in shape: [Int]) {
        var d = shape.count - 1
        while d >= 0 {
            index[d] += 1
            if index[d] < shape[d] { return }
            index[d] = 0
            d -= 1
        }
    }
}
