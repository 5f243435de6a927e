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
