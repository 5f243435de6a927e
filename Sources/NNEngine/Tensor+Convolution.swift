import CKernels

/// The zero padding of a convolution, as `conv2d`'s `padding` argument.
public enum Conv2dPadding: Sendable, Equatable {
    /// The same padding on both sides of the height and of the width.
    case explicit(Int, Int)
    /// No padding.
    case valid
    /// Padding that keeps the input size at stride 1; an odd total puts the extra row/column
    /// at the bottom/right, as PyTorch does.
    case same
}

/// The geometry of a 2-D convolution: input, kernel and output sizes with stride, padding,
/// dilation and groups, as `torch.nn.functional.conv2d` takes them.
public struct Conv2dGeometry: Sendable {
    public var batch, inChannels, height, width: Int
    public var outChannels, kernelHeight, kernelWidth: Int
    /// Padding at the top/left (`padding`) and at the bottom/right (`paddingEnd`).
    public var stride, padding, paddingEnd, dilation: (Int, Int)
    public var groups: Int

    /// The output height and width.
    public var outHeight: Int { (height + padding.0 + paddingEnd.0 - dilation.0 * (kernelHeight - 1) - 1) / stride.0 + 1 }
    public var outWidth: Int { (width + padding.1 + paddingEnd.1 - dilation.1 * (kernelWidth - 1) - 1) / stride.1 + 1 }

    /// The geometry of `input` (N, C, H, W) with `weight` (O, C/groups, kH, kW), or an error
    /// naming what does not fit.
    public init(input: [Int], weight: [Int], stride: (Int, Int), padding: Conv2dPadding,
                dilation: (Int, Int), groups: Int) throws(TensorError) {
        guard input.count == 4, weight.count == 4 else {
            throw .invalidArgument("conv2d needs a 3-D or 4-D input and a 4-D weight, got \(input) and \(weight)")
        }
        guard groups > 0, stride.0 > 0, stride.1 > 0, dilation.0 > 0, dilation.1 > 0
        else { throw .invalidArgument("conv2d needs positive stride, dilation and groups") }
        (batch, inChannels, height, width) = (input[0], input[1], input[2], input[3])
        (outChannels, kernelHeight, kernelWidth) = (weight[0], weight[2], weight[3])
        (self.stride, self.dilation, self.groups) = (stride, dilation, groups)
        switch padding {
        case .explicit(let h, let w):
            guard h >= 0, w >= 0 else { throw .invalidArgument("conv2d padding must be non-negative, got (\(h), \(w))") }
            (self.padding, paddingEnd) = ((h, w), (h, w))
        case .valid:
            (self.padding, paddingEnd) = ((0, 0), (0, 0))
        case .same:
            guard stride == (1, 1) else { throw .invalidArgument("conv2d padding='same' is not supported for strided convolutions") }
            let total = (dilation.0 * (weight[2] - 1), dilation.1 * (weight[3] - 1))
            (self.padding, paddingEnd) = ((total.0 / 2, total.1 / 2), (total.0 - total.0 / 2, total.1 - total.1 / 2))
        }
        guard inChannels % groups == 0, outChannels % groups == 0, weight[1] * groups == inChannels else {
            throw .invalidArgument("conv2d weight \(weight) with groups \(groups) does not fit input \(input)")
        }
        guard kernelHeight > 0, kernelWidth > 0, outHeight > 0, outWidth > 0,
              height + self.padding.0 + paddingEnd.0 >= dilation.0 * (kernelHeight - 1) + 1,
              width + self.padding.1 + paddingEnd.1 >= dilation.1 * (kernelWidth - 1) + 1
        else { throw .invalidArgument("conv2d kernel \(weight) is larger than the padded input \(input)") }
    }

    /// Rows of one group's column matrix: (C/groups)·kH·kW.
    var columnRows: Int { inChannels / groups * kernelHeight * kernelWidth }
    /// Output positions per image: outH·outW.
    var positions: Int { outHeight * outWidth }

    /// Unfolds the channels `[c0, c0 + C/groups)` of one image into a column matrix
    /// (rows: channel, ky, kx; columns: output positions), zeros where the window is padding.
    ///
    /// Each output row's columns that read inside the image are found once per kernel column and
    /// copied as one run, inline (`nnk_im2col`): the runs are too short for a library call each.
    func im2col(_ image: UnsafePointer<Float>, firstChannel c0: Int, into cols: UnsafeMutablePointer<Float>) {
        nnk_im2col(image + c0 * height * width, cols, Int64(inChannels / groups), Int64(height), Int64(width),
                   Int64(kernelHeight), Int64(kernelWidth), Int64(outHeight), Int64(outWidth), Int64(stride.0),
                   Int64(stride.1), Int64(padding.0), Int64(padding.1), Int64(dilation.0), Int64(dilation.1))
    }

    /// Adds a column matrix back onto the channels `[c0, c0 + C/groups)` of one image (im2col's adjoint).
    func col2im(_ cols: UnsafePointer<Float>, firstChannel c0: Int, into image: UnsafeMutablePointer<Float>) {
        nnk_col2im(cols, image + c0 * height * width, Int64(inChannels / groups), Int64(height), Int64(width),
                   Int64(kernelHeight), Int64(kernelWidth), Int64(outHeight), Int64(outWidth), Int64(stride.0),
                   Int64(stride.1), Int64(padding.0), Int64(padding.1), Int64(dilation.0), Int64(dilation.1))
    }
}

