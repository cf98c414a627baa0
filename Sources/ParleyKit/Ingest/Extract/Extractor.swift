import Foundation

/// Who a proposal is about or from: a party in the store, or a name it does not know yet.
public enum ProposedActor: Sendable, Equatable, Hashable {
  case known(String)
  /// A name the store does not know, with a guess at its kind and (for a person) a role.
  case new(name: String, kind: PartyKind, role: String?)

  var knownId: String? {
    if case .known(let id) = self { return id }
    return nil
  }
}

/// One statement the extractor proposes, with the position it supports and why.
public struct ExtractedProposal: Sendable {
  public var sentence: Int
  /// The words that triggered it, as written.
  public var cue: String
  /// The stance kind proposed, and the CAMEO code the cue would be coded as.
  public var kind: StanceKind
  public var cameoCode: String
  public var holder: ProposedActor?
  /// The person who spoke, when named (may be the holder).
  public var speaker: ProposedActor?
  public var targets: [ProposedActor]
  public var attribution: Attribution
  public var modality: Modality
  public var polarity: Polarity
  public var conditions: [String]
  /// What made it negated, hedged, reported or conditional, in a few words each.
  public var signals: [String]
  public var said: PartialDate
  public var dateBasis: String
  public var issue: String?
  public var issueWhy: [String]
  public var quote: String
  /// Offsets of the quote in the document text, in Unicode scalars.
  public var quoteStart: Int
  public var quoteEnd: Int
  /// The content words after the cue: what the stance is about.
  public var object: String
  public var confidence: Double

  public var plover: String? { CameoCodebook.plover(of: cameoCode) }
}

/// The rule-based extractor: sentences in, proposals out.
///
/// It reads nothing but the text and the lexicons it is given (parties and issues of the store); it
/// writes nothing.
struct Extractor: Sendable {
  var gazetteer: ActorGazetteer
  var issues: IssueLexicon
  var dates: DateResolver
  /// Below this confidence a proposal is printed commented out.
  static let threshold = 0.5

  // MARK: - Cues

  struct CueMatch {
    var entry: CueLexicon.Entry
    var first: Int
    var last: Int
    var kind: StanceKind
    var code: String
    var strength: Double
    var text: String
    var signals: [String] = []
    var polarity: Polarity = .for
    var frame: String?
    /// For "X must …" in reported speech: the token where X, the party asked, begins.
    var demandOf: Int?
  }

  static let determiners: Set<String> = [
    "a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "'s", "of", "any",
    "new", "latest", "previous", "list", "no", "these", "those", "such", "earlier", "formal",
  ]
  /// Words after which a verb, not a noun, comes.
  static let verbContext: Set<String> = [
    "to", "will", "would", "'ll", "shall", "and", "also", "not", "n't", "did", "does", "do",
    "must", "should", "can", "could", "may", "might", "he", "she", "they", "we", "i", "it",
    "who", "which", "that", "repeatedly", "again", "now", "still", "formally", "publicly",
  ]
  static let beAuxiliaries: Set<String> = [
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "remains", "remain",
  ]
  static let prepositions: Set<String> = [
    "to", "with", "against", "on", "for", "from", "of", "at", "in", "into", "toward", "towards",
    "about", "over", "than", "between", "among", "across", "by", "beyond", "under", "after",
    "before", "near", "via", "like",
  ]
  static let frames: Set<String> = [
    "ready to", "willing to", "prepared to", "intend to", "plan to", "refuse", "decline",
    "threaten", "vow", "promise", "pledge", "offer", "agree to", "urge", "call on", "call upon",
    "demand", "appeal to", "request", "commit to", "propose", "seek", "consider", "weigh",
    "weigh up", "study", "examine", "mull", "ponder",
  ]

