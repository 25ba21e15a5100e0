// The export store on AWS: the function streams the file into the export bucket under exports/ (a multipart
// upload as it is written, so the file is never whole in memory) and hands out a presigned GET. The bucket's
// lifecycle rule deletes what is left after a day; the function's role may only put and get under exports/.
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { PassThrough } from "node:stream";
import { attachment, EXPORT_KEY, EXPORT_LINK_SECONDS, EXPORT_PREFIX, type ExportStore } from "./export-store";

export function s3ExportStore(options: { bucket: string; client?: S3Client; now?: () => string }): ExportStore {
  const client = options.client ?? new S3Client({ region: process.env.AWS_REGION });
  const objectKey = (key: string) => {
    if (!EXPORT_KEY.test(key)) throw new Error(`export key ${key} is not <planId>/<uuid>.xlsx`);
    return `${EXPORT_PREFIX}${key}`;
  };
  return {
    async save(file, produce) {
      const body = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket: options.bucket, Key: objectKey(file.key), Body: body, ContentType: file.contentType, ContentDisposition: attachment(file.fileName) },
        // A failed upload removes its parts (AbortMultipartUpload); the lifecycle rule catches any that survive.
        leavePartsOnError: false,
      });
      try {
        await Promise.all([produce(body), upload.done()]);
      } catch (error) {
        body.destroy();
        await upload.abort().catch(() => undefined);
        throw error;
      }
    },

    async link(file) {
      const command = new GetObjectCommand({
        Bucket: options.bucket,
        Key: objectKey(file.key),
        ResponseContentDisposition: attachment(file.fileName),
        ResponseContentType: file.contentType,
      });
      const url = await getSignedUrl(client, command, { expiresIn: EXPORT_LINK_SECONDS });
      const at = Date.parse(options.now?.() ?? new Date().toISOString());
      return { url, expiresAt: new Date(at + EXPORT_LINK_SECONDS * 1000).toISOString(), fileName: file.fileName };
    },
  };
}
