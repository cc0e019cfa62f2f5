#!/usr/bin/env python3
import sys, zlib, struct
# A grey PNG of W x H pixels: rows of dark "letters" on white, like text.
out, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
white = b"\x00" + b"\xff" * w
ink = bytearray(b"\xff" * w)
for x in range(0, w - 12, 14):
    if (x // 14) % 6 != 5:
        ink[x:x + 9] = b"\x20" * 9
ink = b"\x00" + bytes(ink)
c = zlib.compressobj(9)
parts = []
for y in range(h):
    parts.append(c.compress(ink if (y % 24) < 12 else white))
parts.append(c.flush())
data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")
open(out, "wb").write(data)
