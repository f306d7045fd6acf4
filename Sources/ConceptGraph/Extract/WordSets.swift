/// Word lists the extractor's patterns use, indexed by token hash so checking a token against a
/// list builds no string.
enum WordSets {
    /// The lists below, one bit each. A token's lists are looked up once, when its field is
    /// read; every later test of the token against a list is a bit test.
    struct Lists: OptionSet, Sendable {
        let rawValue: UInt32
        static let datasetCues = Lists(rawValue: 1 << 0)
        static let datasetCueNouns = Lists(rawValue: 1 << 1)
        static let setWords = Lists(rawValue: 1 << 2)
        static let genericDatasetWords = Lists(rawValue: 1 << 3)
        static let datasetHeads = Lists(rawValue: 1 << 4)
        static let methodCues = Lists(rawValue: 1 << 5)
        static let methodHeads = Lists(rawValue: 1 << 6)
        static let metricHeads = Lists(rawValue: 1 << 7)
        static let taskHeads = Lists(rawValue: 1 << 8)
        static let metricModifierHeads = Lists(rawValue: 1 << 9)
        static let strongMetricHeads = Lists(rawValue: 1 << 10)
        static let stopwords = Lists(rawValue: 1 << 11)
        static let nounGerunds = Lists(rawValue: 1 << 12)
        static let genericModifiers = Lists(rawValue: 1 << 13)
        static let genericHeads = Lists(rawValue: 1 << 14)
        static let genericAcronyms = Lists(rawValue: 1 << 15)
        static let proposalVerbs = Lists(rawValue: 1 << 16)
        static let comparisonCues = Lists(rawValue: 1 << 17)
        static let hedges = Lists(rawValue: 1 << 18)
        static let negations = Lists(rawValue: 1 << 19)
        static let improvementCues = Lists(rawValue: 1 << 20)
    }

    /// Every list with its bit.
    static let all: [(Lists, [String])] = [
        (.datasetCues, datasetCues),
        (.datasetCueNouns, datasetCueNouns),
        (.setWords, setWords),
        (.genericDatasetWords, genericDatasetWords),
        (.datasetHeads, datasetHeads),
        (.methodCues, methodCues),
        (.methodHeads, methodHeads),
        (.metricHeads, metricHeads),
        (.taskHeads, taskHeads),
        (.metricModifierHeads, metricModifierHeads),
        (.strongMetricHeads, strongMetricHeads),
        (.stopwords, stopwords),
        (.nounGerunds, nounGerunds),
        (.genericModifiers, genericModifiers),
        (.genericHeads, genericHeads),
        (.genericAcronyms, genericAcronyms),
        (.proposalVerbs, proposalVerbs),
        (.comparisonCues, comparisonCues),
        (.hedges, hedges),
        (.negations, negations),
        (.improvementCues, improvementCues),
    ]

    /// Token hash → the lists its word is in.
    static let membership: ListTable = {
        var byHash: [UInt64: Lists] = [:]
        for (list, words) in all {
            for word in words { byHash[Lexicon.hash(word), default: []].insert(list) }
        }
        return ListTable(byHash)
    }()

    /// The lists the word with this hash is in.
    @inline(__always)
    static func lists(_ hash: UInt64) -> Lists { membership[hash] }

    /// An open-addressing table from token hash to lists, kept at most one-eighth full. An empty
    /// slot has key 0 and no lists, so a probe that finds the key or an empty slot returns the
    /// slot's lists either way: every token is looked up, about half of them are listed words,
    /// and a branch on "found or not" would be mispredicted half the time.
    struct ListTable: Sendable {
        private var slots: [(key: UInt64, lists: UInt32)]
        private let mask: Int

        init(_ map: [UInt64: Lists]) {
            var capacity = 16
            while capacity < map.count * 8 { capacity <<= 1 }
            slots = Array(repeating: (0, 0), count: capacity)
            mask = capacity - 1
            for (key, lists) in map.sorted(by: { $0.key < $1.key }) {
                precondition(key != 0, "a listed word hashes to the empty-slot marker")
                var i = Self.slot(key, mask)
                while slots[i].key != 0 { i = (i + 1) & mask }
                slots[i] = (key, lists.rawValue)
            }
        }

