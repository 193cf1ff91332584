import Diagnostics
import YAML
import Support

/// Reads an OpenAPI 3.0 or 3.1 spec and every file its `$ref`s reach, and checks that each
/// `$ref` leads somewhere.
///
/// Each file is read once, however often it is referenced, and files are reached in a fixed
/// order (the entry, then breadth first in document order), so diagnostics and everything
/// built from `LoadedSpec.fileOrder` come out the same on every run. Only the parts of a
/// referenced file that a `$ref` reaches are checked: a shared file may hold definitions
/// this spec never uses.
public enum SpecLoader {
    /// Loads the spec whose entry file is `entry`.
    ///
    /// `entryRead`, if given, is called with the spec as soon as the entry file is read and
    /// its version is good, before any `$ref` is checked: a caller can start on work that
    /// needs only the tree (the model of a one-file spec) while the references are checked.
    ///
    /// - Throws: `DiagnosticError` with every problem found in all files, each at the
    ///   `$ref` or node it concerns.
    public static func load(
        entry: String, reader: some SpecFileReader, options: LoadOptions = LoadOptions(),
        entryRead: ((LoadedSpec) -> Void)? = nil
    ) throws -> LoadResult {
        var run = LoaderRun(entry: entry, reader: reader, options: options)
        return try run.load(entryRead: entryRead)
    }

    /// The versions this tool reads, for messages.
    static let supportedVersions = "Swagger 2.0, OpenAPI 3.0.x and 3.1.x"

    /// Whether `version` is 3.0.x or 3.1.x, with an optional pre-release suffix (`3.1.0-rc1`).
    static func isSupported(version: String) -> Bool {
        for prefix in ["3.0.", "3.1."] where version.hasPrefix(prefix) {
            let patch = version.dropFirst(prefix.count).prefix { $0 != "-" }
            return !patch.isEmpty && patch.allSatisfy(\.isASCII) && patch.allSatisfy(\.isNumber)
        }
        return false
    }
}

/// One `$ref` the loader found: where it is written and what kind of object it stands for.
struct ReferenceSite {
    var file: String
    /// The mapping that holds the `$ref`.
    var pointer: JSONPointer
    /// The `$ref`'s value, for its text and its mark.
    var value: Node
    var kind: ComponentKind?
    /// `file#pointer` of what the `$ref` names, once it has parsed.
    var target: String?

    var location: SourceLocation { SourceLocation(file: file, mark: value.mark) }
}

/// The state of one `SpecLoader.load` call.
struct LoaderRun<Reader: SpecFileReader> {
    let entry: String
    let reader: Reader
    let options: LoadOptions
    /// The entry file's folder; `$ref`s must stay inside it unless allowed otherwise.
    let folder: String

    var engine = DiagnosticEngine()
    var spec: LoadedSpec?
    /// Files that could not be read or parsed; their problem is reported once.
    var failedFiles: Set<String> = []
    var totalBytes = 0
    var hasReportedFileLimit = false
    var hasReportedByteLimit = false

    /// Subtrees still to look through for `$ref`s, first reached first.
    var pending: [(file: String, pointer: JSONPointer, slot: SpecSlot)] = []
    var walked: Set<String> = []
    var sites: [ReferenceSite] = []
    var references = ReferenceCache()
    /// Finds targets, with the mappings many targets sit in (`components.schemas`) indexed.
    var targets = TargetFinder()
    /// Targets (`file#/pointer`) already found to exist, and queued when in another file,
    /// with whether the target is itself a `$ref`.
    var existingTargets: [String: Bool] = [:]
    /// The entry's fragment references (`#/components/schemas/Pet`) already checked, by
    /// text, with their target: large specs repeat a few hundred of them thousands of times.
    var entryFragments: [String: (target: String, isReference: Bool)] = [:]
    /// Whether any target is itself a `$ref`; without one there can be no cycle.
    var hasReferenceTargets = false
    /// Sites of files other than the entry already seen, by `file#/pointer`.
    var visitedSites: Set<String> = []
    /// False once a `$ref` names a file, even the entry itself.
    var allFragments = true
    /// Files already looked at for a symbolic link out of the folder, with what was found.
    var linkChecks: [String: (link: String, destination: String)?] = [:]
    /// The entry's folder with its links followed, once asked of the reader (`.some(nil)`:
    /// the reader has no links).
    var resolvedFolder: String??

