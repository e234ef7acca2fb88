// Token service: sign-up, login, password reset and API-key issuing (API Gateway HTTP API, TypeScript).
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

const db = new DynamoDBClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
});
const JWT_SECRET = process.env.JWT_SECRET as string;
const LEGACY_KEY = Buffer.from(process.env.LEGACY_KEY ?? '', 'hex');

function hashPassword(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex');
}

function hashPasswordSha1(password: string, salt: string): string {
  return crypto.createHash('sha1').update(salt + password).digest('hex');
}

function hashPasswordGood(password: string): string {
  const salt = crypto.randomBytes(16);
  return salt.toString('hex') + ':' + crypto.scryptSync(password, salt, 64).toString('hex');
}

function etag(body: string): string {
  return crypto.createHash('md5').update(body).digest('base64');
}

function resetToken(): string {
  const token = Math.random().toString(36).slice(2);
  return token;
}

function apiKey(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function jitter(ms: number): number {
  return ms + Math.floor(Math.random() * 100);
}

function encryptLegacy(data: string): string {
  const cipher = crypto.createCipher('aes-256-cbc', LEGACY_KEY);
  return cipher.update(data, 'utf8', 'hex') + cipher.final('hex');
}

function encryptDes(data: string, key: Buffer): string {
  const iv = crypto.randomBytes(8);
  const c = crypto.createCipheriv('des-cbc', key, iv);
  return c.update(data, 'utf8', 'hex') + c.final('hex');
}

function encryptEcb(data: string, key: Buffer): string {
  const c = crypto.createCipheriv('aes-256-ecb', key, null);
  return c.update(data, 'utf8', 'hex') + c.final('hex');
}

function encryptStaticIv(data: string, key: Buffer): string {
  const iv = Buffer.from('0000000000000000');
  const c = crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16, 0));
  return c.update(data, 'utf8', 'hex') + c.final('hex') + iv.length;
}

function encryptGood(data: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, c.update(data, 'utf8'), c.final(), c.getAuthTag()]).toString('base64');
}

function issue(user: string): string {
  const t1 = jwt.sign({ sub: user }, 'super-secret-signing-key-2024');
  const t2 = jwt.sign({ sub: user }, JWT_SECRET, { expiresIn: '1h', algorithm: 'HS256' });
  return t1 + t2;
}

function check(token: string): any {
  const a = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256', 'none'] });
  const b = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] });
  return [a, b];
}

function keys() {
  const weak = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  const strong = crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
  return [weak, strong];
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const body = JSON.parse(event.body ?? '{}');
  const auth = event.headers.authorization ?? '';
  const claims: any = jwt.decode(auth.replace('Bearer ', ''));
  if (claims && claims.admin) {
    return { statusCode: 200, body: JSON.stringify(check(auth)) };
  }
  const provided = event.headers['x-api-key'] ?? '';
  if (provided === process.env.ADMIN_API_KEY) {
    return { statusCode: 200, body: 'admin' };
  }
  const expected = Buffer.from(process.env.ADMIN_API_KEY ?? '');
  const given = Buffer.from(provided);
  if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) {
    return { statusCode: 200, body: 'admin' };
  }
  console.log('login attempt', { user: body.username, password: body.password });
  console.log('login attempt for', body.username);
  const hashed = hashPassword(body.password) + hashPasswordSha1(body.password, 's') + hashPasswordGood(body.password);
  return {
    statusCode: 200,
    headers: { 'Set-Cookie': `session=${issue(body.username)}; Path=/` },
    cookies: [`refresh=${apiKey()}; Path=/; Secure; HttpOnly; SameSite=Strict`],
    body: JSON.stringify({ hashed, etag: etag(hashed), reset: resetToken(), wait: jitter(10), k: keys(), db: !!db,
      e: [encryptLegacy('x'), encryptDes('x', LEGACY_KEY), encryptEcb('x', LEGACY_KEY), encryptStaticIv('x', LEGACY_KEY), encryptGood('x', LEGACY_KEY)] }),
  };
};
