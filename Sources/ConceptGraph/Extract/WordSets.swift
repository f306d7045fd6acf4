/// Word lists the extractor's patterns use, stored as token hashes so checking a token against a
/// list is one set lookup and no string is built.
enum WordSets {
    static func hashes(_ words: [String]) -> HashSet64 {
        HashSet64(words.map { Lexicon.hash($0) })
    }

    static let datasetCues = hashes(["dataset", "datasets", "data", "benchmark", "benchmarks", "corpus", "corpora",
                                     "treebank", "database", "collection", "suite", "split", "splits"])
    static let datasetCueNouns = hashes(["dataset", "datasets", "corpus", "corpora", "database", "databases",
                                         "benchmark", "benchmarks", "treebank", "collection", "collections"])
    static let dataHash = Lexicon.hash("data")
    static let setHashes = hashes(["set", "sets"])
    /// Capitalized words that are not names even before "dataset" ("Training dataset", "Our corpus").
    static let genericDatasetWords = hashes(["training", "test", "testing", "validation", "evaluation", "synthetic",
                                             "public", "benchmark", "full", "entire", "whole", "same", "different",
                                             "real", "toy", "large", "small", "new", "original", "target", "source",
                                             "unlabeled", "labeled", "clean", "noisy", "standard", "popular", "raw",
                                             "image", "text", "video", "audio", "graph", "tabular", "medical",
                                             "benchmarking", "reference", "resulting", "given", "entire", "open"])
    static let datasetHeads = hashes(["corpus", "dataset", "benchmark", "treebank", "database", "collection", "bank"])
    static let methodCues = hashes(["network", "networks", "model", "models", "algorithm", "algorithms", "optimizer",
                                    "optimizers", "architecture", "architectures", "framework", "method", "methods",
                                    "approach", "layer", "layers", "module", "loss", "attack", "attacks", "tagger",
                                    "parser", "classifier", "encoder", "decoder", "backbone", "variant", "variants",
                                    "technique", "scheme", "policy", "agent", "baseline", "baselines", "estimator",
                                    "defense", "regularizer", "solver", "system", "pipeline", "strategy"])
    static let methodHeads = hashes(["network", "networks", "transformer", "transformers", "encryption", "computing",
                                     "computation", "privacy", "propagation", "descent", "optimization", "algorithm",
                                     "model", "models", "machine", "machines", "regression", "forest", "forests",
                                     "attention", "encoder", "decoder", "autoencoder", "net", "nets", "prompting",
                                     "tuning", "sampling", "search", "boosting", "distillation", "normalization",
                                     "dropout", "embedding", "embeddings", "optimizer", "method", "framework",
                                     "inference", "training", "pruning",
                                     "quantization", "augmentation", "filter", "kernel", "process", "processes"])
    static let metricHeads = hashes(["score", "ratio", "accuracy", "error", "distance", "divergence", "precision",
                                     "recall", "rate", "index", "similarity", "coefficient", "perplexity"])
    static let taskHeads = hashes(["classification", "detection", "segmentation", "recognition", "translation",
                                   "generation", "estimation", "restoration", "retrieval", "answering",
                                   "summarization", "prediction", "forecasting", "sensing", "reconstruction",
                                   "completion", "parsing", "tagging", "captioning", "localization", "tracking",
                                   "synthesis", "inpainting", "denoising", "deblurring", "clustering", "ranking",
                                   "recommendation", "labeling", "labelling", "alignment", "extraction",
                                   "reasoning", "planning", "navigation", "verification", "identification",
                                   "understanding", "editing", "matching", "registration", "resolution",
                                   "disambiguation", "simplification", "transcription", "diarization",
                                   "compression", "imputation", "grounding", "manipulation", "grasping"])
    static let metricModifierHeads = hashes(["accuracy", "precision", "recall", "error", "score", "rate"])
    static let strongMetricHeads = hashes(["accuracy", "precision", "recall"])

    /// Function words, pronouns, auxiliaries and frequent verbs: never part of a concept phrase.
    static let stopwords = hashes([
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
    ])

    /// Gerunds that name things ("training data", "learning rate"); other -ing words opening a
    /// phrase are verbs ("finding appropriate biases").
    static let nounGerunds = hashes(["training", "learning", "reasoning", "computing", "processing", "sampling",
                                     "clustering", "engineering", "modeling", "modelling", "planning", "matching",
                                     "pooling", "embedding", "encoding", "scaling", "pruning", "forgetting", "tuning",
                                     "labeling", "labelling", "ranking", "programming", "boosting", "hashing",
                                     "filtering", "smoothing", "denoising", "prompting", "sensing", "routing",
                                     "scheduling", "teaching", "coding", "mapping", "pretraining", "finetuning",
                                     "fine-tuning", "grokking", "overfitting", "underfitting", "unlearning",
                                     "recommending", "inpainting", "morphing", "rendering", "tracking"])

    /// Generic modifiers trimmed from the front of a phrase ("a novel framework" is no concept).
    static let genericModifiers = hashes([
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
    ])

    /// Heads that make a phrase filler ("this paper", "significant improvements", "our results").
    static let genericHeads = hashes([
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
    ])

    /// Acronyms too generic to name a method or data set on their own.
    static let genericAcronyms = hashes(["AI", "ML", "NLP", "CV", "GPU", "GPUs", "CPU", "CPUs", "TPU", "SOTA", "API",
                                         "APIs", "RGB", "RGBD", "1D", "2D", "3D", "4D", "IoT", "PhD", "USA", "UK", "EU",
                                         "US", "OOD", "IID", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "OK",
                                         "DL", "RL", "LLM", "LLMs", "PDF", "PDFs", "URL", "HTTP", "CEO", "ID", "IDs",
                                         "NP", "PAC", "SNR", "FLOPs", "FLOP", "GB", "MB", "TB", "KB", "Hz", "kHz",
                                         "MHz", "GHz", "ms", "TV", "PC", "OS", "AR", "VR", "XR"])

    static let proposalVerbs = hashes(["propose", "proposes", "introduce", "introduces", "present", "presents",
                                       "develop", "develops", "design", "designs", "call", "dub", "name", "term",
                                       "coin", "called", "dubbed", "named", "termed", "coined", "devise", "build"])
    static let comparisonCues = hashes(["outperform", "outperforms", "outperformed", "outperforming", "surpass",
                                        "surpasses", "surpassed", "than", "over", "beats", "beat", "exceeds",
                                        "exceed", "compared", "versus", "vs", "against", "relative"])
    static let hedges = hashes(["may", "might", "could", "suggest", "suggests", "suggesting", "appear", "appears",
                                "likely", "potentially", "possibly", "seem", "seems", "perhaps", "plausibly",
                                "presumably", "hypothesize", "conjecture", "indicate", "indicates", "arguably"])
    static let negations = hashes(["not", "no", "cannot", "fail", "fails", "failed", "neither", "nor", "never",
                                   "none", "nothing", "unable", "lack", "lacks", "hardly"])
    static let improvementCues = hashes(["by", "speedup", "speed", "improvement", "improvements", "faster", "gain",
                                         "gains", "higher", "lower", "reduction", "reduces", "reduce", "fewer",
                                         "less", "more", "increase", "increases", "boost", "boosts", "margin",
                                         "improves", "improve", "relative", "absolute", "points"])
    static let onHash = Lexicon.hash("on")
    static let fromHash = Lexicon.hash("from")
    static let overHash = Lexicon.hash("over")
    static let weHash = Lexicon.hash("we")
    static let asHash = Lexicon.hash("as")
    static let upHash = Lexicon.hash("up")
    static let muchHash = Lexicon.hash("much")
}
