import Foundation

/// Locates the project's own default data shipped with Picnic.
public enum PicnicResources {
    /// The folder holding the welcome workspace (tasks and posts that teach the keys).
    public static var welcomeDirectory: URL? {
        Bundle.module.url(forResource: "welcome", withExtension: nil)
    }
}
