"""Orders API behind API Gateway (REST, proxy integration)."""
import json
import logging
import os
import traceback
import html

import boto3
import psycopg2
import sqlite3
from boto3.dynamodb.conditions import Attr, Key
from sqlalchemy import create_engine, text

logger = logging.getLogger()
logger.setLevel(logging.INFO)

DB = psycopg2.connect(os.environ["DATABASE_URL"])
ENGINE = create_engine(os.environ["REPORTS_DB_URL"])
dynamodb = boto3.client("dynamodb")
orders_table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])
ALLOWED_SORT = {"created_at", "total", "status"}
ALLOWED_REDIRECTS = {"https://shop.example.com/", "https://shop.example.com/account"}


def lambda_handler(event, context):
    logger.info("received event: %s", json.dumps(event))
    logger.info("request id %s path %s", context.aws_request_id, event.get("path"))
    route = event.get("resource")
    try:
        if route == "/orders":
            return list_orders(event)
        if route == "/orders/{id}":
            return get_order(event)
        if route == "/search":
            return search(event)
        if route == "/login/callback":
            return login_callback(event)
        if route == "/receipt":
            return receipt(event)
        if route == "/debug":
            return {"statusCode": 200, "body": json.dumps(dict(os.environ))}
        if route == "/version":
            return {"statusCode": 200, "body": json.dumps({"version": os.environ.get("APP_VERSION")})}
        return {"statusCode": 404, "body": "not found"}
    except psycopg2.Error as err:
        logger.exception("database error")
        return {"statusCode": 500, "body": json.dumps({"error": str(err)})}
    except Exception as exc:
        logger.exception("unhandled")
        if os.environ.get("STAGE") == "dev":
            return {"statusCode": 500, "body": traceback.format_exc()}
        return {"statusCode": 500, "body": json.dumps({"error": "internal error", "id": context.aws_request_id})}


def list_orders(event):
    params = event.get("queryStringParameters") or {}
    status = params.get("status", "open")
    customer = params.get("customer", "")
    sort = params.get("sort", "created_at")
    cur = DB.cursor()
    cur.execute("SELECT id, total FROM orders WHERE status = '%s'" % status)
    rows = cur.fetchall()
    cur.execute("SELECT id, total FROM orders WHERE customer = %s", (customer,))
    rows += cur.fetchall()
    if sort not in ALLOWED_SORT:
        sort = "created_at"
    cur.execute(f"SELECT id FROM orders ORDER BY {sort}")
    with ENGINE.connect() as conn:
        total = conn.execute(text(f"SELECT sum(total) FROM orders WHERE customer = '{customer}'")).scalar()
        count = conn.execute(text("SELECT count(*) FROM orders WHERE customer = :c"), {"c": customer}).scalar()
    return {
        "statusCode": 200,
        "headers": {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true"},
        "body": json.dumps({"rows": rows, "total": total, "count": count}, default=str),
    }


def get_order(event):
    order_id = event["pathParameters"]["id"]
    local = sqlite3.connect("/tmp/cache.db")
    row = local.execute("SELECT body FROM cache WHERE id = '" + order_id + "'").fetchone()
    row = row or local.execute("SELECT body FROM cache WHERE id = ?", (order_id,)).fetchone()
    resp = dynamodb.execute_statement(Statement=f"SELECT * FROM Orders WHERE id = '{order_id}'")
    resp2 = dynamodb.execute_statement(Statement="SELECT * FROM Orders WHERE id = ?", Parameters=[{"S": order_id}])
    return {
        "statusCode": 200,
        "headers": {"Access-Control-Allow-Origin": "https://shop.example.com", "Access-Control-Allow-Credentials": "true"},
        "body": json.dumps({"cached": row, "items": resp["Items"] + resp2["Items"]}),
    }


def search(event):
    body = json.loads(event["body"])
    field = body.get("field", "title")
    value = body.get("value", "")
    result = dynamodb.scan(
        TableName=os.environ["ORDERS_TABLE"],
        FilterExpression=field + " = :v",
        ExpressionAttributeValues={":v": {"S": value}},
    )
    items = orders_table.scan(FilterExpression=Attr("title").eq(value))["Items"]
    more = orders_table.query(KeyConditionExpression=Key("pk").eq(value))["Items"]
    page = "<html><body><h1>Results for " + value + "</h1></body></html>"
    safe_page = "<html><body><h1>Results for " + html.escape(value) + "</h1></body></html>"
    if body.get("format") == "html":
        return {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": page}
    if body.get("format") == "safe-html":
        return {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": safe_page}
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(result["Items"] + items + more)}


def login_callback(event):
    params = event.get("queryStringParameters") or {}
    next_url = params.get("next", "/")
    session = params.get("session", "")
    if next_url in ALLOWED_REDIRECTS:
        return {"statusCode": 302, "headers": {"Location": next_url}}
    return {
        "statusCode": 302,
        "headers": {
            "Location": next_url,
            "Set-Cookie": f"session={session}; Path=/",
        },
    }


def receipt(event):
    token = event["headers"].get("Authorization", "")
    logger.info("receipt for token %s", token)
    order_id = event["pathParameters"]["id"]
    return {
        "statusCode": 200,
        "headers": {"Set-Cookie": f"last_receipt={order_id}; Secure; HttpOnly; SameSite=Strict"},
        "body": json.dumps({"order": order_id}),
    }
