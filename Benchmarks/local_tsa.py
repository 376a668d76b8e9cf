#!/usr/bin/env python3
"""A local RFC 3161 time-stamp authority for `make bench` (Benchmarks/run.sh), loopback only.

    python3 Benchmarks/local_tsa.py FOLDER < fifo

Makes a root CA and a time-stamping certificate (extendedKeyUsage=critical,timeStamping) in
FOLDER with `openssl req` / `openssl x509`, then answers POSTs of application/timestamp-query on
127.0.0.1 (port 0: the port is printed on the first line) with `openssl ts -reply`. It ends when
its standard input closes. The tests have their own, with bad-authority variants
(Tests/EvidenceTestSupport/LocalTimestampAuthority.swift).
"""
import http.server, os, subprocess, sys, tempfile, threading

folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)
key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)
openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650", "-subj", "/CN=Bench Root CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
with open(os.path.join(folder, "tsa.ext"), "w") as f:
    f.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\n")
openssl("req", *key, "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", "/CN=Bench TSA")
openssl("x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2", "-out", "tsa.pem",
        "-days", "365", "-extfile", "tsa.ext")
with open(os.path.join(folder, "ts.cnf"), "w") as f:
    f.write("[ tsa ]\ndefault_tsa = tsa_config1\n[ tsa_config1 ]\nserial = ./tsaserial\ncrypto_device = builtin\n"
            "signer_cert = ./tsa.pem\ncerts = ./ca.pem\nsigner_key = ./tsa.key\nsigner_digest = sha256\n"
            "default_policy = 1.2.3.4.1\nother_policies = 1.2.3.4.2\ndigests = sha256\naccuracy = secs:1\n"
            "ordering = yes\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n")
with open(os.path.join(folder, "tsaserial"), "w") as f:
    f.write("01\n")
lock = threading.Lock()

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass

    def do_POST(self):
        query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock, tempfile.TemporaryDirectory(dir=folder) as t:
            q, r = os.path.join(t, "q.tsq"), os.path.join(t, "r.tsr")
            open(q, "wb").write(query)
            openssl("ts", "-reply", "-config", "ts.cnf", "-queryfile", q, "-out", r)
            body = open(r, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
server.serve_forever()
