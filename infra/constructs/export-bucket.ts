import { Duration, Stack, Validations, type CfnElement } from "aws-cdk-lib";
import { Policy, PolicyStatement, type IRole } from "aws-cdk-lib/aws-iam";
import { Bucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { EXPORT_KEEP_DAYS, EXPORT_PREFIX } from "../../api/exports/export-store";
import { PRIVATE_DISPOSABLE_BUCKET } from "./private-bucket";

/**
 * What the function may do in the bucket, all under EXPORT_PREFIX: write an export (PutObject, which covers a
 * multipart upload's parts), give up a failed one (AbortMultipartUpload), and read one, which a presigned link
 * does with the function's own rights. No listing, no deleting (the lifecycle rule deletes), nothing elsewhere.
 */
export const EXPORT_ACTIONS = ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject"] as const;

/**
 * The files the API generates (the consolidated .xlsx, too large for a Lambda reply), kept a day and handed out
 * by presigned links that work for five minutes: private, encrypted, reachable over TLS only, emptied by a
 * lifecycle rule, and gone with the stack (every file is a copy of what the table keeps).
 */
export class ExportBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, "Files", {
      ...PRIVATE_DISPOSABLE_BUCKET,
      lifecycleRules: [
        {
          id: "exports-expire",
          prefix: EXPORT_PREFIX,
          expiration: Duration.days(EXPORT_KEEP_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "Every object is a copy of data the table keeps, written by the API function and deleted by the lifecycle rule within a day. " +
        "Who asked for each export is in the API's access log (the caller's sub); a server access log bucket would only add a second bucket " +
        "to keep and to log.",
    });
  }

  /** The function's rights in the bucket: EXPORT_ACTIONS on EXPORT_PREFIX, nothing more. */
  grantExports(role: IRole): Policy {
    const policy = new Policy(this, "FunctionAccess", {
      statements: [new PolicyStatement({ actions: [...EXPORT_ACTIONS], resources: [this.bucket.arnForObjects(`${EXPORT_PREFIX}*`)] })],
    });
    role.attachInlinePolicy(policy);
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${EXPORT_PREFIX}*]`,
      reason:
        "The wildcard is the export prefix: each export is a new object named <plan>/<random uuid>.xlsx under exports/, which no " +
        "policy can list in advance; the actions are only put, abort and get.",
    });
    return policy;
  }
}
