import Diagnostics
import Spec

/// A case's files named from inside its folder: `openapi.yaml`, `schemas/pet.yaml`, read as
/// `FOLDER/openapi.yaml` through `reader`.
///
/// A case runs with it, so what its goldens hold (places in diagnostics, the names in a
/// migration report) is the same wherever `check` is run from and however `--cases` is
/// written: `openapi.yaml:15:23`, never `specs/ref-missing-file/openapi.yaml:15:23` or
/// `../api/specs/...`.
struct CaseFolderFiles<Reader: SpecFileReader>: SpecFileReader {
    let folder: String
    let reader: Reader

    func read(_ path: String) throws -> [UInt8] {
        let onDisk = onDisk(path)
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
