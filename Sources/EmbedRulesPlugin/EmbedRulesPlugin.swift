import Foundation
import PackagePlugin

/// Embeds every file under the package's `Rules/` folder into the target that uses the plugin.
///
/// The shipped rule packs must work from any directory, so they travel inside the binary rather
/// than beside it; the plugin lists the files so that editing a rule rebuilds the embedding.
@main
struct EmbedRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let rulesFolder = context.package.directoryURL.appending(path: "Rules")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRuleFiles.swift")
        let inputs = embeddableFiles(under: rulesFolder)
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) rule files",
                executable: try context.tool(named: "RulesEmbedder").url,
                arguments: [rulesFolder.path, output.path],
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
