import ArgumentParser

extension Picnic {
    /// Every subcommand, in the order `picnic --help` lists them.
    /// Add one line per command; the command itself lives in its own file in this folder.
    static let commands: [ParsableCommand.Type] = [
        AddCommand.self,
        ListCommand.self,
        ShowCommand.self,
        DoneCommand.self,
        StartCommand.self,
        StopCommand.self,
        ModifyCommand.self,
        AnnotateCommand.self,
        DeleteCommand.self,
        UndoCommand.self,
        ContextCommand.self,
        ExportCommand.self,
        CompletionsCommand.self,
        PostCommand.self,
        PostsCommand.self,
        MatchCommand.self,
        FeedbackCommand.self,
        ImportCommand.self,
        ShareCommand.self,
        CommunityCommand.self,
        SyncCommand.self,
        AskCommand.self,
        AnswerCommand.self,
        CouldHelpCommand.self,
        LedgerCommand.self,
        CaptureCommand.self,
        StatusCommand.self,
        TmuxCommand.self,
    ]
}
