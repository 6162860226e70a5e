import ArgumentParser

extension PicnicBench {
    /// Every benchmark; add one line per benchmark, each in its own file in this folder.
    static let benches: [ParsableCommand.Type] = [
        DashboardKeysBench.self,
        QueueBench.self,
        AddStdinBench.self,
        ImportBench.self,
        DashboardBench.self,
        MatchBench.self,
        RerankBench.self,
        TermUIBench.self,
        StatusBench.self,
    ]
}
