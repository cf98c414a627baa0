/// The extractor's lexicons: cue verbs and phrases mapped to stance kinds (with the CAMEO code
/// each would get), and the words of reported speech, hedging, negation and conditions.
///
/// Written from the CAMEO codebook's definitions and Parley's stance kinds, not from any test
/// set (BENCHMARKS.md says which material it was measured on).
enum CueLexicon {
  /// How a cue is written: a verb (matched in every form), a fixed phrase, or a noun.
  enum Form: Sendable { case verb, phrase, noun, adjective }

  struct Entry: Sendable {
    /// Lower-case words; for a verb, the first word is its base form ("rule out").
    var words: [String]
    var form: Form
    var kind: StanceKind
    /// The CAMEO code this cue would be coded as.
    var code: String
    /// How sure the cue alone makes a proposal (0–1).
    var strength: Double
    /// When set, one of these words must follow within four words ("declare" a "ceasefire").
    var object: Set<String>? = nil
  }

  /// The cue entries, longest first so that "call for" wins over "call".
  static let entries: [Entry] = {
    var list: [Entry] = []
    func verb(_ words: String, _ kind: StanceKind, _ code: String, _ strength: Double = 0.8) {
      list.append(
        Entry(
          words: words.split(separator: " ").map(String.init), form: .verb, kind: kind, code: code,
          strength: strength))
    }
    func phrase(_ words: String, _ kind: StanceKind, _ code: String, _ strength: Double = 0.75) {
      list.append(
        Entry(
          words: words.split(separator: " ").map(String.init), form: .phrase, kind: kind,
          code: code, strength: strength))
    }
    func noun(_ words: String, _ kind: StanceKind, _ code: String, _ strength: Double = 0.6) {
      list.append(
        Entry(
          words: words.split(separator: " ").map(String.init), form: .noun, kind: kind, code: code,
          strength: strength))
    }
    func verb(
      _ words: String, _ kind: StanceKind, _ code: String, _ strength: Double, object: Set<String>
    ) {
      list.append(
        Entry(
          words: words.split(separator: " ").map(String.init), form: .verb, kind: kind, code: code,
          strength: strength, object: object))
    }
    let truce: Set<String> = ["ceasefire", "cease-fire", "truce", "armistice", "moratorium"]
    let captives: Set<String> = [
      "prisoners", "prisoner", "hostages", "hostage", "detainees", "captives", "captive",
      "soldiers", "journalist", "journalists", "activists", "ship", "vessel", "crew", "pows",
    ]
    let restrictions: Set<String> = [
      "sanctions", "ban", "curfew", "restrictions", "blockade", "embargo", "siege", "boycott",
      "state", "martial", "emergency",
    ]
    // Demands (CAMEO 10 DEMAND; 02 APPEAL is a softer demand).
    verb("demand", .demand, "100", 0.85)
    verb("insist on", .demand, "100", 0.8)
    verb("call for", .demand, "100", 0.8)
    verb("call on", .demand, "020", 0.8)
    verb("call upon", .demand, "020", 0.8)
    verb("urge", .demand, "020", 0.8)
    verb("press for", .demand, "100", 0.75)
    verb("appeal for", .demand, "020", 0.75)
    verb("appeal to", .demand, "020", 0.7)
    verb("request", .demand, "020", 0.7)
    verb("ask for", .demand, "020", 0.65)
    verb("ask", .demand, "020", 0.6, object: ["to"])
    noun("request", .demand, "020", 0.5)
    noun("call", .demand, "020", 0.45)
    verb("seek", .demand, "020", 0.55)
    noun("demand", .demand, "100", 0.65)
    noun("ultimatum", .threat, "139", 0.7)
    // Threats (CAMEO 13 THREATEN).
    verb("threaten", .threat, "130", 0.85)
    verb("warn of", .threat, "130", 0.65)
    noun("threat", .threat, "130", 0.55)
    // Rejections (CAMEO 12 REJECT).
    verb("reject", .rejection, "120", 0.85)
    verb("refuse", .rejection, "120", 0.8)
    verb("rule out", .rejection, "120", 0.8)
    verb("dismiss", .rejection, "120", 0.7)
    verb("turn down", .rejection, "120", 0.8)
    verb("rebuff", .rejection, "120", 0.8)
    verb("spurn", .rejection, "120", 0.8)
    verb("veto", .rejection, "129", 0.8)
    verb("oppose", .rejection, "120", 0.6)
    verb("decline", .rejection, "120", 0.6)
    phrase("unacceptable", .rejection, "120", 0.65)
    noun("refusal", .rejection, "120", 0.6)
    noun("rejection", .rejection, "120", 0.6)
    // Acceptances (PLOVER AGREE for agreeing to something; CAMEO 08 YIELD for conceding;
    // 057 for signing).
    verb("accept", .acceptance, "030", 0.85)
    verb("agree to", .acceptance, "030", 0.8)
    verb("agree with", .acceptance, "030", 0.7)
    verb("approve", .acceptance, "030", 0.7)
    verb("endorse", .acceptance, "051", 0.65)
    verb("welcome", .acceptance, "051", 0.55)
    verb("sign", .acceptance, "057", 0.6)
    verb(
      "meet", .acceptance, "083", 0.6, object: ["demands", "conditions", "terms", "requirements"])
    verb("declare", .commitment, "0871", 0.8, object: truce)
    verb("release", .acceptance, "0841", 0.65, object: captives)
    verb("free", .acceptance, "0841", 0.65, object: captives)
    verb("lift", .acceptance, "081", 0.65, object: restrictions)
    verb("ease", .acceptance, "081", 0.65, object: restrictions)
    // Undoing a restriction by decree or vote is easing it, whatever the verb ("repealed the
    // curfew", "cancelled the restrictions"); "state" and "emergency" are left out, which
    // these verbs also take as "the state visit" or "the emergency session".
    let rules = restrictions.subtracting(["state", "emergency"]).union(["curbs"])
    for base in ["cancel", "repeal", "revoke", "rescind", "scrap", "relax", "remove"] {
      verb(base, .acceptance, "081", 0.65, object: rules)
    }
    verb("call off", .acceptance, "082", 0.6)
    verb("demobilize", .acceptance, "0873", 0.65)
    verb("demobilise", .acceptance, "0873", 0.65)
    verb("withdraw", .acceptance, "0874", 0.5, object: ["troops", "forces", "soldiers", "army"])
    verb("concede", .acceptance, "080", 0.75)
    verb("yield", .acceptance, "080", 0.6)
    verb("accede to", .acceptance, "083", 0.8)
    verb("back down", .acceptance, "080", 0.7)
    verb("give in", .acceptance, "080", 0.7)
    // Commitments (CAMEO 03 EXPRESS INTENT TO COOPERATE; 0871 declare a truce).
    verb("pledge", .commitment, "030", 0.8)
    verb("promise", .commitment, "030", 0.8)
    verb("vow", .commitment, "030", 0.75)
    verb("swear", .commitment, "030", 0.7)
    verb(
      "reach", .commitment, "030", 0.6,
      object: ["agreement", "consensus", "deal", "accord", "understanding"])
    verb("commit to", .commitment, "030", 0.8)
    verb("guarantee", .commitment, "030", 0.7)
    phrase("ready to", .commitment, "030", 0.6)
    phrase("willing to", .commitment, "030", 0.6)
    phrase("prepared to", .commitment, "030", 0.6)
    verb("intend to", .commitment, "030", 0.6)
    verb("plan to", .commitment, "030", 0.5)
    // Proposals.
    verb("propose", .proposal, "030", 0.8)
    verb("offer", .proposal, "030", 0.75)
    verb("suggest", .proposal, "030", 0.55)
    verb("put forward", .proposal, "030", 0.75)
    verb("float", .proposal, "030", 0.5)
    phrase("raised the possibility of", .proposal, "030", 0.55)
    noun("proposal", .proposal, "030", 0.45)
    noun("offer", .proposal, "030", 0.45)
    // Considerations (CAMEO 014 consider a policy option).
    verb("consider", .consideration, "014", 0.75)
    verb("weigh", .consideration, "014", 0.75)
    verb("weigh up", .consideration, "014", 0.8)
    verb("study", .consideration, "014", 0.6)
    verb("examine", .consideration, "014", 0.6)
    verb("mull", .consideration, "014", 0.75)
    verb("ponder", .consideration, "014", 0.75)
    verb("review", .consideration, "014", 0.5)
    phrase("open to", .consideration, "014", 0.55)
    verb("explore", .consideration, "014", 0.65)
    // Claims (CAMEO 01 MAKE PUBLIC STATEMENT; 016 deny; 112 accuse).
    verb("claim", .claim, "010", 0.75)
    verb("assert", .claim, "010", 0.7)
    verb(
      "deny", .claim, "016", 0.65,
      object: [
        "charges", "accusations", "allegations", "reports", "claims", "that", "involvement",
        "responsibility", "any", "it", "they", "having", "being",
      ])
    verb("deny", .rejection, "120", 0.6)
    verb("accuse", .claim, "112", 0.65)
    verb("allege", .claim, "112", 0.65)
    verb("confirm", .claim, "010", 0.55)
    return list.sorted { $0.words.count > $1.words.count }
  }()

