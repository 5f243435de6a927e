import CKernels

/// The window geometry of a 2-D pooling over (N, C, H, W) or (C, H, W) inputs.
public struct Pool2dGeometry: Sendable {
    public var planes, height, width: Int
    public var kernel, stride, padding, dilation: (Int, Int)
    public var ceilMode: Bool
    public let outHeight, outWidth: Int

    /// The geometry of pooling `input` as PyTorch computes it, or an error naming what does not fit.
    ///
    /// - Parameters:
    ///   - stride: nil for the kernel size.
    ///   - name: the op's name for error messages.
    init(input: [Int], kernel: (Int, Int), stride: (Int, Int)?, padding: (Int, Int), dilation: (Int, Int),
         ceilMode: Bool, name: String) throws(TensorError) {
        guard input.count == 3 || input.count == 4 else { throw .invalidArgument("\(name) needs a 3-D or 4-D input, got \(input)") }
        let stride = stride ?? kernel
        guard kernel.0 > 0, kernel.1 > 0, stride.0 > 0, stride.1 > 0, dilation.0 > 0, dilation.1 > 0,
              padding.0 >= 0, padding.1 >= 0
        else { throw .invalidArgument("\(name) needs positive kernel_size, stride and dilation and non-negative padding") }
        (height, width) = (input[input.count - 2], input[input.count - 1])
        planes = input.dropLast(2).reduce(1, *)
        (self.kernel, self.stride, self.padding, self.dilation, self.ceilMode) = (kernel, stride, padding, dilation, ceilMode)
        outHeight = Pool2dGeometry.outputSize(height, kernel.0, stride.0, padding.0, dilation.0, ceilMode)
        outWidth = Pool2dGeometry.outputSize(width, kernel.1, stride.1, padding.1, dilation.1, ceilMode)
        guard outHeight > 0, outWidth > 0 else {
            throw .invalidArgument("\(name) output size is too small for input \(input)")
        }
    }

    /// PyTorch's `pooling_output_shape`: windows that start inside the input or left padding.
    static func outputSize(_ size: Int, _ kernel: Int, _ stride: Int, _ pad: Int, _ dilation: Int, _ ceil: Bool) -> Int {
        let span = size + 2 * pad - dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0)
        var out = Int((Double(span) / Double(stride)).rounded(.down)) + 1
        if ceil && (out - 1) * stride >= size + pad { out -= 1 }
        return out
    }

    func outputShape(_ input: [Int]) -> [Int] { Array(input.dropLast(2)) + [outHeight, outWidth] }
}

/// Counting of the average pooling's divisor, as `torch.nn.functional.avg_pool2d`.
public struct AvgPoolDivisor: Sendable {
    public var countIncludePad: Bool
    public var divisorOverride: Int?
    public init(countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        self.countIncludePad = countIncludePad
        self.divisorOverride = divisorOverride
    }
}

/// The 2-D max pooling of `torch.nn.functional.max_pool2d`.
///
/// Padding is never selected; NaN wins over every number; on ties the first window element
/// wins, and the backward pass routes each output's gradient to that element (its argmax).
///
/// - Parameters:
///   - input: (N, C, H, W) or (C, H, W).
///   - kernelSize: window height and width.
///   - stride: nil for the kernel size.
///   - padding: at most half the effective kernel size.
///   - dilation: spacing between window elements.
///   - ceilMode: round the output size up (windows must still start inside the input or left padding).
public func maxPool2d(_ input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
                      dilation: (Int, Int) = (1, 1), ceilMode: Bool = false) -> Tensor {
    do {
        return try Tensor.maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding,
                                    dilation: dilation, ceilMode: ceilMode)
    } catch {
        preconditionFailure("\(error)")
    }
}

/// The 2-D average pooling of `torch.nn.functional.avg_pool2d`.
///
/// - Parameters:
///   - input: (N, C, H, W) or (C, H, W).
///   - kernelSize: window height and width.
///   - stride: nil for the kernel size.
///   - padding: at most half the kernel size; padded elements are zeros.
///   - ceilMode: round the output size up.
///   - countIncludePad: divide by the window size including padding (clipped at the padded border).
///   - divisorOverride: divide by this instead.
public func avgPool2d(_ input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
                      ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil) -> Tensor {
    do {
        return try Tensor.avgPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                                    divisor: AvgPoolDivisor(countIncludePad: countIncludePad, divisorOverride: divisorOverride))
    } catch {
        preconditionFailure("\(error)")
    }
}

