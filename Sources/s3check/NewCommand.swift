import ArgumentParser
import Foundation
import S3CheckCore

/// `s3check new`: writes an application to fill in, with the schema beside it for editors.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new application to fill in (Swedish or English), with the schema for XML editors beside it.",
        discussion: """
            Every field is present with a [fyll i: …] / [fill in: …] placeholder that says what to \
            write. Checking the file lists the fields still to fill in, in the file's order. Without \
            FILE the application is printed and no schema is written.
            """
    )

    @Argument(help: ArgumentHelp("The file to write, for example ansökan.xml.", valueName: "file"))
    var file: String?

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var rules: RuleOptions
    @OptionGroup var presentation: PresentationOptions

    func run() throws {
        let language = presentation.language
        let ruleSet = try rules.load(language: language)
        let text = ApplicationTemplate.text(language: language, ruleSet: ruleSet)
        guard let file else {
            print(text, terminator: "")
            return
        }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: file), !force {
            Diagnostics.error(
                Catalog.text("cli.already-exists-choose-another-name-or", ["file": "\(file)"])[language])
            throw Outcome.usageError.exitCode
        }
        try SchemaCommand.write(Data(text.utf8), to: file, language: language)
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let schemaPath = folder.appending(path: ApplicationTemplate.schemaFileName).path
        let schema = ApplicationTemplate.schemas.first { $0.name == ApplicationTemplate.schemaFileName }?.bytes ?? []
        var wroteSchema = false
        if !fileManager.fileExists(atPath: schemaPath) {
            try SchemaCommand.write(Data(schema), to: schemaPath, language: language)
            wroteSchema = true
        }
        let schemaNote =
            wroteSchema
            ? Catalog.text("cli.and-the-schema-for-your-xml", ["schemaPath": "\(schemaPath)"])
            : LocalizedText(sv: "", en: "")
        print(
            Catalog.text(
                "cli.wrote-fill-in-every-fill-in", language, ["file": file, "schemaNote": schemaNote[language]]))
    }
}

/// `s3check schema`: writes the XSDs, for XML editors and other tools.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Write the XML schemas (application, rule pack, strategy) for editors and other tools."
    )

    @Option(help: ArgumentHelp("The folder to write them in (default: the current folder).", valueName: "folder"))
    var outputDir = "."

    @Flag(help: "Replace schema files that exist with other content.")
    var force = false

    @OptionGroup var presentation: PresentationOptions

    func run() throws {
        let language = presentation.language
        try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
        for schema in ApplicationTemplate.schemas {
            let path = URL(fileURLWithPath: outputDir).appending(path: schema.name).path
            if let existing = FileManager.default.contents(atPath: path) {
                if existing == Data(schema.bytes) { continue }
                if !force {
                    Diagnostics.error(
                        Catalog.text("cli.already-exists-with-other-content-add", ["path": "\(path)"])[language])
                    throw Outcome.usageError.exitCode
                }
            }
            try Self.write(Data(schema.bytes), to: path, language: language)
            print(path)
        }
    }

    /// Writes `data` to `path` whole or not at all; a failure is a usage error in the user's language.
    static func write(_ data: Data, to path: String, language: Language) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Diagnostics.error(
                Catalog.text("cli.cannot-write-check-that-its-folder", ["path": "\(path)"])[language])
            throw Outcome.usageError.exitCode
        }
    }
}