  /// Every cue in a sentence, left to right, without overlaps (the longest wins).
  func cues(in tokens: [Token]) -> [CueMatch] {
    var result: [CueMatch] = []
    var index = 0
    let words = tokens.map(\.lower)
    while index < tokens.count {
      var matched: CueMatch?
      for entry in CueLexicon.entries {
        guard index + entry.words.count <= words.count else { continue }
        let first = words[index]
        let ok: Bool
        switch entry.form {
        case .verb:
          ok =
            CueLexicon.forms(of: entry.words[0]).contains(first)
            && Array(words[index + 1..<index + entry.words.count]) == Array(entry.words.dropFirst())
            && !(entry.words.count == 1 && index > 0 && Self.determiners.contains(words[index - 1])
              && CueLexicon.entries.contains { $0.form == .noun && $0.words == entry.words })
        case .noun:
          ok =
            CueLexicon.nounForms(of: entry.words[0]).contains(first)
            && Array(words[index + 1..<index + entry.words.count]) == Array(entry.words.dropFirst())
            && (index == 0 || Self.determiners.contains(words[index - 1])
              || words[index - 1].hasSuffix("-backed") || words[index - 1].hasSuffix("-brokered")
              || words[index - 1].hasSuffix("-led") || tokens[index - 1].isCapitalized
              || words[index - 1] == "peace" || words[index - 1] == "ceasefire")
        case .phrase, .adjective:
          ok = Array(words[index..<index + entry.words.count]) == entry.words
        }
        guard ok else { continue }
        // A capitalised word inside a sentence is part of a name ("Institute for the Study of War").
        if index > 0 && tokens[index].isCapitalized { continue }
        let end = index + entry.words.count
        if let object = entry.object,
          !words[end..<min(end + 4, words.count)].contains(where: object.contains)
        {
          continue
        }
        if entry.form == .verb {
          let before = words[max(0, index - 2)..<index]
          // A passive ("was opposed by", "civilians threatened with starvation") is not the
          // subject's act.
          if first.hasSuffix("ed") || first.hasSuffix("en") || first == "sworn" {
            if before.contains(where: Self.beAuxiliaries.contains) && !before.contains("has")
              && !before.contains("have")
            {
              continue
            }
            if words[end..<min(end + 2, words.count)].contains(where: {
              ["with", "by"].contains($0)
            }), index > 0, !tokens[index - 1].isCapitalized,
              !["he", "she", "it", "they", "we"].contains(words[index - 1])
            {
              continue
            }
          }
          // A word that is also a noun ("demand", "request", "offer") is a verb only where a
          // verb can be: inflected ("demanded"), or after a subject, an auxiliary or "to".
          if entry.words.count == 1, first == entry.words[0] || first == entry.words[0] + "s",
            CueLexicon.entries.contains(where: { $0.form == .noun && $0.words == entry.words })
          {
            let previous = index > 0 ? words[index - 1] : ""
            let beforePrevious = index > 1 ? words[index - 2] : ""
            let verbContext =
              Self.verbContext.contains(previous)
              || (index > 0 && tokens[index - 1].isCapitalized
                && !Self.determiners.contains(beforePrevious)
                && beforePrevious != "'s")
            guard verbContext else { continue }
          }
        }
        if entry.form == .phrase, ["ready", "willing", "prepared"].contains(entry.words[0]) {
          let before = words[max(0, index - 3)..<index]
          guard before.contains(where: Self.beAuxiliaries.contains) else { continue }
        }
        if entry.words == ["suggest"],
          (index > 0
            && ["reports", "sources", "evidence", "polls", "data", "analysis"].contains(
              words[index - 1]))
            || (index + 1 < words.count
              && ["he", "she", "it", "they", "that", "this"].contains(words[index + 1]))
        {
          continue
        }
        let last = index + entry.words.count - 1
        matched = CueMatch(
          entry: entry, first: index, last: last, kind: entry.kind, code: entry.code,
          strength: entry.strength, text: TextSpans.joined(Array(tokens[index...last])))
        break
      }
      if let matched {
        result.append(matched)
        index = matched.last + 1
      } else {
        index += 1
      }
    }
    return result
  }

  // MARK: - Sentences

  /// Words that ask for an act: the act after them ("to release") is what is demanded.
  static let demandWords: Set<String> = {
    var words: Set<String> = ["demands", "requests", "calls", "appeals", "ultimatum"]
    for verb in ["demand", "request", "urge", "ask", "call", "appeal", "press", "insist"] {
      words.formUnion(CueLexicon.forms(of: verb))
    }
    return words
  }()

  /// Words that name an act as owed, needed, proposed or refused rather than done: the act in
  /// the infinitive or gerund they govern is not a deed ("the obligation to lift", "a plan for
  /// signing", "their refusal to release").
  static let unrealisedActWords: Set<String> = demandWords.union([
    "obligation", "obligations", "duty", "duties", "responsibility", "need", "needs",
    "necessity", "proposal", "proposals", "plan", "plans", "offer", "offers", "idea", "refusal",
    "pressure",
  ])

  /// Whether the verb at `index` names an act that words before it ask for, owe, propose or
  /// refuse, rather than a deed.
  ///
  /// The verb is an infinitive ("to lift") or a gerund after "for", "of" or "on" ("for
  /// signing"); the word that governs it stands at most five words before the "to" or the
  /// preposition, with no comma between, or before an infinitive that governs it in turn ("the
  /// duty of the powers to take action to lift").
  static func isActNotDone(at index: Int, in words: [String]) -> Bool {
    guard index >= 2 else { return false }
    var link = index - 1
    if words[link] != "to" {
      guard ["for", "of", "on"].contains(words[link]), words[index].hasSuffix("ing") else {
        return false
      }
    }
    // Up the chain of infinitives: at most three links.
    for _ in 0..<3 {
      var position = link - 1
      var nextLink: Int?
      while position >= 0 && position >= link - 5 {
        let word = words[position]
        if word == "," || CueLexicon.clauseBreaks.contains(word) { break }
        if unrealisedActWords.contains(word) { return true }
        if word == "to" && nextLink == nil { nextLink = position }
        position -= 1
      }
      guard let next = nextLink else { return false }
      link = next
    }
    return false
  }

  /// Whether the verb at `index` is a gerund that opens its sentence or a "that" clause, as
  /// its subject: it names the act ("lifting sanctions now would reward aggression") rather
  /// than reporting it done.
  static func isGerundSubject(at index: Int, in words: [String]) -> Bool {
    guard words[index].hasSuffix("ing") else { return false }
    return index == 0 || ["that", "“", "\""].contains(words[index - 1])
  }

