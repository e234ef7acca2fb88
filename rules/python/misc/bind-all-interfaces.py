import socket

from flask import Flask

app = Flask(__name__)


def serve(public):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ruleid: python.bind-all-interfaces
    sock.bind(("0.0.0.0", 9100))
    # ok: python.bind-all-interfaces
    sock.bind(("127.0.0.1", 9100))
    # ruleid: python.bind-all-interfaces
    app.run(host="0.0.0.0", port=8080)
    # ok: python.bind-all-interfaces
    app.run(host="127.0.0.1", port=8080)