/// The 2-D convolution (cross-correlation) of PyTorch's `torch.nn.functional.conv2d`.
///
/// Computed by unfolding each image into columns (im2col) and one sgemm per image and group
/// (Chellapilla et al., "High Performance Convolutional Neural Networks for Document
/// Processing", 2006); the backward pass folds the column gradients back (col2im).
///
/// - Parameters:
///   - input: (N, C, H, W), or (C, H, W) unbatched.
///   - weight: (O, C/groups, kH, kW).
///   - bias: (O), optional.
///   - stride, dilation: per (height, width).
///   - padding: zeros around the input.
///   - groups: channels are split into this many independent groups.
public func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1),
                   padding: Conv2dPadding = .explicit(0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1) -> Tensor {
    do {
        return try Tensor.conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding,
                                 dilation: dilation, groups: groups)
    } catch {
        preconditionFailure("\(error)")
    }
}

extension Tensor {
    /// `conv2d`, throwing for arguments that do not fit the input.
    public static func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int), padding: Conv2dPadding,
                              dilation: (Int, Int), groups: Int) throws(TensorError) -> Tensor {
        if input.rank == 3 {
            // An unbatched (C, H, W) input is a batch of one.
            return try conv2d(input.unsqueeze(0), weight: weight, bias: bias, stride: stride, padding: padding,
                              dilation: dilation, groups: groups).squeeze(0)
        }
        let geometry = try Conv2dGeometry(input: input.shape, weight: weight.shape, stride: stride, padding: padding,
                                          dilation: dilation, groups: groups)
        if let bias, bias.shape != [weight.shape[0]] {
            throw .invalidArgument("conv2d bias of shape \(bias.shape) for \(weight.shape[0]) output channels")
        }
        return convolve(input, weight, bias, geometry)
    }

    private static func convolve(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, _ g: Conv2dGeometry) -> Tensor {
        let x = input.contiguousValues(), w = weight.contiguousValues()
        let (n, groups) = (g.batch, g.groups)
        let (outPerGroup, rows, cols) = (g.outChannels / groups, g.columnRows, g.positions)
        let imageSize = g.inChannels * g.height * g.width, outImageSize = g.outChannels * cols
        let out = Tensor.uninitialized([n, g.outChannels, g.outHeight, g.outWidth])
        // One image's columns of one group at a time, in a buffer that stays in the cache; the
        // backward pass unfolds the images again rather than keeping every image's columns
        // (kh·kw times the input) in memory between the passes.
        let columns = Tensor.uninitialized([rows, cols])
        withExtendedLifetime((x, w, bias, columns)) {
            for i in 0..<n {
                for group in 0..<groups {
                    g.im2col(x.base + i * imageSize, firstChannel: group * (g.inChannels / groups), into: columns.base)
                    sgemm(w.base + group * outPerGroup * rows, columns.base,
                          out.base + i * outImageSize + group * outPerGroup * cols, m: outPerGroup, n: cols, k: rows)
                }
                if let b = bias?.contiguousValues() {
                    for o in 0..<g.outChannels {
                        let plane = out.base + i * outImageSize + o * cols
                        let value = b.base[o]
                        for p in 0..<cols { plane[p] += value }
                    }
                }
            }
        }
        let parents = [input, weight] + (bias.map { [$0] } ?? [])
        guard parents.contains(where: \.requiresGrad), GradMode.isEnabled else { return out }
        return Tensor.makeResult(out, parents: parents) { gradOutput in
            let gy = gradOutput.contiguousValues()
            var gx: Tensor?, gw: Tensor?, gb: Tensor?
            withExtendedLifetime((gy, x, w)) {
                if input.requiresGrad {
                    let dx = Tensor.zeros(input.shape)
                    let dcols = Tensor.uninitialized([rows, cols])
                    for i in 0..<n {
                        for group in 0..<groups {
                            sgemm(w.base + group * outPerGroup * rows, gy.base + i * outImageSize + group * outPerGroup * cols,
                                  dcols.base, m: rows, n: cols, k: outPerGroup, transposeA: true)
                            g.col2im(dcols.base, firstChannel: group * (g.inChannels / groups), into: dx.base + i * imageSize)
                        }
                    }
                    gx = dx
                }
                if weight.requiresGrad {
                    let dw = Tensor.zeros(weight.shape)
                    let columns = Tensor.uninitialized([rows, cols])
                    withExtendedLifetime(columns) {
                        for i in 0..<n {
                            for group in 0..<groups {
                                g.im2col(x.base + i * imageSize, firstChannel: group * (g.inChannels / groups), into: columns.base)
                                sgemm(gy.base + i * outImageSize + group * outPerGroup * cols, columns.base,
                                      dw.base + group * outPerGroup * rows, m: outPerGroup, n: rows, k: cols,
                                      transposeB: true, accumulate: true)
                            }
                        }
                    }
                    gw = dw
                }
                if let bias, bias.requiresGrad {
                    let db = Tensor.zeros(bias.shape)
                    for i in 0..<n {
                        for o in 0..<g.outChannels {
                            let plane = gy.base + i * outImageSize + o * cols
                            var sum: Float = 0
                            for p in 0..<cols { sum += plane[p] }
                            db.base[o] += sum
                        }
                    }
                    gb = db
                }
            }
            return [gx, gw] + (bias == nil ? [] : [gb])
        }
    }
}