  /// Whether a sentence is a question: it ends in "?" (before closing quotation marks), or what
  /// it quotes does ("“Why should we accept?” he asked").
  static func isQuestion(_ words: [String]) -> Bool {
    let closing: Set<String> = ["”", "\"", "’", "'", ")"]
    if words.last(where: { !closing.contains($0) }) == "?" { return true }
    return words.indices.dropLast().contains { words[$0] == "?" && closing.contains(words[$0 + 1]) }
  }

  /// Whether a sentence is a photo caption or credit line rather than reporting.
  static func isCaption(_ tokens: [Token]) -> Bool {
    let words = tokens.map(\.lower)
    if words.contains("photo") && words.contains(":") { return true }
    if words.contains("mandatory") && words.contains("credit") { return true }
    if let via = words.firstIndex(of: "via"), via + 1 < words.count,
      ["reuters", "ap", "afp", "getty"].contains(words[via + 1]) || words.contains("image")
    {
      return true
    }
    return false
  }

  /// The clause around a token: between the nearest breaks on either side.
  static func clause(around index: Int, in tokens: [Token]) -> ClosedRange<Int> {
    var start = index
    while start > 0 {
      let word = tokens[start - 1].lower
      if CueLexicon.clauseBreaks.contains(word) { break }
      start -= 1
    }
    var end = index
    while end + 1 < tokens.count {
      let word = tokens[end + 1].lower
      if CueLexicon.clauseBreaks.contains(word) { break }
      end += 1
    }
    return start...end
  }

  static func matches(_ words: [String], _ phrase: [String], at index: Int) -> Bool {
    index >= 0 && index + phrase.count <= words.count
      && Array(words[index..<index + phrase.count]) == phrase
  }

  /// Condition spans: from a marker to the end of its clause (or the next comma).
  static func conditionSpans(_ tokens: [Token]) -> [(marker: String, range: ClosedRange<Int>)] {
    let words = tokens.map(\.lower)
    var spans: [(String, ClosedRange<Int>)] = []
    var index = 0
    while index < words.count {
      var found: [String]?
      for marker in CueLexicon.conditionMarkers where matches(words, marker, at: index) {
        found = marker
        break
      }
      guard let marker = found else {
        index += 1
        continue
      }
      let previous = index > 0 ? words[index - 1] : ""
      // "whether", "asked if", "even if", "as if" are not conditions; "once" must open a clause.
      if (marker == ["if"]
        && ["asked", "whether", "even", "as", "see", "know", "unclear"].contains(previous))
        || (marker == ["once"] && !(index == 0 || [",", "only"].contains(previous)))
        || (marker == ["before"]
          && !words[..<index].contains(where: {
            ["must", "demand", "demands", "demanded", "insist", "insisted"].contains($0)
          }))
      {
        index += 1
        continue
      }
      let start = index + marker.count
      var end = start
      while end + 1 < words.count, !CueLexicon.clauseBreaks.contains(words[end + 1]),
        words[end + 1] != ","
          && words[end + 1] != "." && words[end + 1] != ":"
      {
        end += 1
      }
      if start <= end, start < words.count {
        spans.append((marker.joined(separator: " "), start...end))
      }
      index = end + 1
    }
    return spans
  }

  // MARK: - Extraction

  /// Proposals for every sentence of a text.
  func extract(_ spans: TextSpans) -> [ExtractedProposal] {
    var proposals: [ExtractedProposal] = []
    var lastPerson: ProposedActor?
    var lastParty: ProposedActor?
    for sentence in spans.sentences {
      let tokens = sentence.tokens
      guard !Self.isCaption(tokens), tokens.count >= 3 else { continue }
      let mentions = gazetteer.mentions(in: tokens)
      let found = extract(
        sentence: sentence, mentions: mentions, spans: spans, lastPerson: lastPerson,
        lastParty: lastParty)
      proposals += found
      for mention in mentions where !mention.isPronoun {
        let actor = actor(for: mention)
        if isPerson(actor) { lastPerson = actor } else { lastParty = actor }
      }
    }
    return proposals
  }

  func actor(for mention: ActorGazetteer.Mention) -> ProposedActor {
    if let id = mention.partyId { return .known(id) }
    return .new(name: mention.newName ?? "?", kind: mention.newKind ?? .state, role: mention.role)
  }

  func isPerson(_ actor: ProposedActor) -> Bool {
    switch actor {
    case .known(let id): return gazetteer.actors[id]?.kind == .person
    case .new(_, let kind, _): return kind == .person
    }
  }

  /// The party an actor speaks for on a day: a person's affiliation, else the actor itself.
  func party(of actor: ProposedActor, on day: Int) -> ProposedActor {
    if case .known(let id) = actor, gazetteer.actors[id]?.kind == .person,
      let affiliation = gazetteer.party(ofPerson: id, on: day)
    {
      return .known(affiliation.party)
    }
    return actor
  }

