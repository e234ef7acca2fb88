import yaml
from yaml import Loader


def handler(event, context):
    raw = event["body"]
    # ruleid: python.yaml-unsafe-loader
    a = yaml.load(raw, Loader=yaml.Loader)
    # ruleid: python.yaml-unsafe-loader
    b = yaml.load(raw, Loader=Loader)
    # ruleid: python.yaml-unsafe-loader
    c = yaml.unsafe_load(raw)
    # ruleid: python.yaml-unsafe-loader
    d = yaml.load_all(raw, Loader=yaml.FullLoader)
    # ok: python.yaml-unsafe-loader
    e = yaml.load(raw, Loader=yaml.SafeLoader)
    # ok: python.yaml-unsafe-loader
    f = yaml.safe_load(raw)
    return [a, b, c, d, e, f]
