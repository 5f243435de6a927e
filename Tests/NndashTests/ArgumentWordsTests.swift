@testable import nndash
import Testing

/// `--opt -1` reaches ArgumentParser as `--opt=-1`, so the bad value is named, not "missing".
@Suite struct ArgumentWordsTests {
    @Test func negativeNumbersAreJoinedToTheirOption() {
        #expect(Nndash.joiningNegativeValues(["sweep", "--lr-min", "-0.1", "--num", "-3"])
            == ["sweep", "--lr-min=-0.1", "--num=-3"])
        #expect(Nndash.joiningNegativeValues(["--x0", "-.5", "--x0", "-1e3", "--x0", "-inf", "--x0", "-NaN"])
            == ["--x0=-.5", "--x0=-1e3", "--x0=-inf", "--x0=-NaN"])
    }

    @Test func otherWordsAreLeftAlone() {
        // Options and flags that follow, a value already joined, a lone dash, and everything
        // after `--`.
        let words = ["--plain", "--json", "--runs-dir", "-x", "--num=-2", "--num", "-", "--", "--x0", "-1"]
        #expect(Nndash.joiningNegativeValues(words) == words)
    }
}
