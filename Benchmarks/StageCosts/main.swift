import Foundation
import S3CheckCore
import SafeXML

// Measures what each stage of checking costs per application, on the files given (default:
// Examples/*.xml), in one process on one core. Times are the thread's CPU time, so that other
// work on the machine does not inflate them. Run it in release mode:
//   swift run -c release s3check-stage-costs [FILES...]

func milliseconds(_ seconds: Double) -> String { String(format: "%8.4f ms", seconds * 1000) }

/// CPU seconds used by this thread so far.
func cpuTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

var arguments = Array(CommandLine.arguments.dropFirst())

// Instruction-count mode, for `valgrind --tool=callgrind` (deterministic, unlike wall time on a
// shared machine): `--checks N FILES` runs N full checks and nothing else.
var instructionCountChecks: Int?
while let flag = arguments.first, flag.hasPrefix("--"), arguments.count >= 2 {
    if flag == "--checks" { instructionCountChecks = Int(arguments[1]) }
    arguments.removeFirst(2)
}
let paths: [String]
if arguments.isEmpty {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "Examples")) ?? []
    paths = names.filter { $0.hasSuffix(".xml") }.sorted().map { "Examples/" + $0 }
} else {
    paths = arguments
}
let inputs = paths.compactMap { path in FileManager.default.contents(atPath: path).map { (path, $0) } }
guard !inputs.isEmpty else {
    print("no input files")
    exit(1)
}

if let checks = instructionCountChecks {
    let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
    let checker = try ApplicationChecker(ruleSet: ruleSet)
    var verdicts: [Verdict: Int] = [:]
    for index in 0..<checks {
        let (path, data) = inputs[index % inputs.count]
        verdicts[checker.check(data, file: path).verdict, default: 0] += 1
    }
    print(
        "\(checks) checks: \(verdicts.sorted { $0.key.rawValue < $1.key.rawValue })"
    )
    exit(0)
}

// Loading and compiling: the first time in a process (as `s3check check one.xml` pays it, with the
// schemas compiled on first use) and the median of later times.
var loadStart = cpuTime()
let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
let checker = try ApplicationChecker(ruleSet: ruleSet)
let coldLoad = cpuTime() - loadStart
var warmLoads: [Double] = []
for _ in 0..<21 {
    loadStart = cpuTime()
    _ = try ApplicationChecker(ruleSet: RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack))
    warmLoads.append(cpuTime() - loadStart)
}
let warmLoad = warmLoads.sorted()[warmLoads.count / 2]
guard let strategy = ruleSet.strategy else { fatalError("the shipped pack has no strategy") }
let scorer = AlignmentScorer(strategy: strategy)
let schema = Schemas.shared.application

let rounds = max(1, 4000 / inputs.count)
var parse = 0.0
var validate = 0.0
var score = 0.0
var full = 0.0
var documents = 0
for _ in 0..<rounds {
    for (path, data) in inputs {
        var start = cpuTime()
        guard let document = try? XMLDocument.parse(data, name: path), let root = document.root else { continue }
        parse += cpuTime() - start
        start = cpuTime()
        _ = schema.validate(document)
        validate += cpuTime() - start
        start = cpuTime()
        _ = scorer.score(root)
        score += cpuTime() - start
        start = cpuTime()
        _ = checker.check(data, file: path)
        full += cpuTime() - start
        documents += 1
    }
}
let count = Double(documents)
print("applications: \(inputs.count) files × \(rounds) rounds = \(documents) checks, one core")
print("load and compile the shipped packs: first \(milliseconds(coldLoad)), again \(milliseconds(warmLoad))")
print("per application:")
print("  parse (libxml2)                \(milliseconds(parse / count))")
print("  XSD validation                 \(milliseconds(validate / count))")
print("  S3 scoring                     \(milliseconds(score / count))")
print("  full check (parse+XSD+rules+S3)\(milliseconds(full / count))")
print(
    String(
        format: "S3 scoring relative to parsing: %.2f×; share of a full check: %.1f %%", score / parse,
        score / full * 100))
print(String(format: "full checks per second, one core: %.0f", count / full))