  private func extract(
    sentence: Sentence, mentions: [ActorGazetteer.Mention], spans: TextSpans,
    lastPerson: ProposedActor?, lastParty: ProposedActor?
  ) -> [ExtractedProposal] {
    let tokens = sentence.tokens
    let words = tokens.map(\.lower)
    // A question states no stance: "Will Moscow accept the ceasefire?" asks whether it will.
    if Self.isQuestion(words) { return [] }
    var cues = cues(in: tokens)
    let conditions = Self.conditionSpans(tokens)
    let noComment = CueLexicon.noComment.contains { phrase in
      words.indices.contains { Self.matches(words, phrase, at: $0) }
    }
    // Cues inside a condition are part of it ("if the Kremlin does not back a deal").
    cues.removeAll { cue in conditions.contains { $0.range.contains(cue.first) } }
    if noComment {
      cues.removeAll { $0.entry.words == ["decline"] || $0.entry.words == ["refuse"] }
    }
    cues = combineFrames(cues, tokens: tokens)
    // What is asked for, owed, proposed or refused is not a concession made: "demands to
    // release prisoners", "asked Kyiv to lift the curfew", "the duty of the powers to act to
    // lift sanctions", "a proposal for signing the pact" (a framed demand has already taken its
    // act in).
    cues.removeAll { cue in
      cue.kind == .acceptance && cue.frame == nil
        && (Self.isActNotDone(at: cue.first, in: words)
          || Self.isGerundSubject(at: cue.first, in: words))
    }
    // A demand made by demonstrating is a protest, not a negotiating stance.
    if let protest = words.firstIndex(where: CueLexicon.protestWords.contains) {
      for index in cues.indices where cues[index].first > protest && cues[index].kind == .demand {
        cues[index].strength -= 0.4
        cues[index].signals.append(
          "a protest (“\(tokens[protest].text)”): not a negotiating stance")
      }
    }
    // "X must …", "X needs to …" inside reported speech: the speaker demands it of X.
    if let speech = words.firstIndex(where: CueLexicon.speechVerbs.contains) {
      for index in words.indices where index > speech + 1 {
        let isModal =
          ["must"].contains(words[index])
          || (["needs", "need", "has", "have"].contains(words[index]) && index + 1 < words.count
            && words[index + 1] == "to")
          || words[index] == "should"
        guard isModal, let subject = mentions.last(where: { $0.last == index - 1 && !$0.isPronoun })
        else { continue }
        // Not a relative clause ("demands that must be met").
        guard subject.first > speech else { continue }
        let code = words[index] == "should" ? "020" : "100"
        let entry = CueLexicon.Entry(
          words: [words[index]], form: .phrase, kind: .demand, code: code, strength: 0.65)
        var cue = CueMatch(
          entry: entry, first: index, last: index, kind: .demand, code: code, strength: 0.65,
          text: tokens[index].text)
        cue.demandOf = subject.first
        cue.signals.append(
          "“\(tokens[index].text)” in reported speech: a demand on \(TextSpans.joined(Array(tokens[subject.first...subject.last])))"
        )
        // The verbs it governs are its content, not cues of their own.
        cues.removeAll { $0.first > index && $0.first <= index + 5 }
        cues.append(cue)
      }
      cues.sort { $0.first < $1.first }
    }
    // The future of coercion threatens ("will impose", "prepared to impose", "sworn to fight");
    // the future of a concession is an intent to yield (CAMEO 035).
    for index in words.indices {
      let word = words[index]
      let isCoercive = CueLexicon.coerciveVerbs.contains { CueLexicon.forms(of: $0).contains(word) }
      let window = words[max(0, index - 3)..<index]
      guard
        window.contains(where: {
          CueLexicon.futureMarkers.contains($0) || CueLexicon.hedgingModals.contains($0)
        })
      else { continue }
      if isCoercive {
        if window.contains(where: CueLexicon.negators.contains) { continue }
        // A verb, not a noun: right after "to" or an auxiliary ("to impose", "will fight").
        guard index > 0,
          ["to", "will", "would", "'ll", "shall", "also", "then"].contains(words[index - 1])
            || CueLexicon.futureMarkers.contains(words[index - 1])
            || CueLexicon.hedgingModals.contains(words[index - 1])
        else { continue }
        if cues.contains(where: { $0.first <= index && index <= $0.last && $0.kind == .threat }) {
          continue
        }
        let after = words[index..<min(index + 6, words.count)]
        let code = after.contains(where: CueLexicon.sanctionWords.contains) ? "1312" : "130"
        let marker = window.firstIndex(where: {
          CueLexicon.futureMarkers.contains($0) || CueLexicon.hedgingModals.contains($0)
        })!
        if let covering = cues.firstIndex(where: {
          $0.first <= index && index <= $0.last + 3 && $0.first >= marker - 2
        }) {
          cues[covering].kind = .threat
          cues[covering].code = code
          cues[covering].last = max(cues[covering].last, index)
          cues[covering].strength = max(cues[covering].strength, 0.65)
          cues[covering].signals.append("the future of “\(tokens[index].text)”: a threat")
        } else {
          let entry = CueLexicon.Entry(
            words: [word], form: .phrase, kind: .threat, code: code, strength: 0.65)
          var cue = CueMatch(
            entry: entry, first: marker, last: index, kind: .threat, code: code, strength: 0.65,
            text: TextSpans.joined(Array(tokens[marker...index])))
          cue.signals.append("the future of “\(tokens[index].text)”: a threat")
          cues.removeAll { $0.first >= marker && $0.first <= index }
          cues.append(cue)
          cues.sort { $0.first < $1.first }
        }
      }
    }
    for index in cues.indices
    where cues[index].kind == .acceptance && cues[index].code.hasPrefix("08") {
      let window = words[max(0, cues[index].first - 3)..<cues[index].first]
      // Readiness is an intent, not the deed: "prepared to lift the ban".
      let ready = ["ready to", "willing to", "prepared to", "intend to", "plan to"].contains(
        cues[index].frame ?? "")
      let future = window.contains(where: {
        ["will", "would", "'ll", "plans", "plan", "intends", "agreed", "promised", "pledged"]
          .contains($0)
      })
      if !future && !ready, let modal = window.first(where: CueLexicon.hedgingModals.contains) {
        // "could lift sanctions": a possibility weighed, neither a deed nor a promise.
        cues[index].kind = .consideration
        cues[index].code = "014"
        cues[index].signals.append("“\(modal)”: a concession only possible, weighed")
        continue
      }
      if future || ready {
        let intent: [String: String] = [
          "0841": "0353", "0842": "0353", "081": "0351", "085": "0354", "0871": "0356",
          "0874": "0356", "0873": "0356", "082": "0352", "083": "034",
        ]
        cues[index].code = intent[cues[index].code] ?? "035"
        cues[index].kind = .commitment
        cues[index].signals.append("said of the future: an intent to yield")
      }
    }
    // A noun cue just after a verb cue is its object ("weighing up a US-backed proposal").
    cues = cues.enumerated().filter { offset, cue in
      !(cue.entry.form == .noun && offset > 0 && cue.first - cues[offset - 1].last <= 5
        && cues[offset - 1].entry.form != .noun)
    }.map(\.element)
    // A question is not a stance: "whether Moscow will accept".
    cues.removeAll { cue in
      let clause = Self.clause(around: cue.first, in: tokens)
      return words[clause.lowerBound..<cue.first].contains("whether")
    }
    var proposals: [ExtractedProposal] = []
    for var cue in cues {
      applyNegation(&cue, tokens: tokens)
      // "warn" only threatens with force or sanctions; otherwise it reports a claim.
      let clause = Self.clause(around: cue.first, in: tokens)
      let after = tokens[min(cue.last + 1, clause.upperBound)...clause.upperBound].map(\.lower)
      if cue.entry.words.first == "vow", after.contains(where: CueLexicon.violentWords.contains) {
        cue.kind = .threat
        cue.code = "138"
      }
      guard
        let proposal = makeProposal(
          cue: cue, clause: clause, sentence: sentence, mentions: mentions, conditions: conditions,
          spans: spans, lastPerson: lastPerson, lastParty: lastParty)
      else { continue }
      proposals.append(proposal)
    }
    // Speech with a threat of force or sanctions: "warned that it would retaliate".
    if cues.isEmpty,
      let warn = words.firstIndex(where: { CueLexicon.forms(of: "warn").contains($0) }),
      words[warn...].contains(where: { $0 == "would" || $0 == "will" }),
      words[warn...].contains(where: CueLexicon.violentWords.contains)
    {
      if let proposal = makeProposal(
        cue: Self.impliedCue("warn", at: warn, kind: .threat, code: "130", strength: 0.6, tokens),
        clause: Self.clause(around: warn, in: tokens), sentence: sentence,
        mentions: mentions, conditions: conditions, spans: spans, lastPerson: lastPerson,
        lastParty: lastParty)
      {
        proposals.append(proposal)
      }
    }
    // A claim by a verb of saying with a factual complement ("Ukraine says it has shot down").
    if cues.isEmpty && proposals.isEmpty, !noComment,
      let say = words.firstIndex(where: { ["says", "said", "say"].contains($0) }),
      say + 2 < words.count,
      words[(say + 1)...].prefix(4).contains(where: {
        ["has", "had", "have", "was", "were", "is", "are"].contains($0)
      })
    {
      if let proposal = makeProposal(
        cue: Self.impliedCue("say", at: say, kind: .claim, code: "010", strength: 0.55, tokens),
        clause: Self.clause(around: say, in: tokens), sentence: sentence,
        mentions: mentions, conditions: conditions, spans: spans, lastPerson: lastPerson,
        lastParty: lastParty)
      {
        proposals.append(proposal)
      }
    }
    return proposals
  }

