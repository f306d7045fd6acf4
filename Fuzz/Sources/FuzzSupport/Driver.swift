import CLibFuzzer
import Foundation

/// The function libFuzzer calls with each input.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer's loop over the process arguments, then exits with its status.
///
/// `-sanitize=fuzzer` links libFuzzer's own `main`, but SwiftPM renames an executable target's
/// entry point (`fuzz_<name>_main`) and points the linker's `main` at it with `--defsym`, which
/// takes precedence: the program starts in the target's `main.swift`, so that file has to start
/// libFuzzer's loop itself, through the entry point libFuzzer provides for this.
public func runLibFuzzer(_ callback: FuzzCallback) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// Stops the process when an invariant of a parser's output does not hold, so libFuzzer records
/// the input as a crash.
public func require(_ condition: Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError("invariant broken: \(message())", file: file, line: line) }
}
