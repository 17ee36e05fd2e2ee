import Foundation
import Testing
import TomoClass3D
import TomoCore
import TomoMonitor
import TomoTransport

/// `monitor serve --pictures`: events published on the bus become PNGs in the directory.
@Suite struct PictureWatchTests {
    @Test func classesAndIterationEventsOnTheBusAreDrawn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let context = try ZMQContext()
        let server = try MonitorServer(context: context, xsub: "tcp://127.0.0.1:*", xpub: "tcp://127.0.0.1:*")
        defer { server.stop() }
        let watch = try PictureWatch(context: context, endpoint: server.bus.xpubEndpoint, directory: dir)
        defer { watch.stop() }
        let publisher = EventPublisher(context: context, connectTo: server.bus.xsubEndpoint, joinDelay: .milliseconds(100))
        defer { publisher.close() }
        let maps = [RealVolume(nx: 16, ny: 16, nz: 16) { x, y, z in Float(x + y * z) }]
        let sections = Class3DClassSections(iteration: 4, maps: maps, distributions: [1], resolutions: [25])
        let clock = ContinuousClock(), deadline = clock.now + .seconds(10)
        // Publish until drawn: the watch's subscription may still be joining at first.
        while watch.writtenPaths.count < 2 && clock.now < deadline {
            publisher.publish(topic: "job.31.iteration", json: #"{"iteration":4,"resolution_a":25,"class_distribution":[1]}"#)
            publisher.publish(topic: "job.31.classes", json: sections.json())
            Thread.sleep(forTimeInterval: 0.2)
        }
        let names = Set(watch.writtenPaths.map { URL(fileURLWithPath: $0).lastPathComponent })
        #expect(names == ["job31_convergence.png", "job31_it004_classes.png"])
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("job31_it004_classes.png").path))
    }
}
