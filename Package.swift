// swift-tools-version: 6.1
import PackageDescription

// The engine reads every value of an application through the layers below it (exact numbers,
// dates, the XML wrapper); without cross-module optimisation none of those small functions is
// inlined across the module boundary, which costs about a tenth of a check (docs/performance.md).
let crossModuleOptimization: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))
]

let package = Package(
    name: "s3check",
    // macOS 14: what Hummingbird 2 needs for the service.
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "s3check", targets: ["s3check"]),
        .library(name: "S3CheckCore", targets: ["S3CheckCore"]),
        .executable(name: "s3check-serve", targets: ["s3check-serve"]),
    ],
    // Exact versions: Package.resolved cannot be committed here (mirrored commit ids differ), so
    // the manifest says what a build is made from.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        // The service only; `swift-configuration` support is left out to keep the build short.
        .package(
            url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
        // Request bodies in gzip or deflate (what hummingbird-compression uses).
        .package(url: "https://github.com/adam-fowler/compress-nio", exact: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "SafeXML", dependencies: ["CLibXML2"], swiftSettings: crossModuleOptimization),
        .executableTarget(name: "RulesEmbedder"),
        .plugin(
            name: "EmbedRulesPlugin",
            capability: .buildTool(),
            dependencies: ["RulesEmbedder"],
            path: "Sources/EmbedRulesPlugin"
        ),
        .target(name: "S3CheckRules", plugins: ["EmbedRulesPlugin"]),
        // Core in layers, each importing only those below it, so the compiler keeps them apart:
        // values (model, money, dates, texts, schemas) ← packs (reading rule packs and
        // strategies) ← engine (compiling, evaluating, scoring, verdicts) ← authoring (lint, rule
        // tests, calibration, templates). S3CheckCore is all four under one name.
        .target(
            name: "S3CheckValues",
            dependencies: ["SafeXML", "S3CheckRules", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Catalogs"],
            swiftSettings: crossModuleOptimization,
            plugins: ["EmbedRulesPlugin"]
        ),
        .target(
            name: "S3CheckPacks", dependencies: ["S3CheckValues", "SafeXML", "S3CheckRules"],
            swiftSettings: crossModuleOptimization),
        .target(
            name: "S3CheckEngine", dependencies: ["S3CheckPacks", "S3CheckValues", "SafeXML"],
            swiftSettings: crossModuleOptimization),
        .target(
            name: "S3CheckAuthoring",
            dependencies: [
                "S3CheckEngine", "S3CheckPacks", "S3CheckValues", "SafeXML", "S3CheckRules",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        .target(
            name: "S3CheckCore",
            dependencies: ["S3CheckAuthoring", "S3CheckEngine", "S3CheckPacks", "S3CheckValues"]
        ),
        .target(name: "S3CheckReports", dependencies: ["S3CheckCore", "SafeXML"]),
        // What a run is, shared by the command line and the service.
        .target(name: "S3CheckRun", dependencies: ["S3CheckCore", "S3CheckReports"]),
        .target(
            name: "S3CheckServer",
            dependencies: [
                "S3CheckCore",
                "S3CheckReports",
                "S3CheckRun",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .executableTarget(
            name: "s3check-serve",
            dependencies: [
                "S3CheckServer",
                "S3CheckRun",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "s3check",
            dependencies: [
                "S3CheckCore",
                "S3CheckReports",
                "S3CheckRun",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "s3check-stage-costs",
            dependencies: ["S3CheckCore", "SafeXML"],
            path: "Benchmarks/StageCosts"
        ),
        .executableTarget(
            name: "s3check-fuzz-application",
            dependencies: ["S3CheckCore", "S3CheckReports"],
            path: "Tests/FuzzApplication"
        ),
        .executableTarget(
            name: "s3check-fuzz-rulepack",
            dependencies: ["S3CheckCore", "S3CheckRules"],
            path: "Tests/FuzzRulePack"
        ),
        // libxml2's own XPath evaluator, the oracle the rule language's evaluator is tested
        // against; rules never run on it.
        .target(name: "XPathOracle", dependencies: ["SafeXML", "CLibXML2"], path: "Tests/XPathOracle"),
        .target(
            name: "S3CheckTestSupport",
            dependencies: ["S3CheckCore", "SafeXML", "XPathOracle"],
            path: "Tests/S3CheckTestSupport"
        ),
        .testTarget(name: "SafeXMLTests", dependencies: ["SafeXML", "S3CheckTestSupport"]),
        .testTarget(
            name: "S3CheckCoreTests",
            dependencies: ["S3CheckCore", "S3CheckEngine", "S3CheckReports", "S3CheckTestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["s3check", "S3CheckTestSupport"]
        ),
        .testTarget(
            name: "ServiceTests",
            dependencies: [
                "s3check", "s3check-serve", "S3CheckRun", "S3CheckServer", "S3CheckTestSupport",
                // Hummingbird's test client: route tests run in process, without a socket.
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
