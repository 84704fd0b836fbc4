# A webhook receiver written from the seed's Python example (webhooks-websocket.ru.md):
# verify_signature() is the seed's, verbatim in logic — it re-serialises the parsed payload
# with json.dumps(payload, sort_keys=True) and compares HMACs. The seed uses Flask; this is
# the same handler on the standard library's HTTP server (Flask is not installed here).
# It also checks the HMAC of the raw body and the Standard Webhooks signature, and lets a
# test script its answers (POST /_control) and read what it saw (GET /_log).
import base64
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WEBHOOK_SECRET = os.environ.get("WEBHOOK_SECRET", "your-secret")
PREVIOUS_SECRET = os.environ.get("WEBHOOK_PREVIOUS_SECRET", "")

lock = threading.Lock()
plan = []          # scripted answers, consumed one per delivery: {"status", "delay", "retry_after"}
log = []           # one record per delivery received


def verify_signature(payload, signature, secret):
    payload_json = json.dumps(payload, sort_keys=True)
    expected = hmac.new(
        secret.encode(),
        payload_json.encode(),
        hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, signature.replace('sha256=', ''))


def verify_standard(headers, raw, secret):
    msg_id = headers.get('webhook-id', '')
    ts = headers.get('webhook-timestamp', '')
    expected = base64.b64encode(hmac.new(secret.encode(), f"{msg_id}.{ts}.".encode() + raw, hashlib.sha256).digest()).decode()
    sigs = [s.split(',', 1)[1] for s in headers.get('webhook-signature', '').split(' ') if s.startswith('v1,')]
    return any(hmac.compare_digest(expected, s) for s in sigs)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, extra=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == '/_log':
            with lock:
                return self.reply(200, log)
        self.reply(404, {'error': 'not found'})

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        if self.path == '/_control':
            body = json.loads(raw)
            global WEBHOOK_SECRET, PREVIOUS_SECRET
            with lock:
                if 'plan' in body:
                    plan[:] = body['plan']
                if 'secret' in body:
                    WEBHOOK_SECRET = body['secret']
                if 'previous_secret' in body:
                    PREVIOUS_SECRET = body['previous_secret']
                if body.get('clear'):
                    log.clear()
            return self.reply(200, {'ok': True})

        # --- the seed's handler ---
        signature = self.headers.get('X-Webhook-Signature', '')
        event_type = self.headers.get('X-Webhook-Event')
        payload = json.loads(raw)
        seed_ok = verify_signature(payload, signature, WEBHOOK_SECRET)
        record = {
            'received_at': time.time(),
            'path': self.path,
            'event': event_type,
            'x_webhook_id': self.headers.get('X-Webhook-Id'),
            'delivery': self.headers.get('webhook-id'),
            'timestamp': self.headers.get('webhook-timestamp'),
            'content_type': self.headers.get('Content-Type'),
            'seed_ok': seed_ok,
            'raw_ok': hmac.compare_digest(
                'sha256=' + hmac.new(WEBHOOK_SECRET.encode(), raw, hashlib.sha256).hexdigest(), signature),
            'standard_ok': verify_standard(self.headers, raw, WEBHOOK_SECRET),
            'previous_ok': bool(PREVIOUS_SECRET) and verify_signature(
                payload, self.headers.get('X-Webhook-Signature-Previous', ''), PREVIOUS_SECRET),
            'payload': payload,
            'answered': None,
        }
        with lock:
            log.append(record)
            step = plan.pop(0) if plan else {}
        if step.get('delay'):
            time.sleep(step['delay'])
        if not seed_ok:
            record['answered'] = 401
            return self.reply(401, {'error': 'Invalid signature'})
        status = step.get('status', 200)
        record['answered'] = status
        extra = {'Retry-After': str(step['retry_after'])} if 'retry_after' in step else {}
        if 300 <= status < 400:
            extra['Location'] = '/elsewhere'  # a client that follows redirects would show up there
        try:
            self.reply(status, {'status': 'ok'} if status < 300 else {'error': 'scripted'}, extra)
        except (BrokenPipeError, ConnectionResetError):
            record['answered'] = 'connection closed'


if __name__ == '__main__':
    port = int(sys.argv[1])
    server = ThreadingHTTPServer(('127.0.0.1', port), Handler)
    server.daemon_threads = True
    print('listening', flush=True)
    server.serve_forever()
