import random
import secrets
import string
import time


def login(user):
    # ruleid: python.insecure-random-secret
    session_id = "".join(secrets.choice(string.ascii_letters) for _ in range(32))
    # ruleid: python.insecure-random-secret
    reset_code = random.SystemRandom().randint(100000, 999999)
    # ok: python.insecure-random-secret
    csrf = secrets.token_urlsafe(32)
    # ok: python.insecure-random-secret
    jitter = random.uniform(0.1, 0.5)
    time.sleep(jitter)
    return session_id, reset_code, csrf


def make_api_token():
    # ruleid: python.insecure-random-secret
    return "%032x" % secrets.randbits(128)


def pick_shard(shards):
    # ok: python.insecure-random-secret
    return random.choice(shards)


def chaos(event):
    # ok: python.insecure-random-secret
    status_code = random.choice([200, 500, 503])
    # ok: python.insecure-random-secret
    cache_key = "k%d" % random.randint(0, 9)
    return status_code, cache_key
