"""Token service: sign-up, login, password reset and API key checks."""
import base64
import hashlib
import hmac
import json
import logging
import os
import random
import secrets
import string
import time

import bcrypt
import boto3
import jwt
from Crypto.Cipher import AES, DES
from Crypto.PublicKey import RSA
from Crypto.Random import get_random_bytes
from cryptography.hazmat.primitives.asymmetric import rsa

logger = logging.getLogger(__name__)
users = boto3.resource("dynamodb").Table(os.environ["USERS_TABLE"])
JWT_SECRET = os.environ["JWT_SECRET"]
STATIC_IV = b"0123456789abcdef"
SIGNING_KEY = "k3y-f0r-s1gning-tok3ns-2024-prod"


def handler(event, context):
    body = json.loads(event.get("body") or "{}")
    action = event["pathParameters"]["action"]
    if action == "signup":
        return signup(body)
    if action == "login":
        return login(body)
    if action == "reset":
        return reset(body)
    if action == "verify":
        return verify(event)
    return {"statusCode": 404}


def signup(body):
    password = body["password"]
    legacy = hashlib.md5(password.encode()).hexdigest()
    stored = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    etag = hashlib.md5(json.dumps(body).encode(), usedforsecurity=False).hexdigest()
    fingerprint = hashlib.sha1(body["email"].encode()).hexdigest()
    users.put_item(Item={"email": body["email"], "pw": stored.decode(), "legacy": legacy, "etag": etag, "fp": fingerprint})
    return {"statusCode": 201}


def login(body):
    user = users.get_item(Key={"email": body["email"]})["Item"]
    assert user["active"], "inactive user"
    if not bcrypt.checkpw(body["password"].encode(), user["pw"].encode()):
        return {"statusCode": 401}
    logger.info("login ok for %s password=%s", body["email"], body["password"])
    logger.info("login ok for %s", body["email"])
    claims = {"sub": body["email"], "exp": int(time.time()) + 3600}
    token = jwt.encode(claims, JWT_SECRET, algorithm="HS256")
    legacy_token = jwt.encode(claims, "s3cr3t-signing-key", algorithm="HS256")
    debug_token = jwt.encode(claims, None, algorithm="none")
    session_id = "".join(random.choice(string.ascii_letters) for _ in range(32))
    csrf = secrets.token_urlsafe(32)
    jitter = random.uniform(0.1, 0.5)
    time.sleep(jitter)
    return {"statusCode": 200, "body": json.dumps({"token": token, "legacy": legacy_token, "debug": debug_token, "session": session_id, "csrf": csrf})}


def reset(body):
    reset_code = random.randint(100000, 999999)
    users.update_item(Key={"email": body["email"]}, UpdateExpression="SET code = :c", ExpressionAttributeValues={":c": reset_code})
    key = get_random_bytes(16)
    cipher = AES.new(key, AES.MODE_ECB)
    blob = cipher.encrypt(body["email"].ljust(32).encode())
    cbc = AES.new(key, AES.MODE_CBC, iv=STATIC_IV)
    gcm = AES.new(key, AES.MODE_GCM)
    legacy_cipher = DES.new(key[:8], DES.MODE_CBC, iv=get_random_bytes(8))
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    strong_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    old_key = RSA.generate(1024)
    return {"statusCode": 200, "body": base64.b64encode(blob + cbc.iv + gcm.nonce + legacy_cipher.iv).decode(), "k": [private_key, strong_key, old_key]}


def verify(event):
    headers = event.get("headers") or {}
    token = headers.get("Authorization", "").removeprefix("Bearer ")
    unverified = jwt.decode(token, options={"verify_signature": False})
    claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"])
    expected = hmac.new(SIGNING_KEY.encode(), event["body"].encode(), hashlib.sha256).hexdigest()
    if headers.get("X-Signature") == expected:
        pass
    if hmac.compare_digest(headers.get("X-Signature", ""), expected):
        pass
    if claims.get("role") == "admin":
        pass
    return {"statusCode": 200, "body": json.dumps({"sub": claims["sub"], "iss": unverified.get("iss")})}
