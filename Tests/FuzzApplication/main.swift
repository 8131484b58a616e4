// libFuzzer target: reads and checks an arbitrary application with the shipped rules and renders
// every report format. Built only with -DFUZZING (see Tests/run-fuzzers.sh); otherwise empty.
#if FUZZING
    import Foundation
    import S3CheckCore
    import S3CheckReports

    /// libFuzzer calls the target from one thread, so the checker is never shared.
    private enum Target {
        nonisolated(unsafe) static let checker: ApplicationChecker = {
            do {
                let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
                return try ApplicationChecker(ruleSet: ruleSet)
            } catch {
                fatalError("the shipped rules do not load: \(error)")
            }
        }()
    }

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
        let report = Target.checker.check(Data(bytes: bytes, count: count), file: "fuzz.xml")
        // An application that could not be read must never come out as assessable.
        if report.findings.contains(where: \.blocksAssessment) {
            precondition(report.verdict == .cannotBeAssessed, "blocked finding but verdict \(report.verdict)")
        }
        let context = RunContext(packs: [], profile: nil, language: .sv, fileCount: 1)
        _ = try? TextReporter(context: context, colors: false).render([report])
        let json = try? JSONReporter(context: context).render([report])
        precondition(
            json.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil } ?? false, "invalid JSON")
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    private func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    // One-time state (shipped rules, schemas, libxml2 set-up, and each expression's native form,
    // read on its first evaluation) is created here, before libFuzzer starts counting
    // allocations, so that LeakSanitizer does not take it for a leak of the first input.
    do {
        let warmUp = (try? RuleFiles.shipped.read("tests/base-application.xml")) ?? Data("<warm-up/>".utf8)
        _ = Target.checker.check(warmUp, file: "warm-up.xml")
    }
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv, fuzzOneInput))
#endif