  /// A cue the sentence implies rather than names (a warning of force, a verb of saying with a
  /// factual complement), as if the lexicon held it.
  private static func impliedCue(
    _ word: String, at index: Int, kind: StanceKind, code: String, strength: Double,
    _ tokens: [Token]
  ) -> CueMatch {
    let entry = CueLexicon.Entry(
      words: [word], form: .verb, kind: kind, code: code, strength: strength)
    return CueMatch(
      entry: entry, first: index, last: index, kind: kind, code: code, strength: strength,
      text: tokens[index].text)
  }

  /// Merges a frame with the cue it governs: "prepared to accept" is one acceptance, "refused
  /// to rule out" one consideration, "threatened to impose" one threat.
  func combineFrames(_ cues: [CueMatch], tokens: [Token]) -> [CueMatch] {
    var result: [CueMatch] = []
    var index = 0
    while index < cues.count {
      var cue = cues[index]
      let name = cue.entry.words.joined(separator: " ")
      if Self.frames.contains(name), index + 1 < cues.count, cues[index + 1].first - cue.last <= 5 {
        let inner = cues[index + 1]
        var merged = inner
        merged.first = cue.first
        merged.text = TextSpans.joined(Array(tokens[cue.first...inner.last]))
        merged.frame = name
        merged.strength = max(cue.strength, inner.strength)
        switch name {
        case "refuse", "decline":
          if inner.kind == .rejection {
            merged.kind = .consideration
            merged.code = "014"
            merged.signals.append("“\(merged.text)”: refusing to rule out is keeping open")
          } else {
            merged.kind = .rejection
            merged.code = "120"
            merged.signals.append("“\(merged.text)”: a refusal")
          }
        case "threaten":
          merged.kind = .threat
          merged.code = inner.code.hasPrefix("13") ? inner.code : "130"
        case "vow", "promise", "pledge", "commit to":
          merged.kind = inner.kind == .threat ? .threat : .commitment
          merged.code = inner.kind == .threat ? inner.code : "030"
        case "offer", "propose":
          merged.kind = .proposal
          merged.code = "030"
        case "urge", "call on", "call upon", "demand", "appeal to", "request", "seek":
          merged.kind = .demand
          merged.code = cue.code
        case "consider", "weigh", "weigh up", "study", "examine", "mull", "ponder":
          merged.kind = .consideration
          merged.code = "014"
        case "agree to":
          merged.kind = inner.kind == .consideration ? .consideration : .commitment
          merged.code = inner.kind == .consideration ? "014" : "030"
        default:
          // ready, willing, prepared, intend, plan: the inner stance, firmly.
          break
        }
        result.append(merged)
        index += 2
        continue
      }
      cue.frame = nil
      result.append(cue)
      index += 1
    }
    return result
  }

