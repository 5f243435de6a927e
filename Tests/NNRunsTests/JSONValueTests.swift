import NNRuns
import Testing

@Suite struct JSONValueTests {
    @Test func roundTripKeepsKeyOrderAndNonFiniteNumbers() throws {
        let text = #"{"b":1.5,"a":[true,null,"x\n\u00e9"],"c":NaN,"d":-Infinity,"e":1e-05}"#
        let value = try JSONValue(parsing: text)
        #expect(value["b"] == .number(1.5))
        #expect(value["d"] == .number(-.infinity))
        #expect(value["c"]?.doubleValue?.isNaN == true)
        #expect(value.jsonText == #"{"b":1.5,"a":[true,null,"x\né"],"c":NaN,"d":-Infinity,"e":1e-05}"#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01x", "\"abc", "[1] 2", "tru"])
    func malformedDocumentsAreErrors(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func integralNumbersPrintLikePython() {
        #expect(JSONValue.array([16.0, 0.5, -2.0, 7]).jsonText == "[16.0,0.5,-2.0,7]")
    }
}

@Suite struct JSONIntegerTests {
    @Test func integersStayIntegersAndEqualTheirDouble() throws {
        let value = try JSONValue(parsing: "[10, 10.0, -3, 1e2]")
        #expect(value.jsonText == "[10,10.0,-3,100.0]")
        #expect(value.arrayValue?[0] == .number(10))
        #expect(value.arrayValue?[0].intValue == 10)
        #expect(value.doubleArray == [10, 10, -3, 100])
    }
}

/// RFC 8259's grammar, checked against what Python's `json.loads` accepts (Python 3, whose
/// verdict is in each table), in both readers: `JSONValue(parsing:)` and the JSON-lines scanner.
@Suite struct JSONGrammarTests {
    /// Numbers Python refuses: leading zeros, a lone sign, a bare point, an empty exponent.
    static let refusedNumbers = ["05", "-05", "00", "-00", "01.5", "-", "1.", "0.", ".5", "-.5", "1.e5", "1e", "1e+", "+1", "-NaN", "infinity", "1_000", "0x10"]
    /// Numbers Python accepts, with the value it reads.
    static let acceptedNumbers: [(String, Double)] = [
        ("0", 0), ("-0", -0.0), ("7", 7), ("-12", -12), ("1E5", 1e5), ("1e-5", 1e-5), ("-1.5e+3", -1500), ("0e0", 0), ("0.25", 0.25),
        ("1.5e999", .infinity), ("-1e999", -.infinity), ("Infinity", .infinity), ("-Infinity", -.infinity),
    ]

    @Test(arguments: refusedNumbers)
    func numbersPythonRefusesAreRefused(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[\(text)]") }
        let run = LogRun.parse(Array("{\"step\": 1, \"loss\": \(text)}\n".utf8), format: .jsonl)
        #expect(run.scalar("loss") == nil, "\(run.scalar("loss")?.y ?? [])")
        #expect(run.warnings.joined().hasPrefix("1 line that is not a JSON object skipped"), "\(run.warnings)")
    }

    @Test(arguments: acceptedNumbers)
    func numbersPythonAcceptsAreRead(text: String, value: Double) throws {
        #expect(try JSONValue(parsing: text).doubleValue == value)
        #expect(try JSONValue(parsing: "[\(text)]") == .array([.number(value)]))
        let run = LogRun.parse(Array("{\"step\": 1, \"loss\": \(text)}\n".utf8), format: .jsonl)
        #expect(run.scalar("loss")?.y == [value])
    }

    @Test func integersWithoutFractionOrExponentAreIntegers() throws {
        #expect(try JSONValue(parsing: "-0") == .int(0))
        #expect(try JSONValue(parsing: "[1E2]").jsonText == "[100.0]")
        // Beyond Int: the nearest double (Python keeps the integer exact).
        #expect(try JSONValue(parsing: "123456789012345678901234567890") == .number(123456789012345678901234567890.0))
    }

    @Test func rawControlCharactersInStringsAreRefused() throws {
        for byte in [0x00, 0x09, 0x0A, 0x1F] {
            let text = "\"a" + String(UnicodeScalar(UInt8(byte))) + "b\""
            #expect(throws: JSONParseError.self, "U+\(byte)") { try JSONValue(parsing: text) }
        }
        #expect(try JSONValue(parsing: "\"\u{7F}\"") == .string("\u{7F}"))
        #expect(try JSONValue(parsing: #""a\tb""#) == .string("a\tb"))
    }

    /// Python reads an unpaired surrogate as one code unit; a Swift string cannot hold it, so it
    /// becomes U+FFFD, and the escape after it is still read.
    @Test func surrogateEscapes() throws {
        #expect(try JSONValue(parsing: #""\ud800\udc00""#) == .string("\u{10000}"))
        #expect(try JSONValue(parsing: #""\ud800""#) == .string("\u{FFFD}"))
        #expect(try JSONValue(parsing: #""\udc00x""#) == .string("\u{FFFD}x"))
        #expect(try JSONValue(parsing: #""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONValue(parsing: #""\ud800\ud800\udc00""#) == .string("\u{FFFD}\u{10000}"))
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: #""\ud800\u00""#) }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: #""\x41""#) }
    }

    @Test func otherEdgesPythonRefuses() {
        for text in ["1 2", "[1,]", "{\"a\":1,}", "truex", "[1 2]", "\u{FEFF}1", "'a'", "nul", "[1.5.3]"] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONValue(parsing: text) }
        }
    }
}
