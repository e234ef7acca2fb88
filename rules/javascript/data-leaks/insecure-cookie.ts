import express from 'express';
const app = express();
export const handler = async (event: any) => {
  return {
    statusCode: 200,
    // ruleid: javascript.insecure-cookie
    headers: { 'Set-Cookie': `session=${event.body}; Path=/` },
    // ruleid: javascript.insecure-cookie
    cookies: [`theme=dark; Path=/`],
  };
};
export const ok = async () => ({
  statusCode: 200,
  // ok: javascript.insecure-cookie
  headers: { 'Set-Cookie': 'sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax' },
  // ok: javascript.insecure-cookie
  cookies: ['a=b; Secure; HttpOnly'],
});
export const ok2 = async () => ({
  statusCode: 200,
  // ok: javascript.insecure-cookie
  cookies: [`r=${Date.now()}; Path=/; Secure; HttpOnly`],
});
app.get('/', (req, res) => {
  // ruleid: javascript.insecure-cookie
  res.cookie('sid', req.query.id);
  // ok: javascript.insecure-cookie
  res.cookie('sid', req.query.id, { secure: true, httpOnly: true, sameSite: 'strict' });
});
