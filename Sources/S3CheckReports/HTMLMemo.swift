import Foundation
import S3CheckCore

/// The parts of the printed report that make it a decision memo: the application in brief,
/// its costs and financing, its partners, the rules checked by id and title, and room for the
/// decision beside the audit trail.
extension HTMLReporter {
    private func word(_ key: String, _ values: [String: String] = [:]) -> String {
        Markup.escape(Catalog.text(key, language, values))
    }

    private func amount(_ value: ExactDecimal, _ facts: ApplicationFacts) -> String {
        Markup.escape(NumberText.amount(value, currency: facts.currency, language))
    }

    private func percent(_ value: ExactDecimal?) -> String {
        value.map { Markup.escape(NumberText.percent($0, language)) } ?? "–"
    }

    /// A value of the application format by its name in the report's language.
    private func valueName(_ kind: String, _ value: String) -> String {
        let key = "value.\(kind).\(value)"
        return Catalog.raw(key, language) == nil ? Markup.escape(value) : word(key)
    }

    /// Project, applicant, call, dates, objective and place, in two columns.
    func keyFacts(_ application: ApplicationReport) -> String {
        let identity = application.identity
        let facts = application.facts
        // Identifiers and dates never break across lines; the rest is escaped text.
        let nowrap = { (text: String?) in text.map { "<span class=\"nowrap\">\(Markup.escape($0))</span>" } }
        let applicant = [identity?.applicant.map(Markup.escape), nowrap(identity?.organisationNumber)].compactMap { $0 }
            .joined(separator: ", ")
        let period = facts.map { "\(nowrap($0.projectStart ?? "–") ?? "") – \(nowrap($0.projectEnd ?? "–") ?? "")" }
        let declared = application.alignment.map { alignment in
            alignment.declared.map { id in alignment.areas.first { $0.id == id }?.name[language] ?? id }.joined(
                separator: ", ")
        }
        let money = { (value: ExactDecimal?) in
            value.flatMap { value in facts.map { amount(value, $0) } }.map { "<span class=\"nowrap\">\($0)</span>" }
        }
        let rows: [(String, String?)] = [
            // The title, then pairs side by side, then the long ones across the page.
            ("memo.project", identity?.title.map(Markup.escape)),
            ("memo.applicant", applicant.isEmpty ? nil : applicant),
            ("memo.call", nowrap(identity?.call)),
            ("memo.submitted", nowrap(identity?.submissionDate)),
            ("memo.period", period),
            ("memo.objective", nowrap(facts?.specificObjective)),
            ("memo.s3-area", declared.map(Markup.escape)),
            ("memo.state-aid", facts?.stateAid.map(stateAidText)),
            ("memo.eligible-costs", money(application.results.isEmpty ? nil : facts?.totalCosts)),
            ("memo.erdf", money(application.results.isEmpty ? nil : facts?.erdf)),
            ("memo.location", facts.map { Markup.escape($0.municipalities.joined(separator: ", ")) }),
            ("memo.file", Markup.escape(application.file)),
        ]
        // Long values (the title, the file) take the whole width.
        let wide: Set<String> = ["memo.project", "memo.file", "memo.location"]
        let items = rows.map { key, value in
            "<div\(wide.contains(key) ? " class=\"wide\"" : "")><dt>\(word(key))</dt><dd>\(value.flatMap { $0.isEmpty ? nil : $0 } ?? "–")</dd></div>"
        }
        return """
            <section class="key-facts">
            <h2>\(word("memo.key-facts"))</h2>
            <dl class="facts">
            \(items.joined(separator: "\n"))
            </dl>
            </section>
            """
    }

    /// The State aid basis as a reader names it: "GBER art. 25, industrial research, 50 %".
    private func stateAidText(_ aid: ApplicationFacts.StateAid) -> String {
        var parts = [valueName("basis", aid.basis)]
        if let article = aid.article { parts[0] += " \(word("memo.article")) \(Markup.escape(article))" }
        if let category = aid.researchCategory { parts.append(valueName("research", category)) }
        if let intensity = aid.aidIntensity { parts.append(percent(intensity)) }
        return parts.joined(separator: ", ")
    }

    /// Financing with each part's share, the requested rate against its ceiling, and the costs
    /// by category and year.
    func financesSection(_ application: ApplicationReport) -> String {
        guard let facts = application.facts else { return "" }
        // The ERDF, then each co-financer by name with its kind, then the total.
        var financing: [(String, ExactDecimal)] = [(word("memo.erdf"), facts.erdf)]
        for part in facts.cofinancing {
            financing.append(("\(Markup.escape(part.funder)) (\(word("memo.\(part.kind)-short")))", part.amount))
        }
        var rows = financing.map { name, value in
            "<tr><td>\(name)</td><td class=\"num\">\(amount(value, facts))</td><td class=\"num\">\(percent(facts.share(value)))</td></tr>"
        }
        rows.append(
            "<tr class=\"total\"><td>\(word("memo.total"))</td><td class=\"num\">\(amount(facts.totalFinancing, facts))</td><td class=\"num\">\(percent(facts.share(facts.totalFinancing)))</td></tr>"
        )
        var rate = ""
        if let (rule, measurement) = ceiling(application), let max = measurement.max {
            let values = [
                "rate": NumberText.percent(ExactDecimal(measurement.value, as: .schema) ?? .zero, language),
                "ceiling": NumberText.percent(ExactDecimal(max, as: .schema) ?? .zero, language),
                "rule": rule,
            ]
            rate = "<p class=\"rate\">\(word("memo.rate", values))</p>"
        }
        return """
            <section class="finances">
            <h2>\(word("memo.finances"))</h2>
            <table class="financing">
            <thead><tr><th>\(word("memo.financing"))</th><th class="num">\(word("memo.amount"))</th><th class="num">\(word("memo.share"))</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            \(rate)
            \(costsTable(facts))
            </section>
            """
    }

    /// The rule that caps the ERDF rate, and what it measured: the rule its pack marks with the
    /// role `erdf-ceiling`, so any pack's rule serves.
    private func ceiling(_ application: ApplicationReport) -> (String, RuleResult.Measurement)? {
        for result in application.results {
            guard let measurement = result.measurement, measurement.max != nil,
                context.rule(result.ruleID)?.role == .erdfCeiling
            else { continue }
            return (result.ruleID, measurement)
        }
        return nil
    }

    private func costsTable(_ facts: ApplicationFacts) -> String {
        let years = facts.years
        guard !years.isEmpty else { return "" }
        func cell(_ category: String?, _ year: String?) -> ExactDecimal {
            facts.costs.filter { (category == nil || $0.category == category) && (year == nil || $0.year == year) }
                .reduce(ExactDecimal.zero) { $0 + $1.amount }
        }
        let header =
            "<tr><th>\(word("memo.category"))</th>"
            + years.map { "<th class=\"num\">\(Markup.escape($0))</th>" }.joined()
            + "<th class=\"num\">\(word("memo.total"))</th></tr>"
        var rows = facts.categories.map { category in
            "<tr><td>\(valueName("category", category))</td>"
                + years.map { year in
                    let value = cell(category, year)
                    return "<td class=\"num\">\(value.isZero ? "–" : amount(value, facts))</td>"
                }.joined()
                + "<td class=\"num\">\(amount(cell(category, nil), facts))</td></tr>"
        }
        rows.append(
            "<tr class=\"total\"><td>\(word("memo.total"))</td>"
                + years.map { "<td class=\"num\">\(amount(cell(nil, $0), facts))</td>" }.joined()
                + "<td class=\"num\">\(amount(facts.totalCosts, facts))</td></tr>")
        return """
            <h3>\(word("memo.costs"))</h3>
            <table class="costs">
            <thead>\(header)</thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            """
    }

    func partnersSection(_ application: ApplicationReport) -> String {
        guard let facts = application.facts, !facts.partners.isEmpty else { return "" }
        let rows = facts.partners.map { partner in
            "<tr><td>\(Markup.escape(partner.name))</td><td class=\"nowrap\">\(Markup.escape(partner.identifier ?? "–"))</td>"
                + "<td>\(valueName("role", partner.role))</td><td>\(valueName("kind", partner.kind))</td>"
                + "<td>\(partner.sizeClass.map { valueName("size", $0) } ?? "–")</td></tr>"
        }
        return """
            <section class="partners">
            <h2>\(word("memo.partners"))</h2>
            <table>
            <thead><tr><th>\(word("memo.name"))</th><th>\(word("memo.identifier"))</th><th>\(word("memo.role"))</th><th>\(word("memo.kind"))</th><th>\(word("memo.size"))</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            </section>
            """
    }

    /// Every rule that passed, by id and title, with what a ratio check measured; then those
    /// that did not apply.
    func rulesSection(_ application: ApplicationReport) -> String {
        guard !application.results.isEmpty else { return "" }
        let item = { (result: RuleResult) -> String in
            let title = context.rule(result.ruleID)?.title[language] ?? ""
            var measured = ""
            if let measurement = result.measurement, let value = ExactDecimal(measurement.value, as: .schema) {
                measured =
                    " <span class=\"measured\">("
                    + Markup.escape(
                        measurement.percent
                            ? NumberText.percent(value, language) : NumberText.decimal(value, language)) + ")</span>"
            }
            return
                "<li><span class=\"rule\">\(Markup.escape(result.ruleID))</span> \(Markup.escape(title))\(measured)</li>"
        }
        let passed = application.results.filter { $0.outcome == .pass }
        let failed = application.results.filter { $0.outcome == .fail || $0.outcome == .error }
        let notApplicable = application.results.filter { $0.outcome == .notApplicable }
        let failedList =
            failed.isEmpty
            ? ""
            : "<h3>\(word("memo.rules-failed")) (\(failed.count))</h3>\n<ul class=\"rule-list\">\n\(failed.map(item).joined(separator: "\n"))\n</ul>"
        return """
            <section class="rules">
            <h2>\(word("memo.rules"))</h2>
            \(failedList)
            <h3>\(word("memo.rules-passed")) (\(passed.count))</h3>
            <ul class="rule-list">
            \(passed.map(item).joined(separator: "\n"))
            </ul>
            \(notApplicable.isEmpty ? "" : "<p class=\"not-applicable muted\">\(word("memo.rules-not-applicable")): \(notApplicable.map { "<span class=\"rule\">\(Markup.escape($0.ruleID))</span>" }.joined(separator: " "))</p>")
            </section>
            """
    }

    /// Fields for the case officer's decision, kept on one page with the audit trail.
    func decisionSection(_ application: ApplicationReport, timestamp: String, packs: String) -> String {
        let line = { (key: String) in
            "<div class=\"field\"><span>\(self.word(key))</span><span class=\"blank\"></span></div>"
        }
        let box = { (key: String) in "<span class=\"box\">☐ \(self.word(key))</span>" }
        return """
            <div class="closing">
            <section class="decision">
            <h2>\(word("memo.decision"))</h2>
            <div class="decision-grid">
            \(line("memo.case-number"))
            \(line("memo.officer"))
            \(line("memo.date"))
            <div class="field"><span>\(word("memo.outcome"))</span><span>\(box("memo.approve")) \(box("memo.reject")) \(box("memo.supplement"))</span></div>
            </div>
            <div class="reasons"><span>\(word("memo.reasons"))</span></div>
            \(line("memo.signature"))
            </section>
            <section class="audit-trail">
            <h2>\(word("memo.audit"))</h2>
            <dl class="audit">
            <dt>\(word("memo.tool"))</dt><dd>s3check \(ToolInfo.version)</dd>
            <dt>\(word("memo.application-hash"))</dt><dd><code class="hash">\(application.sha256 ?? "–")</code></dd>
            <dt>\(word("memo.profile"))</dt><dd>\(Markup.escape(context.profile ?? "–"))</dd>
            <dt>\(word("memo.generated"))</dt><dd>\(timestamp)</dd>
            </dl>
            \(packs)
            </section>
            </div>
            """
    }
}
