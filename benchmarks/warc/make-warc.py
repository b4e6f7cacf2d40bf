#!/usr/bin/env python3
"""Writes a plain WARC for measuring 'ingest import' on big files.

usage: make-warc.py OUT.warc PAGES BLOBS BLOB_MB HOST

PAGES distinct HTML responses (copies of the demo's saved SCMP page, each with its own headline and first paragraph)
and BLOBS binary responses (video/mp4, BLOB_MB MB of random bytes each) spread between them, all under https://HOST/.
"""
import os
import sys

out, pages, blobs, blob_mb, host = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
template = open(os.path.join(root, "src/Ingest.Cli/SampleSite/scmp/comment/opinion/article/3046526/playbook.html"), "rb").read()
chunk = os.urandom(1 << 20)


def record(f, uri, content_type, body_len, write_body, date):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type + b"\r\nContent-Length: " + str(body_len).encode() + b"\r\n\r\n"
    head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: %s\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (uri, date, len(http) + body_len)).encode()
    f.write(head)
    f.write(http)
    write_body(f)
    f.write(b"\r\n\r\n")


def blob(f, b):
    record(f, "https://%s/video/%03d.mp4" % (host, b), b"video/mp4", blob_mb << 20, lambda f: [f.write(chunk) for _ in range(blob_mb)], "2025-01-01T01:00:00Z")


with open(out, "wb") as f:
    every = max(1, pages // blobs) if blobs else pages + 1
    written = 0
    for i in range(pages):
        body = template.replace(b"</h1>", b" (copy %d)</h1>" % i, 1).replace(b"<p>", b"<p>Copy %d of the column. " % i, 1)
        record(f, "https://%s/opinion/%05d.html" % (host, i), b"text/html; charset=utf-8", len(body),
               lambda f, body=body: f.write(body), "2025-01-01T00:%02d:%02dZ" % (i // 60 % 60, i % 60))
        if written < blobs and i % every == 0:
            blob(f, written)
            written += 1
    while written < blobs:
        blob(f, written)
        written += 1