  // MARK: - Verb forms

  /// Irregular forms: past, past participle (and -ing, -s where the rules would fail).
  static let irregular: [String: [String]] = [
    "seek": ["sought"], "put": ["put", "putting"], "give": ["gave", "given"],
    "rule": ["ruled", "ruling"], "turn": ["turned", "turning"], "sign": ["signed", "signing"],
    "study": ["studied", "studies", "studying"], "deny": ["denied", "denies", "denying"],
    "veto": ["vetoed", "vetoes", "vetoing"], "plan": ["planned", "planning"],
    "commit": ["committed", "committing"], "back": ["backed", "backing"],
    "yield": ["yielded", "yielding"], "weigh": ["weighed", "weighing"],
    "offer": ["offered", "offering"], "refer": ["referred"],
    "swear": ["swore", "sworn", "swears", "swearing"],
    "free": ["freed", "frees", "freeing"], "meet": ["met", "meets", "meeting"],
    "withdraw": ["withdrew", "withdrawn", "withdraws", "withdrawing"],
    "call": ["called", "calling", "calls"], "lift": ["lifted", "lifting", "lifts"],
    "ponder": ["pondered", "pondering"], "threaten": ["threatened", "threatening"],
    "cancel": ["cancelled", "cancelling", "canceled", "canceling"],
    "scrap": ["scrapped", "scrapping"],
  ]

