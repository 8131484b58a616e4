/// What an application is, as a decision memo states it: period, objective, place, partners,
/// costs by category and year, and financing.
///
/// Read from a schema-valid application (amounts in its canonical decimals), for the printed
/// report; the rules decide eligibility, these only describe. Amounts are exact decimals in the
/// application's currency (`currency`, ISO 4217).
public struct ApplicationFacts: Sendable, Hashable, Codable {
    /// One partner as the application lists it.
    public struct Partner: Sendable, Hashable, Codable {
        public var name: String
        /// The Swedish organisation number or the foreign identifier.
        public var identifier: String?
        /// `lead` or `partner`.
        public var role: String
        /// `company`, `university`, `research-institute`, `public-body`, `non-profit`, `other`.
        public var kind: String
        /// The declared size class (`micro`, `small`, `medium`, `large`), when given.
        public var sizeClass: String?

        public init(name: String, identifier: String? = nil, role: String, kind: String, sizeClass: String? = nil) {
            self.name = name
            self.identifier = identifier
            self.role = role
            self.kind = kind
            self.sizeClass = sizeClass
        }
    }

    /// One co-financer as the financing plan lists it.
    public struct Cofinancing: Sendable, Hashable, Codable {
        public var funder: String
        /// `public` or `private`.
        public var kind: String
        public var amount: ExactDecimal

        public init(funder: String, kind: String, amount: ExactDecimal) {
            self.funder = funder
            self.kind = kind
            self.amount = amount
        }
    }

    /// The declared State aid basis.
    public struct StateAid: Sendable, Hashable, Codable {
        /// `gber`, `de-minimis` or `no-aid`.
        public var basis: String
        /// The GBER article, when the basis is `gber`.
        public var article: String?
        /// The research category (`industrial-research` …), when given.
        public var researchCategory: String?
        /// The aid intensity in per cent, when given.
        public var aidIntensity: ExactDecimal?

        public init(
            basis: String, article: String? = nil, researchCategory: String? = nil, aidIntensity: ExactDecimal? = nil
        ) {
            self.basis = basis
            self.article = article
            self.researchCategory = researchCategory
            self.aidIntensity = aidIntensity
        }
    }

    /// The eligible costs of one category in one year.
    public struct CostCell: Sendable, Hashable, Codable {
        public var category: String
        public var year: String
        public var amount: ExactDecimal

        public init(category: String, year: String, amount: ExactDecimal) {
            self.category = category
            self.year = year
            self.amount = amount
        }
    }

    public var projectStart: String?
    public var projectEnd: String?
    /// The specific objective's code, for example `RSO1.1`.
    public var specificObjective: String?
    /// Municipalities as `name (code)`.
    public var municipalities: [String]
    public var partners: [Partner]
    public var currency: String
    /// Costs summed by category and year, categories in the order they first appear.
    public var costs: [CostCell]
    public var totalCosts: ExactDecimal
    /// The ERDF support requested.
    public var erdf: ExactDecimal
    public var publicCofinancing: ExactDecimal
    public var privateCofinancing: ExactDecimal
    /// Each co-financer, in the order the plan lists them.
    public var cofinancing: [Cofinancing]
    /// The declared State aid basis, when the application gives one.
    public var stateAid: StateAid?

    /// The total financing: ERDF plus co-financing.
    public var totalFinancing: ExactDecimal {
        erdf + publicCofinancing + privateCofinancing
    }

    /// `part` as a percentage of the total costs, rounded to one decimal; nil without costs.
    public func share(_ part: ExactDecimal) -> ExactDecimal? {
        guard totalCosts > .zero else { return nil }
        return ExactDecimal(millionths: part.millionths * 100).divided(by: totalCosts, decimals: 1)
    }

    /// The years with costs, in order.
    public var years: [String] { Array(Set(costs.map(\.year))).sorted() }

    /// The categories with costs, in the order they first appear.
    public var categories: [String] {
        var seen: [String] = []
        for cell in costs where !seen.contains(cell.category) { seen.append(cell.category) }
        return seen
    }

    public init(
        projectStart: String? = nil, projectEnd: String? = nil, specificObjective: String? = nil,
        municipalities: [String], partners: [Partner], currency: String, costs: [CostCell], totalCosts: ExactDecimal,
        erdf: ExactDecimal, publicCofinancing: ExactDecimal, privateCofinancing: ExactDecimal,
        cofinancing: [Cofinancing], stateAid: StateAid? = nil
    ) {
        self.projectStart = projectStart
        self.projectEnd = projectEnd
        self.specificObjective = specificObjective
        self.municipalities = municipalities
        self.partners = partners
        self.currency = currency
        self.costs = costs
        self.totalCosts = totalCosts
        self.erdf = erdf
        self.publicCofinancing = publicCofinancing
        self.privateCofinancing = privateCofinancing
        self.cofinancing = cofinancing
        self.stateAid = stateAid
    }
}
