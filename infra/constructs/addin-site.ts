import { existsSync } from "node:fs";
import { join } from "node:path";
import { Annotations, Duration, Validations } from "aws-cdk-lib";
import {
  Distribution,
  HeadersReferrerPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { Bucket } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct, type IConstruct } from "constructs";
import { PRIVATE_DISPOSABLE_BUCKET } from "./private-bucket";

/** The page manifest.xml opens; vite writes it at the root of dist/addin. */
export const PANE_PAGE = "taskpane.html";

export interface AddinSiteProps {
  /**
   * The built task pane (`npm run build:addin` writes dist/addin). When it holds no taskpane.html the site is
   * created empty, with a warning, so synth and tests never need a build; `npm run deploy` builds first.
   */
  addinDir?: string;
}

/** The task pane's files in a private bucket that only this CloudFront distribution may read (origin access control). */
export class AddinSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://<id>.cloudfront.net, the origin `npm run manifest -- --url` wants. */
  readonly origin: string;
  readonly deployment?: BucketDeployment;

  constructor(scope: Construct, id: string, props: AddinSiteProps) {
    super(scope, id);
    // Only build output lives here: tearing down may delete it, a deploy writes it again.
    this.bucket = new Bucket(this, "Files", PRIVATE_DISPOSABLE_BUCKET);
    Validations.of(this.bucket).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "The bucket holds only the built task pane, the same files every user downloads; CloudFront is its only reader " +
        "(origin access control) and the deployment its only writer. Who reads or changes data is in the API's access log.",
    });

    // Office on the web shows the pane in an iframe, so no X-Frame-Options; the rest of the usual set applies.
    const headers = new ResponseHeadersPolicy(this, "Headers", {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    this.distribution = new Distribution(this, "Cdn", {
      comment: "台账 Excel 加载项",
      defaultRootObject: PANE_PAGE,
      // Asia (Hong Kong, Singapore, …) is in the 200 class; the costlier South American and Oceanian edges are not needed.
      priceClass: PriceClass.PRICE_CLASS_200,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    const cdnReasons: Record<string, string> = {
      "AwsSolutions-CFR1":
        "Units' staff open the pane wherever they work; the files are public JavaScript and carry no data, so no country is refused.",
      "AwsSolutions-CFR2":
        "The distribution serves static files only and accepts no writes; the API it talks to is behind a JWT authorizer and a " +
        "stage throttle. A WAF web ACL would add a fixed monthly charge larger than the rest of the bill for no data it protects.",
      "AwsSolutions-CFR3":
        "Standard CloudFront logs need a second bucket with ACLs enabled; requests for the pane's static files carry no user data, " +
        "and every request that does is in the API's access log.",
      "AwsSolutions-CFR4":
        "With the default *.cloudfront.net certificate CloudFront cannot raise the minimum viewer TLS version. An office with its own " +
        "domain adds an ACM certificate (us-east-1) and TLSv1.2_2021; the pane's files are public and tokens go only to the API.",
    };
    for (const [id, reason] of Object.entries(cdnReasons)) Validations.of(this.distribution).acknowledge({ id, reason });

    if (props.addinDir && existsSync(join(props.addinDir, PANE_PAGE))) {
      this.deployment = new BucketDeployment(this, "Upload", {
        sources: [Source.asset(props.addinDir)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ["/*"],
      });
      // The copying function is CDK's own singleton, shared by every BucketDeployment in the stack; its policy is
      // written by aws-cdk-lib and scoped to the asset bucket and this bucket.
      const copier: IConstruct = this.deployment.handlerRole.node.scope!;
      const copierReasons: Record<string, string> = {
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]":
          "CDK's BucketDeployment handler writes its own logs through the basic execution policy; it runs only during a deploy.",
        "AwsSolutions-L1": "CDK's BucketDeployment handler is a Python function whose runtime aws-cdk-lib chooses and upgrades, not this stack.",
      };
      // Each wildcard of the handler's policy (aws-cdk-lib's own grants), with what it is for.
      const wildcards: Record<string, string> = {
        "Action::s3:GetObject*": "reading the uploaded asset zip (GetObject, GetObjectVersion …) from the CDK asset bucket",
        "Action::s3:GetBucket*": "reading the asset and add-in buckets' location and versioning before copying",
        "Action::s3:List*": "listing the add-in bucket to delete files a new build no longer has (prune)",
        "Action::s3:DeleteObject*": "pruning files a new build no longer has from the add-in bucket",
        "Action::s3:Abort*": "abandoning a failed multipart upload of a large bundle",
        "Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*":
          "every object in the bootstrap asset bucket, where the deploy puts the add-in zip under a hash name",
        "Resource::<AddinFiles82741408.Arn>/*": "every object of the add-in bucket, which the deployment replaces as a whole",
        "Resource::*": "cloudfront:CreateInvalidation/GetInvalidation, which IAM cannot scope to one distribution here",
      };
      for (const [finding, use] of Object.entries(wildcards)) copierReasons[`AwsSolutions-IAM5[${finding}]`] = `CDK's BucketDeployment handler: ${use}.`;
      for (const [id, reason] of Object.entries(copierReasons)) Validations.of(copier).acknowledge({ id, reason });
    } else {
      Annotations.of(this).addWarning(
        `没有找到已构建的加载项（${props.addinDir ?? "未指定目录"}/${PANE_PAGE}）：站点将为空。请先运行 npm run build:addin，或直接用 npm run deploy。`,
      );
    }
  }
}