  /// Every form of a verb: base, -s, -ed, -ing.
  static func forms(of base: String) -> Set<String> {
    var forms: Set<String> = [base]
    if let extra = irregular[base] { forms.formUnion(extra) }
    if base.hasSuffix("e") {
      forms.insert(base + "s")
      forms.insert(base + "d")
      forms.insert(String(base.dropLast()) + "ing")
    } else if base.hasSuffix("y"), let beforeY = base.dropLast().last, !"aeiou".contains(beforeY) {
      forms.insert(String(base.dropLast()) + "ies")
      forms.insert(String(base.dropLast()) + "ied")
      forms.insert(base + "ing")
    } else if base.hasSuffix("s") || base.hasSuffix("sh") || base.hasSuffix("ch")
      || base.hasSuffix("x")
    {
      forms.insert(base + "es")
      forms.insert(base + "ed")
      forms.insert(base + "ing")
    } else {
      forms.insert(base + "s")
      forms.insert(base + "ed")
      forms.insert(base + "ing")
    }
    return forms
  }

  static func nounForms(of base: String) -> Set<String> {
    base.hasSuffix("s") ? [base, base + "es"] : [base, base + "s"]
  }

  // MARK: - Frames

  /// Verbs of saying that introduce reported speech ("X said Y").
  static let speechVerbs: Set<String> = {
    var result: Set<String> = []
    for verb in [
      "say", "tell", "add", "state", "announce", "write", "tweet", "note", "explain", "stress",
      "emphasise", "emphasize", "reiterate", "insist", "warn", "claim", "confirm", "report",
      "declare", "argue", "assert", "affirm", "reply", "respond", "answer", "conclude", "remind",
      "demand", "insist",
    ] {
      result.formUnion(forms(of: verb))
    }
    result.formUnion(["said", "told", "wrote", "says", "tells", "adds", "added"])
    return result
  }()

