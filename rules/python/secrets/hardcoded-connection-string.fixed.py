import os

from sqlalchemy import create_engine

# ruleid: python.hardcoded-connection-string
REPORTS_DB = os.environ["REPORTS_DB"]
# ok: python.hardcoded-connection-string
LOCAL_DB = "postgresql://reporter@localhost:5432/reports"
# ok: python.hardcoded-connection-string
TEMPLATE = "postgresql://{user}:{password}@{host}/reports"


def handler(event, context):
    # ruleid: python.hardcoded-connection-string
    cache = connect_redis(os.environ["REDIS_URL"])
    # ok: python.hardcoded-connection-string
    engine = create_engine(os.environ["DB_URL"])
    return cache, engine


def connect_redis(url):
    return url
