"""Test cases for python.os-system-non-constant."""
import os
import subprocess
from os import popen as open_pipe, system


def handler(event, context):
    key = event["Records"][0]["s3"]["object"]["key"]

    # ruleid: python.os-system-non-constant
    os.system("aws s3 cp s3://bucket/" + key + " /tmp/")

    # ruleid: python.os-system-non-constant
    system(f"unzip /tmp/{key}")

    # ruleid: python.os-system-non-constant
    listing = open_pipe("ls " + key).read()

    # ruleid: python.os-system-non-constant
    status, out = subprocess.getstatusoutput("file %s" % key)

    # ok: python.os-system-non-constant
    os.system("rm -rf /tmp/work")

    # ok: python.os-system-non-constant
    os.popen('uname -a').read()

    # ok: python.os-system-non-constant
    os.path.join("/tmp", key)

    # ok: python.os-system-non-constant
    shell.system(key)
    return listing
