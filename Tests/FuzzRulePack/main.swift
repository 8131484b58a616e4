// libFuzzer target: loads an arbitrary rule pack (which includes the shipped EU pack when it
// asks to) and, when it loads, checks an example with it. Built only with -DFUZZING.
#if FUZZING
    import Foundation
    import S3CheckCore
    import S3CheckRules

    private enum Target {
        static let example = Data(ShippedRules.files["tests/base-application.xml"] ?? [])
    }

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
        var files = ShippedRules.files
        files["se/stockholm/fuzz.xml"] = Array(UnsafeBufferPointer(start: bytes, count: count))
        let memory = RuleFiles.memory(files)
        do {
            let ruleSet = try RulePackLoader(files: memory).load("se/stockholm/fuzz.xml")
            _ = RuleLinter().lint(ruleSet)
            let report = try ApplicationChecker(ruleSet: ruleSet).check(Target.example, file: "example.xml")
            if report.results.contains(where: { $0.outcome == .error }) {
                precondition(report.verdict == .cannotBeAssessed, "rule error but verdict \(report.verdict)")
            }
        } catch {
            precondition(!error.problems.isEmpty, "a failed load must say why")
        }
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    private func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    // One-time statics (shipped rules, schemas, libxml2 set-up) are created before fuzzing starts,
    // so that LeakSanitizer does not count them against the first input.
    _ = Target.example.withUnsafeBytes { fuzzOneInput($0.bindMemory(to: UInt8.self).baseAddress!, 0) }
    _ = try? RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv, fuzzOneInput))
#endif
