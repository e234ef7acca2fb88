exports.handler = async (event) => {
  // ruleid: javascript.insecure-random-token
  const token = Math.random().toString(36).slice(2);
  // ruleid: javascript.insecure-random-token
  let sessionId = Math.random().toString(16);
  // ok: javascript.insecure-random-token
  const colour = Math.random().toString(16).slice(2, 8);
  // ok: javascript.insecure-random-token
  const sample = Math.random() < 0.1;
  return { token, sessionId, colour, sample };
};
