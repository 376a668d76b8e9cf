#!/usr/bin/env python3
"""Writes decoder bombs into a folder: small files that would cost a decoder far more work than
their size (Tests/EvidenceTestSupport/DecoderBombs.swift builds the same kinds for the tests).

    Benchmarks/decoder_bombs.py DIR
"""
import os, struct, sys, zlib

def jpeg_scans(w, h, comps=3):
    """A valid progressive JPEG of zero coefficients with comps x 64 x 14 scans."""
    def seg(m, body): return bytes([0xFF, m]) + struct.pack(">H", len(body) + 2) + body
    class Bits:
        def __init__(s): s.out = bytearray(); s.acc = 0; s.n = 0
        def put(s, v, n):
            for i in range(n - 1, -1, -1):
                s.acc = s.acc << 1 | ((v >> i) & 1); s.n += 1
                if s.n == 8:
                    s.out.append(s.acc)
                    if s.acc == 0xFF: s.out.append(0)
                    s.acc = 0; s.n = 0
        def flush(s):
            if s.n: s.put((1 << (8 - s.n)) - 1, 8 - s.n)
            return bytes(s.out)
    blocks = ((w + 7) // 8) * ((h + 7) // 8)
    out = bytearray(b"\xff\xd8") + seg(0xDB, bytes([0]) + bytes([1] * 64))
    sof = bytes([8]) + struct.pack(">HH", h, w) + bytes([comps])
    for c in range(comps): sof += bytes([c + 1, 0x11, 0])
    out += seg(0xC2, sof)
    out += seg(0xC4, bytes([0x00, 1] + [0] * 15 + [0x00])) + seg(0xC4, bytes([0x10, 1] + [0] * 15 + [0xE0]))
    def scan(c, k, ah, al):
        b = Bits()
        if k == 0:
            for _ in range(blocks): b.put(0, 1)
        else:
            left = blocks
            while left > 0: b.put(0, 1); b.put(16383, 14); left -= 32767
        return seg(0xDA, bytes([1, c + 1, 0, k, k, ah << 4 | al])) + b.flush()
    for c in range(comps):
        for k in range(64): out += scan(c, k, 0, 13)
    for a in range(13, 0, -1):
        for c in range(comps):
            for k in range(64): out += scan(c, k, a, a - 1)
    return bytes(out + b"\xff\xd9")

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

def png(w, h, depth, color, rows):
    raw = b"".join(b"\0" + bytes(len_row) for len_row in [rows[1]] * rows[0])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, color, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

def png_pixels(side):
    """A side x side grey image of zeros: as much pixel data as the pixel limit allows."""
    c = zlib.compressobj(9)
    row = b"\0" + bytes(side)
    data = b"".join(c.compress(row) for _ in range(side)) + c.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))

def png_chunks(count):
    base = png(16, 16, 8, 0, (16, 16))
    text = chunk(b"tEXt", b"key\0abc")
    return base[:33] + text * count + base[33:]

def box(kind, payload): return struct.pack(">I", len(payload) + 8) + kind + payload

def mp4_boxes(count):
    mvhd = bytearray(100); mvhd[14:16] = b"\x03\xe8"; mvhd[19] = 0x10
    return box(b"ftyp", b"isom\0\0\2\0isommp41") + box(b"moov", box(b"mvhd", bytes(mvhd))) + box(b"free", b"") * count

def heif_boxes(count):
    hdlr = box(b"hdlr", bytes(8) + b"pict" + bytes(13))
    return box(b"ftyp", b"heic\0\0\0\0mif1heic") + box(b"meta", bytes(4) + hdlr + box(b"iprp", box(b"ipco", box(b"free", b"") * count)))

def pdf(objects, pages=0):
    out = bytearray(b"%PDF-1.4\n"); offsets = []
    def obj(body):
        offsets.append(len(out)); out.extend(b"%d 0 obj\n%s\nendobj\n" % (len(offsets), body))
    obj(b"<< /Type /Catalog /Pages 2 0 R >>"); obj(b"<< /Type /Pages /Kids [] /Count %d >>" % pages)
    for _ in range(objects): obj(b"null")
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    return bytes(out)

def gif_frames(count, side=16):
    """A side x side animation of `count` full-size frames of one colour."""
    head = b"GIF89a" + struct.pack("<HH", side, side) + bytes([0x80, 0, 0]) + bytes(6)
    # LZW for 4096 pixels of index 0, min code size 2: clear, then codes, end; built generically.
    codes, size, nxt = [4], 3, 6
    prev = None
    # simple: emit code 0 4096 times with clears to keep the table small.
    for i in range(side * side):
        codes.append(0)
        if prev is not None:
            nxt += 1
            if nxt == (1 << size) and size < 12: size += 1
        prev = 0
        if nxt >= 4000: codes.append(4); nxt = 6; size = 3; prev = None
    codes.append(5)
    bits, nbits, data, size, nxt, prev = 0, 0, bytearray(), 3, 6, None
    for code in codes:
        bits |= code << nbits; nbits += size
        while nbits >= 8: data.append(bits & 0xFF); bits >>= 8; nbits -= 8
        if code == 4: size, nxt, prev = 3, 6, None; continue
        if code == 5: continue
        if prev is not None:
            nxt += 1
            if nxt == (1 << size) and size < 12: size += 1
        prev = code
    if nbits: data.append(bits & 0xFF)
    blocks = b"".join(bytes([len(data[i:i + 255])]) + data[i:i + 255] for i in range(0, len(data), 255)) + b"\0"
    frame = b"\x21\xf9\x04\0\0\0\0\0" + b"\x2c" + struct.pack("<HHHH", 0, 0, side, side) + b"\0" + b"\x02" + blocks
    return head + frame * count + b"\x3b"

folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)
bombs = {
    "jpeg-2688-scans.jpg": jpeg_scans(4096, 1024),
    "jpeg-896-scans-64mp.jpg": jpeg_scans(16384, 4096, 1),
    "png-100mp-grey.png": png_pixels(10000),
    "png-100k-text-chunks.png": png_chunks(100_000),
    "gif-20000-frames.gif": gif_frames(20_000),
    "gif-9000-frames.gif": gif_frames(9_000),
    "mp4-1m-boxes.mp4": mp4_boxes(1_000_000),
    "heic-1m-boxes.heic": heif_boxes(1_000_000),
    "pdf-200k-objects.pdf": pdf(200_000),
    "pdf-claims-5m-pages.pdf": pdf(10, 5_000_000),
}
for name, data in bombs.items():
    with open(os.path.join(folder, name), "wb") as f: f.write(data)
print("wrote %d decoder bombs to %s" % (len(bombs), folder))
