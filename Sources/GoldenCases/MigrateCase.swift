import Diagnostics
import Read
import Spec
import Migrate
import Support

/// One migration case: `specs/migrate-<style>/` holds a hand-written definition, and
/// `golden/migrate-<style>/` the files `oas2apigw migrate` writes for it.
///
/// The source is named as a doctor case's is (`template.yaml`, `template.json`,
/// `gateway.yaml`, `gateway.json`); the folder's `migrate-` prefix is what makes it a
/// migration case rather than a doctor case.
public struct MigrateCase: Sendable {
    public var name: String
    public var source: String
    /// The case's folder; the report names files from inside it.
    public var folder: String

    public static let prefix = "migrate-"

    /// Every file a migration case may write.
    public static let outputNames = [
        MigratedFiles.openAPIName, MigratedFiles.corsName, MigratedFiles.optionsName, MigratedFiles.reportName,
    ]

    /// The case in `folder`, given which files exist there; `nil` unless the folder is
    /// named `migrate-…` and holds a definition.
    public init?(folder: String, name: String, exists: (String) -> Bool) {
        guard name.hasPrefix(Self.prefix),
            let source = DoctorCase.sourceNames.map({ "\(folder)/\($0)" }).first(where: exists)
        else { return nil }
        self.name = name
        self.folder = folder
        self.source = source
    }

    /// The files migrate writes, by name; a source that cannot be migrated gives only the
    /// report, holding the diagnostics.
    public func generate(reader: some SpecFileReader) -> [(file: String, text: String)] {
        let bytes: [UInt8]
        do {
            bytes = try reader.read(source)
        } catch let error as DiagnosticError {
            return [(MigratedFiles.reportName, DiagnosticFormatter(format: .text).render(error.diagnostics))]
        } catch {
            return [(MigratedFiles.reportName, "cannot read \(source): \(error)\n")]
        }
        let folderFiles = CaseFolderFiles(folder: folder, reader: reader)
        let result = Migrator.migrate(
            source: caseFileName(source, in: folder), bytes: bytes,
            include: GatewayPlanReader.includes(from: caseFileName(source, in: folder)) { try folderFiles.read($0) })
        guard let migration = result.migration else {
            return [(MigratedFiles.reportName, DiagnosticFormatter(format: .text).render(result.diagnostics))]
        }
        var files: [(file: String, text: String)] = [(MigratedFiles.openAPIName, migration.files.openAPI)]
        if let cors = migration.files.cors { files.append((MigratedFiles.corsName, cors)) }
        if let options = migration.files.options { files.append((MigratedFiles.optionsName, options)) }
        files.append((MigratedFiles.reportName, migration.report))
        return files
    }
}
