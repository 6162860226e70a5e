/// Words too common to say anything about what a task is about.
public enum Stopwords {
    /// Whether a folded word is a stopword (or too short to carry meaning).
    public static func contains(_ word: String) -> Bool {
        if word.utf8.count < 2 { return !(word.first?.isNumber ?? false) }
        return set.contains(word)
    }

    /// `contains` for folded UTF-8 bytes, without making a String: the stopwords grouped by
    /// first letter, compared byte for byte.
    static func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = word.count
        guard n >= 2 else { return n == 0 || !(word[0] >= 0x30 && word[0] <= 0x39) }
        let first = Int(word[0]) - 0x61
        guard n <= longest, first >= 0, first < 26 else { return false }
        for w in byFirstLetter[first] where w.count == n {
            var same = true
            for k in 1..<n where w[k] != word[k] { same = false; break }
            if same { return true }
        }
        return false
    }

    /// The stopwords as bytes, by first letter (they are all lowercase a–z).
    private static let byFirstLetter: [[[UInt8]]] = {
        var groups = [[[UInt8]]](repeating: [], count: 26)
        for w in set { groups[Int(w.utf8.first!) - 0x61].append(Array(w.utf8)) }
        return groups
    }()

    private static let longest = set.map(\.utf8.count).max() ?? 0

    /// English function words plus the filler of forum questions and task titles
    /// ("anyone", "please", "thanks").
    public static let set: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
        "anybody", "anyone", "anything", "are", "aren", "as", "at", "be", "because", "been", "before",
        "being", "below", "between", "both", "but", "by", "can", "cannot", "could", "couldn", "did",
        "didn", "do", "does", "doesn", "doing", "don", "down", "during", "each", "else", "etc", "even",
        "ever", "every", "few", "for", "from", "further", "get", "gets", "got", "had", "hadn", "has",
        "hasn", "have", "haven", "having", "he", "hello", "her", "here", "hers", "herself", "hi", "him",
        "himself", "his", "how", "however", "i", "if", "im", "in", "into", "is", "isn", "it", "its",
        "itself", "just", "let", "ll", "me", "might", "more", "most", "much", "must", "mustn", "my",
        "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
        "our", "ours", "ourselves", "out", "over", "own", "please", "pls", "plz", "re", "really",
        "regards", "same", "shall", "she", "should", "shouldn", "so", "some", "someone", "something",
        "such", "than", "thank", "thanks", "thanx", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "thx", "to", "too",
        "under", "until", "up", "us", "ve", "very", "was", "wasn", "we", "were", "weren", "what",
        "when", "where", "which", "while", "who", "whom", "why", "will", "with", "won", "would",
        "wouldn", "yet", "you", "your", "yours", "yourself", "yourselves",
    ]
}