        @inline(__always)
        private static func slot(_ v: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (v &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask }

        @inline(__always)
        subscript(hash: UInt64) -> Lists {
            var i = Self.slot(hash, mask)
            while true {
                let entry = slots[i]
                if entry.key == hash || entry.key == 0 { return Lists(rawValue: entry.lists) }
                i = (i + 1) & mask
            }
        }
    }

    static let datasetCues: [String] = ["dataset", "datasets", "data", "benchmark", "benchmarks", "corpus", "corpora",
                                         "treebank", "database", "collection", "suite", "split", "splits"]
    static let datasetCueNouns: [String] = ["dataset", "datasets", "corpus", "corpora", "database", "databases",
                                             "benchmark", "benchmarks", "treebank", "collection", "collections"]
    static let dataHash = Lexicon.hash("data")
    static let setWords: [String] = ["set", "sets"]
    /// Capitalized words that are not names even before "dataset" ("Training dataset", "Our corpus").
    static let genericDatasetWords: [String] = ["training", "test", "testing", "validation", "evaluation", "synthetic",
                                                 "public", "benchmark", "full", "entire", "whole", "same", "different",
                                                 "real", "toy", "large", "small", "new", "original", "target", "source",
                                                 "unlabeled", "labeled", "clean", "noisy", "standard", "popular", "raw",
                                                 "image", "text", "video", "audio", "graph", "tabular", "medical",
                                                 "benchmarking", "reference", "resulting", "given", "entire", "open"]
    static let datasetHeads: [String] = ["corpus", "dataset", "benchmark", "treebank", "database", "collection", "bank"]
    static let methodCues: [String] = ["network", "networks", "model", "models", "algorithm", "algorithms", "optimizer",
                                        "optimizers", "architecture", "architectures", "framework", "method", "methods",
                                        "approach", "layer", "layers", "module", "loss", "attack", "attacks", "tagger",
                                        "parser", "classifier", "encoder", "decoder", "backbone", "variant", "variants",
                                        "technique", "scheme", "policy", "agent", "baseline", "baselines", "estimator",
                                        "defense", "regularizer", "solver", "system", "pipeline", "strategy"]
    static let methodHeads: [String] = ["network", "networks", "transformer", "transformers", "encryption", "computing",
                                         "computation", "privacy", "propagation", "descent", "optimization", "algorithm",
                                         "model", "models", "machine", "machines", "regression", "forest", "forests",
                                         "attention", "encoder", "decoder", "autoencoder", "net", "nets", "prompting",
                                         "tuning", "sampling", "search", "boosting", "distillation", "normalization",
                                         "dropout", "embedding", "embeddings", "optimizer", "method", "framework",
                                         "inference", "training", "pruning",
                                         "quantization", "augmentation", "filter", "kernel", "process", "processes"]
    static let metricHeads: [String] = ["score", "ratio", "accuracy", "error", "distance", "divergence", "precision",
                                         "recall", "rate", "index", "similarity", "coefficient", "perplexity"]
    static let taskHeads: [String] = ["classification", "detection", "segmentation", "recognition", "translation",
                                       "generation", "estimation", "restoration", "retrieval", "answering",
                                       "summarization", "prediction", "forecasting", "sensing", "reconstruction",
                                       "completion", "parsing", "tagging", "captioning", "localization", "tracking",
                                       "synthesis", "inpainting", "denoising", "deblurring", "clustering", "ranking",
                                       "recommendation", "labeling", "labelling", "alignment", "extraction",
                                       "reasoning", "planning", "navigation", "verification", "identification",
                                       "understanding", "editing", "matching", "registration", "resolution",
                                       "disambiguation", "simplification", "transcription", "diarization",
                                       "compression", "imputation", "grounding", "manipulation", "grasping"]
    static let metricModifierHeads: [String] = ["accuracy", "precision", "recall", "error", "score", "rate"]
    static let strongMetricHeads: [String] = ["accuracy", "precision", "recall"]

