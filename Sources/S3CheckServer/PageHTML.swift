import Foundation
import S3CheckCore
import S3CheckRun

extension UploadPage {
    /// The whole page: the form, an error tied to the file field, or the result of a check.
    func render(
        language: Language,
        reportLanguage: Language,
        profile: String?,
        error: Problem?,
        result: CheckResult?
    ) -> String {
        let t = Words(language)
        let other: Language = language == .sv ? .en : .sv
        let pack = api.packs[0].ruleSet
        let limit = api.options.maximumBodyBytes / 1024
        var describedBy = ["file-hint"]
        if error != nil { describedBy.append("file-error") }
        let languageOptions = Language.allCases.map { option in
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
            <title>\(result != nil ? t.resultTitle + " – " : error != nil ? t.errorTitle + " – " : "")s3check</title>
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
            <p><a href="/api/v1/template?lang=\(language.rawValue)" download>\(t.template)</a></p>
            <p>\(escape(pack.mainPack.title[language])) (\(escape(pack.mainPack.id)) \(escape(pack.mainPack.version)))</p>
            <form method="post" action="/?lang=\(language.rawValue)" enctype="multipart/form-data">
            <div class="field">
            <label for="file">\(t.fileLabel)</label>
            <p id="file-hint" class="hint">\(t.fileHint(limit))</p>

            """
        if let error {
            html +=
                "<p id=\"file-error\" class=\"error\"><strong>\(t.errorWord):</strong> \(escape(error.title[language])). \(escape(error.detail[language]))</p>\n"
        }
        html += """
            <input type="file" id="file" name="file" accept=".xml,application/xml,text/xml" required aria-describedby="\(describedBy.joined(separator: " "))"\(error != nil ? " aria-invalid=\"true\"" : "")>
            </div>
            <div class="field">
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
        for (download, text) in zip(Self.downloads, result.reports) {
            let type = Negotiation.mediaType(of: download.format)
            let encoded = Data(text.utf8).base64EncodedString()
            links.append(
                "<li><a download=\"\(download.file)\" href=\"data:\(type.replacingOccurrences(of: " ", with: ""));base64,\(encoded)\">\(download.label)</a></li>"
            )
        }
        return """
            <section id="result" aria-labelledby="result-heading">
            <h2 id="result-heading">\(t.resultTitle)</h2>
            <p id="verdict" class="verdict \(verdictClass)" role="status">\(t.verdictWord): <strong lang="\(result.language.rawValue)" data-verdict="\(verdictClass)">\(escape(result.verdict.label[result.language]))</strong></p>
            <p class="actions"><button type="button" id="print" hidden>\(t.print)</button></p>
            <noscript><p>\(t.printWithoutScript)</p></noscript>
            <h3 id="downloads-heading">\(t.downloads)</h3>
            <ul class="downloads" aria-labelledby="downloads-heading">\(links.joined())</ul>
            <iframe id="report" title="\(t.reportFrame)" srcdoc="\(escape(result.reports[0]))"></iframe>
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
        input,select{font:inherit;padding:.25rem}
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

    private func pick(_ sv: String, _ en: String) -> String { language == .sv ? sv : en }

    var skip: String { pick("Hoppa till innehållet", "Skip to content") }
    var languageNav: String { pick("Språk", "Language") }
    var heading: String { pick("Kontrollera en ansökan om regionalfondsstöd", "Check an ERDF application") }
    var intro: String {
        pick(
            "Ladda upp ansökan som XML-fil. Den kontrolleras mot reglerna för regionalfonden och strategin för smart specialisering, och rapporten visas här.",
            "Upload the application as an XML file. It is checked against the ERDF rules and the smart-specialisation strategy, and the report is shown here."
        )
    }
    var template: String {
        pick("Ladda ner en ny ansökan att fylla i (XML)", "Download a new application to fill in (XML)")
    }
    var fileLabel: String { pick("Ansökan (XML-fil)", "Application (XML file)") }
    func fileHint(_ kilobytes: Int) -> String {
        pick(
            "Välj filen eller dra den hit. Högst \(kilobytes) kB. Ingenting sparas.",
            "Choose the file or drop it here. At most \(kilobytes) kB. Nothing is stored.")
    }
    var reportLanguage: String { pick("Rapportens språk", "Language of the report") }
    var profile: String { pick("Profil", "Profile") }
    var submit: String { pick("Kontrollera", "Check") }
    var errorWord: String { pick("Fel", "Error") }
    var errorTitle: String { pick("Fel", "Error") }
    var resultTitle: String { pick("Resultat", "Result") }
    var verdictWord: String { pick("Bedömning", "Verdict") }
    var print: String { pick("Skriv ut rapporten", "Print the report") }
    var printWithoutScript: String {
        pick(
            "Skriv ut rapporten genom att ladda ner den som HTML och skriva ut den filen.",
            "To print the report, download it as HTML and print that file.")
    }
    var downloads: String { pick("Ladda ner rapporten", "Download the report") }
    var reportFrame: String { pick("Rapporten", "The report") }
    var privacy: String {
        pick(
            "Ansökan kontrolleras i minnet och sparas inte.",
            "The application is checked in memory and is not stored.")
    }
}
