import Foundation
import Scheduling
import Server
import TestSupport
import Testing

/// Every `{{t.KEY}}` a workspace template uses has a word in Vietnamese and in English: a
/// missing one renders as an empty label, button or link (once the new series editor's whole
/// Vietnamese vocabulary was missing, and only axe in the browser test noticed).
@Suite("Workspace words")
struct WorkspaceWordsTests {
    @Test("each template's words exist in both languages")
    func everyKeyHasAWord() throws {
        let folder = RepositoryPaths.root.appendingPathComponent("Sources/Server/Templates")
        // The yearly report is a document of its own, with its own words (ReportDocument+Labels).
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".mustache") && $0 != "report.mustache"
        }
        #expect(files.count > 10)
        let vi = WorkspaceText.words(.vi)
        let en = WorkspaceText.words(.en)
        var used = 0
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{[#^\/]?t\.([A-Za-z0-9_]+)\}\}/) {
                let key = String(match.output.1)
                used += 1
                #expect(vi[key].map { !$0.isEmpty } == true, "\(file): t.\(key) has no Vietnamese word")
                #expect(en[key].map { !$0.isEmpty } == true, "\(file): t.\(key) has no English word")
            }
        }
        #expect(used > 100)
    }
}
