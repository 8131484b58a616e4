internal import CLibXML2

/// Process-wide libxml2 set-up that must happen once, before any thread parses.
enum XMLLibrary {
    /// Runs the one-time initialisation the first time it is read; Swift guarantees that a
    /// static is initialised exactly once, even with several threads racing for it.
    static let ready: Void = {
        xmlInitParser()
        // The schema type table is initialised lazily inside the first xmlSchemaParse without a
        // lock; doing it here removes the race between worker threads.
        xmlSchemaInitTypes()
        // Never fetch anything over the network, including xs:include/xs:import in schemas.
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
        s3_silenceGenericErrors()
    }()
}
