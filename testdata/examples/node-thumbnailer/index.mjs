// S3 "ObjectCreated" -> make a thumbnail with ImageMagick and store it.
import { S3Client, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { exec } from "node:child_process";
import { promisify } from "node:util";
import { writeFile, readFile } from "node:fs/promises";
import https from "node:https";

const run = promisify(exec);
const s3 = new S3Client({});
const agent = new https.Agent({ rejectUnauthorized: false });

export const handler = async (event) => {
  const results = [];
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const input = `/tmp/${key.split("/").pop()}`;
    await writeFile(input, Buffer.from(await obj.Body.transformToByteArray()));

    // Resize options may arrive as object metadata, e.g. "{width: 200}".
    const opts = eval("(" + (obj.Metadata?.resize ?? "{}") + ")");
    const width = Number(opts.width) || 128;

    const output = `/tmp/thumb-${Date.now()}.png`;
    await run(`convert ${input} -resize ${width}x ${output}`);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `thumbnails/${key}`, Body: await readFile(output) }));
    results.push(key);
  }
  // A literal: fine.
  const version = eval("1 + 1");
  return { processed: results.length, version, agent: Boolean(agent) };
};
