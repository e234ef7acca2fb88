from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    # ruleid: python.flask-debug
    app.run(host="127.0.0.1", port=8080, debug=False)
    # ruleid: python.flask-debug
    app.debug = False
    # ok: python.flask-debug
    app.run(host="127.0.0.1", port=8081, debug=False)
    # ok: python.flask-debug
    app.run(port=8082)
