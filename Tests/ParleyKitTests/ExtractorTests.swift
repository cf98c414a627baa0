import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// The rule-based extractor, sentence by sentence: what a reviewer would see in a draft.
struct ExtractorTests {
  /// A store with the seed corpus's parties and issues, and an extractor over them for an
  /// article published on Thursday 13 March 2025.
  func extractor() throws -> Extractor {
    let store = try Fixtures.seededStore()
    let context = try store.reader.read { db in try ExtractionContext.read(db) }
    return Extractor(
      gazetteer: context.gazetteer, issues: context.issues,
      dates: DateResolver(published: 20_250_313, fallback: 20_250_313))
  }

  func proposals(_ text: String) throws -> [ExtractedProposal] {
    try extractor().extract(TextSpans(text))
  }

  @Test func aNegatedAcceptanceIsARejection() throws {
    let found = try proposals("Zelensky said Ukraine would not accept a freeze of the front line.")
    let proposal = try #require(found.first)
    #expect(proposal.kind == .rejection)
    #expect(proposal.cameoCode == "120")
    #expect(proposal.holder == .known("ukraine"))
    #expect(proposal.signals.contains { $0.contains("negated") })
  }

  @Test func refusingToRuleOutKeepsAnOptionOpen() throws {
    let found = try proposals("The Kremlin refused to rule out talks with Kyiv.")
    #expect(found.map(\.kind) == [.consideration])
    #expect(found.first?.holder == .known("russia"))
  }

  @Test func conditionsAreKeptInTheirOwnWords() throws {
    let found = try proposals(
      "Russia will accept a ceasefire only if Western arms deliveries to Kyiv stop.")
    let proposal = try #require(found.first)
    #expect(proposal.kind == .acceptance)
    #expect(proposal.modality == .conditional)
    #expect(proposal.conditions == ["Western arms deliveries to Kyiv stop"])
    #expect(proposal.issue == "ceasefire/general")
  }

  @Test func hedgesMakeAReportAndModalsAHedgedStance() throws {
    let found = try proposals("Russia has reportedly demanded that Ukraine withdraw from Kursk.")
    let proposal = try #require(found.first)
    #expect(proposal.kind == .demand)
    #expect(proposal.attribution == .reported)
    #expect(proposal.signals.contains { $0.contains("reportedly") })
    #expect(proposal.issue == "territory/kursk")
    let hedged = try proposals("Washington could impose new sanctions on Moscow.")
    #expect(hedged.first?.kind == .threat)
    #expect(hedged.first?.modality == .hedged)
  }

  @Test func reportedSpeechSpeaksForThePartyOfTheSpeaker() throws {
    let found = try proposals(
      "Dmitry Peskov said Moscow rejects any deployment of foreign troops in Ukraine.")
    let proposal = try #require(found.first)
    #expect(proposal.kind == .rejection)
    #expect(proposal.holder == .known("russia"))
    #expect(proposal.speaker == .known("dmitry-peskov"))
    #expect(proposal.issue == "security/foreign-troops")
  }

  @Test func datesAreResolvedAgainstThePublicationDay() throws {
    let wednesday = try proposals("On Wednesday, Ukraine rejected the proposal.")
    #expect(wednesday.first?.said == PartialDate(storedValue: 20_250_312, precision: .day))
    #expect(wednesday.first?.dateBasis.contains("the Wednesday before the publication day") == true)
    let august = try proposals("Last August, Russia threatened to retaliate.")
    #expect(august.first?.said == PartialDate(storedValue: 20_240_801, precision: .month))
    let undated = try proposals("Ukraine has rejected the proposal.")
    #expect(undated.first?.said == PartialDate(storedValue: 20_250_313, precision: .day))
    #expect(undated.first?.dateBasis.contains("the latest day the text allows") == true)
  }

  @Test func aNameTheStoreDoesNotKnowIsProposedAsANewParty() throws {
    let found = try proposals("Arnor is demanding that Gondor lift its blockade.")
    let proposal = try #require(found.first)
    #expect(proposal.kind == .demand)
    #expect(proposal.holder == .new(name: "Arnor", kind: .state, role: nil))
  }

  @Test func questionsPassivesAndProtestsAreNotStances() throws {
    #expect(try proposals("It is unclear whether Moscow will accept the ceasefire.").isEmpty)
    #expect(try proposals("The plan was rejected by the committee on Friday.").isEmpty)
    let protest = try proposals("Thousands of students marched in Kyiv to demand new elections.")
    #expect(protest.allSatisfy { $0.confidence < Extractor.threshold })
  }

