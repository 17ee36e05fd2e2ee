import Foundation
import Testing
import GRDB
@testable import TomoProject

@Suite("Job ledger")
struct JobLedgerTests {
    func openLedger(_ dir: String = makeTempDirectory("ledger"), clock: SteppingClock = SteppingClock()) throws -> (JobLedger, String) {
        let path = dir + "/ledger.sqlite"
        return (try JobLedger(path: path, now: clock.now), path)
    }

    @Test func validTransitionsSetStatusTimesAndEvents() throws {
        let clock = SteppingClock(start: 1000)
        let (ledger, _) = try openLedger(clock: clock)
        let a = try ledger.createJob(type: .extract, parameters: ["box_size": "128"], commandLine: "sta extract")
        #expect(a.id == 1 && a.status == .pending && a.processName == "Extract/job001/")
        #expect(a.createdAt == Date(timeIntervalSince1970: 1001))
        let running = try ledger.start(1)
        #expect(running.status == .running && running.startedAt == Date(timeIntervalSince1970: 1002))
        let done = try ledger.succeed(1, outputs: [JobOutput(nodePath: "Extract/job001/particles.star", nodeType: NodeType.extractParticles)])
        #expect(done.status == .succeeded && done.finishedAt == Date(timeIntervalSince1970: 1003))
        #expect(try ledger.outputs(of: 1) == [JobOutput(nodePath: "Extract/job001/particles.star", nodeType: NodeType.extractParticles)])

        _ = try ledger.createJob(type: .reconstruct)
        _ = try ledger.start(2)
        let failed = try ledger.fail(2, error: "out of memory")
        #expect(failed.status == .failed && failed.errorMessage == "out of memory")

        _ = try ledger.createJob(type: .class3D)
        #expect(try ledger.cancel(3).status == .cancelled)
        _ = try ledger.createJob(type: .refine3D)
        _ = try ledger.start(4)
        #expect(try ledger.cancel(4, reason: "user").status == .cancelled)

        let events = try ledger.events(of: 1)
        #expect(events.map(\.to) == [.pending, .running, .succeeded])
        #expect(events.map(\.from) == [nil, .pending, .running])
        #expect(events.map(\.at) == [1001, 1002, 1003].map { Date(timeIntervalSince1970: $0) })
        #expect(try ledger.events().count == 3 + 3 + 2 + 3)
        #expect(try ledger.job(1)?.parameters == ["box_size": "128"])
        #expect(try ledger.job(1)?.commandLine == "sta extract")
    }

