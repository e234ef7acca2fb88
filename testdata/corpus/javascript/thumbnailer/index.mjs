// S3-triggered thumbnailer: resizes uploaded images with ImageMagick and writes them back.
import { exec, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const execFileAsync = promisify(execFile);
const WORK = '/tmp/work';

async function download(bucket, key) {
  const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const local = path.join(WORK, key);
  fs.writeFileSync(local, await obj.Body.transformToByteArray());
  return local;
}

export const handler = async (event) => {
  fs.mkdirSync(WORK, { recursive: true });
  fs.chmodSync(WORK, 0o777);
  fs.chmodSync('/tmp/work/cache', 0o700);
  fs.writeFileSync('/tmp/work/index.json', '{}', { mode: 0o666 });
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const local = await download(bucket, key);
    const out = '/tmp/work/' + path.basename(key) + '.thumb.png';
    const safeLocal = path.join(WORK, path.basename(key));
    const meta = fs.readFileSync(safeLocal);

    exec(`convert "${local}" -resize 200x200 "${out}"`, (err) => {
      if (err) console.error(err);
    });
    await execFileAsync('convert', [local, '-resize', '200x200', out]);
    const child = spawn('identify', [local], { shell: true });
    const listing = spawn('ls', ['-l', WORK]);
    child.on('close', () => listing.kill());

    await s3.send(new PutObjectCommand({
      Bucket: bucket,
      Key: 'thumbs/' + path.basename(key),
      Body: fs.readFileSync(out),
      ACL: 'public-read',
    }));
    await s3.send(new PutObjectCommand({
      Bucket: bucket,
      Key: 'meta/' + path.basename(key) + '.json',
      Body: JSON.stringify({ size: meta.length }),
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: process.env.KMS_KEY_ID,
      ACL: 'private',
    }));
    const cfg = fs.readFileSync(path.join('/opt/config', 'sizes.json'), 'utf8');
    console.log('processed', bucket, key, cfg.length);
  }
  return { ok: true };
};
