import { RemovalPolicy } from "aws-cdk-lib";
import { BlockPublicAccess, BucketEncryption, ObjectOwnership, type BucketProps } from "aws-cdk-lib/aws-s3";

/**
 * The stack's buckets hold files it can make again (the built pane, exported copies of the table's data): no
 * public access, no ACLs, encrypted at rest, TLS only, and emptied and removed with the stack.
 */
export const PRIVATE_DISPOSABLE_BUCKET: BucketProps = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.DESTROY,
  autoDeleteObjects: true,
};
