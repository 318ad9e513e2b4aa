"""A page compressed once, with holes that each request fills, sent gzip-compressed without compressing it again.

The page's fixed parts are compressed once, each on its own (raw deflate, ended by a full flush, so each stands
alone and ends on a byte). A request's own bits (its form token, its follow button…) go between them as stored
(uncompressed) deflate blocks, and the gzip frame's checksum is worked out over the whole text. Compressing a
50-KB page again for every member would cost more than everything else the request does; and a secret that is
never compressed with the rest of a page cannot be guessed from the compressed size (BREACH).
"""

import struct
import zlib

GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # no name, no time, unknown system
FINAL_BLOCK = b"\x03\x00"  # an empty last block (fixed Huffman codes)
STORED_BLOCK_MAX = 65535


def compress(piece: bytes) -> bytes:
    """PIECE as deflate blocks that need nothing before or after them."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)


def decompress(segment: bytes) -> bytes:
    return zlib.decompressobj(-15).decompress(segment)


def _stored(piece: bytes) -> bytes:
    """PIECE as stored deflate blocks (no compression)."""
    blocks = []
    for start in range(0, len(piece), STORED_BLOCK_MAX):
        chunk = piece[start : start + STORED_BLOCK_MAX]
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


def gzipped(segments: tuple[bytes, ...], plain: list[bytes], fills: list[bytes]) -> bytes:
    """A gzip file of plain[0] + fills[0] + plain[1] + …, from the compressed SEGMENTS of the PLAIN parts."""
    parts, crc, size = [GZIP_HEADER], 0, 0
    for index, segment in enumerate(segments):
        parts.append(segment)
        crc, size = zlib.crc32(plain[index], crc), size + len(plain[index])
        if index < len(fills):
            parts.append(_stored(fills[index]))
            crc, size = zlib.crc32(fills[index], crc), size + len(fills[index])
    parts += [FINAL_BLOCK, struct.pack("<II", crc, size & 0xFFFFFFFF)]
    return b"".join(parts)


def joined(plain: list[bytes], fills: list[bytes]) -> bytes:
    """The same text, uncompressed."""
    parts = []
    for index, piece in enumerate(plain):
        parts.append(piece)
        if index < len(fills):
            parts.append(fills[index])
    return b"".join(parts)
