import Foundation

/// Paths and files the test suites share.
public enum Fixtures {
    /// The package's root folder, found from this source file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `Examples/`.
    public static var examples: URL { packageRoot.appending(path: "Examples") }

    /// `Rules/`.
    public static var rules: URL { packageRoot.appending(path: "Rules") }

    /// The eligible Swedish example, a schema-valid base for engine tests.
    public static func eligibleApplication() throws -> String {
        try String(contentsOf: examples.appending(path: "eligible-life-science.sv.xml"), encoding: .utf8)
    }

    /// A fresh temporary folder, removed by the caller with `removeItem`.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "s3check-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` inside `folder` and returns its path.
    @discardableResult
    public static func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let url = folder.appending(path: name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}

/// Builds small rule packs for engine tests.
public enum PackBuilder {
    /// A pack with `rules` (rule elements as XML text) and optional extra top-level content.
    public static func pack(
        id: String = "test-pack",
        includes: [String] = [],
        extra: String = "",
        rules: String
    ) -> String {
        let includeXML = includes.map { "<include href=\"\($0)\"/>" }.joined(separator: "\n")
        // The schema wants at least one rule in a group, so a pack without rules has no group.
        let group =
            rules.isEmpty
            ? ""
            : """
            <group id="g">
              <title lang="sv">Grupp</title>
              <title lang="en">Group</title>
              \(rules)
            </group>
            """
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rulePack xmlns="urn:s3check:rules:1" id="\(id)" version="1.0.0" validFrom="2021-01-01" validTo="2029-12-31">
              <title lang="sv">Testpaket</title>
              <title lang="en">Test pack</title>
              \(includeXML)
              \(extra)
              \(group)
            </rulePack>
            """
    }

    /// One rule with the given check element, bilingual texts and a legal reference.
    public static func rule(
        _ id: String,
        severity: String = "error",
        profiles: String? = nil,
        prelude: String = "",
        check: String
    ) -> String {
        let profileAttribute = profiles.map { " profiles=\"\($0)\"" } ?? ""
        return """
            <rule id="\(id)" severity="\(severity)"\(profileAttribute)>
              <title lang="sv">Titel \(id)</title>
              <title lang="en">Title \(id)</title>
              <legal url="https://example.org/law">Test law, art. 1</legal>
              \(prelude)
              \(check)
              <message lang="sv">Meddelande {value}</message>
              <message lang="en">Message {value}</message>
            </rule>
            """
    }
}