    /// Function words, pronouns, auxiliaries and frequent verbs: never part of a concept phrase.
    static let stopwords: [String] = [
        "a", "an", "the", "this", "that", "these", "those", "of", "in", "on", "for", "to", "with", "by", "from", "at",
        "as", "into", "onto", "over", "under", "between", "among", "through", "via", "about", "against", "within",
        "without", "across", "after", "before", "during", "upon", "and", "or", "but", "nor", "yet", "so", "if",
        "then", "than", "while", "whereas", "because", "since", "although", "though", "when", "where", "which",
        "who", "whom", "whose", "what", "how", "why", "whether", "we", "our", "ours", "us", "you", "your", "they",
        "their", "them", "it", "its", "he", "she", "his", "her", "i", "my", "one", "ones", "is", "are", "was",
        "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "done", "can",
        "could", "may", "might", "must", "shall", "should", "will", "would", "not", "no", "also", "only", "both",
        "each", "every", "all", "any", "some", "such", "many", "much", "more", "most", "less", "least", "few",
        "fewer", "other", "others", "another", "same", "own", "very", "too", "further", "furthermore", "moreover",
        "however", "therefore", "thus", "hence", "here", "there", "now", "even", "still", "well", "just", "often",
        "show", "shows", "showed", "shown", "propose", "proposes", "proposed", "present", "presents", "presented",
        "introduce", "introduces", "introduced", "use", "uses", "used", "using", "based", "achieve", "achieves",
        "achieved", "achieving", "obtain", "obtains", "obtained", "demonstrate", "demonstrates", "demonstrated",
        "improve", "improves", "improved", "improving", "provide", "provides", "provided", "providing", "allow",
        "allows", "allowed", "enable", "enables", "enabled", "make", "makes", "made", "lead", "leads", "led",
        "require", "requires", "required", "consider", "considers", "study", "studies", "studied", "find", "finds",
        "found", "give", "gives", "given", "take", "takes", "taken", "yield", "yields", "perform", "performs",
        "performed", "outperform", "outperforms", "outperformed", "apply", "applies", "applied", "learn", "learns",
        "learned", "learnt", "train", "trains", "trained", "evaluate", "evaluates", "evaluated", "investigate",
        "investigates", "explore", "explores", "develop", "develops", "developed", "remain", "remains", "become",
        "becomes", "called", "named", "dubbed", "termed", "known", "prove", "proves", "proved", "establish",
        "derive", "derives", "exhibit", "exhibits", "suggest", "suggests", "reveal", "reveals", "address",
        "addresses", "solve", "solves", "tackle", "aim", "aims", "focus", "focuses", "rely", "relies", "result",
        "results", "resulting", "call", "able", "due", "e.g", "i.e", "et", "al", "etc", "vs", "via", "per",
        "first", "second", "third", "finally", "recently", "particular", "particularly", "specifically",
        "respectively", "namely", "including", "include", "includes", "like", "unlike", "typically", "usually",
        "widely", "commonly", "significantly", "substantially", "largely", "highly", "simply", "directly",
        "achieves", "contains", "contain", "compared", "compare", "versus", "up", "out", "way", "ways",
        "suffer", "suffers", "increase", "increases", "decrease", "decreases", "violate", "violates", "produce",
        "produces", "generate", "generates", "utilize", "utilizes", "utilise", "utilises", "enabling", "protect",
        "protects", "preserve", "preserves", "add", "adds", "adding", "rather", "regarding", "towards", "toward",
        "thereby", "whereby", "involve", "involves", "permit", "permits", "quantify", "quantifies", "encode",
        "encodes", "avoid", "avoids", "drawn", "requiring", "encouraging", "demonstrating", "reduce", "reduces",
        "leverage", "leverages", "mitigate", "mitigates", "capture", "captures", "predict", "predicts",
        "represent", "represents", "employ", "employs", "adopt", "adopts", "ensure", "ensures", "emerge",
        "emerges", "exist", "exists", "occur", "occurs", "depend", "depends", "hold", "holds", "arise", "arises",
        "affect", "affects", "enhance", "enhances", "facilitate", "facilitates", "highlight", "highlights", "offer",
        "offers", "operate", "operates", "outperforming", "tend", "tends", "lack", "lacks", "need", "needs",
        "help", "helps", "seek", "seeks", "want", "try", "tries", "let", "lets", "keep", "keeps", "get", "gets",
        "see", "seen", "note", "notes", "argue", "argues", "believe", "hope", "consist", "consists", "correspond",
        "corresponds", "relate", "relates", "serve", "serves", "fail", "fails", "work", "behave", "behaves",
        "converge", "converges", "scale", "scales", "match", "matches", "benefit", "benefits", "define", "defines",
        "describe", "describes", "discuss", "discusses", "examine", "examines", "identify", "identifies",
        "incorporate", "incorporates", "integrate", "integrates", "combine", "combines", "extend", "extends",
        "outline", "report", "reports", "support", "supports", "validate", "validates", "verify", "verifies",
        "inspired", "motivated", "whose", "onto", "along", "beyond", "despite", "toward", "yet", "instead",
        "respect", "inform", "informs", "uncover", "uncovers", "accelerate", "accelerates", "boost", "boosts",
    ]

