/// Finds the issue slot a sentence is about: keywords for the taxonomy's slots, and the words of
/// the store's own issue labels for slots added since.
struct IssueLexicon: Sendable {
  struct Slot: Sendable {
    var id: String
    var label: String
    /// Lower-case token sequences that point at the slot, with their weight.
    var keywords: [([String], Double)]
  }

  var slots: [Slot] = []

  /// Keywords for the slots of the built-in taxonomy (used only when the store has the slot).
  static let builtIn: [String: [String]] = [
    "ceasefire/general": [
      "ceasefire", "cease-fire", "truce", "halt to fighting", "stop fighting",
      "cessation of hostilities",
      "suspension of hostilities", "30-day ceasefire", "pause in fighting", "armistice",
    ],
    "ceasefire/partial/energy-infrastructure": [
      "energy infrastructure", "energy strikes", "power plants", "energy facilities", "power grid",
    ],
    "ceasefire/partial/black-sea": ["black sea", "maritime", "shipping", "navigation at sea"],
    "ceasefire/monitoring": ["monitoring", "monitors", "verification", "observers"],
    "ceasefire/rearmament-pause": ["mobilisation", "mobilization", "rearm", "regroup"],
    "security/nato-membership": ["nato", "join nato", "nato membership", "alliance membership"],
    "security/neutrality": ["neutral", "neutrality", "non-bloc"],
    "security/foreign-troops": [
      "foreign troops", "peacekeepers", "peacekeeping", "troop deployments", "foreign troop",
      "reassurance force", "foreign military forces",
    ],
    "security/guarantees": ["security guarantees", "guarantees", "security guarantee"],
    "security/military-limits": ["size of the army", "demilitarisation", "demilitarization"],
    "security/nuclear-plant": ["nuclear plant", "zaporizhzhia nuclear", "nuclear power plant"],
    "territory/crimea": ["crimea", "sevastopol"],
    "territory/annexed-regions": [
      "annexed", "donetsk", "luhansk", "zaporizhzhia", "kherson", "four regions", "provinces",
      "donbas",
    ],
    "territory/kursk": ["kursk", "sudzha"],
    "territory/buffer-zone": ["buffer zone"],
    "territory/front-line": ["front line", "frontline", "territory", "land"],
    "military/air-strikes": [
      "drones", "drone", "missile", "missiles", "air defence", "air defense", "airstrikes",
      "air strikes", "shot down", "intercepted",
    ],
    "sanctions/economic-pressure": [
      "sanctions", "economy", "economic", "tariffs", "tariff", "banking", "embargo",
    ],
    "sanctions/relief": [
      "lift sanctions", "lifting of sanctions", "sanctions relief", "ease sanctions",
    ],
    "sanctions/frozen-assets": ["frozen assets", "frozen russian assets"],
    "humanitarian/prisoners": [
      "prisoners", "prisoner", "pows", "prisoner exchange", "captured soldiers",
    ],
    "humanitarian/children": ["children"],
    "humanitarian/civilians": ["civilians", "civilian"],
    "process/talks": [
      "talks", "negotiations", "negotiate", "meeting", "meet", "summit", "discuss", "dialogue",
    ],
    "process/military-aid": [
      "military aid", "arms deliveries", "weapons", "intelligence sharing", "security assistance",
      "military assistance", "arms",
    ],
    "process/elections": ["elections", "election", "legitimacy"],
    "process/peace-settlement": [
      "peace deal", "peace agreement", "settlement", "end the war", "root causes", "peace talks",
      "lasting peace",
    ],
    "economy/minerals-deal": ["minerals", "rare earths", "minerals deal"],
    "economy/reconstruction": ["reconstruction", "rebuild"],
  ]

  static let genericLabelWords: Set<String> = [
    "region", "regions", "general", "other", "partial", "questions", "question", "whether",
    "format", "arrangements", "conduct", "ukraine's", "russia's", "counter", "offensive",
  ]

  static let stopwords: Set<String> = [
    "the", "a", "an", "of", "and", "or", "in", "on", "for", "to", "with", "its", "their", "by",
    "from", "at", "as", "other", "any", "whether", "where", "who", "what", "and/or",
  ]

  init(issues: [(id: String, label: String)], names: Set<String> = []) {
    for issue in issues {
      var keywords: [([String], Double)] = []
      for phrase in Self.builtIn[issue.id] ?? [] {
        keywords.append((Self.words(phrase), 1.0 + 0.25 * Double(Self.words(phrase).count - 1)))
      }
      // The label's own distinctive words, and the slot's last path component.
      for word in Self.words(issue.label)
      where !Self.stopwords.contains(word) && word.count > 3 && !names.contains(word)
        && !Self.genericLabelWords.contains(word)
      {
        keywords.append(([word], 0.5))
      }
      let leaf = issue.id.split(separator: "/").last.map(String.init) ?? issue.id
      let leafWords = leaf.split(separator: "-").map(String.init)
      if leafWords.count > 1 || leafWords[0].count > 3 { keywords.append((leafWords, 0.6)) }
      slots.append(Slot(id: issue.id, label: issue.label, keywords: keywords))
    }
  }

  static func words(_ text: String) -> [String] {
    TextSpans.tokenize(Array(text.unicodeScalars)).filter(\.isWord).map(\.lower)
  }

  /// The best slot for the words of a span (tokens weighted by `weight`), with the keywords
  /// that chose it; nil when no keyword matches.
  func bestSlot(_ spans: [(tokens: [Token], weight: Double)]) -> (
    id: String, why: [String], score: Double
  )? {
    var best: (id: String, why: [String], score: Double)?
    for slot in slots {
      var score = 0.0
      var why: [String] = []
      for (tokens, weight) in spans {
        let words = tokens.map(\.lower)
        for (keyword, keywordWeight) in slot.keywords {
          guard keyword.count <= words.count else { continue }
          var hit = false
          for start in 0...(words.count - keyword.count)
          where Array(words[start..<start + keyword.count]) == keyword {
            hit = true
            break
          }
          if hit {
            score += keywordWeight * weight
            let phrase = keyword.joined(separator: " ")
            if !why.contains(phrase) { why.append(phrase) }
          }
        }
      }
      // A deeper slot wins a tie.
      score += Double(slot.id.split(separator: "/").count) * 0.01
      if !why.isEmpty, score > (best?.score ?? 0) { best = (slot.id, why, score) }
    }
    return best
  }
}