    init(entry: String, reader: Reader, options: LoadOptions) {
        // The entry goes by its normalised name too (`./api/openapi.yaml` is
        // `api/openapi.yaml`), so a $ref back to it finds it instead of reading it again.
        let normalised = SpecReference.normalised(entry)
        self.entry = normalised.isEmpty ? entry : normalised
        self.reader = reader
        self.options = options
        let parts = self.entry.split(separator: "/", omittingEmptySubsequences: false)
        folder = parts.dropLast().joined(separator: "/")
    }

    mutating func load(entryRead: ((LoadedSpec) -> Void)? = nil) throws -> LoadResult {
        let (root, noted) = try readEntry()
        checkVersion(root)
        spec = LoadedSpec(entryFile: entry, root: root)
        // A Swagger 2.0 entry is upgraded with the files it refers to, after they are read.
        let isSwagger2 = Swagger2Upgrade.isSwagger2(root)
        if let entryRead, let spec, !engine.hasErrors, !isSwagger2 { entryRead(spec) }
        // Every file is walked from its root for its `$ref`s, the entry file first. The fast
        // path for the entry file: the reader noted its `$ref`s as it read it (unless an alias
        // or JSON leaves the tree to be walked), and only those places are looked at
        // (SpecLoader+NotedReferences.swift), with the same result as the walk.
        if let noted {
            walked.insert(entry + JSONPointer(tokens: []).description)
            visitNoted(noted, in: root)
        } else {
            pending.append((entry, JSONPointer(tokens: []), .object(nil)))
        }
        var next = 0
        while next < pending.count {
            let job = pending[next]
            next += 1
            walk(job.file, job.pointer, job.slot)
        }
        reportCycles()
        try engine.throwIfErrors()
        if isSwagger2 {
            let (upgraded, diagnostics) = Swagger2Upgrade.upgrade(spec!)
            spec = upgraded
            engine.report(contentsOf: diagnostics)
        }
        spec!.hasOnlyFragmentReferences = allFragments && spec!.fileOrder.count == 1
        return LoadResult(spec: spec!, warnings: engine.diagnostics)
    }

    /// The entry file's tree. Its bytes are let go here, as soon as it is parsed: nothing
    /// after the read needs them, and for a large spec they are a sizeable part of the
    /// memory the later stages would otherwise hold on top of the tree.
    private mutating func readEntry() throws -> (root: Node, entries: KeyedEntries?) {
        let bytes = try reader.read(entry)
        totalBytes = bytes.count
        if totalBytes > options.maxTotalBytes {
            throw DiagnosticError(byteLimit(at: SourceLocation(file: entry, line: 1, column: 1)))
        }
        return try DocumentReader.read(
            bytes, file: entry, limits: options.readLimits, notingKeys: Self.notedKeys, tellingApart: SpecSlot.distinguishedKeys)
    }

    /// The keys whose entries the entry file's reader notes: `$ref`, and a discriminator's
    /// `mapping`, whose values are references without the keyword.
    private static var notedKeys: [String] { ["$ref", "mapping"] }

    // MARK: version

