import NNText
import Testing

@Suite struct CountedTests {
    @Test func theNounAgreesWithItsNumber() {
        #expect(counted(1, "record") == "1 record")
        #expect(counted(0, "record") == "0 records")
        #expect(counted(2, "record") == "2 records")
        #expect(counted(-1, "step") == "-1 steps")
        #expect(counted(1, "batch", "batches") == "1 batch")
        #expect(counted(3, "batch", "batches") == "3 batches")
        #expect(counted(Int64(1), "byte") == "1 byte")
    }
}
