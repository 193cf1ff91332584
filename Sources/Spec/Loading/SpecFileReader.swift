import Diagnostics

/// Where the loader gets the bytes of a spec's files.
///
/// No layer touches the disk: the command line passes a reader over the file system,
/// tests pass `InMemorySpecFiles`. Paths are the loader's normalised paths, relative to
/// wherever the entry path is relative to.
public protocol SpecFileReader {
    /// The whole content of the file at `path`.
    ///
    /// - Throws: `DiagnosticError` saying why the file cannot be read (missing, a folder,
    ///   too large). For a file named by a `$ref`, the loader reports the problem at that
    ///   `$ref` and keeps these messages as notes.
    func read(_ path: String) throws -> [UInt8]

    /// Where the file or folder at `path` really is, every symbolic link on the way followed,
    /// as an absolute path; `nil` when the reader has no links (files held in memory) or
    /// cannot tell (the path does not exist).
    ///
    /// The loader keeps `$ref`s inside the entry's folder by comparing paths, and a link
    /// inside the folder (`schemas -> /home/me`) passes any comparison of the names written
    /// in the spec: only where the names really lead tells.
    func resolvedPath(_ path: String) -> String?
}

extension SpecFileReader {
    /// No links: the names are where the files are.
    public func resolvedPath(_ path: String) -> String? { nil }

    /// The symbolic link through which `path`, a file inside `folder` by its name, really
    /// lies outside it: the first leading part of the name below `folder` that leads out
    /// (`api/schemas` for `api/schemas/pet.yaml` when `api/schemas` is the link, the file
    /// itself when it is), and where the whole path really is. `nil` when the reader has no
    /// links, the path does not exist, or it stays inside.
    ///
    /// Both sides are compared with their links followed, so a folder that is itself
    /// reached through a link (`/tmp` on macOS) does not make every file look outside.
    /// `home`, when given, is the folder's resolved path already known, which a caller asking
    /// about many files saves looking up again.
    public func linkLeaving(_ folder: String, from path: String, home: String? = nil) -> (link: String, destination: String)? {
        guard let home = home ?? resolvedPath(folder.isEmpty ? "." : folder), let destination = resolvedPath(path),
            !Self.isInside(destination, home)
        else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let folderParts = folder.isEmpty ? 0 : folder.split(separator: "/", omittingEmptySubsequences: false).count
        for count in (folderParts + 1)..<max(parts.count, folderParts + 1) {
            let prefix = parts.prefix(count).joined(separator: "/")
            if let real = resolvedPath(prefix), !Self.isInside(real, home) { return (prefix, destination) }
        }
        return (path, destination)
    }

    /// Whether the absolute path `path` is `folder` or below it.
    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
