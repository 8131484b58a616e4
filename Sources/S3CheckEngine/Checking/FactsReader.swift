import Foundation
import S3CheckPacks
import S3CheckValues
import SafeXML

/// Reads ``ApplicationFacts`` from a schema-valid application whose numbers are canonical.
///
/// Amounts are the values ``ApplicationReader`` read once; nothing is parsed again here.
enum FactsReader {
    static func facts(of root: XMLNode, values: ApplicationValues) -> ApplicationFacts {
        let project = root.child("project")
        let text = { (node: XMLNode?) in node.map { VisibleText.escaping($0.stringValue.trimmingXMLWhitespace()) } }
        let amount = { (element: XMLNode?) in values.decimal("amount", of: element) ?? .zero }
        let municipalities = (project?.child("location")?.children("municipality") ?? []).map { node in
            let name = VisibleText.escaping(node.attribute("name") ?? "")
            let code = node.attribute("code") ?? ""
            return name.isEmpty ? code : "\(name) (\(code))"
        }
        let partners = (root.child("partners")?.children("partner") ?? []).map { node in
            ApplicationFacts.Partner(
                name: text(node.child("name")) ?? "",
                identifier: text(node.child("organisationNumber") ?? node.child("foreignIdentifier")),
                role: node.attribute("role") ?? "",
                kind: node.attribute("kind") ?? "",
                sizeClass: node.child("size")?.attribute("category")
            )
        }
        var cells: [ApplicationFacts.CostCell] = []
        var total = ExactDecimal.zero
        // Cells found by comparing the attributes' bytes in place: a budget has hundreds of
        // lines and a handful of cells, so a string per line would cost more than the table.
        var keys: [(category: [UInt8], year: [UInt8])] = []
        for line in root.child("budget")?.children("costLine") ?? [] {
            let value = amount(line)
            total += value
            let found = line.withAttributeBytes("category") { category in
                line.withAttributeBytes("year") { year in
                    keys.firstIndex {
                        $0.category.elementsEqual(category ?? .init(start: nil, count: 0))
                            && $0.year.elementsEqual(year ?? .init(start: nil, count: 0))
                    }
                }
            }
            if let found {
                cells[found].amount += value
            } else {
                let category = line.attribute("category") ?? ""
                let year = line.attribute("year") ?? ""
                keys.append((Array(category.utf8), Array(year.utf8)))
                cells.append(ApplicationFacts.CostCell(category: category, year: year, amount: value))
            }
        }
        let financing = root.child("financing")
        var publicPart = ExactDecimal.zero
        var privatePart = ExactDecimal.zero
        var cofinancers: [ApplicationFacts.Cofinancing] = []
        for cofinancing in financing?.children("cofinancing") ?? [] {
            let value = amount(cofinancing)
            let kind = cofinancing.attribute("kind") == "private" ? "private" : "public"
            if kind == "private" { privatePart += value } else { publicPart += value }
            cofinancers.append(
                ApplicationFacts.Cofinancing(
                    funder: VisibleText.escaping(cofinancing.attribute("funder") ?? ""), kind: kind, amount: value))
        }
        let aid = root.child("stateAid").map { node in
            ApplicationFacts.StateAid(
                basis: node.attribute("basis") ?? "",
                article: node.attribute("gberArticle"),
                researchCategory: node.attribute("researchCategory"),
                aidIntensity: values.decimal("aidIntensity", of: node)
            )
        }
        return ApplicationFacts(
            projectStart: text(project?.child("startDate")),
            projectEnd: text(project?.child("endDate")),
            specificObjective: text(project?.child("specificObjective")),
            municipalities: municipalities,
            partners: partners,
            currency: root.child("budget")?.attribute("currency") ?? "SEK",
            costs: cells,
            totalCosts: total,
            erdf: amount(financing?.child("erdf")),
            publicCofinancing: publicPart,
            privateCofinancing: privatePart,
            cofinancing: cofinancers,
            stateAid: aid
        )
    }
}
