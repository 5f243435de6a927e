import CKernels
@testable import NNRuns
import NNTestSupport
import Testing

/// CRC-32C by the CPU's instruction and by the tables, against the standard's check value and
/// against each other.
@Suite struct CRC32CTests {
    @Test func checkValueOfTheStandardString() {
        let digits = Array("123456789".utf8)
        // The check value of CRC-32C (RFC 3720, appendix B.4; the CRC catalogue's "check").
        digits.withUnsafeBytes { bytes in
            #expect(CRC32C.tableChecksum(bytes) == 0xE306_9283)
            #expect(CRC32C.checksum(bytes) == 0xE306_9283)
        }
        [UInt8]().withUnsafeBytes { #expect(CRC32C.checksum($0) == 0) }
    }

    @Test func hardwareAndTablesAgreeOnEveryLengthAndAlignment() {
        var random = SeededRandom("CRC-32C bytes", seed: 19)
        let bytes = (0..<600).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes.withUnsafeBytes { all in
            for start in 0..<9 {
                for length in 0...(all.count - start) {
                    let piece = UnsafeRawBufferPointer(rebasing: all[start..<start + length])
                    let expected = CRC32C.tableChecksum(piece)
                    #expect(CRC32C.checksum(piece) == expected, "start \(start) length \(length)")
                    if CRC32C.inHardware, let base = piece.baseAddress {
                        #expect(~nnk_crc32c_update(0xFFFF_FFFF, base, length) == expected)
                    }
                }
            }
        }
    }
}
