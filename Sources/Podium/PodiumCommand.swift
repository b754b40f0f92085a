import ArgumentParser

@main
struct PodiumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Press-conference and spokesperson scheduler."
    )
}
