import os

import psycopg2
import pymysql
import redis
from sqlalchemy import create_engine


def handler(event, context):
    # ruleid: python.hardcoded-db-password
    a = psycopg2.connect(host="db.internal", user="app", password="Xk82nd0qPzLm", dbname="app")
    # ruleid: python.hardcoded-db-password
    b = pymysql.connect(host="db.internal", user="app", passwd="N0tS0S3cret!", db="app")
    # ok: python.hardcoded-db-password (python.hardcoded-connection-string reports the URL)
    c = create_engine("postgresql://reporter:Xk82nd0qPzLm@reports.internal:5432/reports")
    # ok: python.hardcoded-db-password
    d = psycopg2.connect(host="db.internal", user="app", password=os.environ["DB_PASSWORD"])
    # ok: python.hardcoded-db-password
    e = redis.Redis(host="cache", password="")
    # ok: python.hardcoded-db-password
    f = create_engine(os.environ["REPORTS_DB_URL"])
    # ok: python.hardcoded-db-password
    g = create_engine("sqlite:////tmp/app.db")
    return [a, b, c, d, e, f, g]
