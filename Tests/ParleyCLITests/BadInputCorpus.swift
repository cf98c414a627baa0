import Foundation
import Testing

/// Bad inputs a careless user or an attacker writes, each with the error `parley load` must answer.
///
/// Every case runs against its own seeded store file, whose bytes must not change.
struct BadInput: CustomTestStringConvertible, Sendable {
  /// What is in the case's folder besides the store.
  enum Content: Sendable {
    case text(String)
    case bytes([UInt8])
    /// A file of this many bytes, all zero (made sparse: nothing is written).
    case sparse(Int)
    case folder
    case fifo
    /// A symbolic link to this path.
    case link(String)
  }

  var name: String
  var files: [(String, Content)]
  /// What to load: file names in the case's folder (or anything else the user typed).
  var load: [String]
  /// Lines the error output must contain; `$DIR` stands for the case's folder.
  var expected: [String]
  /// Extra arguments for `parley load`.
  var options: [String] = []
  var testDescription: String { name }

  init(
    _ name: String, _ files: [(String, Content)], load: [String]? = nil, options: [String] = [],
    expect expected: String...
  ) {
    self.name = name
    self.files = files
    self.load = load ?? [files[0].0]
    self.options = options
    self.expected = expected
  }

  /// A YAML file `in.yaml` that is the reference data below with `body` after it.
  static func yaml(_ name: String, _ body: String, expect expected: String...) -> BadInput {
    var input = BadInput(name, [("in.yaml", .text(reference + body))])
    input.expected = expected
    return input
  }

  /// A JSON Lines file `in.jsonl` holding `lines`.
  static func jsonl(_ name: String, _ lines: [String], expect expected: String...) -> BadInput {
    var input = BadInput(name, [("in.jsonl", .text(lines.joined(separator: "\n") + "\n"))])
    input.expected = expected
    return input
  }

  /// Two parties, a person speaking for one, two issues (lines 1–9 of every YAML case).
  static let reference = """
    parties:
      - {id: alpha, name: Alpha, kind: state, aliases: [Alphaville]}
      - {id: beta, name: Beta, kind: state}
      - id: ann-speaker
        name: Ann Speaker
        kind: person
        affiliations: [{party: alpha, role: Foreign minister, from: 2020-01-01}]
    issues:
      - {id: trade, label: Trade}

    """

  /// A document with one statement supporting one new position (lines 10–24), with `edit`
  /// applied to its text.
  static func document(_ edit: (String) -> String = { $0 }) -> String {
    edit(
      """
      documents:
        - id: doc-1
          title: Alpha sets terms
          published: 2025-03-12
          statements:
            - id: st-1
              speaker: ann-speaker
              said: 2025-03-12
              attribution: direct
              quote: "Beta must open its ports"
              supports:
                - id: alpha-open-ports
                  issue: trade
                  key: beta-opens-ports
                  proposition: Beta must open its ports to Alpha's ships.
                  kind: demand
                  target: [beta]

      """)
  }

  static func replacing(_ old: String, _ new: String) -> String {
    let text = document()
    precondition(text.contains(old), "the document has no \(old)")
    return text.replacingOccurrences(of: old, with: new)
  }

  static let bomb = """
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

    """

  static let jsonParties =
    #"{"parties": [{"id": "alpha", "name": "Alpha", "kind": "state"}], "issues": [{"id": "trade", "label": "Trade"}]}"#

  static func jsonDocument(
    id: String = "doc-1", statement: String = "st-1", position: String = "p-1",
    quote: String = "we stay"
  )
    -> String
  {
    #"{"documents": [{"id": "\#(id)", "title": "T", "published": "2025-03-12", "statements": [{"id": "\#(statement)", "on_behalf_of": "alpha", "said": "2025-03-12", "attribution": "reported", "quote": "\#(quote)", "supports": [{"id": "\#(position)", "issue": "trade", "key": "k-\#(position)", "proposition": "P.", "kind": "demand"}]}]}]}"#
  }

