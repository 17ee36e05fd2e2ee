import Testing
@testable import TomoWire

@Suite struct CRC32Tests {
    @Test func matchesTheStandardCheckValue() {
        // The catalogue check value of CRC-32/ISO-HDLC (zlib.crc32(b"123456789")).
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test func shuffleInvertsAndGroupsBytePlanes() {
        let bytes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(ByteShuffle.shuffle(bytes, elementSize: 4) == [1, 5, 2, 6, 3, 7, 4, 8])
        #expect(ByteShuffle.unshuffle(ByteShuffle.shuffle(bytes, elementSize: 2), elementSize: 2) == bytes)
    }
}