    /// Gerunds that name things ("training data", "learning rate"); other -ing words opening a
    /// phrase are verbs ("finding appropriate biases").
    static let nounGerunds: [String] = ["training", "learning", "reasoning", "computing", "processing", "sampling",
                                         "clustering", "engineering", "modeling", "modelling", "planning", "matching",
                                         "pooling", "embedding", "encoding", "scaling", "pruning", "forgetting", "tuning",
                                         "labeling", "labelling", "ranking", "programming", "boosting", "hashing",
                                         "filtering", "smoothing", "denoising", "prompting", "sensing", "routing",
                                         "scheduling", "teaching", "coding", "mapping", "pretraining", "finetuning",
                                         "fine-tuning", "grokking", "overfitting", "underfitting", "unlearning",
                                         "recommending", "inpainting", "morphing", "rendering", "tracking"]

    /// Generic modifiers trimmed from the front of a phrase ("a novel framework" is no concept).
    static let genericModifiers: [String] = [
        "novel", "new", "existing", "previous", "prior", "current", "recent", "different", "various", "several",
        "simple", "efficient", "effective", "general", "generic", "large", "small", "significant", "better", "best",
        "good", "high", "low", "higher", "lower", "strong", "stronger", "key", "main", "important", "standard",
        "typical", "common", "popular", "extensive", "comprehensive", "state", "art", "competitive", "superior",
        "improved", "proposed", "resulting", "certain", "specific", "particular", "multiple", "numerous", "wide",
        "broad", "great", "greater", "additional", "overall", "original", "practical", "real", "real-world",
        "challenging", "promising", "remarkable", "empirical", "theoretical", "experimental", "powerful", "robust",
        "fundamental", "crucial", "critical", "major", "diverse", "extensive", "underlying", "corresponding",
        "respective", "possible", "potential", "desirable", "favorable", "impressive", "considerable",
        "substantial", "little", "limited", "first", "two", "three", "four", "five", "single", "whole",
        "future", "further", "recent", "modern", "conventional", "traditional", "classical", "classic",
        "available", "open", "relevant", "necessary", "sufficient", "important", "interesting", "natural",
    ]

