import Diagnostics
import Spec

/// A case's files named from inside its folder: `openapi.yaml`, `schemas/pet.yaml`, read as
/// `FOLDER/openapi.yaml` through `reader`.
///
/// A case runs with it, so what its goldens hold (places in diagnostics, the names in a
/// migration report) is the same wherever `check` is run from and however `--cases` is
/// written: `openapi.yaml:15:23`, never `specs/ref-missing-file/openapi.yaml:15:23` or
/// `../api/specs/...`.
///
/// A case's files are read because they sit in its folder, not because anybody named them, so
/// one that a symbolic link leads out of the folder (`cors.yaml -> ~/.aws/credentials`) is
/// refused (`IO004`) rather than read and quoted in diagnostics: `check --cases` runs on
/// folders a pull request can change.
struct CaseFolderFiles<Reader: SpecFileReader>: SpecFileReader {
    let folder: String
    let reader: Reader

    func read(_ path: String) throws -> [UInt8] {
        let onDisk = onDisk(path)
        // Names that leave the folder by themselves (`../x.yaml`) are the loader's to allow
        // or refuse; here only the ones a link takes out.
        if !path.hasPrefix("/"), path != "..", !path.hasPrefix("../"), let escape = reader.linkLeaving(folder, from: onDisk) {
            let link = caseFileName(escape.link, in: folder)
            let through = link == path ? "is a symbolic link" : "goes through the symbolic link \(link)"
            throw DiagnosticError(
                .error(
                    FileCode.linkOutsideFolder,
                    "\(path) \(through) to \(escape.destination), outside the case folder \(folder.isEmpty ? "." : folder); copy the file into the case instead of linking to it",
                    at: SourceLocation(file: path, line: 1, column: 1)))
        }
        do {
            return try reader.read(onDisk)
        } catch let error as DiagnosticError where onDisk != path {
            // The reader says where it looked; the golden says which of the case's files.
            throw DiagnosticError(
                error.diagnostics.map { diagnostic in
                    var named = diagnostic
                    named.message = diagnostic.message.replacing(onDisk, with: path)
                    if named.location?.file == onDisk { named.location?.file = path }
                    named.notes = diagnostic.notes.map { note in
                        var note = note
                        note.message = note.message.replacing(onDisk, with: path)
                        if note.location?.file == onDisk { note.location?.file = path }
                        return note
                    }
                    return named
                })
        }
    }
}

extension CaseFolderFiles {
    /// Where the case's file really is, asked of the reader by the file's name on the disk.
    func resolvedPath(_ path: String) -> String? {
        reader.resolvedPath(onDisk(path))
    }

    /// The name the underlying reader knows `path` by.
    private func onDisk(_ path: String) -> String {
        path.hasPrefix("/") || folder.isEmpty ? path : path == "." ? folder : "\(folder)/\(path)"
    }
}

/// `path`, one of a case's files, named from inside the case's `folder`.
func caseFileName(_ path: String, in folder: String) -> String {
    path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : path
}
