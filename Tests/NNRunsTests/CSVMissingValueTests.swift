import Foundation
import NNRuns
import Testing

/// Keras' `NA` cells and pandas' index column.
@Suite struct CSVMissingValueTests {
    @Test func kerasNACellsAreMissingValuesNotDamage() {
        let text = "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,1.2,NA,NA\n1,0.6,1.0,NA,NA\n2,0.7,0.9,0.65,0.95\n"
        let run = LogRun.parse(Array(text.utf8), format: .csv)
        #expect(run.warnings.isEmpty)
        #expect(run.scalar("val_loss")?.steps == [2])
        #expect(run.scalar("loss")?.steps == [0, 1, 2])
        let damaged = LogRun.parse(Array("epoch,loss\n0,oops\n".utf8), format: .csv)
        #expect(damaged.warnings.count == 1)
    }

    @Test func pandasIndexIsNotACurve() throws {
        let url = Fixtures.logs.deletingLastPathComponent().appendingPathComponent("stores/pandas_index.csv")
        let run = try #require(try RunWatcher.read(paths: [url.path]).first)
        #expect(run.scalars.map(\.label) == ["loss"])
        #expect(run.scalar("loss")?.steps == [0, 1, 2])
        #expect(run.scalar("loss")?.y == [1.5, 0.75, 0.5])
        #expect(run.warnings.isEmpty)
    }

    @Test func pandasIndexIsTheAxisWithoutAStepColumn() {
        let run = LogRun.parse(Array(",loss,acc\n0,1.5,0.1\n1,0.75,0.2\n".utf8), format: .csv)
        #expect(run.scalars.map(\.label) == ["loss", "acc"])
        #expect(run.scalar("acc")?.steps == [0, 1])
        #expect(run.warnings.isEmpty)
    }
}
