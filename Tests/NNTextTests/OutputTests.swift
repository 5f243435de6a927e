import Foundation
@testable import NNText
import Testing

/// The one writer of standard output, standard error and exports: nothing that could drive a
/// terminal gets through, and lines stay lines.
@Suite struct OutputTests {
    static let hostile = [
        "\u{1B}]0;owned\u{07}", "\u{1B}]52;c;aGVsbG8=\u{07}", "\u{07}", "\u{1B}[2J", "\u{9B}31m", "\u{1B}P1$r\u{1B}\\",
        "\u{202E}txt.exe", "\r", "\u{7F}", "\u{0}", "\u{1B}",
    ]

    /// The scalars of `bytes` that could drive a terminal (line feeds allowed).
    static func controls(_ bytes: [UInt8]) -> [UInt32] {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { $0.isDisplayControl && $0 != "\n" }.map(\.value)
    }

    @Test(arguments: hostile)
    func noControlCharacterGetsThrough(attack: String) {
        let bytes = Output.safeBytes("model \(attack) data\nsecond line\n")
        #expect(Self.controls(bytes).isEmpty, "\(bytes)")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("model "))
        #expect(text.hasSuffix("data\nsecond line\n"))
        #expect(text.contains("\u{FFFD}"))
    }

    @Test func anEscapeSequenceCutByALineFeedKeepsTheLine() {
        let text = String(decoding: Output.safeBytes("a\u{1B}[12\nb\u{1B}]0;title\nc"), as: UTF8.self)
        #expect(text == "a\u{FFFD}\nb\u{FFFD}\nc")
    }

    /// What `write(utf8:)` passes without decoding: printable ASCII and line feeds alone.
    @Test func plainTextIsPrintableASCIIAndLineFeeds() {
        for b in 0...255 {
            let byte = UInt8(b)
            let plain = [byte].withUnsafeBytes { Output.isPlainText($0) }
            #expect(plain == ((0x20...0x7E).contains(byte) || byte == 0x0A), "byte \(b)")
            // Among plain bytes, at each place of an eight-byte word and in the tail.
            for place in [0, 3, 7, 8, 173, 298, 299] {
                var long = [UInt8](repeating: UInt8(ascii: "7"), count: 300)
                long[place] = byte
                #expect(long.withUnsafeBytes { Output.isPlainText($0) } == plain, "byte \(b) at \(place)")
            }
        }
        for attack in Self.hostile {
            #expect(!Array(attack.utf8).withUnsafeBytes { Output.isPlainText($0) }, "\(attack.unicodeScalars.map(\.value))")
        }
    }

    @Test func safeTextIsWrittenUnchanged() {
        let text = "nndash sweep · lr=0.1 ⣿⡇ loss 1e-6\n  {\"a\": \"\\u001b\"}\n"
        #expect(Output.safeBytes(text) == Array(text.utf8))
    }

    @Test func displaySafeStillMakesOneLine() {
        #expect("a\nb".displaySafe == "a\u{FFFD}b")
        #expect("x\u{1B}[31my".displaySafe == "x\u{FFFD}y")
    }

    @Test func anExportedFileHoldsNoControlCharacter() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-export-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Output.export("panel " + Self.hostile.joined(separator: " ") + "\n", toFile: path)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Self.controls(bytes).isEmpty)
        #expect(bytes.last == 0x0A)
    }
}
