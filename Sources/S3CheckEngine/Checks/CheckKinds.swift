import S3CheckPacks
import S3CheckValues

/// Every check kind a rule pack may use, one line each: a new kind is a file in this folder, an
/// element in the rules schema, its catalog lines, its test and a line here.
enum CheckKinds {
    static let all: [any EvaluableCheck.Type] = [
        RequiredCheck.self,
        RangeCheck.self,
        DateWindowCheck.self,
        CodeListCheck.self,
        PatternCheck.self,
        SumCheck.self,
        RatioCheck.self,
        AssertCheck.self,
    ]
}