  /// Turns a negated cue into what it means: "would not accept" rejects, "did not rule out"
  /// keeps open; a negated demand or threat is not one (its confidence drops).
  func applyNegation(_ cue: inout CueMatch, tokens: [Token]) {
    var index = cue.first - 1
    var negator: String?
    while index >= 0 && index >= cue.first - 3 {
      let word = tokens[index].lower
      if CueLexicon.negators.contains(word)
        || (["failed", "fail", "fails", "failing"].contains(word) && index + 1 < tokens.count
          && tokens[index + 1].lower == "to")
      {
        negator = word
        break
      }
      if word == "," || CueLexicon.clauseBreaks.contains(word) { break }
      index -= 1
    }
    if negator == nil, cue.last + 1 < tokens.count, tokens[cue.last + 1].lower == "no" {
      // "accepts no", "will accept no foreign troops": rejects.
      negator = "no"
    }
    guard let negator else { return }
    let was = cue.kind
    // "failed to reach agreement": the deed did not happen, but nobody refused it.
    if negator.hasPrefix("fail"), [.acceptance, .commitment, .proposal].contains(cue.kind) {
      cue.strength -= 0.4
      cue.signals.append("“\(negator) to”: a failure, not a refusal")
      return
    }
    switch cue.kind {
    case .acceptance, .commitment, .proposal:
      cue.kind = .rejection
      cue.code = was == .commitment ? "121" : "120"
    case .rejection:
      cue.kind = .consideration
      cue.code = "014"
    case .claim:
      cue.polarity = .against
    case .demand, .threat, .consideration, .condition:
      cue.strength -= 0.4
    }
    cue.signals.append("negated (“\(negator)”): \(was.rawValue) → \(cue.kind.rawValue)")
  }

  /// The holder of a cue: the nearest name before it in its clause (not an object of a
  /// preposition), a possessor for a noun cue, or the one the pronoun refers to.
  func holderMention(
    cue: CueMatch, clause: ClosedRange<Int>, mentions: [ActorGazetteer.Mention], tokens: [Token]
  ) -> ActorGazetteer.Mention? {
    let words = tokens.map(\.lower)
    let before = mentions.filter { $0.last < cue.first && $0.first >= clause.lowerBound }
    if cue.entry.form == .noun {
      // "Putin's demands", "the US-backed proposal".
      if let possessor = before.last(where: {
        $0.last + 1 < words.count && words[$0.last + 1] == "'s" && $0.last + 2 >= cue.first - 2
      }) {
        return possessor
      }
    }
    // "… made a visit to Kursk to claim": the subject of the clause, not the nearest name.
    let infinitive = cue.first > 0 && words[cue.first - 1] == "to" && cue.entry.form != .noun
    let ordered = infinitive ? before : before.reversed()
    for mention in ordered {
      let previous = mention.first > 0 ? words[mention.first - 1] : ""
      if Self.prepositions.contains(previous) || previous == "'s" { continue }
      // A possessor is not the subject of a verb: "Russia's rapid advance … threatens".
      if cue.entry.form != .noun, mention.last + 1 < words.count, words[mention.last + 1] == "'s" {
        continue
      }
      // An object right after a verb ("handed the US a list"): only for nouns.
      if cue.entry.form == .noun, mention.first > 0,
        previous == "the" || !tokens[mention.first - 1].isCapitalized,
        mention.first >= 2, words[mention.first - 2].hasSuffix("ed") || previous.hasSuffix("ed")
      {
        continue
      }
      return mention
    }
    return nil
  }

