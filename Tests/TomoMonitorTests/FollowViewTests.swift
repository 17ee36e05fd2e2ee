import Testing
import TomoMonitor
import TomoTransport

@Suite struct FollowViewTests {
    static func event(_ topic: String, _ json: String) -> ReceivedEvent { ReceivedEvent(topic: topic, json: json) }

    /// A scripted sequence gives exactly these status lines and permanent lines.
    @Test func scriptedSequence() {
        var v = FollowView(job: "42")
        var out: [FollowView.Output] = []
        out += v.apply(Self.event("job.42.state", #"{"state":"running"}"#), at: at(0))
        out += v.apply(Self.event("job.42.progress", #"{"stage":"extract","done":0,"total":480}"#), at: at(0))
        out += v.apply(Self.event("job.42.progress", #"{"stage":"extract","done":100,"total":480}"#), at: at(10))
        out += v.apply(Self.event("job.42.progress", #"{"stage":"extract","done":480,"total":480}"#), at: at(20))
        out += v.apply(Self.event("worker.aligner-1.liveness", #"{"service":"aligner","alive":true,"interval_ms":1000}"#), at: at(21))
        out += v.apply(Self.event("job.42.iteration", #"{"iteration":3,"resolution_a":18.4,"change_orientation_deg":12.1,"change_offset_a":1.3,"change_classes":0.08,"class_distribution":[0.61,0.39]}"#), at: at(22))
        out += v.tick(at: at(23.5))
        out += v.tick(at: at(24))
        out += v.apply(Self.event("job.43.progress", #"{"done":1,"total":2}"#), at: at(24.5))
        out += v.apply(Self.event("worker.aligner-1.liveness", #"{"service":"aligner","alive":true}"#), at: at(25))
        out += v.apply(Self.event("worker.x.liveness", #"{"alive":false,"state":"lost","source":"monitor","silence_ms":6100}"#), at: at(26))
        #expect(!v.isFinished)
        out += v.apply(Self.event("job.42.state", #"{"state":"succeeded"}"#), at: at(30))
        #expect(out == [
            .line("job 42 running"),
            .status("extract  [░░░░░░░░░░░░░░░░░░░░]  0/480  0%  --/s  ETA --"),
            .status("extract  [████░░░░░░░░░░░░░░░░]  100/480  20%  10.0/s  ETA 38s"),
            .status("extract  [████████████████████]  480/480  100%  24.0/s  ETA 0s"),
            .line("extract  [████████████████████]  480/480  100%  24.0/s  ETA 0s"),
            .line("it 3  resolution 18.4 Å  changes: orient 12.1°  offsets 1.3 Å  classes 0.08  class dist 0.61 0.39"),
            .line("! worker aligner-1 stale (silent 3.0 s)"),
            .line("worker aligner-1 back after 4.0 s"),
            .line("! worker x lost (silent 6.1 s)"),
            .line("job 42 succeeded"),
        ])
        #expect(v.isFinished && v.finalState == "succeeded")
    }

    @Test func iterationLineLeavesOutAbsentParts() {
        let it = EventPayload.Iteration(iteration: 1, resolutionA: 25, changeOrientationDeg: nil, changeOffsetA: nil,
                                        changeClasses: nil, classDistribution: nil)
        #expect(FollowView.iterationLine(it) == "it 1  resolution 25.0 Å")
    }

    @Test func etaAndDurationFormats() {
        #expect(ProgressFormat.duration(.seconds(42)) == "42s")
        #expect(ProgressFormat.duration(.seconds(185)) == "3m05s")
        #expect(ProgressFormat.duration(.seconds(7620)) == "2h07m")
    }

    /// On a pipe every output is its own line; on a terminal the status line is redrawn in place
    /// and permanent lines go above it.
    @Test func terminalRendering() {
        var pipe = TerminalRenderer(isTerminal: false)
        #expect(pipe.render([.status("a 1"), .line("it 1")]) == "a 1\nit 1\n")
        var tty = TerminalRenderer(isTerminal: true)
        #expect(tty.render([.status("a 1"), .line("it 1"), .status("a 2")])
                == "\r\u{1B}[2Ka 1" + "\r\u{1B}[2Kit 1\na 1" + "\r\u{1B}[2Ka 2")
    }

    /// The monitor's verdicts: stale at 3 intervals, lost at 6, back when heard; own verdicts
    /// ignored on the way in.
    @Test func livenessVerdictEvents() {
        var v = LivenessVerdicts()
        let beat = ReceivedEvent(topic: "worker.extractor-1.liveness", json: #"{"service":"extractor","alive":true}"#)
        #expect(v.apply(beat, at: at(0)).isEmpty)
        #expect(v.tick(at: at(2.9)).isEmpty)
        let stale = v.tick(at: at(3))
        #expect(stale == [ReceivedEvent(topic: "worker.extractor-1.liveness",
                                        json: #"{"alive":false,"service":"extractor","silence_ms":3000,"source":"monitor","state":"stale"}"#)])
        #expect(v.apply(stale[0], at: at(3)).isEmpty)
        #expect(v.tick(at: at(6)).map(\.json) == [#"{"alive":false,"service":"extractor","silence_ms":6000,"source":"monitor","state":"lost"}"#])
        #expect(v.apply(beat, at: at(7)).map(\.json) == [#"{"alive":true,"service":"extractor","silence_ms":7000,"source":"monitor","state":"alive"}"#])
    }

    @Test func subscribeLines() {
        let e = ReceivedEvent(topic: "job.42.state", json: #"{"state":"running"}"#, correlation: .init(jobID: 42), sequence: 7)
        #expect(EventLine.json(e) == #"{"topic":"job.42.state","job":42,"iteration":0,"sequence":7,"body":{"state":"running"}}"#)
        #expect(EventLine.plain(e) == #"job.42.state {"state":"running"}"#)
        let bad = ReceivedEvent(topic: "a.b.c", json: "not json")
        #expect(EventLine.json(bad) == #"{"topic":"a.b.c","job":0,"iteration":0,"sequence":0,"body":"not json"}"#)
    }
}
