#!/usr/bin/env python3
"""Deterministic benchmark corpus for `make bench` (Benchmarks/run.sh).

Writes, under the folder given as the first argument:

  media/   an unboxing-video-like MP4 (ftyp, one large mdat of incompressible bytes, a moov
           with an mvhd) and photo-sized JPEGs (a real small JPEG whose bulk is incompressible
           bytes in APP11 segments, so the files are valid and cannot be compressed), plus a
           case.yaml listing them.
  many/    small mixed files: PNG (zlib-compressed pixels), JPEG, chat text (zh), PDF
           (hand-written, correct xref), plus a case.yaml listing every one of them.
  big/     one single MP4 of the requested size (memory check) and its case.yaml.
  bombs/   small zip bombs built here: an overlapping-entry bomb and a bomb whose central
           directory lies about the size.

Incompressible bytes are an AES-128-CTR keystream from `openssl enc` (fast, and the same on
every run for the same name). Everything else is computed from the file's index. Nothing is
random between runs, so two runs of the benchmark read the same bytes.

Usage: make_corpus.py OUT [--media-mib 1024] [--video-mib 600] [--photos 100]
                          [--many 5000] [--big-mib 2048]
"""
import argparse
import hashlib
import os
import struct
import subprocess
import sys
import zlib

JPEG_BASE = None  # the small real JPEG every generated photo is built on (see tiny_jpeg)


def keystream_append(path, count, name):
    """Appends `count` incompressible bytes to `path` (AES-128-CTR of zeros, keyed by `name`)."""
    if count <= 0:
        return
    key = hashlib.sha256(("evidencekit-bench:" + name).encode()).hexdigest()[:32]
    with open(path, "ab") as out:
        out.flush()
        zeros = subprocess.Popen(["head", "-c", str(count), "/dev/zero"], stdout=subprocess.PIPE)
        subprocess.run(["openssl", "enc", "-aes-128-ctr", "-nosalt", "-K", key, "-iv", "0" * 32],
                       stdin=zeros.stdout, stdout=out, check=True)
        zeros.stdout.close()
        if zeros.wait() != 0:
            raise SystemExit("head failed")
    if os.path.getsize(path) < count:
        raise SystemExit(f"short keystream for {path}")


def keystream_bytes(count, name):
    key = hashlib.sha256(("evidencekit-bench:" + name).encode()).hexdigest()[:32]
    return subprocess.run(["openssl", "enc", "-aes-128-ctr", "-nosalt", "-K", key, "-iv", "0" * 32],
                          input=bytes(count), stdout=subprocess.PIPE, check=True).stdout


def box(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(path, total, name):
    """A video-like MP4 of exactly `total` bytes: ftyp, mdat (64-bit size), moov/mvhd."""
    ftyp = box(b"ftyp", b"isom" + struct.pack(">I", 0x200) + b"isomiso2avc1mp41")
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    created = 3_846_816_000  # 2025-11-24 UTC, in seconds since 1904
    mvhd = box(b"mvhd", struct.pack(">IIIII", 0, created, created, 1000, 94_000)
               + struct.pack(">IH", 0x10000, 0x100) + bytes(10) + matrix + bytes(24) + struct.pack(">I", 2))
    moov = box(b"moov", mvhd)
    payload = total - len(ftyp) - 16 - len(moov)
    with open(path, "wb") as out:
        out.write(ftyp)
        out.write(struct.pack(">I", 1) + b"mdat" + struct.pack(">Q", 16 + payload))
    keystream_append(path, payload, name)
    with open(path, "ab") as out:
        out.write(moov)
    assert os.path.getsize(path) == total, path


def tiny_jpeg():
    """A real baseline JPEG (16x16 grey) written here: quantisation and Huffman tables from the
    JPEG standard's Annex K, every block's coefficients zero (DC difference 0, then EOB)."""
    global JPEG_BASE
    if JPEG_BASE is not None:
        return JPEG_BASE
    seg = lambda marker, body: b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body
    dqt = seg(0xDB, b"\x00" + bytes([16] * 64))
    sof = seg(0xC0, b"\x08" + struct.pack(">HH", 16, 16) + b"\x01" + b"\x01\x11\x00")
    # Annex K.3 luminance DC table and AC table
    dc_counts = bytes([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    dc_values = bytes(range(12))
    ac_counts = bytes([0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D])
    ac_values = bytes.fromhex(
        "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa")
    dht = seg(0xC4, b"\x00" + dc_counts + dc_values + b"\x10" + ac_counts + ac_values)
    sos = seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    # DC category 0 is code '00', AC EOB (0x00) is code '1010': per block "001010", 4 blocks.
    bits = "001010" * 4
    bits += "1" * (-len(bits) % 8)
    scan = bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))
    scan = scan.replace(b"\xff", b"\xff\x00")
    JPEG_BASE = b"\xff\xd8" + dqt + sof + dht + sos + scan + b"\xff\xd9"
    return JPEG_BASE


def jpeg(path, total, name):
    """A valid JPEG of exactly `total` bytes: SOI, APP11 segments of incompressible bytes, the
    tiny image. libjpeg skips unknown APPn segments; libmagic sees a JPEG."""
    base = tiny_jpeg()
    bulk = total - len(base)
    assert bulk >= 4
    stream = keystream_bytes(bulk, name)
    parts, used = [base[:2]], 0
    while used < bulk:
        left = bulk - used
        body = min(65533, left - 4)
        if left - (body + 4) in (1, 2, 3):  # never leave a remainder too small for a segment
            body -= 4
        parts.append(b"\xff\xeb" + struct.pack(">H", body + 2) + stream[used:used + body])
        used += body + 4
    parts.append(base[2:])
    data = b"".join(parts)
    assert len(data) == total, (len(data), total)
    with open(path, "wb") as out:
        out.write(data)


def png(path, index):
    width, height = 96 + index % 64, 64 + (index * 7) % 48
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes(((x * 3 + index) & 0xFF, (y * 5 + index * 3) & 0xFF, ((x ^ y) + index) & 0xFF))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))
    with open(path, "wb") as out:
        out.write(data)


