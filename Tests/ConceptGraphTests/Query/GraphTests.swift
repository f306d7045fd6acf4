import Foundation
import Testing
@testable import ConceptGraph

/// The whole job on the bundled corpus, as `conceptgraph build fixtures` runs it.
@Suite(.serialized) struct FixtureGraphTests {
    static func built() throws -> (Scratch, Store, BuildReport) {
        let scratch = Scratch()
        let store = try scratch.store()
        let report = try Builder(store: store).build([TestPaths.fixtures])
        return (scratch, store, report)
    }

    static let iclGD = ["Transformers learn in-context by gradient descent",
                        "What learning algorithm is in-context learning? Investigations with linear models",
                        "Why Can GPT Learn In-Context? Language Models Implicitly Perform Gradient Descent as Meta-Optimizers",
                        "Revisiting the Hypothesis: Do pretrained Transformers Learn In-Context by Gradient Descent?"]

    @Test func clustersMatchTheTopicsOfTheCorpus() throws {
        let (_, store, report) = try Self.built()
        let clusters = try store.clusters()
        #expect(report.clusters!.modularity > 0.5)
        func clusterOf(_ title: String) throws -> ClusterSummary? {
            let id = try store.resolvePaper(title)
            return clusters.first { $0.papers.contains { $0.id == id } }
        }
        // The in-context-learning-as-gradient-descent papers share one cluster named for both.
        let icl = try #require(try clusterOf(Self.iclGD[0]))
        for title in Self.iclGD { #expect(try clusterOf(title)?.id == icl.id, "\(title)") }
        #expect(icl.label.lowercased().contains("in-context learning") && icl.label.lowercased().contains("gradient descent"))
        // Federated learning / gradient inversion, machine unlearning and adaptive optimizers each their own.
        let fl = try #require(try clusterOf("A New Federated Learning Framework Against Gradient Inversion Attacks"))
        #expect(try clusterOf("Exploring the Vulnerabilities of Federated Learning: A Deep Dive into Gradient Inversion Attacks")?.id == fl.id)
        #expect(fl.label.lowercased().contains("federated learning"))
        let unlearning = try #require(try clusterOf("Attribute-to-Delete: Machine Unlearning via Datamodel Matching"))
        #expect(try clusterOf("Challenging Forgets: Unveiling the Worst-Case Forget Sets in Machine Unlearning")?.id == unlearning.id)
        #expect(unlearning.label.lowercased().contains("unlearning"))
        let optimizers = try #require(try clusterOf("AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed Gradients"))
        #expect(try clusterOf("AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights")?.id == optimizers.id)
        #expect(Set([icl.id, fl.id, unlearning.id, optimizers.id]).count == 4)
        // Labels are never filler.
        for c in clusters {
            for term in ["paper", "approach", "method", "performance", "neural network", "deep learning"] {
                #expect(!c.label.lowercased().split(separator: "·").contains { $0.trimmingCharacters(in: .whitespaces) == term })
            }
        }
    }

    @Test func relatedListsTheOtherICLAsGDPapersFirstWithReasons() throws {
        let (_, store, _) = try Self.built()
        let id = try store.resolvePaper(Self.iclGD[0])
        let related = try store.related(to: id, limit: 10)
        // The other in-context-learning-as-gradient-descent papers come first.
        let top = related.prefix(5).map(\.title)
        for title in Self.iclGD.dropFirst() { #expect(top.contains(title), "\(title) should be among the first related papers") }
        #expect(top.allSatisfy { $0.contains("In-Context") || $0.contains("in-context") })
        #expect(related.allSatisfy { !$0.reasons.isEmpty })
        #expect(zip(related, related.dropFirst()).allSatisfy { $0.score >= $1.score })
        // The paper quoting its title cites it, and says so.
        let revisiting = try #require(related.first { $0.title.hasPrefix("Revisiting the Hypothesis") })
        #expect(revisiting.reasons.contains { $0.kind == .citation })
        #expect(revisiting.reasons.contains { $0.kind == .concept && $0.text.contains("in-context learning") })
    }

    @Test func buildIsDeterministicAndIdempotent() throws {
        let (scratch, store, first) = try Self.built()
        let clusters = try store.clusters()
        let again = try Builder(store: store).build([TestPaths.fixtures])
        #expect(try store.clusters() == clusters)
        #expect(again.clusters?.modularity == first.clusters?.modularity)
        // A second store built from the same input has the same graph.
        let other = try Store(path: scratch.url.appendingPathComponent("other.sqlite").path)
        _ = try Builder(store: other).build([TestPaths.fixtures])
        #expect(try other.clusters() == clusters)
        let a = try store.related(to: store.resolvePaper(Self.iclGD[0]))
        let b = try other.related(to: other.resolvePaper(Self.iclGD[0]))
        #expect(a == b)
    }

    @Test func queriesAnswerWithEvidence() throws {
        let (_, store, _) = try Self.built()
        let concept = try store.conceptReport("in-context learning")
        #expect(concept.key == "in context learning")
        #expect(concept.mentionedIn.count >= 5)
        #expect(!concept.cooccurring.isEmpty)
        let hyper = try store.resolvePaper("A New Federated Learning Framework Against Gradient Inversion Attacks")
        let gifd = try store.resolvePaper("GIFD: A Generative Gradient Inversion Method with Feature Domain Optimization")
        let path = try #require(try store.path(from: hyper, to: gifd))
        #expect(!path.isEmpty && path.first?.from.id == hyper && path.last?.to.id == gifd)
        #expect(path.allSatisfy { !$0.reasons.isEmpty })
        let cites = try store.citations(of: store.resolvePaper("Do Input Gradients Highlight Discriminative Features?"), outgoing: true)
        #expect(cites.contains { $0.reference == "Simonyan et al. 2013" && $0.evidence.contains("[Simonyan et al., 2013") })
        let cluster = try store.cluster("unlearning")
        #expect(cluster.label.contains("unlearning"))
        let resolved = try store.resolveCallouts(in: "Unlike (Nobody et al., 2031), see arXiv:2301.99999.")
        #expect(resolved.count == 2 && resolved.allSatisfy { $0.paper == nil })
    }

    @Test func jsonShapesAreStable() throws {
        let (_, store, _) = try Self.built()
        func keys(_ json: String) throws -> Set<String> {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
            if let array = object as? [[String: Any]], let first = array.first { return Set(first.keys) }
            return Set((object as? [String: Any])?.keys.map { $0 } ?? [])
        }
        #expect(try keys(JSONOutput.encode(store.clusters())) == ["id", "label", "size", "papers"])
        let id = try store.resolvePaper(Self.iclGD[0])
        #expect(try keys(JSONOutput.encode(store.related(to: id))) == ["id", "title", "score", "reasons"])
        let show = try keys(JSONOutput.encode(store.paperDetails(id)))
        #expect(["methods", "datasets", "tasks", "metrics", "concepts", "claims", "cites", "citedBy"].allSatisfy(show.contains))
    }
}

@Suite(.enabled(if: TestPaths.sharedAvailable, "../shared is absent (set CONCEPTGRAPH_SHARED to run these)"))
struct CitationQualityTests {
    @Test func aclCitancesResolveAtTheLevelReached() throws {
        let scratch = Scratch()
        let result = try CitationEvaluation.run(papers: TestPaths.sharedPath("eval/acl-aan/papers.jsonl"),
                                                citances: TestPaths.sharedPath("eval/acl-aan/citances-dev.jsonl"),
                                                scratch: scratch.url.appendingPathComponent("acl.sqlite").path)
        print(result.table)
        #expect(result.papers == 978)
        #expect(result.withAuthorYear.sentences == 8225)
        #expect(result.withAuthorYear.top1 >= 0.94)
        #expect(result.withAuthorYear.coverage >= 0.98)
        #expect(result.withAuthorYear.strictTop1 >= 0.84)
    }
}
