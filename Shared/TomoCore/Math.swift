#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The libm entry points, named once so the pure targets need not import Foundation.
@inlinable public func _cos(_ x: Double) -> Double { cos(x) }
@inlinable public func _sin(_ x: Double) -> Double { sin(x) }
@inlinable public func _atan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
@inlinable public func _acos(_ x: Double) -> Double { acos(x) }
@inlinable public func _exp(_ x: Double) -> Double { exp(x) }
@inlinable public func _log(_ x: Double) -> Double { log(x) }
@inlinable public func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