  @Test func aQuestionStatesNoStance() throws {
    #expect(try proposals("Will Russia accept the ceasefire?").isEmpty)
    #expect(try proposals("Why should Kyiv lift the curfew?” he asked.").isEmpty)
    #expect(try proposals("Russia accepted the ceasefire.").map(\.kind) == [.acceptance])
  }

  @Test func theActADemandAsksForIsNotAConcession() throws {
    let demanded = try proposals(
      "The United States said it would not meet the hostage-takers' demands to release prisoners.")
    #expect(!demanded.contains { $0.cameoCode.hasPrefix("08") })
    let asked = try proposals("Ukraine asked Russia to lift the blockade.")
    #expect(asked.map(\.kind) == [.demand])
    #expect(try proposals("Russia lifted the blockade.").map(\.cameoCode) == ["081"])
  }

  @Test func whatIsOwedProposedOrRefusedIsNotAConcessionMade() throws {
    let owed = try proposals(
      "Ukraine spoke of the duty of the Western powers to act quickly to lift the blockade.")
    #expect(!owed.contains { $0.cameoCode.hasPrefix("08") })
    let proposed = try proposals("Russia welcomed a plan for releasing the detained crew.")
    #expect(!proposed.contains { $0.cameoCode.hasPrefix("08") })
    #expect(
      try proposals("Russia released the detained crew on Friday.").map(\.cameoCode) == ["0841"])
    // A gerund as the subject names the act; it does not report it done.
    let named = try proposals("Lifting the blockade now would reward Russia, Ukraine said.")
    #expect(!named.contains { $0.cameoCode.hasPrefix("08") })
    let reported = try proposals("Ukraine said that Russia lifted the blockade.")
    #expect(reported.contains { $0.cameoCode == "081" })
    // A comma ends what governs the act: the deed after it is done.
    let done = try proposals("Under the terms of the proposal, Russia released the crew.")
    #expect(done.contains { $0.cameoCode == "0841" })
  }

  @Test func undoingARestrictionIsEasingIt() throws {
    let repealed = try #require(
      try proposals("Ukraine repealed the curfew in Odesa on Monday.").first)
    #expect(repealed.kind == .acceptance)
    #expect(repealed.cameoCode == "081")
    #expect(try proposals("Russia cancelled the sanctions on Tuesday.").map(\.cameoCode) == ["081"])
    #expect(
      try proposals("Russia will relax the restrictions next month.").first?.kind == .commitment)
    #expect(
      !(try proposals("Russia cancelled the state visit to Kyiv.")).contains {
        $0.kind == .acceptance
      })
    #expect(
      !(try proposals("Ukraine removed the governor of Odesa.")).contains { $0.kind == .acceptance }
    )
  }

  @Test func readinessToConcedeIsAnIntentNotTheDeed() throws {
    let ready = try #require(
      try proposals("Russia said it is prepared to lift the blockade.").first)
    #expect(ready.kind == .commitment)
    #expect(ready.cameoCode == "0351")
    #expect(try proposals("Russia said it lifted the blockade.").first?.cameoCode == "081")
  }

  @Test func aConcessionThatCouldHappenIsWeighedNotMade() throws {
    let possible = try #require(try proposals("Russia could lift the blockade next week.").first)
    #expect(possible.kind == .consideration)
    #expect(possible.cameoCode == "014")
    #expect(try proposals("Russia will lift the blockade next week.").first?.kind == .commitment)
  }

  @Test func failingToAgreeIsNotARefusal() throws {
    let failed = try proposals("Russia and Ukraine failed to reach agreement on Sunday.")
    #expect(!failed.contains { $0.kind == .rejection })
    #expect(failed.allSatisfy { $0.confidence < Extractor.threshold })
    let refused = try proposals("Russia refused to accept the agreement on Sunday.")
    #expect(refused.map(\.kind) == [.rejection])
  }

  @Test func theQuoteIsVerbatimWithItsOffsetsAndAtMost25Words() throws {
    let text = """
      Moscow, 18 March. The Kremlin said on Tuesday that it was carefully studying the US proposal for a thirty-day halt to the fighting along the entire front line, according to officials who briefed reporters in the capital late in the evening.
      """
    for proposal in try proposals(text) {
      #expect(proposal.quote.wordCount <= 25)
      let scalars = Array(text.unicodeScalars)
      var slice = String.UnicodeScalarView()
      slice.append(contentsOf: scalars[proposal.quoteStart..<proposal.quoteEnd])
      #expect(String(slice) == proposal.quote)
    }
  }
}
