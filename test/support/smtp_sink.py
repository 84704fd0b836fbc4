# A real SMTP server for the tests (Debian's python3-aiosmtpd): accepts mail on 127.0.0.1,
# optionally with AUTH (any client over plain TCP, as a local relay would), and prints one
# JSON line per message on stdout — envelope, decoded subject, text and HTML parts — for
# test/support/smtp.ts to read. `--fail-first N` answers the first N messages with a
# temporary failure (451), as a busy or greylisting server does.
#   python3 test/support/smtp_sink.py --port 2525 [--user u --password p] [--fail-first 2]
import argparse
import json
import sys
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--fail-first", type=int, default=0)
args = parser.parse_args()


def emit(record):
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Sink:
    def __init__(self):
        self.failures_left = args.fail_first

    async def handle_DATA(self, server, session, envelope):
        if self.failures_left > 0:
            self.failures_left -= 1
            emit({"refused": True, "rcpt_tos": envelope.rcpt_tos})
            return "451 4.3.0 Try again later"
        msg = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        emit({
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "text": text.get_content() if text else None,
            "html": html.get_content() if html else None,
            "authenticated": bool(session.authenticated),
        })
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
    return AuthResult(success=ok)


kwargs = {}
if args.user:
    kwargs = {"authenticator": authenticator, "auth_required": True, "auth_require_tls": False}
controller = Controller(Sink(), hostname="127.0.0.1", port=args.port, **kwargs)
controller.start()
emit({"ready": True, "port": args.port})
# Runs until stdin closes: the test stops it, or its parent died (no orphaned server).
try:
    sys.stdin.read()
finally:
    controller.stop()
