"""Single-module cases for python.lambda-sql-injection: the handler's event
parameter is tainted whatever its name, and every event shape counts."""
import pymysql
from flask import Flask, request

conn = pymysql.connect(host="db", user="app", password="", database="app")


def process(evt, _ctx):
    cursor = conn.cursor()
    for record in evt["Records"]:
        message = record["body"]
        # ruleid: python.lambda-sql-injection
        cursor.execute("INSERT INTO log VALUES (%s)", (message,))

        key = record["s3"]["object"]["key"]
        sql = "DELETE FROM files WHERE key = '{}'".format(key)
        # ruleid: python.lambda-sql-injection
        cursor.execute(sql)

        # ok: python.lambda-sql-injection
        cursor.execute("INSERT INTO log VALUES (%s)", (message,))

    limit = int(evt["queryStringParameters"]["limit"])
    # ok: python.lambda-sql-injection
    cursor.execute(f"SELECT * FROM log LIMIT {limit}")


def build_listing(table, value):
    cursor = conn.cursor()
    # ok: python.lambda-sql-injection
    cursor.execute("SELECT * FROM " + table + " WHERE v = %s", (value,))


app = Flask(__name__)


@app.route("/users")
def users():
    name = request.args.get("name", "")
    cursor = conn.cursor()
    # ruleid: python.lambda-sql-injection
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    # ok: python.lambda-sql-injection
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    return "ok"
