import Foundation
import PackagePlugin

/// `swift package oas2apigw SUBCOMMAND …`: the oas2apigw tool run on the package it is called in.
///
/// A Swift server package keeps its spec where swift-openapi-generator reads it,
/// `Sources/<Target>/openapi.yaml`, so `convert` and `check` find it there, with a `cors.yaml`
/// or `cors.json` beside it, unless the command line names a spec. Every other subcommand runs
/// exactly as typed. The tool runs in the package's folder, so relative paths are read from
/// there and its diagnostics name files the way the package's own tools do.
@main
struct OAS2APIGWPlugin: CommandPlugin {
    /// The subcommands that take a spec as their first argument and so can be given the found one.
    static let subcommandsTakingASpec: Set<String> = ["convert", "check"]

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let typed = extractor.remainingArguments
        guard let subcommand = typed.first else {
            throw PluginFailure("give a subcommand: swift package oas2apigw convert|check|… (see swift package oas2apigw --help)")
        }
        guard targetNames.count <= 1 else { throw PluginFailure("give --target once: one target's spec is converted or checked at a time") }

        var toolArguments = typed
        if Self.subcommandsTakingASpec.contains(subcommand), Self.wantsTheFoundSpec(Array(typed.dropFirst())) {
            let found = try PackageSpec.find(in: context.package, targetName: targetNames.first)
            var inserted = [found.spec]
            // A --cors on the command line wins over the policy beside the spec.
            if let policy = found.policy, !typed.contains(where: { $0 == "--cors" || $0.hasPrefix("--cors=") }) {
                inserted += ["--cors", policy]
            }
            toolArguments.insert(contentsOf: inserted, at: 1)
        } else if !targetNames.isEmpty {
            throw PluginFailure("--target chooses the spec of convert or check when none is given; \(subcommand) does not take it")
        }

        let status = try run(context.tool(named: "oas2apigw").url, toolArguments, in: context.package.directoryURL)
        if status != 0 {
            // The tool has printed its own diagnostics. An error makes `swift package` fail,
            // with 1 whatever the tool's status, so the line names that status.
            Diagnostics.error("oas2apigw \(subcommand) exited with status \(status)")
        }
    }

    /// Whether the arguments after the subcommand leave the spec to the plugin: they do not
    /// start with one (a path, or `-` for standard input), and ask for no tree of cases or help.
    static func wantsTheFoundSpec(_ rest: [String]) -> Bool {
        if let first = rest.first, first == "-" || !first.hasPrefix("-") { return false }
        return !rest.contains { ["--cases", "--help", "-h"].contains($0) || $0.hasPrefix("--cases=") }
    }

    /// Runs the tool with the plugin's standard output and error, so its diagnostics reach the
    /// user as it prints them, and returns its exit status.
    func run(_ tool: URL, _ arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory
        FileHandle.standardError.write(Data("oas2apigw \(arguments.joined(separator: " "))\n".utf8))
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// The spec of a package, found the way swift-openapi-generator's users keep it, with the
/// CORS policy beside it; both as paths relative to the package's folder.
struct PackageSpec {
    static let specNames = ["openapi.yaml", "openapi.yml", "openapi.json"]
    static let policyNames = ["cors.yaml", "cors.json"]

    var spec: String
    var policy: String?

    /// The one spec in the folders of the package's targets (of `targetName` alone when given);
    /// none or several is an error that lists what was found and how to choose.
    static func find(in package: Package, targetName: String?) throws -> PackageSpec {
        // Swift targets only, as swift-openapi-generator reads specs only there; and theirs is
        // the one folder API that PackageDescription 6.0 plugins have.
        var targets = package.targets.compactMap { $0 as? SwiftSourceModuleTarget }
        if let targetName {
            targets = targets.filter { $0.name == targetName }
            if targets.isEmpty {
                let names = package.targets.compactMap { $0 as? SwiftSourceModuleTarget }.map(\.name).sorted()
                throw PluginFailure("no Swift target named \(targetName); the package's are \(names.joined(separator: ", "))")
            }
        }
        let root = package.directoryURL
        let found = targets.sorted { $0.name < $1.name }.flatMap { target in
            specNames.map { target.directoryURL.appending(path: $0) }.filter { exists($0) }
        }
        let scope = targetName.map { "target \($0)'s folder" } ?? "the folder of any target"
        guard let spec = found.first else {
            throw PluginFailure(
                "no \(specNames.joined(separator: ", ")) in \(scope) (Sources/<Target>/); "
                    + "give the spec's path after the subcommand")
        }
        guard found.count == 1 else {
            let list = found.map { relative($0, to: root) }.joined(separator: ", ")
            throw PluginFailure("\(found.count) specs found (\(list)); choose one with --target NAME or give the spec's path after the subcommand")
        }
        let folder = spec.deletingLastPathComponent()
        let policy = policyNames.map { folder.appending(path: $0) }.first { exists($0) }
        return PackageSpec(spec: relative(spec, to: root), policy: policy.map { relative($0, to: root) })
    }

    /// Whether `file` is a file: a folder named `openapi.yaml` is no spec.
    static func exists(_ file: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// `file` as a path from `root` when it lies inside it, else whole.
    static func relative(_ file: URL, to root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = file.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// A problem with the command line or the package, said as the tool says its own.
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