    /// Heads that make a phrase filler ("this paper", "significant improvements", "our results").
    static let genericHeads: [String] = [
        "paper", "papers", "work", "works", "approach", "approaches", "method", "methods", "framework", "frameworks",
        "result", "results", "performance", "improvement", "improvements", "problem", "problems", "way", "ways",
        "number", "numbers", "set", "sets", "lot", "lots", "kind", "kinds", "type", "types", "aspect", "aspects",
        "fact", "case", "cases", "issue", "issues", "challenge", "challenges", "effect", "effects", "experiment",
        "experiments", "study", "studies", "analysis", "analyses", "contribution", "contributions", "insight",
        "insights", "finding", "findings", "setting", "settings", "task", "tasks", "technique", "techniques",
        "solution", "solutions", "idea", "ideas", "order", "terms", "term", "part", "parts", "amount", "range",
        "variety", "code", "art", "state", "end", "time", "times", "level", "levels", "model", "models", "field",
        "area", "areas", "application", "applications", "question", "questions", "goal", "goals", "manner",
        "extent", "benefit", "benefits", "advantage", "advantages", "property", "properties", "step", "steps",
        "scenario", "scenarios", "literature", "evidence", "baseline", "baselines", "version", "versions",
        "line", "lines", "gap", "role", "purpose", "process", "view", "point", "example", "examples",
        "research", "interest", "direction", "directions", "researcher", "researchers", "community", "practice",
        "practitioner", "practitioners", "paradigm", "number", "behavior", "behaviour", "phenomenon", "phenomena",
        "mechanism", "mechanisms", "component", "components", "factor", "factors", "strategy", "strategies",
        "information", "knowledge", "quality", "efficiency", "effectiveness", "ability", "capability",
        "capabilities", "cost", "costs", "size", "sizes", "value", "values", "function", "functions",
        "difference", "differences", "scheme", "schemes", "procedure", "procedures", "tool", "tools",
    ]

    /// Acronyms too generic to name a method or data set on their own.
    static let genericAcronyms: [String] = ["AI", "ML", "NLP", "CV", "GPU", "GPUs", "CPU", "CPUs", "TPU", "SOTA", "API",
                                             "APIs", "RGB", "RGBD", "1D", "2D", "3D", "4D", "IoT", "PhD", "USA", "UK", "EU",
                                             "US", "OOD", "IID", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "OK",
                                             "DL", "RL", "LLM", "LLMs", "PDF", "PDFs", "URL", "HTTP", "CEO", "ID", "IDs",
                                             "NP", "PAC", "SNR", "FLOPs", "FLOP", "GB", "MB", "TB", "KB", "Hz", "kHz",
                                             "MHz", "GHz", "ms", "TV", "PC", "OS", "AR", "VR", "XR"]

    static let proposalVerbs: [String] = ["propose", "proposes", "introduce", "introduces", "present", "presents",
                                           "develop", "develops", "design", "designs", "call", "dub", "name", "term",
                                           "coin", "called", "dubbed", "named", "termed", "coined", "devise", "build"]
    static let comparisonCues: [String] = ["outperform", "outperforms", "outperformed", "outperforming", "surpass",
                                            "surpasses", "surpassed", "than", "over", "beats", "beat", "exceeds",
                                            "exceed", "compared", "versus", "vs", "against", "relative"]
    static let hedges: [String] = ["may", "might", "could", "suggest", "suggests", "suggesting", "appear", "appears",
                                    "likely", "potentially", "possibly", "seem", "seems", "perhaps", "plausibly",
                                    "presumably", "hypothesize", "conjecture", "indicate", "indicates", "arguably"]
    static let negations: [String] = ["not", "no", "cannot", "fail", "fails", "failed", "neither", "nor", "never",
                                       "none", "nothing", "unable", "lack", "lacks", "hardly"]
    static let improvementCues: [String] = ["by", "speedup", "speed", "improvement", "improvements", "faster", "gain",
                                             "gains", "higher", "lower", "reduction", "reduces", "reduce", "fewer",
                                             "less", "more", "increase", "increases", "boost", "boosts", "margin",
                                             "improves", "improve", "relative", "absolute", "points"]
    static let onHash = Lexicon.hash("on")
    static let fromHash = Lexicon.hash("from")
    static let overHash = Lexicon.hash("over")
    static let weHash = Lexicon.hash("we")
    static let asHash = Lexicon.hash("as")
    static let upHash = Lexicon.hash("up")
    static let muchHash = Lexicon.hash("much")
}
