import Foundation

/// The part of SARIF 2.1.0 that s3check writes, as types: the one model the SARIF report is
/// encoded from (with `JSONEncoder`, keys sorted), so that no part of a log is a hand-built
/// dictionary or string.
enum SARIF {
    /// The SARIF schema the log declares.
    static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// Every part of a log is written as all of s3check's JSON is.
    static func encode(_ value: some Encodable) throws -> Data {
        try JSONText.encode(value)
    }

    struct Log: Encodable {
        var schema = SARIF.schema
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var originalUriBaseIds: [String: ArtifactLocation]
        /// How columns count: Unicode code points, as ``SafeXML/SourceText`` counts them, stated
        /// so that no consumer assumes UTF-16 units.
        var columnKind = "unicodeCodePoints"
        var results: [Result]
        var properties: RunProperties
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: MultiformatMessage
        var helpUri: String?
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct Message: Encodable {
        var text: String
    }

    struct MultiformatMessage: Encodable {
        var text: String
        var markdown: String
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var exitCode: Int
        var workingDirectory: ArtifactLocation
        var toolExecutionNotifications: [Notification]?
    }

    struct Notification: Encodable {
        var level: String
        var descriptor: DescriptorReference
        var message: Message
    }

    struct DescriptorReference: Encodable {
        var id: String
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

    struct Result: Encodable {
        var ruleId: String
        /// The rule's position in the driver; nil for a check the driver does not list.
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: ResultProperties?
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }

    struct ResultProperties: Encodable {
        var field: String
        var fieldPath: String
    }

    struct RunProperties: Encodable {
        var alignment: [Alignment]

        enum CodingKeys: String, CodingKey {
            case alignment = "s3check/alignment"
        }
    }

    /// One application's smart-specialisation result, in the run's properties.
    struct Alignment: Encodable {
        var file: String
        var declared: [String]
        var best: String
        var supported: [String]
        var clear: Bool
        var threshold: Double
        var conclusion: String
        var scores: [Score]
    }

    struct Score: Encodable {
        var area: String
        var score: Double
        var share: Double
    }
}
