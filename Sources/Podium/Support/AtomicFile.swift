import Foundation

/// Writes a file so readers see the old content or the new, never half of either: the bytes
/// go to a temporary file in the same directory, which is then renamed over the target
/// (rename(2) is atomic within a file system).
enum AtomicFile {
    static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    static func write(_ bytes: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw PodiumExit.badInput("\(path): directory \(directory.path) does not exist")
        }
        // A write killed before its rename (SIGKILL, power) leaves its temporary file; the next
        // write of the same file removes such leftovers, so none outlives the next run.
        let prefix = ".\(url.lastPathComponent)."
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) {
            for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        let temporary = directory.appendingPathComponent("\(prefix)\(UUID().uuidString).tmp")
        do {
            try bytes.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw PodiumExit.badInput("\(path): cannot replace the file (errno \(errno))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let exit = error as? PodiumExit { throw exit }
            throw PodiumExit.badInput("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}
