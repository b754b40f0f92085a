import Foundation
import Mustache

/// The workspace's page templates (swift-mustache, which escapes every `{{value}}`; only
/// `{{{content}}}` and `{{{style}}}` — made here from escaped parts — are inserted raw).
/// Loaded once from the target's resources.
struct Templates: Sendable {
    let library: MustacheLibrary

    /// Loaded once per process.
    static let shared = load()

    static func load() -> Templates {
        var templates: [String: MustacheTemplate] = [:]
        if let directory = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        {
            for name in names where name.hasSuffix(".mustache") {
                let url = directory.appendingPathComponent(name)
                if let text = try? String(contentsOf: url, encoding: .utf8), let t = try? MustacheTemplate(string: text)
                {
                    templates[String(name.dropLast(".mustache".count))] = t
                }
            }
        }
        return Templates(library: MustacheLibrary(templates: templates))
    }

    /// A page: `template` with `context`, inside the layout.
    func page(_ template: String, _ context: [String: Any], layout: [String: Any]) -> String {
        let content = library.render(context, withTemplate: template) ?? "template \(template) is missing"
        var outer = layout
        outer["content"] = content
        outer["style"] = HTML.style + Self.style
        return library.render(outer, withTemplate: "layout") ?? content
    }

    static let style = """
        header.ws nav{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;border-bottom:2px solid #b00;padding-bottom:.5rem}
        table.month{table-layout:fixed;min-width:48rem}table.month td{height:6rem;border:1px solid #ddd}
        td.off{background:#fbeaea}td.other{color:#595959}.day{font-weight:600}.offname{font-size:.75rem;color:#8a1c1c}
        .item{font-size:.8rem;margin:.15rem 0}.item.cancelled a{text-decoration:line-through}.item.draft a{font-style:italic}
        tr.uncovered td{background:#fff3cd;font-weight:600}
        .filters{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}.flash{background:#eef7ee;padding:.4rem}
        label{font-weight:600}form{margin:.5rem 0}
        """
}
