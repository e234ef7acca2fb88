import os

import psycopg2
import pymysql
import redis
from sqlalchemy import create_engine


def handler(event, context):
    # ruleid: python.hardcoded-db-password
    a = psycopg2.connect(host="db.internal", user="app", password=os.environ["DB_PASSWORD"], dbname="app")
    # ruleid: python.hardcoded-db-password
    b = pymysql.connect(host="db.internal", user="app", passwd=os.environ["DB_PASSWORD"], db="app")
    # ruleid: python.hardcoded-db-password
    c = create_engine(os.environ["DATABASE_URL"])
    # ok: python.hardcoded-db-password
    d = psycopg2.connect(host="db.internal", user="app", password=os.environ["DB_PASSWORD"])
    # ok: python.hardcoded-db-password
    e = redis.Redis(host="cache", password="")
    # ok: python.hardcoded-db-password
    f = create_engine(os.environ["REPORTS_DB_URL"])
    # ok: python.hardcoded-db-password
    g = create_engine("sqlite:////tmp/app.db")
    return [a, b, c, d, e, f, g]
