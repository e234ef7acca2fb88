import crypto from 'node:crypto';
export const handler = async (event: any) => {
  const body = JSON.parse(event.body);
  // ruleid: javascript.weak-hash-password
  const a = crypto.createHash('md5').update(body.password).digest('hex');
  // ruleid: javascript.weak-hash-password
  const b = crypto.createHash('sha1').update(salt + password).digest('hex');
  // ruleid: javascript.weak-hash-password
  const c = crypto.createHash('sha256').update(body.newPassword).digest('base64');
  // ok: javascript.weak-hash-password
  const d = crypto.createHash('md5').update(body.content).digest('base64');
  // ok: javascript.weak-hash-password
  const e = crypto.scryptSync(body.password, salt, 64);
  return [a, b, c, d, e];
};
