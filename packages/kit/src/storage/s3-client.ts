import {
  CreateBucketCommand,
  ListObjectsV2Command,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { errorName } from './s3-errors.js';
import type { ObjectInfo } from './types.js';

export interface S3ConnectionOptions {
  /** e.g. 'http://minio:9000'; absent means AWS itself. */
  endpoint?: string;
  region: string;
  /** Absent: the SDK's default credential chain (environment, instance role ...). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** MinIO and s3rver want path-style URLs (http://host/bucket/key); default true. */
  forcePathStyle?: boolean;
}

export function createS3Client(options: S3ConnectionOptions): S3Client {
  return new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle ?? true,
    // Checksums only when an API requires them: MinIO and s3rver reject or ignore the newer defaults.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.accessKeyId !== undefined && options.secretAccessKey !== undefined
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {}),
  });
}

/** Every object under `prefix`, following ListObjectsV2 continuation tokens page by page. */
export async function listAllObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  pageSize: number,
): Promise<ObjectInfo[]> {
  const infos: ObjectInfo[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        MaxKeys: pageSize,
        ...(continuationToken === undefined ? {} : { ContinuationToken: continuationToken }),
      }),
    );
    for (const item of page.Contents ?? []) {
      if (item.Key === undefined) continue;
      const info = { key: item.Key, size: item.Size ?? 0 };
      infos.push(item.LastModified === undefined ? info : { ...info, lastModified: item.LastModified });
    }
    continuationToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (continuationToken !== undefined);
  return infos;
}

/** Creates `bucket`; losing a race to another process that created it is success. */
export async function createBucket(client: S3Client, bucket: string, region: string): Promise<void> {
  // us-east-1 is the one region where S3 refuses an explicit LocationConstraint.
  const location = region === 'us-east-1' ? undefined : (region as BucketLocationConstraint);
  try {
    await client.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(location === undefined ? {} : { CreateBucketConfiguration: { LocationConstraint: location } }),
      }),
    );
  } catch (error) {
    const name = errorName(error);
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}
