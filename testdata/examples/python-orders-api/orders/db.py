"""Data access for the orders table (Aurora PostgreSQL via psycopg2)."""
import os

import psycopg2

_conn = None


def _connection():
    global _conn
    if _conn is None:
        _conn = psycopg2.connect(
            host=os.environ["DB_HOST"],
            dbname="orders",
            user="orders_app",
            password=os.environ["DB_PASSWORD"],
        )
    return _conn


def find_order(order_id):
    cur = _connection().cursor()
    # Builds SQL text from the caller's value.
    cur.execute("SELECT id, status, total FROM orders WHERE id = '" + order_id + "'")
    row = cur.fetchone()
    if row is None:
        return None
    return {"id": row[0], "status": row[1], "total": float(row[2])}


def list_orders(customer_id):
    cur = _connection().cursor()
    # Parameterised: safe.
    cur.execute("SELECT id, status FROM orders WHERE customer_id = %s", (customer_id,))
    return [{"id": r[0], "status": r[1]} for r in cur.fetchall()]
