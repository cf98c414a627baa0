/// The parties a document may name: the store's ids, names, aliases and affiliated people, with
/// the party each person speaks for; and how to spot a name the store does not know.
struct ActorGazetteer: Sendable {
  struct Actor: Sendable, Equatable {
    var id: String
    var name: String
    var kind: PartyKind
    var parent: String?
  }

  struct Affiliation: Sendable, Equatable {
    var person: String
    var party: String
    var role: String
    var from: Int?
    var to: Int?
  }

  var actors: [String: Actor] = [:]
  var affiliations: [Affiliation] = []
  /// Lower-case token sequences → party id, longest first when matched.
  private(set) var phrases: [[String]: String] = [:]
  private(set) var longestPhrase = 1

  init(actors: [Actor], aliases: [(alias: String, party: String)], affiliations: [Affiliation]) {
    for actor in actors { self.actors[actor.id] = actor }
    self.affiliations = affiliations
    for actor in actors {
      add(actor.name, actor.id)
      // "Military analysts (unnamed)" is also "Military analysts".
      if let paren = actor.name.firstIndex(of: "(") {
        add(String(actor.name[..<paren]).trimmingCharacters(in: .whitespaces), actor.id)
      }
      add(actor.id.replacingOccurrences(of: "-", with: " "), actor.id)
      if actor.kind == .person, let last = actor.name.split(separator: " ").last, last.count > 3 {
        add(String(last), actor.id)
      }
    }
    for (alias, party) in aliases { add(alias, party) }
    // Demonyms with a head noun ("Russian officials", "the Ukrainian government").
    for (demonym, party) in Self.demonyms where self.actors[party] != nil {
      for head in Self.demonymHeads { add("\(demonym) \(head)", party) }
    }
  }

  private mutating func add(_ phrase: String, _ party: String) {
    let tokens = TextSpans.tokenize(Array(phrase.unicodeScalars)).map(\.lower)
    guard !tokens.isEmpty, tokens != ["the"] else { return }
    // A name shared by two parties is ambiguous: the first one keeps it.
    if phrases[tokens] == nil { phrases[tokens] = party }
    longestPhrase = max(longestPhrase, tokens.count)
  }

  static let demonyms: [(String, String)] = [
    ("russian", "russia"), ("ukrainian", "ukraine"), ("american", "united-states"),
    ("us", "united-states"), ("u.s.", "united-states"), ("british", "united-kingdom"),
    ("french", "france"), ("saudi", "saudi-arabia"), ("german", "germany"),
    ("chinese", "china"), ("turkish", "turkey"), ("polish", "poland"),
    ("european", "european-union"),
  ]
  static let demonymHeads = [
    "officials", "official", "government", "authorities", "side", "delegation", "diplomats",
    "negotiators", "leadership", "forces", "troops", "army", "military", "president", "leader",
    "administration",
  ]

  /// The party a person speaks for on a day (yyyymmdd), when exactly one affiliation holds.
  func party(ofPerson id: String, on day: Int) -> (party: String, role: String)? {
    let holding = affiliations.filter {
      $0.person == id && ($0.from ?? Int.min) <= day && day < ($0.to ?? Int.max)
    }
    guard holding.count == 1 else { return nil }
    return (holding[0].party, holding[0].role)
  }

  // MARK: - Finding mentions

  /// A name in a sentence: a known party, or a proper name the store does not know.
  struct Mention: Sendable, Equatable {
    /// Token range in the sentence, `[first, last]`.
    var first: Int
    var last: Int
    var partyId: String?
    /// For an unknown name: the name as written, and a guess at its kind and role.
    var newName: String?
    var newKind: PartyKind?
    var role: String?
    var isPronoun = false

    var isKnown: Bool { partyId != nil }
  }

  /// Words that start sentences or name things other than actors; never proposed as parties.
  static let notActors: Set<String> = [
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i",
    "in", "on", "at", "but", "however", "today", "yesterday", "tomorrow", "earlier", "later",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "after", "before", "while", "as", "if", "when", "what", "whether",
    "there", "here", "across", "further", "furthermore", "meanwhile", "also", "some", "his", "her",
    "their", "its", "our", "key", "points", "photo", "image", "according", "speaking",
    "addressing", "with", "for", "from", "by", "of", "to", "and", "or", "so", "yet", "still",
    "president", "minister", "prime", "vice", "foreign", "defence", "defense", "secretary",
    "general", "gen", "spokesman", "spokeswoman", "spokesperson", "commander", "chief", "envoy",
    "special", "mr", "mrs", "ms", "dr", "ceasefire", "truce", "talks", "war", "peace", "nato",
    "ukraine's", "russia's", "one", "two", "three", "both", "all", "any", "each", "every",
    "no", "not", "now", "then", "thus", "since", "until", "although", "though", "because",
    "who", "which", "where", "why", "how", "ukrainian", "russian", "american", "kremlin.ru",
    "reuters", "ap", "afp", "cnn", "bbc", "editors", "attention", "mandatory", "credit",
    "watermark", "source", "sources", "state", "oval", "office", "middle",
    "western", "eastern", "northern", "southern", "region", "oblast",
  ]

