"""Single-module cases for python.lambda-command-injection and its fix."""
import subprocess


def handler(event, context):
    key = event["Records"][0]["s3"]["object"]["key"]
    out = "/tmp/thumb.png"
    # ruleid: python.lambda-command-injection
    subprocess.run(["convert", key, "-resize", "64x64", out], check=True)
    # ruleid: python.lambda-command-injection
    subprocess.check_output(["file", "--brief", str(key)])
    # A value glued to other text has no safe argument list: no fix.
    # ruleid: python.lambda-command-injection
    subprocess.run(f"gzip -c /tmp/{key} > /tmp/out.gz", shell=True)
    # ok: python.lambda-command-injection
    subprocess.run(["convert", key, out], check=True)
    # ok: python.lambda-command-injection
    subprocess.run("ls -l /tmp", shell=True)
    return {"statusCode": 200}