    @Test func invalidTransitionsThrowNamingTheJob() throws {
        let (ledger, _) = try openLedger()
        _ = try ledger.createJob(type: .extract)
        // pending → succeeded / failed are not allowed
        #expect(throws: LedgerError.invalidTransition(job: 1, processName: "Extract/job001/", from: .pending, to: .succeeded)) {
            try ledger.succeed(1)
        }
        #expect(throws: LedgerError.invalidTransition(job: 1, processName: "Extract/job001/", from: .pending, to: .failed)) {
            try ledger.fail(1, error: "x")
        }
        _ = try ledger.start(1)
        #expect(throws: LedgerError.invalidTransition(job: 1, processName: "Extract/job001/", from: .running, to: .running)) {
            try ledger.start(1)
        }
        _ = try ledger.succeed(1)
        for attempt in [JobStatus.running, .failed, .cancelled, .succeeded] {
            #expect(throws: LedgerError.invalidTransition(job: 1, processName: "Extract/job001/", from: .succeeded, to: attempt)) {
                _ = try ledger.transition(1, to: attempt)
            }
        }
        #expect(throws: LedgerError.unknownJob(7)) { try ledger.start(7) }
        let message = LedgerError.invalidTransition(job: 1, processName: "Extract/job001/", from: .succeeded, to: .running).description
        #expect(message.contains("job 1 (Extract/job001/)"))
        #expect(try ledger.job(1)?.status == .succeeded)
        #expect(try ledger.events(of: 1).count == 3)   // refused transitions leave no event
    }

    @Test func stateMachineTable() {
        let allowed: Set<[JobStatus]> = [[.pending, .running], [.pending, .cancelled], [.running, .succeeded],
                                         [.running, .failed], [.running, .cancelled]]
        for a in JobStatus.allCases {
            for b in JobStatus.allCases { #expect(a.canTransition(to: b) == allowed.contains([a, b]), "\(a)→\(b)") }
        }
        #expect(JobStatus.allCases.map(\.relionLabel) == ["Scheduled", "Running", "Succeeded", "Failed", "Aborted"])
    }

    @Test func counterIsSharedAcrossTypesAndNeverReused() throws {
        let (ledger, _) = try openLedger()
        #expect(try ledger.nextJobNumber() == 1)
        let ids = try [JobType.importTomo, .extract, .reconstruct, .extract, .class3D].map { try ledger.createJob(type: $0).id }
        #expect(ids == [1, 2, 3, 4, 5])
        _ = try ledger.cancel(5)
        #expect(try ledger.nextJobNumber() == 6)
        #expect(try ledger.createJob(type: .select).id == 6)
        #expect(JobRecord.jobName(2) == "job002" && JobRecord.jobName(42) == "job042" && JobRecord.jobName(1234) == "job1234")
        try ledger.raiseCounter(to: 3)   // never lowers
        #expect(try ledger.nextJobNumber() == 7)
        try ledger.raiseCounter(to: 20)
        #expect(try ledger.createJob(type: .select).id == 20)
    }

    @Test func lineageFollowsInputsTransitively() throws {
        let (ledger, _) = try openLedger()
        let imp = try ledger.createJob(type: .importTomo, outputs: [JobOutput(nodePath: "Import/job001/tomograms.star", nodeType: NodeType.importTomograms)])
        let ext = try ledger.createJob(type: .extract, inputs: [JobInput(nodePath: "Import/job001/tomograms.star")],
                                       outputs: [JobOutput(nodePath: "Extract/job002/optimisation_set.star", nodeType: NodeType.extractOptimisationSet)])
        let rec = try ledger.createJob(type: .reconstruct, inputs: [JobInput(nodePath: "Extract/job002/optimisation_set.star")],
                                       outputs: [JobOutput(nodePath: "Reconstruct/job003/merged.mrc", nodeType: NodeType.reconstructMap)])
        let cls = try ledger.createJob(type: .class3D, inputs: [
            JobInput(nodePath: "Extract/job002/optimisation_set.star"),
            JobInput(nodePath: "Reconstruct/job003/merged.mrc"),
            JobInput(nodePath: "/elsewhere/mask.mrc", nodeType: NodeType.mask),
        ])
        #expect(try ledger.lineage(cls.id).map(\.id) == [imp.id, ext.id, rec.id])
        #expect(try ledger.lineage(rec.id).map(\.id) == [1, 2])
        #expect(try ledger.lineage(imp.id).isEmpty)
        #expect(try ledger.children(of: 2).map(\.id) == [3, 4])
        #expect(try ledger.inputs(of: 4).map(\.parentJob) == [nil, 2, 3])   // path order: /elsewhere, Extract, Reconstruct
        #expect(throws: LedgerError.unknownJob(9)) { try ledger.lineage(9) }
        #expect(throws: LedgerError.duplicateOutput(job: 5, nodePath: "Reconstruct/job003/merged.mrc", ownedBy: 3)) {
            try ledger.createJob(type: .reconstruct, outputs: [JobOutput(nodePath: "Reconstruct/job003/merged.mrc", nodeType: NodeType.densityMap)])
        }
        #expect(try ledger.nextJobNumber() == 5)   // the refused registration consumed no number
    }

    @Test func reopenedLedgerSeesEveryCommittedJob() throws {
        let dir = makeTempDirectory("reopen")
        var (ledger, path) = try openLedger(dir)
        _ = try ledger.createJob(type: .importTomo, alias: "first", parameters: ["a": "1", "b": ""])
        _ = try ledger.start(1)
        _ = try ledger.succeed(1, outputs: [JobOutput(nodePath: "Import/job001/tomograms.star", nodeType: NodeType.importTomograms)])
        _ = try ledger.createJob(type: .extract, inputs: [JobInput(nodePath: "Import/job001/tomograms.star")])
        _ = try ledger.start(2)
        let before = try ledger.jobs()
        let eventsBefore = try ledger.events()
        try ledger.close()

        ledger = try JobLedger(path: path)
        #expect(try ledger.jobs() == before)
        #expect(try ledger.events() == eventsBefore)
        #expect(try ledger.jobs(status: .running).map(\.id) == [2])
        #expect(try ledger.jobs(status: .succeeded).map(\.id) == [1])
        #expect(try ledger.job(1)?.alias == "first")
        #expect(try ledger.job(1)?.parameters == ["a": "1", "b": ""])
        #expect(try ledger.lineage(2).map(\.id) == [1])
        #expect(try ledger.nextJobNumber() == 3)
        #expect(exists(path + "-wal") || exists(path))   // WAL mode file set
    }

    @Test func crashMidTransactionLeavesThePreviousState() throws {
        let dir = makeTempDirectory("crash")
        var (ledger, path) = try openLedger(dir)
        _ = try ledger.createJob(type: .extract)
        // The transition's UPDATE and event INSERT run, then the transaction dies before commit.
        #expect(throws: LedgerError.self) {
            _ = try ledger.transition(1, to: .running) { db in
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job_events") == 2)   // written inside
                throw SimulatedCrash()
            }
        }
        #expect(try ledger.job(1)?.status == .pending)
        #expect(try ledger.job(1)?.startedAt == nil)
        #expect(try ledger.events(of: 1).map(\.to) == [.pending])
        // Same for a success whose outputs are half-registered.
        _ = try ledger.start(1)
        #expect(throws: LedgerError.self) {
            _ = try ledger.transition(1, to: .succeeded) { db in
                try JobLedger.insertOutputs([JobOutput(nodePath: "Extract/job001/particles.star", nodeType: NodeType.extractParticles)], job: 1, db)
                throw SimulatedCrash()
            }
        }
        try ledger.close()
        ledger = try JobLedger(path: path)
        #expect(try ledger.job(1)?.status == .running)
        #expect(try ledger.outputs(of: 1).isEmpty)
        #expect(try ledger.events(of: 1).map(\.to) == [.pending, .running])
    }

    @Test func eventLogIsAppendOnly() throws {
        let (ledger, _) = try openLedger()
        _ = try ledger.createJob(type: .extract)
        #expect(throws: LedgerError.self) {
            try ledger.write { db in try db.execute(sql: "DELETE FROM job_events") }
        }
        #expect(throws: LedgerError.self) {
            try ledger.write { db in try db.execute(sql: "UPDATE job_events SET to_status = 'failed'") }
        }
        #expect(try ledger.events().count == 1)
    }
}