  func makeProposal(
    cue: CueMatch, clause: ClosedRange<Int>, sentence: Sentence,
    mentions: [ActorGazetteer.Mention], conditions: [(marker: String, range: ClosedRange<Int>)],
    spans: TextSpans, lastPerson: ProposedActor?, lastParty: ProposedActor?
  ) -> ExtractedProposal? {
    let tokens = sentence.tokens
    let words = tokens.map(\.lower)
    var signals = cue.signals
    var confidence = cue.strength
    // Holder.
    var holder: ProposedActor?
    var holderMention = holderMention(cue: cue, clause: clause, mentions: mentions, tokens: tokens)
    if let asked = cue.demandOf {
      // The speaker demands it: the subject of the verb of saying before the party asked.
      holderMention = mentions.last { $0.last < asked && !$0.isPronoun && $0.first < asked - 1 }
      if holderMention == nil { holderMention = mentions.last { $0.last < asked && $0.isPronoun } }
    }
    if holderMention == nil {
      // Clause subject across a break: "… , Gerasimov claimed".
      holderMention = mentions.first {
        $0.first > cue.last && $0.first <= cue.last + 3 && !$0.isPronoun && words[cue.first] != "'s"
          && CueLexicon.speechVerbs.contains(words[min($0.last + 1, words.count - 1)])
      }
    }
    if holderMention == nil {
      // The sentence's subject, across a parenthesis ("Putin – dressed in fatigues – addressed …").
      holderMention = mentions.first {
        !$0.isPronoun && $0.last < cue.first
          && !($0.first > 0
            && (Self.prepositions.contains(words[$0.first - 1]) || words[$0.first - 1] == "'s"))
          && !($0.last + 1 < words.count && words[$0.last + 1] == "'s")
      }
      if holderMention != nil {
        confidence -= 0.1
        signals.append("holder taken from the sentence's subject")
      }
    }
    if let mention = holderMention {
      if mention.isPronoun {
        let pronoun = words[mention.first]
        let earlier = mentions.filter { $0.last < mention.first && !$0.isPronoun }.map(actor(for:))
        if pronoun == "he" || pronoun == "she" {
          holder = earlier.last(where: isPerson) ?? lastPerson
        } else {
          holder = earlier.last(where: { !isPerson($0) }) ?? lastParty
        }
        if holder != nil {
          signals.append("“\(tokens[mention.first].text)” taken as \(describe(holder!))")
        }
      } else {
        holder = actor(for: mention)
      }
    }
    // A noun compound holder: "US-backed proposal".
    if cue.entry.form == .noun, cue.first > 0, let owner = compoundOwner(tokens[cue.first - 1].text)
    {
      holder = owner
    }
    // Speaker: a verb of saying in the sentence with its subject.
    var speaker: ProposedActor?
    var speechIndex: Int?
    for (index, word) in words.enumerated()
    where CueLexicon.speechVerbs.contains(word) && index != cue.first {
      let subject =
        mentions.last { $0.last < index && $0.last >= index - 4 && !$0.isPronoun }
        ?? mentions.first { $0.first > index && $0.first <= index + 1 && !$0.isPronoun }
      if let subject {
        speaker = actor(for: subject)
        speechIndex = index
        break
      }
    }
    // "according to X": the source of the report; it holds the stance only when nothing else does.
    if let according = words.indices.first(where: {
      Self.matches(words, ["according", "to"], at: $0)
    }),
      let source = mentions.first(where: {
        $0.first > according + 1 && $0.first <= according + 3 && !$0.isPronoun
      })
    {
      let actor = actor(for: source)
      let kind = actor.knownId.flatMap { gazetteer.actors[$0]?.kind }
      if kind != .media {
        if speaker == nil { speaker = actor }
        if holder == nil { holder = actor }
      }
    }
    if holder == nil, let speaker { holder = speaker }
    // Attribution and hedging.
    var attribution: Attribution = .reported
    var modality: Modality = .firm
    for hedge in CueLexicon.hedges
    where words.indices.contains(where: { Self.matches(words, hedge, at: $0) }) {
      signals.append("hedged: “\(hedge.joined(separator: " "))” (reported at second hand)")
      confidence -= 0.05
    }
    if let modal = words[max(0, cue.first - 3)...cue.last].first(
      where: CueLexicon.hedgingModals.contains)
    {
      modality = .hedged
      signals.append("hedged: “\(modal)”")
    }
    let isClaimVerb =
      cue.entry.words.first == "claim"
      || (speechIndex.map { words[$0].hasPrefix("claim") } ?? false)
    if isClaimVerb { attribution = .claimed }
    let holderKind: PartyKind? = {
      switch holder {
      case .known(let id): return gazetteer.actors[id]?.kind
      case .new(_, let kind, _): return kind
      case nil: return nil
      }
    }()
    if holderKind == .analyst || words.contains("analysts") || words.contains("experts") {
      attribution = .analyst
    }
    // Conditions after the cue (or any in its clause).
    var conditionTexts: [String] = []
    for condition in conditions where clause.contains(condition.range.lowerBound) {
      let text = TextSpans.joined(Array(tokens[condition.range]))
      conditionTexts.append(text)
      signals.append("conditional: “\(condition.marker) \(text)”")
    }
    var kind = cue.kind
    var code = cue.code
    if holderKind == .analyst && kind != .claim {
      // An analyst's assessment ("analysts warn that … threatens") is a claim of theirs.
      signals.append("an analyst's assessment: claim")
      kind = .claim
      code = "010"
    }
    if !conditionTexts.isEmpty {
      modality = .conditional
      // "demands that must be met before he agrees": a condition on agreeing.
      if kind == .demand,
        conditions.contains(where: {
          $0.marker.hasPrefix("must be met") || $0.marker.hasPrefix("only")
        })
      {
        kind = .condition
        signals.append("demands set as the price of agreeing: condition")
      }
    }
    // The quote: the clause from its subject, at most 25 words, around the cue.
    let quoteStartToken = max(
      holderMention.map { min($0.first, cue.first) } ?? clause.lowerBound, clause.lowerBound)
    var first = min(quoteStartToken, cue.first)
    var last = clause.upperBound
    while last > cue.last, [",", ".", ";", ":", "–", "—", "-"].contains(words[last]) { last -= 1 }
    func wordCount(_ a: Int, _ b: Int) -> Int {
      spans.text(tokens[a].start, tokens[b].end).wordCount
    }
    while wordCount(first, last) > 25 {
      if last - cue.last > cue.first - first + 4 { last -= 1 } else { first += 1 }
    }
    while last > cue.last,
      [",", ";", ":", "–", "—", "-", "(", "“", "and", "or", "but", "as", "with"].contains(
        words[last])
    { last -= 1 }
    let quoteStart = tokens[first].start
    let quoteEnd = tokens[last].end
    let quote = spans.text(quoteStart, quoteEnd)
    // Direct speech: the cue or its object inside quotation marks.
    let quoteMarks = tokens[first...last].contains { $0.text == "“" || $0.text == "\"" }
    if quoteMarks && attribution == .reported && speaker != nil { attribution = .direct }
    // Date.
    let tense: String? = {
      if words.contains("has") || words.contains("have") { return "present perfect (\"has …\")" }
      if words.contains("is") || words.contains("are") { return "present tense" }
      return nil
    }()
    let resolved = dates.statementDate(
      in: tokens, cue: cue.first, speech: speechIndex, tense: tense)
    // Targets: known parties after the cue in its clause, and the owner of a compound
    // ("US-backed proposal").
    var targets: [ProposedActor] = []
    for mention in mentions
    where mention.first > cue.last && clause.contains(mention.first) && !mention.isPronoun {
      guard !conditions.contains(where: { $0.range.contains(mention.first) }) || targets.isEmpty
      else { continue }
      let actor = actor(for: mention)
      guard actor != holder, actor.knownId != nil, !targets.contains(actor) else { continue }
      targets.append(actor)
      if targets.count == 2 { break }
    }
    for index in tokens.indices where index > cue.last && clause.contains(index) {
      if let owner = compoundOwner(tokens[index].text), !targets.contains(owner), owner != holder {
        targets.append(owner)
      }
    }
    // Issue.
    let objectTokens = Array(tokens[min(cue.last + 1, clause.upperBound)...clause.upperBound])
    // What the stance is about comes before its conditions ("accept a ceasefire only if …").
    let conditionStart = conditions.map(\.range.lowerBound).filter { $0 > cue.last }.min()
    let aboutTokens =
      conditionStart.map { start in
        objectTokens.filter { $0.start < tokens[max(0, start - 1)].start }
      } ?? objectTokens
    let issue = issues.bestSlot([
      (aboutTokens, 1.0), (objectTokens, 0.3), (Array(tokens[clause]), 0.3), (tokens, 0.15),
    ])
    // Confidence.
    switch holder {
    case .known: confidence += 0.05
    case .new: confidence -= 0.1
    case nil:
      confidence -= 0.3
      signals.append("no holder found")
    }
    if issue == nil {
      confidence -= 0.1
      signals.append("no issue keyword")
    }
    if cue.entry.form == .noun && holderMention == nil { confidence -= 0.1 }
    // For "X must …", what is demanded is the whole clause from X.
    let objectSource = cue.demandOf.map { Array(tokens[$0...clause.upperBound]) } ?? objectTokens
    let objectText = TextSpans.joined(
      Array(objectSource.prefix { !CueLexicon.clauseBreaks.contains($0.lower) }.prefix(16))
    )
    .trimmingCharacters(in: CharacterSet(charactersIn: " ,.;:–—"))
    return ExtractedProposal(
      sentence: sentence.index, cue: cue.text, kind: kind, cameoCode: code, holder: holder,
      speaker: speaker, targets: targets, attribution: attribution, modality: modality,
      polarity: cue.polarity, conditions: conditionTexts, signals: signals, said: resolved.date,
      dateBasis: resolved.basis, issue: issue?.id, issueWhy: issue?.why ?? [], quote: quote,
      quoteStart: quoteStart, quoteEnd: quoteEnd, object: objectText,
      confidence: min(0.95, max(0.05, (confidence * 100).rounded() / 100)))
  }

  /// The party named before "-backed", "-brokered", "-led" or "-proposed" ("US-backed").
  func compoundOwner(_ word: String) -> ProposedActor? {
    for suffix in ["-backed", "-brokered", "-led", "-proposed", "-sponsored"]
    where word.lowercased().hasSuffix(suffix) {
      let name = String(word.dropLast(suffix.count))
      let found = gazetteer.mentions(in: TextSpans.tokenize(Array(name.unicodeScalars)))
      if let id = found.first?.partyId, found.first?.first == 0 { return .known(id) }
    }
    return nil
  }

  func describe(_ actor: ProposedActor) -> String {
    switch actor {
    case .known(let id): return id
    case .new(let name, _, _): return "\(name) (new)"
    }
  }
}
