/// The read commands, as every face names them: `parley who`, `GET /api/who/{stance}`, the MCP
/// tool `who`.
public enum ReadCommand: String, Sendable, CaseIterable {
  case who, positions, show, diff, compare, timeline, contested, commitments, query, search
  case report, brief, parties, issues

  /// The argument names the command takes (the CLI's options without dashes; the CLI's
  /// positional argument by the name its help gives it).
  public var parameters: [String] {
    let time = ["as-of", "known-at"]
    // What every question about positions takes: the public record's day, and whether
    // machine-coded records are included.
    let scope = ["published-by", "include-machine"]
    switch self {
    case .who: return ["stance", "on", "of", "by"] + time + scope
    case .positions: return ["party", "issue", "all", "include-deprecated"] + time + scope
    case .show: return ["position", "known-at"] + scope
    case .diff:
      return ["party", "from", "to", "known-since", "known-at", "issue", "show-restatements"]
        + scope
    case .compare: return ["parties", "issue"] + time + scope
    case .timeline: return ["party", "issue", "from", "to", "known-at"] + scope
    case .contested: return ["party", "issue", "all"] + time + scope
    case .commitments: return ["party", "issue"] + time + scope
    case .query: return ["expression"] + scope
    case .search: return ["words", "limit", "known-at"] + scope
    case .report: return ["parties", "issues", "since"] + time + scope
    case .brief:
      return ["since", "known-since", "parties", "max-items", "full", "stale-after"] + time + scope
    case .parties, .issues: return time
    }
  }
}

/// The answer to a read question: the same view types the CLI renders.
public enum Answer: Sendable {
  case positions(PositionList)
  case detail(PositionDetail)
  case diff(PositionDiff)
  case comparison(Comparison)
  case timeline(Timeline)
  case contested(ContestedClaims)
  case commitments(CommitmentList)
  case search(SearchResults)
  case report(PositionReport)
  case briefing(Briefing)
  case parties(PartyList)
  case issues(IssueList)

  /// The answer in one output format, as the CLI prints it.
  public func render(_ renderer: any Renderer) throws -> String {
    switch self {
    case .positions(let value): try renderer.render(value)
    case .detail(let value): try renderer.render(value)
    case .diff(let value): try renderer.render(value)
    case .comparison(let value): try renderer.render(value)
    case .timeline(let value): try renderer.render(value)
    case .contested(let value): try renderer.render(value)
    case .commitments(let value): try renderer.render(value)
    case .search(let value): try renderer.render(value)
    case .report(let value): try renderer.render(value)
    case .briefing(let value): try renderer.render(value)
    case .parties(let value): try renderer.render(value)
    case .issues(let value): try renderer.render(value)
    }
  }

  /// The JSON contract, exactly as `--format json` prints it.
  public func json() throws -> String { try render(JSONRenderer()) }
}

/// An answer and the notes the CLI writes on standard error beside it ("Zelensky speaks for
/// ukraine; showing ukraine's positions.").
public struct AnsweredQuestion: Sendable {
  public var answer: Answer
  public var notes: [String]
}

