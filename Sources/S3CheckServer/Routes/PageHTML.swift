import Foundation
import S3CheckCore
import S3CheckRun

extension UploadPage {
    /// The whole page: the form, an error tied to the file field, or the result of a check.
    func render(
        language: Language,
        reportLanguage: Language,
        profile: String?,
        packID: String? = nil,
        error: Problem?,
        result: CheckResult?
    ) -> String {
        let t = Words(language)
        let other: Language = language == .sv ? .en : .sv
        let chosenPack = service.packs.first { $0.id == packID } ?? service.packs[0]
        let pack = chosenPack.ruleSet
        // Every pack the service was started with, when there is a choice.
        let packField =
            service.packs.count < 2
            ? ""
            : """
            <div class="field">
            <label for="pack">\(t.pack)</label>
            <select id="pack" name="pack">\(service.packs.map { served in
                let info = served.ruleSet.mainPack
                return "<option value=\"\(escape(served.id))\"\(served.id == chosenPack.id ? " selected" : "")>\(escape(info.title[language])) (\(escape(info.id)) \(escape(info.version)))</option>"
            }.joined())</select>
            </div>

            """
        let limit = service.options.maximumBodyBytes
        var describedBy = ["file-hint"]
        if error != nil { describedBy.append("file-error") }
        let languageOptions = Language.allCases.map { option in
            // Each language named in itself (an autonym), whatever the page language.
            let name = option == .sv ? "Svenska" : "English"
            return
                "<option value=\"\(option.rawValue)\" lang=\"\(option.rawValue)\"\(option == reportLanguage ? " selected" : "")>\(name)</option>"
        }.joined()
        let chosenProfile = profile ?? pack.defaultProfile
        let profileOptions = pack.profiles.map { option in
            "<option value=\"\(escape(option.id))\"\(option.id == chosenProfile ? " selected" : "")>\(escape(option.title[language]))</option>"
        }.joined()
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(Self.title(t, result: result, error: error)))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <a class="skip" href="#main">\(t.skip)</a>
            <p class="brand">s3check</p>
            <nav aria-label="\(t.languageNav)">
            <a href="/?lang=\(other.rawValue)" lang="\(other.rawValue)" hreflang="\(other.rawValue)">\(other == .sv ? "På svenska" : "In English")</a>
            </nav>
            </header>
            <main id="main">
            <h1>\(t.heading)</h1>
            <p>\(t.intro)</p>
            <p><a href="/api/v1/template?lang=\(language.rawValue)" download>\(t.template)</a>
            · <a href="/api/v1/schema/application-1.xsd" download>\(t.schema)</a></p>
            <p>\(escape(pack.mainPack.title[language])) (\(escape(pack.mainPack.id)) \(escape(pack.mainPack.version)))</p>
            <form method="post" action="/?lang=\(language.rawValue)" enctype="multipart/form-data">
            <div class="field">
            <label for="file">\(t.fileLabel)</label>
            <p id="file-hint" class="hint">\(t.fileHint(limit))</p>

            """
        if let error {
            html +=
                "<p id=\"file-error\" class=\"error\"><strong>\(t.errorWord):</strong> \(escape(t.pageError(error, limit: limit)))</p>\n"
        }
        html += """
            <input type="file" id="file" name="file" accept=".xml,application/xml,text/xml" required aria-describedby="\(describedBy.joined(separator: " "))"\(error != nil ? " aria-invalid=\"true\"" : "")>
            </div>
            \(packField)<div class="field">
            <label for="lang">\(t.reportLanguage)</label>
            <select id="lang" name="lang">\(languageOptions)</select>
            </div>
            <div class="field">
            <label for="profile">\(t.profile)</label>
            <select id="profile" name="profile">\(profileOptions)</select>
            </div>
            <button type="submit">\(t.submit)</button>
            </form>

            """
        if let result { html += resultSection(result, t: t) }
        html += """
            <footer><p>\(t.privacy) <a href="/openapi.yaml">OpenAPI</a></p></footer>
            </main>
            <script src="/page.js"></script>
            </body>
            </html>

            """
        return html
    }

    private func resultSection(_ result: CheckResult, t: Words) -> String {
        let verdictClass = result.verdict.rawValue
        var links: [String] = []
        for (format, text) in zip(Self.downloads, result.reports) {
            let encoded = Data(text.utf8).base64EncodedString()
            links.append(
                "<li><a download=\"\(format.fileName)\" href=\"data:\(format.contentType.replacingOccurrences(of: " ", with: ""));base64,\(encoded)\">\(format.label)</a></li>"
            )
        }
        return """
            <section id="result" aria-labelledby="result-heading">
            <h2 id="result-heading" tabindex="-1" autofocus>\(t.resultTitle)</h2>
            <p id="verdict" class="verdict \(verdictClass)" role="status">\(t.verdictWord): <strong lang="\(result.language.rawValue)" data-verdict="\(verdictClass)">\(escape(result.verdict.label[result.language]))</strong></p>
            <p class="actions"><button type="button" id="print" hidden>\(t.print)</button></p>
            <noscript><p>\(t.printWithoutScript)</p></noscript>
            <h3 id="downloads-heading">\(t.downloads)</h3>
            <ul class="downloads" aria-labelledby="downloads-heading">\(links.joined())</ul>
            <iframe id="report" title="\(t.reportFrame)" srcdoc="\(escape(Self.linksOutOfFrame(result.reports[0])))"></iframe>
            </section>

