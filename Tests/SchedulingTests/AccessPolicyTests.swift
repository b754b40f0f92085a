import PropertyBased
import Scheduling
import TestSupport
import Testing

/// The one authorization function, as a table written from the role definitions (issue #10)
/// and as a property over random agencies, grants and requests.
@Suite("Access policy")
struct AccessPolicyTests {
    // A province with two departments, and a second province.
    static let agencies = [
        Agency(id: "province", name: BilingualText(vi: "Tỉnh"), level: .province),
        Agency(id: "dept-a", name: BilingualText(vi: "Sở A"), level: .department, parent: "province"),
        Agency(id: "dept-b", name: BilingualText(vi: "Sở B"), level: .department, parent: "province"),
        Agency(id: "other", name: BilingualText(vi: "Tỉnh khác"), level: .province),
    ]
    static let policy = AccessPolicy(agencies: agencies)

    struct Row: Sendable, CustomTestStringConvertible {
        var role: Role
        var action: Action
        /// Allowed on dept-a when the grant is on dept-a (inside), on the province (above),
        /// on dept-b (a sibling) and on the other province.
        var inside, above, sibling, otherProvince: Bool
        var testDescription: String { "\(role.rawValue) \(action.rawValue)" }
    }

    /// Written by hand from the role list: admin everything; editor view, edit (and answer
    /// for people); approver view, approve; viewer view; spokesperson only their own answers
    /// (tested separately). Scope covers the agency and everything under it, never siblings.
    static let table: [Row] = [
        Row(role: .admin, action: .view, inside: true, above: true, sibling: false, otherProvince: false),
        Row(role: .admin, action: .edit, inside: true, above: true, sibling: false, otherProvince: false),
        Row(role: .admin, action: .approve, inside: true, above: true, sibling: false, otherProvince: false),
        Row(role: .admin, action: .manageAccess, inside: true, above: true, sibling: false, otherProvince: false),
        Row(role: .editor, action: .view, inside: true, above: true, sibling: false, otherProvince: false),
        Row(role: .editor, action: .edit, inside: true, above: true, sibling: false, otherProvince: false),
        Row(role: .editor, action: .approve, inside: false, above: false, sibling: false, otherProvince: false),
        Row(role: .editor, action: .manageAccess, inside: false, above: false, sibling: false, otherProvince: false),
        Row(role: .approver, action: .view, inside: true, above: true, sibling: false, otherProvince: false),
        Row(role: .approver, action: .edit, inside: false, above: false, sibling: false, otherProvince: false),
        Row(role: .approver, action: .approve, inside: true, above: true, sibling: false, otherProvince: false),
        Row(role: .approver, action: .manageAccess, inside: false, above: false, sibling: false, otherProvince: false),
        Row(role: .viewer, action: .view, inside: true, above: true, sibling: false, otherProvince: false),
        Row(role: .viewer, action: .edit, inside: false, above: false, sibling: false, otherProvince: false),
        Row(role: .viewer, action: .approve, inside: false, above: false, sibling: false, otherProvince: false),
        Row(role: .viewer, action: .manageAccess, inside: false, above: false, sibling: false, otherProvince: false),
        Row(role: .spokesperson, action: .view, inside: false, above: false, sibling: false, otherProvince: false),
        Row(role: .spokesperson, action: .edit, inside: false, above: false, sibling: false, otherProvince: false),
        Row(role: .spokesperson, action: .approve, inside: false, above: false, sibling: false, otherProvince: false),
    ]

    @Test("role × action × where the grant is → allowed or refused on a department", arguments: table)
    func roleTable(_ row: Row) {
        for (scope, expected) in [
            ("dept-a", row.inside), ("province", row.above), ("dept-b", row.sibling), ("other", row.otherProvince),
        ] {
            let actor = Actor(name: "u", grants: [Grant(role: row.role, scope: Agency.ID(scope))])
            let decision = Self.policy.decide(actor, row.action, .agency("dept-a"))
            #expect(decision.isAllowed == expected, "\(row.role) on \(scope): \(decision)")
        }
    }

    @Test("a spokesperson answers for their own person only; a disabled user may do nothing")
    func spokespersonAndDisabled() {
        let me = Actor(name: "an", grants: [Grant(role: .spokesperson, scope: "province")], person: "an")
        #expect(Self.policy.decide(me, .respond, .person("an", agency: "dept-a")).isAllowed)
        #expect(!Self.policy.decide(me, .respond, .person("binh", agency: "dept-a")).isAllowed)
        #expect(!Self.policy.decide(me, .respond, .agency("dept-a")).isAllowed)
        var admin = Actor(name: "root", grants: [Grant(role: .admin, scope: AccessPolicy.everywhere)])
        #expect(Self.policy.decide(admin, .manageAccess, .agency("other")).isAllowed)
        admin.disabled = true
        #expect(!Self.policy.decide(admin, .view, .agency("other")).isAllowed)
    }

    @Test("random agencies, grants and requests: nothing is allowed outside a grant's subtree and role")
    func neverOutsideAGrant() {
        var rng = SeededGenerator.forTest("access policy")
        for _ in 0..<2_000 {
            // A random forest of up to 12 agencies.
            var agencies: [Agency] = []
            for i in 0..<Int.random(in: 1...12, using: &rng) {
                let parent = i > 0 && Bool.random(using: &rng) ? agencies.randomElement(using: &rng)!.id : nil
                agencies.append(
                    Agency(id: Agency.ID("a\(i)"), name: BilingualText(vi: "a\(i)"), level: .department, parent: parent)
                )
            }
            let policy = AccessPolicy(agencies: agencies)
            let grants = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                Grant(role: Role.allCases.randomElement(using: &rng)!, scope: agencies.randomElement(using: &rng)!.id)
            }
            let actor = Actor(name: "u", grants: grants, person: "p")
            let target = agencies.randomElement(using: &rng)!.id
            let action = Action.allCases.randomElement(using: &rng)!
            let resource: Resource = Bool.random(using: &rng) ? .agency(target) : .person("p", agency: target)
            // A second, plain computation: the ancestors of the target by walking parents.
            var ancestors: Set<Agency.ID> = []
            var cursor: Agency.ID? = target
            while let c = cursor, ancestors.insert(c).inserted { cursor = agencies.first { $0.id == c }?.parent }
            let justified = grants.contains { g in
                guard ancestors.contains(g.scope) else { return false }
                switch (g.role, action) {
                case (.admin, _): return true
                case (.editor, .view), (.editor, .edit), (.editor, .respond): return true
                case (.approver, .view), (.approver, .approve), (.viewer, .view): return true
                case (.spokesperson, .respond):
                    if case .person = resource { return true }
                    return false
                default: return false
                }
            }
            #expect(
                policy.decide(actor, action, resource).isAllowed == justified,
                "seed \(rng.seed): \(grants) \(action) \(resource)"
            )
        }
    }
}