    private mutating func checkVersion(_ root: Node) {
        guard let mapping = root.mapping else {
            engine.report(
                LoadError.error(
                    LoadError.rootNotMapping,
                    "the top level is \(root.kindDescription), not a mapping; an OpenAPI document starts with fields such as \"openapi: 3.1.0\" (\(Diagnostic.repairCannotFix))",
                    file: entry, at: root.mark))
            return
        }
        if let swagger = mapping["swagger"] {
            // Swagger 2.0 is read, and upgraded once every file is loaded (`Swagger2Upgrade`).
            if Swagger2Upgrade.isSwagger2(root) { return }
            engine.report(
                LoadError.error(
                    LoadError.swagger2,
                    "swagger version \(swagger.text.map { "\"\($0)\"" } ?? "of this kind") is not one this tool reads; write swagger: \"2.0\", or openapi: \"3.0.3\" or \"3.1.0\" for OpenAPI 3 (this tool reads \(SpecLoader.supportedVersions); \(Diagnostic.repairCannotFix))",
                    file: entry, at: swagger.mark))
            return
        }
        guard let version = mapping["openapi"] else {
            engine.report(
                LoadError.error(
                    LoadError.missingVersion,
                    "no \"openapi\" field at the top level; add one such as \"openapi: 3.1.0\" (this tool reads \(SpecLoader.supportedVersions); \(Diagnostic.repairCannotFix))",
                    file: entry, at: root.mark))
            return
        }
        if let short = version.text, ["3.0", "3.1"].contains(short), version.scalar != nil {
            // API Gateway's import takes `openapi: 3.0`, and what it means is clear.
            engine.report(
                .warning(
                    LoadError.versionWithoutPatch,
                    "the openapi version \(short) names no patch release; it is read as \(short == "3.0" ? "3.0.3" : "3.1.0") and the "
                        + "output says 3.0.3, so write \"\(short == "3.0" ? "3.0.3" : "3.1.0")\" (in quotes) to say so",
                    at: SourceLocation(file: entry, mark: version.mark)))
            return
        }
        guard let text = version.string else {
            let written = version.text.map { " \($0)" } ?? ""
            engine.report(
                LoadError.error(
                    LoadError.unsupportedVersion,
                    "the openapi version\(written) is \(version.kindDescription), not a string; write the full version in quotes, such as \"3.1.0\" (\(Diagnostic.repairCannotFix))",
                    file: entry, at: version.mark))
            return
        }
        if !SpecLoader.isSupported(version: text) {
            engine.report(
                LoadError.error(
                    LoadError.unsupportedVersion,
                    "openapi version \"\(text)\" is not supported; this tool reads \(SpecLoader.supportedVersions), so write a version such as \"3.0.3\" or \"3.1.0\" (\(Diagnostic.repairCannotFix))",
                    file: entry, at: version.mark))
        }
    }

    // MARK: walking

    /// Looks through the subtree at `pointer` in `file` for `$ref`s, once per subtree.
    private mutating func walk(_ file: String, _ pointer: JSONPointer, _ slot: SpecSlot) {
        guard walked.insert(file + pointer.description).inserted,
            let root = spec?.documents[file], let node = pointer.resolve(in: root)
        else { return }
        var tokens = pointer.tokens
        visit(node, slot, file, &tokens)
    }

    /// Looks through one node for `$ref`s; `tokens` is the node's pointer, grown and shrunk
    /// in place.
    ///
    /// This meets every node of the entry file, so it reads the children where they lie
    /// (`withUnsafeBufferPointer`, `withInterleavedEntries`) instead of copying each one out,
    /// and skips scalars and data (`example`, extensions) before descending.
    private mutating func visit(_ node: Node, _ slot: SpecSlot, _ file: String, _ tokens: inout [String]) {
        guard slot != .literal else { return }
        switch node.content {
        case .scalar:
            return
        case .sequence(let items):
            let itemSlot = slot.item
            guard itemSlot != .literal else { return }
            items.withUnsafeBufferPointer { items in
                for index in items.indices where !items[index].isScalar {
                    tokens.append(String(index))
                    visit(items[index], itemSlot, file, &tokens)
                    tokens.removeLast()
                }
            }
        case .mapping(let mapping):
            if slot == .schemaMapping {
                // Each value that is a reference is checked like a $ref to a schema.
                for (key, value) in mapping.entries {
                    guard let name = key.text, let text = value.string, SpecSlot.isReference(mappingValue: text) else { continue }
                    tokens.append(name)
                    found(value, kind: .schemas, in: file) { tokens }
                    tokens.removeLast()
                }
                return
            }
            let readsReferences = slot.readsReferences
            mapping.withInterleavedEntries { entries in
                var i = 0
                while i < entries.count {
                    defer { i += 2 }
                    guard case .scalar(let key) = entries[i].content else { continue }
                    if readsReferences, SpecSlot.isReferenceKey(key.text) {
                        found(entries[i + 1], kind: slot.kind, in: file) { tokens }
                        continue
                    }
                    if entries[i + 1].isScalar { continue }
                    let childSlot = slot.child(key.text, value: entries[i + 1])
                    if childSlot == .literal { continue }
                    tokens.append(key.text)
                    visit(entries[i + 1], childSlot, file, &tokens)
                    tokens.removeLast()
                }
            }
        }
    }

    // MARK: one reference

    /// Checks one `$ref`, written in `file` as `value` in the mapping at `tokens`, and queues
    /// what it leads to.
    ///
    /// Only a `$ref` whose target is itself a `$ref` is kept as a site: no other can be part
    /// of a cycle, and a large spec has tens of thousands of the others.
    mutating func found(_ value: Node, kind: ComponentKind?, in file: String, at tokens: () -> [String]) {
        // The entry file is walked once, so its sites cannot repeat; other files' subtrees
        // may overlap (a $ref to a section and another to a part of it).
        if file != entry {
            guard visitedSites.insert(file + JSONPointer(tokens: tokens()).description).inserted else { return }
        }
        let location = SourceLocation(file: file, mark: value.mark)
        guard let text = value.string else {
            engine.report(
                .error(
                    LoadError.refNotString,
                    "$ref must be a string, not \(value.kindDescription); write the reference in quotes, such as \"#/components/schemas/Pet\"",
                    at: location))
            return
        }
        if !text.hasPrefix("#") {
            allFragments = false
        } else if file == entry, let known = entryFragments[text] {
            // The same `#/components/…` again: already parsed, found and queued.
            if known.isReference { keep(value, kind: kind, in: file, at: tokens, target: known.target) }
            return
        }
        guard let reference = references.parse(text, in: file) else {
            engine.report(
                .error(
                    LoadError.badPointer,
                    "$ref \"\(text)\" has a fragment that is not a JSON pointer; write it as \"#/a/b\", escaping ~ as ~0 and / as ~1",
                    at: location))
            return
        }
        if reference.isRemote {
            engine.report(
                .error(
                    LoadError.remoteRef,
                    "$ref \"\(text)\" names a network location, which this tool never fetches; save the file beside the spec and refer to it by a relative path",
                    at: location))
            return
        }
        if reference.file != file, !options.allowsRefsOutsideFolder, !isInsideFolder(reference.file) {
            let place = folder.isEmpty ? "the current folder" : folder
            engine.report(
                .error(
                    LoadError.refOutsideFolder,
                    "$ref \"\(text)\" leads to \(reference.file), outside \(place) where the spec starts; move the file into that folder or pass --allow-ref-outside (\(Diagnostic.repairCannotFix))",
                    at: location))
            return
        }
        // The entry is where the user pointed, link or not; the files it reaches must stay.
        if reference.file != file, reference.file != entry, !options.allowsRefsOutsideFolder,
            let escape = linkLeavingFolder(reference.file)
        {
            let place = folder.isEmpty ? "the current folder" : folder
            let through = escape.link == reference.file ? "is a symbolic link" : "goes through the symbolic link \(escape.link)"
            engine.report(
                .error(
                    LoadError.refOutsideFolder,
                    "$ref \"\(text)\" leads to \(reference.file), which \(through) to \(escape.destination), outside \(place) where the spec starts; copy the file into that folder instead of linking to it or pass --allow-ref-outside (\(Diagnostic.repairCannotFix))",
                    at: location))
            return
        }
        let target = reference.file + reference.pointer.description
        // Large specs point thousands of $refs at a few hundred components, and finding a
        // name in `components.schemas` is a linear scan: check each target once.
        if let isReference = existingTargets[target] {
            if file == entry, text.hasPrefix("#") { entryFragments[text] = (target, isReference) }
            if isReference { keep(value, kind: kind, in: file, at: tokens, target: target) }
            return
        }
        guard ensureLoaded(reference.file, at: location), let root = spec?.documents[reference.file] else { return }
        guard let node = targets.resolve(reference.pointer, in: root, of: reference.file) else {
            reportMissingTarget(reference, root: root, text: text, at: location)
            return
        }
        // Only a target that is itself a `$ref` can be part of a cycle of `$ref`s.
        let isReference = node.mapping?["$ref"] != nil
        existingTargets[target] = isReference
        if isReference {
            hasReferenceTargets = true
            keep(value, kind: kind, in: file, at: tokens, target: target)
        }
        if file == entry, text.hasPrefix("#") { entryFragments[text] = (target, isReference) }
        // The entry file is looked through whole; other files only where a $ref leads.
        if reference.file != entry {
            pending.append((reference.file, reference.pointer, .object(kind)))
        }
    }

    /// Keeps a `$ref` whose target is another `$ref`, for `reportCycles`.
    private mutating func keep(_ value: Node, kind: ComponentKind?, in file: String, at tokens: () -> [String], target: String) {
        sites.append(ReferenceSite(file: file, pointer: JSONPointer(tokens: tokens()), value: value, kind: kind, target: target))
    }

    /// The symbolic link by which `file`, inside the folder by its name, really lies outside
    /// it, asked of the reader once per file (a large spec names a few files thousands of times).
    private mutating func linkLeavingFolder(_ file: String) -> (link: String, destination: String)? {
        if let known = linkChecks[file] { return known }
        if resolvedFolder == nil { resolvedFolder = .some(reader.resolvedPath(folder.isEmpty ? "." : folder)) }
        // A reader without links (in memory) has nothing to compare.
        guard let home = resolvedFolder! else { return nil }
        let found = reader.linkLeaving(folder, from: file, home: home)
        linkChecks[file] = .some(found)
        return found
    }

    private func isInsideFolder(_ file: String) -> Bool {
        if folder.isEmpty { return !file.hasPrefix("/") && file != ".." && !file.hasPrefix("../") }
        return file.hasPrefix(folder + "/")
    }

    /// Reads and parses `file` the first time a `$ref` names it; false when it is not there.
    private mutating func ensureLoaded(_ file: String, at location: SourceLocation) -> Bool {
        if spec?.documents[file] != nil { return true }
        if failedFiles.contains(file) { return false }
        if spec!.fileOrder.count >= options.maxFiles {
            failedFiles.insert(file)
            if !hasReportedFileLimit {
                hasReportedFileLimit = true
                engine.report(
                    .error(
                        LoadError.tooManyFiles,
                        "the spec reaches more than \(options.maxFiles) files; merge some of them, or check for $refs that build file names in a loop",
                        at: location))
            }
            return false
        }
        let bytes: [UInt8]
        do {
            bytes = try reader.read(file)
        } catch let error as DiagnosticError {
            failedFiles.insert(file)
            // The reader's own words (missing, a folder, too large) as notes at the $ref:
            // the file it would point at may not exist.
            let notes = error.diagnostics.map { Diagnostic.Note($0.message, at: location) }
            engine.report(
                .error(
                    LoadError.missingFile,
                    "$ref names \(file), which cannot be read; fix the path or add the file (\(Diagnostic.repairCannotFix))",
                    at: location, notes: notes))
            return false
        } catch {
            failedFiles.insert(file)
            engine.report(
                .error(
                    LoadError.missingFile,
                    "$ref names \(file), which cannot be read (\(error)); fix the path or add the file (\(Diagnostic.repairCannotFix))",
                    at: location))
            return false
        }
        totalBytes += bytes.count
        if totalBytes > options.maxTotalBytes {
            failedFiles.insert(file)
            if !hasReportedByteLimit {
                hasReportedByteLimit = true
                engine.report(byteLimit(at: location))
            }
            return false
        }
        do {
            let root = try DocumentReader.read(bytes, file: file, limits: options.readLimits)
            spec!.add(file: file, root: root)
            return true
        } catch let error as DiagnosticError {
            failedFiles.insert(file)
            var diagnostics = error.diagnostics
            if let first = diagnostics.indices.first {
                diagnostics[first].notes.append(Diagnostic.Note("the file is referenced here", at: location))
            }
            engine.report(contentsOf: diagnostics)
            return false
        } catch {
            failedFiles.insert(file)
            return false
        }
    }

    private func byteLimit(at location: SourceLocation) -> Diagnostic {
        .error(
            LoadError.tooManyBytes,
            "the spec's files hold more than \(options.maxTotalBytes) bytes together; remove files the spec does not need",
            at: location)
    }

    private mutating func reportMissingTarget(_ reference: SpecReference, root: Node, text: String, at location: SourceLocation) {
        guard let (found, missing) = reference.pointer.firstMissingPrefix(in: root),
            let parent = found.resolve(in: root)
        else { return }
        let place = found.tokens.isEmpty ? "at the top level" : "under \(found)"
        var message = "$ref \"\(text)\" leads nowhere: \(reference.file) has no \"\(missing)\" \(place)"
        switch parent.content {
        case .mapping(let mapping):
            let keys = mapping.keys.compactMap(\.text)
            if let suggestion = Suggestion.closest(to: missing, among: keys) {
                message += "; did you mean \"\(suggestion)\"? (\(Diagnostic.repairCannotFix))"
            } else {
                message += "; fix the pointer or add the missing entry (\(Diagnostic.repairCannotFix))"
            }
        case .sequence(let items):
            message += " (a sequence of \(items.count) items, counted from 0); fix the index (\(Diagnostic.repairCannotFix))"
        case .scalar:
            message += " (\(parent.kindDescription) is there); fix the pointer (\(Diagnostic.repairCannotFix))"
        }
        engine.report(.error(LoadError.missingTarget, message, at: location))
    }

    // MARK: cycles

    /// Reports each ring of `$ref`s that only lead to one another, once, at the member
    /// reached first, with the others as notes.
    private mutating func reportCycles() {
        guard hasReferenceTargets else { return }
        // Each $ref leads to at most one other $ref: follow the chains, colouring as we go.
        var siteIndex: [String: Int] = [:]
        for (i, site) in sites.enumerated() { siteIndex[site.file + site.pointer.description] = i }
        var next = [Int?](repeating: nil, count: sites.count)
        for (i, site) in sites.enumerated() {
            guard let target = site.target, existingTargets[target] == true else { continue }
            next[i] = siteIndex[target]
        }
        var state = [UInt8](repeating: 0, count: sites.count)  // 0 new, 1 on the current chain, 2 done
        for start in sites.indices where state[start] == 0 {
            var chain: [Int] = []
            var current: Int? = start
            while let i = current, state[i] == 0 {
                state[i] = 1
                chain.append(i)
                current = next[i]
            }
            if let i = current, state[i] == 1, let at = chain.firstIndex(of: i) {
                reportCycle(Array(chain[at...]))
            }
            for i in chain { state[i] = 2 }
        }
    }

    private mutating func reportCycle(_ members: [Int]) {
        // Start the ring at the $ref reached first, so the report does not depend on where
        // the chain was entered.
        let first = members.indices.min { members[$0] < members[$1] }!
        let ring = Array(members[first...] + members[..<first])
        func name(_ i: Int) -> String {
            let site = sites[i]
            return site.pointer.tokens.isEmpty ? site.file : site.file + site.pointer.description
        }
        let path = (ring + [ring[0]]).map(name).joined(separator: " -> ")
        let notes = ring.dropFirst().map { Diagnostic.Note("the cycle continues here", at: sites[$0].location) }
        engine.report(
            .error(
                LoadError.refCycle,
                "$refs lead only to each other and never to a definition (\(path)); point one of them at the real content",
                at: sites[ring[0]].location, notes: Array(notes)))
    }
}
