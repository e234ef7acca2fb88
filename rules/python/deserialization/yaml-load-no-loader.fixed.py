import yaml


def handler(event, context):
    raw = event["body"]
    # ruleid: python.yaml-load-no-loader
    settings = yaml.safe_load(raw)
    # ruleid: python.yaml-load-no-loader
    other = yaml.safe_load(open("/tmp/settings.yaml").read())
    # ok: python.yaml-load-no-loader
    safe = yaml.safe_load(raw)
    # ok: python.yaml-load-no-loader
    safe2 = yaml.load(raw, Loader=yaml.SafeLoader)
    return [settings, other, safe, safe2]
