import Foundation
import TomoMRC
import TomoProject
import TomoRelion
import TomoWire

extension JobType {
    /// The generic backbone work type: statistics over the tiles of an imported tilt series,
    /// `sta.tilestats`, in `TileStats/jobNNN/`.
    public static let tileStats = JobType(label: "sta.tilestats", directory: "TileStats", isTomo: false)
}

/// The tasks of an `sta.tilestats` job: one per tile, in a fixed order (tilt series in the
/// tomogram set's order, tilt images in file order, then boxes row by row), so task ids are the
/// tile indices and reduction order is key order.
///
/// Parameters (`job.submit` `parameters`, all strings or numbers):
/// - `tomograms`: project-relative path of an imported `tomograms.star` (required)
/// - `tilt_series`: the tilt series (`rlnTomoName`) to use; all when absent
/// - `box`: tile edge in pixels; 0 or absent: one tile per whole tilt image (a section)
/// - `dtype`: `float32` (default) or `float16`: the tile type on the wire (statistics are of the
///   decoded values)
/// - `delay_ms`: test hook: each task sleeps this long before computing (default 0)
public enum TileStatsPlan {
    /// The tile requests, in task order.
    /// - Throws: 400/404 `CatalogError` naming the missing parameter, file or tilt series.
    public static func tiles(parameters: [String: String], root: String) throws(CatalogError) -> [TileRequest] {
        guard let tomos = parameters["tomograms"] else { throw CatalogError(.badRequest, "sta.tilestats needs parameters.tomograms") }
        let source = TileSource(root: root)
        let set: TomogramSet
        do { set = try TomogramSet.read(path: try source.resolve(tomos), projectDirectory: root) } catch let e as CatalogError {
            throw e
        } catch {
            throw CatalogError(.notFound, "cannot read \(tomos): \(error)")
        }
        let dtype: TileDType = parameters["dtype"] == "float16" ? .float16 : .float32
        let box = Int(parameters["box"] ?? "0") ?? 0
        guard box >= 0 else { throw CatalogError(.badRequest, "box must be >= 0") }
        let wanted = parameters["tilt_series"]
        let tomograms = set.tomograms.filter { wanted == nil || $0.name == wanted }
        if tomograms.isEmpty { throw CatalogError(.notFound, "\(tomos) has no tilt series \(wanted ?? "")") }
        var out: [TileRequest] = []
        for t in tomograms {
            for frame in t.tiltSeries.frames {
                guard let name = frame.micrographName, !name.isEmpty else {
                    throw CatalogError(.notFound, "tilt series \(t.name) has a tilt without rlnMicrographName")
                }
                var image = try TileRequest(json: ["path": name])
                let section = image.section ?? 0
                image.dtype = dtype
                if box == 0 {
                    image.section = section
                    out.append(image)
                    continue
                }
                let file: MRCFile
                do { file = try MRCFile.open(path: try source.resolve(image.path)) } catch let e as CatalogError { throw e } catch {
                    throw CatalogError(.notFound, "cannot open \(image.path): \(error)")
                }
                let (nx, ny, _) = file.shape
                for y0 in stride(from: 0, to: ny, by: box) {
                    for x0 in stride(from: 0, to: nx, by: box) {
                        out.append(TileRequest(path: image.path,
                                               box: .init(x: x0..<min(x0 + box, nx), y: y0..<min(y0 + box, ny),
                                                          z: section..<section + 1), dtype: dtype))
                    }
                }
            }
        }
        return out
    }
}