  /// Words that hedge a report: the statement is reported at second hand, or uncertain.
  static let hedges: [[String]] = [
    ["reportedly"], ["allegedly"], ["apparently"], ["is", "said", "to"], ["are", "said", "to"],
    ["was", "said", "to"], ["is", "believed", "to"], ["is", "expected", "to"],
    ["are", "expected", "to"], ["according", "to"], ["reports", "suggesting"],
    ["reports", "suggest"], ["sources", "said"], ["sources", "say"], ["reports", "say"],
  ]

  /// Modal verbs that make a stance hedged ("could", "may").
  static let hedgingModals: Set<String> = ["may", "might", "could", "possibly", "perhaps"]

  /// Words that negate the verb after them.
  static let negators: Set<String> = ["not", "n't", "never", "no", "neither", "nor", "cannot"]

  /// Markers that open a condition, longest first.
  static let conditionMarkers: [[String]] = [
    ["must", "be", "met", "before"], ["on", "condition", "that"], ["provided", "that"],
    ["as", "long", "as"], ["only", "if"], ["only", "once"], ["only", "after"],
    ["in", "exchange", "for"], ["in", "return", "for"], ["unless"], ["provided"], ["if"],
    ["once"], ["until"], ["before"],
  ]

  /// Tokens that end a clause for the purposes of finding a cue's subject and condition.
  static let clauseBreaks: Set<String> = [
    ";", "–", "—", "but", "while", "whereas", "however", "although", "though", "meanwhile",
  ]

  /// Phrases that say a party stayed silent: a statement, not a stance.
  static let noComment: [[String]] = [
    ["declined", "to", "comment"], ["not", "commented"], ["no", "comment"],
    ["refused", "to", "comment"], ["did", "not", "comment"], ["has", "not", "commented"],
  ]

  /// Verbs of coercion: said of the future ("will impose", "prepared to impose", "sworn to
  /// fight") they threaten (CAMEO 13: "future tense in the lead indicates threat").
  static let coerciveVerbs: Set<String> = [
    "impose", "withdraw", "expel", "attack", "strike", "invade", "fight", "bomb", "punish",
    "retaliate", "sever", "cut", "halt", "suspend", "boycott", "ban", "blockade", "shell",
    "occupy", "seize", "destroy", "devastate", "annihilate", "crush", "arrest",
  ]
  static let sanctionWords: Set<String> = [
    "sanctions", "embargo", "boycott", "tariffs", "sanction",
  ]
  /// Words of the future or of intent before a verb.
  static let futureMarkers: Set<String> = [
    "will", "would", "'ll", "shall", "plans", "plan", "planned", "intends", "intend", "prepared",
    "ready", "vowed", "vows", "sworn", "swore", "pledged", "threatened", "threatens", "going",
  ]
  /// Protest actions: a demand made by demonstrating is a protest (CAMEO 14), not a stance.
  static let protestWords: Set<String> = [
    "demonstration", "demonstrations", "demonstrated", "demonstrators", "protest", "protests",
    "protested", "protesters", "protestors", "rally", "rallies", "rallied", "strike", "strikes",
    "marched", "march", "rioted", "riot", "riots", "blocked", "sit-in", "picket",
  ]
  /// Nouns that name a group acting as one, for subjects without a name ("Afghan rebel
  /// leaders", "the government of Liberia").
  static let groupNouns: Set<String> = [
    "government", "rebels", "leaders", "officials", "authorities", "army", "police",
    "parliament", "court", "forces", "troops", "union", "group", "militia", "ministry",
    "cabinet", "students", "workers", "protesters", "demonstrators", "guerrillas", "opposition",
    "administration", "junta", "insurgents", "militants", "party", "coalition", "council",
  ]

  /// Words that make "warn" or "vow" a threat rather than a claim or a promise.
  static let violentWords: Set<String> = [
    "retaliate", "retaliation", "strike", "strikes", "attack", "attacks", "punish", "destroy",
    "devastate", "force", "sanctions", "consequences", "response", "respond", "war", "hit",
    "crush", "invade", "bomb", "nuclear", "tariffs", "embargo", "boycott",
  ]
}
