import { spawn, spawnSync, execFile } from 'node:child_process';
export const handler = async (event) => {
  for (const r of event.Records) {
    const key = r.s3.object.key;
    // ruleid: javascript.lambda-spawn-shell-injection
    spawn('identify', [key], { shell: true });
    // ruleid: javascript.lambda-spawn-shell-injection
    spawnSync('convert', ['-resize', '50%', `/tmp/${key}`, '/tmp/out.png'], { shell: true, stdio: 'inherit' });
    // ok: javascript.lambda-spawn-shell-injection
    spawn('identify', [key]);
    // ok: javascript.lambda-spawn-shell-injection
    spawn('ls', ['-l', '/tmp'], { shell: true });
    // ok: javascript.lambda-spawn-shell-injection
    execFile('identify', [key], () => {});
  }
};
