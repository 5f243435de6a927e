import NNText
import Testing

@Suite struct NumberFormatTests {
    @Test func numbersAreShort() {
        #expect(NumberFormat.short(12_345) == "12.3k")
        #expect(NumberFormat.short(0.000123) == "1.23e-4")
        #expect(NumberFormat.short(0.000012) == "1.2e-5")
        #expect(NumberFormat.short(0.25) == "0.25")
        #expect(NumberFormat.short(-3) == "-3")
        #expect(NumberFormat.short(2_500_000) == "2.5M")
        #expect(NumberFormat.short(0.0123456, digits: 6) == "0.0123456")
        // Rounding that reaches the next unit takes it.
        #expect(NumberFormat.short(999_999) == "1M")
        #expect(NumberFormat.short(999.96e9) == "1e12")
        // Without suffixes, a tensor's value or a parameter: a power of ten.
        #expect(NumberFormat.short(12_345, suffixes: false) == "1.23e4")
        #expect(NumberFormat.short(-1234.5, digits: 5, suffixes: false) == "-1234.5")
        #expect(NumberFormat.scientific(123_456) == "1.23e5")
        #expect(NumberFormat.scientific(-0.000045) == "-4.5e-5")
        #expect(NumberFormat.scientific(9.996) == "1e1")
        #expect(NumberFormat.rounded(0.0123456, digits: 3) == 0.0123)
        #expect(NumberFormat.short(.nan) == "NaN")
        #expect(NumberFormat.short(-.infinity) == "-inf")
        #expect(NumberFormat.labels([0, 50_000, 100_000], step: 50_000) == ["0", "50k", "100k"])
        #expect(NumberFormat.labels([0, 2e6, 4e6], step: 2e6) == ["0", "2M", "4M"])
        #expect(NumberFormat.labels([0, 5e9, 1e10], step: 5e9) == ["0", "5G", "10G"])
        #expect(NumberFormat.labels([0, 0.0002, 0.0004], step: 0.0002) == ["0", "2e-4", "4e-4"])
    }

    /// Fixed decimals round the binary value as `%.Nf` does in C and Python, the way the lessons
    /// print their losses, and never write `-0`.
    @Test func fixedDecimalsRoundAsTheLessonsPrint() {
        #expect(NumberFormat.fixed(0.01, decimals: 4) == "0.0100")
        #expect(NumberFormat.fixed(0.125, decimals: 2) == "0.12")  // exactly halfway: to even
        #expect(NumberFormat.fixed(0.375, decimals: 2) == "0.38")
        #expect(NumberFormat.fixed(2.675, decimals: 2) == "2.67")  // 2.67499999… in binary
        #expect(NumberFormat.fixed(1.0005, decimals: 3) == "1.000")  // 1.000499999… in binary
        #expect(NumberFormat.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(NumberFormat.fixed(-0.006, decimals: 2) == "-0.01")
        #expect(NumberFormat.fixed(3, decimals: 0) == "3")
        #expect(NumberFormat.fixed(1e20, decimals: 1) == "100000000000000000000.0")
        #expect(NumberFormat.fixed(.nan, decimals: 3) == "nan")
        #expect(NumberFormat.fixed(-.infinity, decimals: 3) == "-inf")
    }

    @Test func distinctValuesGetDistinctLabels() {
        #expect(NumberFormat.distinct([1e-5, 1.1e-5, 0.1]) == ["1e-5", "1.1e-5", "0.1"])
        #expect(NumberFormat.distinct([0.1, 0.1, 0.12345]) == ["0.1", "0.1", "0.123"])
        #expect(NumberFormat.distinct([1.0001, 1.0002]) == ["1.0001", "1.0002"])
    }

    @Test func bytesInPowersOfAThousand() {
        #expect(NumberFormat.bytes(512) == "512 B")
        #expect(NumberFormat.bytes(999.7) == "1.0 kB")
        #expect(NumberFormat.bytes(2_500_000) == "2.5 MB")
        #expect(NumberFormat.bytes(999_960) == "1.0 MB")  // not "1000.0 kB"
        #expect(NumberFormat.bytes(12.3e9) == "12.3 GB")
        #expect(NumberFormat.bytes(4e15) == "4000.0 TB")
        #expect(NumberFormat.bytes(1e300) == "1e288 TB")
    }
}