  /// Titles before a person's name, and the role they give.
  static let titles: [[String]] = [
    ["prime", "minister"], ["foreign", "minister"], ["defence", "minister"],
    ["defense", "minister"], ["deputy", "prime", "minister"], ["vice", "president"],
    ["president"], ["minister"], ["secretary"], ["spokesman"], ["spokeswoman"],
    ["spokesperson"], ["envoy"], ["chancellor"], ["general"], ["gen."], ["gen"], ["commander"],
    ["ambassador"], ["senator"], ["king"], ["queen"], ["premier"], ["mr"], ["mrs"], ["ms"],
    ["chief"], ["leader"], ["aide"],
  ]

  static let bodyWords: Set<String> = [
    "ministry", "ministries", "department", "office", "parliament", "council", "army", "forces",
    "navy", "government", "senate", "congress", "cabinet", "agency", "service", "staff",
    "committee", "police", "guard", "command", "legislature", "assembly", "court",
  ]
  static let organisationWords: Set<String> = [
    "union", "organization", "organisation", "league", "alliance", "bank", "fund", "nations",
    "party", "movement", "front", "group", "coalition", "company", "corporation",
  ]
  static let mediaWords: Set<String> = [
    "news", "times", "post", "tv", "radio", "press", "herald", "journal", "telegraph", "tass",
    "agency",
  ]
  static let analystWords: Set<String> = [
    "institute", "center", "centre", "foundation", "think-tank", "university", "council",
  ]

  static let placeWords: Set<String> = [
    "region", "oblast", "province", "city", "town", "village", "area", "border", "district",
    "river", "sea", "peninsula", "capital", "square", "street", "airport", "port",
  ]

  /// Whether a lower-case word looks like a verb or auxiliary after a subject.
  static func verbLike(_ word: String) -> Bool {
    let auxiliaries: Set<String> = [
      "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "may",
      "might", "should", "must", "did", "does", "do", "said", "says", "told", "also", "and",
      "on", "yesterday", "today", ",", "'s",
    ]
    return auxiliaries.contains(word) || word.hasSuffix("ed") || word.hasSuffix("s")
  }

  /// Every mention in a sentence, left to right, longest known names first.
  func mentions(in tokens: [Token]) -> [Mention] {
    var result: [Mention] = []
    var index = 0
    while index < tokens.count {
      if let known = knownMention(tokens, at: index) {
        result.append(known)
        index = known.last + 1
        continue
      }
      let lower = tokens[index].lower
      if ["he", "she", "they", "it"].contains(lower) {
        result.append(Mention(first: index, last: index, isPronoun: true))
        index += 1
        continue
      }
      if let unknown = unknownMention(tokens, at: index) {
        result.append(unknown)
        index = unknown.last + 1
        continue
      }
      index += 1
    }
    return withGroups(result, tokens)
  }

  /// Adds subjects named by a group noun ("Afghan rebel leaders", "the government of Liberia"),
  /// merging a name just before them ("Ivory Coast rebels").
  private func withGroups(_ mentions: [Mention], _ tokens: [Token]) -> [Mention] {
    var result = mentions
    for index in tokens.indices where CueLexicon.groupNouns.contains(tokens[index].lower) {
      guard !result.contains(where: { $0.first <= index && index <= $0.last }) else { continue }
      var start = index
      while start > 0, index - start < 3 {
        let previous = tokens[start - 1]
        guard previous.isWord, !Self.notActors.contains(previous.lower) || previous.isCapitalized,
          !Self.verbLike(previous.lower) || previous.isCapitalized, previous.lower != "the"
        else { break }
        if let known = result.first(where: { $0.last == start - 1 }), known.isKnown { break }
        start -= 1
      }
      var end = index
      if index + 2 < tokens.count, tokens[index + 1].lower == "of", tokens[index + 2].isCapitalized
      {
        end = index + 2
        while end + 1 < tokens.count, tokens[end + 1].isCapitalized, tokens[end + 1].isWord {
          end += 1
        }
      }
      // Merge with unknown names inside the span.
      let inside = result.filter {
        $0.first >= start - 0 && $0.last <= end
          || ($0.last == start - 1 && !$0.isKnown && !$0.isPronoun)
      }
      if inside.contains(where: { $0.isKnown || $0.isPronoun }) { continue }
      if let before = inside.first(where: { $0.last == start - 1 }) { start = before.first }
      result.removeAll { $0.first >= start && $0.last <= end }
      var name = TextSpans.joined(Array(tokens[start...end]))
      if let first = name.first, first.isLowercase { name = first.uppercased() + name.dropFirst() }
      let words = tokens[start...end].map(\.lower)
      let kind: PartyKind =
        words.contains(
          where: [
            "government", "ministry", "cabinet", "parliament", "court", "army", "police", "forces",
            "troops", "administration", "council",
          ].contains)
        ? .governmentBody : .organisation
      result.append(Mention(first: start, last: end, newName: name, newKind: kind))
    }
    return result.sorted { $0.first < $1.first }
  }

