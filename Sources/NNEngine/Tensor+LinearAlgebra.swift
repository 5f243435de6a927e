import CKernels

// Matrix products through OpenBLAS's sgemm.

extension Tensor {
    /// The matrix product with `torch.matmul`'s semantics.
    ///
    /// 1-D operands are treated as a row (left) or column (right) vector and that dimension is
    /// removed from the result; operands of more than 2 dimensions are batches of matrices whose
    /// batch dimensions broadcast.
    public func matmul(_ other: Tensor) -> Tensor {
        let a = self, b = other
        precondition(Tensor.matmulShape(a.shape, b.shape) != nil,
                     "matmul: shapes \(a.shape) and \(b.shape) cannot be multiplied")
        if a.rank == 1 && b.rank == 1 { return (a * b).sum() }
        if a.rank == 1 { return a.unsqueeze(0).matmul(b).squeeze(-2) }
        if b.rank == 1 { return a.matmul(b.unsqueeze(-1)).squeeze(-1) }
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1]
        let n = b.shape[b.rank - 1]
        let batch = broadcastShapes(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))!
        let left = a.expand(batch + [m, k]).contiguous()
        let right = b.expand(batch + [k, n]).contiguous()
        let out = Tensor.gemm(left, right, transposeA: false, transposeB: false)
        guard Tensor.recording(left, right) else { return out }
        return out.recordOp(left, right) { g, left, right in
            let g = g.contiguousValues()
            return (left.requiresGrad ? Tensor.gemm(g, right, transposeA: false, transposeB: true) : nil,
                    right.requiresGrad ? Tensor.gemm(left, g, transposeA: true, transposeB: false) : nil)
        }
    }

    /// The shape of `torch.matmul` of operands of shapes `a` and `b`, or nil when they do not fit.
    public static func matmulShape(_ a: [Int], _ b: [Int]) -> [Int]? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let left = a.count == 1 ? [1] + a : a, right = b.count == 1 ? b + [1] : b
        guard left[left.count - 1] == right[right.count - 2],
              var shape = broadcastShapes(Array(left.dropLast(2)), Array(right.dropLast(2)))
        else { return nil }
        if a.count > 1 { shape.append(left[left.count - 2]) }
        if b.count > 1 { shape.append(right[right.count - 1]) }
        return shape
    }

    /// `x @ weight.T + bias`, then ReLU when `relu`, for a 2-D weight, x of shape (*, in_features)
    /// and a bias of shape (out_features) or none: one sgemm on the untransposed weight, the bias
    /// and ReLU added in place in one pass over its result, and one graph node. A batch of at most
    /// 16 rows takes `fewRowsProduct` where it can, the bias added as each sum is stored.
    ///
    /// The values are those of the product, the sum and ReLU as separate ops; so are the
    /// gradients: ReLU's from the output, the bias's summed over the rows in double precision
    /// in the same pass, then the two products.
    static func affine(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, relu: Bool) -> Tensor {
        let inFeatures = weight.shape[1], outFeatures = weight.shape[0]
        let leading = Array(x.shape.dropLast())
        let rows = leading.reduce(1, *)
        let input = x.contiguousValues().viewing([rows, inFeatures])
        let w = weight.contiguousValues()
        let b = bias?.contiguousValues()
        let out: Tensor
        if let product = fewRowsProduct(input, w, b) {
            out = product.viewing(leading + [outFeatures])
            if relu { nnk_bias_relu(out.base, nil, rows, outFeatures, 1) }
        } else if productRunsTransposed(rows: rows, inFeatures: inFeatures, outFeatures: outFeatures) {
            // (weight @ xᵀ)ᵀ: the epilogue transposes it into the output as it adds and clamps.
            let product = gemm(w, input, transposeA: false, transposeB: true)
            out = Tensor.uninitialized(leading + [outFeatures])
            withExtendedLifetime((product, b)) {
                nnk_transposed_bias_relu(product.base, out.base, b?.base, rows, outFeatures, relu ? 1 : 0)
            }
        } else {
            out = gemm(input, w, transposeA: false, transposeB: true).viewing(leading + [outFeatures])
            if b != nil || relu {
                withExtendedLifetime(b) { nnk_bias_relu(out.base, b?.base, rows, outFeatures, relu ? 1 : 0) }
            }
        }
        let biasGrad = bias?.requiresGrad ?? false
        guard GradMode.isEnabled, x.requiresGrad || weight.requiresGrad || biasGrad else { return out }
        let parents = bias.map { [x, weight, $0] } ?? [x, weight]
        return out.recordOp(parents) { [unowned out] g in
            let g = g.contiguousValues().viewing([rows, outFeatures])
            var gz = g, gb: Tensor?
            if let bias, biasGrad {
                if relu { gz = Tensor.uninitialized([rows, outFeatures]) }
                var sums = [Double](repeating: 0, count: outFeatures)
                sums.withUnsafeMutableBufferPointer { sums in
                    guard let base = sums.baseAddress else { return }
                    withExtendedLifetime((g, gz, out)) {
                        nnk_relu_backward_sums(g.base, relu ? out.base : nil, gz.base, base, rows, outFeatures)
                    }
                }
                gb = Tensor(sums.map { Float($0) }, shape: bias.shape)
            } else if relu {
                gz = Tensor.uninitialized([rows, outFeatures])
                withExtendedLifetime((g, gz, out)) { nnk_relu_backward(g.base, out.base, gz.base, rows * outFeatures) }
            }
            return [x.requiresGrad ? gemm(gz, w, transposeA: false, transposeB: false).viewing(x.shape) : nil,
                    weight.requiresGrad ? weightGradient(gz, input, skippingZeros: relu) : nil,
                    gb]
        }
    }

    /// A layer's weight gradient `gᵀ @ x` from d(loss)/d(product) `g` (rows x outputs) and its
    /// input `x` (rows x inputs), both contiguous.
    ///
    /// Behind a ReLU (`skippingZeros`) g is zero wherever a unit was off, about half of it: a batch
    /// of at most 64 rows then takes `nnk_sparse_tn_product`, which skips those terms, when the
    /// CPU has AVX-512 and at most 70% of g is nonzero; its sums are the dense product's in another
    /// order. Products under 64³ multiply-adds, which take a few microseconds, stay dense.
    /// Measured on an AMD EPYC (Zen 4) for a batch of 64 through Linear(784, 256) with half of g
    /// zero: 147 µs against 232 µs for OpenBLAS in blocks of 48 columns.
    static func weightGradient(_ g: Tensor, _ x: Tensor, skippingZeros: Bool) -> Tensor {
        let rows = g.shape[0], outputs = g.shape[1], inputs = x.shape[1]
        guard skippingZeros && rows <= 64 && g.count * inputs >= 1 << 18 else {
            return gemm(g, x, transposeA: true, transposeB: false)
        }
        // Where the kernel leaves the product, OpenBLAS writes it into the same output.
        let out = Tensor.uninitialized([outputs, inputs])
        if !weightGradientSkippingZeros(g, x, into: out) {
            withExtendedLifetime((g, x, out)) {
                sgemm(g.base, x.base, out.base, m: outputs, n: inputs, k: rows, transposeA: true)
            }
        }
        return out
    }

    /// Writes `gᵀ @ x` into `out` (outputs x inputs) by `nnk_sparse_tn_product` for contiguous g
    /// (rows x outputs) and x (rows x inputs); false, `out` untouched, where the kernel leaves the
    /// product to OpenBLAS.
    static func weightGradientSkippingZeros(_ g: Tensor, _ x: Tensor, into out: Tensor) -> Bool {
        let rows = g.shape[0], outputs = g.shape[1], inputs = x.shape[1]
        return withExtendedLifetime((g, x, out)) {
            nnk_sparse_tn_product(g.base, x.base, out.base, rows, outputs, inputs, 0.7) != 0
        }
    }

    /// `x @ weight.T (+ bias)` by `nnk_few_rows_product` for contiguous x (rows x inputs), weight
    /// (outputs x inputs) and bias, or nil where the kernel leaves the product to OpenBLAS (without
    /// AVX-512, more than 16 rows, inputs not a multiple of 16).
    ///
    /// Measured on an AMD EPYC (Zen 4) with OpenBLAS 0.3.21's Cooperlake kernels, a batch of 16
    /// through a chain of 100 Linear(256, 256) layers, best of 200 interleaved rounds: about 21 µs
    /// a layer against 28 µs for OpenBLAS in blocks of 64 columns (`BLAS.smallProductColumns`);
    /// the deep-forward-100 workload 2.7-2.9 ms against 4.1-4.5 ms.
    static func fewRowsProduct(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?) -> Tensor? {
        let rows = x.shape[0], outputs = weight.shape[0], inputs = weight.shape[1]
        // Asked first, so that a product the kernel leaves (a tiny layer's, say) allocates nothing.
        guard nnk_few_rows_product_takes(rows, outputs, inputs) != 0 else { return nil }
        let out = Tensor.uninitialized([rows, outputs])
        withExtendedLifetime((x, weight, bias, out)) {
            _ = nnk_few_rows_product(x.base, weight.base, bias?.base, out.base, rows, outputs, inputs)
        }
        return out
    }

    /// True when a layer's product `x @ weight.T` runs faster as `weight @ x.T` then transposed.
    ///
    /// Measured with OpenBLAS 0.3.21's SkylakeX kernels, for a batch of at most 64 rows into more
    /// outputs than rows, too large for the small-product kernels even in blocks of columns
    /// (`BLAS.smallProductColumns`): a batch of 64 through Linear(784, 256) took about 212 µs
    /// transposed against 248 µs in one call, and the transposing epilogue about 4 µs. With 256
    /// rows of 256 the transposed product is slower, and small products gain nothing.
    static func productRunsTransposed(rows: Int, inFeatures: Int, outFeatures: Int) -> Bool {
        guard BLAS.hasAVX512Kernels, let limit = BLAS.smallProductLimit,
              rows <= 64 && outFeatures > rows && rows * inFeatures * outFeatures > limit
        else { return false }
        guard BLAS.smallProductsPreferred else { return rows * inFeatures * 16 > limit }
        return BLAS.smallProductColumns(m: rows, n: outFeatures, k: inFeatures, transposeA: false, transposeB: true) == nil
    }

    /// Batched `op(a) @ op(b)` of contiguous tensors with equal batch shapes (no graph).
    static func gemm(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> Tensor {
        let ar = a.shape.count, br = b.shape.count
        let m = transposeA ? a.shape[ar - 1] : a.shape[ar - 2]
        let k = transposeA ? a.shape[ar - 2] : a.shape[ar - 1]
        let n = transposeB ? b.shape[br - 2] : b.shape[br - 1]
        let batchShape = Array(a.shape.dropLast(2))
        let batches = batchShape.reduce(1, *)
        guard m > 0, n > 0, k > 0 else { return Tensor.zeros(batchShape + [m, n]) }
        let out = Tensor.uninitialized(batchShape + [m, n])
        withExtendedLifetime((a, b)) {
            for i in 0..<batches {
                sgemm(a.base + i * m * k, b.base + i * k * n, out.base + i * m * n,
                      m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
            }
        }
        return out
    }
}

/// The matrix product of `a` and `b`, as `torch.matmul`.
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor { a.matmul(b) }

/// The affine map `x @ weight.T + bias`, as `torch.nn.functional.linear`.
///
/// With a 2-D weight the product is one sgemm on the untransposed weight.
///
/// - Parameters:
///   - x: input of shape (*, in_features).
///   - weight: (out_features, in_features), or (in_features) for a single output.
///   - bias: (out_features) or a scalar, optional.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    linear(x, weight: weight, bias: bias, relu: false)
}

/// `linear` then ReLU when `relu`: with a 2-D weight and a bias of one value per output, in one
/// op (see `Tensor.affine`), as `Sequential` runs a `Linear` followed by a ReLU.
func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, relu: Bool) -> Tensor {
    let product: Tensor
    if weight.rank == 2 && x.rank >= 1 {
        precondition(x.shape[x.rank - 1] == weight.shape[1],
                     "linear: input of shape \(x.shape) for a weight of shape \(weight.shape)")
        if bias == nil || bias?.shape == [weight.shape[0]] { return Tensor.affine(x, weight, bias, relu: relu) }
        product = Tensor.affine(x, weight, nil, relu: false)
    } else {
        product = x.matmul(weight.rank == 1 ? weight : weight.t)
    }
    let out = bias.map { product + $0 } ?? product
    return relu ? out.relu() : out
}