extension Tensor {
    /// `maxPool2d`, throwing for arguments that do not fit the input.
    public static func maxPool2d(_ input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)?, padding: (Int, Int),
                                 dilation: (Int, Int), ceilMode: Bool) throws(TensorError) -> Tensor {
        let g = try Pool2dGeometry(input: input.shape, kernel: kernelSize, stride: stride, padding: padding,
                                   dilation: dilation, ceilMode: ceilMode, name: "max_pool2d")
        guard padding.0 <= ((kernelSize.0 - 1) * dilation.0 + 1) / 2, padding.1 <= ((kernelSize.1 - 1) * dilation.1 + 1) / 2 else {
            throw .invalidArgument("max_pool2d padding \(padding) should be at most half of the effective kernel size")
        }
        let x = input.contiguousValues()
        let out = Tensor.uninitialized(g.outputShape(input.shape))
        var argmax = [Int](repeating: 0, count: out.count)
        let (h, w, oh, ow) = (g.height, g.width, g.outHeight, g.outWidth)
        let (kh, kw, sy, sx, py, px, dy, dx) = (g.kernel.0, g.kernel.1, g.stride.0, g.stride.1,
                                                g.padding.0, g.padding.1, g.dilation.0, g.dilation.1)
        withExtendedLifetime(x) {
            argmax.withUnsafeMutableBufferPointer { argmax in
                guard let indices = argmax.baseAddress else { return }
                indices.withMemoryRebound(to: Int64.self, capacity: argmax.count) { indices in
                    nnk_max_pool2d(x.base, out.base, indices, Int64(g.planes), Int64(h), Int64(w), Int64(oh), Int64(ow),
                                   Int64(kh), Int64(kw), Int64(sy), Int64(sx), Int64(py), Int64(px), Int64(dy), Int64(dx))
                }
            }
        }
        return makeResult(out, parents: [input]) { gradOutput in
            let gy = gradOutput.contiguousValues()
            let dx = Tensor.zeros(input.shape)
            withExtendedLifetime(gy) {
                argmax.withUnsafeBufferPointer { argmax in
                    let (source, target) = (gy.base, dx.base)
                    for (o, i) in argmax.enumerated() { target[i] += source[o] }
                }
            }
            return [dx]
        }
    }

    /// `avgPool2d`, throwing for arguments that do not fit the input.
    public static func avgPool2d(_ input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)?, padding: (Int, Int),
                                 ceilMode: Bool, divisor: AvgPoolDivisor) throws(TensorError) -> Tensor {
        let g = try Pool2dGeometry(input: input.shape, kernel: kernelSize, stride: stride, padding: padding,
                                   dilation: (1, 1), ceilMode: ceilMode, name: "avg_pool2d")
        guard padding.0 <= kernelSize.0 / 2, padding.1 <= kernelSize.1 / 2 else {
            throw .invalidArgument("avg_pool2d padding \(padding) should be at most half of kernel size \(kernelSize)")
        }
        if let d = divisor.divisorOverride, d == 0 { throw .invalidArgument("avg_pool2d divisor_override must not be zero") }
        let (h, w, oh, ow) = (g.height, g.width, g.outHeight, g.outWidth)
        /// The clipped window of output (y, x) and its divisor; an empty window has divisor 0.
        func window(_ y: Int, _ x: Int) -> (Range<Int>, Range<Int>, Float) {
            let y0 = y * g.stride.0 - g.padding.0, x0 = x * g.stride.1 - g.padding.1
            let y1 = Swift.min(y0 + g.kernel.0, h + g.padding.0), x1 = Swift.min(x0 + g.kernel.1, w + g.padding.1)
            let poolSize = (y1 - y0) * (x1 - x0)
            let rows = Swift.max(y0, 0)..<Swift.min(y1, h), cols = Swift.max(x0, 0)..<Swift.min(x1, w)
            guard !rows.isEmpty, !cols.isEmpty else { return (rows, cols, 0) }
            let count = divisor.divisorOverride ?? (divisor.countIncludePad ? poolSize : rows.count * cols.count)
            return (rows, cols, Float(count))
        }
        let x = input.contiguousValues()
        let out = Tensor.uninitialized(g.outputShape(input.shape))
        withExtendedLifetime(x) {
            for plane in 0..<g.planes {
                let src = x.base + plane * h * w
                for y in 0..<oh {
                    for xo in 0..<ow {
                        let (rows, cols, count) = window(y, xo)
                        var sum: Float = 0
                        for iy in rows { for ix in cols { sum += src[iy * w + ix] } }
                        out.base[(plane * oh + y) * ow + xo] = count == 0 ? 0 : sum / count
                    }
                }
            }
        }
        return makeResult(out, parents: [input]) { gradOutput in
            let gy = gradOutput.contiguousValues()
            let dx = Tensor.zeros(input.shape)
            withExtendedLifetime(gy) {
                for plane in 0..<g.planes {
                    let dst = dx.base + plane * h * w
                    for y in 0..<oh {
                        for xo in 0..<ow {
                            let (rows, cols, count) = window(y, xo)
                            guard count != 0 else { continue }
                            let share = gy.base[(plane * oh + y) * ow + xo] / count
                            for iy in rows { for ix in cols { dst[iy * w + ix] += share } }
                        }
                    }
                }
            }
            return [dx]
        }
    }
}
