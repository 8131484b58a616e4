import S3CheckRun

/// The OpenAPI 3.1 document the service serves at `/openapi.yaml`, kept beside the code it
/// describes; the service tests run schemathesis against the running server with it.
enum OpenAPIDocument {
    /// The report formats the check answers in, as the description lists them.
    private static var acceptedFormats: String {
        ReportFormat.served.map { format in
            format.mediaType
                + (format.otherMediaTypes.isEmpty
                    ? "" : " (\(format.label), also \(format.otherMediaTypes.joined(separator: ", ")))")
        }.joined(separator: ", ")
    }

    /// The check's 200 content: every media type a report is served as, with its schema (the
    /// JSON report's and SARIF's top level; the others are text).
    private static var reportContent: String {
        Negotiation.offered.map { offer in
            let schema: String
            switch offer.format {
            case .json: schema = "{type: object, required: [applications], properties: {applications: {type: array}}}"
            case .sarif: schema = "{type: object, required: [version, runs]}"
            default: schema = "{type: string}"
            }
            return "            \(offer.mediaType): {schema: \(schema)}"
        }.joined(separator: "\n")
    }

    static let text = """
        openapi: 3.1.0
        info:
          title: s3check
          version: 0.1.0
          description: >-
            Checks ERDF applications (XML) against the rule packs the service was started with and
            scores smart-specialisation alignment. Nothing sent is stored. Every error is an RFC 9457
            problem, worded in the requested language (`lang`, else Accept-Language, else Swedish)
            with both languages under `texts`.
        servers:
          - url: /
        tags:
          - name: check
          - name: rules
          - name: operations
        paths:
          /api/v1/check:
            post:
              tags: [check]
              operationId: checkApplication
              summary: Check one application and return its report.
              description: >-
                The report's format follows `Accept`: \(Self.acceptedFormats) (the first when
                anything is accepted). The verdict is also in the `S3check-Verdict` header. An
                application that is not eligible is a successful check (200).
              parameters:
                - $ref: '#/components/parameters/lang'
                - $ref: '#/components/parameters/profile'
                - $ref: '#/components/parameters/pack'
              requestBody:
                $ref: '#/components/requestBodies/application'
              responses:
                '200':
                  description: The report.
                  headers:
                    S3check-Verdict:
                      $ref: '#/components/headers/verdict'
                  content:
        \(Self.reportContent)
                '400': {$ref: '#/components/responses/problem'}
                '404': {$ref: '#/components/responses/problem'}
                '406': {$ref: '#/components/responses/problem'}
                '408': {$ref: '#/components/responses/problem'}
                '413': {$ref: '#/components/responses/problem'}
                '415': {$ref: '#/components/responses/problem'}
                '503': {$ref: '#/components/responses/busy'}
          /api/v1/s3:
            post:
              tags: [check]
              operationId: scoreAlignment
              summary: Only the smart-specialisation scoring of one application.
              parameters:
                - $ref: '#/components/parameters/lang'
                - $ref: '#/components/parameters/pack'
              requestBody:
                $ref: '#/components/requestBodies/application'
              responses:
                '200':
                  description: >-
                    The scoring; `alignment` is null and `problems` says why when the application
                    could not be scored.
                  headers:
                    S3check-Verdict:
                      $ref: '#/components/headers/verdict'
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [verdict, alignment, problems]
                        properties:
                          verdict: {$ref: '#/components/schemas/verdict'}
                          alignment: {type: [object, 'null']}
                          problems: {type: array, items: {type: string}}
                '400': {$ref: '#/components/responses/problem'}
                '404': {$ref: '#/components/responses/problem'}
                '406': {$ref: '#/components/responses/problem'}
                '408': {$ref: '#/components/responses/problem'}
                '413': {$ref: '#/components/responses/problem'}
                '415': {$ref: '#/components/responses/problem'}
                '503': {$ref: '#/components/responses/busy'}
          /api/v1/rules:
            get:
              tags: [rules]
              operationId: listRules
              summary: The rule catalogue of a pack (JSON, or Markdown or text by Accept).
              parameters:
                - $ref: '#/components/parameters/lang'
                - $ref: '#/components/parameters/pack'
              responses:
                '200':
                  description: The catalogue.
                  content:
                    application/json: {schema: {type: [object, array]}}
                    text/markdown: {schema: {type: string}}
                    text/plain: {schema: {type: string}}
                '400': {$ref: '#/components/responses/problem'}
                '404': {$ref: '#/components/responses/problem'}
                '406': {$ref: '#/components/responses/problem'}
          /api/v1/rules/{id}:
            get:
              tags: [rules]
              operationId: explainRule
              summary: One rule explained in full.
              parameters:
                - name: id
                  in: path
                  required: true
                  schema: {type: string, examples: [EU-COF-001]}
                - $ref: '#/components/parameters/lang'
                - $ref: '#/components/parameters/pack'
              responses:
                '200':
                  description: The rule's check, message, legal basis and parameters.
                  content:
                    text/plain: {schema: {type: string}}
                '400': {$ref: '#/components/responses/problem'}
                '404': {$ref: '#/components/responses/problem'}
          /api/v1/template:
            get:
              tags: [check]
              operationId: newApplication
              summary: A new application to fill in, as `s3check new` writes it.
              description: >-
                Every field is present with a placeholder ([fyll i: …] / [fill in: …]) that says what
                to write; checking it lists the fields still to fill in.
              parameters:
                - $ref: '#/components/parameters/lang'
                - $ref: '#/components/parameters/pack'
              responses:
                '200':
                  description: The application, as a file to save.
                  content:
                    application/xml: {schema: {type: string}}
                '400': {$ref: '#/components/responses/problem'}
                '404': {$ref: '#/components/responses/problem'}
          /api/v1/schema/{name}:
            get:
              tags: [rules]
              operationId: schema
              summary: An XML schema (application-1.xsd, rules-1.xsd, strategy-1.xsd), for the editor beside a template.
              parameters:
                - {name: name, in: path, required: true, schema: {type: string, enum: [application-1.xsd, rules-1.xsd, strategy-1.xsd]}}
              responses:
                '200':
                  description: The schema.
                  content:
                    application/xml: {schema: {type: string}}
                '404': {$ref: '#/components/responses/problem'}
          /health/live:
            get:
              tags: [operations]
              operationId: live
              summary: Liveness; the process answers.
              responses:
                '200':
                  description: Alive.
                  content:
                    application/json: {schema: {type: object, required: [status]}}
          /health/ready:
            get:
              tags: [operations]
              operationId: ready
              summary: Readiness; the packs are compiled. The load is reported beside; a saturated service stays ready.
              responses:
                '200':
                  description: Ready.
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/readiness'}}
          /metrics:
            get:
              tags: [operations]
              operationId: metrics
              summary: Prometheus metrics (requests, latency, verdicts, refusals).
              responses:
                '200':
                  description: Prometheus text exposition format.
                  content:
                    text/plain: {schema: {type: string}}
          /openapi.yaml:
            get:
              tags: [operations]
              operationId: openapi
              summary: This document.
              responses:
                '200':
                  description: The OpenAPI document.
                  content:
                    application/yaml: {schema: {type: string}}
        components:
          parameters:
            lang:
              name: lang
              in: query
              description: Language of the report and of problem texts.
              schema: {type: string, enum: [sv, en]}
            profile:
              name: profile
              in: query
              description: The rule profile (for example draft or submission); the pack's default when left out.
              schema: {type: string}
            pack:
              name: pack
              in: query
              description: The id of a pack the service was started with; the first pack when left out.
              schema: {type: string}
          requestBodies:
            application:
              required: true
              content:
                application/xml:
                  schema: {type: string}
                text/xml:
                  schema: {type: string}
                multipart/form-data:
                  schema:
                    type: object
                    required: [file]
                    properties:
                      file: {type: string, format: binary}
          headers:
            verdict:
              description: The verdict, whatever the report's format.
              schema: {$ref: '#/components/schemas/verdict'}
          responses:
            problem:
              description: An RFC 9457 problem.
              content:
                application/problem+json:
                  schema: {$ref: '#/components/schemas/problem'}
            busy:
              description: Every worker busy and the queue full; retry after the given seconds.
              headers:
                Retry-After:
                  schema: {type: integer, minimum: 1}
              content:
                application/problem+json:
                  schema: {$ref: '#/components/schemas/problem'}
          schemas:
            verdict:
              type: string
              enum: [eligible, eligible-with-remarks, not-eligible, cannot-be-assessed]
            readiness:
              type: object
              required: [status, running, waiting]
              properties:
                status: {type: string, enum: [ready, busy]}
                running: {type: integer, minimum: 0}
                waiting: {type: integer, minimum: 0}
            problem:
              type: object
              required: [type, title, status, detail, lang, texts]
              properties:
                type: {type: string, format: uri}
                title: {type: string}
                status: {type: integer, minimum: 400, maximum: 599}
                detail: {type: string}
                lang: {type: string, enum: [sv, en]}
                texts:
                  type: object
                  required: [sv, en]
                  additionalProperties:
                    type: object
                    required: [title, detail]
                    properties:
                      title: {type: string}
                      detail: {type: string}

        """
}