  /// The longest known name starting at `index`.
  private func knownMention(_ tokens: [Token], at index: Int) -> Mention? {
    let limit = min(longestPhrase, tokens.count - index)
    guard limit > 0 else { return nil }
    for length in stride(from: limit, through: 1, by: -1) {
      let words = tokens[index..<index + length].map(\.lower)
      guard let party = phrases[words] else { continue }
      // A capital where a name has one: "Kremlin", "the Kremlin"; short names in capitals
      // only ("US", not "us").
      let head = tokens[index].lower == "the" && length > 1 ? tokens[index + 1] : tokens[index]
      let letters = words.joined().filter(\.isLetter).count
      if letters <= 3 {
        guard tokens[index..<index + length].allSatisfy({ $0.isAllCaps || !$0.isWord }) else {
          continue
        }
      } else if !head.isCapitalized {
        continue
      }
      return Mention(first: index, last: index + length - 1, partyId: party)
    }
    return nil
  }

  /// A run of capitalised words the store does not know, possibly after a title.
  private func unknownMention(_ tokens: [Token], at index: Int) -> Mention? {
    // A title first: "Foreign Minister Telemar".
    var role: String?
    var start = index
    for title in Self.titles {
      guard index + title.count < tokens.count else { continue }
      if tokens[index..<index + title.count].map(\.lower) == title,
        tokens[index + title.count].isCapitalized
      {
        role = tokens[index..<index + title.count].map(\.text).joined(separator: " ")
        start = index + title.count
        break
      }
    }
    var end = start
    var words: [Token] = []
    while end < tokens.count {
      let token = tokens[end]
      if token.isCapitalized && token.isWord && !Self.notActors.contains(token.lower)
        && knownMention(tokens, at: end) == nil
      {
        words.append(token)
        end += 1
        continue
      }
      // "Ministry of Defence", "Bank of Gondor".
      if ["of", "for", "and"].contains(token.lower), !words.isEmpty, end + 1 < tokens.count,
        tokens[end + 1].isCapitalized, !Self.notActors.contains(tokens[end + 1].lower),
        Self.bodyWords.contains(words.last!.lower)
          || Self.organisationWords.contains(words.last!.lower)
          || Self.analystWords.contains(words.last!.lower)
      {
        words.append(token)
        end += 1
        continue
      }
      break
    }
    guard !words.isEmpty, words.count <= 6 else { return nil }
    // A place, not an actor: "Kursk region", "the Sumy Oblast".
    if end < tokens.count, Self.placeWords.contains(tokens[end].lower) { return nil }
    if let lastWord = words.last?.lower, Self.placeWords.contains(lastWord) { return nil }
    // A capitalised first word of a sentence is a name only before a verb or a possessive
    // ("Arnor is", "Dagolath's"), not before a noun ("Geolocated footage").
    if index == 0, role == nil, words.count == 1, end < tokens.count {
      let next = tokens[end]
      if !next.isCapitalized && next.isWord && !Self.verbLike(next.lower) { return nil }
    }
    if index > 0, tokens[index - 1].lower == "'s" { return nil }
    let lowers = words.map(\.lower)
    let name = TextSpans.joined(words)
    let kind: PartyKind
    if lowers.contains(where: Self.bodyWords.contains) {
      kind = .governmentBody
    } else if lowers.contains(where: Self.analystWords.contains) {
      kind = .analyst
    } else if lowers.contains(where: Self.mediaWords.contains) {
      kind = .media
    } else if lowers.contains(where: Self.organisationWords.contains) {
      kind = .organisation
    } else if role != nil || words.count >= 2 {
      kind = .person
    } else {
      kind = .state
    }
    return Mention(
      first: index, last: end - 1, newName: name, newKind: kind,
      role: role)
  }
}

extension TextSpans {
  /// Tokens joined as they were written (a space between words, none before punctuation).
  static func joined(_ tokens: [Token]) -> String {
    var result = ""
    var previousEnd: Int?
    for token in tokens {
      if let previousEnd, token.start > previousEnd { result += " " }
      result += token.text
      previousEnd = token.end
    }
    return result
  }
}