            """
    }

    private func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Colours chosen for at least 4.5:1 contrast (WCAG 2.1 AA) and a visible focus ring.
    static let style = """
        body{font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff;margin:0}
        header{display:flex;gap:1rem;align-items:center;justify-content:space-between;padding:.5rem 1rem;border-bottom:1px solid #6b6b6b}
        .brand{font-weight:bold;margin:0}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        a{color:#0b4f9c}
        a:focus,button:focus,input:focus,select:focus{outline:3px solid #b35c00;outline-offset:2px}
        .skip{position:absolute;left:-999px}
        .skip:focus{position:static}
        .field{margin:1rem 0}
        label{display:block;font-weight:bold}
        .hint{margin:.25rem 0;color:#3d3d3d}
        .error{color:#a4000f;border-left:4px solid #a4000f;padding-left:.5rem}
        input,select{font:inherit;padding:.25rem;max-width:100%;box-sizing:border-box}
        main,footer{overflow-wrap:anywhere}
        button{font:inherit;background:#0b4f9c;color:#fff;border:2px solid #0b4f9c;padding:.4rem 1rem;border-radius:4px;cursor:pointer}
        .verdict{font-size:1.25rem;padding:.5rem;border-left:6px solid #3d3d3d}
        .verdict.eligible{border-color:#1e6b30}
        .verdict.eligible-with-remarks{border-color:#8a5a00}
        .verdict.not-eligible,.verdict.cannot-be-assessed{border-color:#a4000f}
        .downloads{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
        iframe{width:100%;height:70vh;border:1px solid #6b6b6b}
        @media print{header,form,.actions,.downloads,#downloads-heading,footer{display:none}iframe{height:100vh;border:0}}
        """

    /// Adds the print button, which needs a script; without one the page still works.
    static let script = """
        "use strict";
        (function () {
          var button = document.getElementById("print");
          var frame = document.getElementById("report");
          if (!button || !frame) return;
          button.hidden = false;
          button.addEventListener("click", function () { frame.contentWindow.print(); });
        })();

        """
}

/// The page's words in Swedish and English.
struct Words {
    let language: Language

    init(_ language: Language) { self.language = language }

    var skip: String { Catalog.text("page.skip-to-content", language) }
    var languageNav: String { Catalog.text("page.language", language) }
    var heading: String { Catalog.text("page.check-an-erdf-application", language) }
    var intro: String {
        Catalog.text("page.upload-the-application-as-an-xml", language)
    }
    var schema: String { Catalog.text("page.schema", language) }
    var template: String {
        Catalog.text("page.download-a-new-application-to-fill", language)
    }
    var fileLabel: String { Catalog.text("page.application-xml-file", language) }
    func fileHint(_ bytes: Int) -> String {
        Catalog.text("page.choose-the-file-or-drop-it", language, ["size": Self.size(bytes, language)])
    }

    /// A size as people read it: `4 MB`, `512 kB` (decimal digits the language's way).
    static func size(_ bytes: Int, _ language: Language) -> String {
        let size = ExactDecimal(bytes)
        if bytes >= 1024 * 1024, let megabytes = size.divided(by: ExactDecimal(1024 * 1024), decimals: 1) {
            return NumberText.decimal(megabytes, language, decimals: 1) + "\u{00A0}MB"
        }
        let kilobytes = size.divided(by: ExactDecimal(1024), decimals: 0) ?? .zero
        return NumberText.decimal(kilobytes, language, decimals: 0) + "\u{00A0}kB"
    }

    /// What went wrong, for an applicant at the page rather than a program at the API.
    func pageError(_ problem: Problem, limit: Int) -> String {
        switch problem.kind {
        case "missing-application": Catalog.text("page.error-choose-file", language)
        case "too-large": Catalog.text("page.error-too-large", language, ["size": Self.size(limit, language)])
        default: problem.title[language] + ". " + problem.detail[language]
        }
    }
    var reportLanguage: String { Catalog.text("page.language-of-the-report", language) }
    var profile: String { Catalog.text("page.profile", language) }
    var pack: String { Catalog.text("page.pack", language) }
    var submit: String { Catalog.text("page.check", language) }
    var errorWord: String { Catalog.text("page.error", language) }
    var errorTitle: String { Catalog.text("page.error", language) }
    var resultTitle: String { Catalog.text("page.result", language) }
    var verdictWord: String { Catalog.text("page.verdict", language) }
    var print: String { Catalog.text("page.print-the-report", language) }
    var printWithoutScript: String {
        Catalog.text("page.to-print-the-report-download-it", language)
    }
    var downloads: String { Catalog.text("page.download-the-report", language) }
    var reportFrame: String { Catalog.text("page.the-report", language) }
    var privacy: String {
        Catalog.text("page.the-application-is-checked-in-memory", language)
    }
}

extension UploadPage {
    /// The report with its links opening outside the frame: the page's `frame-src 'self'`
    /// would block the legal texts (EUR-Lex, Tillväxtverket) inside it, and its `base-uri
    /// 'none'`, which the frame inherits, rules out a `<base target>`.
    static func linksOutOfFrame(_ report: String) -> String {
        report.replacingOccurrences(of: "<a href=", with: "<a target=\"_blank\" rel=\"noopener\" href=")
    }
}

extension UploadPage {
    /// The page's title names the page and, after a check, the verdict, so that a screen
    /// reader announces the outcome when the page loads and browser tabs tell results apart.
    static func title(_ words: Words, result: CheckResult?, error: Problem?) -> String {
        if let result {
            return "\(words.verdictWord): \(result.verdict.label[result.language]) – \(words.heading) – s3check"
        }
        if error != nil { return "\(words.errorTitle) – \(words.heading) – s3check" }
        return "\(words.heading) – s3check"
    }
}
