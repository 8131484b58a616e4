import Foundation
import PackagePlugin

/// Embeds data files into the target that uses the plugin: the package's `Rules/` folder into
/// `S3CheckRules` (as `EmbeddedRuleFiles`), a target's own `Catalogs/` folder (the message
/// catalogs) into any other target (as `EmbeddedCatalogFiles`).
///
/// The shipped rule packs and the texts must work from any directory, so they travel inside
/// the binary rather than beside it; the plugin lists the files so that editing one rebuilds
/// the embedding.
@main
struct EmbedRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let isRules = target.name == "S3CheckRules"
        let folder =
            isRules
            ? context.package.directoryURL.appending(path: "Rules")
            : target.directoryURL.appending(path: "Catalogs")
        let name = isRules ? "EmbeddedRuleFiles" : "EmbeddedCatalogFiles"
        let output = context.pluginWorkDirectoryURL.appending(path: "\(name).swift")
        let inputs = embeddableFiles(under: folder)
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) \(isRules ? "rule" : "catalog") files",
                executable: try context.tool(named: "RulesEmbedder").url,
                arguments: [folder.path, output.path, name],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private func embeddableFiles(under folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(
            at: folder,
            includingPropertiesForKeys: [.isRegularFileKey]
        )
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            let isFile = (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile
            if isFile == true { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }
}
