/// Branch-free float32 functions the compiler can vectorize, for elementwise kernels whose libm
/// call would dominate their cost.
enum ElementwiseMath {
    /// tanh(x) within a few units in the last place, without a libm call.
    ///
    /// Small |x| use the odd Taylor series to x¹³ (error below 1e-8 for |x| < 0.4); larger |x| use
    /// `(1 - e) / (1 + e)` with `e = exp(-2|x|)`, the exponential by Cody and Waite's range
    /// reduction and a degree-7 Taylor polynomial. NaN stays NaN.
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let a = Swift.min(abs(x), 9)  // tanh(±9) rounds to ±1 in float32
        // Series for small |x|.
        let s = a * a
        var p: Float = 21844.0 / 6081075
        p = p * s - 1382.0 / 155925
        p = p * s + 62.0 / 2835
        p = p * s - 17.0 / 315
        p = p * s + 2.0 / 15
        p = p * s - 1.0 / 3
        let series = a + a * s * p
        // exp(-2a) = 2^n * exp(r), |r| <= ln(2)/2.
        let y = -2 * a
        // Adding and subtracting 1.5 * 2^23 rounds to the nearest integer without a libm call.
        let n = (y * 1.442695041 + 12_582_912) - 12_582_912
        let r = (y - n * 0.693145752) - n * 1.42860677e-6
        var e: Float = 1.0 / 5040
        e = e * r + 1.0 / 720
        e = e * r + 1.0 / 120
        e = e * r + 1.0 / 24
        e = e * r + 1.0 / 6
        e = e * r + 0.5
        e = e * r + 1
        e = e * r + 1
        // 2^n: the biased exponent n + 127 lands in the low bits of 2^23 + n + 127, then moves up.
        e *= Float(bitPattern: (n + 8_388_735).bitPattern << 23)
        let large = (1 - e) / (1 + e)
        let magnitude = a < 0.4 ? series : large
        return x < 0 ? -magnitude : magnitude  // a NaN x has made every term NaN
    }
}