extension ParleyStore {
  /// Answers one read command with the same library calls, in the same order, as the CLI
  /// command of that name; a test compares every face's JSON with the CLI's.
  public func answer(_ command: ReadCommand, _ arguments: QuestionArguments) throws
    -> AnsweredQuestion
  {
    try arguments.allowOnly(command.parameters, in: command.rawValue)
    var notes: [String] = []
    func holder(_ text: String, on day: PartialDate) throws -> Party {
      let (party, note) = try holderSpeakingFor(try resolveParty(text), on: day)
      if let note { notes.append(note) }
      return party
    }
    func knownAt(_ name: String = "known-at") throws -> KnownAt {
      try arguments.string(name).map { try self.knownAt(parsing: $0) } ?? .latest
    }
    func issues(_ name: String = "issue") throws -> [String] {
      try arguments.string(name).map { try resolveIssues($0) } ?? []
    }
    let asOfGiven = try arguments.date("as-of")
    let asOf = asOfGiven ?? PartialDate.today()
    let publishedBy = try arguments.date("published-by")
    let includeMachine = try arguments.flag("include-machine")

    let answer: Answer
    switch command {
    case .who:
      let stance = try arguments.required("stance", example: "demands")
      guard let kind = StanceKind(userInput: stance) else { throw QueryError.unknownKind(stance) }
      var filter = PositionFilter(
        kinds: [kind], asOf: asOf, knownAt: try knownAt(), publishedBy: publishedBy,
        includeMachineCoded: includeMachine)
      var question = "who \(kind.verb)"
      if let issue = try arguments.string("on") {
        filter.issues = try resolveIssues(issue)
        question += " on \(issue)"
      }
      if let target = try arguments.string("of") {
        let party = try resolveParty(target)
        filter.targets = [party.id]
        question += ", aimed at \(party.id)"
      }
      if let by = try arguments.string("by") {
        let party = try holder(by, on: asOf)
        filter.holders = [party.id]
        question += ", held by \(party.id)"
      }
      answer = .positions(try positionList(filter, question: question))

    case .positions:
      let name = try arguments.required("party", example: "russia")
      let all = try arguments.flag("all")
      if all && asOfGiven != nil {
        throw QuestionError.usage(
          "'all' and 'as-of' cannot be combined: 'all' ignores the date.", parameter: "all")
      }
      let party = try holder(name, on: asOf)
      var filter = PositionFilter(
        holders: [party.id], asOf: all ? nil : asOf, knownAt: try knownAt(),
        includeDeprecated: try arguments.flag("include-deprecated"), publishedBy: publishedBy,
        includeMachineCoded: includeMachine)
      var question = "positions of \(party.id)"
      if let issue = try arguments.string("issue") {
        filter.issues = try resolveIssues(issue)
        question += " on \(issue)"
      }
      answer = .positions(try positionList(filter, question: question))

    case .show:
      let id = try arguments.required("position", example: "ru-nato-bar-ukraine-2021-12")
      answer = .detail(
        try positionDetail(
          id: id, knownAt: try knownAt(), publishedBy: publishedBy,
          includeMachineCoded: includeMachine))

    case .diff:
      let name = try arguments.required("party", example: "russia")
      let knownSince = try arguments.string("known-since")
      let from = try arguments.date("from")
      let to = try arguments.date("to")
      let showRestatements = try arguments.flag("show-restatements")
      let knownAtGiven = try arguments.string("known-at") != nil
      if knownSince != nil {
        if from != nil || to != nil || knownAtGiven || publishedBy != nil {
          throw QuestionError.usage(
            "'known-since' answers a record-time question; it cannot be combined with 'from', 'to', 'known-at' or 'published-by'.",
            parameter: "known-since")
        }
      } else {
        guard let from else {
          throw QuestionError.usage(
            "Give 'from' (and optionally 'to'), or 'known-since'.", parameter: "from")
        }
        if let to, to.lastDay < from.firstDay {
          throw QuestionError.usage(
            "\(arguments.quote("to", to.description)) is before \(arguments.quote("from", from.description)).",
            parameter: "to")
        }
      }
      let party = try holder(name, on: PartialDate.today())
      let issueIds = try issues()
      if let knownSince {
        guard
          case .revision(let revision) = try self.knownAt(
            parsing: knownSince, dateMeans: .startOfDay)
        else { throw QueryError.badKnownAt(knownSince) }
        answer = .diff(
          try learnedSince(
            holder: party.id, issues: issueIds, since: revision,
            showRestatements: showRestatements, includeMachineCoded: includeMachine))
      } else {
        answer = .diff(
          try diff(
            holder: party.id, issues: issueIds, from: from!, to: to ?? PartialDate.today(),
            knownAt: try knownAt(), showRestatements: showRestatements, publishedBy: publishedBy,
            includeMachineCoded: includeMachine))
      }

    case .compare:
      let names = arguments.list("parties")
      if names.count < 2 {
        throw QuestionError.usage(
          "Give at least two parties to compare; got \(names.count).", parameter: "parties")
      }
      let ids = try names.map { try holder($0, on: asOf).id }
      answer = .comparison(
        try compare(
          parties: ids, issues: try issues(), asOf: asOf, knownAt: try knownAt(),
          publishedBy: publishedBy, includeMachineCoded: includeMachine))

    case .timeline:
      let from = try arguments.date("from")
      let to = try arguments.date("to")
      let partyId = try arguments.string("party").map { try resolveParty($0).id }
      answer = .timeline(
        try timeline(
          party: partyId, issues: try issues(), from: from, to: to, knownAt: try knownAt(),
          publishedBy: publishedBy, includeMachineCoded: includeMachine))

    case .contested:
      let all = try arguments.flag("all")
      if all && asOfGiven != nil {
        throw QuestionError.usage("Give either 'as-of' or 'all', not both.", parameter: "all")
      }
      let holders = try arguments.string("party").map { [try resolveParty($0).id] } ?? []
      answer = .contested(
        try contested(
          holders: holders, issues: try issues(), asOf: asOfGiven, knownAt: try knownAt(),
          all: all, publishedBy: publishedBy, includeMachineCoded: includeMachine))

    case .commitments:
      let holders = try arguments.string("party").map { [try resolveParty($0).id] } ?? []
      answer = .commitments(
        try commitments(
          holders: holders, issues: try issues(), asOf: asOfGiven, knownAt: try knownAt(),
          publishedBy: publishedBy, includeMachineCoded: includeMachine))

    case .query:
      let expression = try arguments.string("expression") ?? ""
      answer = .positions(
        try positionList(
          query: expression, publishedBy: publishedBy, includeMachineCoded: includeMachine))

    case .search:
      let limit = try arguments.integer("limit", default: 20)
      guard limit >= 1 else {
        throw QuestionError.usage(
          "\(arguments.quote("limit", String(limit))) must be at least 1.", parameter: "limit")
      }
      guard let words = try arguments.string("words"), !words.allSatisfy(\.isWhitespace) else {
        throw QuestionError.usage(
          "Give the words to search for, e.g. \(arguments.quote("words", "crimea")).",
          parameter: "words")
      }
      answer = .search(
        try search(
          words, limit: limit, knownAt: try knownAt(), includeMachineCoded: includeMachine,
          publishedBy: publishedBy))

    case .report:
      let since = try arguments.date("since")
      let partyIds = try arguments.list("parties").map { try resolveParty($0).id }
      var issueIds: [String] = []
      for issue in arguments.list("issues") { issueIds += try resolveIssues(issue) }
      answer = .report(
        try report(
          parties: partyIds, issues: issueIds, asOf: asOf, since: since, knownAt: try knownAt(),
          publishedBy: publishedBy, includeMachineCoded: includeMachine))

    case .brief:
      let since = try arguments.date("since")
      let maxItems = try arguments.integer("max-items", default: 25)
      guard maxItems >= 1 else {
        throw QuestionError.usage(
          "\(arguments.quote("max-items", String(maxItems))): expected 1 or more.",
          parameter: "max-items")
      }
      let staleAfter = try arguments.integer("stale-after", default: 180)
      guard staleAfter >= 1 else {
        throw QuestionError.usage(
          "\(arguments.quote("stale-after", String(staleAfter))): expected 1 or more days.",
          parameter: "stale-after")
      }
      let full = try arguments.flag("full")
      let partyIds = try arguments.list("parties").map { try resolveParty($0).id }
      var sinceRevision: Int64?
      if let knownSince = try arguments.string("known-since") {
        guard
          case .revision(let revision) = try self.knownAt(
            parsing: knownSince, dateMeans: .startOfDay)
        else { throw QueryError.badKnownAt(knownSince) }
        sinceRevision = revision
      }
      answer = .briefing(
        try briefing(
          asOf: asOf, knownAt: try knownAt(), since: since, knownSince: sinceRevision,
          parties: partyIds, publishedBy: publishedBy, includeMachineCoded: includeMachine,
          focus: BriefFocus(maxItems: full ? nil : maxItems, staleAfterDays: staleAfter)))

    case .parties:
      answer = .parties(try partyList(knownAt: try knownAt(), asOf: asOf))

    case .issues:
      answer = .issues(try issueList(knownAt: try knownAt(), asOf: asOf))
    }
    return AnsweredQuestion(answer: answer, notes: notes)
  }
}