def pdf(path, index):
    text = f"Order 37123456789{index:05d} receipt"
    content = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as out_file:
        out_file.write(out)


def chat(path, index):
    lines = []
    for n in range(8 + index % 40):
        speaker = "买家" if n % 2 == 0 else "客服"
        lines.append(f"2026-11-{1 + n % 28:02d} {10 + n % 12}:{n % 60:02d} {speaker}：订单 {index} 第 {n} 条消息，"
                     f"商品收到后发现问题，请尽快处理退款。")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def case_yaml(path, category, entries):
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"# benchmark case, generated by Benchmarks/make_corpus.py\nplatform: taobao\ncategory: {category}\n"
                  "order_id: \"3712345678901234567\"\nshop: 基准测试店\nitem: 基准测试商品\namount_paid: 299.00\n"
                  "ordered_at: 2026-11-01\nreceived_at: 2026-11-05\nfound_at: 2026-11-06\nclaim: refund\n"
                  "description: 基准测试用例。\nevidence:\n")
        for name, role in entries:
            out.write(f"  - file: {name}\n    role: {role}\n")


def local_header(name, method, crc, csize, usize):
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, csize, usize, len(name), 0) + name


def central_entry(name, method, crc, csize, usize, offset):
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, csize, usize,
                       len(name), 0, 0, 0, 0, 0, offset) + name


def end_record(count, cd_size, cd_offset):
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, cd_size, cd_offset, 0)


def bombs(folder):
    """Two ~10 KB bombs: 'overlap' (32 central-directory entries all point at the same deflated
    8 MiB of zeros: 256 MiB declared in total), 'lying' (one entry declared 1 KiB, 8 MiB inside)."""
    zeros = bytes(8 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    kernel = compressor.compress(zeros) + compressor.flush()
    crc = zlib.crc32(zeros)
    name = b"bomb/data/0.bin"
    local = local_header(name, 8, crc, len(kernel), len(zeros))
    entries = b"".join(central_entry(f"bomb/data/{i}.bin".encode(), 8, crc, len(kernel), len(zeros), 0)
                       for i in range(32))
    body = local + kernel
    with open(os.path.join(folder, "overlap.zip"), "wb") as out:
        out.write(body + entries + end_record(32, len(entries), len(body)))
    lying_local = local_header(name, 8, crc, len(kernel), 1024)
    lying_cd = central_entry(name, 8, crc, len(kernel), 1024, 0)
    body = lying_local + kernel
    with open(os.path.join(folder, "lying.zip"), "wb") as out:
        out.write(body + lying_cd + end_record(1, len(lying_cd), len(body)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--media-mib", type=int, default=1024)
    parser.add_argument("--video-mib", type=int, default=600)
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--many", type=int, default=5000)
    parser.add_argument("--big-mib", type=int, default=2048)
    args = parser.parse_args()
    out = args.out
    for sub in ("media", "many", "big", "bombs"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)

    media = os.path.join(out, "media")
    video_bytes = args.video_mib << 20
    entries = [("unboxing.mp4", "unboxing-video")]
    mp4(os.path.join(media, "unboxing.mp4"), video_bytes, "media/unboxing.mp4")
    # The photos share what is left of the media budget, 3-4 MB each at the default sizes.
    left = (args.media_mib << 20) - video_bytes
    photos = max(args.photos, 1)
    base = left // photos
    for index in range(photos):
        size = max(base + ((index * 7919) % 200_001) - 100_000, 4096) if index < photos - 1 else left - sum(
            max(base + ((i * 7919) % 200_001) - 100_000, 4096) for i in range(photos - 1))
        name = f"photo-{index + 1:03d}.jpg"
        jpeg(os.path.join(media, name), max(size, 4096), "media/" + name)
        entries.append((name, "product-photo"))
    # The rest of a complete "quality" case: an order screenshot, a chat record, a receipt.
    png(os.path.join(media, "order.png"), 1)
    chat(os.path.join(media, "chat.txt"), 1)
    pdf(os.path.join(media, "receipt.pdf"), 1)
    entries += [("order.png", "order-screenshot"), ("chat.txt", "chat-record"), ("receipt.pdf", "payment-receipt")]
    case_yaml(os.path.join(media, "case.yaml"), "quality", entries)

    many = os.path.join(out, "many")
    entries = []
    kinds = [("png", "order-screenshot"), ("jpg", "product-photo"), ("txt", "chat-record"), ("pdf", "payment-receipt")]
    for index in range(args.many):
        ext, role = kinds[index % 4]
        name = f"f{index:05d}.{ext}"
        path = os.path.join(many, name)
        if ext == "png":
            png(path, index)
        elif ext == "jpg":
            jpeg(path, 2048 + (index * 131) % 60_000, "many/" + name)
        elif ext == "txt":
            chat(path, index)
        else:
            pdf(path, index)
        entries.append((name, role))
    case_yaml(os.path.join(many, "case.yaml"), "quality", entries)

    big = os.path.join(out, "big")
    mp4(os.path.join(big, "big.mp4"), args.big_mib << 20, "big/big.mp4")
    case_yaml(os.path.join(big, "case.yaml"), "quality", [("big.mp4", "unboxing-video")])

    bombs(os.path.join(out, "bombs"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
