extension Claim {
    /// What a claim states besides its text, as short tags for the command line and the report:
    /// kind, flags, numbers, baseline, metric, data set.
    public var facts: [String] {
        var facts: [String] = [kind.rawValue]
        if hedged { facts.append("hedged") }
        if negated { facts.append("negated") }
        for q in quantities { facts.append("\(q.isImprovement ? "+" : "")\(q.text)") }
        if let baseline { facts.append("baseline: \(baseline)") }
        if let metric { facts.append("metric: \(metric)") }
        if let dataset { facts.append("data set: \(dataset)") }
        return facts
    }
}
