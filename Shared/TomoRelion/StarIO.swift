import TomoSTAR

/// Reads and writes STAR documents, turning ``StarError``s into ``TomoRelionError``s.
enum StarIO {
    static func read(_ path: String) throws(TomoRelionError) -> StarDocument {
        do { return try StarDocument.read(path: path) } catch let e as StarError {
            throw TomoRelionError(e.code == .io ? .missingFile : .star, file: path,
                                  message: e.line > 0 ? "line \(e.line), column \(e.column): \(e.message)" : e.message)
        } catch {
            throw TomoRelionError(.star, file: path, message: "\(error)")
        }
    }

    static func write(_ doc: StarDocument, to path: String) throws(TomoRelionError) {
        do { try doc.write(to: path) } catch {
            throw TomoRelionError(.star, file: path, message: "could not write: \(error)")
        }
    }
}
