const crypto = require('crypto');
const FIXED_IV = Buffer.from('a1b2c3d4e5f6a7b8');
const IV_OK = crypto.randomBytes(16);
exports.handler = async (event) => {
  // ruleid: javascript.static-iv
  const a = crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16, 0));
  // ruleid: javascript.static-iv
  const b = crypto.createCipheriv('aes-256-gcm', key, Buffer.from('0123456789ab'));
  // ruleid: javascript.static-iv
  const c = crypto.createCipheriv('aes-256-cbc', key, '1234567890123456');
  // ok: javascript.static-iv
  const d = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));
  // ok: javascript.static-iv
  const e = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(msg.iv, 'base64'));
  // ok: javascript.static-iv
  const f = crypto.createCipheriv('aes-256-cbc', key, IV_OK);
  // ruleid: javascript.static-iv
  const g = crypto.createCipheriv('aes-256-cbc', key, FIXED_IV);
};
