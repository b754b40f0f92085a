import ArgumentParser
import Foundation
import ICalendar
import Scheduling
import Store

/// `podium press`: the register of accredited press agencies, who see press-only and
/// embargoed briefings through a private feed and page (`podium token create --kind press`).
struct PressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "press",
        abstract: "The register of accredited press agencies.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Accredit a press agency (then: podium token create --kind press --subject ID).",
            discussion:
                "Example: podium press add bao-phu-yen --name \"Báo Phú Yên\" --contact toasoan@baophuyen.vn --from 2024-01-01 --to 2024-12-31"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Id (lowercase letters, digits, . - _).") var id: String
        @Option(help: "Name.") var name: String
        @Option(help: "Contact (newsroom e-mail or phone).") var contact: String?
        @Option(help: "Accredited from (YYYY-MM-DD).") var from: String
        @Option(help: "Accredited until (YYYY-MM-DD), inclusive.") var to: String?
        @Flag(help: "Change an agency already in the register.") var replace = false

        func run() throws {
            let access = try store.access()
            try UserCommand.requireManager(access, of: [])
            let agency = PressAgency(
                id: id,
                name: name,
                contact: contact,
                accreditedFrom: try DataFiles.date(from, option: "--from"),
                accreditedTo: try to.map { try DataFiles.date($0, option: "--to") }
            )
            do { try access.store.savePressAgency(agency, replace: replace, actor: access.actor, at: Date()) } catch {
                throw error.exit
            }
            print("accredited \(id) (\(name)) \(agency.accreditedFrom)…\(agency.accreditedTo.map { "\($0)" } ?? "")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the register.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Machine-readable output.") var json = false

        func run() throws {
            let agencies: [PressAgency]
            do { agencies = try store.access().store.pressAgencies() } catch let e as StoreError { throw e.exit }
            if json { return try JSONOutput.print(agencies) }
            var table = TextTable("Id", "Name", "Contact", "Accredited")
            for a in agencies {
                table.add(a.id, a.name, a.contact ?? "", "\(a.accreditedFrom)…\(a.accreditedTo.map { "\($0)" } ?? "")")
            }
            print(table.render())
        }
    }
}
