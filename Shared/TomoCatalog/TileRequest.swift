import Foundation
import TomoWire

/// A tile of an image file the catalog serves (`tile.get`) and tile-statistics tasks name: a
/// whole section `z` of an MRC file, or a box (half-open voxel ranges, x fastest), delivered as
/// float32 or float16.
///
/// JSON (the `tile.get` arguments and the `sta.tilestats` task parameters):
/// `{"path": "frames/TS_01_001.mrc", "section": 0, "dtype": "float32"}` or
/// `{"path": "...", "box": {"x": [0, 32], "y": [32, 64], "z": [0, 1]}, "dtype": "float16"}`.
/// A path of the form `N@file` (RELION's stack reference, N 1-based) means section N−1 of `file`.
public struct TileRequest: Sendable, Hashable {
    /// A half-open voxel box.
    public struct Box: Sendable, Hashable {
        /// Columns.
        public var x: Range<Int>
        /// Rows.
        public var y: Range<Int>
        /// Sections.
        public var z: Range<Int>
        /// A box.
        public init(x: Range<Int>, y: Range<Int>, z: Range<Int>) {
            self.x = x
            self.y = y
            self.z = z
        }
    }

    /// The file: project-relative (no `..`) or absolute.
    public var path: String
    /// The section, when the tile is one whole section.
    public var section: Int?
    /// The box, when the tile is a sub-volume.
    public var box: Box?
    /// Element type on the wire.
    public var dtype: TileDType

    /// A tile; with neither `section` nor `box` the whole file.
    public init(path: String, section: Int? = nil, box: Box? = nil, dtype: TileDType = .float32) {
        self.path = path
        self.section = section
        self.box = box
        self.dtype = dtype
    }

    /// The JSON object.
    public var jsonObject: [String: Any] {
        var o: [String: Any] = ["path": path, "dtype": dtype == .float16 ? "float16" : "float32"]
        if let section { o["section"] = section }
        if let box {
            o["box"] = ["x": [box.x.lowerBound, box.x.upperBound], "y": [box.y.lowerBound, box.y.upperBound],
                        "z": [box.z.lowerBound, box.z.upperBound]]
        }
        return o
    }

    /// The JSON text.
    public var json: String { JSON.string(jsonObject) }

    /// Reads the JSON object; `N@file` paths become a section.
    public init(json o: [String: Any]) throws(CatalogError) {
        guard var p = try JSON.string(o, "path"), !p.isEmpty else { throw CatalogError(.badRequest, "tile request needs a path") }
        var section = try JSON.int(o, "section")
        if let at = p.firstIndex(of: "@"), let n = Int(p[..<at]) {
            guard n >= 1 else { throw CatalogError(.badRequest, "stack index \(n) in \(p) is not 1-based") }
            if section == nil { section = n - 1 }
            p = String(p[p.index(after: at)...])
        }
        var box: Box?
        if let b = o["box"] {
            guard let d = b as? [String: Any] else { throw CatalogError(.badRequest, "box must be an object") }
            func range(_ k: String) throws(CatalogError) -> Range<Int> {
                guard let a = d[k] as? [Any], a.count == 2, let lo = (a[0] as? NSNumber)?.intValue,
                      let hi = (a[1] as? NSNumber)?.intValue, lo >= 0, hi > lo else {
                    throw CatalogError(.badRequest, "box.\(k) must be [start, end) with 0 <= start < end")
                }
                return lo..<hi
            }
            box = Box(x: try range("x"), y: try range("y"), z: try range("z"))
        }
        if section != nil && box != nil { throw CatalogError(.badRequest, "give section or box, not both") }
        let dtype: TileDType
        switch try JSON.string(o, "dtype") ?? "float32" {
        case "float32": dtype = .float32
        case "float16": dtype = .float16
        case let other: throw CatalogError(.badRequest, "dtype \(other) is not float32 or float16")
        }
        self.init(path: p, section: section, box: box, dtype: dtype)
    }
}
