import Foundation
import S3CheckTestSupport
import Testing

@Suite("s3check calibrate")
struct CalibrateCommandTests {
    @Test("Figures, confusion matrix and each disagreement with its evidence, on the examples")
    func examples() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let labels = try Fixtures.write(
            """
            file;area
            eligible-life-science.sv.xml;life-science
            eligible-ikt.en.xml;ikt
            no-area.sv.xml;none
            misdeclared-area.sv.xml;ikt
            """, to: "labels.csv", in: folder)
        let result = try BinaryRunner.run(["calibrate", "Examples", "--labels", labels])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("on 4 labelled applications"))
        #expect(output.contains("Accuracy: 75.0 % (3 of 4)"))
        #expect(output.contains("Disagreements (1)\nmisdeclared-area.sv.xml: label ikt, conclusion life-science\n"))
        #expect(output.contains("\"läkemedel\" (project title, line 7)"), "the disagreement shows its evidence")
        #expect(result.standardError.contains("applications in Examples have no label and are left out."))
        let swedish = try BinaryRunner.run(["calibrate", "Examples", "--labels", labels, "--lang", "sv"])
        #expect(swedish.standardOutput.contains("Andel rätt: 75,0 % (3 av 4)"))
    }

    @Test("A labels file with problems names each line and exits 3 without calibrating")
    func badLabels() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let labels = try Fixtures.write(
            "file,area\nno-area.sv.xml,bageri\n", to: "labels.csv", in: folder)
        let result = try BinaryRunner.run(["calibrate", "Examples", "--labels", labels])
        #expect(result.exitCode == 3)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("labels.csv:2: The area \"bageri\" is not in the strategy"))
    }

    @Test("Past applications are scored whatever their schema or dates; a file that is no application is named")
    func unscored() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schemaInvalid = try String(
            contentsOf: Fixtures.examples.appending(path: "schema-invalid.sv.xml"), encoding: .utf8)
        _ = try Fixtures.write(schemaInvalid, to: "2019.xml", in: folder)
        _ = try Fixtures.write("<not an application", to: "broken.xml", in: folder)
        let labels = try Fixtures.write(
            "file,area\n2019.xml,life-science\nbroken.xml,none\n", to: "labels.csv", in: folder)
        let result = try BinaryRunner.run(["calibrate", folder.path, "--labels", labels])
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("broken.xml could not be scored and is left out: "))
        #expect(result.standardOutput.contains("on 1 labelled application "))
        #expect(result.standardOutput.contains("Accuracy: 100.0 % (1 of 1)"))
    }

    @Test("A labelled file that is not there, or a folder that is not there, is a usage error")
    func missing() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let labels = try Fixtures.write(
            "file,area\nno-area.sv.xml,none\nnot-there.xml,ikt\n", to: "labels.csv", in: folder)
        let result = try BinaryRunner.run(["calibrate", "Examples", "--labels", labels])
        #expect(result.exitCode == 3)
        #expect(
            result.standardError.contains(
                "labels.csv:3: not-there.xml is not in Examples (paths in the labels file are relative to the folder).")
        )
        #expect(result.standardOutput.isEmpty)
        let noFolder = try BinaryRunner.run(["calibrate", "Examples/not-there", "--labels", labels])
        #expect(noFolder.exitCode == 3)
        #expect(noFolder.standardError.contains("The folder Examples/not-there does not exist."))
    }
}