  /// Every case: those below, and those of the other files of the corpus.
  static let all: [BadInput] = general + machineCoded

  static let general: [BadInput] = [
    // MARK: YAML that attacks the reader
    BadInput(
      "YAML alias bomb (billion laughs)", [("in.yaml", .text(bomb))],
      expect:
        "$DIR/in.yaml:1:4: (syntax): has a YAML anchor '&a' (expected the value written out: curated files may not use anchors and aliases)"
    ),
    yaml(
      "a merge key pulling in an anchored mapping",
      "base: &base {kind: state}\n",
      expect: "$DIR/in.yaml:10:7: (syntax): has a YAML anchor '&base'"),
    BadInput(
      "an alias without its anchor", [("in.yaml", .text("parties: [*who]\n"))],
      expect:
        "$DIR/in.yaml:1:11: (syntax): is a YAML alias '*who' (expected the value written out: curated files may not use anchors and aliases)"
    ),
    BadInput(
      "lists nested 40 deep", [("in.yaml", .text("parties:\n" + nestedBlock(40)))],
      expect:
        "(syntax): is nested more than 32 levels deep (expected at most 32 levels of lists and mappings)"
    ),
    BadInput(
      "2,000 opening brackets", [("in.yaml", .text(String(repeating: "[", count: 2000)))],
      expect: "(syntax): is nested more than 32 levels deep"),
    BadInput(
      "two YAML documents in one file",
      [("in.yaml", .text("parties: []\n---\nissues: [{id: trade, label: Trade}]\n"))],
      expect:
        "$DIR/in.yaml:2:1: (syntax): holds a second YAML document (expected one document per file; remove the '---' line or split the file)"
    ),
    BadInput(
      "a terminal escape written raw into a value",
      [("in.yaml", .text("parties: [{id: alpha, name: \"Al\u{1B}[2Jpha\", kind: state}]\n"))],
      expect:
        "$DIR/in.yaml:1:32: (syntax): is not valid YAML: a control character (expected printable text; write it escaped in a double-quoted string)"
    ),
    BadInput(
      "bytes that are not UTF-8",
      [
        (
          "in.yaml",
          .bytes(Array("parties: [{id: alpha, name: ".utf8) + [0xFF, 0xFE] + Array("}]\n".utf8))
        )
      ],
      expect: "$DIR/in.yaml:1:1: (file): is not UTF-8 text (expected a YAML or JSON file)"),
    BadInput(
      "a tab used for indentation",
      [("in.yaml", .text("parties:\n\t- {id: alpha, name: Alpha, kind: state}\n"))],
      expect:
        "$DIR/in.yaml:2:1: (syntax): is not valid YAML: found character that cannot start any token"
    ),
    BadInput(
      "a quote never closed", [("in.yaml", .text("issues: [{id: trade, label: \"Trade}]\n"))],
      expect: "(syntax): is not valid YAML: found unexpected end of stream"),
    BadInput(
      "a list where the file's mapping belongs",
      [("in.yaml", .text("- {id: alpha, name: Alpha, kind: state}\n"))],
      expect: "$DIR/in.yaml:1:1: : is a list (expected a mapping of fields)"),
    yaml(
      "a misspelt top-level key", "document: []\n",
      expect:
        "$DIR/in.yaml:10:1: document: is not a known field (expected one of: deprecations, documents, ends, imported_events, issues, machine_coded, outcomes, parties, relations, withdrawals)"
    ),
    BadInput(
      "one key twice in a mapping",
      [("in.yaml", .text("issues: [{id: trade, label: Trade, label: Commerce}]\n"))],
      expect:
        "$DIR/in.yaml:1:36: issues[0].label: appears twice in the same mapping (expected each field once)"
    ),

    // MARK: Files that say nothing
    BadInput(
      "an empty file", [("in.yaml", .text(""))],
      expect:
        "$DIR/in.yaml:1:1: (file): has no records (expected a YAML or JSON file with at least one party, issue, document, relation, withdrawal or deprecation)"
    ),
    BadInput(
      "a file of comments only", [("in.yaml", .text("# to do: add the March article\n"))],
      expect: "$DIR/in.yaml:1:1: (file): has no records"),
    BadInput(
      "a file of empty lists", [("in.yaml", .text("parties: []\ndocuments: []\n"))],
      expect: "$DIR/in.yaml:1:1: (file): has no records"),
    BadInput(
      "an empty JSON Lines stream", [("in.jsonl", .text(""))],
      expect:
        "$DIR/in.jsonl:1:1: (file): has no records (expected a JSON Lines stream with at least one party, issue, document, relation, withdrawal or deprecation)"
    ),
    BadInput(
      "a stream of blank lines and empty objects", [("in.jsonl", .text("\n   \n{}\n\n"))],
      expect: "$DIR/in.jsonl:1:1: (file): has no records"),

    // MARK: Fields beyond their bounds
    BadInput(
      "an id of 100,000 characters",
      [
        (
          "in.yaml",
          .text("issues: [{id: \(String(repeating: "a", count: 100_000)), label: Long}]\n")
        )
      ],
      expect:
        "$DIR/in.yaml:1:15: issues[0].id: is 100,000 characters long (expected an id of at most 200 characters)"
    ),
    yaml(
      "a quote of one 1,000,000-letter word",
      replacing("\"Beta must open its ports\"", String(repeating: "x", count: 1_000_000)),
      expect:
        "$DIR/in.yaml:19:16: documents[0].statements[0].quote: is 1,000,000 characters long (expected a verbatim quote of 25 words of at most 600 characters)"
    ),
    yaml(
      "a quote of 26 words",
      replacing(
        "\"Beta must open its ports\"",
        "\"" + Array(repeating: "ports", count: 26).joined(separator: " ") + "\""),
      expect:
        "documents[0].statements[0].quote: '\(Array(repeating: "ports", count: 26).joined(separator: " ").prefix(57))…' has 26 words (expected a verbatim quote of at most 25 words)"
    ),
    yaml(
      "a proposition of 5,000 characters",
      replacing(
        "Beta must open its ports to Alpha's ships.",
        String(repeating: "Beta must open. ", count: 313)),
      expect:
        "$DIR/in.yaml:24:26: documents[0].statements[0].supports[0].proposition: is 5,007 characters long (expected a text of at most 4,000 characters)"
    ),
    yaml(
      "a URL of 3,000 characters",
      replacing(
        "    published: 2025-03-12",
        "    published: 2025-03-12\n    url: https://example.org/"
          + String(repeating: "a", count: 2_980)),
      expect:
        "$DIR/in.yaml:14:10: documents[0].url: is 3,000 characters long (expected a URL of at most 2,000 characters)"
    ),
    BadInput(
      "an id with capitals and a space",
      [("in.yaml", .text("issues: [{id: Trade Deal, label: Trade}]\n"))],
      expect:
        "$DIR/in.yaml:1:15: issues[0].id: 'Trade Deal' is not a valid id (expected lower-case slug segments separated by '/', such as 'security/nato-membership'; written as a slug: 'trade-deal')"
    ),
    BadInput(
      "an issue four levels deep", [("in.yaml", .text("issues: [{id: a/b/c/d, label: Deep}]\n"))],
      expect: "issues[0].id: 'a/b/c/d' has more than three levels"),

    // MARK: Files that are not files
    BadInput(
      "a YAML file of 17 MiB", [("in.yaml", .sparse(17 << 20))],
      expect:
        "$DIR/in.yaml:1:1: (file): is 17,825,792 bytes long (expected a YAML or JSON file of at most 16 MiB; write a large load as a .jsonl stream)"
    ),
    BadInput(
      "a folder given as the file to load", [("in.yaml", .folder)],
      expect: "$DIR/in.yaml:1:1: (file): is a folder (expected a YAML or JSON file)"),
    BadInput(
      "a FIFO given as the file to load", [("in.yaml", .fifo)],
      expect: "$DIR/in.yaml:1:1: (file): is a FIFO (named pipe) (expected a YAML or JSON file)"),
    BadInput(
      "a FIFO given as the stream to load", [("in.jsonl", .fifo)],
      expect: "$DIR/in.jsonl:1:1: (file): is a FIFO (named pipe) (expected a JSON Lines file)"),
    BadInput(
      "a file that does not exist", [("other.yaml", .text("issues: []\n"))], load: ["in.yaml"],
      expect:
        "$DIR/in.yaml:1:1: (file): cannot be read (expected an existing, readable YAML or JSON file)"
    ),

    // MARK: text_file
    textFile(
      "a text_file reaching out with ../", "../../../../../../etc/passwd",
      expect:
        "documents[0].text_file: '../../../../../../etc/passwd' is outside the folder of this file (expected a path inside '$DIR'; load with '--allow-text-outside' to read texts elsewhere)"
    ),
    textFile(
      "a text_file by absolute path", "/etc/hostname",
      expect: "documents[0].text_file: '/etc/hostname' is outside the folder of this file"),
    textFile(
      "a text_file that is a link to a file outside", "article.txt",
      files: [("article.txt", .link("/etc/hostname"))],
      expect: "documents[0].text_file: 'article.txt' is outside the folder of this file"),
    textFile(
      "a text_file that is a folder", "texts", files: [("texts", .folder)],
      expect: "documents[0].text_file: 'texts' is a folder (expected a plain-text file)"),
    textFile(
      "a text_file that is a FIFO", "article.txt", files: [("article.txt", .fifo)],
      expect:
        "documents[0].text_file: 'article.txt' is a FIFO (named pipe) (expected a plain-text file)"
    ),
    textFile(
      "a text_file that is a device, through a link", "devnull.txt",
      files: [("devnull.txt", .link("/dev/null"))],
      options: ["--allow-text-outside"],
      expect: "documents[0].text_file: 'devnull.txt' is a device (expected a plain-text file)"),
    textFile(
      "a text_file that does not exist", "article.txt",
      expect:
        "documents[0].text_file: 'article.txt' does not exist (expected the path of the document's text, relative to this file: $DIR/article.txt)"
    ),
    textFile(
      "a text_file that is not UTF-8", "article.txt",
      files: [("article.txt", .bytes([0x42, 0x65, 0x74, 0x61, 0xE9, 0x0A]))],
      expect: "documents[0].text_file: 'article.txt' is not UTF-8 text (expected a plain-text file)"
    ),
    textFile(
      "a text_file of 17 MiB", "article.txt", files: [("article.txt", .sparse(17 << 20))],
      expect:
        "documents[0].text_file: 'article.txt' is 17,825,792 bytes long (expected a text of at most 16 MiB)"
    ),
    textFile(
      "a quote that is not in the text", "article.txt",
      files: [("article.txt", .text("Alpha said Beta should open its ports one day.\n"))],
      expect:
        "documents[0].statements[0].quote: 'Beta must open its ports' does not occur in the text of document 'doc-1' (expected a verbatim quote)"
    ),
    textFile(
      "a quote_start that is not where the quote is", "article.txt",
      files: [("article.txt", .text("Alpha said: Beta must open its ports.\n"))],
      edit: {
        $0.replacingOccurrences(
          of: "        attribution: direct",
          with: "        attribution: direct\n        quote_start: 3")
      },
      expect:
        "documents[0].statements[0].quote_start: 3 is not where the quote occurs in the text (expected 12)"
    ),
    yaml(
      "a text_sha256 that is not a hash",
      replacing(
        "    published: 2025-03-12", "    published: 2025-03-12\n    text_sha256: not-a-hash"),
      expect:
        "documents[0].text_sha256: 'not-a-hash' is not a SHA-256 (expected 64 hexadecimal digits)"),

    // MARK: JSON Lines
    BadInput(
      "a stream line of 17 MiB", [("in.jsonl", .sparse(17 << 20))],
      expect:
        "$DIR/in.jsonl:1:1: (file): is a line of 17,825,792 bytes (expected lines of at most 16 MiB: one curated file per line)"
    ),
    BadInput(
      "a byte-order mark, then a mistake: the column is counted as without it",
      [
        (
          "in.jsonl",
          .bytes(
            [0xEF, 0xBB, 0xBF] + Array(#"{"issues": [{"id": "Trade", "label": "T"}]}"#.utf8) + [
              0x0A
            ])
        )
      ],
      expect:
        "$DIR/in.jsonl:1:20: issues[0].id: 'Trade' is not a valid id"),
    BadInput(
      "a byte-order mark before YAML, then a mistake: the column is counted as without it",
      [("in.yaml", .bytes([0xEF, 0xBB, 0xBF] + Array("issues: [{id: Trade, label: T}]\n".utf8)))],
      expect: "$DIR/in.yaml:1:15: issues[0].id: 'Trade' is not a valid id"),
    jsonl(
      "a stream line nested 40 deep",
      [String(repeating: "[", count: 40) + String(repeating: "]", count: 40)],
      expect:
        "$DIR/in.jsonl:1:33: (syntax): is not valid JSON: nested more than 32 levels deep (expected at most 32 levels of lists and objects)"
    ),
    BadInput(
      "a stream line that is not UTF-8",
      [
        (
          "in.jsonl",
          .bytes(
            Array(#"{"issues": [{"id": "t", "label": ""#.utf8) + [0xC3, 0x28] + Array(#""}]}"#.utf8)
              + [0x0A])
        )
      ],
      expect: "$DIR/in.jsonl:1:1: (file): is not UTF-8 text (expected JSON Lines in UTF-8)"),
    jsonl(
      "a stream string never closed", [#"{"issues": [{"id": "trade, "label": "T"}]}"#],
      expect: "$DIR/in.jsonl:1:29: (syntax): is not valid JSON: expected ',' or '}'"),
    jsonl(
      "a lone UTF-16 surrogate", [#"{"issues": [{"id": "trade", "label": "\ud800"}]}"#],
      expect: "(syntax): is not valid JSON: a lone UTF-16 surrogate in a \\u escape"),
    jsonl(
      "a raw tab inside a stream string",
      ["{\"issues\": [{\"id\": \"trade\", \"label\": \"a\tb\"}]}"],
      expect: "(syntax): is not valid JSON: a control character in a string (expected it escaped)"),
    jsonl(
      "a stream line citing a position defined later",
      [
        jsonParties, #"{"relations": [{"from": "p-2", "kind": "responds-to", "to": "p-1"}]}"#,
        jsonDocument(),
        jsonDocument(id: "doc-2", statement: "st-2", position: "p-2", quote: "we go"),
      ],
      expect:
        "$DIR/in.jsonl:2:25: relations[0].from: 'p-2' is a position defined only later, on line 4 (expected each line of a stream to refer only to itself, earlier lines and the store)"
    ),
    jsonl(
      "one id on two lines of a stream", [jsonParties, jsonDocument(), jsonDocument()],
      expect:
        "$DIR/in.jsonl:3:23: documents[0].id: 'doc-1' is defined twice in this load (first at $DIR/in.jsonl:2:23"
    ),

    // MARK: Records that contradict the model
    yaml(
      "a stance kind misspelt", replacing("kind: demand", "kind: demnd"),
      expect: "documents[0].statements[0].supports[0].kind: 'demnd' is not allowed here"),
    yaml(
      "an alias where an id is expected", replacing("target: [beta]", "target: [alphaville]"),
      expect:
        "'alphaville' is not a known party (expected a party id; 'alphaville' is an alias of 'alpha')"
    ),
    yaml(
      "a date that does not exist", replacing("said: 2025-03-12", "said: 2025-02-29"),
      expect: "documents[0].statements[0].said: 2025-02 has no day 29"),
    yaml(
      "an end before the start",
      replacing(
        "            kind: demand", "            kind: demand\n            valid_to: 2024-01-01"),
      expect:
        "documents[0].statements[0].supports[0].valid_to: '2024-01-01' is not after valid_from"),
    yaml(
      "a negative quote_start",
      replacing(
        "        attribution: direct", "        attribution: direct\n        quote_start: -4"),
      expect: "documents[0].statements[0].quote_start: -4 is negative (expected an offset from 0)"),
    yaml(
      "a direct statement without a quote",
      replacing("        quote: \"Beta must open its ports\"\n", ""),
      expect: "documents[0].statements[0]: has no 'quote'"),
    yaml(
      "a statement that supports nothing",
      document().components(separatedBy: "        supports:")[0] + "        supports: []\n",
      expect:
        "documents[0].statements[0].supports: is empty (expected at least one position this statement supports, or an end or outcome in the same file that cites statement"
    ),
    yaml(
      "a statement for one party supporting another's position",
      replacing("            kind: demand", "            kind: demand\n            holder: beta"),
      expect: "speaks for alpha but supports 'alpha-open-ports', a position held by beta"),
    BadInput(
      "a state with affiliations",
      [
        (
          "in.yaml",
          .text(
            "parties: [{id: gamma, name: Gamma, kind: state, affiliations: [{party: gamma, role: ally}]}]\n"
          )
        )
      ],
      expect: "'gamma' has affiliations but is a state (expected kind 'person')"),
    yaml(
      "a relation of a position to itself",
      document()
        + "relations: [{from: alpha-open-ports, kind: contradicts, to: alpha-open-ports}]\n",
      expect: "'alpha-open-ports' relates to itself (expected another position)"),
    yaml(
      "a withdrawal before the position began",
      document() + "withdrawals: [{position: alpha-open-ports, on: 2025-01-01}]\n",
      expect: "withdrawals[0].on: '2025-01-01' is not after the position began"),
    yaml(
      "a deprecation without a reason",
      document() + "deprecations: [{position: alpha-open-ports}]\n",
      expect: "deprecations[0]: has no 'reason' field (it is required)"),
    yaml(
      "an unknown party as target", replacing("target: [beta]", "target: [gamma]"),
      expect: "documents[0].statements[0].supports[0].target[0]: 'gamma' is not a known party"),
    yaml(
      "an issue that does not exist", replacing("issue: trade", "issue: tarde"),
      expect: "'tarde' is not a known issue"),
    yaml(
      "a position id defined twice",
      document()
        + replacing("id: doc-1", "id: doc-2").replacingOccurrences(of: "id: st-1", with: "id: st-2")
        .replacingOccurrences(of: "documents:\n", with: ""),
      expect: "'alpha-open-ports' is defined twice in this load"),
    BadInput(
      "a party that is its own parent",
      [
        (
          "in.yaml",
          .text("parties: [{id: navy, name: Navy, kind: government-body, parent: navy}]\n")
        )
      ],
      expect: "parties[0].parent: 'navy' is the party itself (expected another party)"),
  ]

  /// A YAML document whose text is `textFile`, with the files beside it.
  static func textFile(
    _ name: String, _ textFile: String, files: [(String, Content)] = [],
    options: [String] = [], edit: (String) -> String = { $0 }, expect expected: String
  ) -> BadInput {
    let yaml =
      reference
      + edit(
        replacing(
          "    published: 2025-03-12", "    published: 2025-03-12\n    text_file: \(textFile)"))
    var input = BadInput(name, [("in.yaml", .text(yaml))] + files, options: options)
    input.expected = [expected]
    return input
  }

  /// A YAML list nested `depth` levels deep, in block style.
  static func nestedBlock(_ depth: Int) -> String {
    (1...depth).map { String(repeating: "  ", count: $0) + "-\n" }.joined()
      + String(
        repeating: "  ", count: depth + 1) + "- x\n"
  }
}
