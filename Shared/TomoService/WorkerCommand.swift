/// What every worker executable's `serve` subcommand does around its own service, so that
/// `extractor`, `reconstructor` and `aligner` only say what they run and where they connect.
public enum WorkerCommand {
    /// Checks the common and worker flags, and that `endpoint` may be reached with the keys given
    /// (a non-loopback endpoint needs `--keys`).
    public static func validate(_ common: CommonOptions, _ worker: WorkerOptions, connectingTo endpoint: String) throws {
        try common.validate()
        try worker.validate()
        try ServiceSecurity.check(connect: [endpoint], keysGiven: common.resolved().keys != nil)
    }

    /// Starts the worker, waits for SIGTERM or SIGINT, then stops it gracefully (running tasks
    /// finish or are handed back); a watchdog ends the process after `shutdownSeconds`.
    public static func serve(service: String, shutdownSeconds: Int, start: () throws -> CatalogWorker) async throws {
        let worker = try start()
        let signal = await SignalWatcher.waitForTermination()
        ShutdownWatchdog.arm(seconds: shutdownSeconds, service: service)
        worker.stop(signal: signal)
    }
}
