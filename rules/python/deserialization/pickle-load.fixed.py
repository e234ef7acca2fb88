import json
import pickle
import dill
import pandas as pd
from pickle import loads as unpickle

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    blob = s3.get_object(Bucket="state", Key=event["key"])["Body"].read()
    # ruleid: python.pickle-load
    state = json.loads(blob)
    # ruleid: python.pickle-load
    other = unpickle(blob)
    # ruleid: python.pickle-load
    obj = dill.loads(blob)
    # ruleid: python.pickle-load
    frame = pd.read_pickle("/tmp/frame.pkl")
    # ok: python.pickle-load
    data = pickle.dumps(state)
    # ok: python.pickle-load
    parsed = json.loads(blob)
    # ok: python.pickle-load
    loader.loads(blob)
    return [state, other, obj, frame, data, parsed]
